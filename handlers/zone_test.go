package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// The two workspaces of the zone tests: Maroussi's, in the deployment's
// zone (Athens), and a twin town's office in Tokyo, seven hours ahead.
const (
	athensTeam = "T0ATHENS"
	tokyoTeam  = "T0TOKYO"
)

var tokyo = mustLoad("Asia/Tokyo")

// lateAfternoon is 18:00 on 26 November in Athens: already 01:00 on the
// 27th in Tokyo.
var lateAfternoon = time.Date(2026, 11, 26, 18, 0, 0, 0, athens)

// newZoneEnv returns a callEnv in distribution mode whose clock says now:
// athensTeam set no zone and gets the deployment's, tokyoTeam chose
// Asia/Tokyo with /ir setup.
func newZoneEnv(t *testing.T, now time.Time) *callEnv {
	t.Helper()
	env := newCallEnv(t)
	env.h.Now = func() time.Time { return now }
	env.db.Now = env.h.Now
	env.h.Workspaces = &handlers.Workspaces{Store: sqlite.NewSettingsService(env.db),
		Defaults: proxenos.Settings{Timezone: "Europe/Athens"}}
	if err := env.h.Workspaces.Save(proxenos.NewContextWithTeam(t.Context(), tokyoTeam), &proxenos.Settings{Timezone: "Asia/Tokyo"}); err != nil {
		t.Fatal(err)
	}
	return env
}

// runIn sends a slash command as user U1 of team, in English.
func (e *testEnv) runIn(t *testing.T, team, command, text string) *chat.Response {
	t.Helper()
	resp := e.h.HandleCommand(context.Background(), &chat.Request{Team: team, User: "U1", Channel: "C1", Lang: i18n.English, Command: command, Text: text})
	e.checkGreek(t, i18n.English, command+" "+text, resp)
	return resp
}

// teamCtx is a store's context for team.
func teamCtx(team string) context.Context {
	return proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")
}

// onlyEntry returns the one entry team logged.
func (e *testEnv) onlyEntry(t *testing.T, team string) *proxenos.Correspondence {
	t.Helper()
	entries, total, err := e.corr.FindCorrespondence(teamCtx(team), proxenos.CorrespondenceFilter{})
	if err != nil || total != 1 {
		t.Fatalf("%s: %d entries (%v), want 1", team, total, err)
	}
	return entries[0]
}

// TestZone_TypedDate checks that a date typed in a workspace is midnight
// of that day in the workspace's zone, and that "today" is the
// workspace's day: at 18:00 in Athens it is already tomorrow in Tokyo.
func TestZone_TypedDate(t *testing.T) {
	for _, tt := range []struct {
		name, typed string
		want        func(*time.Location) time.Time
	}{
		{"Date", "15/3/2026", func(loc *time.Location) time.Time { return time.Date(2026, 3, 15, 0, 0, 0, 0, loc) }},
		{"Today", "today", func(loc *time.Location) time.Time { return handlers.DateOnly(lateAfternoon.In(loc)) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := newZoneEnv(t, lateAfternoon)
			for team, loc := range map[string]*time.Location{athensTeam: athens, tokyoTeam: tokyo} {
				env.runIn(t, team, "/corr", `in from:"Stadt Köln" subject:"Invitation" date:`+tt.typed)
				if got, want := env.onlyEntry(t, team).Date, tt.want(loc); !got.Equal(want) {
					t.Errorf("%s: date:%s stored as %s, want %s", team, tt.typed, got.In(loc), want)
				}
			}
		})
	}
}

