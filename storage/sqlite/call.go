package sqlite

import (
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

// CallService keeps the calls the office follows in SQLite.
type CallService struct {
	db *DB
}

var _ proxenos.CallService = (*CallService)(nil)

// NewCallService returns the calls stored in db.
func NewCallService(db *DB) *CallService {
	return &CallService{db: db}
}

// stamp returns t as both stores keep it: to the millisecond, in the
// office zone; the zero time stays zero.
func stamp(t time.Time) time.Time {
	return search.InZone(t.Truncate(time.Millisecond))
}

// millis returns t in unix milliseconds, or nil (NULL) for the zero time.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// stampCall puts every time of c in the form stamp gives.
func stampCall(c *proxenos.Call) {
	c.OpeningDate, c.CreatedAt, c.UpdatedAt = stamp(c.OpeningDate), stamp(c.CreatedAt), stamp(c.UpdatedAt)
	for i := range c.Deadlines {
		c.Deadlines[i].At = stamp(c.Deadlines[i].At)
	}
	for i := range c.Milestones {
		c.Milestones[i].At = stamp(c.Milestones[i].At)
	}
	for i := range c.History {
		c.History[i].At = stamp(c.History[i].At)
	}
}

// deadlineSpan returns a call's first and last deadline: a call has a
// deadline in [from, to) only if its last is at or after from and its
// first before to, which the indexed columns can tell.
func deadlineSpan(c *proxenos.Call) (first, last time.Time) {
	for i, d := range c.Deadlines {
		if i == 0 || d.At.Before(first) {
			first = d.At
		}
		if d.At.After(last) {
			last = d.At
		}
	}
	return first, last
}

// decodeCall reads a call's JSON, its times in the office zone.
func decodeCall(doc string) (*proxenos.Call, error) {
	var c proxenos.Call
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		return nil, fmt.Errorf("sqlite: decode call: %w", err)
	}
	stampCall(&c)
	return &c, nil
}

// FindCallByID returns one call by its id or its topic identifier.
// ENOTFOUND if none.
func (s *CallService) FindCallByID(ctx context.Context, id string) (*proxenos.Call, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	return findCall(ctx, s.db.db, team, id)
}

// findCall returns the call of team whose id is id or, failing that,
// whose identifier key is IdentifierKey(id). ENOTFOUND if none.
func findCall(ctx context.Context, q queryer, team, id string) (*proxenos.Call, error) {
	var doc string
	err := q.QueryRowContext(ctx, `SELECT doc FROM calls WHERE team = ? AND (id = ? OR identifier_key = ?)
		ORDER BY id = ? DESC LIMIT 1`, team, id, proxenos.IdentifierKey(id), id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "call.notfound", id)
	} else if err != nil {
		return nil, translate(err, "find call", team, id)
	}
	return decodeCall(doc)
}

