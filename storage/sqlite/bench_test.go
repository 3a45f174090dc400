package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// benchDir holds the benchmark databases, built once per size and
// removed by TestMain; with PROXENOS_BENCH_DIR set they are kept there
// instead and reused by later runs (the file name holds the schema
// version).
var (
	benchDir  string
	benchKeep bool
	benchMu   sync.Mutex
	benchDBs  = map[int]*DB{}
	benchTeam = "TBENCH"
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, db := range benchDBs {
		db.Close()
	}
	if benchDir != "" && !benchKeep {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// vocabulary is the words entries are written in: a few real ones the
// queries use, then made-up ones, drawn with a Zipf law as in real text.
func vocabulary() []string {
	words := []string{"Συνάντηση", "Αθήνα", "δήμος", "forum", "πρόσκληση", "Q-Cities", "επίσκεψη", "twinning", "Ευρωπαϊκή", "πρόγραμμα"}
	syll := []string{"κα", "λο", "πε", "τρα", "μι", "νο", "στα", "ρη", "δε", "φυ", "ga", "ri", "mo", "len", "ta"}
	r := rand.New(rand.NewPCG(1, 2))
	for len(words) < 3000 {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words = append(words, b.String())
	}
	return words
}

// benchDB returns a database holding n entries of one workspace, over
// three years, with 300 partners: entries with their search rows in
// transactions of 20,000, the search index then merged into one segment.
func benchDB(b *testing.B, n int) *DB {
	benchMu.Lock()
	defer benchMu.Unlock()
	if db, ok := benchDBs[n]; ok {
		return db
	}
	if benchDir == "" {
		benchDir, benchKeep = os.Getenv("PROXENOS_BENCH_DIR"), true
		if benchDir == "" {
			dir, err := os.MkdirTemp("", "proxenos-bench-")
			if err != nil {
				b.Fatal(err)
			}
			benchDir, benchKeep = dir, false
		}
	}
	ctx := context.Background()
	path := filepath.Join(benchDir, fmt.Sprintf("bench-%d-v%d.db", n, len(migrations)))
	if _, err := os.Stat(path); err == nil {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("reusing %s", path)
		benchDBs[n] = db
		return db
	}
	// Build under a temporary name: an interrupted build is not reused.
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	db, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	words := vocabulary()
	r := rand.New(rand.NewPCG(3, 4))
	// The query words come at set rates: "Συνάντηση" in 10% of entries,
	// "Αθήνα" in 5%; the rest of the text is Zipf-distributed filler.
	zipf := rand.NewZipf(rand.New(rand.NewPCG(5, 6)), 1.1, 2, uint64(len(words)-11))
	text := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = words[10+zipf.Uint64()]
		}
		switch p := r.IntN(100); {
		case p < 10:
			parts[0] = "Συνάντηση"
		case p < 15:
			parts[0] = "Αθήνα"
		}
		return strings.Join(parts, " ")
	}
	countries := []string{"Ιταλία", "Γερμανία", "Ρουμανία", "Σερβία", "Βέλγιο", "France", "Sweden", "Κύπρος"}
	tags := []string{"cerv", "q-cities", "αδελφοποίηση", "urbact", "erasmus", "πρεσβεία"}
	partners := make([]string, 300)
	for i := range partners {
		partners[i] = fmt.Sprintf("p%03d", i)
	}
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, proxenos.OfficeZone())
	numbers := map[int]int{}
	// One connection, unsynced, with a large cache, and big
	// transactions: the benchmark's build only, never the store's.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, pragma := range []string{`PRAGMA synchronous = OFF`, `PRAGMA cache_size = -2097152`} {
		if _, err := conn.ExecContext(ctx, pragma); err != nil {
			b.Fatal(err)
		}
	}
	// Entries are made in list order, in big transactions.
	for done := 0; done < n; {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		slot, err := searchSlot(ctx, tx, benchTeam, proxenos.ProtocolNumber{})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 20_000 && done < n; i, done = i+1, done+1 {
			d := day0.AddDate(0, 0, done*3*365/n)
			numbers[d.Year()]++
			c := &proxenos.Correspondence{
				Protocol:    proxenos.ProtocolNumber{Year: d.Year(), Number: numbers[d.Year()]},
				Direction:   proxenos.Incoming,
				Date:        d,
				Registered:  d,
				PartnerID:   partners[r.IntN(len(partners))],
				Counterpart: "Δήμος " + words[10+r.IntN(300)],
				Country:     countries[r.IntN(len(countries))],
				Subject:     text(6),
				Summary:     text(25),
				Tags:        []string{tags[r.IntN(len(tags))]},
			}
			c.ID = c.Protocol.String()
			doc, _ := json.Marshal(c)
			sid, err := searchID(slot, c)
			if err != nil {
				b.Fatal(err)
			}
			if err := insertEntry(ctx, tx, benchTeam, sid, c, doc); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO correspondence_search (correspondence_search) VALUES ('optimize')`); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d entries in %v", n, time.Since(start).Round(time.Millisecond))
	// Fold the WAL into the file, so that the file alone is the database.
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	conn.Close()
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	if db, err = Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	benchDBs[n] = db
	return db
}

// BenchmarkFindCorrespondence measures searches and lists at 1k, 10k and
// 100k entries (and 1M with PROXENOS_BENCH_1M=1) and reports p50 and p95
// latencies in milliseconds.
//
//	go test ./storage/sqlite -run XXX -bench FindCorrespondence -benchtime 200x
func BenchmarkFindCorrespondence(b *testing.B) {
	cases := []struct {
		name   string
		filter proxenos.CorrespondenceFilter
	}{
		{"CommonWord", proxenos.CorrespondenceFilter{Query: "συναντηση"}},
		{"RareWord", proxenos.CorrespondenceFilter{Query: vocabulary()[2500]}},
		{"TwoPrefixes", proxenos.CorrespondenceFilter{Query: "συνα αθη"}},
		{"ShortPrefix", proxenos.CorrespondenceFilter{Query: "κα"}},
		// Other forms of the common words: found by their stems only.
		{"Inflected", proxenos.CorrespondenceFilter{Query: "συναντησεις"}},
		{"TwoInflected", proxenos.CorrespondenceFilter{Query: "συναντησεων αθηνων"}},
		{"Latest20", proxenos.CorrespondenceFilter{}},
		{"ByPartner", proxenos.CorrespondenceFilter{PartnerID: "p042"}},
		{"ByPeriod", proxenos.CorrespondenceFilter{From: time.Date(2025, 3, 1, 0, 0, 0, 0, proxenos.OfficeZone()), To: time.Date(2025, 4, 1, 0, 0, 0, 0, proxenos.OfficeZone())}},
		{"ByTag", proxenos.CorrespondenceFilter{Tag: "cerv"}},
		{"ByCountry", proxenos.CorrespondenceFilter{Country: "ιταλια"}},
		// Every entry here is incoming: a list of outgoing letters finds
		// none, and must not walk the register to say so.
		{"Outgoing", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing}},
		{"IncomingByPartner", proxenos.CorrespondenceFilter{Direction: proxenos.Incoming, PartnerID: "p042"}},
		{"OutgoingInPeriod", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing, From: time.Date(2025, 3, 1, 0, 0, 0, 0, proxenos.OfficeZone()), To: time.Date(2025, 4, 1, 0, 0, 0, 0, proxenos.OfficeZone())}},
	}
	sizes := []int{1_000, 10_000, 100_000}
	if os.Getenv("PROXENOS_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		for _, tc := range cases {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, tc.name), func(b *testing.B) {
				s := NewCorrespondenceService(benchDB(b, n))
				ctx := proxenos.NewContextWithTeam(context.Background(), benchTeam)
				lat := make([]time.Duration, 0, b.N)
				total := 0
				b.ResetTimer()
				for b.Loop() {
					t0 := time.Now()
					_, n, err := s.FindCorrespondence(ctx, tc.filter)
					lat = append(lat, time.Since(t0))
					if err != nil {
						b.Fatal(err)
					}
					total = n
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
				b.ReportMetric(float64(total), "matches")
			})
		}
	}
}
