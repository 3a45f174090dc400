package install_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/install"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/secret"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// maroussi is the workspace the fake consent page installs into.
var maroussi = slackfake.Workspace{Team: "T0MAROUSSI", Name: "Δήμος Αμαρουσίου <IR>", Installer: "U0MARIA"}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// site is the install pages served against a fake Slack, over a store
// whose tokens are sealed, with their log in a buffer.
type site struct {
	slack *slackfake.Server
	srv   *httptest.Server
	store proxenos.InstallationService
	clock *clock
	log   *bytes.Buffer
	logMu sync.Mutex
}

// newSite starts the install pages.
func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{slack: slackfake.New(), clock: &clock{t: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}, log: &bytes.Buffer{}}
	t.Cleanup(s.slack.Close)
	s.slack.InstallAs(maroussi)
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	key := make([]byte, secret.KeySize)
	_, _ = rand.Read(key)
	keys, err := secret.NewKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	s.store = &secret.Installations{Store: storage.NewSQLiteStore(db).Installations, Keys: keys}
	mux := http.NewServeMux()
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	h, err := install.New(install.Config{ClientID: slackfake.ClientID, ClientSecret: slackfake.ClientSecret,
		RedirectURL: s.srv.URL + install.RedirectPath, StateKey: []byte("signing secret"), Installations: s.store,
		AuthorizeURL: s.slack.AuthorizeURL(), APIURL: s.slack.URL(), Now: s.clock.Now,
		Log: slog.New(slog.NewTextHandler(lockedWriter{&s.logMu, s.log}, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	h.Register(mux)
	return s
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// browser returns a client with a cookie jar, like a browser.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// get fetches u with the Accept-Language given, and returns status and body.
func get(t *testing.T, c *http.Client, u, lang string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var hrefRE = regexp.MustCompile(`id="action" href="([^"]+)"`)

// installLink opens the install page in c and returns its link.
func installLink(t *testing.T, s *site, c *http.Client, lang string) *url.URL {
	t.Helper()
	status, body := get(t, c, s.srv.URL+install.InstallPath, lang)
	m := hrefRE.FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		t.Fatalf("install page: %d %s", status, body)
	}
	u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestInstallPage(t *testing.T) {
	s := newSite(t)
	c := browser(t)
	link := installLink(t, s, c, "en-US,en;q=0.9")
	q := link.Query()
	if link.Scheme+"://"+link.Host+link.Path != s.slack.AuthorizeURL() || q.Get("client_id") != slackfake.ClientID ||
		q.Get("scope") != strings.Join(install.BotScopes, ",") || q.Get("redirect_uri") != s.srv.URL+install.RedirectPath ||
		len(q.Get("state")) < 32 {
		t.Fatalf("link %s lacks the client id, scopes, redirect or state", link)
	}
	resp, err := http.Get(s.srv.URL + install.InstallPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode || cookies[0].Secure ||
		cookies[0].MaxAge != int(install.StateTTL.Seconds()) {
		t.Fatalf("cookies %+v, want one HttpOnly, SameSite=Lax state cookie of 10 minutes (not Secure over http)", cookies)
	}
	if resp.Header.Get("Content-Security-Policy") == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("headers %v", resp.Header)
	}
	// Another page's state differs: each install has its own.
	if other := installLink(t, s, browser(t), ""); other.Query().Get("state") == q.Get("state") {
		t.Error("two installs got the same state")
	}
}

// TestInstall follows the whole flow: the success page names the
// workspace, and the installation is stored with its tokens.
func TestInstall(t *testing.T) {
	for _, rotation := range []time.Duration{0, 12 * time.Hour} {
		t.Run(rotation.String(), func(t *testing.T) {
			s := newSite(t)
			s.slack.RotateTokens(rotation)
			c := browser(t)
			status, body := get(t, c, installLink(t, s, c, "en").String(), "en")
			if status != http.StatusOK || !strings.Contains(body, "Proxenos is installed in Δήμος Αμαρουσίου &lt;IR&gt;.") ||
				!strings.Contains(body, "/ir setup") {
				t.Fatalf("success page %d: %s", status, body)
			}
			inst, err := s.store.FindInstallation(context.Background(), maroussi.Team)
			if err != nil {
				t.Fatal(err)
			}
			if inst.TeamName != maroussi.Name || inst.InstalledBy != "U0MARIA" || inst.BotUser != "UBOT"+maroussi.Team ||
				!strings.HasPrefix(inst.BotToken, "xox") || (rotation > 0) != (inst.RefreshToken != "") ||
				(rotation > 0) != inst.TokenExpires.Equal(s.clock.Now().Add(rotation)) || len(inst.Scopes) == 0 {
				t.Errorf("stored %+v", *inst)
			}
			if exchanges := s.slack.Calls("oauth.v2.access"); len(exchanges) != 1 || exchanges[0].Param("code") == "" {
				t.Errorf("oauth.v2.access calls: %v", exchanges)
			}
			if strings.Contains(s.log.String(), inst.BotToken) || inst.RefreshToken != "" && strings.Contains(s.log.String(), inst.RefreshToken) ||
				!strings.Contains(s.log.String(), maroussi.Team) {
				t.Errorf("log shows a token or not the install: %s", s.log.String())
			}
			// The state served once: the same redirect again is refused.
			status, _ = get(t, c, s.srv.URL+install.RedirectPath+"?code=code-1&state=x", "en")
			if status != http.StatusBadRequest {
				t.Errorf("a replayed redirect: %d, want 400", status)
			}
		})
	}
}

func TestInstallGreek(t *testing.T) {
	s := newSite(t)
	c := browser(t)
	status, body := get(t, c, installLink(t, s, c, "el-GR,el;q=0.9,en;q=0.5").String(), "el-GR,el;q=0.9,en;q=0.5")
	if status != http.StatusOK || !strings.Contains(body, `lang="el"`) ||
		!strings.Contains(body, "Το Proxenos εγκαταστάθηκε στο Δήμος Αμαρουσίου &lt;IR&gt;.") {
		t.Fatalf("success page %d: %s", status, body)
	}
	// Greek is the page's language for a browser that asks for neither.
	if _, body := get(t, browser(t), s.srv.URL+install.InstallPath, "fr-FR"); !strings.Contains(body, "Προσθήκη στο Slack") {
		t.Errorf("page for fr: %s", body)
	}
}

// TestRedirectRefuses: a redirect that is not the end of this browser's
// install in time shows a failure page and installs nothing.
func TestRedirectRefuses(t *testing.T) {
	for name, c := range map[string]struct {
		run    func(t *testing.T, s *site) (int, string)
		status int
		text   string
	}{
		"Denied": {func(t *testing.T, s *site) (int, string) {
			s.slack.DenyInstall()
			b := browser(t)
			return get(t, b, installLink(t, s, b, "en").String(), "en")
		}, http.StatusOK, "You cancelled the installation"},
		"Expired": {func(t *testing.T, s *site) (int, string) {
			b := browser(t)
			link := installLink(t, s, b, "en")
			s.clock.Add(install.StateTTL + time.Second)
			return get(t, b, link.String(), "en")
		}, http.StatusBadRequest, "more than 10 minutes"},
		"OtherBrowser": {func(t *testing.T, s *site) (int, string) {
			link := installLink(t, s, browser(t), "en")
			return get(t, browser(t), link.String(), "en")
		}, http.StatusBadRequest, "not started in this browser"},
		"OtherState": {func(t *testing.T, s *site) (int, string) {
			b := browser(t)
			link := installLink(t, s, b, "en")
			q := link.Query()
			q.Set("state", installLink(t, s, browser(t), "en").Query().Get("state"))
			link.RawQuery = q.Encode()
			return get(t, b, link.String(), "en")
		}, http.StatusBadRequest, "not started in this browser"},
		"ForgedCookie": {func(t *testing.T, s *site) (int, string) {
			b := browser(t)
			u, _ := url.Parse(s.srv.URL + "/slack/")
			b.Jar.SetCookies(u, []*http.Cookie{{Name: "proxenos_install_state", Value: "abc.99999999999.forged", Path: "/slack/"}})
			return get(t, b, s.srv.URL+install.RedirectPath+"?code=code-1&state=abc", "en")
		}, http.StatusBadRequest, "not started in this browser"},
		"SlackError": {func(t *testing.T, s *site) (int, string) {
			s.slack.Fail("oauth.v2.access", 1, "invalid_code")
			b := browser(t)
			return get(t, b, installLink(t, s, b, "el").String(), "el")
		}, http.StatusBadGateway, "Το Slack δεν ολοκλήρωσε την εγκατάσταση"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSite(t)
			status, body := c.run(t, s)
			if status != c.status || !strings.Contains(body, c.text) || !strings.Contains(body, `href="/slack/install"`) {
				t.Fatalf("page %d, want %d saying %q with a link to start again: %s", status, c.status, c.text, body)
			}
			if _, err := s.store.FindInstallation(context.Background(), maroussi.Team); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
				t.Errorf("installed anyway: %v", err)
			}
		})
	}
}
