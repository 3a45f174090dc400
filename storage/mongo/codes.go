package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos/storage/internal/codes"
)

// backfillsColl holds one document per rewrite of the records done on
// Open, by name: {_id: "codes"} once countries and languages are codes,
// {_id: "stems"} once every record has its stems.
const backfillsColl = "backfills"

// once runs the backfill name unless backfillsColl says it is done, and
// then says so.
func (db *DB) once(ctx context.Context, name string, backfill func(context.Context) error) error {
	marks := db.db.Collection(backfillsColl)
	err := marks.FindOne(ctx, bson.D{{Key: "_id", Value: name}}).Err()
	if err == nil {
		return nil
	} else if !errors.Is(err, mongo.ErrNoDocuments) {
		return translate(err, "read backfills")
	}
	if err := backfill(ctx); err != nil {
		return err
	}
	_, err = marks.UpdateOne(ctx, bson.D{{Key: "_id", Value: name}}, bson.D{{Key: "$set", Value: bson.D{{Key: "at", Value: db.Now()}}}},
		options.UpdateOne().SetUpsert(true))
	return translate(err, "mark backfill", name)
}

// codesBatch is how many documents backfillCodes reads at once.
var codesBatch = 500

// backfillCodes brings the countries and languages that earlier versions
// kept as typed to their ISO codes, with the search words a write would
// keep, without an edit in the history; then it marks the backfill done.
// It walks each collection once in _id order; an interrupted run starts
// again at the next Open, and two processes running it at once rewrite
// nothing twice (a code converts to itself, and each write is
// conditional on the document as read). Values that name nothing stay,
// and are logged.
func (db *DB) backfillCodes(ctx context.Context) error {
	return db.once(ctx, "codes", db.toCodes)
}

// toCodes is backfillCodes, once.
func (db *DB) toCodes(ctx context.Context) error {
	entries, err := eachBatch(ctx, db.db.Collection(correspondenceColl), func(d *corrDoc) (mongo.WriteModel, []codes.Unresolved) {
		changed, found := codes.Correspondence(&d.Correspondence)
		if !changed {
			return nil, found
		}
		// The next revision, so that an edit read before this retries.
		return mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: d.Key}, {Key: "rev", Value: d.Rev}}).
			SetReplacement(d.next(d.Team, &d.Correspondence)), found
	})
	if err != nil {
		return translate(err, "bring correspondence to codes")
	}
	partners, err := eachBatch(ctx, db.db.Collection(partnersColl), func(d *partnerDoc) (mongo.WriteModel, []codes.Unresolved) {
		changed, found := codes.Partner(&d.Partner)
		if !changed {
			return nil, found
		}
		// Only the fields that change, on the partner as read: the last
		// contact moves apart, and an edit moves updatedat.
		nd := newPartnerDoc(d.Team, &d.Partner)
		return mongo.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: d.Key}, {Key: "updatedat", Value: d.UpdatedAt}}).
			SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "country", Value: nd.Country}, {Key: "countryKey", Value: nd.CountryKey},
				{Key: "people", Value: nd.People}, {Key: "words", Value: nd.Words}}}}), found
	})
	if err != nil {
		return translate(err, "bring partners to codes")
	}
	codes.Log(ctx, "mongo "+db.db.Name(), append(entries, partners...))
	return nil
}

// eachBatch reads coll in _id order, codesBatch documents at a time, and
// makes the writes rewrite returns for them (nil for none), a batch at
// once; it returns the values rewrite kept as written.
func eachBatch[T any](ctx context.Context, coll *mongo.Collection, rewrite func(*T) (mongo.WriteModel, []codes.Unresolved)) ([]codes.Unresolved, error) {
	var left []codes.Unresolved
	last := "" // every _id of these collections is a string, after ""
	for {
		cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: last}}}},
			options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(codesBatch)))
		if err != nil {
			return nil, err
		}
		var batch []bson.Raw
		if err := cur.All(ctx, &batch); err != nil {
			return nil, err
		}
		if len(batch) == 0 {
			return left, nil
		}
		var writes []mongo.WriteModel
		for _, raw := range batch {
			var d T
			if err := bson.Unmarshal(raw, &d); err != nil {
				return nil, err
			}
			w, found := rewrite(&d)
			left = append(left, found...)
			if w != nil {
				writes = append(writes, w)
			}
		}
		if len(writes) > 0 {
			if _, err := coll.BulkWrite(ctx, writes, options.BulkWrite().SetOrdered(false)); err != nil {
				return nil, err
			}
		}
		last = batch[len(batch)-1].Lookup("_id").StringValue()
	}
}
