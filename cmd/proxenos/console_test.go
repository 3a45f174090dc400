package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chzyer/readline"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// fakeDispatcher answers from canned responses and records what it got.
type fakeDispatcher struct {
	commands    map[string]*chat.Response // by "/cmd text"
	before      func(req *chat.Request)   // runs before the answer, e.g. to reply early
	submit      func(n int, sub *chat.Submission) (*chat.Response, chat.FieldErrors)
	action      *chat.Response
	requests    []chat.Request
	submissions []chat.Submission
	actions     []chat.Action
}

func (f *fakeDispatcher) HandleCommand(_ context.Context, req *chat.Request) *chat.Response {
	f.requests = append(f.requests, *req)
	if f.before != nil {
		f.before(req)
	}
	if resp, ok := f.commands[strings.TrimSpace(req.Command+" "+req.Text)]; ok {
		return resp
	}
	return &chat.Response{Text: "unknown"}
}

func (f *fakeDispatcher) HandleSubmission(_ context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
	cp := *sub
	cp.Values = map[string]string{}
	for k, v := range sub.Values {
		cp.Values[k] = v
	}
	f.submissions = append(f.submissions, cp)
	return f.submit(len(f.submissions), sub)
}

func (f *fakeDispatcher) HandleAction(_ context.Context, act *chat.Action) *chat.Response {
	f.actions = append(f.actions, *act)
	return f.action
}

// runConsole runs a Console over the input lines and returns its output.
func runConsole(t *testing.T, d *fakeDispatcher, outDir string, input ...string) string {
	t.Helper()
	var out strings.Builder
	c := &Console{
		Dispatcher: d,
		Lines:      newPlainReader(strings.NewReader(strings.Join(input, "\n")+"\n"), &out, t.Context().Done()),
		Out:        &out,
		Lang:       i18n.English,
		Team:       proxenos.ConsoleTeam,
		User:       "maria",
		OutDir:     outDir,
	}
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// wantInOrder fails unless every want appears in got, in order.
func wantInOrder(t *testing.T, got string, wants ...string) {
	t.Helper()
	rest := got
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks %q (in order); output:\n%s", w, got)
		}
		rest = rest[i+len(w):]
	}
}

// TestConsole_Render checks how an answer reads in a terminal, and that
// !N presses the Nth button of the last answer.
func TestConsole_Render(t *testing.T) {
	d := &fakeDispatcher{commands: map[string]*chat.Response{
		"/corr show 1/2026": {Text: "fallback", Blocks: []chat.Block{
			chat.Header{Text: "ΕΙΣ 1/2026"},
			chat.Section{Text: "*Einladung* from <https://koeln.de|Stadt Köln> &amp; <@U123>", Fields: []string{"*Date*\n20 Nov 2026", "*Lang*\nde"}},
			chat.Divider{},
			chat.Context{Elements: []string{"logged by <@U1>", "today"}},
			chat.Actions{Buttons: []chat.Button{
				{Text: "Done", ActionID: "corr_done", Value: "1/2026"},
				{Text: "Open", URL: "https://example.org/x"},
				{Text: "Edit", ActionID: "corr_edit", Value: "1/2026"},
			}},
		}},
	}, action: &chat.Response{Text: "Marked done"}}
	got := runConsole(t, d, t.TempDir(), "/corr show 1/2026", "!2", "!9", "!x", "exit", "/corr never")
	wantInOrder(t, got,
		"proxenos> /corr show 1/2026\n",
		"ΕΙΣ 1/2026\n══════════\n",
		"*Einladung* from Stadt Köln (https://koeln.de) & @U123\n",
		"  • *Date*\n    20 Nov 2026\n  • *Lang*\n    de\n",
		"─────",
		"  ┊ logged by @U1 · today\n",
		"[Done] !1\n[Open] https://example.org/x\n[Edit] !2\n",
		"Marked done\n",
		i18n.T(i18n.English, "console.button.unknown", "9", 2),
		i18n.T(i18n.English, "console.button.unknown", "x", 2),
	)
	if strings.Contains(got, "fallback") {
		t.Errorf("the fallback text is shown although blocks are:\n%s", got)
	}
	if got, want := len(d.requests), 1; got != want {
		t.Fatalf("got %d commands run, want %d (nothing after exit)", got, want)
	}
	req := d.requests[0]
	if req.Team != proxenos.ConsoleTeam || req.User != "maria" || req.Command != "/corr" || req.Text != "show 1/2026" || req.Lang != i18n.English || req.ID == "" {
		t.Errorf("got request %+v", req)
	}
	if got, want := len(d.actions), 1; got != want {
		t.Fatalf("got %d actions, want %d", got, want)
	}
	if act := d.actions[0]; act.ActionID != "corr_edit" || act.Value != "1/2026" || act.User != "maria" {
		t.Errorf("got action %+v, want corr_edit 1/2026 by maria", act)
	}
}

