package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"

	"github.com/proxenos/proxenos"
)

// Defaults of the Fleet's settings.
const (
	// DefaultWorkspaceBudget is the longest one workspace's round may take
	// in a tick: a slow or failing Slack of one municipality is cut off
	// then, and its unfinished sends are retried at later ticks. It is
	// long enough for a busy morning paced at Slack's one post a second.
	DefaultWorkspaceBudget = 4 * time.Minute
	// DefaultFleetWorkers is how many workspaces are served at once:
	// a round mostly waits on Slack and the store.
	DefaultFleetWorkers = 8
)

// ErrFleetStarted is Start called twice.
var ErrFleetStarted = errors.New("scheduler: fleet already started")

// Installed lists the installations of a deployment;
// proxenos.InstallationService does.
type Installed interface {
	// EachInstallation calls f with every installation, active or not,
	// until f returns an error.
	EachInstallation(ctx context.Context, f func(*proxenos.Installation) error) error
}

// Fleet is the reminder engine of a deployment serving many workspaces
// (distribution mode): one lease and one tick for all of them. At each
// tick it walks the active installations and, for each workspace with an
// office channel in its Settings, plans and sends that workspace's
// reminders and digest to its channel, with its own days, times,
// language and zone (unset ones take the deployment's, the options of
// NewFleet). A workspace without a channel gets none. Workspaces are
// served apart: one's error, panic or slow Slack is logged and cut off
// by Budget, and the others go on.
//
// Each workspace has a Scheduler of its own, kept between ticks (made
// again when its settings change), with the delivery keys of a
// single-workspace deployment: moving from one mode to the other doubles
// nothing.
//
// A workspace's round runs in its zone (proxenos.NewContextWithZone):
// the store reads its days, and its reminders and digest go out by its
// clock.
type Fleet struct {
	Installations Installed
	Settings      proxenos.SettingsService
	Budget        time.Duration // one workspace's round per tick
	Workers       int           // workspaces served at once

	base *Scheduler // the deployment's settings, services and poster
	opts []Option   // the options base was made with, for each workspace

	mu      sync.Mutex
	cron    gocron.Scheduler
	members map[string]*member
}

// member is the Scheduler of one workspace and the settings it was made
// with.
type member struct {
	s        *Scheduler
	settings time.Time // their UpdatedAt
}

// NewFleet returns the Fleet of the installations, whose workspaces'
// settings are in settings, with the deployment's defaults changed by
// opts (as for New: the error of the first setting out of bounds).
func NewFleet(installations Installed, settings proxenos.SettingsService,
	reminders proxenos.ReminderService, calls proxenos.CallService, agreements proxenos.AgreementService,
	poster Poster, opts ...Option) (*Fleet, error) {
	base := defaults()
	base.Reminders, base.Calls, base.Agreements, base.Poster = reminders, calls, agreements, poster
	if err := base.apply(opts); err != nil {
		return nil, err
	}
	return &Fleet{Installations: installations, Settings: settings, Budget: DefaultWorkspaceBudget,
		Workers: DefaultFleetWorkers, base: base, opts: slices.Clone(opts), members: map[string]*member{}}, nil
}

// Start starts the gocron jobs: the lease every third of its TTL and the
// fleet's tick every TickInterval (at once first), on the replica holding
// the lease only. Each workspace's digest goes out with the first tick
// from its DigestTime.
func (f *Fleet) Start(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cron != nil {
		return ErrFleetStarted
	}
	b := f.base
	cron, err := b.startCron(ctx, b.newElector(), []cronJob{b.leaseJob(),
		{gocron.DurationJob(b.TickInterval), "fleet tick", f.Tick,
			[]gocron.JobOption{gocron.WithStartAt(gocron.WithStartImmediately())}}})
	if err != nil {
		return err
	}
	f.cron = cron
	return nil
}

// Stop stops the jobs and waits for a running tick to finish.
func (f *Fleet) Stop() error {
	f.mu.Lock()
	cron := f.cron
	f.cron = nil
	f.mu.Unlock()
	if cron == nil {
		return nil
	}
	return cron.Shutdown()
}

