// Package reminder renders a reminder as the message Proxenos posts to
// the office channel and the owner, with its buttons. The scheduler posts
// it; the buttons' handlers update it in place.
package reminder

import (
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// The buttons of a reminder message. Their Value is the reminder's item
// key (proxenos.ItemKey): the occurrence the press applies to.
const (
	ActionDone       = "reminder_done"
	ActionSnoozeDay  = "reminder_snooze_day"
	ActionSnoozeWeek = "reminder_snooze_week"
	ActionOpen       = "reminder_open"
)

// Message renders a reminder as the message the office channel
// and the owner receive: what falls due and when, and the buttons Done,
// Snooze 1 day, Snooze 1 week and Open. status, when set, is a line of
// small print (who pressed what) and removes the Done and Snooze buttons.
func Message(lang i18n.Lang, r *proxenos.Reminder, now time.Time, loc *time.Location, status string) *chat.Response {
	occ := r.Occurrence.In(loc)
	days := proxenos.DaysBetween(now, occ, loc)
	// An obligation or an agreement's date is a day, not a time: midnight
	// is not shown as 00:00.
	when := i18n.FormatDateTime(lang, occ)
	if r.Kind != proxenos.ReminderCallDeadline && occ.Hour() == 0 && occ.Minute() == 0 && occ.Second() == 0 {
		when = i18n.FormatDate(lang, occ)
	}
	var head string
	switch {
	case strings.HasPrefix(r.Offset, "overdue") || days < 0:
		head = i18n.T(lang, "reminder.overdue", -days)
	case days == 0:
		head = i18n.T(lang, "reminder.today")
	case days == 1:
		head = i18n.T(lang, "reminder.tomorrow")
	default:
		head = i18n.T(lang, "reminder.in_days", days)
	}
	text := i18n.T(lang, "reminder.kind."+string(r.Kind), head, chat.Escape(r.Title), when)
	resp := &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}
	var small []string
	if r.About != "" {
		small = append(small, i18n.T(lang, "reminder.about", chat.Escape(r.About)))
	}
	if r.Owner != "" && chat.IsUserID(r.Owner) {
		small = append(small, i18n.T(lang, "reminder.owner", "<@"+r.Owner+">"))
	}
	if r.Late {
		small = append(small, i18n.T(lang, "reminder.late", i18n.FormatDateTime(lang, r.At.In(loc))))
	}
	if status != "" {
		small = append(small, status)
	}
	if len(small) > 0 {
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: small})
	}
	key := r.ItemKey()
	var buttons []chat.Button
	if status == "" {
		buttons = append(buttons,
			chat.Button{Text: i18n.T(lang, "reminder.button.done"), ActionID: ActionDone, Value: key, Style: "primary"},
			chat.Button{Text: i18n.T(lang, "reminder.button.snooze_day"), ActionID: ActionSnoozeDay, Value: key},
			chat.Button{Text: i18n.T(lang, "reminder.button.snooze_week"), ActionID: ActionSnoozeWeek, Value: key})
	}
	buttons = append(buttons, chat.Button{Text: i18n.T(lang, "reminder.button.open"), ActionID: ActionOpen, Value: key})
	resp.Blocks = append(resp.Blocks, chat.Actions{ID: "reminder", Buttons: buttons})
	return resp
}