// TestConsole_NotCommand checks the hint for a line without a slash.
func TestConsole_NotCommand(t *testing.T) {
	got := runConsole(t, &fakeDispatcher{}, t.TempDir(), "corr list", "")
	wantInOrder(t, got, i18n.T(i18n.English, "console.not_command"))
}

// TestConsole_Modal fills a form: required fields are asked again, a
// select takes a number, Enter keeps the initial value, - empties, and
// only the fields the handler refused are asked after a submission.
func TestConsole_Modal(t *testing.T) {
	modal := &chat.Modal{CallbackID: "corr_new", Title: "New entry", Metadata: "meta", Inputs: []chat.Input{
		{ID: "subject", Label: "Subject", Hint: "What it is about"},
		{ID: "kind", Label: "Kind", Kind: chat.SelectInput, Initial: "in", Options: []chat.Option{{Value: "in", Label: "Incoming"}, {Value: "out", Label: "Outgoing"}}},
		{ID: "notes", Label: "Notes", Initial: "first", Optional: true},
		{ID: "tags", Label: "Tags", Initial: "x", Optional: true},
	}}
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{"/corr new": {Text: "Fill in", Modal: modal}},
		submit: func(n int, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			if n == 1 {
				return nil, chat.FieldErrors{"subject": "Subject is too short."}
			}
			return &chat.Response{Text: "Saved 1/2026"}, nil
		},
	}
	got := runConsole(t, d, t.TempDir(),
		"/corr new",
		"",                    // subject is required: asked again
		"Hi",                  // subject
		"9",                   // not an option: asked again
		"2",                   // kind by number
		"",                    // notes: keep "first"
		"-",                   // tags: emptied
		"Einladung zum Forum", // subject again, after the field error
	)
	wantInOrder(t, got,
		"New entry\n",
		"Subject\n  What it is about\n",
		i18n.T(i18n.English, "console.modal.required"),
		"Kind\n  1) Incoming\n  2) Outgoing\n  "+i18n.T(i18n.English, "console.modal.current", "Incoming")+"\n",
		i18n.T(i18n.English, "console.modal.choose", 2),
		"Notes "+i18n.T(i18n.English, "console.modal.optional")+"\n  "+i18n.T(i18n.English, "console.modal.current", "first"),
		"Subject: Subject is too short.\n",
		"Subject\n",
		"Saved 1/2026\n",
	)
	if got, want := len(d.submissions), 2; got != want {
		t.Fatalf("got %d submissions, want %d", got, want)
	}
	for i, want := range []map[string]string{
		{"subject": "Hi", "kind": "out", "notes": "first", "tags": ""},
		{"subject": "Einladung zum Forum", "kind": "out", "notes": "first", "tags": ""},
	} {
		sub := d.submissions[i]
		if !reflect.DeepEqual(sub.Values, want) {
			t.Errorf("submission %d: got %v, want %v", i+1, sub.Values, want)
		}
		if sub.CallbackID != "corr_new" || sub.Metadata != "meta" || sub.User != "maria" {
			t.Errorf("submission %d: got %+v", i+1, sub)
		}
	}
}

