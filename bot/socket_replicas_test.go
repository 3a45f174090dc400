package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// socketReplica is one `proxenos serve` replica in Socket Mode: a Bot
// with its own connection to the shared fake Slack, numbered conn there,
// and its own handle on the shared SQLite file.
type socketReplica struct {
	*harness
	ev   *eventHandler
	conn int
}

// handled returns how many requests reached the replica's dispatcher or
// event handler.
func (r *socketReplica) handled() int { return r.d.count() + r.ev.mentions() }

// socketReplicas starts n Bots in Socket Mode on one fake Slack, as n
// replicas of one app share Slack and the database: each opens the same
// SQLite file, as a process of its own would, and claims receipts there.
// It returns once every replica is connected.
func socketReplicas(t *testing.T, n int) (*slackfake.Server, []*socketReplica) {
	t.Helper()
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	path := filepath.Join(t.TempDir(), "proxenos.db")
	var rs []*socketReplica
	for i := range n {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		r := &socketReplica{harness: &harness{t: t, fake: fake, d: &dispatcher{}, logs: &syncBuffer{}}, ev: &eventHandler{}}
		transport := &http.Transport{}
		r.bot, err = New(Config{
			Token:       slackfake.BotToken,
			APIURL:      fake.URL(),
			DefaultLang: i18n.Greek,
			Events:      r.ev,
			Receipts:    sqlite.NewReceiptService(db),
			Logger:      slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
			HTTPClient:  &http.Client{Transport: transport},
		}, r.d)
		if err != nil {
			t.Fatal(err)
		}
		r.bot.Now = func() time.Time { return testNow }
		r.bot.PingInterval = time.Second
		// A slow store lets the request through (TestReceipts_FailOpen);
		// here the store must answer, however loaded the machine.
		r.bot.ReceiptTimeout = wait
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- r.bot.RunSocketMode(ctx, slackfake.AppToken) }()
		// Cleanups run last first: the bot's work ends, then its
		// connection, then its store and the fake.
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("RunSocketMode: got %v, want nil after cancel", err)
			}
			transport.CloseIdleConnections()
			if strings.Contains(r.logs.String(), slackfake.AppToken) || strings.Contains(r.logs.String(), slackfake.BotToken) {
				t.Error("a token reached the logs")
			}
		})
		t.Cleanup(func() {
			if err := r.bot.Shutdown(context.Background()); err != nil {
				t.Errorf("Shutdown: %v", err)
			}
		})
		// Started one at a time, replica i holds connection i+1.
		r.conn = r.waitCalls(slackfake.MethodSocketConnect, i+1)[i].Conn
		rs = append(rs, r)
	}
	return fake, rs
}

// socketAck is an acknowledgement as the fake received it.
type socketAck struct {
	conn    int
	payload json.RawMessage
}

// socketAcks waits for n acknowledgements and returns them by envelope id.
func socketAcks(t *testing.T, fake *slackfake.Server, n int) map[string]socketAck {
	t.Helper()
	calls, err := fake.WaitFor(slackfake.MethodSocketAck, n, wait)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]socketAck{}
	for _, c := range calls {
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(c.JSON, &ack); err != nil {
			t.Fatal(err)
		}
		out[ack.EnvelopeID] = socketAck{conn: c.Conn, payload: ack.Payload}
	}
	return out
}

