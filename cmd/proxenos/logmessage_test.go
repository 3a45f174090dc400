package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// logShortcut returns the signed-request body of "Log as correspondence"
// on message ts of C0OFFICE, which carries the e-mail F1 at download.
func logShortcut(t testing.TB, ts, download string) string {
	t.Helper()
	payload, err := json.Marshal(map[string]any{
		"type": "message_action", "callback_id": corr.ActionLogMessage, "team": map[string]any{"id": "TFAKE"},
		"user": map[string]any{"id": "U0MARIA"}, "channel": map[string]any{"id": "C0OFFICE"}, "trigger_id": "trigger-" + ts,
		"message": map[string]any{"ts": ts, "text": "Fwd: CERV",
			"files": []map[string]any{{"id": "F1", "name": "CERV.eml", "size": 3000, "url_private_download": download}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"payload": {string(payload)}}.Encode()
}

// serveLogging starts serve over the fake Slack with the Nicosia e-mail
// seeded as file F1 (its download address returned), and a fake model
// that reads letters with extract.
func serveLogging(t testing.TB, extract func(openai.ChatCompletionRequest, string) string) (*Main, *slackfake.Server, string) {
	t.Helper()
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	download := fake.AddFile(slackfake.File{ID: "F1", Name: "CERV.eml", Content: mustRead(t, "testdata/nicosia-8859-7.eml")})
	llm := fakellm.New(fakellm.Options{Extract: extract})
	t.Cleanup(llm.Close)
	m, _ := startServe(t, fake, map[string]string{"OPENAI_BASE_URL": llm.URL, "PROXENOS_OFFICE_DOMAINS": "maroussi.gr"})
	return m, fake, download
}

// TestServe_LogMessage uses the message shortcut over HTTP: the form opens
// with Slack's trigger before the e-mail is read, and views.update fills
// it with what the e-mail's headers, its text and the model gave.
func TestServe_LogMessage(t *testing.T) {
	m, fake, download := serveLogging(t, emptyFields)
	body := logShortcut(t, "1712345678.000100", download)
	if _, err := postSigned(loadClient(1), bot.NewVerifier(testSecret), "http://"+m.HTTPAddr()+"/slack/interactions", body); err != nil {
		t.Fatal(err)
	}
	opened, err := fake.WaitFor("views.open", 1, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if opened[0].Param("trigger_id") != "trigger-1712345678.000100" || !strings.Contains(opened[0].Param("view"), "Reading the message") {
		t.Errorf("views.open: %s", opened[0].Params)
	}
	updated, err := fake.WaitFor("views.update", 1, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	view := updated[0].Param("view")
	for _, want := range []string{"7781/2026", "2026-10-19", "Δήμος Λευκωσίας", "slack:C0OFFICE/1712345678.000100", "email:nicosia-7781@nicosia.org.cy"} {
		if !strings.Contains(view, want) {
			t.Errorf("the filled form lacks %s:\n%s", want, view)
		}
	}
	if updated[0].Param("view_id") != "" && !strings.HasPrefix(updated[0].Param("view_id"), "V") {
		t.Errorf("views.update of view %q, want the opened one", updated[0].Param("view_id"))
	}
}

// emptyFields is a model that finds nothing the rules did not.
func emptyFields(openai.ChatCompletionRequest, string) string {
	return `{"direction":"","counterpart":"","subject":"","date":"","language":"","country":"","reference":""}`
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// BenchmarkShortcutToForm measures, for "Log as correspondence" on a
// message carrying an e-mail, the time from the signed request to the
// form on screen (views.open; Slack's trigger lasts 3 s) and to the form
// filled (views.update), with a fake model answering at once.
func BenchmarkShortcutToForm(b *testing.B) {
	m, fake, download := serveLogging(b, emptyFields)
	client, v := loadClient(1), bot.NewVerifier(testSecret)
	var open, filled []time.Duration
	for i := range max(b.N, 20) {
		body := logShortcut(b, fmt.Sprintf("1712345678.%06d", i), download)
		start := time.Now()
		if _, err := postSigned(client, v, "http://"+m.HTTPAddr()+"/slack/interactions", body); err != nil {
			b.Fatal(err)
		}
		opens, err := fake.WaitFor("views.open", i+1, 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		updates, err := fake.WaitFor("views.update", i+1, 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		open = append(open, opens[i].At.Sub(start))
		filled = append(filled, updates[i].At.Sub(start))
	}
	slices.Sort(open)
	slices.Sort(filled)
	b.ReportMetric(percentile(open, 50), "open-p50-ms")
	b.ReportMetric(percentile(open, 99), "open-p99-ms")
	b.ReportMetric(percentile(filled, 50), "filled-p50-ms")
	b.ReportMetric(percentile(filled, 99), "filled-p99-ms")
}

// TestServe_LogMessageBudgetSpent checks that once the month's model
// tokens are spent, the form is filled by the rules alone, says so, and
// the model is not asked.
func TestServe_LogMessageBudgetSpent(t *testing.T) {
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	llm := fakellm.New(fakellm.Options{Extract: emptyFields})
	t.Cleanup(llm.Close)
	m, _ := startServe(t, fake, map[string]string{"OPENAI_BASE_URL": llm.URL, "PROXENOS_LLM_MONTHLY_TOKENS": "1000"})
	// A message whose sender, date and reference no rule finds.
	shortcut := func(ts string) string {
		payload, err := json.Marshal(map[string]any{
			"type": "message_action", "callback_id": corr.ActionLogMessage, "team": map[string]any{"id": "TFAKE"},
			"user": map[string]any{"id": "U0MARIA"}, "channel": map[string]any{"id": "C0OFFICE"}, "trigger_id": "trigger-" + ts,
			"message": map[string]any{"ts": ts, "text": "Dear colleagues, we invite you to the forum of cities."},
		})
		if err != nil {
			t.Fatal(err)
		}
		body := url.Values{"payload": {string(payload)}}.Encode()
		n := len(fake.Calls("views.update")) + 1 // counted before: the update may come before the post returns
		if _, err := postSigned(loadClient(1), bot.NewVerifier(testSecret), "http://"+m.HTTPAddr()+"/slack/interactions", body); err != nil {
			t.Fatal(err)
		}
		updated, err := fake.WaitFor("views.update", n, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return updated[n-1].Param("view")
	}
	if view := shortcut("1712345678.000200"); strings.Contains(view, "language-model budget is spent") || len(llm.Requests()) != 1 {
		t.Fatalf("within the budget: %d model requests, want 1; form:\n%s", len(llm.Requests()), view)
	}
	ctx := proxenos.NewContextWithTeam(context.Background(), "TFAKE")
	if err := m.Store.Usage.RecordUsage(ctx, &proxenos.Usage{Model: "m", PromptTokens: 900, CompletionTokens: 100, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if view := shortcut("1712345678.000300"); !strings.Contains(view, "language-model budget is spent") {
		t.Errorf("the form does not say the month's tokens are spent:\n%s", view)
	}
	if n := len(llm.Requests()); n != 1 {
		t.Errorf("the model was asked %d times, want once: not over the budget", n)
	}
}