// Tick does one round for every active installation, Workers at a time,
// each within Budget. It returns the errors of the workspaces that
// failed (each also logged), after serving all the others.
func (f *Fleet) Tick(ctx context.Context) error {
	var teams []string
	err := f.Installations.EachInstallation(ctx, func(inst *proxenos.Installation) error {
		if inst.Active() {
			teams = append(teams, inst.Team)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("scheduler: installations: %w", err)
	}
	f.forgetAllBut(teams)
	work := make(chan string)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range max(1, min(f.Workers, len(teams))) {
		wg.Go(func() {
			for team := range work {
				if err := f.tickTeam(ctx, team); err != nil {
					f.base.Logger.Error("reminders of a workspace failed", "team", team, "error", err)
					mu.Lock()
					errs = append(errs, fmt.Errorf("workspace %s: %w", team, err))
					mu.Unlock()
				}
			}
		})
	}
	for _, team := range teams {
		work <- team
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

// tickTeam does team's round within Budget; a panic is its error.
func (f *Fleet) tickTeam(ctx context.Context, team string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scheduler: panic: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(ctx, team), f.Budget)
	defer cancel()
	s, err := f.member(ctx, team)
	if s == nil || err != nil {
		return err
	}
	return s.Tick(proxenos.NewContextWithZone(ctx, s.Location))
}

// member returns the Scheduler of the workspace in ctx, made again when
// its settings changed; nil when the workspace has no office channel.
func (f *Fleet) member(ctx context.Context, team string) (*Scheduler, error) {
	set, err := f.Settings.FindSettings(ctx)
	switch {
	case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
		set = &proxenos.Settings{}
	case err != nil:
		return nil, err
	}
	f.mu.Lock()
	m := f.members[team]
	f.mu.Unlock()
	if set.Channel == "" {
		f.forget(team)
		return nil, nil
	}
	if m != nil && m.s.Channel == set.Channel && m.settings.Equal(set.UpdatedAt) {
		return m.s, nil
	}
	opts, err := settingsOptions(set)
	if err != nil {
		return nil, err
	}
	b := f.base
	s, err := New(team, set.Channel, b.Reminders, b.Calls, b.Agreements, b.Poster, append(slices.Clone(f.opts), opts...)...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: settings of the workspace: %w", err)
	}
	if m != nil {
		s.takeOver(m.s)
	}
	f.mu.Lock()
	f.members[team] = &member{s: s, settings: set.UpdatedAt}
	f.mu.Unlock()
	return s, nil
}

// takeOver keeps what old knew of the deliveries: the keys seen claimed,
// and the outcomes the store has still to take.
func (s *Scheduler) takeOver(old *Scheduler) {
	old.mu.Lock()
	defer old.mu.Unlock()
	s.known, s.unfinished = old.known, old.unfinished
}

// forget drops the Scheduler of team.
func (f *Fleet) forget(team string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.members, team)
}

// forgetAllBut drops the Schedulers of the workspaces not in teams (no
// longer installed).
func (f *Fleet) forgetAllBut(teams []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for team := range f.members {
		if !slices.Contains(teams, team) {
			delete(f.members, team)
		}
	}
}

// settingsOptions returns the options of a workspace's settings that are
// set; the others keep the deployment's.
func settingsOptions(set *proxenos.Settings) ([]Option, error) {
	var opts []Option
	if set.Lang != "" {
		opts = append(opts, WithLang(set.Lang))
	}
	if set.Timezone != "" {
		loc, err := time.LoadLocation(set.Timezone)
		if err != nil {
			return nil, fmt.Errorf("scheduler: time zone %q: %w", set.Timezone, err)
		}
		opts = append(opts, WithLocation(loc))
	}
	for _, d := range []struct {
		days []int
		with func(...int) Option
	}{{set.CallDays, WithCallDays}, {set.ObligationDays, WithObligationDays}, {set.AgreementDays, WithAgreementDays}} {
		if d.days != nil {
			opts = append(opts, d.with(d.days...))
		}
	}
	for _, t := range []struct {
		at   string
		with func(TimeOfDay) Option
	}{{set.ReminderTime, WithMorning}, {set.DigestTime, WithDigestTime}} {
		if t.at == "" {
			continue
		}
		at, err := ParseTimeOfDay(t.at)
		if err != nil {
			return nil, err
		}
		opts = append(opts, t.with(at))
	}
	return opts, nil
}

// ParseTimeOfDay reads a time of day written "09:00" or "9:00".
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hour, herr := strconv.Atoi(h)
	minute, merr := strconv.Atoi(m)
	if !ok || herr != nil || merr != nil || len(m) != 2 {
		return TimeOfDay{}, fmt.Errorf("scheduler: %q is not a time of day such as 09:00", s)
	}
	return TimeOfDay{Hour: hour, Minute: minute}, nil
}
