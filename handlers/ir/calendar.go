package ir

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// calendarPath is where calendar.Handler serves feeds (calendar.Path).
const calendarPath = "/calendar.ics"

// calendarSub is /ir calendar [mine|revoke]: a private feed address for
// calendar programs, or the revocation of every address of the user.
func (h *Handler) calendarSub() handlers.Subcommand {
	return handlers.Subcommand{
		Name: "calendar", Aliases: []string{"ημερολόγιο"},
		Usage: "calendar.help.usage", Description: "calendar.help.description",
		Examples: []string{"calendar.help.example"},
		Handler:  h.calendar,
	}
}

// calendar routes the verb of /ir calendar; bare, it gives a full feed.
func (h *Handler) calendar(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.CalendarFeeds == nil || h.PublicURL == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "calendar.unavailable")
	}
	verb, _ := handlers.CutWord(strings.TrimSpace(req.Text))
	switch proxenos.SearchKey(verb) {
	case "":
		return h.calendarLink(ctx, req, false)
	case "mine", "my", "δικα", "μου":
		return h.calendarLink(ctx, req, true)
	case "revoke", "ανακληση", "ακυρωση":
		return h.calendarRevoke(ctx, req)
	}
	return nil, proxenos.Errorf(proxenos.EINVALID, "calendar.unknown_verb", verb)
}

// calendarLink stores a new feed and shows its address, once: only the
// token's hash is kept, so the address cannot be shown again.
func (h *Handler) calendarLink(ctx context.Context, req *chat.Request, mine bool) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	token, hash := proxenos.NewCalendarToken()
	if err := h.CalendarFeeds.CreateCalendarFeed(ctx, &proxenos.CalendarFeed{TokenHash: hash, MineOnly: mine, Lang: lang}); err != nil {
		return nil, err
	}
	// The token is base64url and the base URL the operator's: the code
	// span keeps Slack from formatting or unfurling the address.
	link := "`" + strings.TrimRight(h.PublicURL, "/") + calendarPath + "?token=" + token + "`"
	head := i18n.T(lang, "calendar.link.all")
	if mine {
		head = i18n.T(lang, "calendar.link.mine")
	}
	how, private := i18n.T(lang, "calendar.link.how"), i18n.T(lang, "calendar.link.private")
	return &chat.Response{
		Text:      strings.Join([]string{head, link, how, private}, "\n"),
		Ephemeral: true,
		Blocks: []chat.Block{
			chat.Section{Text: head + "\n" + link},
			chat.Context{Elements: []string{how, private}},
		},
	}, nil
}

// calendarRevoke revokes every feed of the user.
func (h *Handler) calendarRevoke(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	n, err := h.CalendarFeeds.RevokeCalendarFeeds(ctx)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	if n == 0 {
		return &chat.Response{Text: i18n.T(lang, "calendar.revoked_none"), Ephemeral: true}, nil
	}
	return &chat.Response{Text: i18n.T(lang, "calendar.revoked", n), Ephemeral: true}, nil
}
