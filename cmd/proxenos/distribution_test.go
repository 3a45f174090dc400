package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/install"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/secret"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// newKeyText returns a fresh key as PROXENOS_ENCRYPTION_KEY holds one.
func newKeyText(t *testing.T) string {
	t.Helper()
	k := make([]byte, secret.KeySize)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(k)
}

// distribution returns the settings of distribution mode.
func distribution(t *testing.T) map[string]string {
	return map[string]string{"SLACK_CLIENT_ID": slackfake.ClientID, "SLACK_CLIENT_SECRET": slackfake.ClientSecret,
		"SLACK_SIGNING_SECRET": testSecret, "PROXENOS_ENCRYPTION_KEY": newKeyText(t),
		"PROXENOS_PUBLIC_URL": "https://proxenos.example.gr"}
}

// TestConfig_Distribution: distribution mode is refused without what it
// needs, with a message naming the setting and never a key's value.
func TestConfig_Distribution(t *testing.T) {
	short := base64.StdEncoding.EncodeToString([]byte("too-short-key"))
	for _, tt := range []struct {
		name string
		set  map[string]string
		key  string // "" when valid
	}{
		{"OK", nil, ""},
		{"ErrOnlyClientID", map[string]string{"SLACK_CLIENT_SECRET": ""}, "config.distribution.incomplete"},
		{"ErrNoKey", map[string]string{"PROXENOS_ENCRYPTION_KEY": ""}, "config.distribution.key"},
		{"ErrShortKey", map[string]string{"PROXENOS_ENCRYPTION_KEY": short}, "secret.key.size"},
		{"ErrNotBase64", map[string]string{"PROXENOS_ENCRYPTION_KEY": "my secret passphrase!"}, "secret.key.base64"},
		{"ErrOldKey", map[string]string{"PROXENOS_ENCRYPTION_OLD_KEYS": short}, "secret.key.size"},
		{"ErrNoSigningSecret", map[string]string{"SLACK_SIGNING_SECRET": ""}, "config.distribution.signing_secret"},
		{"ErrNoPublicURL", map[string]string{"PROXENOS_PUBLIC_URL": ""}, "config.distribution.public_url"},
		{"ErrSocketMode", map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, "config.distribution.socket"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vars := distribution(t)
			for k, v := range tt.set {
				vars[k] = v
			}
			c := DefaultConfig()
			c.ApplyEnv(env(vars))
			err := c.Validate()
			var perr *proxenos.Error
			switch {
			case tt.key == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tt.key == "":
				if !c.Distribution() {
					t.Error("not in distribution mode")
				}
			case err == nil || !asError(err, &perr) || perr.Key != tt.key:
				t.Fatalf("Validate = %v, want %s", err, tt.key)
			}
			for _, v := range []string{vars["PROXENOS_ENCRYPTION_KEY"], vars["PROXENOS_ENCRYPTION_OLD_KEYS"]} {
				if v != "" && err != nil && strings.Contains(err.Error(), v) {
					t.Errorf("the error %q shows a key", err)
				}
			}
		})
	}
}

func asError(err error, target **proxenos.Error) bool {
	e, ok := err.(*proxenos.Error)
	*target = e
	return ok
}

