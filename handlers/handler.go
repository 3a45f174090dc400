// Package handlers is the kernel every register's module registers with:
// it routes commands, forms, buttons and events, decides access, parses
// arguments and dates, shows help, keeps languages and the Home tab's
// frame, and turns errors into messages. The registers live in its
// subpackages (corr, partner, call, mou, translation, ir, home). It speaks
// the neutral chat types: bot/ renders them as Block Kit and the console
// as text. It never touches a Slack client.
package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Outcomes passed to Handler.Observe.
const (
	OutcomeOK           = "ok"
	OutcomeInvalid      = "invalid"
	OutcomeNotFound     = "not_found"
	OutcomeConflict     = "conflict"
	OutcomeUnauthorized = "unauthorized"
	OutcomeError        = "error"
	OutcomePanic        = "panic"
)

// Middleware wraps a HandlerFunc, e.g. to say that a register is not set
// up. Access is not a middleware: admit decides it for every route.
type Middleware func(next HandlerFunc) HandlerFunc

// Command is one slash command, as a value: its name, the catalogue keys
// of its usage, description and examples, its subcommands, and what runs
// when it is given without a subcommand.
type Command struct {
	Name        string   // "/corr"
	Usage       string   // catalogue key
	Description string   // catalogue key
	Examples    []string // catalogue keys, each one example command line
	Subcommands []Subcommand
	Handler     HandlerFunc // runs for the bare command, or for any text when there are no subcommands
	Middlewares []Middleware
	// Records says that the Home shows the command's records: a
	// subcommand that writes re-publishes the user's Home.
	Records bool
}

// Subcommand is one verb of a command: "/corr in".
type Subcommand struct {
	Name        string
	Aliases     []string // other spellings, e.g. Greek: "εισ"
	Usage       string   // catalogue key
	Description string   // catalogue key
	Examples    []string // catalogue keys
	Handler     HandlerFunc
	// Admin says that in distribution mode the subcommand is for the
	// workspace's settings admins (Handler.SettingsAdmin), whatever its
	// allow-list, so that no list can lock them out.
	Admin bool
}

// Handler is the kernel: it answers every command, form, button and event
// by the modules registered with it (Register), and keeps what they share —
// access, help, languages, each workspace's clock and zone and the Home's
// refresh. Construct it with NewHandler; the optional fields may be set
// before the first request.
type Handler struct {
	// Location is the deployment's zone, default proxenos.OfficeZone(): in
	// distribution mode a workspace's settings may name its own (Zone).
	Location *time.Location
	Now      func() time.Time // default time.Now
	Logger   *slog.Logger     // default slog.Default()
	Access   Access           // who may use the registers; zero value = everyone
	// Observe, when set, is told of every command, its outcome (one of the
	// Outcome constants) and how long it took.
	Observe func(command, outcome string, elapsed time.Duration)

	// Languages and the Home tab (lang.go, home.go): Preferences keeps
	// the choice of /ir lang; Home re-publishes a user's Home after they
	// change the registers; Languages tells /ir lang where a language
	// came from and forgets it on a change; DefaultLang is the
	// configured default (Greek when empty). All optional.
	Preferences proxenos.PreferenceService
	Home        HomePublisher
	Languages   Languages
	DefaultLang i18n.Lang

	// People names users in files read outside Slack (people.go);
	// optional: without it they are shown by id.
	People People

	// Workspaces, in distribution mode, are each workspace's settings
	// (workspace.go): its allow-list and admins replace Access's lists,
	// its language DefaultLang. Nil in single-workspace mode.
	Workspaces *Workspaces

	commands []*Command          // in the order help lists them; the kernel's own last
	own      *Command            // the kernel's own command, /ir
	byName   map[string]*Command // by name
	buttons  map[string]Button   // buttons by action id, shortcuts by callback id
	forms    map[string]Form     // modals by callback id
	admin    map[string]bool     // routes of the settings admins (Subcommand.Admin, Form.Admin)
	mention  EventFunc           // messages addressed to the bot
	home     HomeFunc            // the Home's dashboard
}

