package sqlite

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"

	"github.com/proxenos/proxenos"
)

// eachBatch is how many entries EachCorrespondence decodes at once.
const eachBatch = 500

// errEachQuery refuses to stream a search: it is ranked and capped.
var errEachQuery = errors.New("sqlite: each correspondence: a search is not streamed")

// EachCorrespondence calls fn with every entry f selects, in the order
// of their protocol numbers, at a cost that grows with the entries
// selected. The whole register, or a period of it, is one walk of the
// protocol index; with filters, the keys of the selection come from one
// query along the indexes FindCorrespondence uses (without its LIMIT,
// OFFSET or count), are put in protocol order, and the entries are read
// eachBatch at a time by their keys. An entry changed meanwhile may be
// read as it is then; one created meanwhile may be left out.
func (s *CorrespondenceService) EachCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter, fn func(*proxenos.Correspondence) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if f.Query != "" {
		return errEachQuery
	}
	q, conds := newFinder(s.db, team, f)
	if len(conds) == 0 {
		return s.eachInPeriod(ctx, q, fn)
	}
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
		raw, err := s.rawDocs(ctx, team, batch)
		if err != nil {
			return err
		}
		if err := decodeEach(raw, fn); err != nil {
			return err
		}
	}
	return nil
}

// eachInPeriod streams the entries of q's period (all of them when it
// has none) along the protocol index, the unique (team, year, number).
func (s *CorrespondenceService) eachInPeriod(ctx context.Context, q *finder, fn func(*proxenos.Correspondence) error) error {
	rows, err := s.db.db.QueryContext(ctx, inPeriod(q), append([]any{q.team}, q.periodArgs...)...)
	if err != nil {
		return translate(err, "each correspondence", q.team)
	}
	defer rows.Close()
	batch := make([]string, 0, eachBatch)
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return translate(err, "each correspondence", q.team)
		}
		if batch = append(batch, doc); len(batch) == eachBatch {
			if err := decodeEach(batch, fn); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return translate(err, "each correspondence", q.team)
	}
	return decodeEach(batch, fn)
}

// inPeriod is the query of eachInPeriod: the protocol index gives the
// order, the period is checked on each row.
func inPeriod(q *finder) string {
	return `SELECT x.doc FROM correspondence d INDEXED BY sqlite_autoindex_correspondence_1
		CROSS JOIN correspondence_docs x ON x.id = d.id WHERE d.team = ?` + q.period + ` ORDER BY d.year, d.number`
}

// decodeEach decodes docs, spread over the CPUs (decoding is most of
// the cost of reading many entries), and calls fn with each in order.
func decodeEach(docs []string, fn func(*proxenos.Correspondence) error) error {
	entries := make([]*proxenos.Correspondence, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				entries[i], errs[i] = decodeEntry(docs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, c := range entries {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}
