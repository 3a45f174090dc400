package mongo_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestServerKind checks that Open tells FerretDB, which loses concurrent
// updates and so needs the obligation lock, from MongoDB, which does not.
func TestServerKind(t *testing.T) {
	db := MustOpenDB(t)
	if real := os.Getenv("PROXENOS_TEST_MONGODB_URI") != ""; db.FerretDB() == real {
		t.Fatalf("FerretDB() = %v, on a real MongoDB: %v", db.FerretDB(), real)
	}
}

// TestAgreementsWithoutLock runs the agreement conformance suite with the
// writes MongoDB uses, conditional updates and no obligation lock, on
// whatever server the tests have. FerretDB loses concurrent updates, so
// there it skips the concurrent cases, which
// TestConcurrentObligationsWithoutLockRealMongoDB runs on MongoDB.
func TestAgreementsWithoutLock(t *testing.T) {
	real := os.Getenv("PROXENOS_TEST_MONGODB_URI") != ""
	storagetest.RunAgreements(t, func(t *testing.T, now func() time.Time) *storage.Store {
		if !real && strings.Contains(t.Name(), "/Concurrent") {
			t.Skip("FerretDB loses concurrent updates of a document")
		}
		db := MustOpenDB(t)
		db.Now = now
		db.SetFerretDB(false)
		return storage.NewMongoStore(db)
	})
}

// TestConcurrentObligationsWithoutLockRealMongoDB races completions and
// updates of obligations with no obligation lock, as Open sets MongoDB up:
// only a real MongoDB (PROXENOS_TEST_MONGODB_URI) keeps conditional
// updates atomic.
func TestConcurrentObligationsWithoutLockRealMongoDB(t *testing.T) {
	if os.Getenv("PROXENOS_TEST_MONGODB_URI") == "" {
		t.Skip("needs a real MongoDB: set PROXENOS_TEST_MONGODB_URI")
	}
	open := func() *storage.Store {
		db := MustOpenDB(t)
		db.SetFerretDB(false)
		return storage.NewMongoStore(db)
	}
	t.Run("Completions", func(t *testing.T) { storagetest.RunConcurrentCompletions(t, open(), 50) })
	t.Run("StatusChanges", func(t *testing.T) { storagetest.RunConcurrentStatusChanges(t, open(), 50) })
}