// NewHandler returns a kernel with the office defaults and its own
// command, /ir (help and languages), and no register: Register adds them.
func NewHandler() *Handler {
	h := &Handler{
		Location: proxenos.OfficeZone(),
		Now:      time.Now,
		Logger:   slog.Default(),
		byName:   map[string]*Command{},
		buttons:  map[string]Button{},
		forms:    map[string]Form{},
		admin:    map[string]bool{},
	}
	h.own = h.irCommand()
	h.commands = []*Command{h.own}
	h.byName[h.own.Name] = h.own
	h.MustRegister(Module{Buttons: h.homeShellButtons()})
	return h
}

// Commands returns every registered slash command, in the order help
// lists them.
func (h *Handler) Commands() []Command {
	var out []Command
	for _, c := range h.ordered() {
		out = append(out, *c)
	}
	return out
}

// ordered returns the commands in the order help lists them: the
// modules' in the order they were registered, then the kernel's own.
func (h *Handler) ordered() []*Command {
	out := make([]*Command, 0, len(h.commands))
	for _, c := range h.commands {
		if c != h.own {
			out = append(out, c)
		}
	}
	return append(out, h.own)
}

// Clock returns the current time in the zone of the workspace ctx is
// for (Zone).
func (h *Handler) Clock(ctx context.Context) time.Time {
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	return now().In(h.Zone(ctx))
}

// Zone returns the time zone of the workspace ctx is for, which the
// kernel put into ctx when it scoped the request; for a context it did
// not scope, the deployment's. Typed dates are midnight there, "in N
// days" counts its days, and dates are shown as its calendar days.
func (h *Handler) Zone(ctx context.Context) *time.Location {
	if loc, ok := proxenos.ContextZone(ctx); ok {
		return loc
	}
	return h.deploymentZone()
}

// deploymentZone returns Location, the deployment's zone.
func (h *Handler) deploymentZone() *time.Location {
	if h.Location != nil {
		return h.Location
	}
	return time.UTC
}

// WorkspaceZone returns the zone of team: in distribution mode its settings'
// (or the Defaults'), else the deployment's. A workspace whose settings
// cannot be read gets the deployment's zone here; admit then refuses the
// request with that error. A zone the tz database no longer knows gets
// the deployment's too, with a warning.
func (h *Handler) WorkspaceZone(ctx context.Context, team string) *time.Location {
	if h.Workspaces == nil {
		return h.deploymentZone()
	}
	s, err := h.Workspaces.Effective(ctx, team)
	if err != nil || s.Timezone == "" {
		return h.deploymentZone()
	}
	loc, err := h.Workspaces.Location(s.Timezone)
	if err != nil {
		h.Log().WarnContext(ctx, "the workspace's time zone cannot be loaded; using the deployment's", "team", team, "zone", s.Timezone, "err", err)
		return h.deploymentZone()
	}
	return loc
}

// Log returns the logger to use.
func (h *Handler) Log() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

// LangOf returns the interface language for l, Greek by default.
func LangOf(l i18n.Lang) i18n.Lang {
	// Greek is the office's working language: any other locale gets it.
	if l == i18n.English {
		return l
	}
	return i18n.Greek
}

