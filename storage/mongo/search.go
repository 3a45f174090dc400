package mongo

import (
	"context"
	"errors"
	"regexp"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos/storage/internal/search"
)

// Search documents. Correspondence entries and partners keep their
// search terms in one array, "words": the normalized words of the record
// and the stem keys of those words (search.Stems), which no word query
// can meet by prefix. A query word is one $in on that array, and so one
// scan of its index over a union of ranges: its prefix range (a regular
// expression) and its stem keys. A prefix is matched by a range of the
// index, not stored: earlier versions kept every prefix of every word
// ("prefixes"), about six index keys per word; Open removes them
// (dropSearchPrefixes). Documents stored before stems were kept get
// theirs at Open (backfillStems).

// wordsField is the array of search terms of a document.
const wordsField = "words"

// withoutWords is the projection of every read of a record: the search
// terms serve queries only, and are most of a document's bytes.
var withoutWords = bson.D{{Key: wordsField, Value: 0}}

// leanOne returns the options of a findOne of a record: withoutWords.
func leanOne() *options.FindOneOptionsBuilder {
	return options.FindOne().SetProjection(withoutWords)
}

// rankedFind decodes into out the page [offset, offset+limit) of the
// documents matching filter and query, and returns how many match. With
// no query they come in sort order. With a query, documents whose words
// hold every query word (tier 1) come before those where every query
// word begins a word (tier 2), and those before the ones met by stems
// too (tier 3), each tier in sort order; when countCap > 0 the count
// stops there (as the SQLite store's does). Query words are only ever
// compared as values or matched literally (quoted), never read as
// operators or patterns.
func rankedFind[T any](ctx context.Context, coll *mongo.Collection, filter bson.D, query string, sort bson.D, offset, limit, countCap int, out *[]*T) (int, error) {
	offset, limit = search.Page(offset, limit)
	words := search.Query(query)
	if query != "" && len(words) == 0 {
		return 0, nil // only punctuation: nothing can match
	}
	if len(words) == 0 {
		return page(ctx, coll, filter, sort, offset, limit, out)
	}
	var docs []*T
	total := 0
	for _, tier := range tiers(filter, words) {
		// Each tier continues where those before it end.
		skip, left := max(offset-total, 0), limit-len(docs)
		limitN := 0 // count exactly, or up to what the cap and the next tier's start need
		if countCap > 0 {
			if total >= countCap && left == 0 {
				break
			}
			limitN = max(countCap-total, skip+1)
		}
		n, err := count(ctx, coll, tier, limitN)
		if err != nil {
			return 0, err
		}
		if left > 0 && n > skip {
			more, err := find[T](ctx, coll, tier, sort, skip, left)
			if err != nil {
				return 0, err
			}
			docs = append(docs, more...)
		}
		total += n
	}
	*out = docs
	if countCap > 0 {
		return min(total, countCap), nil
	}
	return total, nil
}

// tiers returns filter narrowed to the documents of each tier of a
// search of words: every query word whole (tier 1); every one beginning
// a word, some not whole (tier 2); every one beginning a word or sharing
// a stem key with one, some not beginning one (tier 3). In each, only
// the rarest word bounds the scan of the words index; the others are
// checked on the documents it finds (see others).
func tiers(filter bson.D, words []string) [3]bson.D {
	r := rarest(words)
	tier := func(has, lacks, lacksTierBefore func(string) bson.D) bson.D {
		t := append(append(append(bson.D{}, filter...), has(words[r])...), others(words, r, lacks)...)
		if lacksTierBefore == nil {
			return t
		}
		some := bson.A{}
		for _, w := range words {
			some = append(some, lacksTierBefore(w))
		}
		return append(t, bson.E{Key: "$or", Value: some})
	}
	return [3]bson.D{
		tier(whole, notWhole, nil),
		tier(begins, notBegins, notWhole),
		tier(meets, notMeets, notBegins),
	}
}

// termsAre returns the condition op v on the search terms.
func termsAre(op string, v any) bson.D {
	return bson.D{{Key: wordsField, Value: bson.D{{Key: op, Value: v}}}}
}

// whole: a term is w.
func whole(w string) bson.D { return bson.D{{Key: wordsField, Value: w}} }

// notWhole: no term is w.
func notWhole(w string) bson.D { return termsAre("$ne", w) }

// begins: a term begins with w (is w, when longer than any prefix kept
// before).
func begins(w string) bson.D {
	if !search.IsPrefixable(w) {
		return whole(w)
	}
	return termsAre("$regex", prefixPattern(w))
}

// notBegins: no term begins with w.
func notBegins(w string) bson.D {
	if !search.IsPrefixable(w) {
		return notWhole(w)
	}
	return termsAre("$not", bson.D{{Key: "$regex", Value: prefixPattern(w)}})
}

