package mongo_test

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/internal/search"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestOpenDropsSearchPrefixes opens a database written the way earlier
// versions wrote it: every entry and partner with the prefixes of its
// words, indexed. Open removes them from every document, over several
// batches, and drops their indexes; search answers as before, and a
// second Open finds nothing to do.
func TestOpenDropsSearchPrefixes(t *testing.T) {
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	old := MustOpenDB(t)
	s := storage.NewMongoStore(old)
	entry := storagetest.Entry(storagetest.Day(2026, 1, 5), "Συνάντηση στην Αθήνα")
	if err := s.Correspondence.CreateCorrespondence(ctx, entry); err != nil {
		t.Fatal(err)
	}
	partner := &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality, Country: "Ιταλία"}
	if err := s.Partners.CreatePartner(ctx, partner); err != nil {
		t.Fatal(err)
	}
	defer mongo.SetPrefixBatch(4)()
	const clones = 10 // entries of 2025: three batches with the first
	writeWithPrefixes(t, old, "correspondence", clones)
	writeWithPrefixes(t, old, "partners", 0)

	for range 2 {
		db := reopen(t, old)
		for _, coll := range []string{"correspondence", "partners"} {
			if n, err := db.Collection(coll).CountDocuments(context.Background(), bson.D{{Key: "prefixes", Value: bson.D{{Key: "$exists", Value: true}}}}); err != nil || n != 0 {
				t.Fatalf("%s: %d documents keep prefixes (%v)", coll, n, err)
			}
			for _, ix := range listIndexes(t, db, coll) {
				if _, ok := fieldOK(ix.Keys, "prefixes"); ok {
					t.Fatalf("%s: index %s remains", coll, ix.Name)
				}
			}
		}
		s := storage.NewMongoStore(db)
		got, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "αθ συν", From: storagetest.Day(2026, 1, 1)})
		if err != nil || total != 1 || got[0].Protocol != entry.Protocol {
			t.Fatalf("search after Open: %v (total %d, %v)", got, total, err)
		}
		if _, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "αθηνα", To: storagetest.Day(2026, 1, 1)}); err != nil || total != clones {
			t.Fatalf("search of the rewritten entries: total %d (%v), want %d", total, err, clones)
		}
		ps, _, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "faen"})
		if err != nil || len(ps) != 1 || !reflect.DeepEqual(ps[0], partner) {
			t.Fatalf("partner search after Open: %v (%v)", ps, err)
		}
	}
}

// writeWithPrefixes adds to each document of coll the prefixes of its
// words, as earlier versions stored them, and their index; with clones
// > 0 it also inserts that many copies of the collection's first
// document as entries 1, 2, … of 2025.
func writeWithPrefixes(t *testing.T, db *mongo.DB, coll string, clones int) {
	t.Helper()
	ctx := context.Background()
	c := db.Collection(coll)
	cur, err := c.Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []bson.D
	if err := cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	withPrefixes := func(d bson.D) bson.D {
		var words []string
		for _, w := range field(d, "words").(bson.A) {
			words = append(words, w.(string))
		}
		return append(d, bson.E{Key: "prefixes", Value: search.Prefixes(words)})
	}
	for _, d := range docs {
		if _, err := c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: field(d, "_id")}}, withPrefixes(d)); err != nil {
			t.Fatal(err)
		}
	}
	var more []any
	for i := 1; i <= clones; i++ {
		d := withPrefixes(append(bson.D{}, docs[0]...))
		for j, e := range d {
			switch e.Key {
			case "_id":
				d[j].Value = fmt.Sprintf("%s/2025/%d", storagetest.Team, i)
			case "id":
				d[j].Value = fmt.Sprintf("%d/2025", i)
			case "protocol":
				d[j].Value = bson.D{{Key: "year", Value: 2025}, {Key: "number", Value: i}}
			case "date", "registered":
				d[j].Value = storagetest.Day(2025, 1, 1+i%365)
			}
		}
		more = append(more, d)
	}
	if len(more) > 0 {
		if _, err := c.InsertMany(ctx, more); err != nil {
			t.Fatal(err)
		}
	}
	keys := bson.D{{Key: "team", Value: 1}, {Key: "prefixes", Value: 1}, {Key: "nameKey", Value: 1}, {Key: "_id", Value: 1}}
	if coll == "correspondence" {
		keys = bson.D{{Key: "team", Value: 1}, {Key: "prefixes", Value: 1}, {Key: "date", Value: -1},
			{Key: "protocol.year", Value: -1}, {Key: "protocol.number", Value: -1}}
	}
	if _, err := db.RunCommand(ctx, bson.D{{Key: "createIndexes", Value: coll}, {Key: "indexes", Value: bson.A{
		bson.D{{Key: "key", Value: keys}, {Key: "name", Value: "old_prefixes"}},
	}}}); err != nil {
		t.Fatal(err)
	}
}

// reopen opens db's database again, as a restarted process would, and
// closes it when t ends.
func reopen(t *testing.T, db *mongo.DB) *mongo.DB {
	t.Helper()
	u, err := url.Parse(serverURI)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db.Name()
	again, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}
