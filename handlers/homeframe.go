package handlers

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Action ids of the buttons of the Home tab's frame, which the kernel answers.
const (
	ActionHomeBack = "home_back" // back to the dashboard
	ActionHomeHelp = "home_help" // every command's help, in the Home tab
)

// HomePublisher re-publishes a user's Home tab after a command of theirs
// changed the registers. *bot.Bot implements it, collapsing bursts into
// one publication; it must not block.
type HomePublisher interface {
	RefreshHome(team, user string)
}

// HandleHomeOpened returns the Home tab of ev.User: the dashboard of
// deadlines, obligations (theirs first), agreement dates, the latest
// correspondence and recent contacts, with buttons to add records and to read the help. It
// is built fresh on every call and never returns nil.
func (h *Handler) HandleHomeOpened(ctx context.Context, ev *chat.Event) *chat.Response {
	return h.homeView(ctx, ev.ID, ev.Team, ev.User, ev.Lang, "")
}

// homeView builds the Home of user with the section expand shown at
// length ("" for none). Like the other entry points it scopes ctx, asks
// admit and recovers a panic; a failure becomes the Home's only text, and a
// user without access sees only that they have none.
func (h *Handler) homeView(ctx context.Context, id, team, user string, l i18n.Lang, expand string) (resp *chat.Response) {
	start := time.Now()
	if id == "" {
		id = newRequestID()
	}
	lang := LangOf(l)
	defer func() {
		if r := recover(); r != nil {
			h.Log().ErrorContext(ctx, "home panicked", "request", id, "user", user,
				"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			resp = homeNotice(lang, i18n.T(lang, "error.panic", id))
			h.observe("app_home_opened", OutcomePanic, start)
		}
	}()
	ctx = h.workspace(ctx, team, user)
	if err := h.admit(ctx, homeRoute); err != nil {
		h.observe("app_home_opened", outcome(err), start)
		return homeNotice(lang, h.Fail(ctx, lang, id, "app_home_opened", err).Text)
	}
	resp = h.dashboard(ctx, id, user, lang, expand)
	h.observe("app_home_opened", OutcomeOK, start)
	return resp
}

// homeNotice is a Home that says one thing, with the help button.
func homeNotice(lang i18n.Lang, text string) *chat.Response {
	return &chat.Response{Home: true, Text: text, Blocks: []chat.Block{
		chat.Header{Text: i18n.T(lang, "home.title")},
		chat.Section{Text: text},
		chat.Actions{ID: "home_actions", Buttons: []chat.Button{{Text: i18n.T(lang, "home.button.help"), ActionID: ActionHomeHelp}}},
	}}
}

// homeHelp shows the help of every command in the Home tab, with a way back.
func (h *Handler) homeHelp(lang i18n.Lang) *chat.Response {
	help := h.helpAll(lang)
	blocks := []chat.Block{
		chat.Header{Text: i18n.T(lang, "home.title")},
		chat.Actions{ID: "home_actions", Buttons: []chat.Button{{Text: i18n.T(lang, "home.button.back"), ActionID: ActionHomeBack, Style: "primary"}}},
		chat.Context{Elements: []string{i18n.T(lang, "home.help.intro")}},
	}
	// The help's own header would repeat the title.
	for _, b := range help.Blocks {
		if _, ok := b.(chat.Header); !ok {
			blocks = append(blocks, b)
		}
	}
	return &chat.Response{Home: true, Text: help.Text, Blocks: blocks}
}

// homeShellButtons are the kernel's buttons of the Home tab: the help, and
// the way back from it to the dashboard.
func (h *Handler) homeShellButtons() []Button {
	return []Button{
		{ID: ActionHomeHelp, HomeTab: true, Run: func(_ context.Context, act *chat.Action) (*chat.Response, error) {
			return h.homeHelp(LangOf(act.Lang)), nil
		}},
		{ID: ActionHomeBack, HomeTab: true, Run: func(ctx context.Context, act *chat.Action) (*chat.Response, error) {
			return h.dashboard(ctx, act.ID, act.User, LangOf(act.Lang), ""), nil
		}},
	}
}

// dashboard is the Home the registered module builds, or the help when
// none does.
func (h *Handler) dashboard(ctx context.Context, id, user string, lang i18n.Lang, expand string) *chat.Response {
	if h.home == nil {
		return h.homeHelp(lang)
	}
	return h.home(ctx, id, user, lang, expand)
}
