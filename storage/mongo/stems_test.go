package mongo_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestOpenStemsOldDocuments opens a database written before stems were
// kept: entries and partners whose words lack stem keys, and no mark of
// the backfill. Open gives them their stems, over several batches, so
// that search by inflection finds them; a second Open finds it done.
func TestOpenStemsOldDocuments(t *testing.T) {
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	old := MustOpenDB(t)
	s := storage.NewMongoStore(old)
	for i, e := range []struct{ subject, lang string }{
		{"Πρόταση συνεργασίας", ""}, {"Συνάντηση στη Λεμεσό", ""}, {"Einladung zum Forum", "de"},
		{"Einladung nach Bonn", ""}, {"Αδελφοποιήσεις πόλεων", "el"},
	} {
		c := storagetest.Entry(storagetest.Day(2026, 3, 1+i), e.subject)
		c.Counterpart, c.Language = "Δήμος Λεμεσού", e.lang
		if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []*proxenos.Partner{
		{Name: "Δήμος Λεμεσού", Kind: proxenos.KindMunicipality, Country: "Κύπρος"},
		{Name: "Verband der Partnerstädte", Kind: proxenos.KindNetwork, Country: "Γερμανία"},
	} {
		if err := s.Partners.CreatePartner(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	bg := context.Background()
	for _, coll := range []string{"correspondence", "partners"} {
		withoutStems(t, old, coll)
	}
	if _, err := old.Collection("backfills").DeleteMany(bg, bson.D{}); err != nil {
		t.Fatal(err)
	}
	if _, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "συνεργασιες"}); err != nil || total != 0 {
		t.Fatalf("without stems: %d found (%v), want none", total, err)
	}
	defer mongo.SetPrefixBatch(2)()
	for range 2 {
		s := storage.NewMongoStore(reopen(t, old))
		for q, want := range map[string]int{"συνεργασιες": 1, "λεμεσος": 5, "Einladungen": 1, "αδελφοποιηση": 1} {
			if _, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q}); err != nil || total != want {
				t.Errorf("search %q after Open: %d found (%v), want %d", q, total, err, want)
			}
		}
		for q, want := range map[string]int{"Λεμεσός": 1, "Verbände": 1} {
			if _, total, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: q}); err != nil || total != want {
				t.Errorf("partners %q after Open: %d found (%v), want %d", q, total, err, want)
			}
		}
		if n, err := old.Collection("backfills").CountDocuments(bg, bson.D{{Key: "_id", Value: "stems"}}); err != nil || n != 1 {
			t.Fatalf("backfill marked done %d times (%v), want 1", n, err)
		}
	}
}

// withoutStems removes the stem keys from the words of every document of
// coll, as earlier versions stored them.
func withoutStems(t *testing.T, db *mongo.DB, coll string) {
	t.Helper()
	ctx := context.Background()
	cur, err := db.Collection(coll).Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct {
		ID    string   `bson:"_id"`
		Words []string `bson:"words"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		words := slices.DeleteFunc(d.Words, func(w string) bool { return strings.HasPrefix(w, "~") })
		if _, err := db.Collection(coll).UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "words", Value: words}}}}); err != nil {
			t.Fatal(err)
		}
	}
}
