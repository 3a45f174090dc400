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
