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
// prefixes (tier 2), each tier in sort order. Query words are only ever
// compared as values, never read as operators or patterns.
func rankedFind[T any](ctx context.Context, coll *mongo.Collection, filter bson.D, query string, sort bson.D, offset, limit int, out *[]*T) (int, error) {
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

	var docs1 []*T
	n1, err := page(ctx, coll, tier1, sort, offset, limit, &docs1)
	if err != nil {
		return 0, err
	}
	// The second tier continues where the first ends.
	var docs2 []*T
	skip2, limit2 := max(offset-n1, 0), limit-len(docs1)
	n2 := 0
	if limit2 > 0 {
		n2, err = page(ctx, coll, tier2, sort, skip2, limit2, &docs2)
	} else {
		var c int64
		c, err = coll.CountDocuments(ctx, tier2)
		n2 = int(c)
	}
	if err != nil {
		return 0, err
	}
	*out = append(docs1, docs2...)
	return n1 + n2, nil
}

// page decodes one page of filter's matches into out and counts them all.
func page[T any](ctx context.Context, coll *mongo.Collection, filter, sort bson.D, skip, limit int, out *[]*T) (int, error) {
	n, err := coll.CountDocuments(ctx, filter)
	if err != nil {
		return 0, err
	}
	if int(n) <= skip {
		return int(n), nil
	}
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(sort).SetSkip(int64(skip)).SetLimit(int64(limit)))
	if err != nil {
		return 0, err
	}
	var docs []*T
	if err := cur.All(ctx, &docs); err != nil {
		return 0, err
	}
	*out = docs
	return int(n), nil
}
