package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// testSecret is the signing secret of the end-to-end tests.
const testSecret = "e2e-signing-secret-4f1c9a7b2d"

// startServe runs `proxenos serve` against the fake Slack on a free port
// with SQLite in a temp dir, and closes it when the test ends.
func startServe(t testing.TB, fake *slackfake.Server, extra map[string]string) (*Main, *syncBuffer) {
	t.Helper()
	return startServeWith(t, fake, extra, func(*Main) {})
}

// startServeWith is startServe with before applied to Main before Run.
func startServeWith(t testing.TB, fake *slackfake.Server, extra map[string]string, before func(*Main)) (*Main, *syncBuffer) {
	t.Helper()
	vars := map[string]string{
		"SLACK_BOT_TOKEN":        slackfake.BotToken,
		"SLACK_SIGNING_SECRET":   testSecret,
		"PROXENOS_SLACK_API_URL": fake.URL(),
		"PROXENOS_HTTP_ADDR":     "127.0.0.1:0",
		"PROXENOS_STORAGE_URL":   "sqlite:" + t.TempDir() + "/proxenos.db",
		"PROXENOS_LANGUAGE":      "en",
		"OPENAI_API_KEY":         "sk-e2e-never-logged",
		"OPENAI_BASE_URL":        "http://127.0.0.1:1/v1", // never called unless a test sets a fake
		"PROXENOS_LLM_MODEL":     "fake-model",
	}
	for k, v := range extra {
		vars[k] = v
	}
	m, _, logs := testMain(t, vars, nil)
	if err := m.ParseFlags(t.Context(), []string{"serve"}); err != nil {
		t.Fatal(m.Message(err))
	}
	before(m)
	if err := m.Run(t.Context()); err != nil {
		m.Close()
		t.Fatal(m.Message(err))
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return m, logs
}

// slashCommand posts a slash command to the bot, signed with secret at ts
// (no signature when secret is ""), and returns the HTTP status and body.
func slashCommand(t testing.TB, m *Main, secret string, ts time.Time, command, text, responseURL string) (int, string) {
	t.Helper()
	body := url.Values{
		"team_id": {"TFAKE"}, "team_domain": {"maroussi"}, "channel_id": {"C0OFFICE"}, "channel_name": {"international"},
		"user_id": {"U0MARIA"}, "user_name": {"maria"}, "command": {command}, "text": {text},
		"response_url": {responseURL}, "trigger_id": {"1.2.3"}, "api_app_id": {"A0PROXENOS"},
	}.Encode()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+m.HTTPAddr()+"/slack/commands", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if secret != "" {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", bot.NewVerifier(secret).Sign(stamp, []byte(body)))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// get fetches a path of the running bot.
func get(t *testing.T, m *Main, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + m.HTTPAddr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// posted waits for the post to responseURL and returns its body.
func posted(t *testing.T, fake *slackfake.Server, responseURL string) string {
	t.Helper()
	path := strings.TrimPrefix(responseURL, strings.TrimSuffix(fake.URL(), "/api/"))
	for n := 1; ; n++ {
		calls, err := fake.WaitFor(slackfake.MethodResponseURL, n, 10*time.Second)
		if err != nil {
			t.Fatalf("nothing posted to %s: %v", responseURL, err)
		}
		for _, c := range calls {
			if c.Path == path {
				return string(c.JSON) + c.Params.Encode()
			}
		}
	}
}

// TestServe_HTTP runs the real bot over HTTP against the fake Slack: only
// signed, fresh requests are served, the answers reach the response URL,
// and the operations endpoints report what happened.
func TestServe_HTTP(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, logs := startServe(t, fake, nil)
	now := time.Now()

	t.Run("ErrUnsigned", func(t *testing.T) {
		if code, _ := slashCommand(t, m, "", now, "/ir", "help", fake.ResponseURL()); code != http.StatusUnauthorized {
			t.Fatalf("got %d, want 401", code)
		}
	})
	t.Run("ErrWrongSecret", func(t *testing.T) {
		if code, _ := slashCommand(t, m, "not-the-secret", now, "/ir", "help", fake.ResponseURL()); code != http.StatusUnauthorized {
			t.Fatalf("got %d, want 401", code)
		}
	})
	t.Run("ErrReplayed", func(t *testing.T) {
		if code, _ := slashCommand(t, m, testSecret, now.Add(-10*time.Minute), "/ir", "help", fake.ResponseURL()); code != http.StatusUnauthorized {
			t.Fatalf("got %d, want 401", code)
		}
	})
	t.Run("Help", func(t *testing.T) {
		ru := fake.ResponseURL()
		if code, body := slashCommand(t, m, testSecret, now, "/ir", "help", ru); code != http.StatusOK {
			t.Fatalf("got %d %s, want 200", code, body)
		}
		got := posted(t, fake, ru)
		for _, want := range []string{"/corr", "/partner"} {
			if !strings.Contains(got, want) {
				t.Errorf("the help posted lacks %q:\n%s", want, got)
			}
		}
		// The three refused requests posted nothing: only the help is there.
		if n := len(fake.Calls(slackfake.MethodResponseURL)); n != 1 {
			t.Errorf("got %d posts to response URLs, want 1", n)
		}
	})
	t.Run("CorrRoundTrip", func(t *testing.T) {
		ru := fake.ResponseURL()
		if code, _ := slashCommand(t, m, testSecret, now, "/corr", `in from:"Stadt Köln" subject:"Einladung zum Forum" lang:de`, ru); code != http.StatusOK {
			t.Fatalf("/corr in: got %d, want 200", code)
		}
		number := "1/" + strconv.Itoa(time.Now().In(m.Config.Location()).Year())
		if got := posted(t, fake, ru); !strings.Contains(got, number) {
			t.Fatalf("/corr in: the answer lacks %s:\n%s", number, got)
		}
		ru = fake.ResponseURL()
		if code, _ := slashCommand(t, m, testSecret, now, "/corr", "show "+number, ru); code != http.StatusOK {
			t.Fatalf("/corr show: got %d, want 200", code)
		}
		got := posted(t, fake, ru)
		for _, want := range []string{"Einladung zum Forum", "Stadt Köln"} {
			if !strings.Contains(got, want) {
				t.Errorf("/corr show: the answer lacks %q:\n%s", want, got)
			}
		}
	})
	t.Run("Health", func(t *testing.T) {
		if code, body := get(t, m, "/healthz"); code != http.StatusOK || !strings.Contains(body, `"ok"`) {
			t.Errorf("/healthz: got %d %s", code, body)
		}
		if code, body := get(t, m, "/readyz"); code != http.StatusOK || !strings.Contains(body, `"ok"`) {
			t.Errorf("/readyz: got %d %s", code, body)
		}
	})
	t.Run("Metrics", func(t *testing.T) {
		_, body := get(t, m, "/metrics")
		for _, want := range []string{
			`proxenos_commands_total{command="/ir",outcome="ok"} 1`,
			`proxenos_commands_total{command="/corr",outcome="ok"} 2`,
			`proxenos_command_duration_seconds_count{command="/corr"} 2`,
			"go_goroutines",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %q", want)
			}
		}
	})
	t.Run("NoSecretsLogged", func(t *testing.T) {
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		out := logs.String()
		if !strings.Contains(out, `"msg":"starting"`) || !strings.Contains(out, `"msg":"stopped"`) {
			t.Fatalf("the logs lack start-up or shut-down:\n%s", out)
		}
		for _, secret := range append(m.Config.Secrets(), testSecret, slackfake.BotToken, "sk-e2e-never-logged") {
			if strings.Contains(out, secret) {
				t.Errorf("the logs show the secret %q", secret)
			}
		}
	})
}

// TestServe_Readyz checks that /readyz, unlike /healthz, fails when the
// store does not answer.
func TestServe_Readyz(t *testing.T) {
	t.Run("ErrStoreClosed", func(t *testing.T) {
		fake := slackfake.New()
		defer fake.Close()
		m, _ := startServe(t, fake, nil)
		if err := m.Store.Close(); err != nil {
			t.Fatal(err)
		}
		code, body := get(t, m, "/readyz")
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "store") {
			t.Errorf("got %d %s, want 503 naming the store", code, body)
		}
		if code, _ := get(t, m, "/healthz"); code != http.StatusOK {
			t.Errorf("/healthz: got %d, want 200: the process is alive", code)
		}
	})
}

// TestServe_Errors checks that start-up stops with a clear message when
// Slack or the store cannot be used, without showing secrets.
func TestServe_Errors(t *testing.T) {
	t.Run("ErrNoCredentials", func(t *testing.T) {
		m, _, _ := testMain(t, map[string]string{"PROXENOS_LANGUAGE": "en"}, nil)
		if err := m.ParseFlags(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		err := m.Run(t.Context())
		if err == nil {
			m.Close()
			t.Fatal("serve started without Slack credentials")
		}
		msg := m.Message(err)
		for _, want := range []string{"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "proxenos console"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q does not mention %q", msg, want)
			}
		}
	})
	t.Run("ErrSlackAuth", func(t *testing.T) {
		fake := slackfake.New()
		defer fake.Close()
		m, _, logs := testMain(t, map[string]string{
			"SLACK_BOT_TOKEN": "xoxb-revoked-token", "SLACK_SIGNING_SECRET": testSecret,
			"PROXENOS_SLACK_API_URL": fake.URL(), "PROXENOS_HTTP_ADDR": "127.0.0.1:0",
			"PROXENOS_STORAGE_URL": "sqlite:" + t.TempDir() + "/p.db",
		}, nil)
		if err := m.ParseFlags(t.Context(), []string{"serve"}); err != nil {
			t.Fatal(err)
		}
		err := m.Run(t.Context())
		m.Close()
		if e, ok := err.(*proxenos.Error); !ok || e.Key != "serve.slack_auth" {
			t.Fatalf("got %v, want serve.slack_auth", err)
		}
		if msg := m.Message(err); strings.Contains(msg, "xoxb-revoked-token") || strings.Contains(logs.String(), "xoxb-revoked-token") {
			t.Errorf("the token is shown: %q", msg)
		}
		if m.HTTPAddr() != "" {
			t.Errorf("the bot listens on %s although Slack refused its token", m.HTTPAddr())
		}
	})
	t.Run("ErrSlackUnreachable", func(t *testing.T) {
		m, _, _ := testMain(t, map[string]string{
			"SLACK_BOT_TOKEN": slackfake.BotToken, "SLACK_SIGNING_SECRET": testSecret,
			"PROXENOS_SLACK_API_URL": "http://127.0.0.1:1/api/", "PROXENOS_HTTP_ADDR": "127.0.0.1:0",
			"PROXENOS_STORAGE_URL": "sqlite:" + t.TempDir() + "/p.db",
		}, nil)
		if err := m.ParseFlags(t.Context(), []string{"serve"}); err != nil {
			t.Fatal(err)
		}
		err := m.Run(t.Context())
		m.Close()
		if e, ok := err.(*proxenos.Error); !ok || e.Key != "serve.slack_unreachable" {
			t.Fatalf("got %v, want serve.slack_unreachable", err)
		}
	})
	t.Run("ErrStoreUnavailable", func(t *testing.T) {
		fake := slackfake.New()
		defer fake.Close()
		m, _, logs := testMain(t, map[string]string{
			"SLACK_BOT_TOKEN": slackfake.BotToken, "SLACK_SIGNING_SECRET": testSecret,
			"PROXENOS_SLACK_API_URL": fake.URL(), "PROXENOS_HTTP_ADDR": "127.0.0.1:0", "PROXENOS_LANGUAGE": "en",
			"PROXENOS_STORAGE_URL": "mongodb://proxenos:db-pw-secret@127.0.0.1:1/proxenos?serverSelectionTimeoutMS=200",
		}, nil)
		if err := m.ParseFlags(t.Context(), []string{"serve"}); err != nil {
			t.Fatal(m.Message(err))
		}
		err := m.Run(t.Context())
		m.Close()
		if got, want := proxenos.ErrorCode(err), proxenos.EUNAVAILABLE; got != want {
			t.Fatalf("got %v (%s), want %s", err, got, want)
		}
		if msg := m.Message(err); strings.Contains(msg, "db-pw-secret") || strings.Contains(logs.String(), "db-pw-secret") {
			t.Errorf("the database password is shown: %q", msg)
		}
	})
	t.Run("ErrBadTimezone", func(t *testing.T) {
		m, _, _ := testMain(t, map[string]string{"PROXENOS_TIMEZONE": "Athens", "PROXENOS_LANGUAGE": "en"}, nil)
		err := m.ParseFlags(t.Context(), []string{"serve"})
		if msg := m.Message(err); !strings.Contains(msg, "PROXENOS_TIMEZONE") || !strings.Contains(msg, "Europe/Athens") {
			t.Errorf("got %q, want a message naming PROXENOS_TIMEZONE with an example", msg)
		}
	})
}

// TestServe_SocketMode runs the bot by Socket Mode only: it connects,
// acknowledges an envelope, posts the answer, and leaves no goroutine
// behind after Close.
func TestServe_SocketMode(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	before := goleak.IgnoreCurrent()
	m, logs := startServe(t, fake, map[string]string{"SLACK_APP_TOKEN": slackfake.AppToken, "SLACK_SIGNING_SECRET": ""})
	if _, err := fake.WaitFor("apps.connections.open", 1, 10*time.Second); err != nil {
		t.Fatalf("serve did not connect by Socket Mode: %v", err)
	}
	ru := fake.ResponseURL()
	envelope := map[string]any{"type": "slash_commands", "envelope_id": "env-1", "accepts_response_payload": true,
		"payload": map[string]any{"team_id": "TFAKE", "channel_id": "C0OFFICE", "user_id": "U0MARIA",
			"command": "/ir", "text": "help", "response_url": ru, "trigger_id": "1.2.3"}}
	// The websocket may be open a moment after apps.connections.open.
	var err error
	for i := 0; i < 100; i++ {
		if err = fake.SocketSend(envelope); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitFor(slackfake.MethodSocketAck, 1, 10*time.Second); err != nil {
		t.Fatalf("the envelope was not acknowledged: %v", err)
	}
	if got := posted(t, fake, ru); !strings.Contains(got, "/corr") {
		t.Errorf("the help posted lacks /corr:\n%s", got)
	}
	if code, _ := get(t, m, "/slack/commands"); code != http.StatusNotFound {
		t.Errorf("/slack/commands without a signing secret: got %d, want 404", code)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), slackfake.AppToken) {
		t.Error("the logs show the app token")
	}
	// Close stopped Socket Mode, the HTTP server and the bot's work; only
	// idle keep-alive connections to and in the fake remain.
	http.DefaultClient.CloseIdleConnections()
	goleak.VerifyNone(t, before,
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreAnyFunction("net/http.(*conn).serve"))
}

// BenchmarkServe_SlashCommand measures how long the bot takes to
// acknowledge a signed slash command over HTTP (Slack allows 3 s); the
// answer itself is posted to the response URL afterwards.
func BenchmarkServe_SlashCommand(b *testing.B) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(b, fake, nil)
	for b.Loop() {
		// Each command has its own response_url, as from Slack: the same
		// signed request twice would be refused as a replay.
		if code, body := slashCommand(b, m, testSecret, time.Now(), "/ir", "help", fake.ResponseURL()); code != http.StatusOK {
			b.Fatalf("got %d %s", code, body)
		}
	}
}

