// Package ir is the office's own subcommands of /ir: the digest and the
// coming reminders (and the reminder buttons), the private calendar feed,
// and the report of a period for the Mayor.
package ir

import (
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/report"
)

// Handler answers /ir digest, reminders, calendar and report. While
// Reminders is nil the reminder subcommands and buttons say that
// reminders are not set up; while CalendarFeeds or PublicURL is unset,
// /ir calendar says it is not.
type Handler struct {
	k         *handlers.Handler
	Report    report.Source
	Reminders ReminderEngine // *scheduler.Scheduler

	// The calendar feed: /ir calendar hands out addresses under PublicURL
	// (e.g. https://proxenos.maroussi.gr).
	CalendarFeeds proxenos.CalendarService
	PublicURL     string
}

// New returns the /ir module of kernel k, reporting over the registers
// of src.
func New(k *handlers.Handler, src report.Source) *Handler {
	return &Handler{k: k, Report: src}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	m := handlers.Module{Commands: []*handlers.Command{{Name: "/ir", Subcommands: []handlers.Subcommand{
		h.digestSub(), h.remindersSub(), h.calendarSub(), h.reportSub()}}}}
	// Done and Snooze change what falls due: the Home is refreshed.
	for _, id := range []string{reminder.ActionDone, reminder.ActionSnoozeDay, reminder.ActionSnoozeWeek} {
		m.Buttons = append(m.Buttons, handlers.Button{ID: id, Run: h.reminderAction, Changes: true})
	}
	m.Buttons = append(m.Buttons, handlers.Button{ID: reminder.ActionOpen, Run: h.reminderAction})
	return m
}
