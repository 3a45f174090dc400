package handlers_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/i18n/i18ntest"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// testTeam is the workspace of the tests.
const testTeam = "T1"

// testEnv is a Handler over a real SQLite store in a temporary directory,
// with its logs captured.
type testEnv struct {
	h    *office
	db   *sqlite.DB
	corr *sqlite.CorrespondenceService
	logs *syncBuffer

	mu       sync.Mutex
	outcomes []string // "command outcome", as Observe saw them
	typed    []string // the ASCII words of every command sent
}

// syncBuffer is a bytes.Buffer safe for the logger to write from any goroutine.
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

// newTestEnv opens a fresh store and a Handler whose clock says testNow.
func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return testNow }
	env := &testEnv{db: db, corr: sqlite.NewCorrespondenceService(db), logs: &syncBuffer{}}
	env.h = newOffice(env.corr, sqlite.NewPartnerService(db))
	env.h.Location = athens
	env.h.Now = func() time.Time { return testNow }
	env.h.Logger = slog.New(slog.NewTextHandler(env.logs, nil))
	env.h.Observe = func(command, outcome string, _ time.Duration) {
		env.mu.Lock()
		defer env.mu.Unlock()
		env.outcomes = append(env.outcomes, command+" "+outcome)
	}
	return env
}

// run sends a slash command as user U1 in lang and returns the answer.
func (e *testEnv) run(t testing.TB, lang i18n.Lang, command, text string) *chat.Response {
	t.Helper()
	return e.runAs(t, "U1", lang, command, text)
}

// runAs sends a slash command as user, as a new request (with an id of
// its own).
func (e *testEnv) runAs(t testing.TB, user string, lang i18n.Lang, command, text string) *chat.Response {
	t.Helper()
	resp := e.h.HandleCommand(context.Background(), &chat.Request{Team: testTeam, User: user, Channel: "C1", Lang: lang, Command: command, Text: text})
	if resp == nil {
		t.Fatalf("%s %s: nil response", command, text)
	}
	e.checkGreek(t, lang, command+" "+text, resp)
	return resp
}

// checkGreek fails the test when a Greek answer shows an internal word:
// a field key, a status or kind code, an ISO date. Words the tests typed
// as text in any command (a quoted subject, a reason), echoed back as
// data, are not internal; a key, or a one-word value such as
// kind:municipality, is no excuse.
func (e *testEnv) checkGreek(t testing.TB, lang i18n.Lang, typed string, resp *chat.Response) {
	t.Helper()
	e.mu.Lock()
	e.typed = append(e.typed, typedText(typed)...)
	allowed := slices.Clone(e.typed)
	e.mu.Unlock()
	// An answer without a Greek letter is not Greek: /ir lang english
	// answers in English.
	if lang != i18n.Greek || !strings.ContainsFunc(allText(resp), func(r rune) bool { return unicode.Is(unicode.Greek, r) }) {
		return
	}
	if leaks := i18ntest.Leaks(allText(resp), allowed...); len(leaks) > 0 {
		t.Errorf("%s: the Greek answer shows internal words %q:\n%s", typed, leaks, allText(resp))
	}
}

// typedText returns the ASCII words of a command that are text: quoted
// values and words outside fields, not keys or one-word values.
func typedText(command string) []string {
	var words []string
	toks := handlers.Tokenize(command)
	for i, tok := range toks {
		if tok.Key != "" || (i > 0 && toks[i-1].Key != "" && !tok.Quoted) {
			continue
		}
		words = append(words, asciiWord.FindAllString(tok.Word, -1)...)
	}
	return words
}

// asciiWord is a word the tests may type and see echoed.
var asciiWord = regexp.MustCompile(`\b[A-Za-z_]+\b`)

// ctx returns a context scoped like a request of U1.
func (e *testEnv) ctx() context.Context {
	return proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), testTeam), "U1")
}

// lastOutcome returns the last outcome Observe saw.
func (e *testEnv) lastOutcome() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.outcomes) == 0 {
		return ""
	}
	return e.outcomes[len(e.outcomes)-1]
}

