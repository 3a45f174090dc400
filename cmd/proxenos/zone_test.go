package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/handlers/setup"
)

// TestZone_TwoWorkspaces serves two municipalities in distribution mode,
// A in the deployment's zone (Athens) and B in New York, chosen with
// /ir setup. The same date typed in each is midnight of that day in its
// own zone, each sees it as that day, and each one's calendar feed is
// written in its zone.
func TestZone_TwoWorkspaces(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	fake.AddTeam(teamA, tokenA)
	fake.AddTeam(teamB, tokenB)
	insts := &memInstallations{insts: map[string]proxenos.Installation{
		teamA: {Team: teamA, BotToken: tokenA, InstalledBy: "UALPHA"}, teamB: {Team: teamB, BotToken: tokenB, InstalledBy: "UBETA"}}}
	m, _ := startServeWith(t, fake, map[string]string{"PROXENOS_PUBLIC_URL": "https://proxenos.example"},
		func(m *Main) { m.Installations = insts })
	m.Bot.Pacing = nil
	client := loadClient(2)
	defer client.CloseIdleConnections()
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	zones := map[string]*time.Location{teamA: m.Config.Location(), teamB: newYork}
	for _, c := range []*tenant{
		{t: t, m: m, fake: fake, team: teamA, user: "UALPHA", client: client},
		{t: t, m: m, fake: fake, team: teamB, user: "UBETA", client: client},
	} {
		zone := ""
		if c.team == teamB {
			zone = "America/New_York"
		}
		c.command("/ir", "setup")
		c.n++
		c.interact(map[string]any{"type": "view_submission", "view": map[string]any{"id": "VSETUP" + c.team, "hash": "h",
			"callback_id": setup.FormID, "state": map[string]any{"values": map[string]any{
				"channel":  map[string]any{"channel": map[string]any{"type": "conversations_select", "selected_conversation": "C" + c.team}},
				"lang":     map[string]any{"lang": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "en"}}},
				"timezone": map[string]any{"timezone": map[string]any{"type": "plain_text_input", "value": zone}},
			}}}})
		ctx := proxenos.NewContextWithTeam(context.Background(), c.team)
		if s, err := m.Store.Settings.FindSettings(ctx); err != nil || s.Timezone != zone {
			t.Fatalf("%s's settings: %+v, %v; want zone %q", c.team, s, err, zone)
		}

		logged := c.answer(c.command("/corr", `in from:"Stadt Köln" subject:"Zone test" date:15/03/2026`))
		if !strings.Contains(logged, "15 Mar 2026") {
			t.Errorf("%s: the answer does not show 15 March: %.400s", c.team, logged)
		}
		entries, _, err := m.Store.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
		if err != nil || len(entries) != 1 {
			t.Fatalf("%s: %d entries, %v", c.team, len(entries), err)
		}
		if want := time.Date(2026, 3, 15, 0, 0, 0, 0, zones[c.team]); !entries[0].Date.Equal(want) {
			t.Errorf("%s: the date typed 15/03/2026 is %v, want midnight there, %v", c.team, entries[0].Date, want)
		}
		shown := c.answer(c.command("/corr", "show "+entries[0].Protocol.String()))
		if !strings.Contains(shown, "15 Mar 2026") {
			t.Errorf("%s: /corr show does not show 15 March: %.400s", c.team, shown)
		}
		feed := feedURL.FindString(c.answer(c.command("/ir", "calendar")))
		if code, body := fetchFeed(t, m, feed); code != 200 || !strings.Contains(body, "X-WR-TIMEZONE:"+zones[c.team].String()) {
			t.Errorf("%s: feed %d, want one in %s:\n%.300s", c.team, code, zones[c.team], body)
		}
	}
}
