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

// Receive claims key for ttl in the workspace in ctx ("" when none). A
// new key is one insert, which the unique _id lets through once. Over a
// held key the insert fails, and an update takes the receipt over only
// if it has expired: MongoDB updates a document atomically, so of two
// claims of one expired receipt only one matches. When that update finds
// nothing the receipt was deleted meanwhile (expired, or forgotten), and
// the insert is tried once more. FerretDB v1, a test server here, reads
// and then writes in an update, so there two claims of one expired
// receipt at the same instant could both win. EINVALID, EUNAVAILABLE.
func (s *ReceiptService) Receive(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := proxenos.ValidateReceipt(key, ttl); err != nil {
		return false, err
	}
	team := proxenos.TeamFromContext(ctx)
	now := s.db.Now()
	doc := &receiptDoc{ID: team + "/" + key, Team: team, Key: key, Expires: bson.NewDateTimeFromTime(now.Add(ttl))}
	first, err := s.insert(ctx, doc)
	if err == nil && !first {
		var res *mongo.UpdateResult
		res, err = s.coll().UpdateOne(ctx,
			bson.D{{Key: "_id", Value: doc.ID}, {Key: "expires", Value: bson.D{{Key: "$lte", Value: bson.NewDateTimeFromTime(now)}}}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "expires", Value: doc.Expires}}}})
		switch {
		case err != nil:
		case res.MatchedCount == 1:
			first = true
		default: // live, or gone since the insert: one more try tells
			first, err = s.insert(ctx, doc)
		}
	}
	if err != nil {
		return false, translate(err, "receive", team, key)
	}
	if first {
		s.sweep(ctx, now)
	}
	return first, nil
}

// insert inserts doc and reports whether it was new; false when its _id
// is taken.
func (s *ReceiptService) insert(ctx context.Context, doc *receiptDoc) (bool, error) {
	_, err := s.coll().InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return false, nil
	}
	return err == nil, err
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
