package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// AgreementService keeps agreements and their obligations in SQLite.
type AgreementService struct {
	db *DB
}

var _ proxenos.AgreementService = (*AgreementService)(nil)

// NewAgreementService returns the agreements stored in db.
func NewAgreementService(db *DB) *AgreementService {
	return &AgreementService{db: db}
}

// stampAgreement puts every time of a in the form stamp gives in loc.
func stampAgreement(a *proxenos.Agreement, loc *time.Location) {
	a.Signed, a.Start, a.End = stamp(a.Signed, loc), stamp(a.Start, loc), stamp(a.End, loc)
	a.CreatedAt, a.UpdatedAt = stamp(a.CreatedAt, loc), stamp(a.UpdatedAt, loc)
	for i := range a.History {
		a.History[i].At = stamp(a.History[i].At, loc)
	}
}

// stampObligation puts every time of o in the form stamp gives in loc.
func stampObligation(o *proxenos.Obligation, loc *time.Location) {
	o.Due, o.Start, o.CreatedAt, o.UpdatedAt = stamp(o.Due, loc), stamp(o.Start, loc), stamp(o.CreatedAt, loc), stamp(o.UpdatedAt, loc)
	for i := range o.Fulfilments {
		o.Fulfilments[i].Due, o.Fulfilments[i].At = stamp(o.Fulfilments[i].Due, loc), stamp(o.Fulfilments[i].At, loc)
	}
	for i := range o.History {
		o.History[i].At = stamp(o.History[i].At, loc)
	}
}

// ceilMillis returns the first unix millisecond at or after t, so that a
// bound on a millisecond column keeps exactly the instants t's does.
func ceilMillis(t time.Time) int64 {
	ms := t.UnixMilli()
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		ms++
	}
	return ms
}

// FindAgreementByID returns one agreement. ENOTFOUND if none.
func (s *AgreementService) FindAgreementByID(ctx context.Context, id string) (*proxenos.Agreement, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	return findAgreement(ctx, s.db.db, team, id)
}

// findAgreement returns an agreement of team. ENOTFOUND if none.
func findAgreement(ctx context.Context, q queryer, team, id string) (*proxenos.Agreement, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var doc string
	err := q.QueryRowContext(ctx, `SELECT doc FROM agreements WHERE team = ? AND id = ?`, team, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "agreement.notfound", id)
	} else if err != nil {
		return nil, translate(err, "find agreement", team, id)
	}
	return decodeAgreement(doc, loc)
}

// FindAgreements returns the agreements matching filter, by end date
// (open-ended last), then title and id, as proxenos.SortAgreements orders
// them, and the total count. The filter and the order are all SQL.
func (s *AgreementService) FindAgreements(ctx context.Context, f proxenos.AgreementFilter) ([]*proxenos.Agreement, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	offset, limit := search.Page(f.Offset, f.Limit)
	if f.Zone == nil {
		f.Zone = loc
	}
	cond, args := s.agreementCondition(team, f)
	from := agreementSource(f)
	if f.All {
		// Every match in one pass, as the index gives them: no count,
		// no sort, no rows skipped again page after page.
		out, err := readDocs(ctx, s.db.db, zoned(decodeAgreement, loc), "find agreements", team, `SELECT a.doc FROM `+from+` WHERE `+cond, args...)
		return out, len(out), err
	}
	// The page walks an index and stops; the count reads only the index.
	// (COUNT(*) OVER () would read every match's document.)
	var total int
	if err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "count agreements", team)
	}
	out, err := readDocs(ctx, s.db.db, zoned(decodeAgreement, loc), "find agreements", team, `SELECT a.doc FROM `+from+` WHERE `+cond+
		` ORDER BY `+agreementOrder(f)+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// agreementCondition returns the WHERE condition of f on the agreements
// of team (as "a"), with its arguments; f.Zone is set.
func (s *AgreementService) agreementCondition(team string, f proxenos.AgreementFilter) (string, []any) {
	where, args := []string{"a.team = ?"}, []any{team}
	if f.Kind != "" {
		where, args = append(where, "a.kind = ?"), append(args, string(f.Kind))
	}
	if len(f.Status) > 0 {
		statuses := make([]string, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		// One status is an equality, so that agreements_status can give
		// the order (see agreementSource).
		if len(statuses) == 1 {
			where, args = append(where, "a.status = ?"), append(args, statuses[0])
		} else {
			where, args = append(where, "a.status IN (SELECT value FROM json_each(?))"), append(args, jsonList(statuses))
		}
	}
	// Partners are few per agreement: the JSON list is searched
	// within the workspace's rows rather than kept in a table of its own.
	if f.PartnerID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM json_each(a.doc, '$.PartnerIDs') p WHERE p.value = ?)")
		args = append(args, f.PartnerID)
	}
	if f.ExpiringWithinDays > 0 {
		now := f.Now
		if now.IsZero() {
			now = s.db.Now()
		}
		from, to := search.DaySpan(now, f.ExpiringWithinDays, f.Zone)
		where, args = append(where, "a.end_at >= ? AND a.end_at < ?"), append(args, ceilMillis(from), ceilMillis(to))
	}
	// End or notice deadline in [DatesFrom, DatesTo): as the notice
	// deadline is never after End, that is the earlier of the two
	// (remind_at) before DatesTo and End at or after DatesFrom, unless
	// the window lies wholly between the two.
	if !f.DatesTo.IsZero() {
		from, to := ceilMillis(f.DatesFrom), ceilMillis(f.DatesTo)
		where = append(where, "a.remind_at < ? AND a.end_at >= ? AND (a.end_at < ? OR a.notice_at >= ?)")
		args = append(args, to, from, to, from)
	}
	return strings.Join(where, " AND "), args
}

