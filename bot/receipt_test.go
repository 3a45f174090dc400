package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
)

// memReceipts is a ReceiptService in memory that several bots share, as
// replicas share the store. err, when set, is returned by every call;
// block makes every call wait for its context.
type memReceipts struct {
	mu     sync.Mutex
	held   map[string]time.Time // team + "|" + key → expiry
	err    error
	block  bool
	forgot []string
}

func newMemReceipts() *memReceipts { return &memReceipts{held: map[string]time.Time{}} }

func (m *memReceipts) Receive(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if m.block {
		<-ctx.Done()
		return false, ctx.Err()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return false, m.err
	}
	k := proxenos.TeamFromContext(ctx) + "|" + key
	if exp, ok := m.held[k]; ok && testNow.Before(exp) {
		return false, nil
	}
	m.held[k] = testNow.Add(ttl)
	return true, nil
}

func (m *memReceipts) Forget(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.held, proxenos.TeamFromContext(ctx)+"|"+key)
	m.forgot = append(m.forgot, key)
	return m.err
}

// replicas returns n bots over one receipt store, each with its own
// fake Slack, dispatcher and event handler.
func replicas(t *testing.T, n int, store proxenos.ReceiptService) ([]*harness, []*eventHandler) {
	var hs []*harness
	var evs []*eventHandler
	for range n {
		ev := &eventHandler{}
		h := newHarness(t, &dispatcher{}, ev)
		h.bot.cfg.Receipts = store
		hs, evs = append(hs, h), append(evs, ev)
	}
	return hs, evs
}

