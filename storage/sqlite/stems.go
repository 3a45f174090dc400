package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// stemBatch is how many records backfillStems stems in one transaction
// (a variable for the tests, which run it on a few records).
var stemBatch = 500

// backfillStems gives the partners stored before stems were kept the
// stem keys a write gives them now (entries get theirs from
// backfillSearch), while the file is marked
// 'stems' in backfills (by the migration that began keeping them). It
// walks each table by id, a batch per write transaction, reading the
// records in the transaction that adds their keys, so that no write of
// another process comes between; the mark goes last. An interrupted run
// starts again at the next Open, and two processes may run it at once:
// keys already there are left as they are.
func (db *DB) backfillStems(ctx context.Context) error {
	var pending bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM backfills WHERE name = 'stems')`).Scan(&pending); err != nil {
		return fmt.Errorf("sqlite: read backfills: %w", err)
	}
	if !pending {
		return nil
	}
	if err := inBatches(ctx, db, stemPartners, ""); err != nil {
		return fmt.Errorf("sqlite: stem partners: %w", err)
	}
	_, err := db.w.ExecContext(ctx, `DELETE FROM backfills WHERE name = 'stems'`)
	return err
}

// inBatches runs step in one write transaction after another, each from
// the id the last one reached, until a step reaches none.
func inBatches[K any](ctx context.Context, db *DB, step func(context.Context, *sql.Tx, K) (K, bool, error), after K) error {
	for {
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		next, more, err := step(ctx, tx, after)
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			return err
		}
		if !more {
			return nil
		}
		after = next
	}
}

// backfillSearch indexes the entries stored before the search index
// (those without a search_id), while the file is marked 'search' in
// backfills, a batch per write transaction, as backfillStems does; the
// mark goes last, and an interrupted run goes on at the next Open.
func (db *DB) backfillSearch(ctx context.Context) error {
	var pending bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM backfills WHERE name = 'search')`).Scan(&pending); err != nil {
		return fmt.Errorf("sqlite: read backfills: %w", err)
	}
	if !pending {
		return nil
	}
	if err := inBatches(ctx, db, indexEntries, int64(0)); err != nil {
		return fmt.Errorf("sqlite: index correspondence: %w", err)
	}
	_, err := db.w.ExecContext(ctx, `DELETE FROM backfills WHERE name = 'search'`)
	return err
}

// indexEntries indexes the stemBatch entries without a search_id after
// row id after, and returns the last id it read; more is false when
// there was none.
func indexEntries(ctx context.Context, tx *sql.Tx, after int64) (last int64, more bool, err error) {
	loc := proxenos.OfficeZone() // at open, for no workspace; the terms are of text only
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.team, d.doc FROM correspondence c
		JOIN correspondence_docs d ON d.id = c.id WHERE c.id > ? AND c.search_id IS NULL ORDER BY c.id LIMIT ?`, after, stemBatch)
	if err != nil {
		return 0, false, err
	}
	type entry struct {
		id   int64
		team string
		c    *proxenos.Correspondence
	}
	var todo []entry
	for rows.Next() {
		var e entry
		var doc string
		if err := rows.Scan(&e.id, &e.team, &doc); err != nil {
			rows.Close()
			return 0, false, err
		}
		if e.c, err = decodeEntry(doc, loc); err != nil {
			rows.Close()
			return 0, false, err
		}
		todo, last = append(todo, e), e.id
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return 0, false, err
	}
	for _, e := range todo {
		if err := indexNew(ctx, tx, e.team, e.id, e.c); err != nil {
			return 0, false, err
		}
	}
	return last, true, nil
}

// stemPartners adds the stem keys of the stemBatch partners after id, as
// stemEntries does for entries.
func stemPartners(ctx context.Context, tx *sql.Tx, after string) (last string, more bool, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, team, doc FROM partners WHERE id > ? ORDER BY id LIMIT ?`, after, stemBatch)
	if err != nil {
		return "", false, err
	}
	type stems struct{ team, id, keys string }
	var todo []stems
	for rows.Next() {
		var s stems
		var doc string
		if err := rows.Scan(&s.id, &s.team, &doc); err != nil {
			rows.Close()
			return "", false, err
		}
		var p proxenos.Partner
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			rows.Close()
			return "", false, fmt.Errorf("decode partner %s: %w", s.id, err)
		}
		_, keys := search.PartnerTerms(&p)
		s.keys, last = jsonList(keys), s.id
		todo = append(todo, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return "", false, err
	}
	for _, s := range todo {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO partner_words (team, word, partner_id)
			SELECT ?, value, ? FROM json_each(?)`, s.team, s.id, s.keys); err != nil {
			return "", false, err
		}
	}
	return last, true, nil
}