// TestServe_Install: in distribution mode serve answers the install page,
// whose link names the app and the redirect under the public URL, and
// the redirect back installs the workspace: its tokens are sealed in the
// store and never logged.
func TestServe_Install(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	fake.InstallAs(slackfake.Workspace{Team: "T0MAROUSSI", Name: "Δήμος Αμαρουσίου", Installer: "U0MARIA"})
	vars := distribution(t)
	m, logs := startServe(t, fake, vars)

	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get("http://" + m.HTTPAddr() + install.InstallPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusOK || len(cookies) != 1 || !cookies[0].Secure {
		t.Fatalf("install page: %d, cookies %v; want a Secure state cookie (the public URL is https)", resp.StatusCode, cookies)
	}
	status, body := get(t, m, install.InstallPath)
	link := regexpHref(t, body)
	q := link.Query()
	if status != http.StatusOK || link.Host != "slack.com" || q.Get("client_id") != slackfake.ClientID ||
		q.Get("redirect_uri") != "https://proxenos.example.gr/slack/oauth_redirect" {
		t.Fatalf("install link %s", link)
	}

	// The consent page of the fake Slack, as the user's browser would
	// see it after Allow: its redirect carries the code and the state.
	consent := url.URL{Path: "/oauth/v2/authorize", RawQuery: url.Values{"client_id": {slackfake.ClientID},
		"redirect_uri": {q.Get("redirect_uri")}, "state": {strings.Split(cookies[0].Value, ".")[0]}}.Encode()}
	back, err := noFollow.Get(strings.TrimSuffix(fake.AuthorizeURL(), "/oauth/v2/authorize") + consent.String())
	if err != nil {
		t.Fatal(err)
	}
	back.Body.Close()
	redirect, _ := url.Parse(back.Header.Get("Location"))
	req, _ := http.NewRequest(http.MethodGet, "http://"+m.HTTPAddr()+install.RedirectPath+"?"+redirect.RawQuery, nil)
	req.AddCookie(cookies[0])
	req.Header.Set("Accept-Language", "el")
	done, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(t, done)
	if done.StatusCode != http.StatusOK || !strings.Contains(page, "Το Proxenos εγκαταστάθηκε στο Δήμος Αμαρουσίου.") {
		t.Fatalf("redirect: %d %s", done.StatusCode, page)
	}
	raw, err := m.Store.Installations.FindInstallation(context.Background(), "T0MAROUSSI")
	if err != nil || !strings.HasPrefix(raw.BotToken, "pxs1.") {
		t.Fatalf("stored %v, %v; want the token sealed", raw, err)
	}
	insts, _ := m.installations()
	inst, err := insts.FindInstallation(context.Background(), "T0MAROUSSI")
	if err != nil || !strings.HasPrefix(inst.BotToken, "xoxb-T0MAROUSSI-") {
		t.Fatalf("opened %v, %v", inst, err)
	}
	if strings.Contains(logs.String(), inst.BotToken) || !strings.Contains(logs.String(), "T0MAROUSSI") {
		t.Errorf("logs show the token, or not the install:\n%s", logs.String())
	}
	for _, s := range []string{vars["PROXENOS_ENCRYPTION_KEY"], slackfake.ClientSecret} {
		if strings.Contains(logs.String(), s) {
			t.Errorf("logs show the secret %q", s)
		}
	}

	// The workspace is served at once, with the token it installed.
	maria := &tenant{t: t, m: m, fake: fake, team: "T0MAROUSSI", user: "U0MARIA", client: loadClient(1)}
	answered := maria.command("/corr", `in from:"Stadt Kassel" subject:"Besuch der Delegation"`)
	if reply := waitResponse(t, fake, answered); !strings.Contains(reply, "1/") {
		t.Fatalf("the installed workspace's command: %q", reply)
	}
	if len(fake.CallsOf("T0MAROUSSI", "")) == 0 {
		t.Error("no Web API call was made with the installed workspace's token")
	}
	// Removed from Slack, it is served no more.
	maria.post("/slack/events", "application/json", string(fake.AppUninstalled("T0MAROUSSI")))
	body, err = postSignedAs(maria.client, bot.NewVerifier(testSecret), "http://"+m.HTTPAddr()+"/slack/commands",
		"application/x-www-form-urlencoded", url.Values{"team_id": {"T0MAROUSSI"}, "user_id": {"U0MARIA"}, "channel_id": {"C1"},
			"command": {"/corr"}, "text": {"list"}, "response_url": {fake.ResponseURL()}}.Encode())
	if err != nil || !strings.Contains(body, i18n.T(i18n.Greek, "bot.not_installed")) {
		t.Fatalf("an uninstalled workspace's command: %q (%v), want it refused", body, err)
	}
}

// waitResponse returns the text posted to response_url, waiting for it.
func waitResponse(t *testing.T, fake *slackfake.Server, responseURL string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range fake.Calls(slackfake.MethodResponseURL) {
			if strings.HasSuffix(responseURL, c.Path) {
				return c.Param("text")
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no answer at %s", responseURL)
	return ""
}

// TestServe_NoInstallInSingleWorkspace: without the OAuth credentials
// there is no install page; the single-workspace mode is as it was.
func TestServe_NoInstallInSingleWorkspace(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, nil)
	if status, _ := get(t, m, install.InstallPath); status == http.StatusOK {
		t.Errorf("install page served in single-workspace mode: %d", status)
	}
}

// TestManifest_BotScopes: the install link asks for the scopes of the
// app manifests.
func TestManifest_BotScopes(t *testing.T) {
	eachManifest(t, func(t *testing.T, m manifest, _ map[string]string) {
		if got := m.OAuthConfig.Scopes.Bot; !slices.Equal(got, install.BotScopes) {
			t.Errorf("install.BotScopes = %v, manifest %v", install.BotScopes, got)
		}
	})
}

// TestWorkspace_Delete: delete refuses without --yes, saying how to
// export first and deleting nothing; with it, every record of the
// workspace goes, and the other's stay.
func TestWorkspace_Delete(t *testing.T) {
	dbURL := "sqlite:" + t.TempDir() + "/proxenos.db"
	st, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	storagetest.Seed(t, st)
	st.Close()
	vars := map[string]string{"PROXENOS_STORAGE_URL": dbURL, "PROXENOS_LANGUAGE": "en"}

	m, stdout, stderr := testMain(t, vars, nil)
	if err := m.ParseFlags(t.Context(), []string{"workspace", "delete", storagetest.Team}); err != nil {
		t.Fatal(m.Message(err))
	}
	err = m.Run(t.Context())
	m.Close()
	if err == nil || !strings.Contains(stderr.String(), "proxenos export --out") ||
		!strings.Contains(stderr.String(), "proxenos workspace delete "+storagetest.Team+" --yes") {
		t.Fatalf("delete without --yes: %v; stderr %s", err, stderr.String())
	}
	if teams := teamsOf(t, dbURL); !slices.Equal(teams, []string{storagetest.Team, storagetest.OtherTeam}) {
		t.Fatalf("after a refused delete: %v", teams)
	}

	m, stdout, _ = testMain(t, vars, nil)
	if err := m.ParseFlags(t.Context(), []string{"workspace", "delete", storagetest.Team, "--yes"}); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	m.Close()
	if !strings.Contains(stdout.String(), storagetest.Team+" is deleted") {
		t.Errorf("stdout %q", stdout.String())
	}
	if teams := teamsOf(t, dbURL); !slices.Equal(teams, []string{storagetest.OtherTeam}) {
		t.Fatalf("after delete: %v, want only %s", teams, storagetest.OtherTeam)
	}
	for _, args := range [][]string{{"workspace"}, {"workspace", "delete"}, {"workspace", "drop", "T1"}} {
		m, _, _ := testMain(t, vars, nil)
		if err := m.ParseFlags(t.Context(), args); proxenos.ErrorCode(err) != proxenos.EINVALID {
			t.Errorf("%v: %v, want EINVALID", args, err)
		}
	}
}

// teamsOf lists the workspaces holding records in the store at dbURL.
func teamsOf(t *testing.T, dbURL string) []string {
	t.Helper()
	st, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	teams, err := st.Registers.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return teams
}

// TestWorkspace_Rekey: after a key rotation, `workspace rekey` reseals
// every installation with the new key; then the old one can go.
func TestWorkspace_Rekey(t *testing.T) {
	dbURL := "sqlite:" + t.TempDir() + "/proxenos.db"
	oldKey, newKey := newKeyText(t), newKeyText(t)
	st, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := secret.ParseKey("old", oldKey)
	ring, _ := secret.NewKeyring(old)
	sealed := &secret.Installations{Store: st.Installations, Keys: ring}
	for _, team := range []string{"T1", "T2"} {
		if err := sealed.SaveInstallation(context.Background(), storagetest.NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	m, stdout, _ := testMain(t, map[string]string{"PROXENOS_STORAGE_URL": dbURL, "PROXENOS_LANGUAGE": "en",
		"PROXENOS_ENCRYPTION_KEY": newKey, "PROXENOS_ENCRYPTION_OLD_KEYS": oldKey}, nil)
	if err := m.ParseFlags(t.Context(), []string{"workspace", "rekey"}); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	m.Close()
	if !strings.Contains(stdout.String(), "Re-encrypted 2 of 2 installations") {
		t.Errorf("stdout %q", stdout.String())
	}
	st, err = storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	next, _ := secret.ParseKey("new", newKey)
	ring, _ = secret.NewKeyring(next)
	if inst, err := (&secret.Installations{Store: st.Installations, Keys: ring}).FindInstallation(context.Background(), "T2"); err != nil ||
		inst.BotToken != "xoxe.xoxb-1-T2" {
		t.Fatalf("with the new key alone: %v, %v", inst, err)
	}
}

// regexpHref returns the link of the page's button.
func regexpHref(t *testing.T, body string) *url.URL {
	t.Helper()
	_, rest, ok := strings.Cut(body, `id="action" href="`)
	if !ok {
		t.Fatalf("no button in %s", body)
	}
	href, _, _ := strings.Cut(rest, `"`)
	u, err := url.Parse(strings.ReplaceAll(href, "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// readAll reads and closes resp's body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestWorkspace_Purge deletes the records of the workspaces that removed
// Proxenos longer ago than the retention period, and only those; without
// --yes it names them and deletes nothing.
func TestWorkspace_Purge(t *testing.T) {
	dbURL := "sqlite:" + t.TempDir() + "/proxenos.db"
	st, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	storagetest.Seed(t, st) // records of Team and OtherTeam
	ctx := context.Background()
	for team, removed := range map[string]time.Duration{storagetest.Team: 100 * 24 * time.Hour, storagetest.OtherTeam: 10 * 24 * time.Hour} {
		if err := st.Installations.SaveInstallation(ctx, storagetest.NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
		if err := st.Installations.MarkUninstalled(ctx, team, time.Now().Add(-removed)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	vars := map[string]string{"PROXENOS_STORAGE_URL": dbURL, "PROXENOS_LANGUAGE": "en"}
	purge := func(args ...string) (string, error) {
		m, stdout, _ := testMain(t, vars, nil)
		if err := m.ParseFlags(t.Context(), append([]string{"workspace", "purge"}, args...)); err != nil {
			t.Fatal(m.Message(err))
		}
		err := m.Run(t.Context())
		m.Close()
		return stdout.String(), err
	}
	out, err := purge()
	if err == nil || !strings.Contains(out, "Due for deletion: "+storagetest.Team) || strings.Contains(out, storagetest.OtherTeam) {
		t.Fatalf("purge without --yes: %v; %s", err, out)
	}
	if teams := teamsOf(t, dbURL); len(teams) != 2 {
		t.Fatalf("after purge without --yes: %v", teams)
	}
	if out, err = purge("--yes"); err != nil || !strings.Contains(out, storagetest.Team+" is deleted") {
		t.Fatalf("purge --yes: %v; %s", err, out)
	}
	if teams := teamsOf(t, dbURL); !slices.Equal(teams, []string{storagetest.OtherTeam}) {
		t.Fatalf("after purge: %v, want only %s (removed 10 days ago)", teams, storagetest.OtherTeam)
	}
	if out, err = purge("--yes", "--after", "24h"); err != nil || !strings.Contains(out, storagetest.OtherTeam+" is deleted") {
		t.Fatalf("purge --after 24h: %v; %s", err, out)
	}
}
