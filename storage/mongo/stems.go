package mongo

import (
	"context"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// backfillStems gives the entries and partners stored before stems were
// kept the search terms a write gives them now, once: the document
// "stems" in backfills says it is done. Each collection is walked in _id
// order, prefixBatch documents at a time, and a document is updated
// only while its terms are still those it was read with, so that a write
// that came between (which keeps stems itself) stands. An interrupted
// run starts again at the next Open; two at once make the same updates.
func (db *DB) backfillStems(ctx context.Context) error {
	return db.once(ctx, "stems", func(ctx context.Context) error {
		if err := restem(ctx, db.db.Collection(correspondenceColl), func(d *corrDoc) (string, []string, []string) {
			return d.Key, d.Words, newCorrDoc(d.Team, &d.Correspondence, d.Rev).Words
		}); err != nil {
			return translate(err, "stem correspondence")
		}
		err := restem(ctx, db.db.Collection(partnersColl), func(d *partnerDoc) (string, []string, []string) {
			return d.Key, d.Words, newPartnerDoc(d.Team, &d.Partner).Words
		})
		return translate(err, "stem partners")
	})
}

// restem sets the terms of every document of coll that terms gives
// (id, stored terms, terms now) differing.
func restem[T any](ctx context.Context, coll *mongo.Collection, terms func(*T) (id string, was, is []string)) error {
	last := "" // every _id of these collections is a string, after ""
	for {
		cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: last}}}},
			options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(prefixBatch)))
		if err != nil {
			return err
		}
		var batch []*T
		if err := cur.All(ctx, &batch); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		var updates []mongo.WriteModel
		for _, d := range batch {
			id, was, is := terms(d)
			if !slices.Equal(was, is) {
				updates = append(updates, mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: id}, {Key: wordsField, Value: was}}).
					SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: wordsField, Value: is}}}}))
			}
			last = id
		}
		if len(updates) > 0 {
			if _, err := coll.BulkWrite(ctx, updates, options.BulkWrite().SetOrdered(false)); err != nil {
				return err
			}
		}
	}
}
