package mongo

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
)

// findRecord returns the record of the workspace in ctx that find reads
// by key, made by conv in the workspace's zone. find's errors (ENOTFOUND
// if none).
func findRecord[K, D, T any](ctx context.Context, key K, find func(context.Context, string, K) (*D, error),
	conv func(*D, *time.Location) *T) (*T, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	d, err := find(ctx, team, key)
	if err != nil {
		return nil, err
	}
	return conv(d, proxenos.ZoneFromContext(ctx)), nil
}

// findByID decodes the document id of team in coll. ENOTFOUND with the
// catalogue key notFound if none.
func findByID[D any](ctx context.Context, coll *mongo.Collection, team, id, notFound string) (*D, error) {
	var d D
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, notFound, id)
	}
	return &d, translate(err, "find "+coll.Name(), team, id)
}

// eachDoc decodes each document of coll that filter matches, in the
// order opts give, and calls fn with its record, made by conv in the zone
// of the workspace in ctx. fn's errors are returned as they are; the
// driver's are translated with doing and args.
func eachDoc[D, T any](ctx context.Context, coll *mongo.Collection, filter bson.D, opts *options.FindOptionsBuilder,
	conv func(*D, *time.Location) *T, fn func(*T) error, doing string, args ...any) error {
	cur, err := coll.Find(ctx, filter, opts)
	if err != nil {
		return translate(err, doing, args...)
	}
	defer cur.Close(ctx)
	loc := proxenos.ZoneFromContext(ctx)
	for cur.Next(ctx) {
		var d D
		if err := cur.Decode(&d); err != nil {
			return translate(err, doing, args...)
		}
		if err := fn(conv(&d, loc)); err != nil {
			return err
		}
	}
	return translate(cur.Err(), doing, args...)
}

// findDocs returns the records of the documents filter matches, read as
// eachDoc reads them.
func findDocs[D, T any](ctx context.Context, coll *mongo.Collection, filter bson.D, opts *options.FindOptionsBuilder,
	conv func(*D, *time.Location) *T, doing string, args ...any) ([]*T, error) {
	var out []*T
	err := eachDoc(ctx, coll, filter, opts, conv, func(v *T) error {
		out = append(out, v)
		return nil
	}, doing, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// findPage returns the records of the documents filter matches and how
// many match: with all, every match once as the server finds them (no
// sort, no skip, no count); else the page [offset, offset+limit) in sort
// order and the count of every match.
func findPage[D, T any](ctx context.Context, coll *mongo.Collection, filter, sort bson.D, offset, limit int, all bool,
	conv func(*D, *time.Location) *T, doing string, args ...any) ([]*T, int, error) {
	opts := options.Find()
	if !all {
		opts.SetSort(sort).SetSkip(int64(offset)).SetLimit(int64(limit))
	}
	out, err := findDocs(ctx, coll, filter, opts, conv, doing, args...)
	if err != nil || all {
		return out, len(out), err
	}
	n, err := count(ctx, coll, filter, 0)
	if err != nil {
		return nil, 0, translate(err, doing, args...)
	}
	return out, n, nil
}

// retryChanged runs attempt until it reports done, at most maxAttempts
// times: an attempt that is not done lost its conditional write to
// another writer, and the next reads the record again. ECONFLICT with the
// catalogue key and args after the last.
func retryChanged[T any](attempt func() (rec *T, done bool, err error), key string, args ...any) (*T, error) {
	for range maxAttempts {
		rec, done, err := attempt()
		if err != nil {
			return nil, err
		} else if done {
			return rec, nil
		}
	}
	return nil, proxenos.Errorf(proxenos.ECONFLICT, key, args...)
}

// replaceRev replaces the document key of team with doc if it is still at
// revision rev, and reports whether it was.
func replaceRev(ctx context.Context, coll *mongo.Collection, team, key string, rev int, doc any) (bool, error) {
	res, err := coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "team", Value: team}, {Key: "rev", Value: rev}}, doc)
	if err != nil {
		return false, err
	}
	return res.MatchedCount == 1, nil
}

// requireNewPartners returns EINVALID unless every partner in ids that
// is not in kept exists in team: partners a record already had stay,
// even if since removed from the directory.
func requireNewPartners(ctx context.Context, db *DB, team string, kept, ids []string) error {
	for _, p := range ids {
		if !slices.Contains(kept, p) {
			if err := requirePartner(ctx, db, team, p); err != nil {
				return err
			}
		}
	}
	return nil
}