// HandleCommand answers a slash command. It scopes ctx to the workspace
// and user, asks admit (in dispatch), recovers panics and turns every
// error into a message in the user's language. It never returns nil.
func (h *Handler) HandleCommand(ctx context.Context, req *chat.Request) (resp *chat.Response) {
	// Elapsed time is measured on the real clock, not the injected one.
	start := time.Now()
	if req.ID == "" {
		req.ID = newRequestID()
	}
	cleanRequest(req)
	lang := LangOf(req.Lang)
	defer func() {
		if r := recover(); r != nil {
			h.Log().ErrorContext(ctx, "command panicked", "request", req.ID, "command", req.Command,
				"user", req.User, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			resp = &chat.Response{Text: i18n.T(lang, "error.panic", req.ID), Ephemeral: true}
			h.observe(req.Command, OutcomePanic, start)
		}
	}()
	ctx = h.scope(ctx, req.Team, req.User, req.ID)
	resp, err := h.Dispatch(ctx, req)
	h.observe(req.Command, outcome(err), start)
	if err != nil {
		return h.Fail(ctx, lang, req.ID, req.Command, err)
	}
	if h.commandChanged(req, resp) {
		h.refreshHome(req.Team, req.User)
	}
	if resp == nil {
		resp = &chat.Response{}
	}
	return resp
}

// scope returns ctx scoped to the workspace and user of a request (see
// workspace), and carrying its id: a request run again after a crash
// keeps its id, and the store then returns the entry its first run
// created.
func (h *Handler) scope(ctx context.Context, team, user, id string) context.Context {
	return proxenos.NewContextWithRequest(h.workspace(ctx, team, user), id)
}

// workspace returns ctx scoped to team and user, and carrying team's time
// zone (WorkspaceZone) for the handlers and the stores.
func (h *Handler) workspace(ctx context.Context, team, user string) context.Context {
	ctx = proxenos.NewContextWithUser(proxenos.NewContextWithTeam(ctx, team), user)
	return proxenos.NewContextWithZone(ctx, h.WorkspaceZone(ctx, team))
}

// Dispatch finds the command and subcommand for req, asks admit whether
// the user may run it, and runs it: a button that stands for a command
// (the Home's "New entry") runs it this way, behind the same checks.
func (h *Handler) Dispatch(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	route, run, err := h.route(req)
	if denied := h.admit(ctx, route); denied != nil {
		return nil, denied
	}
	if err != nil {
		return nil, err
	}
	return run(ctx)
}

// route finds the command and subcommand req names. It returns the route
// as admit knows it ("/corr in", "/corr" alone, helpRoute) and what runs
// it; an unknown command or subcommand is unknownRoute and the error that
// says so.
func (h *Handler) route(req *chat.Request) (string, func(context.Context) (*chat.Response, error), error) {
	cmd, ok := h.byName[strings.ToLower(strings.TrimSpace(req.Command))]
	if !ok {
		return unknownRoute, nil, proxenos.Errorf(proxenos.EINVALID, "help.unknown_command", req.Command)
	}
	// The first word picks the subcommand; the handler sees the rest.
	text := strings.TrimSpace(req.Text)
	first, rest, _ := strings.Cut(text, " ")
	// A copy: the caller keeps the full text for its logs.
	sub := &chat.Request{}
	*sub = *req
	route, run := cmd.Name, cmd.Handler
	switch {
	// "/corr help" shows the command's help, open to everyone like /ir.
	case IsHelpWord(first) && findSub(cmd, "help") == nil:
		return helpRoute, func(context.Context) (*chat.Response, error) { return h.helpFor(cmd, LangOf(req.Lang)), nil }, nil
	// A bare command (a modal, help), or one that takes free text.
	case text == "" || len(cmd.Subcommands) == 0:
	default:
		s := findSub(cmd, first)
		if s == nil {
			return unknownRoute, nil, unknownSub(cmd, first)
		}
		route, run = cmd.Name+" "+s.Name, s.Handler
		sub.Text = strings.TrimSpace(rest)
	}
	// Wrap outside in: the first middleware runs first.
	for i := len(cmd.Middlewares) - 1; i >= 0; i-- {
		run = cmd.Middlewares[i](run)
	}
	return route, func(ctx context.Context) (*chat.Response, error) { return run(ctx, sub) }, nil
}

// IsHelpWord reports whether w asks for help.
func IsHelpWord(w string) bool {
	switch proxenos.SearchKey(w) {
	case "help", "βοηθεια", "?":
		return true
	}
	return false
}

// findSub returns the subcommand of cmd named or aliased w, or nil.
func findSub(cmd *Command, w string) *Subcommand {
	w = proxenos.SearchKey(w)
	for i := range cmd.Subcommands {
		s := &cmd.Subcommands[i]
		if proxenos.SearchKey(s.Name) == w {
			return s
		}
		for _, a := range s.Aliases {
			if proxenos.SearchKey(a) == w {
				return s
			}
		}
	}
	return nil
}

// unknownSub builds the "did you mean" error for an unknown subcommand.
func unknownSub(cmd *Command, typed string) error {
	var names []string
	for _, s := range cmd.Subcommands {
		names = append(names, s.Name)
		names = append(names, s.Aliases...)
	}
	if best, ok := nearest(typed, names); ok {
		if s := findSub(cmd, best); s != nil {
			best = s.Name
		}
		return proxenos.Errorf(proxenos.EINVALID, "help.unknown_subcommand", cmd.Name, typed, cmd.Name+" "+best)
	}
	return proxenos.Errorf(proxenos.EINVALID, "help.unknown_subcommand_list", cmd.Name, typed, cmd.Name)
}

// nearest returns the candidate closest to typed by edit distance on
// SearchKey, preferring a longer common prefix on ties, and whether it is
// near enough to suggest.
func nearest(typed string, candidates []string) (string, bool) {
	want := []rune(proxenos.SearchKey(typed))
	best, bestDist, bestPrefix := "", 0, 0
	for _, c := range candidates {
		key := []rune(proxenos.SearchKey(c))
		d := levenshtein.ComputeDistance(string(want), string(key))
		prefix := 0
		for prefix < len(want) && prefix < len(key) && want[prefix] == key[prefix] {
			prefix++
		}
		if best == "" || d < bestDist || (d == bestDist && prefix > bestPrefix) {
			best, bestDist, bestPrefix = c, d, prefix
		}
	}
	// Two edits, or a third of a long word: "lsit" suggests "list",
	// while an unrelated word gets the list of subcommands instead.
	return best, best != "" && bestDist <= max(2, len(want)/3)
}

// HandleSubmission answers a submitted modal. Validation problems come
// back as FieldErrors for the modal's inputs, with a nil Response; any
// other error becomes an ephemeral message, as for commands.
func (h *Handler) HandleSubmission(ctx context.Context, sub *chat.Submission) (resp *chat.Response, fieldErrs chat.FieldErrors) {
	start := time.Now()
	if sub.ID == "" {
		sub.ID = newRequestID()
	}
	cleanSubmission(sub)
	lang := LangOf(sub.Lang)
	defer func() {
		if r := recover(); r != nil {
			h.Log().ErrorContext(ctx, "submission panicked", "request", sub.ID, "callback", sub.CallbackID,
				"user", sub.User, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			resp, fieldErrs = &chat.Response{Text: i18n.T(lang, "error.panic", sub.ID), Ephemeral: true}, nil
			h.observe(sub.CallbackID, OutcomePanic, start)
		}
	}()
	ctx = h.scope(ctx, sub.Team, sub.User, sub.ID)
	resp, err := h.submit(ctx, sub)
	// Field errors keep the modal open; they are not failures to log.
	var fe chat.FieldErrors
	if errors.As(err, &fe) {
		h.observe(sub.CallbackID, OutcomeInvalid, start)
		return nil, fe
	}
	h.observe(sub.CallbackID, outcome(err), start)
	if err != nil {
		return h.Fail(ctx, lang, sub.ID, sub.CallbackID, err), nil
	}
	// A submission that opens another modal has stored nothing yet.
	if h.forms[sub.CallbackID].Changes && (resp == nil || resp.Modal == nil) {
		h.refreshHome(sub.Team, sub.User)
	}
	return resp, nil
}

// submit asks admit whether the user may submit the form, and submits it.
func (h *Handler) submit(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	if err := h.admit(ctx, formRoute(sub.CallbackID)); err != nil {
		return nil, err
	}
	form, ok := h.forms[sub.CallbackID]
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "help.unknown_form")
	}
	return form.Submit(ctx, sub)
}

