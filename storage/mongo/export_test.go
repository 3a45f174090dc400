package mongo

import "context"

// DropDatabase drops the whole database; tests call it in Cleanup.
func (db *DB) DropDatabase(ctx context.Context) error {
	return db.db.Drop(ctx)
}

// Name returns the database name.
func (db *DB) Name() string { return db.db.Name() }