// TestZone_StoredDateShown checks that an entry dated midnight of 15
// March in its workspace's zone is shown as 15 March there — in Athens
// that instant is still the 14th — in a list, on its page, in an export
// and in the form that edits it.
func TestZone_StoredDateShown(t *testing.T) {
	env := newZoneEnv(t, lateAfternoon)
	c := &proxenos.Correspondence{Direction: proxenos.Incoming, Counterpart: "Stadt Köln", Subject: "Invitation",
		Date: time.Date(2026, 3, 15, 0, 0, 0, 0, tokyo), LoggedBy: "U1", Protocol: proxenos.ProtocolNumber{Year: 2026}}
	if err := env.corr.CreateCorrespondence(teamCtx(tokyoTeam), c); err != nil {
		t.Fatal(err)
	}
	number := c.Protocol.String()
	for _, text := range []string{"show " + number, "list"} {
		if got := allText(env.runIn(t, tokyoTeam, "/corr", text)); !strings.Contains(got, "15 Mar 2026") || strings.Contains(got, "14 Mar 2026") {
			t.Errorf("/corr %s in Tokyo shows %q, want the date 15 Mar 2026", text, got)
		}
	}
	if rows := readCSV(t, env.runIn(t, tokyoTeam, "/corr", "export 2026"), ','); len(rows) != 2 || rows[1][2] != "2026-03-15" {
		t.Errorf("the export holds %q, want the entry dated 2026-03-15", rows)
	}
	m := env.runIn(t, tokyoTeam, "/corr", "edit "+number).Modal
	if m == nil {
		t.Fatal("/corr edit opened no form")
	}
	for _, in := range m.Inputs {
		if in.ID == "date" && in.Initial != "2026-03-15" {
			t.Errorf("the form shows the date %q, want 2026-03-15", in.Initial)
		}
	}
}

// TestZone_DaysLeft checks that a deadline at noon in Brussels on 30
// November is shown in each workspace's time of day, and "in N days"
// counts the workspace's days: 4 from Athens's 26th, 3 from Tokyo's 27th.
// The Home counts them the same way.
func TestZone_DaysLeft(t *testing.T) {
	env := newZoneEnv(t, lateAfternoon)
	for _, tt := range []struct{ team, deadline, days string }{
		{athensTeam, "30 Nov 2026, 13:00 (12:00 Brussels time)", "in 4 days"},
		{tokyoTeam, "30 Nov 2026, 20:00 (12:00 Brussels time)", "in 3 days"},
	} {
		env.runIn(t, tt.team, "/call", `add id:`+townTT+` title:"Town twinning" deadline:"30/11/2026 12:00" owner:<@U1>`)
		show := allText(env.runIn(t, tt.team, "/call", "show "+townTT))
		for _, want := range []string{tt.deadline, tt.days} {
			if !strings.Contains(show, want) {
				t.Errorf("%s: /call show says %q, want %q", tt.team, show, want)
			}
		}
		home := allText(env.h.HandleHomeOpened(context.Background(), &chat.Event{Team: tt.team, User: "U1", Lang: i18n.English}))
		if !strings.Contains(home, tt.days) {
			t.Errorf("%s: the Home says %q, want %q", tt.team, home, tt.days)
		}
	}
}