// meets: a term begins with w or is one of its stem keys.
func meets(w string) bson.D { return termsAre("$in", matching(w)) }

// notMeets: no term begins with w or is one of its stem keys.
func notMeets(w string) bson.D { return termsAre("$nin", matching(w)) }

// matching returns what a term of a document that query word w matches
// may be: a word w begins (w itself when longer than any prefix kept
// before), or one of w's stem keys.
func matching(w string) bson.A {
	terms := bson.A{w}
	if search.IsPrefixable(w) {
		terms[0] = bson.Regex{Pattern: prefixPattern(w)}
	}
	for _, k := range search.QueryStems(w) {
		terms = append(terms, k)
	}
	return terms
}

// others returns the condition that every word but words[r] matches, as
// a $nor of the conditions that it does not (lacks(w)): the same match,
// which MongoDB checks on each document the scan fetches rather than
// bounding an index scan with it, so that the plan cannot start from a
// common word. Nothing when words[r] is the only word.
func others(words []string, r int, lacks func(w string) bson.D) bson.D {
	nor := bson.A{}
	for i, w := range words {
		if i != r {
			nor = append(nor, lacks(w))
		}
	}
	if len(nor) == 0 {
		return nil
	}
	return bson.D{{Key: "$nor", Value: nor}}
}

// rarest returns the index of the query word likely to match the fewest
// documents, which the scan starts from: the longest (a longer word or
// prefix narrows more; a count per word would cost more than it saves
// on a page of results), the first of equals.
func rarest(words []string) int {
	r := 0
	for i, w := range words {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(words[r]) {
			r = i
		}
	}
	return r
}

// prefixPattern returns the regular expression of the words beginning
// with w: anchored, case-sensitive and w quoted, so that MongoDB scans
// the words index over [w, the string after w) alone, as it does for a
// range. (A range {$gte, $lt} on an array may be met by two different
// elements, and FerretDB's $elemMatch does the same: neither is a
// prefix test on both servers.)
func prefixPattern(w string) string {
	return "^" + regexp.QuoteMeta(w)
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

// find returns one page of filter's matches in sort order, without their
// search terms.
func find[T any](ctx context.Context, coll *mongo.Collection, filter, sort bson.D, skip, limit int) ([]*T, error) {
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(sort).SetSkip(int64(skip)).SetLimit(int64(limit)).SetProjection(withoutWords))
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

// prefixBatch is how many documents dropSearchPrefixes rewrites at once
// (a variable for the tests, which run it on a few documents).
var prefixBatch = 500

// dropSearchPrefixes removes the word prefixes earlier versions stored
// in correspondence entries and partners, and their indexes. An index on
// "prefixes" marks a collection whose documents may still hold them: the
// field is unset in batches, in _id order, and the indexes are dropped
// last, so that an interrupted run starts again at the next Open and a
// finished one costs a listIndexes. Two processes may run it at once:
// the unsets are idempotent and a drop the other made is no error.
func (db *DB) dropSearchPrefixes(ctx context.Context) error {
	for _, name := range []string{correspondenceColl, partnersColl} {
		coll := db.db.Collection(name)
		specs, err := coll.Indexes().ListSpecifications(ctx)
		if err != nil {
			return translate(err, "list indexes", name)
		}
		var old []string
		for _, s := range specs {
			if _, err := s.KeysDocument.LookupErr("prefixes"); err == nil {
				old = append(old, s.Name)
			}
		}
		if len(old) == 0 {
			continue
		}
		if err := unsetPrefixes(ctx, coll); err != nil {
			return translate(err, "drop search prefixes", name)
		}
		for _, ix := range old {
			var se mongo.ServerError
			if err := coll.Indexes().DropOne(ctx, ix); err != nil && !(errors.As(err, &se) && se.HasErrorCode(27)) { // 27: IndexNotFound
				return translate(err, "drop index", name, ix)
			}
		}
	}
	return nil
}

// unsetPrefixes removes the "prefixes" field from every document of coll
// that has one, prefixBatch documents at a time, walking the _id index
// once.
func unsetPrefixes(ctx context.Context, coll *mongo.Collection) error {
	last := "" // every _id of these collections is a string, after ""
	for {
		cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: last}}}, {Key: "prefixes", Value: bson.D{{Key: "$exists", Value: true}}}},
			options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(prefixBatch)).SetProjection(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			return err
		}
		var batch []struct {
			ID string `bson:"_id"`
		}
		if err := cur.All(ctx, &batch); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		ids := make(bson.A, len(batch))
		for i, d := range batch {
			ids[i] = d.ID
		}
		if _, err := coll.UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
			bson.D{{Key: "$unset", Value: bson.D{{Key: "prefixes", Value: ""}}}}); err != nil {
			return err
		}
		last = batch[len(batch)-1].ID
	}
}
