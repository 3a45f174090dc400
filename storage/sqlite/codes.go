package sqlite

import (
	"context"
	"database/sql"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/codes"
)

// codesBatch is how many records backfillCodes rewrites in one write
// transaction: other writers wait for one batch, not for the whole file.
var codesBatch = 500

// backfillCodes brings the countries and languages that earlier versions
// kept as typed to their ISO codes, through the same writes as an edit
// (so search terms follow), without an edit in the history. It runs
// while the "codes" backfill is pending, batch by batch in id order, and
// clears it at the end; an interrupted run starts again at the next Open,
// and a second process running it at once rewrites nothing twice (a
// code converts to itself). Values that name nothing stay, and are
// logged.
func (db *DB) backfillCodes(ctx context.Context) error {
	var pending int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM backfills WHERE name = 'codes'`).Scan(&pending); err != nil {
		return translate(err, "read backfills")
	}
	if pending == 0 {
		return nil
	}
	var left []codes.Unresolved
	for _, step := range []func(context.Context, *sql.Tx, int64) (int64, []codes.Unresolved, error){codeEntries, codePartners} {
		var last int64 // the rowid of the last record seen
		for {
			var next int64
			var found []codes.Unresolved
			err := db.writeTx(ctx, func(tx *sql.Tx) error {
				var err error
				next, found, err = step(ctx, tx, last)
				return err
			}, "bring countries and languages to codes")
			if err != nil {
				return err
			}
			left = append(left, found...)
			if next == last {
				break
			}
			last = next
		}
	}
	codes.Log(ctx, "sqlite "+db.path, left)
	_, err := db.w.ExecContext(ctx, `DELETE FROM backfills WHERE name = 'codes'`)
	return translate(err, "finish backfill codes")
}

// codeEntries rewrites the entries of the batch after rowid last, and
// returns the batch's last rowid (last when the batch is empty).
func codeEntries(ctx context.Context, tx *sql.Tx, last int64) (int64, []codes.Unresolved, error) {
	// A backfill at open is for no workspace: times are read in the
	// deployment's zone (only their offset in the JSON depends on it).
	loc := proxenos.OfficeZone()
	type row struct {
		id   int64
		team string
		c    *proxenos.Correspondence
	}
	var batch []*row
	err := eachRow(ctx, tx, func(scan func(...any) error) (*row, error) {
		var r row
		var doc string
		if err := scan(&r.id, &r.team, &doc); err != nil {
			return nil, err
		}
		var err error
		r.c, err = decodeEntry(doc, loc)
		return &r, err
	}, func(r *row) error { batch = append(batch, r); return nil }, "read correspondence for codes", "",
		`SELECT c.id, c.team, d.doc FROM correspondence c JOIN correspondence_docs d ON d.id = c.id
		WHERE c.id > ? ORDER BY c.id LIMIT ?`, last, codesBatch)
	var left []codes.Unresolved
	for _, r := range batch {
		if err != nil {
			break
		}
		old := *r.c
		changed, found := codes.Correspondence(r.c)
		left, last = append(left, found...), r.id
		if changed {
			err = writeEntry(ctx, tx, r.team, r.id, r.c, &old)
		}
	}
	return last, left, err
}

// codePartners rewrites the partners of the batch after rowid last, as
// codeEntries does.
func codePartners(ctx context.Context, tx *sql.Tx, last int64) (int64, []codes.Unresolved, error) {
	type row struct {
		rowid int64
		team  string
		p     *proxenos.Partner
	}
	var batch []*row
	err := eachRow(ctx, tx, func(scan func(...any) error) (*row, error) {
		var r row
		var err error
		r.p, err = scanPartner(scan, proxenos.OfficeZone(), &r.rowid, &r.team) // as in codeEntries
		return &r, err
	}, func(r *row) error { batch = append(batch, r); return nil }, "read partners for codes", "",
		`SELECT `+partnerColumns+`, p.rowid, p.team FROM partners p WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`,
		last, codesBatch)
	var left []codes.Unresolved
	for _, r := range batch {
		if err != nil {
			break
		}
		old := *r.p
		changed, found := codes.Partner(r.p)
		left, last = append(left, found...), r.rowid
		if changed {
			err = writePartner(ctx, tx, r.team, r.p, &old)
		}
	}
	return last, left, err
}
