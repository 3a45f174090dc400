package install_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/install"
	"github.com/proxenos/proxenos/bot/slackfake"
)

// installed runs the install flow of s with rotation on, and returns
// the Tokens of its store.
func installed(t *testing.T, s *site, rotation time.Duration) *install.Tokens {
	t.Helper()
	s.slack.RotateTokens(rotation)
	c := browser(t)
	if status, body := get(t, c, installLink(t, s, c, "en").String(), "en"); status != http.StatusOK {
		t.Fatalf("install: %d %s", status, body)
	}
	return &install.Tokens{Installations: s.store, ClientID: slackfake.ClientID, ClientSecret: slackfake.ClientSecret,
		APIURL: s.slack.URL(), Now: s.clock.Now}
}

// TestTokenRefresh: a rotating token is served as it is until 5 minutes
// before it expires, then refreshed once however many ask at once, and
// the new pair saved.
func TestTokenRefresh(t *testing.T) {
	s := newSite(t)
	tokens := installed(t, s, 12*time.Hour)
	ctx := context.Background()
	first, err := tokens.Token(ctx, maroussi.Team)
	if err != nil || !strings.HasPrefix(first, "xoxe.xoxb-") {
		t.Fatalf("Token = %q, %v", first, err)
	}
	s.clock.Add(12*time.Hour - install.RefreshBefore - time.Second)
	if tok, err := tokens.Token(ctx, maroussi.Team); err != nil || tok != first {
		t.Fatalf("Token with 5 minutes left = %q, %v; want the same", tok, err)
	}
	if n := len(s.slack.Calls("oauth.v2.access")); n != 1 {
		t.Fatalf("%d oauth.v2.access calls before expiry, want the install's only", n)
	}
	s.clock.Add(2 * time.Second)
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Go(func() {
			tok, err := tokens.Token(ctx, maroussi.Team)
			if err != nil {
				t.Error(err)
			}
			got[i] = tok
		})
	}
	wg.Wait()
	calls := s.slack.Calls("oauth.v2.access")
	if len(calls) != 2 || calls[1].Param("grant_type") != "refresh_token" {
		t.Fatalf("%d oauth.v2.access calls, want the install's and one refresh", len(calls))
	}
	for _, tok := range got {
		if tok == first || tok != got[0] {
			t.Fatalf("tokens %q, want one new token for all", got)
		}
	}
	inst, err := s.store.FindInstallation(ctx, maroussi.Team)
	if err != nil || inst.BotToken != got[0] || !inst.TokenExpires.Equal(s.clock.Now().Add(12*time.Hour)) {
		t.Fatalf("stored %v, %v; want the new token, expiring in 12 hours", inst, err)
	}
	if strings.Contains(s.log.String(), got[0]) || strings.Contains(s.log.String(), inst.RefreshToken) {
		t.Errorf("log shows a token: %s", s.log.String())
	}
}

// TestTokenRefused: an uninstalled workspace gets no token, an unknown
// one is ENOTFOUND, and a refresh Slack refuses is EUNAVAILABLE.
func TestTokenRefused(t *testing.T) {
	s := newSite(t)
	tokens := installed(t, s, time.Hour)
	ctx := context.Background()
	if _, err := tokens.Token(ctx, "T0NEVER"); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Errorf("unknown workspace: %v", err)
	}
	s.clock.Add(time.Hour)
	s.slack.Fail("oauth.v2.access", 1, "invalid_refresh_token")
	if _, err := tokens.Token(ctx, maroussi.Team); proxenos.ErrorCode(err) != proxenos.EUNAVAILABLE {
		t.Errorf("refused refresh: %v, want EUNAVAILABLE", err)
	}
	if err := s.store.MarkUninstalled(ctx, maroussi.Team, s.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := tokens.Token(ctx, maroussi.Team); proxenos.ErrorCode(err) != proxenos.EUNAUTHORIZED {
		t.Errorf("uninstalled workspace: %v, want EUNAUTHORIZED", err)
	}
}
