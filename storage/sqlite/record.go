package sqlite

import (
	"context"
	"database/sql"
	"slices"

	"github.com/proxenos/proxenos"
)

// writeTx runs fn in one write transaction and commits it if fn succeeds.
// BEGIN IMMEDIATE (_txlock) takes the write lock first: two writers run
// one after the other, and the second reads the first's result; the
// process's writers take their turns in order (turns). doing and args
// name the work in errors.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error, doing string, args ...any) error {
	return db.tx(ctx, false, fn, doing, args...)
}

// urgentTx is writeTx for a write that goes before the others waiting
// (see turns.waitFirst).
func (db *DB) urgentTx(ctx context.Context, fn func(tx *sql.Tx) error, doing string, args ...any) error {
	return db.tx(ctx, true, fn, doing, args...)
}

// tx runs fn in a write transaction when its turn comes: after those
// waiting, or before them when first.
func (db *DB) tx(ctx context.Context, first bool, fn func(tx *sql.Tx) error, doing string, args ...any) error {
	if err := db.writers.take(ctx, first); err != nil {
		return translate(err, "wait to "+doing, args...)
	}
	defer db.writers.done()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "begin "+doing, args...)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return translate(err, "commit "+doing, args...)
	}
	db.committed()
	return nil
}

// update reads the record id of the workspace in ctx with find and hands
// it to edit, which changes and rewrites it (or leaves it, when there is
// nothing to change), in one write transaction. It returns the record as
// edit left it. ENOTFOUND from find; edit's errors.
func update[T any](ctx context.Context, db *DB, what, id string,
	find func(context.Context, queryer, string, string) (*T, error),
	edit func(tx *sql.Tx, team string, rec *T) error) (*T, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	var rec *T
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		if rec, err = find(ctx, tx, team, id); err != nil {
			return err
		}
		return edit(tx, team, rec)
	}, "update "+what, team, id)
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// eachRow runs query and calls fn with each row, read by scan; doing and
// team name the work in errors.
func eachRow[T any](ctx context.Context, q queryer, scan func(func(...any) error) (*T, error), fn func(*T) error,
	doing, team, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err, doing, team)
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows.Scan)
		if err != nil {
			return translate(err, doing, team)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return translate(rows.Err(), doing, team)
}

// readDocs runs query, which selects one JSON document a row, and returns
// the records decode makes of them, in the query's order.
func readDocs[T any](ctx context.Context, q queryer, decode func(string) (*T, error),
	doing, team, query string, args ...any) ([]*T, error) {
	var out []*T
	err := eachRow(ctx, q, docOf(decode), func(v *T) error {
		out = append(out, v)
		return nil
	}, doing, team, query, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// requireNewPartners returns EINVALID unless every partner in ids that
// is not in kept exists in team: partners a record already had stay,
// even if since removed from the directory.
func requireNewPartners(ctx context.Context, q queryer, team string, kept, ids []string) error {
	for _, p := range ids {
		if !slices.Contains(kept, p) {
			if err := requirePartner(ctx, q, team, p); err != nil {
				return err
			}
		}
	}
	return nil
}
