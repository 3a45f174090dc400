package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// settingsFake keeps each workspace's settings in memory.
type settingsFake struct {
	mu  sync.Mutex
	set map[string]*proxenos.Settings
}

func (f *settingsFake) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.set[proxenos.TeamFromContext(ctx)]
	if !ok {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "settings.not_found")
	}
	c := *s
	return &c, nil
}

func (f *settingsFake) SaveSettings(ctx context.Context, s *proxenos.Settings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *s
	f.set[proxenos.TeamFromContext(ctx)] = &c
	return nil
}

// teamPost is a post and the workspace whose token it went with: the
// bot picks the token by the team in the context.
type teamPost struct {
	team, where string
	reminder    bool   // else a digest
	zone        string // of the context it went with
}

// teamPoster records posts by workspace; act, when set, may refuse,
// block or panic for one.
type teamPoster struct {
	mu    sync.Mutex
	posts []teamPost
	act   func(ctx context.Context, team string) error
}

func (p *teamPoster) Post(ctx context.Context, where string, resp *chat.Response) (string, error) {
	team := proxenos.TeamFromContext(ctx)
	if p.act != nil {
		if err := p.act(ctx, team); err != nil {
			return "", err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.posts = append(p.posts, teamPost{team, where, isReminder(resp), proxenos.ZoneFromContext(ctx).String()})
	return "1.0", nil
}

// of returns the reminders posted with team's token, each "where".
func (p *teamPoster) of(team string) []string { return p.where(team, true) }

// digests returns where team's digests went.
func (p *teamPoster) digests(team string) []string { return p.where(team, false) }

func (p *teamPoster) where(team string, reminders bool) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, x := range p.posts {
		if x.team == team && x.reminder == reminders {
			out = append(out, x.where)
		}
	}
	return out
}

// fleetEnv is a store with installed workspaces, their settings and a
// call each whose deadline is tomorrow at 17:00.
type fleetEnv struct {
	*env
	installs *sqlite.InstallationService
	settings *settingsFake
}

func newFleetEnv(t *testing.T, start time.Time) *fleetEnv {
	e := &fleetEnv{env: newEnv(t, start), settings: &settingsFake{set: map[string]*proxenos.Settings{}}}
	e.installs = sqlite.NewInstallationService(e.db)
	return e
}

// install installs team with settings set (nil: none saved) and a call
// due the day after start, at 17:00.
func (e *fleetEnv) install(t *testing.T, team string, set *proxenos.Settings) {
	t.Helper()
	bg := context.Background()
	if err := e.installs.SaveInstallation(bg, &proxenos.Installation{Team: team, BotToken: "xoxb-" + team}); err != nil {
		t.Fatal(err)
	}
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(bg, team), "U0STAFF")
	if set != nil {
		set.UpdatedAt = e.clock.Now()
		if err := e.settings.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	y, m, d := e.clock.Now().In(athens).Date()
	c := &proxenos.Call{Identifier: "CERV-2027-" + team, Title: "Town twinning " + team, Programme: proxenos.ProgrammeCERV,
		Status: proxenos.CallWatching, Owner: owner,
		Deadlines: []proxenos.Deadline{{At: time.Date(y, m, d+1, 17, 0, 0, 0, proxenos.DeadlineLocation())}}}
	if err := sqlite.NewCallService(e.db).CreateCall(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// fleet returns a Fleet on its own open of the store, as a process
// starting would make it.
func (e *fleetEnv) fleet(t *testing.T, p scheduler.Poster) *scheduler.Fleet {
	t.Helper()
	db := e.open(t)
	f, err := scheduler.NewFleet(sqlite.NewInstallationService(db), e.settings, sqlite.NewReminderService(db),
		sqlite.NewCallService(db), sqlite.NewAgreementService(db), p, scheduler.WithClock(e.clock), scheduler.WithHolder("fleet"),
		scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fleetStart is a Wednesday 09:00 in Athens, a working day before a
// working day.
var fleetStart = time.Date(2026, 12, 9, 9, 0, 0, 0, athens)

func TestFleet_EachWorkspaceToItsChannel(t *testing.T) {
	e := newFleetEnv(t, fleetStart)
	e.install(t, "TA", &proxenos.Settings{Channel: "CA"})
	// B's reminders go out at 10:00, one day before only.
	e.install(t, "TB", &proxenos.Settings{Channel: "CB", ReminderTime: "10:00", CallDays: []int{1}})
	e.install(t, "TC", &proxenos.Settings{Channel: "CC"})
	if err := e.installs.MarkUninstalled(context.Background(), "TC", fleetStart); err != nil {
		t.Fatal(err)
	}
	e.install(t, "TD", nil)                            // never set up
	e.install(t, "TE", &proxenos.Settings{Lang: "en"}) // set up without a channel
	p := &teamPoster{}
	f := e.fleet(t, p)
	if err := f.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The call's reminder of one day before, to the channel and the owner.
	if got, want := p.of("TA"), []string{"CA", owner}; !slices.Equal(got, want) {
		t.Errorf("A's posts at 09:00 = %v, want %v", got, want)
	}
	if got := p.of("TB"); len(got) != 0 {
		t.Errorf("B's posts at 09:00 = %v, want none before its 10:00", got)
	}
	e.clock.Advance(time.Hour)
	if err := f.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := p.of("TB"), []string{"CB", owner}; !slices.Equal(got, want) {
		t.Errorf("B's posts by 10:00 = %v, want %v", got, want)
	}
	if got := p.of("TA"); len(got) != 2 {
		t.Errorf("A's posts by 10:00 = %v, want the two of 09:00 only", got)
	}
	if got := p.digests("TB"); !slices.Equal(got, []string{"CB"}) {
		t.Errorf("B's digests went to %v, want CB once", got)
	}
	for _, team := range []string{"TC", "TD", "TE"} {
		if got := p.where(team, true); len(got) != 0 || len(p.digests(team)) != 0 {
			t.Errorf("%s (uninstalled or without a channel) had posts %v", team, got)
		}
	}
	for _, x := range p.posts {
		if x.where == "CA" && x.team != "TA" || x.where == "CB" && x.team != "TB" {
			t.Errorf("a post to %s went with %s's token", x.where, x.team)
		}
	}
}

func TestFleet_OneWorkspaceFailingStopsNoOther(t *testing.T) {
	e := newFleetEnv(t, fleetStart)
	// Served in team order, one at a time: the slow and the broken come first.
	e.install(t, "T1SLOW", &proxenos.Settings{Channel: "C1"})
	e.install(t, "T2PANIC", &proxenos.Settings{Channel: "C2"})
	e.install(t, "T3BAD", &proxenos.Settings{Channel: "C3", Timezone: "Atlantis/Capital"})
	e.install(t, "T4OK", &proxenos.Settings{Channel: "C4"})
	p := &teamPoster{act: func(ctx context.Context, team string) error {
		switch team {
		case "T1SLOW": // a Slack that never answers
			<-ctx.Done()
			return ctx.Err()
		case "T2PANIC":
			panic("broken client")
		}
		return nil
	}}
	f := e.fleet(t, p)
	f.Workers, f.Budget = 1, 200*time.Millisecond
	err := f.Tick(context.Background())
	if got, want := p.of("T4OK"), []string{"C4", owner}; !slices.Equal(got, want) {
		t.Errorf("the healthy workspace's posts = %v, want %v", got, want)
	}
	for _, team := range []string{"T2PANIC", "T3BAD"} {
		if err == nil || !strings.Contains(err.Error(), team) {
			t.Errorf("Tick's error %v does not name %s", err, team)
		}
	}
}

func TestFleet_NoDuplicateAfterRestart(t *testing.T) {
	e := newFleetEnv(t, fleetStart)
	e.install(t, "TA", &proxenos.Settings{Channel: "CA"})
	p := &teamPoster{}
	// The workspace was served in single-workspace mode until now.
	db := e.open(t)
	single, err := scheduler.New("TA", "CA", sqlite.NewReminderService(db), sqlite.NewCallService(db),
		sqlite.NewAgreementService(db), p, scheduler.WithClock(e.clock), scheduler.WithHolder("single"),
		scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if err := single.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(p.of("TA")); got != 2 {
		t.Fatalf("single-workspace posts = %d, want 2", got)
	}
	// Then in distribution mode, and a restart of that.
	for range 2 {
		e.clock.Advance(time.Minute)
		if err := e.fleet(t, p).Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.of("TA"); len(got) != 2 {
		t.Errorf("posts after the fleet's ticks = %v, want the first two only", got)
	}
}

func TestFleet_CommandsActOnTheirWorkspace(t *testing.T) {
	e := newFleetEnv(t, fleetStart)
	e.install(t, "TA", &proxenos.Settings{Channel: "CA"})
	e.install(t, "TB", &proxenos.Settings{Channel: "CB"})
	e.install(t, "TD", nil)
	f := e.fleet(t, &teamPoster{})
	var engine ir.ReminderEngine = f
	at := func(team string) context.Context { return proxenos.NewContextWithTeam(context.Background(), team) }
	resp, err := engine.Upcoming(at("TA"), "en", 7)
	if err != nil {
		t.Fatal(err)
	}
	text := fmt.Sprint(resp.Text, resp.Blocks)
	if !strings.Contains(text, "Town twinning TA") || strings.Contains(text, "Town twinning TB") {
		t.Errorf("A's upcoming reminders: %s", text)
	}
	if _, err := engine.Upcoming(at("TD"), "en", 7); proxenos.ErrorCode(err) != proxenos.ECONFLICT {
		t.Errorf("a workspace without a channel: %v, want ECONFLICT asking for /ir setup", err)
	}
}

// TestFleet_WorkspaceZone checks that a workspace's round runs in its
// zone: what it reads and posts is reckoned in its days, not the
// deployment's.
func TestFleet_WorkspaceZone(t *testing.T) {
	e := newFleetEnv(t, fleetStart)
	e.install(t, "TA", &proxenos.Settings{Channel: "CA"})
	// Nicosia keeps Athens's clock; its zone is its own all the same.
	e.install(t, "TN", &proxenos.Settings{Channel: "CN", Timezone: "Asia/Nicosia"})
	p := &teamPoster{}
	f := e.fleet(t, p)
	if err := f.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"TA": proxenos.OfficeZone().String(), "TN": "Asia/Nicosia"}
	seen := map[string]bool{}
	for _, x := range p.posts {
		seen[x.team] = true
		if x.zone != want[x.team] {
			t.Errorf("%s's post to %s went in zone %s, want %s", x.team, x.where, x.zone, want[x.team])
		}
	}
	if !seen["TA"] || !seen["TN"] {
		t.Fatalf("posts %v, want some of each workspace", p.posts)
	}
}