// allText returns the Text of resp and the text of every block, for
// checks that do not care where a word is shown.
func allText(resp *chat.Response) string {
	parts := []string{resp.Text}
	for _, b := range resp.Blocks {
		switch b := b.(type) {
		case chat.Header:
			parts = append(parts, b.Text)
		case chat.Section:
			parts = append(parts, b.Text)
			parts = append(parts, b.Fields...)
		case chat.Context:
			parts = append(parts, b.Elements...)
		case chat.Actions:
			for _, btn := range b.Buttons {
				parts = append(parts, btn.Text)
			}
		}
	}
	return strings.Join(parts, "\n")
}

// mrkdwnText returns the parts of resp that Slack reads as mrkdwn: Text,
// sections and context; headers and buttons are plain text.
func mrkdwnText(resp *chat.Response) string {
	parts := []string{resp.Text}
	for _, b := range resp.Blocks {
		switch b := b.(type) {
		case chat.Section:
			parts = append(parts, b.Text)
			parts = append(parts, b.Fields...)
		case chat.Context:
			parts = append(parts, b.Elements...)
		}
	}
	return strings.Join(parts, "\n")
}

func TestHelp(t *testing.T) {
	env := newTestEnv(t)
	t.Run("AllCommandsInGreek", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/ir", "help")
		text := allText(resp)
		for _, want := range []string{"/corr", "/partner", "/call", "/mou", "/translate", "/ir",
			"/corr εισ από:", "/corr list", "/partner person", "Παραδείγματα:", `θέμα:"Einladung zum Forum"`} {
			if !strings.Contains(text, want) {
				t.Errorf("help lacks %q:\n%s", want, text)
			}
		}
		if !resp.Ephemeral {
			t.Error("help should be ephemeral")
		}
	})
	t.Run("AllCommandsInEnglish", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/ir", "help"))
		for _, want := range []string{"/corr in from:", "/partner log PARTNER", "Examples:",
			"/call import TOPIC-ID", "/mou oblige AGREEMENT"} {
			if !strings.Contains(text, want) {
				t.Errorf("help lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("BareIR", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/ir", "").Text, env.run(t, i18n.English, "/ir", "help").Text; got != want {
			t.Errorf("/ir alone = %q, want the help", got)
		}
	})
	t.Run("CommandHelp", func(t *testing.T) {
		text := env.run(t, i18n.English, "/corr", "help").Text
		if !strings.Contains(text, "/corr export [period]") || strings.Contains(text, "/partner") {
			t.Errorf("/corr help = %q", text)
		}
		if text := env.run(t, i18n.Greek, "/partner", "βοήθεια").Text; !strings.Contains(text, "/partner add όνομα:") {
			t.Errorf("/partner βοήθεια = %q", text)
		}
	})
	t.Run("NotConfigured", func(t *testing.T) {
		for _, tt := range []struct {
			cmd  string
			lang i18n.Lang
			want string
		}{
			{"/call", i18n.Greek, "Η εντολή /call δεν έχει ρυθμιστεί σε αυτόν τον διακομιστή· ενημερώστε τον διαχειριστή."},
			{"/mou", i18n.English, "/mou is not set up on this server; tell the administrator."},
		} {
			if got := env.run(t, tt.lang, tt.cmd, "list").Text; got != tt.want {
				t.Errorf("%s = %q, want %q", tt.cmd, got, tt.want)
			}
		}
	})
	t.Run("ErrUnknownSubcommandDidYouMean", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "lsit")
		if got, want := resp.Text, "/corr has no “lsit”. Did you mean /corr list?"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if !resp.Ephemeral {
			t.Error("errors should be ephemeral")
		}
		if got, want := env.run(t, i18n.Greek, "/partner", "προβολι").Text, "Μήπως εννοείτε /partner show;"; !strings.Contains(got, want) {
			t.Errorf("got %q, want it to contain %q", got, want)
		}
	})
	t.Run("ErrUnknownSubcommandFar", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/corr", "xyzzyplugh").Text, "/corr has no “xyzzyplugh”. See what it does with /corr help."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestCommands(t *testing.T) {
	h := newOffice(nil, nil)
	var names []string
	for _, c := range h.Commands() {
		names = append(names, c.Name)
		keys := append([]string{c.Usage, c.Description}, c.Examples...)
		for _, s := range c.Subcommands {
			keys = append(keys, s.Usage, s.Description)
			keys = append(keys, s.Examples...)
		}
		for _, k := range keys {
			if !i18n.Has(k) {
				t.Errorf("%s: catalogue lacks %q", c.Name, k)
			}
		}
	}
	if got, want := strings.Join(names, " "), "/corr /partner /call /mou /translate /ir"; got != want {
		t.Errorf("commands = %q, want %q", got, want)
	}
}