// TestConsole_ModalCancelled checks that /cancel and the end of input
// submit nothing.
func TestConsole_ModalCancelled(t *testing.T) {
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{"/corr new": {Modal: &chat.Modal{Title: "New", Inputs: []chat.Input{{ID: "s", Label: "Subject"}}}}},
		submit: func(int, *chat.Submission) (*chat.Response, chat.FieldErrors) {
			return &chat.Response{Text: "Saved"}, nil
		},
	}
	got := runConsole(t, d, t.TempDir(), "/corr new", "/cancel", "/corr new") // the second ends with the input
	if n := len(d.submissions); n != 0 {
		t.Fatalf("got %d submissions, want none", n)
	}
	wantInOrder(t, got, i18n.T(i18n.English, "console.modal.cancelled"), i18n.T(i18n.English, "console.modal.cancelled"))
}

// A command typed into a form leaves the form unsaved and runs.
func TestConsole_CommandLeavesModal(t *testing.T) {
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{
			"/corr new":  {Modal: &chat.Modal{Title: "New", Inputs: []chat.Input{{ID: "s", Label: "Subject"}}}},
			"/corr list": {Text: "the list"},
		},
		submit: func(int, *chat.Submission) (*chat.Response, chat.FieldErrors) {
			return &chat.Response{Text: "Saved"}, nil
		},
	}
	got := runConsole(t, d, t.TempDir(), "/corr new", "/corr list")
	if n := len(d.submissions); n != 0 {
		t.Fatalf("got %d submissions, want none", n)
	}
	wantInOrder(t, got, i18n.T(i18n.English, "console.modal.cancelled"), "the list")
	// A value that starts with a slash is a value.
	got = runConsole(t, d, t.TempDir(), "/corr new", "/tmp/report.pdf")
	if len(d.submissions) != 1 || d.submissions[0].Values["s"] != "/tmp/report.pdf" {
		t.Fatalf("submissions = %+v, want one with s = /tmp/report.pdf", d.submissions)
	}
	wantInOrder(t, got, "Saved")
}

// TestConsole_Files checks that exports land in the output directory,
// never outside it, and never over an earlier file.
func TestConsole_Files(t *testing.T) {
	dir := t.TempDir()
	d := &fakeDispatcher{commands: map[string]*chat.Response{
		"/corr export": {Text: "Export", Files: []chat.Upload{{Name: "../../etc/corr.csv", Content: []byte("a,b\n")}}},
	}}
	got := runConsole(t, d, dir, "/corr export", "/corr export")
	first, second := filepath.Join(dir, "corr.csv"), filepath.Join(dir, "corr-2.csv")
	wantInOrder(t, got,
		i18n.T(i18n.English, "console.file_written", first),
		i18n.T(i18n.English, "console.file_written", second))
	for _, path := range []string{first, second} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(data), "a,b\n"; got != want {
			t.Errorf("%s: got %q, want %q", path, got, want)
		}
		// Exports hold personal data: readable by their owner only.
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", path, info.Mode().Perm(), err)
		}
	}
}

// TestUnescape checks the translation of Slack mrkdwn escapes to text.
func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"<https://a.eu|A &amp; B>":  "A & B (https://a.eu)",
		"<https://a.eu>":            "https://a.eu",
		"<@U1> and <!here>":         "@U1 and @here",
		"<#C1|office>":              "#office",
		"1 &lt; 2 &gt; 0":           "1 < 2 > 0",
		"*bold* _it_ no links here": "*bold* _it_ no links here",
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConsole_Interrupted checks that a signal (a cancelled context) ends
// the console although its input stays open and silent.
func TestConsole_Interrupted(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	var out strings.Builder
	c := &Console{Dispatcher: &fakeDispatcher{}, Lines: newPlainReader(pr, &out, ctx.Done()), Out: &out, Lang: i18n.Greek}
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("got %v, want nil", err)
	}
}

// TestConsole_Replier checks that a slow handler's early reply and its
// progress updates are printed as they come, before the final answer.
func TestConsole_Replier(t *testing.T) {
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{"/translate long": {Text: "Translation done"}},
		before: func(req *chat.Request) {
			id, err := req.Replier.Reply(t.Context(), &chat.Response{Text: "Translating… 0/2"})
			if err != nil {
				t.Fatal(err)
			}
			if err := req.Replier.Update(t.Context(), id, &chat.Response{Text: "Translating… 2/2"}); err != nil {
				t.Fatal(err)
			}
		},
	}
	got := runConsole(t, d, t.TempDir(), "/translate long")
	wantInOrder(t, got, "Translating… 0/2\n", "Translating… 2/2\n", "Translation done\n")
}

