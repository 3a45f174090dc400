package mongo

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
)

// receiptsColl holds one document per workspace and request key, keyed
// by _id "team/key" (Slack's team ids hold no "/", so a workspace's keys
// and the global ones, "/key", never meet): the unique _id index is what
// lets one claim of a key through.
const receiptsColl = "receipts"

// Expired receipts are swept at most once per receiptSweepEvery by each
// service, at most receiptSweepMax at a time. MongoDB's TTL monitor
// deletes them too (about once a minute); the sweep is for servers
// without TTL indexes, such as FerretDB v1.
const (
	receiptSweepEvery = time.Minute
	receiptSweepMax   = 500
)

// errNotImplemented is the code of a command option the server lacks:
// FerretDB v1 answers it to expireAfterSeconds.
const errNotImplemented = 238

// ReceiptService keeps request receipts in MongoDB.
type ReceiptService struct {
	db *DB

	// swept is when expired receipts were last deleted, in unix ms.
	swept atomic.Int64
}

var _ proxenos.ReceiptService = (*ReceiptService)(nil)

// NewReceiptService returns the receipts stored in db.
func NewReceiptService(db *DB) *ReceiptService {
	return &ReceiptService{db: db}
}

// receiptDoc is a receipt as stored.
type receiptDoc struct {
	ID      string        `bson:"_id"`
	Team    string        `bson:"team"`
	Key     string        `bson:"key"`
	Expires bson.DateTime `bson:"expires"`
}

func (s *ReceiptService) coll() *mongo.Collection { return s.db.db.Collection(receiptsColl) }

// Receive claims key for ttl in the workspace in ctx ("" when none), in
// one round trip: an upsert of the document whose _id is the key and
// whose receipt has expired. With no document it inserts one (first);
// over an expired one it updates it (first); over a live one the filter
// does not match and the insert hits the unique _id (not first). Two
// claims of an expired receipt at once rely on MongoDB updating a
// document atomically; FerretDB v1, a test server here, reads and then
// writes, so there both could win. EINVALID, EUNAVAILABLE.
func (s *ReceiptService) Receive(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := proxenos.ValidateReceipt(key, ttl); err != nil {
		return false, err
	}
	team := proxenos.TeamFromContext(ctx)
	now := s.db.Now()
	filter := bson.D{{Key: "_id", Value: team + "/" + key}, {Key: "expires", Value: bson.D{{Key: "$lte", Value: bson.NewDateTimeFromTime(now)}}}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "team", Value: team}, {Key: "key", Value: key},
		{Key: "expires", Value: bson.NewDateTimeFromTime(now.Add(ttl))}}}}
	_, err := s.coll().UpdateOne(ctx, filter, update, options.UpdateOne().SetUpsert(true))
	switch {
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	case err != nil:
		return false, translate(err, "receive", team, key)
	}
	s.sweep(ctx, now)
	return true, nil
}

// Forget drops the receipt of key in the workspace in ctx.
func (s *ReceiptService) Forget(ctx context.Context, key string) error {
	team := proxenos.TeamFromContext(ctx)
	_, err := s.coll().DeleteOne(ctx, bson.D{{Key: "_id", Value: team + "/" + key}})
	return translate(err, "forget receipt", team, key)
}

// sweep deletes up to receiptSweepMax expired receipts of any workspace,
// when the last sweep is older than receiptSweepEvery. A failure only
// leaves them for the next sweep: expired receipts are claimable anyway.
func (s *ReceiptService) sweep(ctx context.Context, now time.Time) {
	last := s.swept.Load()
	if now.UnixMilli()-last < receiptSweepEvery.Milliseconds() || !s.swept.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	expired := bson.D{{Key: "expires", Value: bson.D{{Key: "$lte", Value: bson.NewDateTimeFromTime(now)}}}}
	cur, err := s.coll().Find(ctx, expired, options.Find().SetLimit(receiptSweepMax).SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return
	}
	var docs []receiptDoc
	if err := cur.All(ctx, &docs); err != nil || len(docs) == 0 {
		return
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	_, _ = s.coll().DeleteMany(ctx, append(expired, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}))
}

// createReceiptIndexes creates the TTL index on expires, with which the
// server deletes expired receipts by itself, unless an index on expires
// exists. A server without TTL indexes gets a plain index of the same
// name instead, for the sweep.
func (db *DB) createReceiptIndexes(ctx context.Context) error {
	view := db.db.Collection(receiptsColl).Indexes()
	keys := bson.D{{Key: "expires", Value: 1}}
	specs, err := view.ListSpecifications(ctx)
	if err != nil {
		return translate(err, "list indexes", receiptsColl)
	}
	for _, s := range specs {
		if s.Name == indexName(keys) {
			return nil
		}
	}
	_, err = view.CreateOne(ctx, mongo.IndexModel{Keys: keys, Options: options.Index().SetExpireAfterSeconds(0)})
	var se mongo.ServerError
	if errors.As(err, &se) && se.HasErrorCode(errNotImplemented) {
		_, err = view.CreateOne(ctx, mongo.IndexModel{Keys: keys})
	}
	return translate(err, "create indexes", receiptsColl)
}
