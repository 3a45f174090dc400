package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chzyer/readline"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// errInterrupted is returned by a lineReader when the user pressed Ctrl-C.
var errInterrupted = errors.New("interrupted")

// lineReader reads one line after showing a prompt. io.EOF ends input.
type lineReader interface {
	ReadLine(prompt string) (string, error)
	// WriteAbove writes text while ReadLine waits: above the prompt,
	// which it shows again below, with what has been typed so far.
	WriteAbove(text []byte)
	Close() error
}

// plainReader reads lines from a pipe or file. It echoes each line after
// its prompt, so that the output of a script reads as a transcript. Lines
// are read ahead by a goroutine, so that ReadLine returns io.EOF as soon as
// done is closed (on SIGINT) even while the pipe stays silent.
type plainReader struct {
	lines <-chan string
	err   *error // the scanner's error, valid once lines is closed
	done  <-chan struct{}
	out   io.Writer
	mu    sync.Mutex // one write to out at a time: an echo, or a message
}

// newPlainReader reads lines from in, echoing them to out, until in ends or
// done is closed.
func newPlainReader(in io.Reader, out io.Writer, done <-chan struct{}) *plainReader {
	lines := make(chan string)
	var scanErr error
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		// A pasted letter can be one long line: up to 1 MiB, not bufio's 64 KiB.
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- strings.TrimRight(sc.Text(), "\r"):
			case <-done:
				return
			}
		}
		scanErr = sc.Err()
	}()
	return &plainReader{lines: lines, err: &scanErr, done: done, out: out}
}

// ReadLine implements lineReader.
func (p *plainReader) ReadLine(prompt string) (string, error) {
	select {
	case line, ok := <-p.lines:
		if !ok {
			if *p.err != nil {
				return "", *p.err
			}
			return "", io.EOF
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprintln(p.out, prompt+line)
		return line, nil
	case <-p.done:
		return "", io.EOF
	}
}

// WriteAbove implements lineReader. The prompt is written with the line
// it echoes, so that text written while waiting is already above it.
func (p *plainReader) WriteAbove(text []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.out.Write(text)
}

// Close implements lineReader.
func (p *plainReader) Close() error { return nil }

// termReader edits lines on a terminal, with history.
type termReader struct{ rl *readline.Instance }

// newTermReader opens readline on the terminal; history is kept in
// historyFile when it is not "".
func newTermReader(stdin *os.File, out io.Writer, historyFile string) (*termReader, error) {
	return openTermReader(&readline.Config{
		Stdin:           stdin,
		Stdout:          out,
		HistoryFile:     historyFile,
		InterruptPrompt: "^C",
		EOFPrompt:       "",
	})
}

// openTermReader opens readline with cfg.
func openTermReader(cfg *readline.Config) (*termReader, error) {
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, err
	}
	return &termReader{rl: rl}, nil
}

// ReadLine implements lineReader.
func (t *termReader) ReadLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	line, err := t.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", errInterrupted
	}
	return line, err
}

// WriteAbove implements lineReader: readline's own writer clears the
// prompt and the line being typed, writes, and draws them again.
func (t *termReader) WriteAbove(text []byte) {
	t.rl.Stdout().Write(text)
}

// Close implements lineReader.
func (t *termReader) Close() error { return t.rl.Close() }

// Console runs slash commands typed at a prompt through the handlers and
// prints the answers as text: the bot without Slack.
type Console struct {
	// Dispatcher answers commands, forms and buttons as it does for the bot.
	Dispatcher bot.Dispatcher
	Lines      lineReader
	Out        io.Writer
	Lang       i18n.Lang // unless the user chose one with /ir lang

	// Preferences, when set, holds the language chosen with /ir lang.
	Preferences proxenos.PreferenceService

	// Who is asking: the console workspace and the OS user, in place of
	// the Slack ids a request from Slack carries. User is Slack-shaped
	// (see consoleUserID), as the registers keep user ids; Name is how
	// mentions of User are shown.
	Team string
	User string
	Name string

	OutDir string // where files are written; "" is the current directory

	// r renders answers and numbers their buttons; mu keeps answers,
	// progress and reminders from printing over each other. A reminder
	// or digest is printed at once only while the console waits at its
	// prompt; one that comes while a command runs or a form is open is
	// held and printed after, so that it never lands inside either.
	r       renderer
	mu      sync.Mutex
	waiting bool
	held    []*chat.Response

	lang    i18n.Lang      // the language of the line being answered
	pending string         // a command typed into a form, run once it is left
	mention *regexp.Regexp // "@name" of the console's user, made once
}

