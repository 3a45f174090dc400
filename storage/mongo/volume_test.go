package mongo_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// maxKeysPerReturned bounds the index keys a read may examine for each
// document it returns (or counts). A page read off an index in order
// examines about one key per document; a filter the index does not hold
// (direction on the register's list) a few; thousands mean the index
// finds candidates the query then throws away, and the read slows with
// the register.
const maxKeysPerReturned = 10

// volumeEntries is how many entries TestRealMongo_Explain100k seeds;
// PROXENOS_TEST_EXPLAIN_ENTRIES changes it.
const volumeEntries = 100_000

// TestRealMongo_Explain100k runs only on a real MongoDB
// (PROXENOS_TEST_MONGODB_URI; deploy/verify-mongodb.sh starts one). It
// seeds a fresh database with 100,000 correspondence entries over seven
// years, 200 partners with calls, agreements and obligations, runs every
// read the store serves (the exercise's, plus lists by year, direction
// and partner, a rare word, a common and a rare word together, a lookup
// by number, a create by request and an edit), and explains each query
// shape with executionStats. It fails on a plan that scans a collection
// or uses no index, sorts in memory where an index gives the order, or
// examines more than maxKeysPerReturned index keys per document it
// returns or counts. Each shape's keys, documents and time are logged
// (go test -v) for BENCHMARKS.md.
func TestRealMongo_Explain100k(t *testing.T) {
	probe := MustOpenDB(t)
	if ok, why := serverIsMongoDB(t, probe); !ok {
		t.Skip(why)
	}
	n := volumeEntries
	if v := os.Getenv("PROXENOS_TEST_EXPLAIN_ENTRIES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("PROXENOS_TEST_EXPLAIN_ENTRIES=%q: want a positive number", v)
		}
	}
	r := &recorder{}
	db := openRecorded(t, r)
	s := storage.NewMongoStore(db)
	ops := seedExercise(t, s, 200)
	start := time.Now()
	seedVolume(t, s, n)
	t.Logf("seeded %d entries in %v", n, time.Since(start).Round(time.Second))
	ops = append(ops, volumeOps(s, n)...)
	r.take()
	for _, op := range ops {
		r.setWhere(op.name)
		if err := op.run(); err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
	}
	explainWithin(t, db, r.take(), maxKeysPerReturned)
}

// volumeYears are the years the seeded entries spread over.
const volumeYears = 7

// rareWord is in one seeded entry of 5,000.
const rareWord = "Καλαμάτα"