// An export from the console names its user, not the user id the
// registers keep, and a Greek reader gets cells separated by ";".
func TestConsole_ExportNamesUser(t *testing.T) {
	dir := t.TempDir()
	input := strings.Join([]string{
		`/corr in from:"Stadt Köln" subject:"Einladung zum Forum" date:20/11/2026`,
		"/corr export",
	}, "\n")
	m, _, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "el",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "correspondence.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || len(rows[1]) != 16 {
		t.Fatalf("rows = %q", rows)
	}
	if got, want := rows[0][14]+"="+rows[1][14], "Καταχωρήθηκε από=maria"; got != want {
		t.Errorf("logged by: got %q, want %q", got, want)
	}
}

// scriptReader types lines at the console's prompts. Before line i it
// runs before(i, prompt), as a reminder may fire while the console waits;
// what is written above the prompt is marked [above].
type scriptReader struct {
	lines  []string
	before func(i int, prompt string)
	out    io.Writer
	n      int
}

func (s *scriptReader) ReadLine(prompt string) (string, error) {
	if s.n == len(s.lines) {
		return "", io.EOF
	}
	if s.before != nil {
		s.before(s.n, prompt)
	}
	line := s.lines[s.n]
	s.n++
	fmt.Fprintln(s.out, prompt+line)
	return line, nil
}

func (s *scriptReader) WriteAbove(text []byte) { fmt.Fprintf(s.out, "[above]%s", text) }

func (s *scriptReader) Close() error { return nil }

// scriptedConsole returns a console over d that reads lines from a
// scriptReader, and its output.
func scriptedConsole(d *fakeDispatcher, lines ...string) (*Console, *scriptReader, *strings.Builder) {
	out := &strings.Builder{}
	r := &scriptReader{lines: lines, out: out}
	return &Console{Dispatcher: d, Lines: r, Out: out, Lang: i18n.English, Team: proxenos.ConsoleTeam, User: "maria"}, r, out
}

// reminderPost is a reminder as the scheduler posts it, with its buttons.
func reminderPost(id string) *chat.Response {
	return &chat.Response{Text: "Reminder " + id, Blocks: []chat.Block{
		chat.Section{Text: "Reminder " + id},
		chat.Actions{Buttons: []chat.Button{
			{Text: "Done", ActionID: "reminder_done", Value: id},
			{Text: "Snooze", ActionID: "reminder_snooze", Value: id},
		}},
	}}
}

// A reminder that fires while the console waits at its prompt is
// written above the prompt; one that fires while a form is open or a
// command runs waits until the form or the answer is done, then comes
// before the next prompt.
func TestConsole_BackgroundMessages(t *testing.T) {
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{
			"/corr new":  {Modal: &chat.Modal{Title: "New entry", Inputs: []chat.Input{{ID: "s", Label: "Subject"}}}},
			"/corr list": {Text: "the list"},
		},
		submit: func(int, *chat.Submission) (*chat.Response, chat.FieldErrors) {
			return &chat.Response{Text: "Saved 1/2026"}, nil
		},
	}
	c, r, out := scriptedConsole(d, "/corr new", "Einladung", "/corr list", "exit")
	r.before = func(i int, prompt string) {
		switch i {
		case 0:
			c.Post(t.Context(), consoleChannel, &chat.Response{Text: "Office digest"})
		case 1: // in the form
			c.Post(t.Context(), consoleChannel, reminderPost("CALL-1"))
		}
	}
	d.before = func(req *chat.Request) {
		if req.Text == "list" { // between the command and its answer
			c.Post(t.Context(), consoleChannel, reminderPost("CALL-2"))
		}
	}
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	wantInOrder(t, got,
		"[above]Office digest\n",
		"proxenos> /corr new\n", "New entry\n", "Subject\n", "  > Einladung\n", "Saved 1/2026\n",
		"Reminder CALL-1\n[Done] !1\n[Snooze] !2\n",
		"proxenos> /corr list\n", "the list\n",
		"Reminder CALL-2\n[Done] !3\n[Snooze] !4\n",
		"proxenos> exit\n",
	)
	if n := strings.Count(got, "[above]"); n != 1 {
		t.Errorf("%d messages written above the prompt, want the digest only:\n%s", n, got)
	}
}

