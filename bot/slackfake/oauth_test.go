package slackfake_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/bot/slackfake"
)

// consent runs the fake consent page for redirect and returns the query
// it redirects back with.
func consent(t *testing.T, s *slackfake.Server, redirect string) url.Values {
	t.Helper()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(s.AuthorizeURL() + "?" + url.Values{"client_id": {slackfake.ClientID},
		"redirect_uri": {redirect}, "state": {"s1"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return back.Query()
}

// TestOAuth: a code is exchanged once, for its redirect URI and with the
// app's secret; with rotation, a refresh token is traded once for a new
// pair.
func TestOAuth(t *testing.T) {
	s := slackfake.New()
	defer s.Close()
	s.InstallAs(slackfake.Workspace{Team: "T1", Name: "Maroussi", Installer: "U1"})
	s.RotateTokens(12 * time.Hour)
	ctx, api := context.Background(), slack.OAuthOptionAPIURL(s.URL())
	const redirect = "https://proxenos.example.gr/slack/oauth_redirect"
	q := consent(t, s, redirect)
	if q.Get("state") != "s1" || q.Get("code") == "" {
		t.Fatalf("redirect back with %v", q)
	}
	if _, err := slack.GetOAuthV2ResponseContext(ctx, http.DefaultClient, slackfake.ClientID, "wrong", q.Get("code"), redirect, api); err == nil {
		t.Error("a wrong client secret exchanged a code")
	}
	resp, err := slack.GetOAuthV2ResponseContext(ctx, http.DefaultClient, slackfake.ClientID, slackfake.ClientSecret, q.Get("code"), redirect, api)
	if err != nil || resp.Team.ID != "T1" || resp.AuthedUser.ID != "U1" || resp.RefreshToken == "" || resp.ExpiresIn != 43200 {
		t.Fatalf("exchange: %+v, %v", resp, err)
	}
	if _, err := slack.GetOAuthV2ResponseContext(ctx, http.DefaultClient, slackfake.ClientID, slackfake.ClientSecret, q.Get("code"), redirect, api); err == nil {
		t.Error("a code was exchanged twice")
	}
	again, err := slack.RefreshOAuthV2TokenContext(ctx, http.DefaultClient, slackfake.ClientID, slackfake.ClientSecret, resp.RefreshToken, api)
	if err != nil || again.AccessToken == resp.AccessToken || again.RefreshToken == resp.RefreshToken {
		t.Fatalf("refresh: %+v, %v; want a new pair", again, err)
	}
	if _, err := slack.RefreshOAuthV2TokenContext(ctx, http.DefaultClient, slackfake.ClientID, slackfake.ClientSecret, resp.RefreshToken, api); err == nil {
		t.Error("a refresh token was used twice")
	}
	if code := consent(t, s, "https://elsewhere.example/cb").Get("code"); code != "" {
		if _, err := slack.GetOAuthV2ResponseContext(ctx, http.DefaultClient, slackfake.ClientID, slackfake.ClientSecret, code, redirect, api); err == nil {
			t.Error("a code was exchanged for another redirect URI")
		}
	}
	s.DenyInstall()
	if q := consent(t, s, redirect); q.Get("error") != "access_denied" || q.Get("code") != "" {
		t.Errorf("denied: %v", q)
	}
}