// seedVolume restores n entries into s's register of storagetest.Team,
// numbered from 1001 in each of volumeYears years (the exercise's own
// entries have the first numbers of 2026), by eight writers at once.
// Restore writes the document the store writes, search keys included,
// without numbering: fast enough for 100,000.
func seedVolume(t *testing.T, s *storage.Store, n int) {
	t.Helper()
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	partners, _, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Limit: 50})
	if err != nil || len(partners) == 0 {
		t.Fatalf("no partners to refer to (%v)", err)
	}
	reg := s.Registers.Find("correspondence")
	const writers = 8
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for w := range writers {
		wg.Go(func() {
			for i := w; i < n; i += writers {
				if _, err := reg.Restore(ctx, volumeEntry(i, partners[i%len(partners)].ID), 0); err != nil {
					mu.Lock()
					first = errors.Join(first, fmt.Errorf("entry %d: %w", i, err))
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		t.Fatal(first)
	}
}

// volumeEntry returns the i-th seeded entry: its year, direction,
// partner (one entry in three), country, tag and words vary with i.
func volumeEntry(i int, partnerID string) *proxenos.Correspondence {
	year := 2020 + i%volumeYears
	date := storagetest.Day(year, time.Month(1+i/volumeYears%12), 1+i/volumeYears%28)
	subjects := []string{"Πρόσκληση σε συνέδριο πόλεων", "Πρόταση κοινού έργου CERV", "Ευχαριστήρια επιστολή δημάρχου",
		"Invitation to the Eurocities forum", "Αίτημα για επίσκεψη αντιπροσωπείας"}
	c := storagetest.Entry(date, fmt.Sprintf("%s αρ. %d", subjects[i%len(subjects)], i))
	c.Protocol = proxenos.ProtocolNumber{Year: year, Number: 1001 + i/volumeYears}
	c.ID = c.Protocol.String()
	c.Summary = "Η επιτροπή διεθνών σχέσεων εξέτασε το αίτημα και προτείνει συνάντηση εργασίας τον επόμενο μήνα."
	c.Country = []string{"Italy", "Κύπρος", "France", "Deutschland"}[i%4]
	c.Tags = []string{[]string{"twinning", "q-cities", "cerv"}[i%3]}
	c.CreatedAt, c.UpdatedAt = date, date
	if i%2 == 1 {
		c.Direction = proxenos.Outgoing
	}
	if i%3 == 0 {
		c.PartnerID = partnerID
	}
	if i%5000 == 0 {
		c.Subject += " " + rareWord
	}
	return c
}

// volumeOps returns the reads that matter at volume beyond the
// exercise's: a year's register, with a direction or a partner, a rare
// word alone and after a common one, a lookup deep in a year, a create
// by request (its repeat check and numbering probes) and an edit, of
// the n seeded entries.
func volumeOps(s *storage.Store, n int) []op {
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	year := func(y int) (time.Time, time.Time) { return storagetest.Day(y, 1, 1), storagetest.Day(y+1, 1, 1) }
	from, to := year(2024)
	partners, _, _ := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Limit: 1})
	partner := ""
	if len(partners) > 0 {
		partner = partners[0].ID
	}
	corr := func(f proxenos.CorrespondenceFilter) func() error {
		return func() error { _, _, err := s.Correspondence.FindCorrespondence(ctx, f); return err }
	}
	middle := volumeEntry(n/2, "").Protocol
	return []op{
		{"Volume/Year", corr(proxenos.CorrespondenceFilter{From: from, To: to})},
		{"Volume/YearDirection", corr(proxenos.CorrespondenceFilter{From: from, To: to, Direction: proxenos.Incoming})},
		{"Volume/YearPartner", corr(proxenos.CorrespondenceFilter{From: from, To: to, PartnerID: partner})},
		{"Volume/Direction", corr(proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing})},
		{"Volume/Page10", corr(proxenos.CorrespondenceFilter{Offset: 180, Limit: 20})},
		{"Volume/RareWord", corr(proxenos.CorrespondenceFilter{Query: rareWord})},
		{"Volume/CommonThenRare", corr(proxenos.CorrespondenceFilter{Query: "πρόσκληση " + rareWord})},
		{"Volume/Prefix", corr(proxenos.CorrespondenceFilter{Query: "καλαμ"})},
		{"Volume/ByNumber", func() error {
			_, err := s.Correspondence.FindCorrespondenceByNumber(ctx, middle)
			return err
		}},
		{"Volume/CreateByRequest", func() error {
			c := storagetest.Entry(storagetest.Day(2026, 11, 26), "Άσκηση όγκου")
			return s.Correspondence.CreateCorrespondence(proxenos.NewContextWithRequest(ctx, "volume-1"), c)
		}},
		{"Volume/Update", func() error {
			summary := "Απαντήθηκε."
			_, err := s.Correspondence.UpdateCorrespondence(ctx, middle, proxenos.CorrespondenceUpdate{Summary: &summary})
			return err
		}},
	}
}

// explainWithin explains each query shape of qs on db, a MongoDB, with
// executionStats, and fails t as explainAll does (a collection scan, no
// index, an in-memory sort where an index gives the order) and, for
// reads, on more than bound index keys examined per document returned
// or counted. Exempt shapes are explained and logged only.
func explainWithin(t *testing.T, db *mongo.DB, qs []query, bound float64) {
	t.Helper()
	verdicts := checkQueries(t, db, qs)
	explainEach(t, db, qs, "executionStats", func(t *testing.T, q query, answer bson.Raw, p plan) {
		shape := q.shape()
		sorted := verdicts[shape].Problem == "" && (len(q.Sort) > 0 || q.Key != "") && !boundsOutsideSort(q)
		why := p.problem(sorted)
		returned := p.Returned
		if isRead(q.Op) {
			if n, ok := counted(t, db, q); ok {
				returned = n
			}
			why = cmp.Or(why, p.keysProblem(returned, bound))
		}
		if why != "" && exempt[shape] == "" {
			t.Errorf("collection %s: %s %s%s (sent by %s): %s", q.Coll, q.Op, shapeOf(q.Filter), sortText(q), q.Where, why)
		}
		t.Logf("%s: %s; keys %d, docs %d, returned %d, %d ms", shape, strings.Join(p.Stages, " > "), p.Keys, p.Docs, returned,
			explainMillis(answer))
	})
}

