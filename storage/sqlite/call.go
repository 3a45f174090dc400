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

// CallService keeps the calls the office follows in SQLite.
type CallService struct {
	db *DB
}

var _ proxenos.CallService = (*CallService)(nil)

// NewCallService returns the calls stored in db.
func NewCallService(db *DB) *CallService {
	return &CallService{db: db}
}

// stamp returns t as both stores keep it: to the millisecond, in loc,
// the workspace's zone; the zero time stays zero.
func stamp(t time.Time, loc *time.Location) time.Time {
	return search.InZone(t.Truncate(time.Millisecond), loc)
}

// millis returns t in unix milliseconds, or nil (NULL) for the zero time.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// stampCall puts every time of c in the form stamp gives in loc.
func stampCall(c *proxenos.Call, loc *time.Location) {
	c.OpeningDate, c.CreatedAt, c.UpdatedAt = stamp(c.OpeningDate, loc), stamp(c.CreatedAt, loc), stamp(c.UpdatedAt, loc)
	for i := range c.Deadlines {
		c.Deadlines[i].At = stamp(c.Deadlines[i].At, loc)
	}
	for i := range c.Milestones {
		c.Milestones[i].At = stamp(c.Milestones[i].At, loc)
	}
	for i := range c.History {
		c.History[i].At = stamp(c.History[i].At, loc)
	}
}

// deadlineSpan returns a call's first and last deadline and every
// deadline in unix milliseconds as a JSON list, the columns its filters
// and its order are read from.
func deadlineSpan(c *proxenos.Call) (first, last time.Time, list string) {
	ms := make([]int64, len(c.Deadlines))
	for i, d := range c.Deadlines {
		if i == 0 || d.At.Before(first) {
			first = d.At
		}
		if d.At.After(last) {
			last = d.At
		}
		ms[i] = d.At.UnixMilli()
	}
	b, _ := json.Marshal(ms) // a list of integers always encodes
	return first, last, string(b)
}

// decodeCall reads a call's JSON, its times in loc.
func decodeCall(doc string, loc *time.Location) (*proxenos.Call, error) {
	var c proxenos.Call
	if err := decodeDoc(doc, &c); err != nil {
		return nil, fmt.Errorf("sqlite: decode call: %w", err)
	}
	stampCall(&c, loc)
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
	return decodeCall(doc, proxenos.ZoneFromContext(ctx))
}

// FindCalls returns the calls matching filter, soonest next deadline
// first (as proxenos.SortCalls orders them at filter.Now), and the total
// count. The sort keys (every deadline in unix milliseconds, the last
// one, the identifier) are columns of the calls_order index: the matches
// are filtered and ordered on those alone, and only the page's documents
// are read and decoded. With filter.All, every match is read in one
// pass instead (see allCalls).
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
	where, args := callConds(team, f)
	if f.All {
		return s.allCalls(ctx, team, where, args, f)
	}
	keys, err := s.callKeys(ctx, team, strings.Join(where, " AND "), args, f, now)
	if err != nil {
		return nil, 0, err
	}
	total := len(keys)
	if offset >= total {
		return nil, total, nil
	}
	page := keys[offset:min(offset+limit, total)]
	ids := make([]int64, len(page))
	for i, k := range page {
		ids[i] = k.rowid
	}
	idList, _ := json.Marshal(ids) // a list of integers always encodes
	rows, err := s.db.db.QueryContext(ctx, `SELECT rowid, doc FROM calls WHERE rowid IN (SELECT value FROM json_each(?))`, string(idList))
	if err != nil {
		return nil, 0, translate(err, "find calls", team)
	}
	defer rows.Close()
	byID := make(map[int64]*proxenos.Call, len(page))
	loc := proxenos.ZoneFromContext(ctx)
	for rows.Next() {
		var rowid int64
		var doc string
		if err := rows.Scan(&rowid, &doc); err != nil {
			return nil, 0, translate(err, "scan call", team)
		}
		c, err := decodeCall(doc, loc)
		if err != nil {
			return nil, 0, err
		}
		byID[rowid] = c
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err, "find calls", team)
	}
	out := make([]*proxenos.Call, 0, len(page))
	for _, k := range page {
		// A call deleted between the two queries is left out.
		if c, ok := byID[k.rowid]; ok {
			out = append(out, c)
		}
	}
	return out, total, nil
}

