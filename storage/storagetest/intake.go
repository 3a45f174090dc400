package storagetest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunIntake checks the intake of acknowledged requests: a record is
// kept as accepted, then done with its answer, then closed; a claim
// that is not renewed goes stale and another replica takes the record
// over, once however many try at once; a released record is taken at
// once; closed, too old or too often tried records are left alone; and
// workspaces keep their records apart.
func RunIntake(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 26, 9, 30, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	const lease = 30 * time.Second
	n := 0
	accept := func(t *testing.T, ctx context.Context, holder string) *proxenos.Intake {
		t.Helper()
		n++
		rec := &proxenos.Intake{ID: fmt.Sprintf("req%03d", n), User: "U0MARIA",
			Channel: "C0OFFICE", Kind: "command", Payload: []byte(`{"command":"/corr","text":"in from:Köln"}`),
			ResponseURL: "https://hooks.slack.com/commands/T1/1/x", ReceivedAt: clock.Now(), Holder: holder}
		if err := s.Intake.Accept(ctx, rec); err != nil {
			t.Fatalf("Accept: %v", err)
		}
		return rec
	}
	// claim takes over, for holder, what has not been renewed for a lease.
	claim := func(t *testing.T, holder string) []*proxenos.Intake {
		t.Helper()
		got, err := s.Intake.Claim(context.Background(), proxenos.IntakeClaim{Holder: holder,
			StaleBefore: clock.Now().Add(-lease), ReceivedAfter: clock.Now().Add(-30 * time.Minute), MaxAttempts: 4, Limit: 100})
		if err != nil {
			t.Fatalf("Claim: %v", err)
		}
		return got
	}
	ids := func(recs []*proxenos.Intake) []string {
		var out []string
		for _, r := range recs {
			out = append(out, r.ID)
		}
		return out
	}
	later := func(d time.Duration) { clock.Set(clock.Now().Add(d)) }

	t.Run("OK", func(t *testing.T) {
		rec := accept(t, ctx, "replica-1")
		if rec.Team != Team || rec.State != proxenos.IntakeAccepted || rec.Attempts != 1 {
			t.Errorf("accepted: team %q, state %q, attempts %d", rec.Team, rec.State, rec.Attempts)
		}
		if got := claim(t, "replica-2"); len(got) != 0 {
			t.Fatalf("a live claim was taken over: %v", ids(got))
		}
		later(lease + time.Second)
		got := claim(t, "replica-2")
		if len(got) != 1 {
			t.Fatalf("claimed %v, want the stale record", ids(got))
		}
		g := got[0]
		if g.ID != rec.ID || g.Team != Team || g.User != "U0MARIA" || g.Channel != "C0OFFICE" || g.Kind != "command" ||
			!bytes.Equal(g.Payload, rec.Payload) || g.ResponseURL != rec.ResponseURL || !g.ReceivedAt.Equal(rec.ReceivedAt) ||
			g.State != proxenos.IntakeAccepted || g.Holder != "replica-2" || !g.ClaimedAt.Equal(clock.Now()) || g.Attempts != 2 {
			t.Errorf("claimed %+v, want %+v held by replica-2 now, attempt 2", g, rec)
		}
		if got := claim(t, "replica-3"); len(got) != 0 {
			t.Errorf("a fresh claim was taken over: %v", ids(got))
		}
		// Done keeps the answer for whoever claims the record next.
		if err := s.Intake.Done(ctx, rec.ID, []byte(`{"text":"Logged as 12/2026"}`)); err != nil {
			t.Fatal(err)
		}
		later(lease + time.Second)
		got = claim(t, "replica-3")
		if len(got) != 1 || got[0].State != proxenos.IntakeDone || string(got[0].Answer) != `{"text":"Logged as 12/2026"}` {
			t.Fatalf("claimed %+v, want the record done with its answer", got)
		}
		if err := s.Intake.Close(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
		later(lease + time.Second)
		if got := claim(t, "replica-4"); len(got) != 0 {
			t.Errorf("a closed record was claimed: %v", ids(got))
		}
	})
	t.Run("AcceptDone", func(t *testing.T) {
		// A form's answer is known before its acknowledgement.
		rec := &proxenos.Intake{ID: "sub001", Kind: "submission", ReceivedAt: clock.Now(), Holder: "replica-1",
			Answer: []byte(`{"text":"saved"}`)}
		if err := s.Intake.Accept(ctx, rec); err != nil || rec.State != proxenos.IntakeDone {
			t.Fatalf("Accept: %v, state %q", err, rec.State)
		}
		later(lease + time.Second)
		got := claim(t, "replica-2")
		if len(got) != 1 || got[0].State != proxenos.IntakeDone || string(got[0].Answer) != `{"text":"saved"}` {
			t.Fatalf("claimed %+v, want the record done with its answer", got)
		}
		if err := s.Intake.Close(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("RenewAndRelease", func(t *testing.T) {
		a, b := accept(t, ctx, "replica-1"), accept(t, ctx, "replica-1")
		other := accept(t, ctx, "replica-9")
		later(lease / 2)
		if err := s.Intake.Renew(context.Background(), "replica-1"); err != nil {
			t.Fatal(err)
		}
		later(lease/2 + time.Second)
		// The holder alive keeps its records; the other's went stale.
		if got := ids(claim(t, "replica-2")); !slices.Equal(got, []string{other.ID}) {
			t.Fatalf("claimed %v, want only %s", got, other.ID)
		}
		if err := s.Intake.Release(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		if got := ids(claim(t, "replica-2")); !slices.Equal(got, []string{b.ID}) {
			t.Fatalf("claimed %v, want the released %s at once", got, b.ID)
		}
		for _, r := range []*proxenos.Intake{a, b, other} {
			if err := s.Intake.Close(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("Limits", func(t *testing.T) {
		// Oldest first, at most Limit, none received before ReceivedAfter,
		// none claimed MaxAttempts times.
		old := accept(t, ctx, "replica-1")
		later(31 * time.Minute)
		first, second := accept(t, ctx, "replica-1"), accept(t, ctx, "replica-1")
		later(lease + time.Second)
		got, err := s.Intake.Claim(context.Background(), proxenos.IntakeClaim{Holder: "replica-2",
			StaleBefore: clock.Now().Add(-lease), ReceivedAfter: clock.Now().Add(-30 * time.Minute), MaxAttempts: 2, Limit: 1})
		if err != nil || !slices.Equal(ids(got), []string{first.ID}) {
			t.Fatalf("claimed %v (%v), want %s alone", ids(got), err, first.ID)
		}
		later(lease + time.Second)
		got, err = s.Intake.Claim(context.Background(), proxenos.IntakeClaim{Holder: "replica-2",
			StaleBefore: clock.Now().Add(-lease), ReceivedAfter: clock.Now().Add(-time.Hour), MaxAttempts: 2, Limit: 10})
		if err != nil || !slices.Equal(ids(got), []string{old.ID, second.ID}) {
			t.Fatalf("claimed %v (%v), want %s and %s: %s was tried twice", ids(got), err, old.ID, second.ID, first.ID)
		}
		for _, r := range []*proxenos.Intake{old, first, second} {
			if err := s.Intake.Close(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("Isolation", func(t *testing.T) {
		rec := accept(t, ctx, "replica-1")
		otherCtx := Ctx(OtherTeam, "U1")
		wantCode(t, s.Intake.Done(otherCtx, rec.ID, []byte("x")), proxenos.ENOTFOUND)
		if err := s.Intake.Close(otherCtx, rec.ID); err != nil {
			t.Fatal(err)
		}
		later(lease + time.Second)
		got := claim(t, "replica-2")
		if len(got) != 1 || got[0].State != proxenos.IntakeAccepted {
			t.Fatalf("claimed %+v: another workspace changed the record", got)
		}
		if err := s.Intake.Close(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		wantCode(t, s.Intake.Accept(ctx, &proxenos.Intake{Kind: "command", ReceivedAt: clock.Now()}), proxenos.EINVALID)
		wantCode(t, s.Intake.Accept(ctx, &proxenos.Intake{ID: "x", ReceivedAt: clock.Now()}), proxenos.EINVALID)
		wantCode(t, s.Intake.Accept(ctx, &proxenos.Intake{ID: "x", Kind: "command"}), proxenos.EINVALID)
		wantCode(t, s.Intake.Done(ctx, "never", nil), proxenos.ENOTFOUND)
	})
	t.Run("ErrConflict", func(t *testing.T) {
		rec := accept(t, ctx, "replica-1")
		again := *rec
		wantCode(t, s.Intake.Accept(ctx, &again), proxenos.ECONFLICT)
		if err := s.Intake.Close(ctx, rec.ID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		// Four replicas recover at once what a fifth left: each record once.
		var want []string
		for range 40 {
			want = append(want, accept(t, ctx, "replica-dead").ID)
		}
		later(lease + time.Second)
		var mu sync.Mutex
		var got []string
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for i := range 4 {
			wg.Go(func() {
				recs, err := s.Intake.Claim(context.Background(), proxenos.IntakeClaim{Holder: fmt.Sprint("replica-", i),
					StaleBefore: clock.Now().Add(-lease), ReceivedAfter: clock.Now().Add(-time.Hour), MaxAttempts: 4, Limit: 100})
				if err != nil {
					errs <- err
				}
				mu.Lock()
				got = append(got, ids(recs)...)
				mu.Unlock()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("claimed %d records (%v), want each of %d once", len(got), got, len(want))
		}
	})
	t.Run("Sweep", func(t *testing.T) {
		// A day later, accepting sweeps what is older: its id is free.
		rec := accept(t, ctx, "replica-1")
		later(proxenos.IntakeRetention + 2*time.Minute)
		accept(t, ctx, "replica-1")
		again := *rec
		again.ReceivedAt = clock.Now()
		if err := s.Intake.Accept(ctx, &again); err != nil {
			t.Errorf("the old record was not swept: %v", err)
		}
	})
}
