package sqlite

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/proxenos/proxenos"
)

// eachBatch is how many entries EachCorrespondence reads in one query.
const eachBatch = 500

// errEachQuery refuses to stream a search: it is ranked and capped.
var errEachQuery = errors.New("sqlite: each correspondence: a search is not streamed")

// EachCorrespondence calls fn with every entry f selects, in the order
// of their protocol numbers. The keys of the selection come from one
// query along the indexes FindCorrespondence uses (without its LIMIT,
// OFFSET or count), are put in protocol order, and the entries are read
// eachBatch at a time by their keys: the cost grows with the entries
// selected. An entry changed meanwhile is read as it is then; one
// created meanwhile may be left out.
func (s *CorrespondenceService) EachCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter, fn func(*proxenos.Correspondence) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if f.Query != "" {
		return errEachQuery
	}
	q, conds := newFinder(s.db, team, f)
	from, args, err := q.plan(ctx, conds)
	if err != nil || from == "" {
		return translate(err, "each correspondence", team)
	}
	keys, err := q.keys(ctx, from, args...)
	if err != nil {
		return translate(err, "each correspondence", team)
	}
	slices.SortFunc(keys, func(a, b entryKey) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Number, b.Number))
	})
	for batch := range slices.Chunk(keys, eachBatch) {
		entries, err := s.docs(ctx, team, batch)
		if err != nil {
			return err
		}
		for _, c := range entries {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}