// agreementSource returns the FROM clause of f's search. With one
// status, agreements_status answers the whole condition, so rows an
// OFFSET skips are never read; left to itself SQLite may walk
// agreements_end and read every row to check its status. With dates,
// agreements_remind answers it, and the few matches are sorted.
func agreementSource(f proxenos.AgreementFilter) string {
	switch {
	case len(f.Status) == 1 && !f.DatesTo.IsZero():
		return `agreements a INDEXED BY agreements_remind`
	case len(f.Status) == 1:
		return `agreements a INDEXED BY agreements_status`
	}
	return `agreements a`
}

// agreementOrder returns the ORDER BY of f's page. With an end range
// there are no open-ended agreements to put last, and the order is the
// index's: a page reads only its own rows rather than sorting every
// match.
func agreementOrder(f proxenos.AgreementFilter) string {
	if f.ExpiringWithinDays > 0 || !f.DatesTo.IsZero() {
		return `a.end_at, a.title_key, a.id`
	}
	return `a.end_at IS NULL, a.end_at, a.title_key, a.id`
}

// CreateAgreement validates a, gives it an id and stores it. EINVALID,
// also for a partner not in the directory. A request run again gets the
// agreement it made.
func (s *AgreementService) CreateAgreement(ctx context.Context, a *proxenos.Agreement) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := a.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused agreement leaves a as it was.
	agreement := *a
	agreement.ID, agreement.CreatedAt, agreement.UpdatedAt, agreement.History = search.NewID(), now, now, nil
	stampAgreement(&agreement, loc)
	made, err := createOnce(ctx, s.db, "agreements", team, agreement.ID, findAgreement, func(tx *sql.Tx) error {
		// Every partner must be in this workspace's directory.
		if err := requireNewPartners(ctx, tx, team, nil, agreement.PartnerIDs); err != nil {
			return err
		}
		return writeAgreement(ctx, tx, team, &agreement, true)
	}, "create agreement")
	if err != nil {
		return err
	}
	*a = *cmp.Or(made, &agreement)
	return nil
}

// reminderDates returns the columns of a's reminder dates in unix
// milliseconds: its notice deadline (in loc, the workspace's zone), and the
// earlier of that and End; nil (NULL) where there is none.
func reminderDates(a *proxenos.Agreement, loc *time.Location) (noticeAt, remindAt any) {
	notice, ok := a.NoticeDeadline(loc)
	if !ok {
		return nil, millis(a.End)
	}
	return notice.UnixMilli(), notice.UnixMilli()
}

