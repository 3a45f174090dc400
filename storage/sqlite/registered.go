package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// backfillRegistered gives the entries stored before the register kept
// two dates their registration day, the day they were created, while
// 'registered' is in backfills: in their document and in their row
// (both keyed by it since). It walks the entries by id,
// a batch per write transaction; an entry that has its day is left as it
// is, so an interrupted run, or two at once, do nothing twice.
func (db *DB) backfillRegistered(ctx context.Context) error {
	var pending bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM backfills WHERE name = 'registered')`).Scan(&pending); err != nil {
		return fmt.Errorf("sqlite: read backfills: %w", err)
	}
	if !pending {
		return nil
	}
	if err := inBatches(ctx, db, registerEntries, int64(0)); err != nil {
		return fmt.Errorf("sqlite: registration days: %w", err)
	}
	_, err := db.w.ExecContext(ctx, `DELETE FROM backfills WHERE name = 'registered'`)
	return err
}

// registerEntries dates the entries of the batch after id that have no
// registration day, and returns the last id it read; more is false when
// there was none.
func registerEntries(ctx context.Context, tx *sql.Tx, after int64) (last int64, more bool, err error) {
	// A backfill at open is for no workspace: the entries, all logged
	// before a workspace could choose its zone, were created in the
	// deployment's, so their registration day is the day there.
	loc := proxenos.OfficeZone()
	rows, err := tx.QueryContext(ctx, `SELECT c.id, d.doc FROM correspondence c
		JOIN correspondence_docs d ON d.id = c.id WHERE c.id > ? ORDER BY c.id LIMIT ?`, after, stemBatch)
	if err != nil {
		return 0, false, err
	}
	type entry struct {
		id   int64
		day  string
		unix int64
	}
	var todo []entry
	for rows.Next() {
		var e entry
		var doc string
		if err := rows.Scan(&e.id, &doc); err != nil {
			rows.Close()
			return 0, false, err
		}
		last, more = e.id, true
		c, err := decodeEntry(doc, loc)
		if err != nil {
			rows.Close()
			return 0, false, err
		}
		if !c.Registered.IsZero() {
			continue
		}
		day := search.Registered(c, loc)
		b, _ := json.Marshal(day) // a time of years 0-9999 always encodes
		e.day, e.unix = string(b), day.Unix()
		todo = append(todo, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, false, err
	}
	for _, e := range todo {
		if err := registerEntry(ctx, tx, e.id, e.day, e.unix); err != nil {
			return 0, false, err
		}
	}
	return last, more, nil
}

// registerEntry writes the registration day (day, JSON; unix, its row
// key) of the entry with row id into its document and its row. Its
// search row is yet to be made: the file is marked for backfillSearch
// too (by a later migration), which runs after this one.
func registerEntry(ctx context.Context, tx *sql.Tx, id int64, day string, unix int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE correspondence_docs SET doc = json_set(doc, '$.Registered', json(?)) WHERE id = ?`, day, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE correspondence SET date = ? WHERE id = ?`, unix, id)
	return err
}
