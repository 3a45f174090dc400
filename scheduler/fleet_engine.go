package scheduler

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// The reminder commands and buttons of a distribution-mode deployment
// act on the Scheduler of the workspace in their context.

// engine returns the Scheduler of the workspace in ctx: ECONFLICT
// (reminder.setup) when it has no office channel yet.
func (f *Fleet) engine(ctx context.Context) (*Scheduler, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	s, err := f.member(ctx, team)
	if err == nil && s == nil {
		err = proxenos.Errorf(proxenos.ECONFLICT, "reminder.setup")
	}
	return s, err
}

// Digest is Scheduler.Digest of the workspace in ctx.
func (f *Fleet) Digest(ctx context.Context, lang i18n.Lang) (*chat.Response, error) {
	s, err := f.engine(ctx)
	if err != nil {
		return nil, err
	}
	return s.Digest(ctx, lang)
}

// Upcoming is Scheduler.Upcoming of the workspace in ctx.
func (f *Fleet) Upcoming(ctx context.Context, lang i18n.Lang, days int) (*chat.Response, error) {
	s, err := f.engine(ctx)
	if err != nil {
		return nil, err
	}
	return s.Upcoming(ctx, lang, days)
}

// FindReminder is Scheduler.FindReminder of the workspace in ctx.
func (f *Fleet) FindReminder(ctx context.Context, itemKey string) (*proxenos.Reminder, error) {
	s, err := f.engine(ctx)
	if err != nil {
		return nil, err
	}
	return s.FindReminder(ctx, itemKey)
}

// CompleteReminder is Scheduler.CompleteReminder of the workspace in ctx.
func (f *Fleet) CompleteReminder(ctx context.Context, itemKey string) error {
	s, err := f.engine(ctx)
	if err != nil {
		return err
	}
	return s.CompleteReminder(ctx, itemKey)
}

// SnoozeReminder is Scheduler.SnoozeReminder of the workspace in ctx.
func (f *Fleet) SnoozeReminder(ctx context.Context, itemKey string, until time.Time) error {
	s, err := f.engine(ctx)
	if err != nil {
		return err
	}
	return s.SnoozeReminder(ctx, itemKey, until)
}
