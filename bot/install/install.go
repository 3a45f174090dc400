// Package install installs Proxenos in Slack workspaces by OAuth, in
// distribution mode: the "Add to Slack" page (GET /slack/install), the
// redirect back from Slack (GET /slack/oauth_redirect), which exchanges
// the code with oauth.v2.access and stores the installation, and Tokens,
// which hands the bot each workspace's token, refreshed before it expires
// when token rotation is on.
package install

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// BotScopes are the bot scopes Proxenos asks for, those of
// deploy/slack-app-manifest.yaml (a test in cmd/proxenos compares them).
var BotScopes = []string{"commands", "chat:write", "chat:write.public", "files:read", "files:write", "users:read",
	"im:write", "app_mentions:read", "channels:history", "groups:history", "im:history", "mpim:history", "usergroups:read"}

// Paths of the two pages.
const (
	InstallPath  = "/slack/install"
	RedirectPath = "/slack/oauth_redirect"
)

// AuthorizeURL is Slack's consent page.
const AuthorizeURL = "https://slack.com/oauth/v2/authorize"

// Config is what the install pages need.
type Config struct {
	ClientID     string
	ClientSecret string
	// RedirectURL is the address of RedirectPath as Slack reaches it,
	// the one listed in the app's "Redirect URLs".
	RedirectURL string
	// StateKey signs the state cookie: the signing secret will do.
	StateKey []byte
	// Installations keeps the installations; its tokens should be sealed
	// (secret.Installations).
	Installations proxenos.InstallationService

	Scopes       []string     // BotScopes when nil
	AuthorizeURL string       // AuthorizeURL when ""
	APIURL       string       // Slack's Web API, for oauth.v2.access; slack-go's when ""
	HTTPClient   *http.Client // http.DefaultClient when nil
	Now          func() time.Time
	Log          *slog.Logger
}

// Handler serves the install pages.
type Handler struct {
	cfg Config
}

// New returns the install pages of cfg. EINVALID when a credential is
// missing or the redirect URL is not absolute.
func New(cfg Config) (*Handler, error) {
	if cfg.ClientID == "" || cfg.ClientSecret == "" || len(cfg.StateKey) == 0 || cfg.Installations == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "install.config.missing")
	}
	if u, err := url.Parse(cfg.RedirectURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "install.config.redirect", cfg.RedirectURL)
	}
	if cfg.Scopes == nil {
		cfg.Scopes = BotScopes
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.AuthorizeURL = cmp.Or(cfg.AuthorizeURL, AuthorizeURL)
	cfg.HTTPClient = cmp.Or(cfg.HTTPClient, http.DefaultClient)
	cfg.Log = cmp.Or(cfg.Log, slog.Default())
	return &Handler{cfg: cfg}, nil
}

// Register mounts the two pages on mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET "+InstallPath, h.ServeInstall)
	mux.HandleFunc("GET "+RedirectPath, h.ServeRedirect)
}

// secure reports whether the pages are served over https, so that the
// state cookie is sent over https only.
func (h *Handler) secure() bool { return strings.HasPrefix(h.cfg.RedirectURL, "https:") }

// ServeInstall answers the "Add to Slack" page, with a new state bound
// to the browser by a cookie.
func (h *Handler) ServeInstall(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	state, cookie := newState(h.cfg.StateKey, h.cfg.Now())
	setState(w, cookie, h.secure())
	writePage(w, http.StatusOK, &page{Kind: "start", Lang: lang, Ok: true,
		Title: i18n.T(lang, "install.page.title"), Heading: i18n.T(lang, "install.add.heading"),
		Paragraphs: []string{i18n.T(lang, "install.add.lead"), i18n.T(lang, "install.add.note")},
		Link:       h.authorizeURL(state), LinkText: i18n.T(lang, "install.add.button")})
}

// authorizeURL is Slack's consent page for state.
func (h *Handler) authorizeURL(state string) string {
	q := url.Values{}
	q.Set("client_id", h.cfg.ClientID)
	q.Set("scope", strings.Join(h.cfg.Scopes, ","))
	q.Set("redirect_uri", h.cfg.RedirectURL)
	q.Set("state", state)
	return h.cfg.AuthorizeURL + "?" + q.Encode()
}

