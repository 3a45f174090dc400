package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
)

// requestColls are the collections whose documents a request creates
// (each a key of indexes, where createIndexes adds the request index).
// Each document keeps the id of the request that made it in "request",
// so that the request run again (after a crash, or when the answer to
// its write was lost) gets the document instead of making another.
var requestColls = []string{correspondenceColl, partnersColl, contactsColl, callsColl, agreementsColl,
	obligationsColl, glossaryColl, calendarFeedsColl}

// requestKeys are the keys of the index of documents by the request that
// created them.
var requestKeys = bson.D{{Key: "team", Value: 1}, {Key: "request", Value: 1}}

// createRequestIndex creates, with view, the index of a collection's
// documents by request, unique among those that have one. FerretDB v1
// has no partial indexes: there it is a plain index, and only the
// look-up before the insert keeps a request to one document (enough for
// a run after a crash or a lost answer; the intake runs a request once
// at a time).
func createRequestIndex(ctx context.Context, view mongo.IndexView) error {
	_, err := view.CreateOne(ctx, mongo.IndexModel{Keys: requestKeys, Options: options.Index().SetUnique(true).
		SetPartialFilterExpression(bson.D{{Key: "request", Value: bson.D{{Key: "$exists", Value: true}}}})})
	var se mongo.ServerError
	if errors.As(err, &se) && se.HasErrorCode(errNotImplemented) {
		_, err = view.CreateOne(ctx, mongo.IndexModel{Keys: requestKeys})
	}
	return err
}

// ofRequest returns the document of coll the request made in team, or
// nil when it made none (or there is no request).
func ofRequest[D any](ctx context.Context, coll *mongo.Collection, team, request string) (*D, error) {
	if request == "" {
		return nil, nil
	}
	var d D
	err := coll.FindOne(ctx, bson.D{{Key: "team", Value: team}, {Key: "request", Value: request}}, leanOne()).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	} else if err != nil {
		return nil, translate(err, "find record of request", coll.Name(), team, request)
	}
	return &d, nil
}

// insertOnce inserts doc, made by the request in ctx (its "request"
// field set to it), into coll unless that request already made a
// document of coll in team: then it inserts nothing and returns that
// document. A duplicate key is looked up the same way, for the unique
// index on the request (MongoDB) tells two runs of one request apart,
// before it is returned as it is for the caller to name. Other driver
// errors are returned untranslated.
func insertOnce[D any](ctx context.Context, coll *mongo.Collection, team string, doc *D) (made *D, err error) {
	request := proxenos.RequestFromContext(ctx)
	if made, err := ofRequest[D](ctx, coll, team, request); made != nil || err != nil {
		return made, err
	}
	_, err = coll.InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		if made, ferr := ofRequest[D](ctx, coll, team, request); made != nil || ferr != nil {
			return made, ferr
		}
	}
	return nil, err
}