// writeAgreement inserts a (insert) or rewrites its row.
func writeAgreement(ctx context.Context, tx *sql.Tx, team string, a *proxenos.Agreement, insert bool) error {
	doc, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("sqlite: encode agreement %s: %w", a.ID, err)
	}
	// end_at is NULL for an open-ended agreement, which ORDER BY puts
	// last with "end_at IS NULL"; title_key orders equal ends.
	noticeAt, remindAt := reminderDates(a, proxenos.ZoneFromContext(ctx))
	if insert {
		_, err = tx.ExecContext(ctx, `INSERT INTO agreements (id, team, kind, status, end_at, notice_at, remind_at, title_key, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, team, string(a.Kind), string(a.Status), millis(a.End), noticeAt, remindAt,
			proxenos.SearchKey(a.Title), string(doc))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE agreements SET kind = ?, status = ?, end_at = ?, notice_at = ?, remind_at = ?, title_key = ?,
			doc = ? WHERE team = ? AND id = ?`, string(a.Kind), string(a.Status), millis(a.End), noticeAt, remindAt,
			proxenos.SearchKey(a.Title), string(doc), team, a.ID)
	}
	return translate(err, "write agreement", team, a.ID)
}

// backfillReminderDates fills in the reminder dates of agreements
// stored before their columns were (remind_at NULL although end_at is
// set): the notice deadline is reckoned in the office's calendar, which
// SQL cannot do, so the migration leaves it to this.
func (db *DB) backfillReminderDates(ctx context.Context) error {
	// A backfill at open is for no workspace: the agreements, all made
	// before a workspace could choose its zone, are reckoned in the
	// deployment's calendar.
	loc := proxenos.OfficeZone()
	rows, err := db.db.QueryContext(ctx, `SELECT team, id, doc FROM agreements WHERE remind_at IS NULL AND end_at IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("sqlite: find agreements without reminder dates: %w", err)
	}
	type pending struct {
		team string
		a    proxenos.Agreement
	}
	var todo []pending
	for rows.Next() {
		var p pending
		var doc string
		if err := rows.Scan(&p.team, &p.a.ID, &doc); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: scan agreement: %w", err)
		}
		if err := json.Unmarshal([]byte(doc), &p.a); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: decode agreement %s: %w", p.a.ID, err)
		}
		stampAgreement(&p.a, loc)
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin reminder dates: %w", err)
	}
	defer tx.Rollback()
	for _, p := range todo {
		noticeAt, remindAt := reminderDates(&p.a, loc)
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET notice_at = ?, remind_at = ? WHERE team = ? AND id = ?`,
			noticeAt, remindAt, p.team, p.a.ID); err != nil {
			return fmt.Errorf("sqlite: reminder dates of agreement %s: %w", p.a.ID, err)
		}
	}
	return tx.Commit()
}

// UpdateAgreement applies upd, validates the result and appends a Change
// by the user in ctx to the history, in one transaction. No change, no
// history. ENOTFOUND, EINVALID.
func (s *AgreementService) UpdateAgreement(ctx context.Context, id string, upd proxenos.AgreementUpdate) (*proxenos.Agreement, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return update(ctx, s.db, "agreement", id, findAgreement, func(tx *sql.Tx, team string, a *proxenos.Agreement) error {
		// Apply replaces the list, so this still holds the stored one.
		oldPartners := a.PartnerIDs
		changes := upd.Apply(a)
		if len(changes) == 0 {
			return nil
		}
		if err := a.Validate(); err != nil {
			return err
		}
		if err := requireNewPartners(ctx, tx, team, oldPartners, a.PartnerIDs); err != nil {
			return err
		}
		now := search.Clock(ctx, s.db.Now)
		a.UpdatedAt = now
		a.History = append(a.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		stampAgreement(a, loc)
		return writeAgreement(ctx, tx, team, a, false)
	})
}

// FindObligationByID returns one obligation. ENOTFOUND if none.
func (s *AgreementService) FindObligationByID(ctx context.Context, id string) (*proxenos.Obligation, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	return findObligation(ctx, s.db.db, team, id)
}

// findObligation returns an obligation of team. ENOTFOUND if none.
func findObligation(ctx context.Context, q queryer, team, id string) (*proxenos.Obligation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var doc string
	err := q.QueryRowContext(ctx, `SELECT doc FROM obligations WHERE team = ? AND id = ?`, team, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "obligation.notfound", id)
	} else if err != nil {
		return nil, translate(err, "find obligation", team, id)
	}
	return decodeObligation(doc, loc)
}

