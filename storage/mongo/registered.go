package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// registeredField is the entry's registration day, which orders the
// register and places an entry in periods.
const registeredField = "registered"

// backfillRegistered gives the entries stored before the register kept
// two dates their registration day, the day they were created, once: the
// document "registered" in backfills says it is done. It walks the
// entries without the field in _id order, prefixBatch at a time, and
// sets it only where it is still missing, so an interrupted run, or two
// at once, set nothing twice.
func (db *DB) backfillRegistered(ctx context.Context) error {
	// A backfill at open is for no workspace: the entries, all logged
	// before a workspace could choose its zone, were created in the
	// deployment's, so their registration day is the day there.
	loc := proxenos.OfficeZone()
	return db.once(ctx, "registered", func(ctx context.Context) error {
		coll := db.db.Collection(correspondenceColl)
		missing := bson.E{Key: registeredField, Value: bson.D{{Key: "$exists", Value: false}}}
		last := ""
		for {
			cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: last}}}, missing},
				options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(prefixBatch)).
					SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "createdat", Value: 1}}))
			if err != nil {
				return translate(err, "registration days")
			}
			var batch []struct {
				Key       string    `bson:"_id"`
				CreatedAt time.Time `bson:"createdat"`
			}
			if err := cur.All(ctx, &batch); err != nil {
				return translate(err, "registration days")
			}
			if len(batch) == 0 {
				return nil
			}
			updates := make([]mongo.WriteModel, 0, len(batch))
			for _, d := range batch {
				updates = append(updates, mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: d.Key}, missing}).
					SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: registeredField, Value: search.Day(d.CreatedAt, loc)}}}}))
				last = d.Key
			}
			if _, err := coll.BulkWrite(ctx, updates, options.BulkWrite().SetOrdered(false)); err != nil {
				return translate(err, "registration days")
			}
		}
	})
}
