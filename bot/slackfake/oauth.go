package slackfake

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// The fake app's OAuth credentials: oauth.v2.access refuses others.
const (
	ClientID     = "1111.2222"
	ClientSecret = "fake-client-secret"
)

// Workspace is a workspace that installs the app through the fake
// consent page.
type Workspace struct {
	Team       string // "T0MAROUSSI"
	Name       string // "Δήμος Αμαρουσίου"
	Enterprise string // "" outside a grid
	Installer  string // the user who clicks Allow
}

// oauthState is the fake's side of OAuth: the next workspace to install,
// the codes given and not yet exchanged, and the refresh tokens alive.
type oauthState struct {
	next     Workspace
	deny     bool
	rotation time.Duration   // token lifetime; 0: rotation off
	codes    map[string]code // code → grant
	refresh  map[string]Workspace
	issued   int
}

// code is a grant the consent page gave, for one redirect URI.
type code struct {
	ws       Workspace
	redirect string
}

// InstallAs makes the consent page install the app in ws when the next
// user allows it.
func (s *Server) InstallAs(ws Workspace) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.next, s.oauth.deny = ws, false
}

// DenyInstall makes the consent page answer as a user who clicks Cancel.
func (s *Server) DenyInstall() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.deny = true
}

// RotateTokens turns token rotation on: the tokens oauth.v2.access gives
// expire after ttl, and come with a refresh token.
func (s *Server) RotateTokens(ttl time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.rotation = ttl
}

// AuthorizeURL is the fake's consent page, Slack's
// https://slack.com/oauth/v2/authorize.
func (s *Server) AuthorizeURL() string { return s.srv.URL + "/oauth/v2/authorize" }

// serveAuthorize answers the consent page as if the user clicked Allow
// (or Cancel, after DenyInstall): a redirect to redirect_uri with a code
// (or error=access_denied) and the state as given. It is recorded as
// the call "oauth.v2.authorize".
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	c, _ := readCall(r, "oauth.v2.authorize")
	s.record(c)
	back, err := url.Parse(c.Param("redirect_uri"))
	if err != nil || c.Param("client_id") != ClientID {
		http.Error(w, "invalid client_id or redirect_uri", http.StatusBadRequest)
		return
	}
	q := back.Query()
	q.Set("state", c.Param("state"))
	s.mu.Lock()
	if s.oauth.deny {
		q.Set("error", "access_denied")
	} else {
		s.oauth.issued++
		grant := fmt.Sprintf("code-%d", s.oauth.issued)
		if s.oauth.codes == nil {
			s.oauth.codes = map[string]code{}
		}
		s.oauth.codes[grant] = code{ws: s.oauth.next, redirect: c.Param("redirect_uri")}
		q.Set("code", grant)
	}
	s.mu.Unlock()
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// oauthAccess answers oauth.v2.access: a code exchanged once, for the
// redirect URI it was given for, or a refresh token (grant_type
// refresh_token, rotation on) traded once for a new pair.
func (s *Server) oauthAccess(c Call) map[string]any {
	if c.Param("client_id") != ClientID {
		return map[string]any{"ok": false, "error": "invalid_client_id"}
	}
	if c.Param("client_secret") != ClientSecret {
		return map[string]any{"ok": false, "error": "bad_client_secret"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ws Workspace
	if c.Param("grant_type") == "refresh_token" {
		var ok bool
		if ws, ok = s.oauth.refresh[c.Param("refresh_token")]; !ok {
			return map[string]any{"ok": false, "error": "invalid_refresh_token"}
		}
		delete(s.oauth.refresh, c.Param("refresh_token"))
	} else {
		g, ok := s.oauth.codes[c.Param("code")]
		if !ok {
			return map[string]any{"ok": false, "error": "invalid_code"}
		}
		delete(s.oauth.codes, c.Param("code"))
		if g.redirect != c.Param("redirect_uri") {
			return map[string]any{"ok": false, "error": "bad_redirect_uri"}
		}
		ws = g.ws
	}
	return s.grantLocked(ws)
}

// grantLocked issues a bot token for ws, and a refresh token when
// rotation is on. s.mu is held.
func (s *Server) grantLocked(ws Workspace) map[string]any {
	s.oauth.issued++
	out := map[string]any{"ok": true, "token_type": "bot", "scope": "commands,chat:write", "bot_user_id": "UBOT" + ws.Team,
		"app_id": "A0PROXENOS", "team": map[string]any{"id": ws.Team, "name": ws.Name},
		"enterprise": nil, "is_enterprise_install": false, "authed_user": map[string]any{"id": ws.Installer},
		"access_token": fmt.Sprintf("xoxb-%s-%d", ws.Team, s.oauth.issued)}
	if ws.Enterprise != "" {
		out["enterprise"] = map[string]any{"id": ws.Enterprise, "name": ws.Enterprise}
	}
	if s.oauth.rotation > 0 {
		refresh := fmt.Sprintf("xoxe-1-%s-%d", ws.Team, s.oauth.issued)
		if s.oauth.refresh == nil {
			s.oauth.refresh = map[string]Workspace{}
		}
		s.oauth.refresh[refresh] = ws
		out["access_token"] = fmt.Sprintf("xoxe.xoxb-%s-%d", ws.Team, s.oauth.issued)
		out["refresh_token"] = refresh
		out["expires_in"] = int(s.oauth.rotation.Seconds())
	}
	// The token it hands out is the workspace's for the Web API.
	if s.teams.tokens == nil {
		s.teams.tokens = map[string]string{}
	}
	s.teams.tokens[out["access_token"].(string)] = ws.Team
	return out
}