// decodeObligation reads an obligation's JSON, its times in loc.
func decodeObligation(doc string, loc *time.Location) (*proxenos.Obligation, error) {
	var o proxenos.Obligation
	if err := json.Unmarshal([]byte(doc), &o); err != nil {
		return nil, fmt.Errorf("sqlite: decode obligation: %w", err)
	}
	stampObligation(&o, loc)
	return &o, nil
}

// writeObligation inserts o (insert) or rewrites its row.
func writeObligation(ctx context.Context, tx *sql.Tx, team string, o *proxenos.Obligation, insert bool) error {
	doc, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("sqlite: encode obligation %s: %w", o.ID, err)
	}
	// due is the occurrence now due, the column overdue and due-soon
	// queries range over; the fulfilments live in the JSON only.
	if insert {
		_, err = tx.ExecContext(ctx, `INSERT INTO obligations (id, team, agreement_id, status, owner, due, lead_days, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.ID, team, o.AgreementID, string(o.Status), o.Owner, o.Due.UnixMilli(),
			slices.Max(append([]int{0}, o.LeadDays...)), string(doc))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE obligations SET status = ?, owner = ?, due = ?, lead_days = ?, doc = ? WHERE team = ? AND id = ?`,
			string(o.Status), o.Owner, o.Due.UnixMilli(), slices.Max(append([]int{0}, o.LeadDays...)), string(doc), team, o.ID)
	}
	return translate(err, "write obligation", team, o.ID)
}