// TestZone_EveryEntryPoint checks that commands, buttons, forms, events
// and the Home all run in the zone of their workspace, for the handlers
// (Zone, Clock) and for the stores (ZoneFromContext); and that a kernel
// without Workspaces serves the deployment's zone.
func TestZone_EveryEntryPoint(t *testing.T) {
	k := handlers.NewHandler()
	k.Location = athens
	var seen []string
	record := func(ctx context.Context) {
		seen = append(seen, k.Zone(ctx).String()+" "+proxenos.ZoneFromContext(ctx).String()+" "+k.Clock(ctx).Location().String())
	}
	k.MustRegister(handlers.Module{
		Commands: []*handlers.Command{{Name: "/zone", Usage: "help.ir.usage", Handler: func(ctx context.Context, _ *chat.Request) (*chat.Response, error) {
			record(ctx)
			return nil, nil
		}}},
		Buttons: []handlers.Button{{ID: "zone_button", Run: func(ctx context.Context, _ *chat.Action) (*chat.Response, error) {
			record(ctx)
			return nil, nil
		}}},
		Forms: []handlers.Form{{CallbackID: "zone_form", Submit: func(ctx context.Context, _ *chat.Submission) (*chat.Response, error) {
			record(ctx)
			return nil, nil
		}}},
		Mention: func(ctx context.Context, _ *chat.Event) (*chat.Response, error) {
			record(ctx)
			return nil, nil
		},
		Home: func(ctx context.Context, _, _ string, _ i18n.Lang, _ string) *chat.Response {
			record(ctx)
			return &chat.Response{Home: true}
		},
	})
	visit := func(team string) []string {
		seen = nil
		ctx := context.Background()
		k.HandleCommand(ctx, &chat.Request{Team: team, User: "U1", Command: "/zone"})
		k.HandleAction(ctx, &chat.Action{Team: team, User: "U1", ActionID: "zone_button"})
		k.HandleSubmission(ctx, &chat.Submission{Team: team, User: "U1", CallbackID: "zone_form"})
		k.HandleMention(ctx, &chat.Event{Team: team, User: "U1", Text: "hello"})
		k.HandleHomeOpened(ctx, &chat.Event{Team: team, User: "U1"})
		return seen
	}
	check := func(mode, team string, want *time.Location) {
		t.Helper()
		got := visit(team)
		if len(got) != 5 {
			t.Fatalf("%s: %d of the 5 entry points ran: %q", mode, len(got), got)
		}
		for i, g := range got {
			if w := strings.Repeat(want.String()+" ", 3); g+" " != w {
				t.Errorf("%s, entry point %d: zones %q, want %s everywhere", mode, i, g, want)
			}
		}
	}
	check("single workspace", tokyoTeam, athens)
	k.Workspaces = &handlers.Workspaces{Store: fixedSettings{tokyoTeam: {Timezone: "Asia/Tokyo"}}}
	check("Tokyo", tokyoTeam, tokyo)
	check("no zone set, no default", athensTeam, athens)
	// A background context, not scoped by the kernel: the deployment's.
	if got := k.Zone(context.Background()); got != athens {
		t.Errorf("Zone of an unscoped context: %s, want Europe/Athens", got)
	}
}

// TestZone_UnknownName checks that a workspace whose zone the tz database
// no longer knows is served in the deployment's zone, with a warning
// naming the zone.
func TestZone_UnknownName(t *testing.T) {
	env := newTestEnv(t)
	env.h.Workspaces = &handlers.Workspaces{Store: fixedSettings{testTeam: {Timezone: "Atlantis/Poseidonia"}}}
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:"Invitation" date:15/3/2026`)
	if got, want := env.onlyEntry(t, testTeam).Date, time.Date(2026, 3, 15, 0, 0, 0, 0, athens); !got.Equal(want) {
		t.Errorf("stored %s, want %s: the deployment's midnight", got, want)
	}
	if logs := env.logs.String(); !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "Atlantis/Poseidonia") {
		t.Errorf("no warning names the unknown zone: %s", logs)
	}
}

// TestWorkspaces_Location checks that a zone is loaded once for every
// workspace that names it, and that an unknown name is an error.
func TestWorkspaces_Location(t *testing.T) {
	var w handlers.Workspaces
	first, err := w.Location("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := w.Location("Asia/Tokyo"); again != first {
		t.Error("Asia/Tokyo was loaded twice")
	}
	if _, err := w.Location("Atlantis/Poseidonia"); err == nil {
		t.Error("an unknown zone loaded")
	}
	if _, err := w.Location("../../etc/passwd"); err == nil {
		t.Error("a path loaded as a zone")
	}
}

// fixedSettings is a settings store holding each team's settings as
// given, unchecked: a zone may have vanished from the tz database since.
type fixedSettings map[string]*proxenos.Settings

func (f fixedSettings) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	if s, ok := f[proxenos.TeamFromContext(ctx)]; ok {
		return s, nil
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "settings.not_found")
}

func (f fixedSettings) SaveSettings(context.Context, *proxenos.Settings) error {
	return nil
}
