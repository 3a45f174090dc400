package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

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

	// accepted are the records waiting to be kept together (see keep).
	accepted acceptQueue
}

// acceptQueue holds the records accepted and not yet written: the
// requests that come together are kept in one write transaction (group
// commit), instead of each waiting for the commits of those before it.
type acceptQueue struct {
	mu      sync.Mutex
	pending []*acceptCall
	writing bool // a goroutine of keep writes the pending records
}

// acceptCall is one record waiting to be kept, and its result.
type acceptCall struct {
	rec  *proxenos.Intake
	now  time.Time
	done chan error // gets the result once the record's batch is over
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
	var err error
	if rec.Answer == nil {
		// The common case, a request kept before its acknowledgement:
		// written with those that come at the same time.
		err = s.keep(ctx, rec, now)
	} else {
		err = s.db.writeTx(ctx, func(tx *sql.Tx) error {
			res, err := insertIntake(ctx, tx, rec, state, now)
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

// insertIntake inserts rec, claimed now, in state.
func insertIntake(ctx context.Context, q queryer, rec *proxenos.Intake, state proxenos.IntakeState, now time.Time) (sql.Result, error) {
	return q.ExecContext(ctx, `INSERT INTO intake (id, team, user, channel, kind, payload, response_url,
		received_at, state, holder, claimed_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		rec.ID, rec.Team, rec.User, rec.Channel, rec.Kind, nonNil(rec.Payload), rec.ResponseURL,
		rec.ReceivedAt.UnixMilli(), state, rec.Holder, now.UnixMilli())
}

// keep writes rec, accepted now, and returns once it is committed, or
// ctx's error if ctx ends before its batch is written (then it is not).
// The records that arrive while the writer is busy wait together, and
// one goroutine writes them in one transaction at the head of the
// writers' queue: each acknowledgement then waits for at most the
// transaction in progress and one commit, however many come at once.
func (s *IntakeService) keep(ctx context.Context, rec *proxenos.Intake, now time.Time) error {
	call := &acceptCall{rec: rec, now: now, done: make(chan error, 1)}
	q := &s.accepted
	q.mu.Lock()
	q.pending = append(q.pending, call)
	start := !q.writing
	q.writing = true
	q.mu.Unlock()
	if start {
		go s.writeAccepted()
	}
	select {
	case err := <-call.done:
		return err
	case <-ctx.Done():
	}
	q.mu.Lock()
	i := slices.Index(q.pending, call)
	if i >= 0 {
		q.pending = slices.Delete(q.pending, i, i+1)
	}
	q.mu.Unlock()
	if i >= 0 {
		return ctx.Err()
	}
	// Taken into a batch already: its result tells whether it was kept.
	return <-call.done
}

// writeAccepted writes the pending records, a batch per turn of the
// writer, until none is left.
func (s *IntakeService) writeAccepted() {
	q := &s.accepted
	for {
		var batch []*acceptCall
		var refused []error
		err := s.db.urgentTx(context.Background(), func(tx *sql.Tx) error {
			// Taken once the turn has come: those that came meanwhile join.
			q.mu.Lock()
			batch, q.pending = q.pending, nil
			q.mu.Unlock()
			var err error
			refused, err = insertBatch(tx, batch)
			return err
		}, "accept")
		for i, call := range batch {
			if err == nil {
				call.done <- refused[i]
			} else {
				call.done <- err
			}
		}
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.writing = false
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
	}
}

// insertBatch inserts the records of batch, accepted, and returns the
// error of each that a constraint refused (a replayed id): SQLite takes
// back only that statement and the transaction goes on. Any other error
// ends the batch, which is then not committed.
func insertBatch(tx *sql.Tx, batch []*acceptCall) ([]error, error) {
	refused := make([]error, len(batch))
	for i, call := range batch {
		_, err := insertIntake(context.Background(), tx, call.rec, proxenos.IntakeAccepted, call.now)
		var serr *sqlite.Error
		switch {
		case err == nil:
		case errors.As(err, &serr) && serr.Code()&0xff == sqlite3.SQLITE_CONSTRAINT:
			refused[i] = err
		default:
			return nil, err
		}
	}
	return refused, nil
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
