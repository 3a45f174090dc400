package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
)

// TestAttacks runs the table of attacks of the README's SECURITY section
// against the real bot over HTTP, on the embedded store and on MongoDB
// (the embedded FerretDB): each row names the attack, sends it, and
// checks what reached Slack, the store and the logs.
func TestAttacks(t *testing.T) {
	for _, store := range []string{"sqlite", "mongodb"} {
		t.Run(store, func(t *testing.T) { runAttacks(t, store) })
	}
}

func runAttacks(t *testing.T, store string) {
	fake := slackfake.New()
	defer fake.Close()
	extra := map[string]string{"PROXENOS_ALLOWED_USERS": "U0MARIA,U0ELENI"}
	if store == "mongodb" {
		extra["PROXENOS_STORAGE_URL"] = startFerret(t, t.TempDir(), "127.0.0.1:0").uri("attacks")
	}
	m, logs := startServe(t, fake, extra)
	answers := newReplies(t)
	v := bot.NewVerifier(testSecret)
	client := loadClient(1)
	defer client.CloseIdleConnections()
	target := "http://" + m.HTTPAddr() + "/slack/commands"
	n := 0
	// run sends a signed command as user and returns the answer posted.
	run := func(t *testing.T, user, command, text string) string {
		t.Helper()
		n++
		path := "/r/" + strconv.Itoa(n)
		body := strings.Replace(commandBody(command, text, answers.srv.URL+path), "user_id=U0MARIA", "user_id="+user, 1)
		if _, err := postSigned(client, v, target, body); err != nil {
			t.Fatal(err)
		}
		select {
		case got := <-answers.wait(path):
			return got
		case <-time.After(30 * time.Second):
			t.Fatal("no answer")
		}
		return ""
	}
	// status sends a request with the headers given and returns the status.
	status := func(t *testing.T, body string, header map[string]string) int {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	signed := func(ts time.Time, body, secret string) map[string]string {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		return map[string]string{"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": bot.NewVerifier(secret).Sign(stamp, []byte(body))}
	}
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	year := time.Now().In(m.Config.Location()).Year()
	// Entries the attacks below search and read.
	run(t, "U0MARIA", "/corr", `in from:"Stadt Köln" subject:"Einladung zum Forum" tags:forum`)
	run(t, "U0MARIA", "/corr", `in from:"Comune di Faenza" subject:"Gemellaggio" tags:twinning`)
	helpBody := commandBody("/ir", "help", answers.srv.URL+"/r/never")

	for _, tt := range []struct {
		name string
		test func(t *testing.T)
	}{
		{"ForgedSignature", func(t *testing.T) {
			if got := status(t, helpBody, signed(time.Now(), helpBody, "guessed-secret")); got != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", got)
			}
		}},
		{"SignatureOfAnotherBody", func(t *testing.T) {
			h := signed(time.Now(), helpBody, testSecret)
			if got := status(t, helpBody+"&text=corr+list", h); got != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", got)
			}
		}},
		{"ReplayedSignature", func(t *testing.T) {
			if got := status(t, helpBody, signed(time.Now().Add(-6*time.Minute), helpBody, testSecret)); got != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", got)
			}
		}},
		{"OversizedBody", func(t *testing.T) {
			big := helpBody + "&x=" + strings.Repeat("a", bot.DefaultMaxBodyBytes)
			if got := status(t, big, signed(time.Now(), big, testSecret)); got != http.StatusRequestEntityTooLarge {
				t.Errorf("got %d, want 413", got)
			}
		}},
		{"NoSQLOperatorsInEveryField", func(t *testing.T) {
			op := `{"$gt":""}`
			got := run(t, "U0MARIA", "/corr", `in from:«`+op+`» subject:«{"$where":"sleep(5000)"}» summary:«{"$ne":null}» ref:$regex tags:$ne lang:de`)
			number := proxenos.ProtocolNumber{Year: year, Number: 3}
			if !strings.Contains(got, number.String()) {
				t.Fatalf("got %.300s, want entry %s", got, number)
			}
			e, err := m.Store.Correspondence.FindCorrespondenceByNumber(ctx, number)
			if err != nil {
				t.Fatal(err)
			}
			if e.Counterpart != op || e.Subject != `{"$where":"sleep(5000)"}` || e.Summary != `{"$ne":null}` {
				t.Errorf("stored %q %q %q, want the text as typed", e.Counterpart, e.Subject, e.Summary)
			}
			// Searching for an operator finds that text, not every entry.
			found, total, err := m.Store.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: op, Limit: 10})
			if err != nil || total > 1 || len(found) > 1 {
				t.Errorf("search %q: %d found, %v; want at most the one entry", op, total, err)
			}
		}},
		{"RegexMetacharactersInSearch", func(t *testing.T) {
			for _, q := range []string{".*", "(a+)+$", "[", `\`, "Einl.*"} {
				got := run(t, "U0MARIA", "/corr", "search "+q)
				if strings.Contains(got, "Gemellaggio") {
					t.Errorf("search %q matches every entry: %.300s", q, got)
				}
				if strings.Contains(got, i18n.T(i18n.English, "error.internal")) {
					t.Errorf("search %q fails: %.300s", q, got)
				}
			}
		}},
		{"MentionInjectionInEchoedText", func(t *testing.T) {
			got := run(t, "U0MARIA", "/corr", `in from:"<!channel>" subject:"<@U0BOSS> <!here> <https://evil.example|click>"`)
			for _, raw := range []string{"<!channel>", "<@U0BOSS>", "<!here>", "<https://evil"} {
				if strings.Contains(got, raw) {
					t.Errorf("the answer echoes %q unescaped: %.400s", raw, got)
				}
			}
			got = run(t, "U0MARIA", "/corr", "<!channel>")
			if strings.Contains(got, "<!channel>") {
				t.Errorf("an unknown subcommand is echoed unescaped: %.300s", got)
			}
		}},
		{"PathTricksInFileNames", func(t *testing.T) {
			// A path where a period goes is refused as a period…
			got := run(t, "U0MARIA", "/corr", "export ../../etc/passwd")
			if !strings.Contains(got, "etc/passwd") || strings.Contains(got, "passwd.csv") {
				t.Errorf("got %.300s, want the period refused", got)
			}
			// …and every file uploaded is named by the bot, without a path.
			run(t, "U0MARIA", "/corr", "export")
			for _, c := range fake.Calls(slackfake.MethodUpload) {
				if name := c.Param("filename"); strings.ContainsAny(name, `/\`) {
					t.Errorf("uploaded a file named %q", name)
				}
			}
		}},
		{"OutsiderReadsRegister", func(t *testing.T) {
			for _, text := range []string{"list", "show 1/" + strconv.Itoa(year), "search Einladung", "export"} {
				got := run(t, "U0STRANGER", "/corr", text)
				if !strings.Contains(got, i18n.T(i18n.English, "error.unauthorized")) || strings.Contains(got, "Einladung") {
					t.Errorf("/corr %s by an outsider: %.300s", text, got)
				}
			}
		}},
		{"DoubleSubmittedModal", func(t *testing.T) {
			// The /corr form submitted twice at once, as a double click on
			// Submit does: both are acknowledged, one entry is stored.
			body := corrSubmission(t, "V0CORR", "1764151200.aBcD", "Doppelklick Einladung")
			double := loadClient(2)
			defer double.CloseIdleConnections()
			errs := make(chan error, 2)
			for range 2 {
				go func() {
					_, err := postSigned(double, v, "http://"+m.HTTPAddr()+"/slack/interactions", body)
					errs <- err
				}()
			}
			for range 2 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			filter := proxenos.CorrespondenceFilter{Query: "Doppelklick", Limit: 10}
			found, total, err := m.Store.Correspondence.FindCorrespondence(ctx, filter)
			for i := 0; err == nil && total == 0 && i < 100; i++ { // an overrun stores after the ack
				time.Sleep(50 * time.Millisecond)
				found, total, err = m.Store.Correspondence.FindCorrespondence(ctx, filter)
			}
			if err != nil || total != 1 || len(found) != 1 {
				t.Errorf("got %d entries (%v), want 1", total, err)
			}
		}},
		{"ReplayWithinWindow", func(t *testing.T) {
			// A captured /corr in sent again, its signature still fresh:
			// refused, and one entry stored.
			n++
			path := "/r/" + strconv.Itoa(n)
			body := commandBody("/corr", `in from:"Stadt Köln" subject:"Wiederholt gesendet"`, answers.srv.URL+path)
			h := signed(time.Now(), body, testSecret)
			if got := status(t, body, h); got != http.StatusOK {
				t.Fatalf("first: got %d, want 200", got)
			}
			select {
			case <-answers.wait(path):
			case <-time.After(30 * time.Second):
				t.Fatal("no answer")
			}
			if got := status(t, body, h); got != http.StatusUnauthorized {
				t.Errorf("replay: got %d, want 401", got)
			}
			found, total, err := m.Store.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "Wiederholt", Limit: 10})
			if err != nil || total != 1 || len(found) != 1 {
				t.Errorf("got %d entries (%v), want 1", total, err)
			}
		}},
		{"SecretsNeverLogged", func(t *testing.T) {
			out := logs.String()
			for _, secret := range append(m.Config.Secrets(), testSecret, slackfake.BotToken, "sk-e2e-never-logged") {
				if secret != "" && strings.Contains(out, secret) {
					t.Errorf("the logs show the secret %q", secret)
				}
			}
		}},
	} {
		t.Run(tt.name, tt.test)
	}
}

// corrSubmission returns the signed-request body of a /corr form, view
// id with hash, submitted by U0MARIA with an incoming letter from Lyon
// dated today under subject.
func corrSubmission(t *testing.T, id, hash, subject string) string {
	t.Helper()
	payload, err := json.Marshal(map[string]any{
		"type": "view_submission", "team": map[string]any{"id": "TFAKE"}, "user": map[string]any{"id": "U0MARIA"},
		"view": map[string]any{"id": id, "hash": hash, "callback_id": "corr_new",
			"private_metadata": `{"c":"C0OFFICE"}`, "state": map[string]any{"values": map[string]any{
				"direction":   map[string]any{"direction": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "in"}}},
				"counterpart": map[string]any{"counterpart": map[string]any{"type": "plain_text_input", "value": "Ville de Lyon"}},
				"subject":     map[string]any{"subject": map[string]any{"type": "plain_text_input", "value": subject}},
				"date":        map[string]any{"date": map[string]any{"type": "datepicker", "selected_date": time.Now().Format(time.DateOnly)}},
			}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"payload": {string(payload)}}.Encode()
}