// Post prints a reminder or digest as it fires, above the prompt, or
// holds it until the command or form at hand is done; it implements
// scheduler.Poster. Its buttons can be pressed with the numbers shown.
func (c *Console) Post(_ context.Context, _ string, resp *chat.Response) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.waiting {
		c.held = append(c.held, resp)
		return newRequestID(), nil
	}
	// One write, so that the prompt is drawn again once, below it all.
	var buf bytes.Buffer
	c.renderTo(&buf, resp)
	c.Lines.WriteAbove(buf.Bytes())
	return newRequestID(), nil
}

// UserName names the console's own user, who logged every entry made
// here, so that exports show the name; other users are not known. It
// implements handlers.People.
func (c *Console) UserName(_ context.Context, _, user string) (string, bool) {
	return c.Name, user == c.User && c.Name != ""
}

// WorkspaceAdmin is false: the console serves one workspace, whose
// settings are the process's.
func (c *Console) WorkspaceAdmin(context.Context, string, string) bool { return false }

// render prints resp, one answer at a time.
func (c *Console) render(resp *chat.Response) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.renderTo(c.Out, resp)
}

// renderTo writes resp to w; c.mu is held.
func (c *Console) renderTo(w io.Writer, resp *chat.Response) {
	c.r.w = w
	if c.r.people == nil && c.Name != "" {
		c.r.people = strings.NewReplacer("<@"+c.User+">", "@"+c.Name)
	}
	c.r.Render(resp)
}

