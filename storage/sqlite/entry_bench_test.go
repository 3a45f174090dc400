package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// BenchmarkEntry measures logging one entry on a copy of benchDB(n), at
// 1k, 10k and 100k entries, against the least a searchable write can
// cost: a raw insert, in one transaction, of the same row (into a copy of
// the correspondence table with its indexes, holding as many rows), its
// document, and one FTS5 row of the same folded words, stem and tag keys
// (with the options of correspondence_search: prefix='2 3 4', no
// positions). The two alternate, request by request, in one run.
// It reports the mean and p99 of each in ms, their ratio, and the bytes
// written per entry (write_bytes of /proc/self/io: what reaches the disk,
// WAL and checkpoints included). Writers8 runs 8 writers at once, each
// alternating the two, and reports the p50 and p99 of each.
//
//	go test ./storage/sqlite -run XXX -bench Entry -benchtime 400x
func BenchmarkEntry(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			db := entryBenchDB(b, n)
			raw := newRawWriter(b, db)
			s := NewCorrespondenceService(db)
			ctx := proxenos.NewContextWithTeam(context.Background(), benchTeam)
			r := rand.New(rand.NewPCG(7, 8))
			var lat [2][]time.Duration
			var bytes [2]int64
			for i := 0; b.Loop(); i++ {
				c := benchEntry(r, db.Now())
				w0, t0 := writeBytes(b), time.Now()
				if i%2 == 0 {
					raw.insert(b, c)
				} else if err := s.CreateCorrespondence(ctx, c); err != nil {
					b.Fatal(err)
				}
				lat[i%2] = append(lat[i%2], time.Since(t0))
				bytes[i%2] += writeBytes(b) - w0
			}
			for i, name := range []string{"raw", "entry"} {
				b.ReportMetric(mean(lat[i]), name+"-mean-ms")
				b.ReportMetric(quantile(lat[i], 0.99), name+"-p99-ms")
				b.ReportMetric(float64(bytes[i])/1024/float64(max(len(lat[i]), 1)), name+"-KiB/op")
			}
			b.ReportMetric(mean(lat[1])/mean(lat[0]), "entry/raw")
		})
		b.Run(fmt.Sprintf("%dk/Writers8", n/1000), func(b *testing.B) { benchWriters8(b, n, true) })
		b.Run(fmt.Sprintf("%dk/Writers8Entries", n/1000), func(b *testing.B) { benchWriters8(b, n, false) })
	}
}

// benchWriters8 runs 8 writers at once on a copy of benchDB(n), each
// logging entries; with raw, each alternates an entry with the raw row
// and FTS5 row of one (whose FTS5 merges in its own commits, as FTS5
// does by default), else logs entries only: the office's 8 people
// logging at once.
func benchWriters8(b *testing.B, n int, withRaw bool) {
	db := entryBenchDB(b, n)
	var raw *rawWriter
	if withRaw {
		raw = newRawWriter(b, db)
	}
	s := NewCorrespondenceService(db)
	ctx := proxenos.NewContextWithTeam(context.Background(), benchTeam)
	var mu sync.Mutex
	var lat [2][]time.Duration
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(9, uint64(w)))
			for i := range max(b.N/8, 2) {
				c := benchEntry(r, db.Now())
				t0 := time.Now()
				kind := 1 // an entry
				if withRaw && i%2 == 0 {
					kind = 0
					raw.insert(b, c)
				} else if err := s.CreateCorrespondence(ctx, c); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lat[kind] = append(lat[kind], time.Since(t0))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for i, name := range []string{"raw", "entry"} {
		if len(lat[i]) > 0 {
			b.ReportMetric(quantile(lat[i], 0.5), name+"-p50-ms")
			b.ReportMetric(quantile(lat[i], 0.99), name+"-p99-ms")
		}
	}
}

// entryBenchDB opens a copy of benchDB(n), so that the entries written
// leave the shared one as it was; the copy goes when b ends.
func entryBenchDB(b *testing.B, n int) *DB {
	src := benchDB(b, n)
	if _, err := src.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "entry.db")
	copyFile(b, src.path, path)
	db, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// copyFile copies the file at from to to.
func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// benchEntry returns an entry like benchDB's, registered today.
func benchEntry(r *rand.Rand, now time.Time) *proxenos.Correspondence {
	words := vocabulary()
	text := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = words[r.IntN(len(words))]
		}
		return strings.Join(parts, " ")
	}
	day := search.Day(now, proxenos.OfficeZone())
	return &proxenos.Correspondence{
		Protocol: proxenos.ProtocolNumber{Year: day.Year()}, Direction: proxenos.Incoming, Date: day, Registered: day,
		Counterpart: "Δήμος " + words[10+r.IntN(300)], Country: "Ιταλία", Subject: text(6), Summary: text(25),
		Tags: []string{"cerv"}, Medium: proxenos.MediumEmail, LoggedBy: "U1",
	}
}

