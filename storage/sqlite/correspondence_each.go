package sqlite

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/proxenos/proxenos"
	"golang.org/x/sync/errgroup"
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
// eachBatch at a time by their keys. Reading, decoding and fn overlap
// (see stream). An entry changed meanwhile may be read as it is then;
// one created meanwhile may be left out.
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
		return stream(ctx, func(ctx context.Context, emit func([]string) error) error {
			return s.eachInPeriod(ctx, q, emit)
		}, fn)
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
	return stream(ctx, func(ctx context.Context, emit func([]string) error) error {
		for batch := range slices.Chunk(keys, eachBatch) {
			raw, err := s.rawDocs(ctx, team, batch)
			if err != nil {
				return err
			}
			if err := emit(raw); err != nil {
				return err
			}
		}
		return nil
	}, fn)
}

// eachInPeriod hands emit the documents of q's period (all of them when
// it has none) eachBatch at a time, along the protocol index, the unique
// (team, year, number).
func (s *CorrespondenceService) eachInPeriod(ctx context.Context, q *finder, emit func([]string) error) error {
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
			if err := emit(batch); err != nil {
				return err
			}
			batch = make([]string, 0, eachBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return translate(err, "each correspondence", q.team)
	}
	if len(batch) == 0 {
		return nil
	}
	return emit(batch)
}

// inPeriod is the query of eachInPeriod: the protocol index gives the
// order, the period is checked on each row.
func inPeriod(q *finder) string {
	return `SELECT x.doc FROM correspondence d INDEXED BY sqlite_autoindex_correspondence_1
		CROSS JOIN correspondence_docs x ON x.id = d.id WHERE d.team = ?` + q.period + ` ORDER BY d.year, d.number`
}

// stream calls fn with the entries whose documents read hands to its
// emit, a batch at a time, in order. The three run at once, a batch
// apart: while fn takes the entries of one batch, the next is decoded
// and the one after read, so that reading the rows (one goroutine, as
// a query is) and fn (an export's writer, say) overlap with decoding,
// most of the cost. The first error ends all three.
func stream(ctx context.Context, read func(ctx context.Context, emit func([]string) error) error, fn func(*proxenos.Correspondence) error) error {
	g, ctx := errgroup.WithContext(ctx)
	loc := proxenos.ZoneFromContext(ctx)
	docs := make(chan []string, 1)
	entries := make(chan []*proxenos.Correspondence, 1)
	g.Go(func() error {
		defer close(docs)
		return read(ctx, func(batch []string) error { return send(ctx, docs, batch) })
	})
	g.Go(func() error {
		defer close(entries)
		for batch := range docs {
			decoded, err := decodeBatch(batch, loc)
			if err != nil {
				return err
			}
			if err := send(ctx, entries, decoded); err != nil {
				return err
			}
		}
		return nil
	})
	g.Go(func() error {
		for batch := range entries {
			if err := ctx.Err(); err != nil {
				return err
			}
			for _, c := range batch {
				if err := fn(c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return g.Wait()
}

// send puts v on ch, unless ctx ends first.
func send[T any](ctx context.Context, ch chan<- T, v T) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// decodeBatch decodes docs, their times in loc, spread over the CPUs.
func decodeBatch(docs []string, loc *time.Location) ([]*proxenos.Correspondence, error) {
	entries := make([]*proxenos.Correspondence, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				entries[i], errs[i] = decodeEntry(docs[i], loc)
			}
		})
	}
	wg.Wait()
	return entries, errors.Join(errs...)
}
