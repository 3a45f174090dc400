package handlers

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// HandleMention answers a message that mentions the bot: "@Proxenos to en"
// with files, or in the thread of a message with files or text, translates
// them; "@Proxenos to en Guten Tag" translates the text. The answer goes in
// the thread. It never returns nil.
func (h *Handler) HandleMention(ctx context.Context, ev *chat.Event) *chat.Response {
	return h.handleEvent(ctx, ev, "app_mention", h.mention)
}

// HandleFiles answers files shared without a mention. In a direct message
// with the bot they are a request to translate; in a channel they wait for
// a mention or the shortcut, and nil is returned.
func (h *Handler) HandleFiles(ctx context.Context, ev *chat.Event) *chat.Response {
	// Direct-message channel ids start with D.
	if !strings.HasPrefix(ev.Channel, "D") {
		return nil
	}
	return h.handleEvent(ctx, ev, "file_share", h.mention)
}

// handleEvent runs fn for ev as HandleAction runs a button: scoped to the
// workspace and user, admitted by admit, with panics recovered and
// errors turned into a message.
func (h *Handler) handleEvent(ctx context.Context, ev *chat.Event, name string, fn EventFunc) (resp *chat.Response) {
	// No module answers messages: the bot stays silent.
	if fn == nil {
		return nil
	}
	start := time.Now()
	if ev.ID == "" {
		ev.ID = newRequestID()
	}
	cleanEvent(ev)
	lang := LangOf(ev.Lang)
	defer func() {
		if r := recover(); r != nil {
			h.Log().ErrorContext(ctx, "event panicked", "request", ev.ID, "event", name,
				"user", ev.User, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			resp = &chat.Response{Text: i18n.T(lang, "error.panic", ev.ID), Ephemeral: true}
			h.observe(name, OutcomePanic, start)
		}
	}()
	ctx = h.workspace(ctx, ev.Team, ev.User)
	err := h.admit(ctx, eventRoute(name))
	if err == nil {
		resp, err = fn(ctx, ev)
	}
	h.observe(name, outcome(err), start)
	if err != nil {
		return h.Fail(ctx, lang, ev.ID, name, err)
	}
	if resp == nil {
		resp = &chat.Response{}
	}
	return resp
}
