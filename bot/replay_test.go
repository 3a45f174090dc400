package bot

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestReplay sends signed requests twice within the signature window, as
// someone who captured them would: a command or a button press is
// refused the second time with 401 and runs once, on the replica that
// got it first or on another; an event and a view submission sent again
// are acknowledged and dropped by their own ids.
func TestReplay(t *testing.T) {
	form := url.Values{"team_id": {"T1"}, "user_id": {"U1"}, "channel_id": {"C1"}, "command": {"/corr"},
		"text": {`in from:"Stadt Köln" subject:"Forum"`}, "response_url": {"https://hooks.example/r/1"}, "trigger_id": {"t1"}}
	const formType = "application/x-www-form-urlencoded"
	t.Run("ErrUnauthorizedCommand", func(t *testing.T) {
		hs := replayReplicas(t, 2)
		if got, _ := hs[0].post("/slack/commands", formType, form.Encode()); got != http.StatusOK {
			t.Fatalf("first: got %d, want 200", got)
		}
		for i, h := range hs {
			if got, _ := h.post("/slack/commands", formType, form.Encode()); got != http.StatusUnauthorized {
				t.Errorf("replay to replica %d: got %d, want 401", i, got)
			}
		}
		shutdown(t, hs)
		if got := len(hs[0].d.requests) + len(hs[1].d.requests); got != 1 {
			t.Errorf("the command ran %d times, want once", got)
		}
	})
	t.Run("ErrUnauthorizedAction", func(t *testing.T) {
		hs := replayReplicas(t, 1)
		h := hs[0]
		press := button("", "1.2") // without action_ts: only its signature names it
		for i, want := range []int{http.StatusOK, http.StatusUnauthorized} {
			if got, _ := h.interact(press); got != want {
				t.Errorf("delivery %d: got %d, want %d", i, got, want)
			}
		}
		shutdown(t, hs)
		if got := len(h.d.actions); got != 1 {
			t.Errorf("the action ran %d times, want once", got)
		}
	})
	t.Run("OKEventAndSubmission", func(t *testing.T) {
		hs, evs := replicas(t, 1, newMemReceipts())
		keepIn(t, hs)
		h := hs[0]
		mention := map[string]any{"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"}
		for range 2 {
			if got, _ := h.event("EvTwice", mention, http.Header{"X-Slack-Retry-Num": {"1"}}); got != http.StatusOK {
				t.Errorf("event: got %d, want 200", got)
			}
			if got, body := h.interact(viewSubmission("V1", "h1", "Forum")); got != http.StatusOK || body != "" {
				t.Errorf("submission: got %d %q, want an empty 200", got, body)
			}
		}
		shutdown(t, hs)
		if evs[0].mentions() != 1 || len(h.d.submissions) != 1 {
			t.Errorf("handled %d events and %d submissions, want 1 and 1", evs[0].mentions(), len(h.d.submissions))
		}
	})
	t.Run("OKAnotherRequest", func(t *testing.T) {
		// The same text typed again is a new request: a new response_url.
		hs := replayReplicas(t, 1)
		h := hs[0]
		for range 2 {
			if got, _ := h.command("/corr", "list"); got != http.StatusOK {
				t.Errorf("got %d, want 200", got)
			}
		}
		shutdown(t, hs)
		if got := len(h.d.requests); got != 2 {
			t.Errorf("ran %d commands, want 2", got)
		}
	})
	t.Run("FailOpen", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		h.bot.cfg.Intake = downIntake{}
		for range 2 {
			if got, _ := h.post("/slack/commands", formType, form.Encode()); got != http.StatusOK {
				t.Errorf("got %d, want 200", got)
			}
		}
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(h.logs.String(), "slack request not kept"); got != 2 {
			t.Errorf("%d warnings, want 2", got)
		}
	})
}

// replayReplicas returns n bots that keep their requests in one intake
// and share their receipts.
func replayReplicas(t *testing.T, n int) []*harness {
	hs, _ := replicas(t, n, newMemReceipts())
	keepIn(t, hs)
	return hs
}

// keepIn has the bots of hs keep their requests in one SQLite intake.
func keepIn(t *testing.T, hs []*harness) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return testNow } // the bots' clock: records are not swept as old
	t.Cleanup(func() { db.Close() })             // registered after the harnesses: closed after their Shutdown
	for _, h := range hs {
		h.bot.cfg.Intake = sqlite.NewIntakeService(db)
	}
}

// downIntake is an intake whose store does not answer.
type downIntake struct{ proxenos.IntakeService }

func (downIntake) Accept(context.Context, *proxenos.Intake) error {
	return proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable")
}
