package main

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
)

// newWorkspaces returns each workspace's settings as serve reads them in
// distribution mode, with the process settings as the deployment's
// defaults; nil in single-workspace mode, whose settings are the
// process's alone.
func (m *Main) newWorkspaces() *handlers.Workspaces {
	if !m.distributed() {
		return nil
	}
	return &handlers.Workspaces{Store: m.Store.Settings, Defaults: m.Config.defaultSettings()}
}

// defaultSettings are the process settings as a workspace's defaults.
// No office channel: a channel belongs to one workspace. Settings that
// do not parse are left empty (Validate refuses them at start-up).
func (c *Config) defaultSettings() proxenos.Settings {
	s := proxenos.Settings{Lang: c.Lang(), Timezone: c.Office.Timezone,
		ReminderTime: c.Reminders.Time, DigestTime: c.Reminders.DigestTime,
		OfficeDomains: c.Office.Domains, OfficeNames: c.Office.Names}
	s.CallDays, _ = parseDays(c.Reminders.CallDays)
	s.ObligationDays, _ = parseDays(c.Reminders.ObligationDays)
	s.AgreementDays, _ = parseDays(c.Reminders.AgreementDays)
	if c.LLM.MonthlyTokens != "" {
		n, _ := c.LLM.parse("PROXENOS_LLM_MONTHLY_TOKENS")
		s.MonthlyTokens = int(n)
	}
	return s
}

// workspaceOffice returns the office channel a workspace set with
// /ir setup and its zone as its requests have it, for its calendar feed;
// no channel when its settings cannot be read.
func (m *Main) workspaceOffice(ctx context.Context, team string) (string, *time.Location) {
	loc := m.Handler.WorkspaceZone(ctx, team)
	s, err := m.Workspaces.Effective(ctx, team)
	if err != nil {
		m.Logger.Warn("reading the workspace's settings failed; its feed links no channel", "team", team, "err", err)
		return "", loc
	}
	return s.Channel, loc
}

// teamLang returns the language a workspace chose with /ir setup, ""
// when it chose none: the bot's default language of the workspace.
func (m *Main) teamLang(ctx context.Context, team string) i18n.Lang {
	s, err := m.Workspaces.Settings(ctx, team)
	if err != nil {
		m.Logger.Warn("reading the workspace's settings failed; using the default language", "team", team, "err", err)
		return ""
	}
	return s.Lang
}

// workspaceDesk is the letter desk of distribution mode: each
// workspace's letters are read as its office's (its mail domains and
// names from /ir setup, else the deployment's), and by the rules alone
// where it turned the model off.
type workspaceDesk struct {
	*letter.Desk
	rules *letter.Desk // the same desk without its model
	k     *handlers.Handler
}

// Fields finds the form's fields in l for the workspace in ctx, by the
// model only where it allows it.
func (s *workspaceDesk) Fields(ctx context.Context, l *letter.Letter) (letter.Fields, error) {
	ctx, err := s.office(ctx)
	if err != nil { // the workspace's settings cannot be read: the rules, as the deployment's office
		f, _ := s.rules.Fields(ctx, l)
		return f, err
	}
	off, _, err := s.k.Model(ctx)
	if err != nil || off || s.Desk.Model == nil {
		f, _ := s.rules.Fields(ctx, l)
		return f, err
	}
	return s.Desk.Fields(ctx, l)
}

// KnowsOffice reports whether the workspace in ctx has an office's mail
// domains or names, its own or the deployment's.
func (s *workspaceDesk) KnowsOffice(ctx context.Context) bool {
	ctx, err := s.office(ctx)
	return err == nil && s.Desk.KnowsOffice(ctx)
}

// office returns ctx with the office of its workspace.
func (s *workspaceDesk) office(ctx context.Context) (context.Context, error) {
	domains, names, err := s.k.Office(ctx)
	if err != nil {
		return ctx, err
	}
	return letter.NewContextWithOffice(ctx, letter.Office{Domains: domains, Names: names}), nil
}
