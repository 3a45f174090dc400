package main

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
)

// listedInstallations are memInstallations that the reminder fleet can
// walk.
type listedInstallations struct{ *memInstallations }

func (l listedInstallations) EachInstallation(_ context.Context, f func(*proxenos.Installation) error) error {
	l.mu.Lock()
	teams := slices.Sorted(func(yield func(string) bool) {
		for team := range l.insts {
			if !yield(team) {
				return
			}
		}
	})
	l.mu.Unlock()
	for _, team := range teams {
		inst, err := l.FindInstallation(context.Background(), team)
		if err != nil {
			return err
		}
		if err := f(inst); err != nil {
			return err
		}
	}
	return nil
}

// memSettings keeps each workspace's settings in memory, for the tests
// only (the stores keep them in distribution mode).
type memSettings struct {
	mu  sync.Mutex
	set map[string]proxenos.Settings
}

func (m *memSettings) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.set[proxenos.TeamFromContext(ctx)]
	if !ok {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "error.not_found")
	}
	return &s, nil
}

func (m *memSettings) SaveSettings(ctx context.Context, s *proxenos.Settings) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.set[proxenos.TeamFromContext(ctx)] = *s
	return nil
}

// TestServe_FleetRemindsEachWorkspace checks that serve in distribution
// mode sends each installed workspace's reminders to the office channel
// of its settings with its own token, and none to a workspace
// uninstalled or without a channel.
func TestServe_FleetRemindsEachWorkspace(t *testing.T) {
	const teamC, teamD = "TGAMMA", "TDELTA"
	fake := slackfake.New()
	defer fake.Close()
	insts := &memInstallations{insts: map[string]proxenos.Installation{}}
	settings := &memSettings{set: map[string]proxenos.Settings{}}
	for _, team := range []string{teamA, teamB, teamC, teamD} {
		token := "xoxb-" + strings.ToLower(team)
		fake.AddTeam(team, token)
		fake.AddChannel(team, "C"+team)
		insts.insts[team] = proxenos.Installation{Team: team, BotToken: token}
		if team != teamD { // D has not run /ir setup
			settings.set[team] = proxenos.Settings{Channel: "C" + team}
		}
	}
	c := insts.insts[teamC]
	c.Uninstalled = time.Now()
	insts.insts[teamC] = c
	m, logs := startServeWith(t, fake, map[string]string{"PROXENOS_REMINDER_TICK": "1s"}, func(m *Main) {
		m.Installations, m.Settings = listedInstallations{insts}, settings
	})
	if m.Fleet == nil {
		t.Fatal("distribution mode with settings has no reminder fleet")
	}
	// A deadline two hours away has a reminder due now, or since
	// yesterday's morning, whatever the hour.
	for _, team := range []string{teamA, teamB, teamC, teamD} {
		ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(t.Context(), team), "U0STAFF")
		call := &proxenos.Call{Identifier: "CERV-2027-" + team, Title: "Twinning of " + team, Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, Deadlines: []proxenos.Deadline{{At: time.Now().Add(2 * time.Hour).Truncate(time.Minute)}}}
		if err := m.Store.Calls.CreateCall(ctx, call); err != nil {
			t.Fatal(err)
		}
	}
	for _, team := range []string{teamA, teamB} {
		if !waitPosts(fake, team, "Twinning of "+team) {
			t.Fatalf("%s's reminder was not posted; logs:\n%s", team, logs)
		}
	}
	m.Close()
	for _, call := range fake.Calls("chat.postMessage") {
		if want := "C" + call.Team; call.Param("channel") != want {
			t.Errorf("a post with %s's token went to %s, want %s", call.Team, call.Param("channel"), want)
		}
		if call.Team == teamC || call.Team == teamD {
			t.Errorf("%s (uninstalled, or without a channel) got a post: %.200s", call.Team, call.Param("text"))
		}
		if text := postText(call); strings.Contains(text, "Twinning of") && !strings.Contains(text, "Twinning of "+call.Team) {
			t.Errorf("%s got another workspace's reminder: %.300s", call.Team, text)
		}
	}
}

// waitPosts waits up to 20 s for a post made with team's token that
// mentions text.
func waitPosts(fake *slackfake.Server, team, text string) bool {
	for range 1000 {
		for _, c := range fake.CallsOf(team, "chat.postMessage") {
			if strings.Contains(postText(c), text) {
				return true
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// postText is the text and blocks of a post.
func postText(c slackfake.Call) string { return c.Param("text") + c.Param("blocks") }
