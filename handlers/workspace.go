package handlers

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// SettingsTTL is how long a workspace's settings are trusted before they
// are read again: a change made with /ir setup on another replica shows
// within it; one made here shows at once.
const SettingsTTL = time.Minute

// Workspaces are the settings of each workspace of a distribution-mode
// deployment, read from the store and kept for SettingsTTL. The kernel
// asks them for a workspace's allow-list and default language; the
// modules for its model budget; the reminders for its channel, days and
// times. In single-workspace mode there are none (Handler.Workspaces is
// nil) and the process settings apply.
type Workspaces struct {
	Store proxenos.SettingsService
	// Defaults are the deployment's settings (the process settings):
	// Effective fills a workspace's empty fields with them, and /ir setup
	// shows them to a workspace that set nothing yet.
	Defaults proxenos.Settings
	Now      func() time.Time // default time.Now

	mu    sync.Mutex
	cache map[string]cachedSettings
	// forgets counts Forget's calls: a read that began before one may
	// hold what was just replaced, and is not kept.
	forgets uint64
	zones   map[string]*time.Location // loaded by name, each once
}

// cachedSettings are a workspace's settings as read at a time.
type cachedSettings struct {
	s    proxenos.Settings
	read time.Time
}

// Settings returns the settings team saved, or empty settings when it
// saved none. The caller must not change the slices it holds.
func (w *Workspaces) Settings(ctx context.Context, team string) (*proxenos.Settings, error) {
	now := w.now()
	w.mu.Lock()
	c, ok := w.cache[team]
	forgets := w.forgets
	w.mu.Unlock()
	if ok && now.Sub(c.read) >= 0 && now.Sub(c.read) < SettingsTTL {
		return &c.s, nil
	}
	s, err := w.Store.FindSettings(proxenos.NewContextWithTeam(ctx, team))
	switch {
	case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
		s = &proxenos.Settings{}
	case err != nil:
		return nil, err
	}
	w.mu.Lock()
	if w.cache == nil {
		w.cache = map[string]cachedSettings{}
	}
	if w.forgets == forgets {
		w.cache[team] = cachedSettings{s: *s, read: now}
	}
	w.mu.Unlock()
	return s, nil
}

// Effective returns team's settings with every empty field filled from
// the deployment's Defaults: what a workspace gets. The reminders read
// the office channel, the days and the times here.
func (w *Workspaces) Effective(ctx context.Context, team string) (*proxenos.Settings, error) {
	own, err := w.Settings(ctx, team)
	if err != nil {
		return nil, err
	}
	s, d := *own, w.Defaults
	s.Channel = or(s.Channel, d.Channel)
	s.Lang = or(s.Lang, d.Lang)
	s.Timezone = or(s.Timezone, d.Timezone)
	s.ReminderTime = or(s.ReminderTime, d.ReminderTime)
	s.DigestTime = or(s.DigestTime, d.DigestTime)
	s.MonthlyTokens = or(s.MonthlyTokens, d.MonthlyTokens)
	for _, f := range []struct{ own, def *[]int }{{&s.CallDays, &d.CallDays}, {&s.ObligationDays, &d.ObligationDays},
		{&s.AgreementDays, &d.AgreementDays}} {
		if *f.own == nil {
			*f.own = slices.Clone(*f.def)
		}
	}
	s.LLMOff = s.LLMOff || d.LLMOff
	// The office's identity goes whole: a workspace naming its own
	// domains keeps none of the deployment's names.
	if len(s.OfficeDomains) == 0 && len(s.OfficeNames) == 0 {
		s.OfficeDomains, s.OfficeNames = slices.Clone(d.OfficeDomains), slices.Clone(d.OfficeNames)
	}
	return &s, nil
}

// Location returns the zone named name (an IANA name), loaded from the
// tz database once for every workspace that names it. An error says the
// tz database does not know it: settings are checked when they are saved,
// but the database may change under them.
func (w *Workspaces) Location(name string) (*time.Location, error) {
	w.mu.Lock()
	loc, ok := w.zones[name]
	w.mu.Unlock()
	if ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	if w.zones == nil {
		w.zones = map[string]*time.Location{}
	}
	w.zones[name] = loc
	w.mu.Unlock()
	return loc, nil
}

