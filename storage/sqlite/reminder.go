package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// ReminderService records reminder deliveries, marks and the sender lease
// in SQLite. Claims are INSERTs on a primary key, so two processes sharing
// the file never both win one.
type ReminderService struct {
	db *DB
}

var _ proxenos.ReminderService = (*ReminderService)(nil)

// NewReminderService returns the reminder records stored in db.
func NewReminderService(db *DB) *ReminderService {
	return &ReminderService{db: db}
}

// maxKeysPerQuery bounds the IN list of one FindDeliveries query.
const maxKeysPerQuery = 500

// normalizeDelivery keeps the precision both stores keep (milliseconds)
// and puts d's times in loc, so that both return the same values.
func normalizeDelivery(d *proxenos.Delivery, loc *time.Location) {
	for _, t := range []*time.Time{&d.LeaseUntil, &d.NextAttempt, &d.ClaimedAt, &d.SentAt, &d.Reminder.At, &d.Reminder.Occurrence,
		&d.Reminder.MovedFrom} {
		*t = search.InZone(t.Truncate(time.Millisecond), loc)
	}
}

// ClaimDelivery inserts the attempt d. ECONFLICT when it is taken.
func (s *ReminderService) ClaimDelivery(ctx context.Context, d *proxenos.Delivery) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	normalizeDelivery(d, loc)
	doc, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = s.db.w.ExecContext(ctx, `INSERT INTO reminder_deliveries (team, key, attempt, state, kind, holder, claimed_at, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, team, d.Key, d.Attempt, d.State, d.Reminder.Kind, d.Holder, d.ClaimedAt.UnixMilli(), doc)
	return translate(err, "claim delivery", team, d.Key, d.Attempt)
}

// FinishDelivery records the outcome of d.Holder's attempt.
func (s *ReminderService) FinishDelivery(ctx context.Context, d *proxenos.Delivery) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	normalizeDelivery(d, loc)
	doc, err := json.Marshal(d)
	if err != nil {
		return err
	}
	res, err := s.db.w.ExecContext(ctx, `UPDATE reminder_deliveries SET state = ?, doc = ?
		WHERE team = ? AND key = ? AND attempt = ? AND holder = ?`, d.State, doc, team, d.Key, d.Attempt, d.Holder)
	if err != nil {
		return translate(err, "finish delivery", team, d.Key, d.Attempt)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "reminder.not_found")
	}
	return nil
}

// FindDeliveries returns the attempts matching filter, by key and attempt.
func (s *ReminderService) FindDeliveries(ctx context.Context, f proxenos.DeliveryFilter) ([]*proxenos.Delivery, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	if len(f.Keys) == 0 {
		return s.findDeliveries(ctx, team, f, nil)
	}
	var out []*proxenos.Delivery
	for start := 0; start < len(f.Keys); start += maxKeysPerQuery {
		batch := f.Keys[start:min(start+maxKeysPerQuery, len(f.Keys))]
		found, err := s.findDeliveries(ctx, team, f, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// findDeliveries runs one query of FindDeliveries, for keys when given.
func (s *ReminderService) findDeliveries(ctx context.Context, team string, f proxenos.DeliveryFilter, keys []string) ([]*proxenos.Delivery, error) {
	loc := proxenos.ZoneFromContext(ctx)
	where := []string{"team = ?"}
	args := []any{team}
	if len(keys) > 0 {
		where = append(where, "key IN (SELECT value FROM json_each(?))")
		args = append(args, jsonList(keys))
	}
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, st := range f.States {
			states[i] = string(st)
		}
		where = append(where, "state IN (SELECT value FROM json_each(?))")
		args = append(args, jsonList(states))
	}
	if !f.Since.IsZero() {
		where = append(where, "claimed_at >= ?")
		args = append(args, f.Since.UnixMilli())
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, f.Kind)
	}
	return readDocs(ctx, s.db.db, zoned(decodeDelivery, loc), "find deliveries", team, `SELECT doc FROM reminder_deliveries WHERE `+
		strings.Join(where, " AND ")+` ORDER BY key, attempt`, args...)
}

// AddMark validates and stores m; a zero m.At is now.
func (s *ReminderService) AddMark(ctx context.Context, m *proxenos.ReminderMark) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := m.Validate(); err != nil {
		return err
	}
	if m.At.IsZero() {
		m.At = search.Clock(ctx, s.db.Now)
	}
	m.At, m.Until = search.InZone(m.At.Truncate(time.Millisecond), loc), search.InZone(m.Until.Truncate(time.Millisecond), loc)
	doc, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = s.db.w.ExecContext(ctx, `INSERT INTO reminder_marks (team, item_key, doc) VALUES (?, ?, ?)`, team, m.ItemKey, doc)
	return translate(err, "add mark", team, m.ItemKey)
}

// FindMarks returns the marks of itemKeys (all when none), oldest first.
func (s *ReminderService) FindMarks(ctx context.Context, itemKeys ...string) ([]*proxenos.ReminderMark, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	q, args := `SELECT doc FROM reminder_marks WHERE team = ?`, []any{team}
	if len(itemKeys) > 0 {
		q += ` AND item_key IN (SELECT value FROM json_each(?))`
		args = append(args, jsonList(itemKeys))
	}
	return readDocs(ctx, s.db.db, zoned(decodeMark, loc), "find marks", team, q+` ORDER BY seq`, args...)
}

// ClaimLease inserts the term l. ECONFLICT when it is taken.
func (s *ReminderService) ClaimLease(ctx context.Context, l *proxenos.Lease) error {
	_, err := s.db.w.ExecContext(ctx, `INSERT INTO leases (name, term, holder, expires) VALUES (?, ?, ?, ?)`,
		l.Name, l.Term, l.Holder, l.Expires.UnixMilli())
	return translate(err, "claim lease", l.Name, l.Term)
}

// FindLease returns the latest term of the named lease. ENOTFOUND if none.
func (s *ReminderService) FindLease(ctx context.Context, name string) (*proxenos.Lease, error) {
	loc := proxenos.ZoneFromContext(ctx)
	l := proxenos.Lease{Name: name}
	var expires int64
	err := s.db.db.QueryRowContext(ctx, `SELECT term, holder, expires FROM leases WHERE name = ? ORDER BY term DESC LIMIT 1`, name).
		Scan(&l.Term, &l.Holder, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "reminder.lease.not_found")
	} else if err != nil {
		return nil, translate(err, "find lease", name)
	}
	l.Expires = search.InZone(time.UnixMilli(expires), loc)
	return &l, nil
}

// DeleteLeases removes the terms of name before term.
func (s *ReminderService) DeleteLeases(ctx context.Context, name string, before int64) error {
	_, err := s.db.w.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND term < ?`, name, before)
	return translate(err, "delete leases", name)
}
