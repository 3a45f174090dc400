package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Text helpers the registers share: how names, dates, owners and sums
// are written in a message.

// Mention writes a Slack user id we stored (never user text) as a mention.
func Mention(user string) string {
	// Ids come from our own records, but an imported or hand-edited one
	// must still not turn into a broadcast such as <!channel>.
	if user == "" || strings.ContainsAny(user, "<>|&!") {
		return chat.Escape(user)
	}
	return "<@" + user + ">"
}

// Truncate shortens s to at most n characters, marking the cut.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// DateOnly returns midnight of t's day, in t's zone.
func DateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// CutWord returns the first word of s and what follows it.
func CutWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t\n")
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// DeadlineText writes a deadline in the zone of the workspace ctx is for
// with its Brussels time noted: "18 Sep 2027, 18:00 (17:00 Brussels time)".
func (h *Handler) DeadlineText(ctx context.Context, lang i18n.Lang, at time.Time) string {
	return i18n.FormatDateTime(lang, at.In(h.Zone(ctx))) + " (" +
		i18n.T(lang, "call.brussels_time", at.In(proxenos.DeadlineLocation()).Format("15:04")) + ")"
}

// DaysLeftText says how far the instant t is, in calendar days of the
// workspace ctx is for: "in 12 days", "today", "ended today", "ended 3
// days ago".
func (h *Handler) DaysLeftText(ctx context.Context, lang i18n.Lang, t time.Time) string {
	now := h.Clock(ctx)
	days := proxenos.DaysBetween(now, t, h.Zone(ctx))
	if days == 0 && !t.After(now) {
		return i18n.T(lang, "days.ended_today")
	}
	return DayPhrase(lang, days, "days.ended")
}

// DayPhrase says a number of calendar days from today: "today", "in 1
// day", "in 12 days"; past days with the key late ("ended 3 days ago",
// "overdue by 1 day").
func DayPhrase(lang i18n.Lang, days int, late string) string {
	switch {
	case days == 0:
		return i18n.T(lang, "days.today")
	case days > 0:
		return i18n.T(lang, "days.in", days)
	}
	return i18n.T(lang, late, -days)
}

// Euro writes a sum in euro with the language's thousands separator.
func Euro(lang i18n.Lang, n int64) string { return "€" + i18n.FormatInt(lang, n) }

// OwnerText is a stored owner as a mention, or "nobody".
func OwnerText(lang i18n.Lang, owner string) string {
	if owner == "" {
		return i18n.T(lang, "home.no_owner")
	}
	return Mention(owner)
}

// WordKey is the form a value word is looked up by: SearchKey, with
// spaces and hyphens as underscores ("sister city" = "sister_city").
func WordKey(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(proxenos.SearchKey(strings.TrimSpace(s)))
}
