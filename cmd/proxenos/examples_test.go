package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// exampleRegister is a fresh register as the console opens it: the real
// kernel with every module on an embedded store, a fake model for
// translations and a fake EU portal for imports.
type exampleRegister struct {
	m       *Main
	console *Console // makes the requests of the lines typed
	outcome string   // of the last command, as Observe saw it
}

// newExampleRegister opens a fresh register answering in lang.
func newExampleRegister(t *testing.T, lang i18n.Lang) *exampleRegister {
	t.Helper()
	dir := t.TempDir()
	llm := fakellm.New(fakellm.Options{Language: "en"})
	t.Cleanup(llm.Close)
	m, _, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL":   "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":      string(lang),
		"OPENAI_BASE_URL":        llm.URL,
		"PROXENOS_LLM_MODEL":     "fake-model",
		"PROXENOS_EU_PORTAL_URL": fakePortal(t).URL,
	}, nil)
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	m.Logger = slog.New(slog.DiscardHandler)
	if err := m.openStore(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	m.Handler = m.newHandler()
	// Calendar feeds need a public address, as serve has them with one.
	m.Modules.IR.CalendarFeeds, m.Modules.IR.PublicURL = m.Store.CalendarFeeds, "https://proxenos.example.org"
	// The console lists reminders without an office channel: so here.
	s, err := m.newScheduler(proxenos.ConsoleTeam, consoleChannel, discardPoster{})
	if err != nil {
		t.Fatal(err)
	}
	m.Scheduler = s
	m.Modules.IR.Reminders = s
	c := &Console{Dispatcher: m.Handler, Out: io.Discard, Team: proxenos.ConsoleTeam, User: consoleUserID("maria"), Name: "maria", lang: lang}
	r := &exampleRegister{m: m, console: c}
	m.Handler.Observe = func(_, outcome string, _ time.Duration) { r.outcome = outcome }
	return r
}

// discardPoster drops the reminders a scheduler would post.
type discardPoster struct{}

func (discardPoster) Post(context.Context, string, *chat.Response) (string, error) { return "", nil }

// fakePortal serves the EU portal's answers for the calls of the
// examples, from the portal's fixtures, and an empty answer for any other
// topic.
func fakePortal(t *testing.T) *httptest.Server {
	t.Helper()
	answers := map[string][]byte{}
	for text, fixture := range map[string]string{
		"CERV-2027-CITIZENS-TOWN-TT": "cerv-town-tt.json",
		"CERV-2027-CITIZENS-TOWN-NT": "cerv-town-nt-de.json",
		"":                           "empty.json",
	} {
		body, err := os.ReadFile("../../portal/testdata/" + fixture)
		if err != nil {
			t.Fatal(err)
		}
		answers[text] = body
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body, ok := answers[r.URL.Query().Get("text")]
		if !ok {
			body = answers[""]
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// run runs one command line as the console's user types it, and returns
// the answer's text and whether the command succeeded.
func (r *exampleRegister) run(t *testing.T, line string) (string, bool) {
	t.Helper()
	r.outcome = ""
	resp := r.m.Handler.HandleCommand(t.Context(), r.console.command(strings.TrimSpace(line)))
	return answerText(resp), r.outcome == handlers.OutcomeOK
}

// answerText is what an answer says, for a failure message.
func answerText(resp *chat.Response) string {
	if resp.Modal != nil {
		return "(form) " + resp.Modal.Title
	}
	var out strings.Builder
	r := renderer{w: &out}
	r.Render(resp)
	return out.String()
}

// runExamples runs lines in order on r and fails for each that does not
// succeed, with its answer, and for a list or search of the register that
// finds none of the entries the examples before it logged.
func runExamples(t *testing.T, r *exampleRegister, lines []string) {
	t.Helper()
	for _, line := range lines {
		answer, ok := r.run(t, line)
		if !ok {
			t.Errorf("%s\n  → %s: %s", line, r.outcome, strings.TrimSpace(answer))
		}
		if empty := i18n.T(r.console.lang, "corr.list.empty"); strings.Contains(answer, empty) {
			t.Errorf("%s\n  → finds nothing: %s", line, strings.TrimSpace(answer))
		}
	}
}

// readmeCommands returns the command lines of the ```text blocks in the
// README's "## Commands" section, in order.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Commands\n")
	if !ok {
		t.Fatal(`the README has no "## Commands" section`)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var lines []string
	inBlock := false
	for _, line := range strings.Split(section, "\n") {
		switch {
		case line == "```text":
			inBlock = true
		case strings.HasPrefix(line, "```"):
			inBlock = false
		case inBlock && strings.HasPrefix(line, "/"):
			lines = append(lines, line)
		}
	}
	if len(lines) < 20 {
		t.Fatalf("found only %d commands in the README's examples: %q", len(lines), lines)
	}
	return lines
}

// TestREADME_Examples runs every command of the README's examples, in
// order, on a fresh register: each must succeed as written.
func TestREADME_Examples(t *testing.T) {
	runExamples(t, newExampleRegister(t, i18n.English), readmeCommands(t))
}

// helpExamples returns the examples /ir help lists, in its order, in lang.
func helpExamples(k *handlers.Handler, lang i18n.Lang) []string {
	var lines []string
	for _, c := range k.Commands() {
		keys := c.Examples
		for _, s := range c.Subcommands {
			keys = append(keys, s.Examples...)
		}
		for _, key := range keys {
			lines = append(lines, i18n.T(lang, key))
		}
	}
	return lines
}

// TestHelp_Examples runs every example /ir help shows, in its order, on a
// fresh register in each language: each must succeed as written.
func TestHelp_Examples(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			r := newExampleRegister(t, lang)
			lines := helpExamples(r.m.Handler, lang)
			if len(lines) < 30 {
				t.Fatalf("help lists only %d examples: %q", len(lines), lines)
			}
			runExamples(t, r, lines)
		})
	}
}

// TestExamples_YearsLater runs the README's and help's examples with the
// office clock two years on: they name no number or date that only exists
// in the year they were written (a protocol number 42/2026, a deadline
// still to come).
func TestExamples_YearsLater(t *testing.T) {
	later := time.Now().AddDate(2, 0, 0)
	fresh := func(lang i18n.Lang) *exampleRegister {
		r := newExampleRegister(t, lang)
		r.m.Handler.Now = func() time.Time { return later }
		return r
	}
	runExamples(t, fresh(i18n.English), readmeCommands(t))
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		r := fresh(lang)
		runExamples(t, r, helpExamples(r.m.Handler, lang))
	}
}