// Run reads and runs commands until input ends or the user types exit.
func (c *Console) Run(ctx context.Context) error {
	c.lang = c.userLang(ctx)
	fmt.Fprintln(c.Out, c.t("console.welcome"))
	fmt.Fprintln(c.Out, c.t("console.help.buttons"))
	for ctx.Err() == nil {
		line, err := c.next()
		// Read again for every line: /ir lang takes effect at the next prompt.
		c.lang = c.userLang(ctx)
		switch {
		case errors.Is(err, errInterrupted):
			continue
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
		line = strings.TrimSpace(line)
		// A line is a slash command, a button press (!N), exit, or a
		// mistake worth a hint; blank lines are ignored.
		switch {
		case line == "":
		case isExit(line):
			return nil
		case strings.HasPrefix(line, "!"):
			c.press(ctx, strings.TrimPrefix(line, "!"))
		case strings.HasPrefix(line, "/"):
			c.respond(ctx, c.Dispatcher.HandleCommand(ctx, c.command(line)))
		default:
			fmt.Fprintln(c.Out, c.t("console.not_command"))
		}
	}
	return nil
}

// command is the request of a command line typed at the prompt.
func (c *Console) command(line string) *chat.Request {
	cmd, text, _ := strings.Cut(line, " ")
	return &chat.Request{
		ID: newRequestID(), Team: c.Team, User: c.User, Channel: consoleChannel,
		Lang: c.lang, Command: strings.ToLower(cmd), Text: c.mentions(strings.TrimSpace(text)),
		Replier: &consoleReplier{c: c},
	}
}

// mentions turns "@name" of the console's own user into a mention of
// their id, as Slack turns a typed @maria into <@U…|maria>: owner:@maria
// then names her here too. Other names are not users the console knows,
// and an address (maria@…, @maria.k) is not a mention.
func (c *Console) mentions(text string) string {
	if c.Name == "" {
		return text
	}
	if c.mention == nil {
		c.mention = regexp.MustCompile(`(?i)@` + regexp.QuoteMeta(c.Name))
	}
	var b strings.Builder
	last := 0
	for _, m := range c.mention.FindAllStringIndex(text, -1) {
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if m[0] > 0 && inName(before) || m[1] < len(text) && inName(after) {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString("<@" + c.User + "|" + c.Name + ">")
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// inName reports whether r may be part of a user name or an address, so
// that a mention cannot start or end next to it.
func inName(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-@", r)
}

// next returns the command typed into a form that was left, or else the
// next line typed at the prompt, after the reminders held meanwhile.
func (c *Console) next() (string, error) {
	if line := c.pending; line != "" {
		c.pending = ""
		return line, nil
	}
	c.wait(true)
	defer c.wait(false)
	return c.Lines.ReadLine("proxenos> ")
}

// wait says whether the console waits at its prompt; when it starts to,
// the reminders and digests held meanwhile are printed first.
func (c *Console) wait(waiting bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if waiting {
		for _, resp := range c.held {
			c.renderTo(c.Out, resp)
		}
		c.held = nil
	}
	c.waiting = waiting
}

// isCommand reports whether line starts with a slash command ("/corr …"),
// not a value that merely starts with a slash.
func isCommand(line string) bool {
	name, _, _ := strings.Cut(line, " ")
	if len(name) < 2 || name[0] != '/' {
		return false
	}
	for _, r := range name[1:] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// consoleUserID returns the user id the console acts under for the OS
// user name: Slack-shaped ("maria.k" → "UMARIAK"), because owners,
// fulfilments and button presses are Slack user ids in every register.
// A name with no Latin letters or digits becomes UCONSOLE.
func consoleUserID(name string) string {
	id := strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return -1
	}, name)
	if id == "" {
		id = "CONSOLE"
	}
	return "U" + id[:min(len(id), 19)]
}

// consoleChannel is the channel id requests from the console carry.
// It starts with D like Slack's direct-message ids: the console is one
// person's private conversation with the bot.
const consoleChannel = "DCONSOLE"

// isExit reports whether line asks to leave the console.
func isExit(line string) bool {
	switch strings.ToLower(line) {
	case "exit", "quit", "/exit", "/quit", `\q`:
		return true
	}
	return false
}

// press presses the button numbered n: every button shown keeps its
// number for the session, so that each reminder keeps its own.
func (c *Console) press(ctx context.Context, n string) {
	n = strings.TrimSpace(n)
	c.mu.Lock()
	buttons := c.r.buttons
	c.mu.Unlock()
	i, err := strconv.Atoi(n)
	switch {
	case len(buttons) == 0:
		fmt.Fprintln(c.Out, c.t("console.button.none", n))
		return
	case err != nil || i < 1 || i > len(buttons):
		fmt.Fprintln(c.Out, c.t("console.button.unknown", n, len(buttons)))
		return
	}
	b := buttons[i-1]
	c.respond(ctx, c.Dispatcher.HandleAction(ctx, &chat.Action{
		ID: newRequestID(), Team: c.Team, User: c.User, Channel: consoleChannel,
		Lang: c.lang, ActionID: b.ActionID, Value: b.Value, Replier: &consoleReplier{c: c},
	}))
}

// respond shows resp, writes its files and fills in its modal; a modal's
// answer is shown in turn.
func (c *Console) respond(ctx context.Context, resp *chat.Response) {
	// A submission may answer with another modal (a second step), so
	// keep going until an answer has none.
	for resp != nil {
		c.render(resp)
		c.writeFiles(resp.Files)
		if resp.Modal == nil {
			return
		}
		resp = c.fill(ctx, resp.Modal)
	}
}

// writeFiles writes uploads to the output directory and prints their paths.
func (c *Console) writeFiles(files []chat.Upload) {
	for _, f := range files {
		path, err := writeNewFile(c.OutDir, f.Name, f.Content)
		if err != nil {
			fmt.Fprintln(c.Out, c.t("console.file_failed", f.Name, err.Error()))
			continue
		}
		fmt.Fprintln(c.Out, c.t("console.file_written", path))
	}
}

// writeNewFile writes content to dir under the base of name, adding -2,
// -3… before the extension rather than overwrite a file.
func writeNewFile(dir, name string, content []byte) (string, error) {
	// The name comes from a handler, perhaps from user input: keep only
	// its last element, so that "../x" cannot leave the directory.
	base := filepath.Base(filepath.Clean("/" + strings.ReplaceAll(name, `\`, "/")))
	if base == "/" || base == "." || base == "" {
		base = "proxenos-export"
	}
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for i := 1; ; i++ {
		path := filepath.Join(dir, base)
		if i > 1 {
			path = filepath.Join(dir, stem+"-"+strconv.Itoa(i)+ext)
		}
		// O_EXCL: an earlier export is never overwritten. 0600: exports
		// hold personal data, as backups do.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		} else if err != nil {
			return "", err
		}
		if _, err := f.Write(content); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
}

// fill asks for each input of the modal, submits it, and asks again for
// the fields the handler refused. It returns the handler's answer, or nil
// when the user cancelled.
func (c *Console) fill(ctx context.Context, m *chat.Modal) *chat.Response {
	fmt.Fprintf(c.Out, "\n%s\n%s\n", m.Title, c.t("console.modal.intro"))
	for _, note := range m.Notes {
		fmt.Fprintln(c.Out, unescape(note))
	}
	// Values start at the initial ones, as a Slack modal shows them.
	values := map[string]string{}
	for _, in := range m.Inputs {
		values[in.ID] = in.Initial
	}
	ask := m.Inputs
	for {
		for _, in := range ask {
			v, ok := c.ask(in, values[in.ID])
			if !ok {
				fmt.Fprintln(c.Out, c.t("console.modal.cancelled"))
				return nil
			}
			values[in.ID] = v
		}
		resp, ferrs := c.Dispatcher.HandleSubmission(ctx, &chat.Submission{
			ID: newRequestID(), Team: c.Team, User: c.User, Channel: consoleChannel, Lang: c.lang,
			CallbackID: m.CallbackID, Metadata: m.Metadata, Values: values,
		})
		if len(ferrs) == 0 {
			return resp
		}
		// As Slack keeps the modal open with errors under the fields, ask
		// again only for the fields that were refused.
		ask = nil
		for _, in := range m.Inputs {
			if msg, bad := ferrs[in.ID]; bad {
				fmt.Fprintln(c.Out, c.t("console.modal.field_error", in.Label, unescape(msg)))
				ask = append(ask, in)
			}
		}
		// Errors on fields the modal does not show cannot be fixed by
		// asking again: show them and give up.
		if len(ask) == 0 {
			for _, msg := range ferrs {
				fmt.Fprintln(c.Out, unescape(msg))
			}
			return nil
		}
	}
}

// ask prompts for one input, showing its label, hint, choices and current
// value; Enter keeps the current value. It returns false when the user
// cancelled (/cancel, Ctrl-C or end of input).
func (c *Console) ask(in chat.Input, current string) (string, bool) {
	label := in.Label
	if in.Optional {
		label += " " + c.t("console.modal.optional")
	}
	fmt.Fprintln(c.Out, label)
	if in.Hint != "" {
		fmt.Fprintln(c.Out, "  "+unescape(in.Hint))
	}
	switch in.Kind {
	case chat.DateInput:
		fmt.Fprintln(c.Out, "  "+c.t("console.modal.date"))
	case chat.UserInput:
		fmt.Fprintln(c.Out, "  "+c.t("console.modal.user"))
	case chat.ChannelInput:
		fmt.Fprintln(c.Out, "  "+c.t("console.modal.channel"))
	case chat.UsersInput:
		fmt.Fprintln(c.Out, "  "+c.t("console.modal.users"))
	}
	for i, o := range in.Options {
		fmt.Fprintf(c.Out, "  %d) %s\n", i+1, o.Label)
	}
	if current != "" {
		fmt.Fprintln(c.Out, "  "+c.t("console.modal.current", shownValue(in, current)))
	}
	for {
		line, err := c.Lines.ReadLine("  > ")
		if err != nil {
			return "", false
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "/cancel":
			return "", false
		case isCommand(line):
			// A command typed into a form leaves the form, then runs.
			c.pending = line
			return "", false
		case line == "":
			line = current
		case line == "-" && in.Optional:
			return "", true
		}
		// A select takes its number, value or label; the handler gets the value.
		if len(in.Options) > 0 && line != "" {
			v, ok := choose(in.Options, line)
			if !ok {
				fmt.Fprintln(c.Out, "  "+c.t("console.modal.choose", len(in.Options)))
				continue
			}
			line = v
		}
		if line == "" && !in.Optional {
			fmt.Fprintln(c.Out, "  "+c.t("console.modal.required"))
			continue
		}
		return line, true
	}
}

// shownValue writes an input's current value as the user types it: a
// select's choice by its label, a date (ISO, as date pickers keep it) as
// dd/mm/yyyy, the form the console asks for.
func shownValue(in chat.Input, current string) string {
	for _, o := range in.Options {
		if o.Value == current {
			return o.Label
		}
	}
	if d, err := time.Parse(time.DateOnly, current); err == nil && in.Kind == chat.DateInput {
		return d.Format("02/01/2006")
	}
	return current
}

// choose returns the value of the option picked by number, value or label.
func choose(opts []chat.Option, s string) (string, bool) {
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(opts) {
		return opts[n-1].Value, true
	}
	for _, o := range opts {
		if strings.EqualFold(o.Value, s) || strings.EqualFold(o.Label, s) {
			return o.Value, true
		}
	}
	return "", false
}

// consoleReplier prints the early answers and progress updates of a slow
// handler (e.g. "4/12 parts") as they come, where Slack would post and
// edit a message.
type consoleReplier struct {
	c  *Console
	mu sync.Mutex
	n  int
}

// Reply implements chat.Replier.
func (r *consoleReplier) Reply(_ context.Context, resp *chat.Response) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	r.c.render(resp)
	return strconv.Itoa(r.n), nil
}

// Update implements chat.Replier: a terminal cannot edit what it
// printed, so the new version is printed below.
func (r *consoleReplier) Update(_ context.Context, _ string, resp *chat.Response) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.c.render(resp)
	return nil
}

// t renders a catalogue message in the console's language.
func (c *Console) t(key string, args ...any) string { return i18n.T(c.lang, key, args...) }

// userLang returns the language the user chose with /ir lang, or Lang;
// a failed read falls back to Lang, as the bot does.
func (c *Console) userLang(ctx context.Context) i18n.Lang {
	if c.Preferences != nil {
		p, err := c.Preferences.FindPreference(proxenos.NewContextWithTeam(ctx, c.Team), c.User)
		if err == nil && p.Lang != "" {
			return p.Lang
		}
	}
	return c.Lang
}

// newRequestID returns a short random id for logs and apologies.
func newRequestID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	// "c" tells console requests from Slack's in the logs.
	return "c" + hex.EncodeToString(b[:])
}
