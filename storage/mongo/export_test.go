package mongo

import "context"

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

// SetFerretDB says whether the server loses concurrent updates, so
// that tests can run the lock-free writes of MongoDB on FerretDB, one
// writer at a time.
func (db *DB) SetFerretDB(lost bool) { db.ferretDB = lost }

// LostUpdates reports what Open found out about the server.
func (db *DB) FerretDB() bool { return db.ferretDB }
