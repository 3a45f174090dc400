package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos/chat"
)

func TestDedupe(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		d := newDedupe(time.Minute, 10)
		if !d.first("a", testNow) {
			t.Fatal("first sight of a: got repeat")
		}
		if d.first("a", testNow.Add(59*time.Second)) {
			t.Error("a again within the TTL: got first")
		}
		if !d.first("a", testNow.Add(2*time.Minute)) {
			t.Error("a after the TTL: got repeat")
		}
	})
	t.Run("Bounded", func(t *testing.T) {
		d := newDedupe(time.Hour, 3)
		for i := range 100 {
			d.first(strconv.Itoa(i), testNow)
		}
		if len(d.seen) > 3 || len(d.order) > 3 {
			t.Errorf("got %d keys, %d queued; want at most 3", len(d.seen), len(d.order))
		}
		if !d.first("0", testNow) {
			t.Error("the oldest key was not dropped")
		}
		if d.first("99", testNow) {
			t.Error("the newest key was dropped")
		}
	})
	t.Run("ForgetThenRecord", func(t *testing.T) {
		// A key forgotten and recorded again outlives its first record.
		d := newDedupe(time.Minute, 10)
		d.first("v", testNow)
		d.forget("v")
		d.first("v", testNow.Add(50*time.Second))
		if d.first("v", testNow.Add(90*time.Second)) {
			t.Error("the second record expired with the first")
		}
	})
}

// viewSubmission is a view_submission payload of view id with hash.
func viewSubmission(id, hash, subject string) map[string]any {
	return map[string]any{
		"type": "view_submission", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
		"view": map[string]any{"id": id, "hash": hash, "callback_id": "corr.new", "private_metadata": `{"c":"C1"}`,
			"state": map[string]any{"values": map[string]any{"subject": map[string]any{"subject": map[string]any{
				"type": "plain_text_input", "value": subject}}}}},
	}
}

// button is a block_actions payload of one button press.
func button(actionTS, messageTS string) map[string]any {
	return map[string]any{
		"type": "block_actions", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
		"channel": map[string]any{"id": "C1"}, "response_url": "", "trigger_id": "t",
		"container": map[string]any{"type": "message", "message_ts": messageTS, "channel_id": "C1"},
		"actions": []any{map[string]any{"type": "button", "action_id": "reminder.done", "block_id": "b",
			"value": "r-7", "action_ts": actionTS}},
	}
}

func TestRepeatedSubmission(t *testing.T) {
	t.Run("OKSequential", func(t *testing.T) {
		d := &dispatcher{}
		h := newHarness(t, d, nil)
		for i := range 2 {
			if status, body := h.interact(viewSubmission("V1", "h1", "Forum")); status != http.StatusOK || body != "" {
				t.Fatalf("delivery %d: got %d %q, want an empty 200 that closes the modal", i, status, body)
			}
		}
		// A later submission of the closed view, whatever its hash, is a repeat.
		h.interact(viewSubmission("V1", "h2", "Forum"))
		h.waitCalls("chat.postMessage", 1)
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := len(d.submissions); n != 1 {
			t.Errorf("HandleSubmission ran %d times, want 1", n)
		}
		if n := len(h.fake.Calls("chat.postMessage")); n != 1 {
			t.Errorf("%d answers posted, want 1", n)
		}
	})
	t.Run("OKWhileFirstRuns", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		d := &dispatcher{onSubmission: func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			once.Do(func() { close(started) })
			<-release
			return &chat.Response{Text: "saved"}, nil
		}}
		h := newHarness(t, d, nil)
		type ack struct {
			status int
			body   string
		}
		acks := make(chan ack, 2)
		send := func() {
			status, body := h.interact(viewSubmission("V2", "h1", "Forum"))
			acks <- ack{status, body}
		}
		go send()
		<-started
		go send()
		// The repeat waits for the first's outcome; then release the first.
		for deadline := time.Now().Add(wait); !strings.Contains(h.logs.String(), "slack submission repeated"); {
			if time.Now().After(deadline) {
				close(release)
				t.Fatal("the second submission was not taken for a repeat")
			}
			time.Sleep(time.Millisecond)
		}
		close(release)
		for range 2 {
			if got := <-acks; got.status != http.StatusOK || got.body != "" {
				t.Errorf("got %d %q, want an empty 200 that closes the modal", got.status, got.body)
			}
		}
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := len(d.submissions); n != 1 {
			t.Errorf("HandleSubmission ran %d times, want 1", n)
		}
	})
	t.Run("OKAfterFieldErrors", func(t *testing.T) {
		// The corrected form comes with the same view id and hash.
		d := &dispatcher{onSubmission: func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			if sub.Values["subject"] == "" {
				return nil, chat.FieldErrors{"subject": "Το θέμα είναι υποχρεωτικό."}
			}
			return &chat.Response{Text: "saved"}, nil
		}}
		h := newHarness(t, d, nil)
		_, body := h.interact(viewSubmission("V3", "h1", ""))
		var got struct {
			ResponseAction string `json:"response_action"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil || got.ResponseAction != "errors" {
			t.Fatalf("got %q, want field errors", body)
		}
		if status, body := h.interact(viewSubmission("V3", "h1", "Forum")); status != http.StatusOK || body != "" {
			t.Fatalf("corrected: got %d %q, want an empty 200", status, body)
		}
		h.waitCalls("chat.postMessage", 1)
		if n := len(d.submissions); n != 2 {
			t.Errorf("HandleSubmission ran %d times, want 2", n)
		}
	})
	t.Run("OKOtherViews", func(t *testing.T) {
		d := &dispatcher{}
		h := newHarness(t, d, nil)
		h.interact(viewSubmission("V4", "h1", "Forum"))
		h.interact(viewSubmission("V5", "h1", "Forum"))
		h.waitCalls("chat.postMessage", 2)
		if n := len(d.submissions); n != 2 {
			t.Errorf("HandleSubmission ran %d times for two views, want 2", n)
		}
	})
}

func TestRepeatedAction(t *testing.T) {
	d := &dispatcher{onAction: func(ctx context.Context, act *chat.Action) *chat.Response {
		return &chat.Response{Text: "Ολοκληρώθηκε", Ephemeral: true}
	}}
	h := newHarness(t, d, nil)
	for _, p := range []map[string]any{
		button("1764151200.000100", "1.2"),
		button("1764151200.000100", "1.2"), // delivered twice
		button("1764151201.000200", "1.2"), // pressed again later
		button("1764151200.000100", "3.4"), // the same moment, another message
	} {
		if status, body := h.interact(p); status != http.StatusOK || body != "" {
			t.Fatalf("got %d %q, want an empty 200", status, body)
		}
	}
	if err := h.bot.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(d.actions); n != 3 {
		t.Errorf("HandleAction ran %d times for 3 distinct presses and a repeat, want 3", n)
	}
}
