package main

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/setup"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/sashabaranov/go-openai"
)

// setUp opens /ir setup as the tenant and, once the form is open,
// submits it with Slack's pickers: the office channel, the language and
// the users allowed.
func (c *tenant) setUp(channel, lang string, allowed []string) {
	c.t.Helper()
	opened := len(c.fake.CallsOf(c.team, "views.open"))
	c.command("/ir", "setup")
	for deadline := time.Now().Add(10 * time.Second); len(c.fake.CallsOf(c.team, "views.open")) == opened; {
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: /ir setup opened no form", c.team)
		}
		time.Sleep(5 * time.Millisecond)
	}
	values := map[string]any{
		"channel":       map[string]any{"channel": map[string]any{"type": "conversations_select", "selected_conversation": channel}},
		"lang":          map[string]any{"lang": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": lang}}},
		"allowed_users": map[string]any{"allowed_users": map[string]any{"type": "multi_users_select", "selected_users": allowed}},
		"model":         map[string]any{"model": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "on"}}},
	}
	c.n++
	c.interact(map[string]any{"type": "view_submission", "view": map[string]any{"id": "VSETUP" + c.team, "hash": "h",
		"callback_id": setup.FormID, "state": map[string]any{"values": values}}})
}

// TestSettings_TwoWorkspaces serves two municipalities in distribution
// mode. Each installer opens /ir setup (with Slack's channel and user
// pickers) and saves it: A in Greek with an allow-list, B in English
// for everyone. A user outside A's list is refused in A, in Greek, and
// served in B, in English; a user on A's list is served in A in Greek;
// an officer of A who is no admin cannot open A's settings.
func TestSettings_TwoWorkspaces(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	fake.AddTeam(teamA, tokenA)
	fake.AddTeam(teamB, tokenB)
	// Slack languages that are neither Greek nor English: the
	// workspace's own language applies.
	for _, u := range []string{"UALPHA", "UBETA", "UOUTSIDE", "UOFFICER"} {
		fake.AddUser(slackfake.User{ID: u, Name: strings.ToLower(u), Locale: "fr-FR"})
	}
	insts := &memInstallations{insts: map[string]proxenos.Installation{
		teamA: {Team: teamA, BotToken: tokenA, InstalledBy: "UALPHA"}, teamB: {Team: teamB, BotToken: tokenB, InstalledBy: "UBETA"}}}
	m, _ := startServeWith(t, fake, nil, func(m *Main) { m.Installations = insts })
	m.Bot.Pacing = nil
	client := loadClient(2)
	defer client.CloseIdleConnections()
	as := func(team, user string) *tenant {
		return &tenant{t: t, m: m, fake: fake, team: team, user: user, client: client}
	}

	as(teamA, "UALPHA").setUp("CALPHAOFFICE", "el", []string{"UALPHA", "UOFFICER"})
	as(teamB, "UBETA").setUp("CBETAOFFICE", "en", nil)
	for team, want := range map[string]string{teamA: "el", teamB: "en"} {
		s, err := m.Store.Settings.FindSettings(proxenos.NewContextWithTeam(t.Context(), team))
		if err != nil || string(s.Lang) != want {
			t.Fatalf("%s's settings after /ir setup: %+v (%v), want language %s", team, s, err, want)
		}
	}
	if opened := fake.CallsOf(teamA, "views.open"); len(opened) == 0 || !strings.Contains(string(opened[0].JSON)+opened[0].Params.Encode(), "conversations_select") {
		t.Errorf("A's installer got no form with a channel picker: %d views.open", len(opened))
	}

	text := func(answer string) string {
		var r struct {
			Text string `json:"text"`
		}
		_ = json.Unmarshal([]byte(answer[:strings.LastIndex(answer, "}")+1]), &r)
		return r.Text
	}
	ask := func(c *tenant) string { return text(c.answer(c.command("/ir", "lang"))) }
	if got, want := ask(as(teamA, "UOUTSIDE")), i18n.T(i18n.Greek, "error.unauthorized"); got != want {
		t.Errorf("outsider in A: %q, want refused in Greek %q", got, want)
	}
	if got := ask(as(teamB, "UOUTSIDE")); !strings.Contains(got, "Language: *English*") {
		t.Errorf("outsider in B: %q, want served in English", got)
	}
	if got := ask(as(teamA, "UOFFICER")); !strings.Contains(got, "Γλώσσα: *ελληνικά*") {
		t.Errorf("officer in A: %q, want served in Greek", got)
	}
	if got, want := text(as(teamA, "UOFFICER").answer(as(teamA, "UOFFICER").command("/ir", "setup"))), i18n.T(i18n.Greek, "setup.refused"); got != want {
		t.Errorf("A's officer opening the settings: %q, want refused %q", got, want)
	}
}

