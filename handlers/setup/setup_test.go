package setup_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/setup"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// Users of the tests: the installer, an admin named in the settings, a
// Slack admin, and an officer who is none of them.
const (
	team      = "TMAROUSSI"
	installer = "U0INSTALL"
	named     = "U0NAMED"
	slackAdm  = "U0SLACKADM"
	officer   = "U0OFFICER"
)

// people says who installed the app or administers the workspace in
// Slack, as the bot reads it from the installation and users.info.
type people struct{}

func (people) UserName(context.Context, string, string) (string, bool) { return "", false }
func (people) WorkspaceAdmin(_ context.Context, t, user string) bool {
	return t == team && (user == installer || user == slackAdm)
}

// newKernel returns a kernel in distribution mode (with Workspaces over a
// fresh SQLite store) or, when single, in single-workspace mode.
func newKernel(t *testing.T, single bool) (*handlers.Handler, *sqlite.SettingsService) {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewSettingsService(db)
	k := handlers.NewHandler()
	k.People = people{}
	if !single {
		k.Workspaces = &handlers.Workspaces{Store: store, Defaults: proxenos.Settings{Lang: i18n.Greek,
			Timezone: "Europe/Athens", CallDays: []int{14, 7, 1}, ReminderTime: "09:00", MonthlyTokens: 1_000_000,
			OfficeDomains: []string{"maroussi.gr"}, OfficeNames: []string{"Δήμος Αμαρουσίου"}}}
	}
	k.MustRegister(setup.New(k).Module())
	return k, store
}

func open(k *handlers.Handler, user string) *chat.Response {
	return k.HandleCommand(context.Background(), &chat.Request{Team: team, User: user, Command: "/ir", Text: "setup", Lang: i18n.English})
}

// initial returns the prefilled values of a form, by input id.
func initial(m *chat.Modal) map[string]string {
	out := map[string]string{}
	for _, in := range m.Inputs {
		out[in.ID] = in.Initial
	}
	return out
}

// TestSetup_Form checks that the form opens for the installer, prefilled
// with the deployment's defaults before anything is saved and with the
// workspace's own settings after, with pickers for the channel and users.
func TestSetup_Form(t *testing.T) {
	k, _ := newKernel(t, false)
	resp := open(k, installer)
	if resp.Modal == nil || resp.Modal.CallbackID != setup.FormID {
		t.Fatalf("no settings form: %+v", resp)
	}
	got := initial(resp.Modal)
	for id, want := range map[string]string{"lang": "el", "timezone": "Europe/Athens", "call_days": "14, 7, 1",
		"reminder_time": "09:00", "tokens": "1000000", "model": "on", "channel": "",
		"office_domains": "maroussi.gr", "office_names": "Δήμος Αμαρουσίου"} {
		if got[id] != want {
			t.Errorf("before saving, %s = %q, want the default %q", id, got[id], want)
		}
	}
	kinds := map[string]chat.InputKind{}
	for _, in := range resp.Modal.Inputs {
		kinds[in.ID] = in.Kind
	}
	if kinds["channel"] != chat.ChannelInput || kinds["allowed_users"] != chat.UsersInput || kinds["admins"] != chat.UsersInput {
		t.Errorf("input kinds %v: want a channel picker and user pickers", kinds)
	}

	values := got
	values["channel"], values["lang"], values["allowed_users"], values["allowed_groups"] = "C0OFFICE", "en", "U0MARIA,U0NIKOS", "S0IRTEAM"
	values["admins"], values["obligation_days"], values["model"], values["tokens"] = named, "7, 1", "off", "500.000"
	values["office_domains"], values["office_names"] = "@Kifissia.GR, kifisia.gov.gr", "Δήμος Κηφισιάς, Municipality of Kifissia"
	resp, errs := k.HandleSubmission(context.Background(), &chat.Submission{Team: team, User: installer, CallbackID: setup.FormID,
		Lang: i18n.Greek, Values: values})
	if errs != nil || resp == nil || !strings.Contains(resp.Text, "saved") {
		t.Fatalf("submission: %+v, %v; want saved, said in the new language", resp, errs)
	}
	reopened := initial(open(k, installer).Modal)
	for id, want := range map[string]string{"channel": "C0OFFICE", "lang": "en", "allowed_users": "U0MARIA,U0NIKOS",
		"allowed_groups": "S0IRTEAM", "admins": named, "obligation_days": "7, 1", "model": "off", "tokens": "500000",
		"office_domains": "kifissia.gr, kifisia.gov.gr", "office_names": "Δήμος Κηφισιάς, Municipality of Kifissia"} {
		if reopened[id] != want {
			t.Errorf("after saving, %s = %q, want %q", id, reopened[id], want)
		}
	}
}