// callConds returns the conditions, on calls c, of the calls of team f
// selects, and their arguments: fixed SQL fragments only, every value a
// bound argument.
func callConds(team string, f proxenos.CallFilter) ([]string, []any) {
	where, args := []string{"c.team = ?"}, []any{team}
	if len(f.Status) > 0 {
		statuses := make([]string, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		where, args = append(where, "c.status IN (SELECT value FROM json_each(?))"), append(args, jsonList(statuses))
	}
	if f.Owner != "" {
		where, args = append(where, "c.owner = ?"), append(args, f.Owner)
	}
	if f.Programme != "" {
		where, args = append(where, "c.programme = ?"), append(args, string(f.Programme))
	}
	if f.PartnerID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM json_each(c.doc, '$.PartnerIDs') p WHERE p.value = ?)")
		args = append(args, f.PartnerID)
	}
	// A deadline in the filter's range lies between a call's first and
	// last: the index on the last one narrows the calls read (deadlines
	// are kept to the millisecond, see callKeys), and the exact cut is
	// made on each.
	if !f.DeadlineFrom.IsZero() {
		where, args = append(where, "c.last_deadline >= ?"), append(args, ceilMillis(f.DeadlineFrom))
	}
	if !f.DeadlineTo.IsZero() {
		where, args = append(where, "c.first_deadline < ?"), append(args, ceilMillis(f.DeadlineTo))
	}
	return where, args
}

// allCalls returns every call matching the conditions where and the
// filter's deadlines, in one pass and in no set order. The query narrows
// by the first and last deadline; Match makes the exact cut on the
// decoded calls, as every one of them is read anyway.
func (s *CallService) allCalls(ctx context.Context, team string, where []string, args []any, f proxenos.CallFilter) ([]*proxenos.Call, int, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var out []*proxenos.Call
	err := eachRow(ctx, s.db.db, docOf(zoned(decodeCall, loc)), func(c *proxenos.Call) error {
		if f.Match(c) {
			out = append(out, c)
		}
		return nil
	}, "find calls", team, `SELECT c.doc FROM calls c WHERE `+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, err
	}
	return out, len(out), nil
}

// callKey is what a call is filtered by deadline and ordered by.
type callKey struct {
	rowid      int64
	hasNext    bool
	next, last int64 // unix milliseconds
	identifier string
}