// rawWriter inserts entries the least costly searchable way, on tables
// of its own in db that hold as many rows as the register.
type rawWriter struct {
	db   *DB
	next atomic.Int64 // the last protocol number taken
}

// newRawWriter makes the raw tables and fills them with db's entries.
func newRawWriter(b *testing.B, db *DB) *rawWriter {
	ctx := context.Background()
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`CREATE TABLE raw_entries (id INTEGER PRIMARY KEY, team TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
				direction TEXT NOT NULL, date INTEGER NOT NULL, partner_id TEXT NOT NULL, country_key TEXT NOT NULL, UNIQUE (team, year, number))`,
			`CREATE TABLE raw_docs (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)`,
			`CREATE INDEX raw_date ON raw_entries (team, date DESC, year DESC, number DESC)`,
			`CREATE INDEX raw_partner ON raw_entries (team, partner_id, date DESC, year DESC, number DESC)`,
			`CREATE INDEX raw_country ON raw_entries (team, country_key, date DESC, year DESC, number DESC)`,
			`CREATE INDEX raw_direction ON raw_entries (team, direction, date DESC, year DESC, number DESC)`,
			`CREATE VIRTUAL TABLE raw_search USING fts5 (terms, content = '', detail = none, prefix = '2 3 4', tokenize = 'ascii')`,
			`INSERT INTO raw_entries (id, team, year, number, direction, date, partner_id, country_key)
				SELECT id, team, year, number, direction, date, partner_id, country_key FROM correspondence`,
			`INSERT INTO raw_docs (id, doc) SELECT id, doc FROM correspondence_docs`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, doc FROM raw_docs`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var doc string
			if err := rows.Scan(&id, &doc); err != nil {
				return err
			}
			c, err := decodeEntry(doc, proxenos.OfficeZone())
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO raw_search (rowid, terms) VALUES (?, ?)`, id, rawText(c)); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// As benchDB leaves correspondence_search: one merged segment.
		_, err = tx.ExecContext(ctx, `INSERT INTO raw_search (raw_search) VALUES ('optimize')`)
		return err
	}, "raw tables")
	if err != nil {
		b.Fatal(err)
	}
	w := &rawWriter{db: db}
	var last int64
	if err := db.db.QueryRow(`SELECT COALESCE(MAX(number), 0) FROM raw_entries`).Scan(&last); err != nil {
		b.Fatal(err)
	}
	w.next.Store(last)
	return w
}

// rawText is the folded text of c's words, stem and tag keys.
func rawText(c *proxenos.Correspondence) string {
	words, stems := search.EntryTerms(c)
	return strings.Join(slices.Concat(words, stems, tagKeys(c.Tags)), " ")
}

// insert writes c's row, document and search row in one transaction.
func (w *rawWriter) insert(b *testing.B, c *proxenos.Correspondence) {
	ctx := context.Background()
	c.Protocol.Number = int(w.next.Add(1))
	doc, _ := json.Marshal(c)
	err := w.db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO raw_entries (team, year, number, direction, date, partner_id, country_key)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, benchTeam, c.Protocol.Year, c.Protocol.Number, string(c.Direction), c.Registered.Unix(),
			c.PartnerID, proxenos.SearchKey(c.Country))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if _, err := tx.ExecContext(ctx, `INSERT INTO raw_docs (id, doc) VALUES (?, ?)`, id, string(doc)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO raw_search (rowid, terms) VALUES (?, ?)`, id, rawText(c))
		return err
	}, "raw insert")
	if err != nil {
		b.Fatal(err)
	}
}

// writeBytes returns the bytes this process has caused to be written to
// disk (write_bytes of /proc/self/io), or 0 where there is none.
func writeBytes(b *testing.B) int64 {
	raw, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if v, ok := strings.CutPrefix(line, "write_bytes: "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

// mean returns the mean of lat in ms.
func mean(lat []time.Duration) float64 {
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	return float64(sum.Microseconds()) / 1000 / float64(max(len(lat), 1))
}

// quantile returns the q-quantile of lat in ms.
func quantile(lat []time.Duration, q float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(lat))
	return float64(s[min(int(float64(len(s))*q), len(s)-1)].Microseconds()) / 1000
}