// TestSocketModeReplicas delivers one request to two replicas, each on
// its own Socket Mode connection, as Slack does when it re-sends an
// envelope not acknowledged in time on another of the app's
// connections: a new envelope id, the same request. Each envelope must
// be acknowledged, or Slack re-sends it again, and the request must be
// handled once, by whichever replica claims its receipt first in the
// shared store; the other logs the repeat and drops it.
func TestSocketModeReplicas(t *testing.T) {
	for _, tt := range []struct {
		name string
		// envelope returns the request as the n-th delivery (0, 1) carries it.
		envelope func(fake *slackfake.Server, n int) map[string]any
		answer   string // the method that carries the answer, once
	}{
		{"EventsAPI", func(fake *slackfake.Server, n int) map[string]any {
			return map[string]any{"type": "events_api", "retry_attempt": n, "retry_reason": []string{"", "timeout"}[n],
				"payload": map[string]any{"type": "event_callback", "team_id": "T1", "event_id": "Ev1",
					"event": map[string]any{"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"}}}
		}, "chat.postMessage"},
		{"ViewSubmission", func(fake *slackfake.Server, n int) map[string]any {
			return map[string]any{"type": "interactive", "payload": viewSubmission("V1", "h1", "Forum")}
		}, "chat.postMessage"},
		{"BlockAction", func(fake *slackfake.Server, n int) map[string]any {
			press := button("1764151200.000100", "1.2")
			press["response_url"] = fake.ResponseURL()
			return map[string]any{"type": "interactive", "payload": press}
		}, slackfake.MethodResponseURL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake, rs := socketReplicas(t, 2)
			for _, r := range rs {
				r.d.onAction = func(ctx context.Context, act *chat.Action) *chat.Response {
					return &chat.Response{Text: "done", Ephemeral: true}
				}
			}
			// Both deliveries go out before either is acknowledged: the
			// replicas race for the receipt.
			envelopes := []string{"env-a", "env-b"}
			for i, r := range rs {
				env := tt.envelope(fake, i)
				env["envelope_id"] = envelopes[i]
				if err := fake.SocketSendTo(r.conn, env); err != nil {
					t.Fatal(err)
				}
			}
			acks := socketAcks(t, fake, 2)
			for i, r := range rs {
				ack, ok := acks[envelopes[i]]
				if !ok {
					t.Fatalf("envelope %s was not acknowledged: %v", envelopes[i], acks)
				}
				if ack.conn != r.conn {
					t.Errorf("envelope %s: acknowledged on connection %d, want %d", envelopes[i], ack.conn, r.conn)
				}
				// An empty acknowledgement of a view submission closes the
				// modal on both: the first replica posts the answer.
				if p := string(ack.payload); p != "" && p != "null" {
					t.Errorf("envelope %s: got ack payload %s, want none", envelopes[i], p)
				}
			}
			for _, r := range rs {
				if err := r.bot.Shutdown(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := rs[0].handled()+rs[1].handled(), 1; got != want {
				t.Errorf("one request on two replicas: handled %d times, want %d", got, want)
			}
			if got, want := len(fake.Calls(tt.answer)), 1; got != want {
				t.Errorf("%d answers (%s), want %d", got, tt.answer, want)
			}
			var dropped int
			for _, r := range rs {
				if strings.Contains(r.logs.String(), "slack request received by another replica") {
					dropped++
				}
			}
			if dropped != 1 {
				t.Errorf("%d replicas logged the repeat, want 1", dropped)
			}
		})
	}

	// Slack never re-sends a slash command: one not acknowledged within
	// 3 s shows the user an error, and only the user can run it again,
	// which is a new command (a new trigger_id) to be answered. So
	// commands take no receipt and have no in-memory dedupe: should the
	// same slash_commands payload ever arrive on both connections, each
	// replica acknowledges its envelope and runs it, and the user gets
	// two answers. This pins that behaviour down; a receipt per command
	// would cost a store write on every command for a repeat Slack does
	// not make.
	t.Run("SlashCommandNotDeduplicated", func(t *testing.T) {
		fake, rs := socketReplicas(t, 2)
		responseURL := fake.ResponseURL()
		for i, r := range rs {
			err := fake.SocketSendTo(r.conn, map[string]any{"type": "slash_commands", "envelope_id": []string{"env-a", "env-b"}[i],
				"payload": map[string]any{"team_id": "T1", "user_id": "U1", "channel_id": "C1", "command": "/corr",
					"text": "list", "response_url": responseURL, "trigger_id": "t1"}})
			if err != nil {
				t.Fatal(err)
			}
		}
		acks := socketAcks(t, fake, 2)
		for _, id := range []string{"env-a", "env-b"} {
			if _, ok := acks[id]; !ok {
				t.Fatalf("envelope %s was not acknowledged", id)
			}
		}
		for _, r := range rs {
			if err := r.bot.Shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := rs[0].handled()+rs[1].handled(), 2; got != want {
			t.Errorf("handled %d times, want %d (one per replica)", got, want)
		}
		if got, want := len(fake.Calls(slackfake.MethodResponseURL)), 2; got != want {
			t.Errorf("%d answers, want %d", got, want)
		}
	})
}