// TestServe_ShutdownFinishesWork checks that Close, as on SIGTERM, lets a
// command that Slack has already had acknowledged finish and post its
// answer before the store closes.
func TestServe_ShutdownFinishesWork(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, nil)
	ru := fake.ResponseURL()
	if code, _ := slashCommand(t, m, testSecret, time.Now(), "/corr", `out to:"Comune di Faenza" subject:"Visit programme 2027"`, ru); code != http.StatusOK {
		t.Fatalf("got %d, want 200", code)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	calls := fake.Calls(slackfake.MethodResponseURL)
	if len(calls) != 1 {
		t.Fatalf("got %d posts after Close, want 1", len(calls))
	}
	if got := string(calls[0].JSON); !strings.Contains(got, "Visit programme 2027") {
		t.Fatalf("the post after Close is not the answer: %s", got)
	}
}

// TestServe_Access checks that the access lists reach the handlers: a
// user on no list is refused, an admin is served, and user groups (S…) are
// told from users.
func TestServe_Access(t *testing.T) {
	for _, tt := range []struct {
		name    string
		allowed string
		admins  string
		refused bool
	}{
		{"OKAdmin", "U0OTHER, S0GROUP", "U0MARIA", false},
		{"OKAllowed", "U0MARIA", "", false},
		{"ErrUnauthorized", "U0OTHER", "U0BOSS", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := slackfake.New()
			defer fake.Close()
			m, _ := startServe(t, fake, map[string]string{"PROXENOS_ALLOWED_USERS": tt.allowed, "PROXENOS_ADMINS": tt.admins})
			ru := fake.ResponseURL()
			if code, _ := slashCommand(t, m, testSecret, time.Now(), "/corr", "list", ru); code != http.StatusOK {
				t.Fatalf("got %d, want 200", code)
			}
			got := posted(t, fake, ru)
			if refused := strings.Contains(got, i18n.T(i18n.English, "error.unauthorized")); refused != tt.refused {
				t.Fatalf("refused = %v, want %v: %s", refused, tt.refused, got)
			}
			if strings.Contains(tt.allowed, "S0GROUP") && !slices.Equal(m.Handler.Access.Groups, []string{"S0GROUP"}) {
				t.Errorf("groups: got %v, want [S0GROUP]", m.Handler.Access.Groups)
			}
		})
	}
}