// isRead reports whether op only reads: its keys are weighed against
// what it returns. Writes are by _id or a claim's key and are checked
// for their plan only.
func isRead(op string) bool {
	switch op {
	case "find", "aggregate", "count", "distinct":
		return true
	}
	return false
}

// keysProblem returns what is wrong with the keys p examined for
// returned documents, or "": more than bound per document (a read that
// returns nothing may examine bound keys).
func (p plan) keysProblem(returned int64, bound float64) string {
	if float64(p.Keys) <= bound*float64(max(returned, 1)) {
		return ""
	}
	return fmt.Sprintf("%d index keys examined for %d documents returned, more than %g per document", p.Keys, returned, bound)
}

// counted runs q's command when it counts (count, distinct, an aggregate
// that counts as CountDocuments does) and returns how many documents it counted: the
// explain of a count returns one document however many it read. It
// reports false for other commands.
func counted(t *testing.T, db *mongo.DB, q query) (int64, bool) {
	t.Helper()
	cmd, err := explainCommand(q, "queryPlanner")
	if err != nil {
		t.Fatal(err)
	}
	inner, _ := field(cmd, "explain").(bson.D)
	if !(q.Op == "count" || q.Op == "distinct" || q.Op == "aggregate" && countsInto(inner, "n")) {
		return 0, false
	}
	answer, err := db.RunCommand(context.Background(), inner)
	if err != nil {
		t.Errorf("%s: %v", q.shape(), err)
		return 0, false
	}
	return countIn(answer), true
}

// countsInto reports whether the aggregate command cmd ends by counting
// its documents into field, as the driver's CountDocuments does:
// {$group: {_id: 1, n: {$sum: 1}}}.
func countsInto(cmd bson.D, name string) bool {
	pipeline, _ := field(cmd, "pipeline").(bson.A)
	if len(pipeline) == 0 {
		return false
	}
	last, _ := pipeline[len(pipeline)-1].(bson.D)
	group, _ := field(last, "$group").(bson.D)
	sum, _ := field(group, name).(bson.D)
	return number(field(sum, "$sum")) == 1
}

// countIn reads the count out of the answer of a count ({n}), an
// aggregate counting with $group ({cursor: {firstBatch: [{n}]}}) or a
// distinct ({values: […]}).
func countIn(answer bson.Raw) int64 {
	if v, err := answer.LookupErr("values"); err == nil {
		vals, _ := v.Array().Values()
		return int64(len(vals))
	}
	if v, err := answer.LookupErr("cursor", "firstBatch"); err == nil {
		docs, _ := v.Array().Values()
		var n int64
		for _, d := range docs {
			n += number(rawNumber(d.Document(), "n"))
		}
		return n
	}
	return number(rawNumber(answer, "n"))
}

// rawNumber returns the number at key in d, or nil.
func rawNumber(d bson.Raw, key string) any {
	v, err := d.LookupErr(key)
	if err != nil {
		return nil
	}
	switch v.Type {
	case bson.TypeInt32:
		return v.Int32()
	case bson.TypeInt64:
		return v.Int64()
	case bson.TypeDouble:
		return v.Double()
	}
	return nil
}

// explainMillis returns the executionTimeMillis of an explain answer
// with executionStats (summed over an aggregate's stages).
func explainMillis(answer bson.Raw) int64 {
	var doc bson.D
	if err := bson.Unmarshal(answer, &doc); err != nil {
		return 0
	}
	var ms int64
	walkDocs(doc, func(key string, d bson.D) {
		if key == "executionStats" {
			ms += number(field(d, "executionTimeMillis"))
		}
	})
	return ms
}