// claimOccurrence inserts the claim on (obligation, due): the primary key
// lets only one completion of an occurrence through. ECONFLICT when the
// occurrence was already fulfilled.
func claimOccurrence(ctx context.Context, tx *sql.Tx, team, id string, due time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO obligation_claims (obligation_id, due, team) VALUES (?, ?, ?)`, id, due.UnixMilli(), team)
	if proxenos.ErrorCode(translate(err, "")) == proxenos.ECONFLICT {
		return proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.fulfilled")
	}
	return translate(err, "claim obligation occurrence", team, id)
}

// AddObligation validates o, gives it an id and stores it under its
// agreement, with claims on the occurrences it arrives fulfilled.
// ENOTFOUND when the agreement does not exist in the workspace; EINVALID.
// A request run again gets the obligation it added.
func (s *AgreementService) AddObligation(ctx context.Context, o *proxenos.Obligation) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := o.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused obligation leaves o as it was.
	ob := *o
	ob.ID, ob.CreatedAt, ob.UpdatedAt = search.NewID(), now, now
	ob.Fulfilments = append([]proxenos.Fulfilment(nil), o.Fulfilments...)
	stampObligation(&ob, loc)
	made, err := createOnce(ctx, s.db, "obligations", team, ob.ID, findObligation, func(tx *sql.Tx) error {
		if _, err := findAgreement(ctx, tx, team, ob.AgreementID); err != nil {
			return err
		}
		if err := writeObligation(ctx, tx, team, &ob, true); err != nil {
			return err
		}
		// An obligation imported with past fulfilments claims them, so
		// that those occurrences cannot be completed again.
		for _, f := range ob.Fulfilments {
			if err := claimOccurrence(ctx, tx, team, ob.ID, f.Due); err != nil {
				return err
			}
		}
		return nil
	}, "add obligation")
	if err != nil {
		return err
	}
	*o = *cmp.Or(made, &ob)
	return nil
}

// UpdateObligation checks upd against the stored obligation, applies it,
// validates the result and appends a Change by the user in ctx to its
// history, all in one write transaction: the status upd.Check sees is the
// one the write replaces. No change, no history (nor a write).
// ENOTFOUND, EINVALID, ECONFLICT.
func (s *AgreementService) UpdateObligation(ctx context.Context, id string, upd proxenos.ObligationUpdate) (*proxenos.Obligation, error) {
	return s.changeObligation(ctx, id, func(tx *sql.Tx, team string, o *proxenos.Obligation, now time.Time) (bool, error) {
		if err := upd.Check(o); err != nil {
			return false, err
		}
		changes := upd.Apply(o)
		if len(changes) == 0 {
			return false, nil
		}
		o.History = append(o.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		return true, o.Validate()
	})
}

// CompleteObligation records f as fulfilling the occurrence due at due,
// which must be the one now due, and moves a recurring obligation to its
// next occurrence. The claim on (obligation, due) is inserted in the same
// transaction as the new state, so a second completion of the occurrence
// finds it and gets ECONFLICT. The fulfilment is the record of who met
// it: no Change is added. ENOTFOUND; ECONFLICT when the obligation is not
// open or no longer due at due; EINVALID.
func (s *AgreementService) CompleteObligation(ctx context.Context, id string, due time.Time, f proxenos.Fulfilment) (*proxenos.Obligation, error) {
	return s.changeObligation(ctx, id, func(tx *sql.Tx, team string, o *proxenos.Obligation, _ time.Time) (bool, error) {
		if err := o.Complete(due, f, proxenos.ZoneFromContext(ctx)); err != nil {
			return false, err
		}
		return true, claimOccurrence(ctx, tx, team, o.ID, due)
	})
}

// changeObligation reads an obligation, edits it and, if edit reports a
// change, writes it back, in one write transaction. edit gets the time
// of the change.
func (s *AgreementService) changeObligation(ctx context.Context, id string,
	edit func(*sql.Tx, string, *proxenos.Obligation, time.Time) (bool, error)) (*proxenos.Obligation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return update(ctx, s.db, "obligation", id, findObligation, func(tx *sql.Tx, team string, o *proxenos.Obligation) error {
		now := search.Clock(ctx, s.db.Now)
		if changed, err := edit(tx, team, o, now); err != nil || !changed {
			return err
		}
		o.UpdatedAt = now
		stampObligation(o, loc)
		return writeObligation(ctx, tx, team, o, false)
	})
}

// FindObligations returns the obligations matching filter, earliest due
// first (ties by id), and the total count; filter and order are SQL.
func (s *AgreementService) FindObligations(ctx context.Context, f proxenos.ObligationFilter) ([]*proxenos.Obligation, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	offset, limit := search.Page(f.Offset, f.Limit)
	where, args := []string{"team = ?"}, []any{team}
	if f.AgreementID != "" {
		where, args = append(where, "agreement_id = ?"), append(args, f.AgreementID)
	}
	if f.Owner != "" {
		where, args = append(where, "owner = ?"), append(args, f.Owner)
	}
	if len(f.Status) > 0 {
		statuses := make([]string, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		// One status is an equality, so that the obligations_due index
		// gives the order and a page reads only its rows; a list makes
		// SQLite sort every match for each page.
		if len(statuses) == 1 {
			where, args = append(where, "status = ?"), append(args, statuses[0])
		} else {
			where, args = append(where, "status IN (SELECT value FROM json_each(?))"), append(args, jsonList(statuses))
		}
	}
	// Due is kept to the millisecond; rounding the bounds up keeps
	// exactly the obligations Match would keep.
	if !f.DueFrom.IsZero() {
		where, args = append(where, "due >= ?"), append(args, ceilMillis(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		where, args = append(where, "due < ?"), append(args, ceilMillis(f.DueTo))
	}
	// Few obligations have long lead times of their own: obligations_lead
	// finds them without reading the rows of every due date in range.
	from := `obligations`
	if f.LeadDaysOver > 0 {
		where, args = append(where, "lead_days > ?"), append(args, f.LeadDaysOver)
		from = `obligations INDEXED BY obligations_lead`
	}
	cond := strings.Join(where, " AND ")
	if f.All {
		// Every match in one pass: no count, no sort.
		out, err := readDocs(ctx, s.db.db, zoned(decodeObligation, loc), "find obligations", team, `SELECT doc FROM `+from+` WHERE `+cond, args...)
		return out, len(out), err
	}
	// As for agreements: count on the index, read only the page's documents.
	var total int
	if err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "count obligations", team)
	}
	out, err := readDocs(ctx, s.db.db, zoned(decodeObligation, loc), "find obligations", team, `SELECT doc FROM `+from+` WHERE `+cond+
		` ORDER BY due, id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