func TestPanic(t *testing.T) {
	env := newTestEnv(t)
	env.h.MustRegister(handlers.Module{Commands: []*handlers.Command{{Name: "/boom", Usage: "help.ir.usage", Description: "help.ir.description",
		Handler: func(context.Context, *chat.Request) (*chat.Response, error) { panic("index out of range [3]") }}}})
	resp := env.h.HandleCommand(context.Background(), &chat.Request{ID: "req-77", Team: testTeam, User: "U1", Lang: i18n.English, Command: "/boom"})
	if got, want := resp.Text, "Sorry, the command failed unexpectedly (reference req-77). Nothing was half-saved; please try again."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !resp.Ephemeral {
		t.Error("apology should be ephemeral")
	}
	if logs := env.logs.String(); !strings.Contains(logs, "req-77") || !strings.Contains(logs, "index out of range") {
		t.Errorf("logs lack the request id and the panic:\n%s", logs)
	}
	if got, want := env.lastOutcome(), "/boom panic"; got != want {
		t.Errorf("outcome = %q, want %q", got, want)
	}
	// The handler still works afterwards.
	if got := env.run(t, i18n.English, "/ir", "").Text; !strings.Contains(got, "/corr") {
		t.Errorf("after a panic, /ir = %q", got)
	}
}

// failingRegister is a register whose store fails with a detailed error.
type failingRegister struct {
	proxenos.CorrespondenceService
	err error
}

func (f failingRegister) FindCorrespondence(context.Context, proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	return nil, 0, f.err
}

