package mongo_test

import (
	"context"
	"net/url"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestMigrateCodes reopens a database whose countries and languages were
// kept as typed, before the backfill was marked done, and checks that
// they become codes, batch after batch, and that the ones that name
// nothing are kept and logged; and that a second Open leaves it alone.
func TestMigrateCodes(t *testing.T) {
	ctx := context.Background()
	first := MustOpenDB(t)
	storagetest.SeedLegacyCodes(t, storage.NewMongoStore(first))
	if _, err := first.Collection("backfills").DeleteOne(ctx, bson.D{{Key: "_id", Value: "codes"}}); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(serverURI)
	u.Path = "/" + first.Name()
	reopen := func() *mongo.DB {
		t.Helper()
		db, err := mongo.Open(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}

	defer mongo.SetCodesBatch(2)()
	log := storagetest.CaptureLog(t)
	storagetest.CheckCodes(t, storage.NewMongoStore(reopen()), log())

	before := log()
	reopen()
	if after := log(); after != before {
		t.Errorf("a second Open logged again:\n%s", after[len(before):])
	}
}
