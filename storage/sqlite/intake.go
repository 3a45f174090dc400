package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync/atomic"
	"time"

	"github.com/proxenos/proxenos"
)

// Records older than proxenos.IntakeRetention are swept at most once per
// intakeSweepEvery by each service, at most intakeSweepMax at a time.
const (
	intakeSweepEvery = time.Minute
	intakeSweepMax   = 500
)

// IntakeService keeps acknowledged requests in SQLite, one small row
// each, and their saved answers in rows of their own: closing a request
// or renewing claims never reads or rewrites an answer.
type IntakeService struct {
	db *DB

	// swept is when old rows were last deleted, in unix milliseconds.
	swept atomic.Int64
}

var _ proxenos.IntakeService = (*IntakeService)(nil)

// NewIntakeService returns the intake records stored in db.
func NewIntakeService(db *DB) *IntakeService {
	return &IntakeService{db: db}
}

// Accept stores rec as accepted in the workspace in ctx. EINVALID,
// ECONFLICT, EUNAVAILABLE.
func (s *IntakeService) Accept(ctx context.Context, rec *proxenos.Intake) error {
	if err := proxenos.ValidateIntake(rec); err != nil {
		return err
	}
	rec.Team = proxenos.TeamFromContext(ctx)
	now := s.db.Now()
	state := proxenos.IntakeAccepted
	if rec.Answer != nil {
		state = proxenos.IntakeDone
	}
	insert := func(ctx context.Context, q queryer) (sql.Result, error) {
		return q.ExecContext(ctx, `INSERT INTO intake (id, team, user, channel, kind, payload, response_url,
			received_at, state, holder, claimed_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			rec.ID, rec.Team, rec.User, rec.Channel, rec.Kind, nonNil(rec.Payload), rec.ResponseURL,
			rec.ReceivedAt.UnixMilli(), state, rec.Holder, now.UnixMilli())
	}
	var err error
	if rec.Answer == nil {
		// One statement, committed on its own: the common case, a request
		// kept before its acknowledgement.
		_, err = insert(ctx, s.db.w)
	} else {
		err = s.db.writeTx(ctx, func(tx *sql.Tx) error {
			res, err := insert(ctx, tx)
			if err != nil {
				return err
			}
			seq, err := res.LastInsertId() // the row's seq: intake is a rowid table
			if err != nil {
				return err
			}
			return saveAnswer(ctx, tx, seq, rec.Answer)
		}, "accept", rec.Team, rec.ID)
	}
	if err != nil {
		return translate(err, "accept", rec.Team, rec.ID)
	}
	rec.State, rec.ClaimedAt, rec.Attempts = state, time.UnixMilli(now.UnixMilli()), 1
	s.sweep(ctx, now)
	return nil
}

// Done saves the answer of the record id. ENOTFOUND, EUNAVAILABLE.
func (s *IntakeService) Done(ctx context.Context, id string, answer []byte) error {
	team := proxenos.TeamFromContext(ctx)
	return s.db.writeTx(ctx, func(tx *sql.Tx) error {
		var seq int64
		err := tx.QueryRowContext(ctx, `UPDATE intake SET state = ? WHERE team = ? AND id = ? RETURNING seq`,
			proxenos.IntakeDone, team, id).Scan(&seq)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return proxenos.Errorf(proxenos.ENOTFOUND, "intake.not_found", id)
		case err != nil:
			return translate(err, "save answer", team, id)
		}
		return translate(saveAnswer(ctx, tx, seq, answer), "save answer", team, id)
	}, "save answer", team, id)
}

// saveAnswer stores answer as the answer of the record seq.
func saveAnswer(ctx context.Context, tx *sql.Tx, seq int64, answer []byte) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO intake_answers (seq, answer) VALUES (?, ?)`, seq, nonNil(answer))
	return err
}

// Close marks the record id closed. EUNAVAILABLE.
func (s *IntakeService) Close(ctx context.Context, id string) error {
	team := proxenos.TeamFromContext(ctx)
	_, err := s.db.w.ExecContext(ctx, `UPDATE intake SET state = ? WHERE team = ? AND id = ?`, proxenos.IntakeClosed, team, id)
	return translate(err, "close", team, id)
}

// Release gives up the claim of the record id. EUNAVAILABLE.
func (s *IntakeService) Release(ctx context.Context, id string) error {
	team := proxenos.TeamFromContext(ctx)
	_, err := s.db.w.ExecContext(ctx, `UPDATE intake SET holder = '', claimed_at = 0 WHERE team = ? AND id = ?`, team, id)
	return translate(err, "release", team, id)
}

// Renew marks the records holder holds as claimed now. EUNAVAILABLE.
func (s *IntakeService) Renew(ctx context.Context, holder string) error {
	_, err := s.db.w.ExecContext(ctx, `UPDATE intake SET claimed_at = ? WHERE holder = ? AND state <> ?`,
		s.db.Now().UnixMilli(), holder, proxenos.IntakeClosed)
	return translate(err, "renew", holder)
}

// Claim takes over the records c selects, in every workspace: one
// UPDATE … RETURNING, and SQLite runs one writer at a time, so each row
// goes to one claimer. EUNAVAILABLE.
func (s *IntakeService) Claim(ctx context.Context, c proxenos.IntakeClaim) ([]*proxenos.Intake, error) {
	rows, err := s.db.w.QueryContext(ctx, `UPDATE intake SET holder = ?, claimed_at = ?, attempts = attempts + 1
		WHERE seq IN (SELECT seq FROM intake WHERE state <> ? AND claimed_at < ? AND received_at > ? AND attempts < ?
			ORDER BY received_at LIMIT ?)
		RETURNING id, team, user, channel, kind, payload, response_url, received_at, state,
			(SELECT answer FROM intake_answers a WHERE a.seq = intake.seq), holder, claimed_at, attempts`,
		c.Holder, s.db.Now().UnixMilli(), proxenos.IntakeClosed, c.StaleBefore.UnixMilli(), c.ReceivedAfter.UnixMilli(),
		c.MaxAttempts, c.Limit)
	if err != nil {
		return nil, translate(err, "claim", c.Holder)
	}
	defer rows.Close()
	var out []*proxenos.Intake
	for rows.Next() {
		rec, err := scanIntake(rows)
		if err != nil {
			return nil, translate(err, "claim", c.Holder)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "claim", c.Holder)
	}
	// RETURNING gives the rows in no set order.
	slices.SortFunc(out, func(a, b *proxenos.Intake) int {
		return cmp.Or(a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// scanIntake reads a row of Claim.
func scanIntake(rows *sql.Rows) (*proxenos.Intake, error) {
	var rec proxenos.Intake
	var received, claimed int64
	var state string
	err := rows.Scan(&rec.ID, &rec.Team, &rec.User, &rec.Channel, &rec.Kind, &rec.Payload, &rec.ResponseURL,
		&received, &state, &rec.Answer, &rec.Holder, &claimed, &rec.Attempts)
	if err != nil {
		return nil, err
	}
	rec.ReceivedAt, rec.ClaimedAt, rec.State = time.UnixMilli(received), time.UnixMilli(claimed), proxenos.IntakeState(state)
	return &rec, nil
}

// sweep deletes up to intakeSweepMax records received before the
// retention, when the last sweep is older than intakeSweepEvery.
func (s *IntakeService) sweep(ctx context.Context, now time.Time) {
	last := s.swept.Load()
	if now.UnixMilli()-last < intakeSweepEvery.Milliseconds() || !s.swept.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	// Their answers go with them (ON DELETE CASCADE).
	_, _ = s.db.w.ExecContext(ctx, `DELETE FROM intake WHERE seq IN
		(SELECT seq FROM intake WHERE received_at < ? ORDER BY received_at LIMIT ?)`,
		now.Add(-proxenos.IntakeRetention).UnixMilli(), intakeSweepMax)
}

// nonNil returns p, or an empty slice for nil: the columns are NOT NULL.
func nonNil(p []byte) []byte {
	if p == nil {
		return []byte{}
	}
	return p
}
