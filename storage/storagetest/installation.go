package storagetest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// NewInstallation returns an installation of team by OAuth, with token
// rotation on.
func NewInstallation(team, name string) *proxenos.Installation {
	return &proxenos.Installation{Team: team, TeamName: name, BotUser: "UBOT" + team,
		BotToken: "xoxe.xoxb-1-" + team, RefreshToken: "xoxe-1-" + team,
		TokenExpires: time.Date(2026, 4, 1, 21, 0, 0, 0, Athens), Scopes: []string{"commands", "chat:write"},
		InstalledBy: "U0MARIA"}
}

// RunInstallations checks the installations of distribution mode: saved
// and found as they were, replaced by a reinstall (which clears
// Uninstalled), marked uninstalled, listed in team order, ENOTFOUND for
// an unknown workspace, EINVALID without a team or token.
func RunInstallations(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := context.Background()
	maroussi := NewInstallation(Team, "Δήμος Αμαρουσίου")
	other := NewInstallation(OtherTeam, "Comune di Faenza")
	other.Enterprise, other.RefreshToken, other.TokenExpires = "E0GRID", "", time.Time{}
	for _, inst := range []*proxenos.Installation{other, maroussi} {
		if err := s.Installations.SaveInstallation(ctx, inst); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Installations.FindInstallation(ctx, Team)
	if err != nil {
		t.Fatal(err)
	}
	if !equalInstallations(got, maroussi) || !got.InstalledAt.Equal(clock.Now()) || !got.Active() {
		t.Errorf("found %s, want %s as saved at %v", dumpInstallation(got), dumpInstallation(maroussi), clock.Now())
	}
	_, err = s.Installations.FindInstallation(ctx, "TNEVER")
	wantCode(t, err, proxenos.ENOTFOUND)
	wantCode(t, s.Installations.MarkUninstalled(ctx, "TNEVER", clock.Now()), proxenos.ENOTFOUND)
	wantCode(t, s.Installations.SaveInstallation(ctx, &proxenos.Installation{BotToken: "xoxb-1"}), proxenos.EINVALID)
	wantCode(t, s.Installations.SaveInstallation(ctx, &proxenos.Installation{Team: Team}), proxenos.EINVALID)

	gone := clock.Now().Add(time.Hour)
	if err := s.Installations.MarkUninstalled(ctx, Team, gone); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Installations.FindInstallation(ctx, Team); err != nil || got.Active() || !got.Uninstalled.Equal(gone) {
		t.Fatalf("after uninstall: %v, %v; want uninstalled at %v", got, err, gone)
	}
	if got := eachTeam(t, s.Installations); !reflect.DeepEqual(got, []string{Team + " uninstalled", OtherTeam + " active"}) {
		t.Errorf("each: %q, want both in team order", got)
	}

	// A reinstall replaces the installation: new token, active again.
	clock.Set(gone.Add(24 * time.Hour))
	again := NewInstallation(Team, "Δήμος Αμαρουσίου")
	again.BotToken = "xoxe.xoxb-2-" + Team
	if err := s.Installations.SaveInstallation(ctx, again); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Installations.FindInstallation(ctx, Team); err != nil || !got.Active() || got.BotToken != again.BotToken ||
		!got.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after reinstall: %s, %v; want active with the new token", dumpInstallation(got), err)
	}
}

// eachTeam lists the installations as "team active|uninstalled", in the
// order EachInstallation gives them.
func eachTeam(t *testing.T, s proxenos.InstallationService) []string {
	t.Helper()
	var out []string
	if err := s.EachInstallation(context.Background(), func(i *proxenos.Installation) error {
		state := " active"
		if !i.Active() {
			state = " uninstalled"
		}
		out = append(out, i.Team+state)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// equalInstallations compares what a store keeps of an installation: all
// but the times it sets.
func equalInstallations(a, b *proxenos.Installation) bool {
	x, y := *a, *b
	x.InstalledAt, x.UpdatedAt, y.InstalledAt, y.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return x.TokenExpires.Equal(y.TokenExpires) && reflect.DeepEqual(strip(x), strip(y))
}

// strip zeroes TokenExpires, compared by Equal.
func strip(i proxenos.Installation) proxenos.Installation {
	i.TokenExpires = time.Time{}
	return i
}

// dumpInstallation shows every field, tokens included: for test failures.
func dumpInstallation(i *proxenos.Installation) string {
	if i == nil {
		return "<nil>"
	}
	return strings.Join([]string{i.Team, i.Enterprise, i.TeamName, i.BotUser, i.BotToken, i.RefreshToken,
		i.TokenExpires.String(), strings.Join(i.Scopes, ","), i.InstalledBy, i.InstalledAt.String(), i.Uninstalled.String()}, " | ")
}

// RunDeleteWorkspace checks that deleting a workspace deletes every
// record of it, in every register (a register the delete left out would
// still stream records), its transient requests and its installation,
// and leaves the other workspace's as they were.
func RunDeleteWorkspace(t *testing.T, open OpenFunc) {
	s := open(t, NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, Athens)).Now)
	Seed(t, s)
	ctx := context.Background()
	for _, team := range []string{Team, OtherTeam} {
		if err := s.Installations.SaveInstallation(ctx, NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Receipts.Receive(Ctx(team, "U1"), "req/1", time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	before := Dump(t, s)
	if err := s.DeleteWorkspace(ctx, Team); err != nil {
		t.Fatal(err)
	}
	after := Dump(t, s)
	for key, records := range before {
		team := strings.SplitN(key, "/", 2)[0]
		switch {
		case team == Team && len(after[key]) != 0:
			t.Errorf("%s: %d records left after the delete", key, len(after[key]))
		case team == OtherTeam && !reflect.DeepEqual(after[key], records):
			t.Errorf("%s: the other workspace's records changed: %d, were %d", key, len(after[key]), len(records))
		}
	}
	if teams, err := s.Registers.Teams(ctx); err != nil || !reflect.DeepEqual(teams, []string{OtherTeam}) {
		t.Errorf("workspaces after the delete: %v, %v; want only %s", teams, err, OtherTeam)
	}
	_, err := s.Installations.FindInstallation(ctx, Team)
	wantCode(t, err, proxenos.ENOTFOUND)
	if _, err := s.Installations.FindInstallation(ctx, OtherTeam); err != nil {
		t.Errorf("the other workspace's installation: %v", err)
	}
	// The receipt is gone: the same request is new again.
	if first, err := s.Receipts.Receive(Ctx(Team, "U1"), "req/1", time.Hour); err != nil || !first {
		t.Errorf("receipt after the delete: first %v, %v; want a new request", first, err)
	}
	if first, err := s.Receipts.Receive(Ctx(OtherTeam, "U1"), "req/1", time.Hour); err != nil || first {
		t.Errorf("the other workspace's receipt: first %v, %v; want it kept", first, err)
	}
	// The messages its entries were logged from can be logged again.
	again := Entry(Day(2026, 4, 1), "Πρόσκληση σε συνέδριο")
	again.Sources = []string{proxenos.SlackSource("C0123", "1712345678.000100")}
	if err := s.Correspondence.CreateCorrespondence(Ctx(Team, "U1"), again); err != nil {
		t.Errorf("logging a message again after the delete: %v", err)
	}
	wantCode(t, s.DeleteWorkspace(ctx, ""), proxenos.EINVALID)
}