// FindCalls returns the calls matching filter, soonest next deadline
// first (as proxenos.SortCalls orders them at filter.Now), and the total
// count. The query narrows the candidates by workspace, status, owner,
// programme and deadline span through indexes; Match and SortCalls then
// decide on them in Go, since "next deadline after now" is no column.
func (s *CallService) FindCalls(ctx context.Context, f proxenos.CallFilter) ([]*proxenos.Call, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	now := f.Now
	if now.IsZero() {
		now = s.db.Now()
	}
	// Fixed SQL fragments only; every value is a bound argument.
	where, args := []string{"team = ?"}, []any{team}
	if len(f.Status) > 0 {
		statuses := make([]string, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		where, args = append(where, "status IN (SELECT value FROM json_each(?))"), append(args, jsonList(statuses))
	}
	if f.Owner != "" {
		where, args = append(where, "owner = ?"), append(args, f.Owner)
	}
	if f.Programme != "" {
		where, args = append(where, "programme = ?"), append(args, string(f.Programme))
	}
	if !f.DeadlineFrom.IsZero() {
		// Milliseconds round down, so these keep a superset: Match
		// below makes the exact cut.
		where, args = append(where, "last_deadline >= ?"), append(args, f.DeadlineFrom.UnixMilli())
	}
	if !f.DeadlineTo.IsZero() {
		where, args = append(where, "first_deadline <= ?"), append(args, f.DeadlineTo.UnixMilli())
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT doc FROM calls WHERE `+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, translate(err, "find calls", team)
	}
	defer rows.Close()
	var matched []*proxenos.Call
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, 0, translate(err, "scan call", team)
		}
		c, err := decodeCall(doc)
		if err != nil {
			return nil, 0, err
		}
		if f.Match(c) {
			matched = append(matched, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err, "find calls", team)
	}
	// The candidates are one workspace's calls in the chosen statuses:
	// hundreds, not millions, so sorting and paging here is cheap.
	proxenos.SortCalls(matched, now)
	total := len(matched)
	if offset >= total {
		return nil, total, nil
	}
	return matched[offset:min(offset+limit, total)], total, nil
}

// CreateCall validates c, gives it an id and stores it. ECONFLICT when the
// workspace has a call with the same identifier key (the unique index
// refuses the insert); EINVALID, also for a partner not in the directory.
func (s *CallService) CreateCall(ctx context.Context, c *proxenos.Call) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	now := search.Clock(s.db.Now)
	// Work on a copy, so that a refused call leaves c as it was;
	// the deadline and milestone lists are copied too, being stamped.
	call := *c
	call.ID, call.CreatedAt, call.UpdatedAt, call.History = search.NewID(), now, now, nil
	call.Deadlines = append([]proxenos.Deadline(nil), c.Deadlines...)
	call.Milestones = append([]proxenos.Milestone(nil), c.Milestones...)
	stampCall(&call)
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "begin create call", team)
	}
	defer tx.Rollback()
	// Partners are looked up inside the write transaction, so that
	// none can be checked and then vanish before the call is stored.
	for _, p := range call.PartnerIDs {
		if err := requirePartner(ctx, tx, team, p); err != nil {
			return err
		}
	}
	if err := writeCall(ctx, tx, team, &call, true); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return translate(err, "commit call", team, call.Identifier)
	}
	*c = call
	return nil
}

// writeCall inserts c (insert) or rewrites its row. A taken identifier is
// ECONFLICT naming it.
func writeCall(ctx context.Context, tx *sql.Tx, team string, c *proxenos.Call, insert bool) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("sqlite: encode call %s: %w", c.ID, err)
	}
	// The columns repeat what the JSON holds, for the WHERE clauses;
	// the identifier never changes, so an update leaves its key.
	first, last := deadlineSpan(c)
	if insert {
		_, err = tx.ExecContext(ctx, `INSERT INTO calls (id, team, identifier_key, status, owner, programme, first_deadline, last_deadline, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, team, proxenos.IdentifierKey(c.Identifier), string(c.Status), c.Owner,
			string(c.Programme), first.UnixMilli(), last.UnixMilli(), string(doc))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE calls SET status = ?, owner = ?, programme = ?, first_deadline = ?, last_deadline = ?, doc = ?
			WHERE team = ? AND id = ?`, string(c.Status), c.Owner, string(c.Programme), first.UnixMilli(), last.UnixMilli(),
			string(doc), team, c.ID)
	}
	// Only (team, identifier_key) is unique besides the random id.
	if proxenos.ErrorCode(translate(err, "")) == proxenos.ECONFLICT {
		return proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", c.Identifier)
	}
	return translate(err, "write call", team, c.ID)
}

// UpdateCall applies upd, validates the result and appends a Change by the
// user in ctx to the history, in one transaction. No change, no history.
// ENOTFOUND, EINVALID.
func (s *CallService) UpdateCall(ctx context.Context, id string, upd proxenos.CallUpdate) (*proxenos.Call, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, translate(err, "begin update call", team, id)
	}
	defer tx.Rollback()
	c, err := findCall(ctx, tx, team, id)
	if err != nil {
		return nil, err
	}
	// Apply replaces the list, so this still holds the stored one.
	oldPartners := c.PartnerIDs
	changes := upd.Apply(c)
	if len(changes) == 0 {
		return c, nil
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	for _, p := range c.PartnerIDs {
		// Partners the call already had stay, even if since removed from
		// the directory: only new ones must exist.
		if !slices.Contains(oldPartners, p) {
			if err := requirePartner(ctx, tx, team, p); err != nil {
				return nil, err
			}
		}
	}
	now := search.Clock(s.db.Now)
	c.UpdatedAt = now
	c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
	stampCall(c)
	if err := writeCall(ctx, tx, team, c, false); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, translate(err, "commit call update", team, id)
	}
	return c, nil
}

// DeleteCall removes a call by its id or topic identifier. ENOTFOUND.
func (s *CallService) DeleteCall(ctx context.Context, id string) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "begin delete call", team, id)
	}
	defer tx.Rollback()
	// Resolve an identifier to the id first, within the transaction.
	c, err := findCall(ctx, tx, team, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM calls WHERE team = ? AND id = ?`, team, c.ID); err != nil {
		return translate(err, "delete call", team, id)
	}
	return translate(tx.Commit(), "commit call delete", team, id)
}