// TestServe_Translate checks that the LLM settings reach the translator:
// /translate drafts through the configured OpenAI-compatible server and
// the draft reaches the user.
func TestServe_Translate(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	llm := fakellm.New(fakellm.Options{Language: "de"})
	defer llm.Close()
	m, _ := startServe(t, fake, map[string]string{"OPENAI_BASE_URL": llm.URL})
	ru := fake.ResponseURL()
	if code, _ := slashCommand(t, m, testSecret, time.Now(), "/translate", "to:en Guten Tag aus Köln", ru); code != http.StatusOK {
		t.Fatalf("got %d, want 200", code)
	}
	if got := posted(t, fake, ru); !strings.Contains(got, "GUTEN TAG AUS KÖLN") {
		t.Fatalf("the draft posted lacks the fake translation:\n%s", got)
	}
	reqs := llm.Requests()
	if len(reqs) == 0 {
		t.Fatal("the LLM server got no request")
	}
	if got, want := reqs[0].Body.Model, "fake-model"; got != want {
		t.Errorf("model: got %q, want %q", got, want)
	}
}

// TestServe_HomeTab checks that Events API events reach the handlers: an
// app_home_opened event publishes the Home tab.
func TestServe_HomeTab(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, nil)
	body := `{"type":"event_callback","team_id":"TFAKE","api_app_id":"A0PROXENOS","event_id":"Ev0HOME1","event_time":1764115200,` +
		`"event":{"type":"app_home_opened","user":"U0MARIA","channel":"D0MARIA","tab":"home","event_ts":"1764115200.000100"}}`
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+m.HTTPAddr()+"/slack/events", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", bot.NewVerifier(testSecret).Sign(stamp, []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d, want 200", resp.StatusCode)
	}
	calls, err := fake.WaitFor("views.publish", 1, 10*time.Second)
	if err != nil {
		t.Fatalf("the Home tab was not published: %v", err)
	}
	if got, want := calls[0].Param("user_id"), "U0MARIA"; got != want {
		t.Errorf("published for %q, want %q", got, want)
	}
}

