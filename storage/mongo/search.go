package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos/storage/internal/search"
)

// rankedFind decodes into out the page [offset, offset+limit) of the
// documents matching filter and query, and returns how many match. With
// no query they come in sort order. With a query, documents whose words
// hold every query word (tier 1) come before those matched only by
// prefixes (tier 2), each tier in sort order, and when countCap > 0 the
// count stops there (as the SQLite store's does). Query words are only
// ever compared as values, never read as operators or patterns.
func rankedFind[T any](ctx context.Context, coll *mongo.Collection, filter bson.D, query string, sort bson.D, offset, limit, countCap int, out *[]*T) (int, error) {
	offset, limit = search.Page(offset, limit)
	words := search.Query(query)
	if query != "" && len(words) == 0 {
		return 0, nil // only punctuation: nothing can match
	}
	if len(words) == 0 {
		return page(ctx, coll, filter, sort, offset, limit, out)
	}
	// Tier 1: every query word is a whole word.
	tier1 := append(bson.D{}, filter...)
	tier1 = append(tier1, bson.E{Key: "words", Value: bson.D{{Key: "$all", Value: words}}})
	// Tier 2: every query word begins a word, and some is not whole.
	clauses := bson.A{}
	notAll := bson.A{}
	for _, w := range words {
		if search.IsPrefixable(w) {
			clauses = append(clauses, bson.D{{Key: "prefixes", Value: w}})
		} else {
			clauses = append(clauses, bson.D{{Key: "words", Value: w}})
		}
		notAll = append(notAll, bson.D{{Key: "words", Value: bson.D{{Key: "$ne", Value: w}}}})
	}
	tier2 := append(bson.D{}, filter...)
	tier2 = append(tier2, bson.E{Key: "$and", Value: append(clauses, bson.D{{Key: "$or", Value: notAll}})})

	// n1 is exact up to offset+1, enough to know where tier 2 starts.
	cap1 := 0
	if countCap > 0 {
		cap1 = max(countCap, offset+1)
	}
	n1, err := count(ctx, coll, tier1, cap1)
	if err != nil {
		return 0, err
	}
	var docs1 []*T
	if n1 > offset {
		if docs1, err = find[T](ctx, coll, tier1, sort, offset, limit); err != nil {
			return 0, err
		}
	}
	// The second tier continues where the first ends.
	var docs2 []*T
	skip2, limit2 := max(offset-n1, 0), limit-len(docs1)
	if limit2 > 0 {
		if docs2, err = find[T](ctx, coll, tier2, sort, skip2, limit2); err != nil {
			return 0, err
		}
	}
	n2 := 0
	switch {
	case countCap == 0:
		n2, err = count(ctx, coll, tier2, 0)
	case n1 < countCap:
		n2, err = count(ctx, coll, tier2, countCap-n1)
	}
	if err != nil {
		return 0, err
	}
	*out = append(docs1, docs2...)
	if countCap > 0 {
		return min(n1+n2, countCap), nil
	}
	return n1 + n2, nil
}

// count returns how many documents match filter, stopping at limit when
// it is above 0.
func count(ctx context.Context, coll *mongo.Collection, filter bson.D, limit int) (int, error) {
	opts := options.Count()
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	n, err := coll.CountDocuments(ctx, filter, opts)
	return int(n), err
}

// find returns one page of filter's matches in sort order.
func find[T any](ctx context.Context, coll *mongo.Collection, filter, sort bson.D, skip, limit int) ([]*T, error) {
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(sort).SetSkip(int64(skip)).SetLimit(int64(limit)))
	if err != nil {
		return nil, err
	}
	var docs []*T
	err = cur.All(ctx, &docs)
	return docs, err
}

// page decodes one page of filter's matches into out and counts them all.
func page[T any](ctx context.Context, coll *mongo.Collection, filter, sort bson.D, skip, limit int, out *[]*T) (int, error) {
	n, err := count(ctx, coll, filter, 0)
	if err != nil || n <= skip {
		return n, err
	}
	docs, err := find[T](ctx, coll, filter, sort, skip, limit)
	*out = docs
	return n, err
}
