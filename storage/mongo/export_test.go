package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
)

// DropDatabase drops the whole database; tests call it in Cleanup.
func (db *DB) DropDatabase(ctx context.Context) error {
	return db.db.Drop(ctx)
}

// Name returns the database name.
func (db *DB) Name() string { return db.db.Name() }

// RegisterCollections returns the collections whose documents are the
// records of a register, by register.
func RegisterCollections(db *DB) map[string]string {
	out := map[string]string{}
	for coll, r := range registers(db) {
		out[r.Kind()] = coll
	}
	return out
}

// Collection returns a collection of the database, for tests that write
// documents as an earlier version did.
func (db *DB) Collection(name string) *mongo.Collection { return db.db.Collection(name) }

// SourceClaim is a claim on a source as stored.
type SourceClaim = sourceClaimDoc

// SetSourceTimes sets how long a create waits for another's entry and
// how long it has to write its own after claiming its sources, until the
// returned function restores them.
func SetSourceTimes(wait, window time.Duration) (restore func()) {
	oldWait, oldWindow := sourceWait, sourceWriteWindow
	sourceWait, sourceWriteWindow = wait, window
	return func() { sourceWait, sourceWriteWindow = oldWait, oldWindow }
}

// SetPrefixBatch sets how many documents Open rewrites at once when it
// drops stored prefixes, until the returned function restores it.
func SetPrefixBatch(n int) (restore func()) {
	old := prefixBatch
	prefixBatch = n
	return func() { prefixBatch = old }
}

// InsertEntries stores entries as CreateCorrespondence stores them, in
// one insertMany, without numbering them: benchmarks seed with it.
func InsertEntries(ctx context.Context, db *DB, team string, entries []*proxenos.Correspondence) error {
	docs := make([]any, len(entries))
	for i, c := range entries {
		docs[i] = newCorrDoc(team, c, 0)
	}
	_, err := db.db.Collection(correspondenceColl).InsertMany(ctx, docs)
	return err
}

// SetFerretDB says whether the server loses concurrent updates, so
// that tests can run the lock-free writes of MongoDB on FerretDB, one
// writer at a time.
func (db *DB) SetFerretDB(lost bool) { db.ferretDB = lost }

// LostUpdates reports what Open found out about the server.
func (db *DB) FerretDB() bool { return db.ferretDB }

// SetCodesBatch sets how many records Open rewrites at once when it
// brings countries and languages to codes, until the returned function
// restores it.
func SetCodesBatch(n int) (restore func()) {
	old := codesBatch
	codesBatch = n
	return func() { codesBatch = old }
}