// TestPlanKeysPerReturned reads explain answers with executionStats,
// written after the shapes the MongoDB manual documents, and checks the
// keys-per-document check of TestRealMongo_Explain100k on each: a page
// read in index order passes, a filter that throws most of its index
// scan away fails, and a count is weighed against what it counted, not
// against the one document its explain returns.
func TestPlanKeysPerReturned(t *testing.T) {
	for _, tt := range []struct {
		file     string
		returned int64 // -1: nReturned of the answer
		want     string
		wantMS   int64
	}{
		{"keys_page.json", -1, "", 3},
		{"keys_filtered.json", -1, "48210 index keys examined for 3 documents returned", 141},
		{"keys_count_sbe.json", -1, "1207 index keys examined for 1 documents returned", 2},
		{"keys_count_sbe.json", 1207, "", 2},
		{"keys_count_cursor.json", 1207, "", 4},
		{"keys_nothing.json", -1, "", 0},
	} {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "explain", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var answer bson.Raw
			if err := bson.UnmarshalExtJSON(b, false, &answer); err != nil {
				t.Fatal(err)
			}
			p, err := readPlan(answer)
			if err != nil {
				t.Fatal(err)
			}
			if why := p.problem(true); why != "" {
				t.Errorf("problem = %q, want none (stages %v)", why, p.Stages)
			}
			returned := tt.returned
			if returned < 0 {
				returned = p.Returned
			}
			got := p.keysProblem(returned, maxKeysPerReturned)
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("keysProblem(%d) = %q, want %q (keys %d)", returned, got, tt.want, p.Keys)
			}
			if ms := explainMillis(answer); ms != tt.wantMS {
				t.Errorf("explainMillis = %d, want %d", ms, tt.wantMS)
			}
		})
	}
}

// TestCountIn reads the counts of the answers of the counting commands.
func TestCountIn(t *testing.T) {
	for _, tt := range []struct {
		answer bson.D
		want   int64
	}{
		{bson.D{{Key: "n", Value: int32(17)}, {Key: "ok", Value: 1.0}}, 17},
		{bson.D{{Key: "cursor", Value: bson.D{{Key: "firstBatch", Value: bson.A{bson.D{{Key: "_id", Value: 1}, {Key: "n", Value: int64(1207)}}}},
			{Key: "id", Value: int64(0)}}}, {Key: "ok", Value: 1.0}}, 1207},
		{bson.D{{Key: "cursor", Value: bson.D{{Key: "firstBatch", Value: bson.A{}}}}}, 0},
		{bson.D{{Key: "values", Value: bson.A{"T1", "T2"}}, {Key: "ok", Value: 1.0}}, 2},
	} {
		raw, err := bson.Marshal(tt.answer)
		if err != nil {
			t.Fatal(err)
		}
		if got := countIn(raw); got != tt.want {
			t.Errorf("countIn(%v) = %d, want %d", tt.answer, got, tt.want)
		}
	}
}

// TestVolumeSeedAndCounts runs what TestRealMongo_Explain100k does short
// of explaining, on the test server (FerretDB in CI) and 70 entries: the
// seeding, the reads of volumeOps, and the counting of a count's
// documents by running its command, which must agree with the total the
// store reports.
func TestVolumeSeedAndCounts(t *testing.T) {
	r := &recorder{}
	db := openRecorded(t, r)
	s := storage.NewMongoStore(db)
	seedExercise(t, s, 3) // its reads run in TestExplainCommands
	seedVolume(t, s, 70)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	for _, op := range volumeOps(s, 70) {
		if err := op.run(); err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
	}
	r.take()
	_, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing})
	if err != nil {
		t.Fatal(err)
	}
	counts := 0
	for _, q := range r.take() {
		n, ok := counted(t, db, q)
		if !ok {
			continue
		}
		counts++
		if n != int64(total) {
			t.Errorf("%s counted %d, the store reported %d", q.shape(), n, total)
		}
	}
	// 35 seeded outgoing entries, and the exercise's odd ones.
	if counts != 1 || total < 35 {
		t.Errorf("%d counts of %d entries, want one count of at least 35", counts, total)
	}
}
