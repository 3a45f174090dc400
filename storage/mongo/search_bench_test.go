package mongo_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// BenchmarkSearch searches registers of 1,000 and (with
// PROXENOS_BENCH_SEARCH_10K=1, as FerretDB scans every document of each
// query) 10,000 entries, each with the 480-character Greek summary of
// testdata plus a topic shared by one entry in 500 and a code of its
// own; it reports the stored bytes per entry. Run:
//
//	go test ./storage/mongo -run '^$' -bench BenchmarkSearch
func BenchmarkSearch(b *testing.B) {
	summary, err := os.ReadFile("testdata/greek_summary.txt")
	if err != nil {
		b.Fatal(err)
	}
	sizes := []int{1000}
	if os.Getenv("PROXENOS_BENCH_SEARCH_10K") != "" {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		db := MustOpenDB(b)
		ctx := storagetest.Ctx(storagetest.Team, "U1")
		entries := make([]*proxenos.Correspondence, n)
		for i := range entries {
			c := storagetest.Entry(storagetest.Day(2025, 1, 1).AddDate(0, 0, i%365), "Πρόσκληση σε αδελφοποίηση πόλεων")
			c.Protocol.Number, c.ID = i+1, fmt.Sprintf("%d/2025", i+1)
			c.Summary = fmt.Sprintf("%s θεμα%03d κωδ%05d", strings.TrimSpace(string(summary)), i%500, i)
			entries[i] = c
		}
		if err := mongo.InsertEntries(context.Background(), db, storagetest.Team, entries); err != nil {
			b.Fatal(err)
		}
		perEntry := storedBytes(b, db) / float64(n)
		s := storage.NewMongoStore(db)
		for _, q := range []struct{ name, query string }{
			{"CommonWord", "αδελφοποίηση"},
			{"CommonPrefix", "αδ"},
			{"RareWord", "θεμα042"},
			{"RarePrefix", "θεμα04"},
			{"CommonAndRare", "πρόσκληση θεμα042"},
			{"NoMatch", "ζζζ"},
		} {
			b.Run(fmt.Sprintf("%d/%s", n, q.name), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q.query}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(perEntry, "stored-B/entry")
			})
		}
	}
}

// storedBytes returns the size of the correspondence collection's
// documents as the server reports it (collStats size).
func storedBytes(b *testing.B, db *mongo.DB) float64 {
	b.Helper()
	raw, err := db.RunCommand(context.Background(), bson.D{{Key: "collStats", Value: "correspondence"}})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("collStats: %s", raw)
	var stats struct {
		Size float64 `bson:"size"`
	}
	if err := bson.Unmarshal(raw, &stats); err != nil {
		b.Fatal(err)
	}
	return stats.Size
}