// TestServe_Scheduler checks that with an office channel the reminder
// engine starts: it takes the sender lease in the store, under the
// workspace auth.test named.
func TestServe_Scheduler(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, map[string]string{"PROXENOS_OFFICE_CHANNEL": "C0OFFICE"})
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	for i := 0; ; i++ {
		lease, err := m.Store.Reminders.FindLease(ctx, "reminder-sender")
		if err == nil && lease.Holder == m.Scheduler.Holder {
			break
		}
		if i == 500 {
			t.Fatalf("the scheduler did not take the lease: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got, want := m.Scheduler.Channel, "C0OFFICE"; got != want {
		t.Errorf("channel: got %q, want %q", got, want)
	}
}

// calendarLink finds the feed address in /ir calendar's answer.
var calendarLink = regexp.MustCompile(`https://proxenos\.example\.gr/calendar\.ics\?token=[A-Za-z0-9_-]+`)

// TestServe_CalendarFeed checks that with a public address /ir calendar
// hands out a feed that the server then serves, and that a wrong token
// gets 404.
func TestServe_CalendarFeed(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, map[string]string{"PROXENOS_PUBLIC_URL": "https://proxenos.example.gr"})
	ru := fake.ResponseURL()
	if code, _ := slashCommand(t, m, testSecret, time.Now(), "/ir", "calendar", ru); code != http.StatusOK {
		t.Fatalf("got %d, want 200", code)
	}
	link := calendarLink.FindString(posted(t, fake, ru))
	if link == "" {
		t.Fatal("/ir calendar gave no feed address")
	}
	path := strings.TrimPrefix(link, "https://proxenos.example.gr")
	code, body := get(t, m, path)
	if code != http.StatusOK || !strings.Contains(body, "BEGIN:VCALENDAR") {
		t.Errorf("the feed: got %d %.80q, want 200 and a calendar", code, body)
	}
	if code, _ := get(t, m, "/calendar.ics?token=not-a-token"); code != http.StatusNotFound {
		t.Errorf("a wrong token: got %d, want 404", code)
	}
}