// Every reminder keeps its own buttons: their numbers run on across
// messages, so that !1 still presses the first reminder's Done after a
// second reminder came.
func TestConsole_ReminderButtonsKeepNumbers(t *testing.T) {
	d := &fakeDispatcher{}
	c, r, out := scriptedConsole(d, "!1", "!3", "!4", "!5")
	r.before = func(i int, prompt string) {
		if i == 0 {
			c.Post(t.Context(), consoleChannel, reminderPost("CALL-1"))
			c.Post(t.Context(), consoleChannel, reminderPost("CALL-2"))
		}
	}
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(),
		i18n.T(i18n.English, "console.help.buttons"),
		"Reminder CALL-1\n[Done] !1\n[Snooze] !2\n", "Reminder CALL-2\n[Done] !3\n[Snooze] !4\n",
		i18n.T(i18n.English, "console.button.unknown", "5", 4))
	var pressed []string
	for _, a := range d.actions {
		pressed = append(pressed, a.ActionID+" "+a.Value)
	}
	if want := []string{"reminder_done CALL-1", "reminder_done CALL-2", "reminder_snooze CALL-2"}; !reflect.DeepEqual(pressed, want) {
		t.Errorf("pressed %q, want %q", pressed, want)
	}
}

// A press before any button was shown says so.
func TestConsole_NoButtonYet(t *testing.T) {
	got := runConsole(t, &fakeDispatcher{}, t.TempDir(), "!1")
	wantInOrder(t, got, i18n.T(i18n.English, "console.button.none", "1"))
}