// HandleAction answers a pressed button. It never returns nil.
func (h *Handler) HandleAction(ctx context.Context, act *chat.Action) (resp *chat.Response) {
	start := time.Now()
	if act.ID == "" {
		act.ID = newRequestID()
	}
	cleanAction(act)
	lang := LangOf(act.Lang)
	defer func() {
		if r := recover(); r != nil {
			h.Log().ErrorContext(ctx, "action panicked", "request", act.ID, "action", act.ActionID,
				"user", act.User, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			resp = &chat.Response{Text: i18n.T(lang, "error.panic", act.ID), Ephemeral: true}
			h.observe(act.ActionID, OutcomePanic, start)
		}
	}()
	ctx = h.scope(ctx, act.Team, act.User, act.ID)
	resp, err := h.action(ctx, act)
	h.observe(act.ActionID, outcome(err), start)
	if err != nil {
		failed := h.Fail(ctx, lang, act.ID, act.ActionID, err)
		// A refused button of the Home tab leaves the Home saying so, as
		// the Home of a user without access does.
		if proxenos.ErrorCode(err) == proxenos.EUNAUTHORIZED && h.buttons[act.ActionID].HomeTab {
			return homeNotice(lang, failed.Text)
		}
		return failed
	}
	if h.buttons[act.ActionID].Changes {
		h.refreshHome(act.Team, act.User)
	}
	if resp == nil {
		resp = &chat.Response{}
	}
	return resp
}

// action asks admit whether the user may press the button (or use the
// shortcut), and runs it.
func (h *Handler) action(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	if err := h.admit(ctx, actionRoute(act.ActionID)); err != nil {
		return nil, err
	}
	b, ok := h.buttons[act.ActionID]
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "help.unknown_form")
	}
	return b.Run(ctx, act)
}

