package handlers

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// historyInstant is a date or an instant as the history keeps it:
// 2026-12-07, 2027-09-18T15:00:00Z.
var historyInstant = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))?\b`)

// historyDaysBefore is a milestone's "(-14d)" in the history of a call.
var historyDaysBefore = regexp.MustCompile(`\(-(\d+)d\)`)

// ChangeText writes one field of a change as a register's history shows
// it, in lang: the field's label, its old and its new value, "Κατάσταση:
// υπό παρακολούθηση → σε προετοιμασία". labels maps the fields whose
// values are codes to the catalogue prefix of their labels ("status" →
// "call.status."); dates are written as lang writes them, in loc; an
// owner is a mention; an empty value is «—».
func ChangeText(lang i18n.Lang, f proxenos.FieldChange, labels map[string]string, loc *time.Location) string {
	return i18n.Label(lang, proxenos.Field(f.Field)) + ": " +
		changeValue(lang, f.Field, f.Old, labels, loc) + " → " + changeValue(lang, f.Field, f.New, labels, loc)
}

// changeValue writes one value of a change for ChangeText.
func changeValue(lang i18n.Lang, field, v string, labels map[string]string, loc *time.Location) string {
	switch prefix, ok := labels[field]; {
	case strings.TrimSpace(v) == "":
		return i18n.T(lang, "history.empty")
	case ok && i18n.Has(prefix+v):
		return i18n.T(lang, prefix+v)
	case field == "owner":
		return Mention(v)
	}
	v = historyInstant.ReplaceAllStringFunc(v, func(s string) string { return historyDate(lang, s, loc) })
	v = historyDaysBefore.ReplaceAllStringFunc(v, func(s string) string {
		n, _ := strconv.Atoi(historyDaysBefore.FindStringSubmatch(s)[1])
		return "(" + i18n.T(lang, "history.days_before", n) + ")"
	})
	return chat.Escape(Truncate(v, 80))
}

// historyDate writes a date of the history: a day as a date, an instant
// in loc with its time of day unless it falls at midnight.
func historyDate(lang i18n.Lang, s string, loc *time.Location) string {
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return i18n.FormatDate(lang, d)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 {
		return i18n.FormatDate(lang, t)
	}
	return i18n.FormatDateTime(lang, t)
}