// shutdown waits for the work of every harness.
func shutdown(t *testing.T, hs []*harness) {
	t.Helper()
	for _, h := range hs {
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReceipts(t *testing.T) {
	mention := map[string]any{"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"}
	t.Run("EventOnTwoReplicas", func(t *testing.T) {
		hs, evs := replicas(t, 2, newMemReceipts())
		for _, h := range hs {
			if status, _ := h.event("Ev1", mention, http.Header{"X-Slack-Retry-Num": {"1"}}); status != http.StatusOK {
				t.Fatalf("got %d, want 200", status)
			}
		}
		hs[1].event("Ev2", mention, nil)
		shutdown(t, hs)
		if got, want := evs[0].mentions()+evs[1].mentions(), 2; got != want {
			t.Errorf("2 events, one delivered to both replicas: handled %d, want %d", got, want)
		}
		// Events are claimed after the ack, in each replica's own work, so
		// either may be second.
		const repeat = "slack request received by another replica"
		if n := strings.Count(hs[0].logs.String()+hs[1].logs.String(), repeat); n != 1 {
			t.Errorf("the repeat was logged %d times, want once", n)
		}
	})
	t.Run("ActionOnTwoReplicas", func(t *testing.T) {
		hs, _ := replicas(t, 2, newMemReceipts())
		for _, h := range hs {
			h.interact(button("1764151200.000100", "1.2"))
		}
		shutdown(t, hs)
		if got, want := len(hs[0].d.actions)+len(hs[1].d.actions), 1; got != want {
			t.Errorf("one press delivered to both replicas: handled %d, want %d", got, want)
		}
	})
	t.Run("SubmissionOnTwoReplicas", func(t *testing.T) {
		hs, _ := replicas(t, 2, newMemReceipts())
		for i, h := range hs {
			// The repeat's empty 200 closes the modal; the first replica
			// stores and answers.
			if status, body := h.interact(viewSubmission("V1", "h1", "Forum")); status != http.StatusOK || body != "" {
				t.Fatalf("replica %d: got %d %q, want an empty 200", i, status, body)
			}
		}
		shutdown(t, hs)
		if got, want := len(hs[0].d.submissions)+len(hs[1].d.submissions), 1; got != want {
			t.Errorf("one submission delivered to both replicas: handled %d, want %d", got, want)
		}
		if got, want := len(hs[0].fake.Calls("chat.postMessage"))+len(hs[1].fake.Calls("chat.postMessage")), 1; got != want {
			t.Errorf("%d answers posted, want %d", got, want)
		}
	})
	t.Run("SubmissionAfterFieldErrors", func(t *testing.T) {
		// Refused on one replica, then sent again unchanged and then
		// corrected, both to the other: each is handled.
		store := newMemReceipts()
		hs, _ := replicas(t, 2, store)
		for _, h := range hs {
			h.d.onSubmission = func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
				if sub.Values["subject"] == "" {
					return nil, chat.FieldErrors{"subject": "Το θέμα είναι υποχρεωτικό."}
				}
				return &chat.Response{Text: "saved"}, nil
			}
		}
		wantErrors := func(body string) {
			t.Helper()
			var got struct {
				ResponseAction string `json:"response_action"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil || got.ResponseAction != "errors" {
				t.Fatalf("got %q, want field errors", body)
			}
		}
		_, body := hs[0].interact(viewSubmission("V2", "h1", ""))
		wantErrors(body)
		shutdown(t, hs[:1]) // the receipt is forgotten in the background
		_, body = hs[1].interact(viewSubmission("V2", "h1", ""))
		wantErrors(body)
		if status, body := hs[1].interact(viewSubmission("V2", "h1", "Forum")); status != http.StatusOK || body != "" {
			t.Fatalf("corrected: got %d %q, want an empty 200", status, body)
		}
		shutdown(t, hs[1:])
		if got, want := len(hs[0].d.submissions)+len(hs[1].d.submissions), 3; got != want {
			t.Errorf("handled %d submissions, want %d", got, want)
		}
		if got := len(hs[1].fake.Calls("chat.postMessage")); got != 1 {
			t.Errorf("%d answers posted, want 1", got)
		}
	})
	t.Run("TeamScoped", func(t *testing.T) {
		// Event ids are Slack's, but receipts are kept per workspace.
		store := newMemReceipts()
		hs, evs := replicas(t, 1, store)
		if _, err := store.Receive(proxenos.NewContextWithTeam(context.Background(), "TOTHER"), receiptEvent+"Ev3", time.Minute); err != nil {
			t.Fatal(err)
		}
		hs[0].event("Ev3", mention, nil)
		shutdown(t, hs)
		if got := evs[0].mentions(); got != 1 {
			t.Errorf("handled %d, want 1: another workspace's receipt blocked it", got)
		}
	})
}

// TestReceipts_FailOpen checks that a store that fails or does not
// answer lets requests through: a missed repeat, not a lost request.
func TestReceipts_FailOpen(t *testing.T) {
	for _, tt := range []struct {
		name  string
		store *memReceipts
	}{
		{"ErrUnavailable", &memReceipts{held: map[string]time.Time{}, err: proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable")}},
		{"Timeout", &memReceipts{held: map[string]time.Time{}, block: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs, evs := replicas(t, 1, tt.store)
			h := hs[0]
			h.bot.ReceiptTimeout = 10 * time.Millisecond
			h.event("Ev1", map[string]any{"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"}, nil)
			h.interact(button("1764151200.000100", "1.2"))
			if status, body := h.interact(viewSubmission("V1", "h1", "Forum")); status != http.StatusOK || body != "" {
				t.Fatalf("submission: got %d %q, want an empty 200", status, body)
			}
			shutdown(t, hs)
			if evs[0].mentions() != 1 || len(h.d.actions) != 1 || len(h.d.submissions) != 1 {
				t.Errorf("handled %d events, %d actions, %d submissions; want 1 each",
					evs[0].mentions(), len(h.d.actions), len(h.d.submissions))
			}
			if got := strings.Count(h.logs.String(), "slack receipt unchecked"); got != 3 {
				t.Errorf("%d warnings logged, want 3:\n%s", got, h.logs.String())
			}
		})
	}
}
