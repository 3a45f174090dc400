package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	testSecret = "test-signing-secret-0123456789"
	wait       = 5 * time.Second
)

// testNow is the bot's clock in tests: a Thursday morning in Athens.
var testNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// dispatcher is a fake Dispatcher whose answers tests set.
type dispatcher struct {
	mu          sync.Mutex
	requests    []*chat.Request
	submissions []*chat.Submission
	actions     []*chat.Action

	onCommand    func(ctx context.Context, req *chat.Request) *chat.Response
	onSubmission func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors)
	onAction     func(ctx context.Context, act *chat.Action) *chat.Response
}

func (d *dispatcher) HandleCommand(ctx context.Context, req *chat.Request) *chat.Response {
	d.mu.Lock()
	d.requests = append(d.requests, req)
	d.mu.Unlock()
	if d.onCommand == nil {
		return &chat.Response{Text: "ok " + req.Text, Ephemeral: true}
	}
	return d.onCommand(ctx, req)
}

func (d *dispatcher) HandleSubmission(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
	d.mu.Lock()
	d.submissions = append(d.submissions, sub)
	d.mu.Unlock()
	if d.onSubmission == nil {
		return &chat.Response{Text: "saved"}, nil
	}
	return d.onSubmission(ctx, sub)
}

func (d *dispatcher) HandleAction(ctx context.Context, act *chat.Action) *chat.Response {
	d.mu.Lock()
	d.actions = append(d.actions, act)
	d.mu.Unlock()
	if d.onAction == nil {
		return nil
	}
	return d.onAction(ctx, act)
}

// count returns how many calls of each kind the dispatcher received.
func (d *dispatcher) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.requests) + len(d.submissions) + len(d.actions)
}

// syncBuffer is a log sink that tests can read while the bot writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness is a Bot wired to a fake Slack and served over HTTP.
type harness struct {
	t    *testing.T
	fake *slackfake.Server
	bot  *Bot
	srv  *httptest.Server
	d    *dispatcher
	logs *syncBuffer

	mu     sync.Mutex
	sleeps []time.Duration
}

func newHarness(t *testing.T, d *dispatcher, events EventHandler) *harness {
	t.Helper()
	return newHarnessWith(t, d, events, func(*Config) {})
}

// newHarnessWith returns a harness whose bot's configuration edit
// changed first.
func newHarnessWith(t *testing.T, d *dispatcher, events EventHandler, edit func(*Config), opts ...Option) *harness {
	t.Helper()
	h := &harness{t: t, fake: slackfake.New(), d: d, logs: &syncBuffer{}}
	transport := &http.Transport{}
	cfg := Config{
		Token:         slackfake.BotToken,
		SigningSecret: testSecret,
		APIURL:        h.fake.URL(),
		DefaultLang:   i18n.Greek,
		Events:        events,
		Logger:        slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		HTTPClient:    &http.Client{Transport: transport},
	}
	edit(&cfg)
	b, err := New(cfg, d, opts...)
	if err != nil {
		t.Fatal(err)
	}
	b.Now = func() time.Time { return testNow }
	// Rate-limit waits are recorded, not slept.
	b.sleep = func(ctx context.Context, d time.Duration) error {
		h.mu.Lock()
		h.sleeps = append(h.sleeps, d)
		h.mu.Unlock()
		return ctx.Err()
	}
	h.bot = b
	h.srv = httptest.NewServer(b.HTTPHandler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		h.srv.Close()
		h.fake.Close()
		transport.CloseIdleConnections()
		for _, secret := range []string{testSecret, slackfake.BotToken, slackfake.AppToken} {
			if strings.Contains(h.logs.String(), secret) {
				t.Errorf("a secret reached the logs: %q", secret)
			}
		}
	})
	return h
}

// post sends a signed request to the bot and returns its status and body.
func (h *harness) post(path, contentType, body string) (int, string) {
	h.t.Helper()
	ts := strconv.FormatInt(testNow.Unix(), 10)
	return h.postWith(path, contentType, body, http.Header{
		"X-Slack-Request-Timestamp": {ts},
		"X-Slack-Signature":         {NewVerifier(testSecret).Sign(ts, []byte(body))},
	})
}

// postWith sends a request with the given headers.
func (h *harness) postWith(path, contentType, body string, header http.Header) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header = header.Clone()
	req.Header.Set("Content-Type", contentType)
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(got)
}

// command posts a slash command; it returns the response_url given.
func (h *harness) command(cmd, text string) (status int, responseURL string) {
	h.t.Helper()
	responseURL = h.fake.ResponseURL()
	form := url.Values{
		"team_id": {"T1"}, "user_id": {"U1"}, "channel_id": {"C1"}, "command": {cmd}, "text": {text},
		"response_url": {responseURL}, "trigger_id": {"trigger-1"},
	}
	status, _ = h.post("/slack/commands", "application/x-www-form-urlencoded", form.Encode())
	return status, responseURL
}

// interact posts an interactivity payload.
func (h *harness) interact(payload map[string]any) (int, string) {
	h.t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.post("/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {string(raw)}}.Encode())
}

// event posts an Events API callback with extra headers.
func (h *harness) event(eventID string, inner map[string]any, header http.Header) (int, string) {
	h.t.Helper()
	raw, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "event_id": eventID, "event": inner})
	ts := strconv.FormatInt(testNow.Unix(), 10)
	hdr := http.Header{
		"X-Slack-Request-Timestamp": {ts},
		"X-Slack-Signature":         {NewVerifier(testSecret).Sign(ts, raw)},
	}
	for k, v := range header {
		hdr[k] = v
	}
	return h.postWith("/slack/events", "application/json", string(raw), hdr)
}

// waitCalls waits for n calls of method on the fake.
func (h *harness) waitCalls(method string, n int) []slackfake.Call {
	h.t.Helper()
	calls, err := h.fake.WaitFor(method, n, wait)
	if err != nil {
		h.t.Fatal(err)
	}
	return calls
}

// jsonField decodes a field of a call's JSON body into v.
func jsonField(t *testing.T, c slackfake.Call, name string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(c.Param(name)), v); err != nil {
		t.Fatalf("%s of %s: %v", name, c.Method, err)
	}
}

// blockTexts returns every text in a rendered blocks JSON.
func blockTexts(t *testing.T, raw string) []string {
	t.Helper()
	var blocks any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		t.Fatalf("blocks %q: %v", raw, err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["text"].(string); ok {
				out = append(out, s)
			}
			for k, x := range v {
				if k != "text" || !isString(x) {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(blocks)
	return out
}

func isString(v any) bool { _, ok := v.(string); return ok }
