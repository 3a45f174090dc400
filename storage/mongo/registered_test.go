package mongo_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestOpenRegisteredOldDocuments opens a database written before the
// register kept two dates: entries without a registration day and no
// mark of the backfill. Open gives each the day it was created, over
// several batches, so that periods go by registration; a second Open
// finds it done.
func TestOpenRegisteredOldDocuments(t *testing.T) {
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	old := MustOpenDB(t)
	logged := time.Date(2026, 12, 3, 10, 0, 0, 0, storagetest.Athens)
	old.Now = func() time.Time { return logged }
	s := storage.NewMongoStore(old)
	// Letters of 2025 logged in December 2026.
	for i, subject := range []string{"Πρόσκληση", "Πρόγραμμα", "Απάντηση"} {
		c := storagetest.Entry(storagetest.Day(2026, 12, 3), subject)
		c.Date = storagetest.Day(2025, 6, 10-i)
		if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	bg := context.Background()
	if _, err := old.Collection("correspondence").UpdateMany(bg, bson.D{}, bson.D{{Key: "$unset", Value: bson.D{{Key: "registered", Value: ""}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.Collection("backfills").DeleteMany(bg, bson.D{{Key: "_id", Value: "registered"}}); err != nil {
		t.Fatal(err)
	}
	december := proxenos.CorrespondenceFilter{From: storagetest.Day(2026, 12, 1), To: storagetest.Day(2027, 1, 1)}
	if _, total, _ := s.Correspondence.FindCorrespondence(ctx, december); total != 0 {
		t.Fatalf("without registration days December holds %d entries; the test does not show old documents", total)
	}
	defer mongo.SetPrefixBatch(2)()
	for i := range 2 {
		s := storage.NewMongoStore(reopen(t, old))
		got, total, err := s.Correspondence.FindCorrespondence(ctx, december)
		if err != nil || total != 3 {
			t.Fatalf("Open %d: December holds %d entries (%v), want the 3 registered then", i+1, total, err)
		}
		for _, c := range got {
			if !c.Registered.Equal(storagetest.Day(2026, 12, 3)) || c.Date.Year() != 2025 {
				t.Errorf("Open %d: %s registered %v, dated %v", i+1, c.Protocol, c.Registered, c.Date)
			}
		}
		if n, err := old.Collection("backfills").CountDocuments(bg, bson.D{{Key: "_id", Value: "registered"}}); err != nil || n != 1 {
			t.Fatalf("Open %d: backfill marked %d times (%v)", i+1, n, err)
		}
	}
}