// On a terminal, a message written while the user types goes above the
// prompt, and the prompt is drawn again with what was typed so far;
// the line then reads as typed.
func TestTermReader_WriteAbove(t *testing.T) {
	stdin, typing := io.Pipe()
	out := &syncBuffer{}
	r, err := openTermReader(&readline.Config{
		Stdin: stdin, Stdout: out, Stderr: out,
		FuncIsTerminal: func() bool { return true }, FuncMakeRaw: func() error { return nil },
		FuncExitRaw: func() error { return nil }, FuncGetWidth: func() int { return 80 },
		FuncOnWidthChanged: func(func()) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer typing.Close()
	lines := make(chan string, 1)
	go func() {
		line, _ := r.ReadLine("proxenos> ")
		lines <- line
	}()
	if _, err := io.WriteString(typing, "/corr li"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, out, "proxenos> /corr li")
	// The prompt is drawn again before WriteAbove returns.
	r.WriteAbove([]byte("Office digest\n"))
	screen := out.String()
	if i := strings.Index(screen, "Office digest\n"); i < 0 || !strings.Contains(screen[i:], "proxenos> /corr li") {
		t.Errorf("the prompt and the typed text are not drawn again below the message:\n%q", screen)
	}
	if _, err := io.WriteString(typing, "st\r"); err != nil {
		t.Fatal(err)
	}
	if got := <-lines; got != "/corr list" {
		t.Errorf("read %q, want /corr list", got)
	}
}

// waitFor waits until out holds want; it fails after a generous while.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("output lacks %q:\n%q", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestShownValue checks that a form shows a date as the console asks for
// it (dd/mm/yyyy), never as the date picker keeps it.
func TestShownValue(t *testing.T) {
	for _, tt := range []struct {
		in      chat.Input
		current string
		want    string
	}{
		{chat.Input{Kind: chat.DateInput}, "2026-12-07", "07/12/2026"},
		{chat.Input{Options: []chat.Option{{Value: "in", Label: "Εισερχόμενο"}}}, "in", "Εισερχόμενο"},
		{chat.Input{}, "2026-12-07", "2026-12-07"}, // a text, as typed
	} {
		if got := shownValue(tt.in, tt.current); got != tt.want {
			t.Errorf("shownValue(%+v, %q) = %q, want %q", tt.in, tt.current, got, tt.want)
		}
	}
}

// TestConsole_MentionsOwnUser checks that "@name" of the console's user
// reaches the handlers as a mention of their id, as Slack sends a typed
// @maria, so that owner:@maria works in the console; addresses and other
// names stay as typed.
func TestConsole_MentionsOwnUser(t *testing.T) {
	d := &fakeDispatcher{}
	var out strings.Builder
	c := &Console{
		Dispatcher: d, Out: &out, Lang: i18n.English, Team: proxenos.ConsoleTeam, User: "UMARIA", Name: "maria",
		Lines: newPlainReader(strings.NewReader("/mou change Faenza owner:@maria notes:\"@Maria, m.rossi@maria.it, @mariana, @maria.k\"\n"), &out, t.Context().Done()),
	}
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(d.requests) != 1 {
		t.Fatalf("got %d requests", len(d.requests))
	}
	if got, want := d.requests[0].Text, `change Faenza owner:<@UMARIA|maria> notes:"<@UMARIA|maria>, m.rossi@maria.it, @mariana, @maria.k"`; got != want {
		t.Errorf("got text %q, want %q", got, want)
	}
}

// TestConsole_FromFile logs an e-mail from the server's disk: the form
// comes prefilled (Enter keeps every field), the entry is logged, and the
// same e-mail given again is refused with the first entry's number. A
// path may be quoted; a missing file and a folder are told apart, in
// Greek.
func TestConsole_FromFile(t *testing.T) {
	dir := t.TempDir()
	eml := filepath.Join(dir, "nicosia 2026.eml")
	data, err := os.ReadFile("testdata/nicosia-8859-7.eml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(eml, data, 0o600); err != nil {
		t.Fatal(err)
	}
	keep := strings.Repeat("\n", 13) // Enter at each of the form's fields
	input := "/corr from-file \"" + eml + "\"\n" + keep + "/corr show 1/2026\n/corr from-file " + eml + "\n" + keep +
		"/corr from-file /dev/zero\n/corr from-file\n/corr from-file " + dir + "/nope.eml\n/corr από-αρχείο «" + dir + "»\n"
	m, stdout, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "el",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, stdout.String(),
		"Κοινή υποβολή πρότασης στο πρόγραμμα CERV",
		"1/2026",
		"Δήμος Λευκωσίας",
		"Αρ. πρωτ. αποστολέα",
		"7781/2026",
		i18n.T(i18n.Greek, "corr.already_logged", "1/2026"),
		i18n.T(i18n.Greek, "corr.already_logged", "1/2026"),
		"/dev/zero",
		"Γράψτε τη διαδρομή του αρχείου",
		i18n.T(i18n.Greek, "corr.from_file.not_found", dir+"/nope.eml"),
		i18n.T(i18n.Greek, "corr.from_file.not_regular", dir),
	)
	if out := stdout.String(); strings.Contains(out, "no such file") || strings.Contains(out, "regular file") {
		t.Errorf("English system words shown to a Greek user:\n%s", out)
	}
}

// The settings form's pickers are typed in the console: a channel id
// and user ids joined by commas, each with a hint of its form.
func TestConsole_PickersTyped(t *testing.T) {
	var got *chat.Submission
	d := &fakeDispatcher{
		commands: map[string]*chat.Response{"/ir setup": {Modal: &chat.Modal{Title: "Settings", Inputs: []chat.Input{
			{ID: "channel", Label: "Office channel", Kind: chat.ChannelInput},
			{ID: "admins", Label: "Admins", Kind: chat.UsersInput, Optional: true, Initial: "U0MARIA"},
		}}}},
		submit: func(_ int, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			got = sub
			return &chat.Response{Text: "Saved"}, nil
		},
	}
	c, _, out := scriptedConsole(d, "/ir setup", "C0OFFICE", "U0MARIA, U0NIKOS", "exit")
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	wantInOrder(t, out.String(), i18n.T(i18n.English, "console.modal.channel"), i18n.T(i18n.English, "console.modal.users"), "Saved")
	if got == nil || got.Values["channel"] != "C0OFFICE" || got.Values["admins"] != "U0MARIA, U0NIKOS" {
		t.Fatalf("submitted %+v", got)
	}
}
