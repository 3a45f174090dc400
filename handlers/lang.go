package handlers

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Languages is how the transport picks a user's language: their choice
// with /ir lang, else their Slack locale, else the configured default.
// *bot.Bot implements it.
type Languages interface {
	// SlackLanguage returns the language of the user's Slack locale, and
	// false when it is neither Greek nor English or cannot be read.
	SlackLanguage(ctx context.Context, team, user string) (i18n.Lang, bool)
	// ForgetLanguage drops what the transport remembers of the user's
	// language, so that their next request reads their new choice.
	ForgetLanguage(team, user string)
}

// langSub is /ir lang: show or choose the language of the interface.
func (h *Handler) langSub() Subcommand {
	return Subcommand{Name: "lang", Aliases: []string{"language", "γλώσσα", "γλωσσα"},
		Usage: "help.ir.lang.usage", Description: "help.ir.lang.description",
		Examples: []string{"help.ir.lang.example"}, Handler: h.irLang}
}

// autoWords ask to follow the Slack language again, by SearchKey.
var autoWords = map[string]bool{"auto": true, "slack": true, "reset": true, "αυτοματα": true, "αυτοματο": true}

// irLang answers /ir lang: alone, the current language and how it was
// chosen; with el or en, stores the choice; with auto, forgets it. The
// answer to a change speaks the new language, and the user's Home is
// re-published in it.
func (h *Handler) irLang(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	arg := strings.TrimSpace(req.Text)
	if arg == "" {
		return h.langCurrent(ctx, req)
	}
	var chosen i18n.Lang
	if !autoWords[proxenos.SearchKey(arg)] {
		l, ok := i18n.ParseLang(arg)
		if !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "preference.invalid.lang", arg)
		}
		chosen = l
	}
	if h.Preferences == nil {
		return &chat.Response{Text: i18n.T(LangOf(req.Lang), h.langKey("lang.no_store")), Ephemeral: true}, nil
	}
	if err := h.Preferences.SetPreference(ctx, &proxenos.Preference{User: req.User, Lang: chosen}); err != nil {
		return nil, err
	}
	if h.Languages != nil {
		h.Languages.ForgetLanguage(req.Team, req.User)
	}
	h.refreshHome(req.Team, req.User)
	if chosen != "" {
		return &chat.Response{Text: i18n.T(chosen, h.langKey("lang.set"), langName(chosen, chosen)), Ephemeral: true}, nil
	}
	now, _ := h.slackOrDefault(ctx, req.Team, req.User)
	return &chat.Response{Text: i18n.T(now, h.langKey("lang.auto"), langName(now, now)), Ephemeral: true}, nil
}

// langCurrent says which language the user gets and why.
func (h *Handler) langCurrent(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := LangOf(req.Lang)
	if h.Preferences != nil {
		p, err := h.Preferences.FindPreference(ctx, req.User)
		switch {
		case err == nil && p.Lang != "":
			return &chat.Response{Text: i18n.T(lang, h.langKey("lang.current.chosen"), langName(lang, p.Lang)), Ephemeral: true}, nil
		case err != nil && proxenos.ErrorCode(err) != proxenos.ENOTFOUND:
			return nil, err
		}
	}
	l, fromSlack := h.slackOrDefault(ctx, req.Team, req.User)
	key := h.langKey("lang.current.default")
	if fromSlack {
		key = "lang.current.slack"
	}
	return &chat.Response{Text: i18n.T(lang, key, langName(lang, l)), Ephemeral: true}, nil
}

// langKey returns the message key for a transport without Slack, the
// console: its messages speak of the office's language, not of a Slack
// language the user does not have.
func (h *Handler) langKey(key string) string {
	if h.Languages == nil {
		return key + ".no_slack"
	}
	return key
}

// slackOrDefault returns the user's Slack language and true, or the
// default language and false.
func (h *Handler) slackOrDefault(ctx context.Context, team, user string) (i18n.Lang, bool) {
	if h.Languages != nil {
		if l, ok := h.Languages.SlackLanguage(ctx, team, user); ok {
			return l, true
		}
	}
	return h.DefaultLangOf(ctx, team), false
}

// langName names the language l in the language of the message: "αγγλικά".
func langName(in, l i18n.Lang) string { return i18n.T(in, "lang.name."+string(LangOf(l))) }
