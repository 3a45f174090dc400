package mongo_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// notRegisters are the collections that are no register of their own:
// each is kept with a register's records, and restoring the register
// rebuilds it, or is transient, never backed up.
var notRegisters = map[string]string{
	"obligation_claims":      "kept with obligations",
	"correspondence_sources": "kept with correspondence: restoring an entry claims its sources",
	"obligation_locks":       "transient: an edit of an obligation in flight",
	"leases":                 "transient: which replica runs the reminders",
	"receipts":               "transient: requests received",
	"intake":                 "transient: requests acknowledged until answered",
	"intake_claims":          "transient: requests being answered",
	"backfills":              "bookkeeping: which rewrites of earlier versions' records are done",
	"installations":          "secrets: the provider's tokens of each workspace, never exported; reinstalled instead",
}

// TestRegistersCoverCollections fails when a collection holds records
// that no register streams: a collection the store writes must be a
// register's (registers in restore.go, and the registry in
// storage/registry.go), or be listed above with the reason backups leave
// it out. The store is seeded with every kind of record first, since
// MongoDB creates a collection on its first write.
func TestRegistersCoverCollections(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.Now = storagetest.NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, storagetest.Athens)).Now
	storagetest.Seed(t, storage.NewMongoStore(db))
	colls, err := db.CollectionNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	registered := mongo.RegisterCollections(db)
	for _, coll := range colls {
		if !slices.Contains(slices.Collect(maps.Values(registered)), coll) && notRegisters[coll] == "" {
			t.Errorf("collection %s is no register's: export, import and migrate would leave its records out", coll)
		}
	}
	for kind, coll := range registered {
		if !slices.Contains(colls, coll) {
			t.Errorf("register %s reads collection %s, which the seeded store lacks", kind, coll)
		}
	}
}
