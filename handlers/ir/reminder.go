package ir

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// DefaultUpcomingDays is how far ahead `/ir reminders` looks.
const DefaultUpcomingDays = 14

// maxUpcomingDays bounds `/ir reminders <days>`.
const maxUpcomingDays = 366

// ReminderEngine is what reminder buttons, `/ir digest` and
// `/ir reminders` need from the reminder engine; *scheduler.Scheduler
// implements it. Every method is scoped to the workspace and user in ctx.
type ReminderEngine interface {
	// Digest builds the daily digest as of now. It is not recorded as the
	// day's digest: the scheduled one still goes out.
	Digest(ctx context.Context, lang i18n.Lang) (*chat.Response, error)
	// Upcoming lists the reminders due in the coming days.
	Upcoming(ctx context.Context, lang i18n.Lang, days int) (*chat.Response, error)
	// FindReminder reloads the item of an item key and returns a reminder
	// describing it. ENOTFOUND when the item or that occurrence is gone.
	FindReminder(ctx context.Context, itemKey string) (*proxenos.Reminder, error)
	// CompleteReminder records that the occurrence is done: it completes
	// an obligation (moving a recurring one on) or a milestone, and stops
	// the reminders of a deadline or an agreement date. ENOTFOUND; ECONFLICT.
	CompleteReminder(ctx context.Context, itemKey string) error
	// SnoozeReminder silences the occurrence until until, when one
	// reminder comes again. ENOTFOUND.
	SnoozeReminder(ctx context.Context, itemKey string, until time.Time) error
}

// notSetUp answers, to the user only, that reminders are not set up.
func notSetUp(lang i18n.Lang) *chat.Response {
	return &chat.Response{Text: i18n.T(lang, "reminder.unavailable"), Ephemeral: true}
}

// irDigest is `/ir digest`: the digest, now, in the conversation.
func (h *Handler) irDigest(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.Reminders == nil {
		return notSetUp(handlers.LangOf(req.Lang)), nil
	}
	return h.Reminders.Digest(ctx, handlers.LangOf(req.Lang))
}

// irReminders is `/ir reminders [days]`: what is coming, to the user only.
func (h *Handler) irReminders(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.Reminders == nil {
		return notSetUp(handlers.LangOf(req.Lang)), nil
	}
	days := DefaultUpcomingDays
	if t := strings.TrimSpace(req.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > maxUpcomingDays {
			return nil, proxenos.Errorf(proxenos.EINVALID, "reminder.invalid.days", maxUpcomingDays)
		}
		days = n
	}
	resp, err := h.Reminders.Upcoming(ctx, handlers.LangOf(req.Lang), days)
	if resp != nil {
		resp.Ephemeral = true
	}
	return resp, err
}

// reminderAction answers a reminder button: it updates the record, then
// the message in place, saying who pressed it. Open answers the user only.
func (h *Handler) reminderAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	lang := handlers.LangOf(act.Lang)
	e := h.Reminders
	if e == nil {
		return notSetUp(lang), nil
	}
	var err error
	now := h.k.Clock(ctx)
	// The presser's id comes from Slack's signed payload; checked all the same
	// before it goes inside a mention.
	who := "<@" + act.User + ">"
	if !chat.IsUserID(act.User) {
		who = chat.Escape(act.User)
	}
	// Read before Done: completing a one-off occurrence ends its item, and
	// the message replaced in place keeps the title it had.
	var before *proxenos.Reminder
	if act.ActionID == reminder.ActionDone {
		before, _ = e.FindReminder(ctx, act.Value)
	}
	var status string
	switch act.ActionID {
	case reminder.ActionDone:
		err = e.CompleteReminder(ctx, act.Value)
		status = i18n.T(lang, "reminder.status.done", who, i18n.FormatDateTime(lang, now))
	case reminder.ActionSnoozeDay, reminder.ActionSnoozeWeek:
		days := 1
		if act.ActionID == reminder.ActionSnoozeWeek {
			days = 7
		}
		// now is in the workspace's zone: AddDate keeps the wall clock across a
		// change to or from summer time.
		until := now.AddDate(0, 0, days)
		err = e.SnoozeReminder(ctx, act.Value, until)
		status = i18n.T(lang, "reminder.status.snoozed", who, i18n.FormatDateTime(lang, until))
	}
	if err != nil {
		return nil, err
	}
	r, err := e.FindReminder(ctx, act.Value)
	if act.ActionID == reminder.ActionDone && proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		// Completing the occurrence may end the item's reminders (a
		// one-off obligation is done): describe it as it was read before.
		r, err = before, nil
		if r == nil {
			r, err = reminderFromKey(act.Value)
		}
	}
	if err != nil {
		return nil, err
	}
	if act.ActionID == reminder.ActionOpen {
		resp := reminder.Message(lang, r, now, h.k.Zone(ctx), i18n.T(lang, "reminder.status.opened"))
		resp.Ephemeral = true
		return resp, nil
	}
	resp := reminder.Message(lang, r, now, h.k.Zone(ctx), status)
	// Replaced in place: the channel sees who acted, and without the Done
	// button the same occurrence cannot be pressed done twice from it.
	resp.Replace = true
	return resp, nil
}

// reminderFromKey describes an item occurrence from its key alone.
func reminderFromKey(key string) (*proxenos.Reminder, error) {
	kind, id, sub, occ, ok := proxenos.ParseItemKey(key)
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "reminder.invalid.item")
	}
	return &proxenos.Reminder{Kind: kind, ItemID: id, Sub: sub, Occurrence: occ, Title: id}, nil
}

// digestSub is `/ir digest`.
func (h *Handler) digestSub() handlers.Subcommand {
	return handlers.Subcommand{Name: "digest", Aliases: []string{"σύνοψη"},
		Usage: "help.ir.digest.usage", Description: "help.ir.digest.description", Handler: h.irDigest}
}

// remindersSub is `/ir reminders [days]`.
func (h *Handler) remindersSub() handlers.Subcommand {
	return handlers.Subcommand{Name: "reminders", Aliases: []string{"υπενθυμίσεις"},
		Usage: "help.ir.reminders.usage", Description: "help.ir.reminders.description",
		Examples: []string{"help.ir.reminders.example"}, Handler: h.irReminders}
}
