package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
)

// runSocket runs RunSocketMode until the test ends.
func runSocket(t *testing.T, h *harness) {
	t.Helper()
	h.bot.PingInterval = time.Second
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.bot.RunSocketMode(ctx, slackfake.AppToken) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunSocketMode: got %v, want nil after cancel", err)
		}
	})
}

// acks returns the Socket Mode acknowledgements by envelope id.
func acks(t *testing.T, h *harness, n int) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for _, c := range h.waitCalls(slackfake.MethodSocketAck, n) {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(c.JSON, &ack); err != nil {
			t.Fatal(err)
		}
		out[ack.EnvelopeID] = ack.Payload
	}
	return out
}

func TestSocketMode(t *testing.T) {
	release := make(chan struct{})
	d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
		<-release
		return &chat.Response{Text: "from socket", Ephemeral: true}
	}, onSubmission: func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
		return nil, chat.FieldErrors{"subject": "required"}
	}}
	ev := &eventHandler{}
	h := newHarness(t, d, ev)
	runSocket(t, h)
	h.waitCalls(slackfake.MethodSocketConnect, 1)

	t.Run("AckBeforeWork", func(t *testing.T) {
		err := h.fake.SocketSend(map[string]any{"type": "slash_commands", "envelope_id": "env-1", "payload": map[string]any{
			"team_id": "T1", "user_id": "U1", "channel_id": "C1", "command": "/corr", "text": "list",
			"response_url": h.fake.ResponseURL(), "trigger_id": "t1"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := acks(t, h, 1)["env-1"]; !ok {
			t.Fatal("envelope env-1 was not acknowledged")
		}
		close(release) // the handler was still blocked when the ack went out
		if c := h.waitCalls(slackfake.MethodResponseURL, 1)[0]; c.Param("text") != "from socket" {
			t.Errorf("got %q", c.Param("text"))
		}
	})
	t.Run("ViewSubmissionErrors", func(t *testing.T) {
		h.fake.SocketSend(map[string]any{"type": "interactive", "envelope_id": "env-2", "payload": map[string]any{
			"type": "view_submission", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
			"view": map[string]any{"callback_id": "corr.new"}}})
		payload := acks(t, h, 2)["env-2"]
		var got struct {
			ResponseAction string            `json:"response_action"`
			Errors         map[string]string `json:"errors"`
		}
		if err := json.Unmarshal(payload, &got); err != nil || got.ResponseAction != "errors" || got.Errors["subject"] != "required" {
			t.Errorf("got ack payload %s (%v)", payload, err)
		}
	})
	t.Run("EventDedupe", func(t *testing.T) {
		envelope := func(id string, retry int) map[string]any {
			return map[string]any{"type": "events_api", "envelope_id": id, "retry_attempt": retry, "payload": map[string]any{
				"type": "event_callback", "team_id": "T1", "event_id": "Ev9",
				"event": map[string]any{"type": "app_mention", "user": "U1", "text": "hi", "ts": "3.3", "channel": "C1"}}}
		}
		h.fake.SocketSend(envelope("env-3", 0))
		h.fake.SocketSend(envelope("env-4", 1))
		got := acks(t, h, 4)
		if _, ok := got["env-4"]; !ok {
			t.Fatal("the retried envelope was not acknowledged")
		}
		h.waitCalls("chat.postMessage", 1)
		if n := ev.mentions(); n != 1 {
			t.Errorf("one event delivered twice: handled %d times", n)
		}
	})
	t.Run("Reconnect", func(t *testing.T) {
		h.fake.SocketDrop()
		h.waitCalls(slackfake.MethodSocketConnect, 2)
		h.fake.SocketSend(map[string]any{"type": "slash_commands", "envelope_id": "env-5", "payload": map[string]any{
			"team_id": "T1", "user_id": "U1", "channel_id": "C1", "command": "/corr", "response_url": h.fake.ResponseURL()}})
		if _, ok := acks(t, h, 5)["env-5"]; !ok {
			t.Fatal("no acknowledgement after reconnecting")
		}
	})
}

func TestSocketModeRetriesFailedConnections(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	// slack-go's RunContext gives up on invalid_auth; RunSocketMode retries.
	h.fake.Fail("apps.connections.open", 2, "invalid_auth")
	runSocket(t, h)
	h.waitCalls(slackfake.MethodSocketConnect, 1)
	if n := len(h.fake.Calls("apps.connections.open")); n != 3 {
		t.Errorf("got %d connection attempts, want 3", n)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.sleeps) != 2 || h.sleeps[0] != time.Second || h.sleeps[1] != 2*time.Second {
		t.Errorf("backoff: got %v, want [1s 2s]", h.sleeps)
	}
	if !strings.Contains(h.logs.String(), "retrying_in") {
		t.Error("the retry was not logged")
	}
}

func TestSocketModeNoToken(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	if err := h.bot.RunSocketMode(context.Background(), ""); !errors.Is(err, ErrNoAppToken) {
		t.Fatalf("got %v, want ErrNoAppToken", err)
	}
}