// CommandAction runs a command handler for a button, with the button's
// value as the command's text.
func CommandAction(run HandlerFunc) ActionFunc {
	return func(ctx context.Context, act *chat.Action) (*chat.Response, error) {
		return run(ctx, ActionRequest(act))
	}
}

// ActionRequest is the command request a button stands for: its value is
// the text.
func ActionRequest(act *chat.Action) *chat.Request {
	return &chat.Request{ID: act.ID, Team: act.Team, User: act.User, Channel: act.Channel, Lang: act.Lang, Text: act.Value}
}

// Fail is the one exit for errors: an *proxenos.Error the user can act on
// is shown in their language; anything else is logged with its detail and
// the user only learns that something went wrong.
func (h *Handler) Fail(ctx context.Context, lang i18n.Lang, id, what string, err error) *chat.Response {
	var e *proxenos.Error
	// An unavailable store may name paths or drivers: log them, show none.
	// The translation service's and the EU portal's messages name neither
	// and say what to do.
	if proxenos.ErrorCode(err) == proxenos.EUNAVAILABLE {
		h.Log().WarnContext(ctx, "unavailable", "request", id, "command", what, "error", err)
		if errors.As(err, &e) && (strings.HasPrefix(e.Key, "translate.") || strings.HasPrefix(e.Key, "portal.")) {
			return &chat.Response{Text: i18n.T(lang, e.Key, e.Args...), Ephemeral: true}
		}
		// A store says whether the command may have been done all the same.
		key := "error.unavailable"
		if errors.As(err, &e) && e.Key == "error.unavailable_unconfirmed" {
			key = e.Key
		}
		return &chat.Response{Text: i18n.T(lang, key), Ephemeral: true}
	}
	if errors.As(err, &e) && e.Code != proxenos.EINTERNAL {
		if e.Code == proxenos.EUNAUTHORIZED {
			// Info, not Error: a refusal is the access list at work; the user id
			// is what an administrator needs to decide whether to add them.
			h.Log().InfoContext(ctx, "refused", "request", id, "command", what, "user", proxenos.UserFromContext(ctx))
		}
		// Arguments echo user input into mrkdwn: escape them. Render
		// writes times as days of the user's language.
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			if s, ok := a.(string); ok {
				a = chat.Escape(s)
			}
			args[i] = a
		}
		return &chat.Response{Text: i18n.Render(lang, proxenos.Text{Key: e.Key, Args: args}), Ephemeral: true}
	}
	h.Log().ErrorContext(ctx, "command failed", "request", id, "command", what,
		"user", proxenos.UserFromContext(ctx), "error", err)
	return &chat.Response{Text: i18n.T(lang, "error.internal"), Ephemeral: true}
}

// outcome names the result of a command for Observe.
func outcome(err error) string {
	switch proxenos.ErrorCode(err) {
	case "":
		return OutcomeOK
	case proxenos.EINVALID:
		return OutcomeInvalid
	case proxenos.ENOTFOUND:
		return OutcomeNotFound
	case proxenos.ECONFLICT:
		return OutcomeConflict
	case proxenos.EUNAUTHORIZED:
		return OutcomeUnauthorized
	}
	return OutcomeError
}

// observe reports a finished command to the metrics hook, if any.
func (h *Handler) observe(command, outcome string, start time.Time) {
	if h.Observe != nil {
		h.Observe(command, outcome, time.Since(start))
	}
}

// newRequestID returns a short random id for logs and apologies.
func newRequestID() string {
	b := make([]byte, 6)
	// crypto/rand.Read does not fail (it aborts the program instead).
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// sortedKeys returns the keys of spec in order.
func sortedKeys(spec ArgSpec) []string {
	keys := make([]string, 0, len(spec))
	for k := range spec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