// or returns v, or def when v is its type's zero.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Save stores s as the settings of the workspace in ctx and forgets
// what was kept of them, so that this process serves them at once.
// EINVALID naming the wrong field.
func (w *Workspaces) Save(ctx context.Context, s *proxenos.Settings) error {
	if err := w.Store.SaveSettings(ctx, s); err != nil {
		return err
	}
	w.Forget(proxenos.TeamFromContext(ctx))
	return nil
}

// Forget drops what is kept of team's settings.
func (w *Workspaces) Forget(team string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.cache, team)
	w.forgets++
}

func (w *Workspaces) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// DefaultLangOf returns the default language of team: its own setting
// in distribution mode, else (or when it cannot be read) DefaultLang.
func (h *Handler) DefaultLangOf(ctx context.Context, team string) i18n.Lang {
	if h.Workspaces != nil {
		s, err := h.Workspaces.Settings(ctx, team)
		if err == nil && s.Lang != "" {
			return s.Lang
		}
		if err != nil {
			h.Log().WarnContext(ctx, "reading the workspace's settings failed; using the default language", "team", team, "err", err)
		}
	}
	if h.DefaultLang == i18n.English {
		return i18n.English
	}
	return i18n.Greek
}

// accessOf returns who may use the registers of the workspace in ctx:
// the process's Access in single-workspace mode, the workspace's own
// allow-list and admins in distribution mode (group members read as
// Access.Members reads them, in the workspace of ctx).
func (h *Handler) accessOf(ctx context.Context) (Access, error) {
	if h.Workspaces == nil {
		return h.Access, nil
	}
	s, err := h.Workspaces.Settings(ctx, proxenos.TeamFromContext(ctx))
	if err != nil {
		return Access{}, err
	}
	a := Access{Admins: s.Admins, Members: h.Access.Members}
	for _, id := range s.AllowedUsers {
		if proxenos.IsGroupID(id) {
			a.Groups = append(a.Groups, id)
		} else {
			a.Users = append(a.Users, id)
		}
	}
	return a, nil
}

// SettingsAdmin reports whether user may change the settings of team
// with /ir setup: one of its Settings.Admins, or, as People tells, its
// installer or an admin or owner of the workspace in Slack. Always false
// in single-workspace mode, whose settings are the process's.
func (h *Handler) SettingsAdmin(ctx context.Context, team, user string) (bool, error) {
	if h.Workspaces == nil || user == "" {
		return false, nil
	}
	s, err := h.Workspaces.Settings(ctx, team)
	if err != nil {
		return false, err
	}
	if slices.Contains(s.Admins, user) {
		return true, nil
	}
	return h.People != nil && h.People.WorkspaceAdmin(ctx, team, user), nil
}

// Model returns whether the workspace in ctx turned the language model
// off, and its monthly token budget (0: the deployment's): both from its
// settings in distribution mode, off and 0 in single-workspace mode. A
// failure to read the settings is returned, so that no work is done
// against a workspace's wishes.
func (h *Handler) Model(ctx context.Context) (off bool, budget int, err error) {
	if h.Workspaces == nil {
		return false, 0, nil
	}
	s, err := h.Workspaces.Effective(ctx, proxenos.TeamFromContext(ctx))
	if err != nil {
		return false, 0, err
	}
	return s.LLMOff, s.MonthlyTokens, nil
}

// Office returns the mail domains and names of the office of the
// workspace in ctx: its own, else the deployment's defaults. In
// single-workspace mode it has none to give: nil, and the deployment's
// configuration applies.
func (h *Handler) Office(ctx context.Context) (domains, names []string, err error) {
	if h.Workspaces == nil {
		return nil, nil, nil
	}
	s, err := h.Workspaces.Effective(ctx, proxenos.TeamFromContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	return s.OfficeDomains, s.OfficeNames, nil
}