// ServeRedirect answers Slack's redirect: it checks the state against the
// browser's cookie, exchanges the code for the workspace's tokens, stores
// the installation and shows the success page, or a failure page.
func (h *Handler) ServeRedirect(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	clearState(w, h.secure())
	q := r.URL.Query()
	if q.Get("error") == "access_denied" {
		h.failed(w, lang, http.StatusOK, "install.failed.denied")
		return
	}
	switch checkState(h.cfg.StateKey, r, h.cfg.Now()) {
	case stateMissing, stateMismatch:
		h.failed(w, lang, http.StatusBadRequest, "install.failed.state")
		return
	case stateExpired:
		h.failed(w, lang, http.StatusBadRequest, "install.failed.expired")
		return
	}
	if e := q.Get("error"); e != "" || q.Get("code") == "" {
		h.cfg.Log.Warn("install: Slack sent no code", "error", e)
		h.failed(w, lang, http.StatusBadGateway, "install.failed.slack")
		return
	}
	inst, err := h.exchange(r.Context(), q.Get("code"))
	if err != nil {
		h.cfg.Log.Warn("install: oauth.v2.access failed", "error", err)
		h.failed(w, lang, http.StatusBadGateway, "install.failed.slack")
		return
	}
	if err := h.cfg.Installations.SaveInstallation(r.Context(), inst); err != nil {
		h.cfg.Log.Error("install: save installation", "installation", inst, "error", err)
		h.failed(w, lang, http.StatusServiceUnavailable, "install.failed.store")
		return
	}
	h.cfg.Log.Info("install: installed", "installation", inst, "by", inst.InstalledBy)
	writePage(w, http.StatusOK, &page{Kind: "installed", Lang: lang, Ok: true,
		Title: i18n.T(lang, "install.page.title"), Heading: i18n.T(lang, "install.success.heading"),
		Paragraphs: []string{i18n.T(lang, "install.success.text", inst.TeamName), i18n.T(lang, "install.success.next")}})
}

// failed answers the failure page saying key.
func (h *Handler) failed(w http.ResponseWriter, lang i18n.Lang, status int, key string) {
	writePage(w, status, &page{Kind: "failed", Lang: lang, Title: i18n.T(lang, "install.page.title"),
		Heading: i18n.T(lang, "install.failed.heading"), Paragraphs: []string{i18n.T(lang, key)},
		Link: InstallPath, LinkText: i18n.T(lang, "install.again")})
}

// exchange trades code for the workspace's installation.
func (h *Handler) exchange(ctx context.Context, code string) (*proxenos.Installation, error) {
	resp, err := slack.GetOAuthV2ResponseContext(ctx, h.cfg.HTTPClient, h.cfg.ClientID, h.cfg.ClientSecret, code,
		h.cfg.RedirectURL, h.oauthOptions()...)
	if err != nil {
		return nil, err
	}
	if resp.Team.ID == "" || resp.AccessToken == "" || resp.TokenType != "bot" {
		return nil, errors.New("install: oauth.v2.access gave no bot token of a workspace")
	}
	now := h.cfg.Now()
	inst := &proxenos.Installation{Team: resp.Team.ID, Enterprise: resp.Enterprise.ID, TeamName: resp.Team.Name,
		BotUser: resp.BotUserID, BotToken: resp.AccessToken, RefreshToken: resp.RefreshToken,
		Scopes: splitScopes(resp.Scope), InstalledBy: resp.AuthedUser.ID, InstalledAt: now}
	if resp.ExpiresIn > 0 {
		inst.TokenExpires = now.Add(time.Duration(resp.ExpiresIn) * time.Second)
	}
	return inst, nil
}

// oauthOptions points slack-go at the configured Web API.
func (h *Handler) oauthOptions() []slack.OAuthOption {
	if h.cfg.APIURL == "" {
		return nil
	}
	return []slack.OAuthOption{slack.OAuthOptionAPIURL(h.cfg.APIURL)}
}

// splitScopes splits Slack's comma-separated scopes.
func splitScopes(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