// countingChat counts the requests a letter model makes, and fails them.
type countingChat struct{ n int }

func (c *countingChat) CreateChatCompletion(context.Context, openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	c.n++
	return openai.ChatCompletionResponse{}, errors.New("no model in this test")
}

// TestModelSwitch checks that a workspace that turned the model off has
// its letters read by the rules alone, and one that did not by the model.
func TestModelSwitch(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	k := handlers.NewHandler()
	k.Workspaces = &handlers.Workspaces{Store: sqlite.NewSettingsService(db)}
	model := &countingChat{}
	desk := &letter.Desk{Model: &letter.Model{Client: model, Model: "fake-model"}}
	s := &workspaceDesk{Desk: desk, rules: &letter.Desk{}, k: k}
	l := &letter.Letter{Subject: "Invitation", Text: "Dear colleagues, we invite you."}
	off, on := proxenos.NewContextWithTeam(t.Context(), teamA), proxenos.NewContextWithTeam(t.Context(), teamB)
	if err := k.Workspaces.Save(off, &proxenos.Settings{LLMOff: true}); err != nil {
		t.Fatal(err)
	}
	if f, err := s.Fields(off, l); err != nil || model.n != 0 || f.Subject != "Invitation" {
		t.Fatalf("model off: %+v, %v, %d requests; want the rules' fields and no request", f, err, model.n)
	}
	if _, err := s.Fields(on, l); err == nil || model.n == 0 {
		t.Fatalf("model on: %v, %d requests; want the model asked", err, model.n)
	}
}

// TestWorkspaceDesk_Office checks that each workspace's letters are read
// as its own office's: a letter from Kifissia's domain is outgoing for
// Kifissia, which named its domains and names in /ir setup, and incoming
// for a workspace keeping the deployment's office (Maroussi), for which
// Maroussi's letters are the outgoing ones; the form knows the office
// for both, and for neither when the deployment names none.
func TestWorkspaceDesk_Office(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	k := handlers.NewHandler()
	k.Workspaces = &handlers.Workspaces{Store: sqlite.NewSettingsService(db),
		Defaults: proxenos.Settings{OfficeDomains: []string{"maroussi.gr"}, OfficeNames: []string{"Δήμος Αμαρουσίου"}}}
	desk := &letter.Desk{Office: letter.Office{Domains: []string{"maroussi.gr"}}}
	s := &workspaceDesk{Desk: desk, rules: desk, k: k}
	kifissia, maroussi := proxenos.NewContextWithTeam(t.Context(), teamA), proxenos.NewContextWithTeam(t.Context(), teamB)
	if err := k.Workspaces.Save(kifissia, &proxenos.Settings{OfficeDomains: []string{"kifissia.gr"}, OfficeNames: []string{"Δήμος Κηφισιάς"}}); err != nil {
		t.Fatal(err)
	}
	from := func(addr string) *letter.Letter {
		return &letter.Letter{From: letter.Address{Name: "Γραφείο Διεθνών Σχέσεων", Email: addr},
			To: []letter.Address{{Name: "Stadt Kassel", Email: "partnerschaften@kassel.de"}}, Subject: "Πρόσκληση", Text: "Αγαπητοί συνάδελφοι,"}
	}
	for _, tt := range []struct {
		name string
		ctx  context.Context
		addr string
		want proxenos.Direction
	}{
		{"KifissiaFromKifissia", kifissia, "international@kifissia.gr", proxenos.Outgoing},
		{"KifissiaFromMaroussi", kifissia, "international@maroussi.gr", proxenos.Incoming},
		{"MaroussiFromKifissia", maroussi, "international@kifissia.gr", proxenos.Incoming},
		{"MaroussiFromMaroussi", maroussi, "international@maroussi.gr", proxenos.Outgoing},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := s.Fields(tt.ctx, from(tt.addr))
			if err != nil || f.Direction != tt.want {
				t.Errorf("direction %q (%v), want %q", f.Direction, err, tt.want)
			}
			if !s.KnowsOffice(tt.ctx) {
				t.Error("the office is not known")
			}
		})
	}
	k.Workspaces.Defaults = proxenos.Settings{}
	if s.KnowsOffice(proxenos.NewContextWithTeam(t.Context(), "T0NEW")) {
		t.Error("an office known where neither the workspace nor the deployment names one")
	}
}