// TestSetup_FieldErrors checks that wrong values are named on their
// inputs and nothing is saved.
func TestSetup_FieldErrors(t *testing.T) {
	k, store := newKernel(t, false)
	for _, tc := range []struct{ input, value, says string }{
		{"timezone", "Athens", "Europe/Athens"},
		{"timezone", "UTC", "Europe/Lisbon"},
		{"call_days", "14, seven", "14, 7, 1"},
		{"call_days", "400", "365"},
		{"reminder_time", "9am", "09:00"},
		{"tokens", "lots", "2000000"},
		{"tokens", "-5", "2000000"},
		{"allowed_groups", "#international", "S0123ABCD"},
		{"office_domains", "maroussi", "maroussi.gr"},
		{"office_domains", "a.gr, b.gr, c.gr, d.gr, e.gr, f.gr, g.gr, h.gr, i.gr, j.gr, k.gr", "10"},
	} {
		values := initial(open(k, installer).Modal)
		values[tc.input] = tc.value
		resp, errs := k.HandleSubmission(context.Background(), &chat.Submission{Team: team, User: installer,
			CallbackID: setup.FormID, Lang: i18n.English, Values: values})
		if resp != nil || !strings.Contains(errs[tc.input], tc.says) {
			t.Errorf("%s %q: response %+v, errors %v; want an error on %s with the example %q", tc.input, tc.value, resp, errs, tc.input, tc.says)
		}
	}
	if _, err := store.FindSettings(proxenos.NewContextWithTeam(context.Background(), team)); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Errorf("wrong settings were saved: %v", err)
	}
}

// TestSetup_WhoMay checks that the installer, a Slack admin and an admin
// named in the settings may open and submit the form, even outside the
// allow-list, and that an officer on the allow-list may not.
func TestSetup_WhoMay(t *testing.T) {
	k, _ := newKernel(t, false)
	ctx := proxenos.NewContextWithTeam(context.Background(), team)
	if err := k.Workspaces.Save(ctx, &proxenos.Settings{AllowedUsers: []string{officer}, Admins: []string{named}}); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{installer, slackAdm, named} {
		if resp := open(k, user); resp.Modal == nil {
			t.Errorf("%s was refused the form: %s", user, resp.Text)
		}
	}
	resp := open(k, officer)
	if resp.Modal != nil || !strings.Contains(resp.Text, "Only whoever installed Proxenos") {
		t.Errorf("an officer who is no admin got %+v", resp)
	}
	resp, errs := k.HandleSubmission(context.Background(), &chat.Submission{Team: team, User: officer, CallbackID: setup.FormID,
		Lang: i18n.English, Values: map[string]string{"lang": "en", "model": "on"}})
	if errs != nil || resp == nil || !strings.Contains(resp.Text, "Only whoever installed Proxenos") {
		t.Errorf("an officer's submission: %+v, %v; want refused", resp, errs)
	}
	if s, err := k.Workspaces.Settings(ctx, team); err != nil || len(s.Admins) != 1 {
		t.Errorf("the refused submission changed the settings: %+v (%v)", s, err)
	}
}

// TestSetup_SingleWorkspace checks that in single-workspace mode /ir
// setup opens no form and names the variables the settings come from.
func TestSetup_SingleWorkspace(t *testing.T) {
	k, _ := newKernel(t, true)
	resp := open(k, installer)
	if resp.Modal != nil || !strings.Contains(resp.Text, "PROXENOS_OFFICE_CHANNEL") || !strings.Contains(resp.Text, "PROXENOS_ALLOWED_USERS") {
		t.Errorf("single-workspace /ir setup answered %+v", resp)
	}
}

// TestWorkspaces_Cache checks that settings are read once within
// SettingsTTL, read again after it, and at once after a Save.
func TestWorkspaces_Cache(t *testing.T) {
	_, store := newKernel(t, true)
	reads := &countingSettings{SettingsService: store}
	now := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	w := &handlers.Workspaces{Store: reads, Now: func() time.Time { return now }}
	ctx := proxenos.NewContextWithTeam(context.Background(), team)
	for range 3 {
		if s, err := w.Settings(ctx, team); err != nil || s.Lang != "" {
			t.Fatalf("settings never saved: %+v (%v), want empty", s, err)
		}
	}
	if reads.n != 1 {
		t.Fatalf("%d reads within the TTL, want 1", reads.n)
	}
	if err := store.SaveSettings(ctx, &proxenos.Settings{Lang: i18n.English}); err != nil { // another replica's save
		t.Fatal(err)
	}
	now = now.Add(handlers.SettingsTTL)
	if s, _ := w.Settings(ctx, team); s.Lang != i18n.English || reads.n != 2 {
		t.Fatalf("after the TTL: %+v, %d reads; want the other replica's save read", s, reads.n)
	}
	if err := w.Save(ctx, &proxenos.Settings{Lang: i18n.Greek}); err != nil {
		t.Fatal(err)
	}
	if s, _ := w.Settings(ctx, team); s.Lang != i18n.Greek {
		t.Fatalf("after this process's save: %+v, want it at once", s)
	}
}

// countingSettings counts reads of the store.
type countingSettings struct {
	proxenos.SettingsService
	n int
}

func (c *countingSettings) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	c.n++
	return c.SettingsService.FindSettings(ctx)
}