func TestInternalError(t *testing.T) {
	env := newTestEnv(t)
	detail := errors.New("sqlite: query at /var/lib/proxenos/db: password=hunter2 disk I/O error")
	env.h.Correspondence = failingRegister{env.corr, fmt.Errorf("find: %w", detail)}
	resp := env.run(t, i18n.English, "/corr", "list")
	if got, want := resp.Text, i18n.T(i18n.English, "error.internal"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if strings.Contains(allText(resp), "hunter2") || strings.Contains(allText(resp), "sqlite") {
		t.Errorf("response leaks detail: %q", allText(resp))
	}
	if !strings.Contains(env.logs.String(), "disk I/O error") {
		t.Errorf("logs lack the detail:\n%s", env.logs.String())
	}
	if got, want := env.lastOutcome(), "/corr error"; got != want {
		t.Errorf("outcome = %q, want %q", got, want)
	}
	t.Run("Unavailable", func(t *testing.T) {
		env.h.Correspondence = failingRegister{env.corr, proxenos.Errorf(proxenos.EUNAVAILABLE, "storage.sqlite.cannot_open", "/secret/path", "locked")}
		if got, want := env.run(t, i18n.Greek, "/corr", "list").Text, i18n.T(i18n.Greek, "error.unavailable"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	// A store that lost the answer to a write says so, and the user is
	// told to check before entering it again.
	t.Run("Unconfirmed", func(t *testing.T) {
		env.h.Correspondence = failingRegister{env.corr, proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable_unconfirmed")}
		if got, want := env.run(t, i18n.Greek, "/corr", "list").Text, i18n.T(i18n.Greek, "error.unavailable_unconfirmed"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestAccess(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:"Secret forum"`)
	env.h.Access = handlers.Access{
		Users:  []string{"U1"},
		Groups: []string{"S-IR"},
		Members: func(_ context.Context, group string) ([]string, error) {
			if group == "S-IR" {
				return []string{"U3"}, nil
			}
			return nil, nil
		},
	}
	unauthorized := i18n.T(i18n.English, "error.unauthorized")
	for _, tt := range []struct {
		name, user, cmd, text string
		allowed               bool
	}{
		{"OK", "U1", "/corr", "list", true},
		{"OKGroupMember", "U3", "/corr", "show 1/2026", true},
		{"ErrUnauthorizedList", "U2", "/corr", "list", false},
		{"ErrUnauthorizedShow", "U2", "/corr", "show 1/2026", false},
		{"ErrUnauthorizedModal", "U2", "/corr", "", false},
		{"OKCommandHelpIsOpen", "U2", "/corr", "help", true},
		{"ErrUnauthorizedPartner", "U2", "/partner", "list", false},
		{"ErrUnauthorizedNoUser", "", "/corr", "list", false},
		{"OKHelpIsOpen", "U2", "/ir", "help", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.runAs(t, tt.user, i18n.English, tt.cmd, tt.text)
			if refused := resp.Text == unauthorized; refused == tt.allowed {
				t.Fatalf("%s %s by %q: got %q", tt.cmd, tt.text, tt.user, resp.Text)
			}
			if !tt.allowed && (strings.Contains(allText(resp), "Secret") || resp.Modal != nil) {
				t.Errorf("refusal reveals data: %+v", resp)
			}
		})
	}
	t.Run("ErrUnauthorizedSubmission", func(t *testing.T) {
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U2", Lang: i18n.English,
			CallbackID: corr.ModalCallback, Values: map[string]string{"direction": "in", "subject": "x", "counterpart": "y", "date": "2026-11-20"}})
		if fe != nil || resp == nil || resp.Text != unauthorized {
			t.Fatalf("got %+v, %v", resp, fe)
		}
	})
	t.Run("ErrUnauthorizedAction", func(t *testing.T) {
		resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U2", Lang: i18n.English, ActionID: corr.ActionCorrShow, Value: "1/2026"})
		if resp.Text != unauthorized {
			t.Fatalf("got %q", resp.Text)
		}
	})
	t.Run("ErrMembersFails", func(t *testing.T) {
		env.h.Access.Members = func(context.Context, string) ([]string, error) {
			return nil, errors.New("usergroups.users.list: ratelimited")
		}
		if got, want := env.runAs(t, "U4", i18n.English, "/corr", "list").Text, i18n.T(i18n.English, "error.internal"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestObserve(t *testing.T) {
	env := newTestEnv(t)
	for _, tt := range []struct{ text, want string }{
		{`in from:X subject:Y`, "/corr ok"},
		{`in from:X`, "/corr invalid"},
		{`show 99/2026`, "/corr not_found"},
	} {
		env.run(t, i18n.English, "/corr", tt.text)
		if got := env.lastOutcome(); got != tt.want {
			t.Errorf("%s: outcome %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMentionEscaping(t *testing.T) {
	env := newTestEnv(t)
	hostile := "<!channel> ping <@U999> & <https://evil.example|click>"
	for _, tt := range []struct {
		name, cmd, text string
	}{
		{"Created", "/corr", `in from:"<!here>" subject:"` + hostile + `"`},
		{"List", "/corr", "list"},
		{"Search", "/corr", "search ping"},
		{"Show", "/corr", "show 1/2026"},
		{"PartnerCreated", "/partner", `add name:"<!everyone> Köln" alt:"<@U777>"`},
		{"PartnerShow", "/partner", "show everyone Köln"},
		{"PartnerNotFound", "/partner", "show <!subteam^S1>"},
		{"InvalidMedium", "/corr", `in from:x subject:y medium:<!channel>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := mrkdwnText(env.run(t, i18n.English, tt.cmd, tt.text))
			for _, bad := range []string{"<!", "<@U999", "<@U777", "<https"} {
				if strings.Contains(text, bad) {
					t.Errorf("answer contains %q unescaped:\n%s", bad, text)
				}
			}
			if !strings.Contains(text, "&lt;") {
				t.Errorf("answer does not echo the input escaped:\n%s", text)
			}
		})
	}
}
