package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// OpenMonitored opens the database name on the server at uri as Open
// does (indexes created, reminder dates filled in), with mon told of
// every command the store sends; the index tests read the queries off it.
func OpenMonitored(ctx context.Context, uri, name string, mon *event.CommandMonitor) (*DB, error) {
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetMonitor(mon))
	if err != nil {
		return nil, err
	}
	db := &DB{client: client, db: client.Database(name), Now: time.Now}
	if err := db.prepare(ctx); err != nil {
		_ = client.Disconnect(ctx)
		return nil, err
	}
	return db, nil
}

// RunCommand runs cmd on the database and returns the server's answer:
// listIndexes, explain and buildInfo for the index tests.
func (db *DB) RunCommand(ctx context.Context, cmd any) (bson.Raw, error) {
	return db.db.RunCommand(ctx, cmd).Raw()
}

// CollectionNames returns the names of the database's collections.
func (db *DB) CollectionNames(ctx context.Context) ([]string, error) {
	return db.db.ListCollectionNames(ctx, bson.D{})
}