// callKeys returns the keys of the calls matching cond and the filter's
// deadlines, in the order of proxenos.SortCalls at now.
func (s *CallService) callKeys(ctx context.Context, team, cond string, args []any, f proxenos.CallFilter, now time.Time) ([]callKey, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT c.rowid, c.deadlines, c.last_deadline, c.identifier FROM calls c WHERE `+cond, args...)
	if err != nil {
		return nil, translate(err, "find calls", team)
	}
	defer rows.Close()
	// Deadlines are kept to the millisecond: one is after now exactly
	// when its millisecond is after now's, rounded down, and in the
	// filter's range exactly when within the bounds rounded up.
	nowMs, from, to := now.UnixMilli(), ceilMillis(f.DeadlineFrom), ceilMillis(f.DeadlineTo)
	ranged := !f.DeadlineFrom.IsZero() || !f.DeadlineTo.IsZero()
	var keys []callKey
	for rows.Next() {
		var k callKey
		var list string
		if err := rows.Scan(&k.rowid, &list, &k.last, &k.identifier); err != nil {
			return nil, translate(err, "scan call", team)
		}
		var deadlines []int64
		if err := json.Unmarshal([]byte(list), &deadlines); err != nil {
			return nil, fmt.Errorf("sqlite: decode deadlines of call %d: %w", k.rowid, err)
		}
		in := !ranged
		for _, d := range deadlines {
			if d > nowMs && (!k.hasNext || d < k.next) {
				k.hasNext, k.next = true, d
			}
			in = in || (d >= from && (f.DeadlineTo.IsZero() || d < to))
		}
		if in {
			keys = append(keys, k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "find calls", team)
	}
	// Calls with a deadline ahead first, soonest first; then the rest,
	// latest last deadline first; ties by identifier.
	slices.SortFunc(keys, func(a, b callKey) int {
		switch {
		case a.hasNext != b.hasNext && a.hasNext:
			return -1
		case a.hasNext != b.hasNext:
			return 1
		case a.hasNext && a.next != b.next:
			return cmp.Compare(a.next, b.next)
		case !a.hasNext && a.last != b.last:
			return cmp.Compare(b.last, a.last)
		}
		return cmp.Or(strings.Compare(a.identifier, b.identifier), cmp.Compare(a.rowid, b.rowid))
	})
	return keys, nil
}

// CreateCall validates c, gives it an id and stores it. ECONFLICT when the
// workspace has a call with the same identifier key (the unique index
// refuses the insert); EINVALID, also for a partner not in the directory.
// A request run again gets the call it made.
func (s *CallService) CreateCall(ctx context.Context, c *proxenos.Call) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused call leaves c as it was;
	// the deadline and milestone lists are copied too, being stamped.
	call := *c
	call.ID, call.CreatedAt, call.UpdatedAt, call.History = search.NewID(), now, now, nil
	call.Deadlines = append([]proxenos.Deadline(nil), c.Deadlines...)
	call.Milestones = append([]proxenos.Milestone(nil), c.Milestones...)
	stampCall(&call, proxenos.ZoneFromContext(ctx))
	made, err := createOnce(ctx, s.db, "calls", team, call.ID, findCall, func(tx *sql.Tx) error {
		// Partners are looked up inside the write transaction, so that
		// none can be checked and then vanish before the call is stored.
		if err := requireNewPartners(ctx, tx, team, nil, call.PartnerIDs); err != nil {
			return err
		}
		return writeCall(ctx, tx, team, &call, true)
	}, "create call")
	if err != nil {
		return err
	}
	*c = *cmp.Or(made, &call)
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
	first, last, deadlines := deadlineSpan(c)
	if insert {
		_, err = tx.ExecContext(ctx, `INSERT INTO calls (id, team, identifier_key, identifier, status, owner, programme,
			first_deadline, last_deadline, deadlines, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, team, proxenos.IdentifierKey(c.Identifier), c.Identifier, string(c.Status), c.Owner,
			string(c.Programme), first.UnixMilli(), last.UnixMilli(), deadlines, string(doc))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE calls SET status = ?, owner = ?, programme = ?, first_deadline = ?, last_deadline = ?,
			deadlines = ?, doc = ? WHERE team = ? AND id = ?`, string(c.Status), c.Owner, string(c.Programme), first.UnixMilli(),
			last.UnixMilli(), deadlines, string(doc), team, c.ID)
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
	return update(ctx, s.db, "call", id, findCall, func(tx *sql.Tx, team string, c *proxenos.Call) error {
		// Apply replaces the list, so this still holds the stored one.
		oldPartners := c.PartnerIDs
		changes := upd.Apply(c)
		if len(changes) == 0 {
			return nil
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := requireNewPartners(ctx, tx, team, oldPartners, c.PartnerIDs); err != nil {
			return err
		}
		now := search.Clock(ctx, s.db.Now)
		c.UpdatedAt = now
		c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		stampCall(c, proxenos.ZoneFromContext(ctx))
		return writeCall(ctx, tx, team, c, false)
	})
}

// DeleteCall removes a call by its id or topic identifier. ENOTFOUND.
func (s *CallService) DeleteCall(ctx context.Context, id string) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	return s.db.writeTx(ctx, func(tx *sql.Tx) error {
		// Resolve an identifier to the id first, within the transaction.
		c, err := findCall(ctx, tx, team, id)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM calls WHERE team = ? AND id = ?`, team, c.ID)
		return translate(err, "delete call", team, id)
	}, "delete call", team, id)
}
