package calendar

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// Path is where the feed is served; the token comes as ?token=….
const Path = "/calendar.ics"

// maxTokenLen bounds the token read from a request; real ones are 43
// characters.
const maxTokenLen = 128

// Handler serves GET /calendar.ics?token=…: the feed of the token's user.
// A missing, wrong or revoked token, or one whose user may no longer use
// Proxenos, gets the same 404 with the same body. Construct it with
// NewHandler; the optional fields may be set before the first request.
type Handler struct {
	Feeds      proxenos.CalendarService
	Calls      proxenos.CallService
	Agreements proxenos.AgreementService

	Location *time.Location   // office zone, default proxenos.OfficeZone()
	Now      func() time.Time // default time.Now
	Logger   *slog.Logger     // default slog.Default()

	// Channel is the office channel's id; events link to it through
	// Slack's app_redirect. No link when empty.
	Channel string

	// Allowed, when set, says whether a feed's owner may still use
	// Proxenos (nil error); *handlers.Handler.CheckAccess fits.
	Allowed func(ctx context.Context, user string) error

	// Office, when set (a deployment serving many workspaces), returns
	// the office channel and zone of a feed's workspace; an empty channel
	// or a nil zone takes Channel's or Location's.
	Office func(ctx context.Context, team string) (channel string, loc *time.Location)
}

// NewHandler returns the feed handler over the stores.
func NewHandler(feeds proxenos.CalendarService, calls proxenos.CallService, agreements proxenos.AgreementService) *Handler {
	return &Handler{Feeds: feeds, Calls: calls, Agreements: agreements, Location: proxenos.OfficeZone(), Now: time.Now, Logger: slog.Default()}
}

// ServeHTTP answers a feed request. The token never reaches the logs.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			h.logger().ErrorContext(r.Context(), "calendar feed panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		}
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	token := r.URL.Query().Get("token")
	if token == "" || len(token) > maxTokenLen {
		http.NotFound(w, r)
		return
	}
	feed, err := h.Feeds.FindCalendarFeed(r.Context(), proxenos.HashCalendarToken(token))
	if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		http.NotFound(w, r)
		return
	} else if err != nil {
		h.fail(r, w, "find feed", err)
		return
	}
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(r.Context(), feed.Team), feed.User)
	if h.Allowed != nil {
		if err := h.Allowed(ctx, feed.User); proxenos.ErrorCode(err) == proxenos.EUNAUTHORIZED {
			http.NotFound(w, r)
			return
		} else if err != nil {
			h.fail(r, w, "check access", err)
			return
		}
	}
	var body bytes.Buffer
	if err := h.render(ctx, &body, feed); err != nil {
		h.fail(r, w, "render feed", err)
		return
	}
	sum := sha256.Sum256(body.Bytes())
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="proxenos.ics"`)
	// The feed is private to its token: no shared cache may keep it.
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	// ServeContent answers HEAD and If-None-Match (304) from the ETag.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body.Bytes()))
}

// render writes the feed's calendar: the workspace's dates, or only the
// owner's when the feed is mine-only.
func (h *Handler) render(ctx context.Context, w *bytes.Buffer, feed *proxenos.CalendarFeed) error {
	now := h.now()
	lang := feed.Lang
	if lang != i18n.English {
		lang = i18n.Greek
	}
	channel, loc := h.office(ctx, feed.Team)
	ctx = proxenos.NewContextWithZone(ctx, loc)
	b := builder{lang: lang, loc: loc, now: now, slack: slackURL(feed.Team, channel)}
	owner := ""
	if feed.MineOnly {
		owner = feed.User
	}
	var events []Event
	// Each register is read in one pass, in no set order; the events are
	// sorted below, so that the same records give the same feed (and ETag).
	calls, _, err := h.Calls.FindCalls(ctx, proxenos.CallFilter{Status: feedCallStatuses, Owner: owner, All: true})
	if err != nil {
		return err
	}
	for _, c := range calls {
		events = append(events, b.callEvents(c)...)
	}
	agreements, _, err := h.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{All: true})
	if err != nil {
		return err
	}
	obligations, _, err := h.Agreements.FindObligations(ctx, proxenos.ObligationFilter{Owner: owner,
		Status: []proxenos.ObligationStatus{proxenos.ObligationOpen}, All: true})
	if err != nil {
		return err
	}
	titles := make(map[string]string, len(agreements))
	for _, a := range agreements {
		titles[a.ID] = a.Title
	}
	// A mine-only feed shows the end of the agreements under which its
	// owner has an open obligation: agreements have no owner of their own.
	mine := map[string]bool{}
	for _, o := range obligations {
		events = append(events, b.obligationEvent(o, titles[o.AgreementID]))
		mine[o.AgreementID] = true
	}
	for _, a := range agreements {
		if !feed.MineOnly || mine[a.ID] {
			events = append(events, b.agreementEvents(a)...)
		}
	}
	slices.SortFunc(events, func(a, b Event) int { return strings.Compare(a.UID, b.UID) })
	name := i18n.T(lang, "calendar.name.all")
	if feed.MineOnly {
		name = i18n.T(lang, "calendar.name.mine")
	}
	return Write(w, name, loc, now, events)
}

// office returns the office channel and zone of team: Office's, else the
// deployment's.
func (h *Handler) office(ctx context.Context, team string) (string, *time.Location) {
	channel, loc := h.Channel, h.loc()
	if h.Office != nil {
		c, l := h.Office(ctx, team)
		channel = cmp.Or(c, channel)
		if l != nil {
			loc = l
		}
	}
	return channel, loc
}

// slackURL links to channel in team, or is "" without a channel.
func slackURL(team, channel string) string {
	if channel == "" {
		return ""
	}
	return "https://slack.com/app_redirect?" + url.Values{"team": {team}, "channel": {channel}}.Encode()
}

// fail logs err (without the token) and answers 503 when the store is
// down, 500 otherwise.
func (h *Handler) fail(r *http.Request, w http.ResponseWriter, doing string, err error) {
	code := http.StatusInternalServerError
	if proxenos.ErrorCode(err) == proxenos.EUNAVAILABLE {
		code = http.StatusServiceUnavailable
	}
	h.logger().ErrorContext(r.Context(), "calendar feed failed", "doing", doing, "path", r.URL.Path, "error", err)
	http.Error(w, http.StatusText(code), code)
}

// now returns the current time.
func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// loc returns the office zone.
func (h *Handler) loc() *time.Location {
	if h.Location != nil {
		return h.Location
	}
	return time.UTC
}

// logger returns the logger to use.
func (h *Handler) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}
