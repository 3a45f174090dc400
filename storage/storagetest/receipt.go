package storagetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunReceipts checks request receipts, with which replicas drop Slack's
// retries: the first claim of a key wins and the next ones lose, of many
// claims at once exactly one wins, an expired or forgotten key is
// claimed again, and workspaces keep their keys apart.
func RunReceipts(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 26, 9, 30, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	const ttl = 15 * time.Minute
	receive := func(t *testing.T, ctx context.Context, key string) bool {
		t.Helper()
		first, err := s.Receipts.Receive(ctx, key, ttl)
		if err != nil {
			t.Fatalf("Receive(%q): %v", key, err)
		}
		return first
	}
	t.Run("OK", func(t *testing.T) {
		if got, want := receive(t, ctx, "event/Ev1"), true; got != want {
			t.Fatalf("first receipt: got %v, want %v", got, want)
		}
		for range 2 {
			if got, want := receive(t, ctx, "event/Ev1"), false; got != want {
				t.Fatalf("repeated receipt: got %v, want %v", got, want)
			}
		}
		if got, want := receive(t, ctx, "event/Ev2"), true; got != want {
			t.Fatalf("another key: got %v, want %v", got, want)
		}
	})
	t.Run("Expiry", func(t *testing.T) {
		receive(t, ctx, "event/Ev3")
		clock.Set(clock.Now().Add(ttl - time.Second))
		if receive(t, ctx, "event/Ev3") {
			t.Fatal("a live receipt was claimed again")
		}
		clock.Set(clock.Now().Add(time.Second))
		if !receive(t, ctx, "event/Ev3") {
			t.Fatal("an expired receipt was not claimed again")
		}
		// The new claim holds for a whole ttl from now.
		clock.Set(clock.Now().Add(ttl - time.Second))
		if receive(t, ctx, "event/Ev3") {
			t.Fatal("the renewed receipt expired early")
		}
	})
	t.Run("Sweep", func(t *testing.T) {
		// Claims long after the last sweep delete expired receipts; the
		// keys they held stay claimable, live ones stay held.
		receive(t, ctx, "event/Ev4")
		clock.Set(clock.Now().Add(2 * ttl))
		receive(t, ctx, "event/Ev5")
		clock.Set(clock.Now().Add(2 * time.Minute))
		receive(t, ctx, "event/Ev6")
		if !receive(t, ctx, "event/Ev4") {
			t.Error("a swept receipt was not claimed again")
		}
		if receive(t, ctx, "event/Ev5") {
			t.Error("a live receipt was swept")
		}
	})
	t.Run("Forget", func(t *testing.T) {
		receive(t, ctx, "view/V1/h1")
		if err := s.Receipts.Forget(ctx, "view/V1/h1"); err != nil {
			t.Fatal(err)
		}
		if !receive(t, ctx, "view/V1/h1") {
			t.Fatal("a forgotten receipt was not claimed again")
		}
		if err := s.Receipts.Forget(ctx, "view/never"); err != nil {
			t.Fatalf("forgetting a key not held: %v", err)
		}
	})
	t.Run("Isolation", func(t *testing.T) {
		receive(t, ctx, "event/Ev7")
		if !receive(t, Ctx(OtherTeam, "U1"), "event/Ev7") {
			t.Error("another workspace's receipt blocks this one")
		}
		// Without a workspace, receipts are global: apart from every
		// workspace's, and held against each other.
		global := Ctx("", "")
		if !receive(t, global, "event/Ev7") {
			t.Error("a workspace's receipt blocks a global one")
		}
		if receive(t, global, "event/Ev7") {
			t.Error("a global receipt was claimed twice")
		}
		if err := s.Receipts.Forget(Ctx(OtherTeam, "U1"), "event/Ev7"); err != nil {
			t.Fatal(err)
		}
		if receive(t, ctx, "event/Ev7") {
			t.Error("forgetting in another workspace dropped this one's receipt")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := s.Receipts.Receive(ctx, "", ttl)
		wantCode(t, err, proxenos.EINVALID)
		_, err = s.Receipts.Receive(ctx, "event/Ev8", 0)
		wantCode(t, err, proxenos.EINVALID)
	})
	t.Run("Concurrent", func(t *testing.T) {
		// Two replicas' worth of requests, 2×50, all claiming one key.
		var wg sync.WaitGroup
		var firsts atomic.Int32
		errs := make(chan error, 100)
		for range 100 {
			wg.Go(func() {
				first, err := s.Receipts.Receive(ctx, "event/EvRace", ttl)
				if err != nil {
					errs <- err
				} else if first {
					firsts.Add(1)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if got, want := firsts.Load(), int32(1); got != want {
			t.Fatalf("%d claims won, want %d", got, want)
		}
	})
}
