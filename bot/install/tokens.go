package install

import (
	"context"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/sync/singleflight"

	"github.com/proxenos/proxenos"
)

// RefreshBefore is how long before its expiry a rotating token is
// refreshed: a request begun with it still ends in time.
const RefreshBefore = 5 * time.Minute

// refreshTimeout bounds a refresh, which outlives the request that asked
// for it (others wait for the same refresh).
const refreshTimeout = 30 * time.Second

// Tokens hands the bot the token of each workspace. With token rotation
// on, Slack's tokens expire after 12 hours: one that has less than
// RefreshBefore left is refreshed with oauth.v2.access
// (grant_type=refresh_token) and the new pair saved, once per workspace
// however many requests ask at the same moment.
type Tokens struct {
	Installations proxenos.InstallationService
	ClientID      string
	ClientSecret  string
	APIURL        string       // Slack's Web API; slack-go's when ""
	HTTPClient    *http.Client // http.DefaultClient when nil
	Now           func() time.Time

	flight singleflight.Group
}

// Token returns the bot token of team. ENOTFOUND when Proxenos is not
// installed there; EUNAUTHORIZED when it was uninstalled; EUNAVAILABLE
// when the token expires and Slack does not refresh it.
func (t *Tokens) Token(ctx context.Context, team string) (string, error) {
	inst, err := t.Installations.FindInstallation(ctx, team)
	if err != nil {
		return "", err
	}
	if !inst.Active() {
		return "", proxenos.Errorf(proxenos.EUNAUTHORIZED, "install.uninstalled")
	}
	if t.fresh(inst) {
		return inst.BotToken, nil
	}
	token, err, _ := t.flight.Do(team, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
		defer cancel()
		return t.refresh(ctx, team)
	})
	if err != nil {
		return "", err
	}
	return token.(string), nil
}

// fresh reports whether inst's token serves as it is.
func (t *Tokens) fresh(inst *proxenos.Installation) bool {
	return inst.RefreshToken == "" || inst.TokenExpires.Sub(t.now()) > RefreshBefore
}

func (t *Tokens) now() time.Time {
	if t.Now == nil {
		return time.Now()
	}
	return t.Now()
}

// refresh trades team's refresh token for a new pair and saves it. It
// reads the installation again first: a refresh that ended while this
// one waited has left a fresh token.
func (t *Tokens) refresh(ctx context.Context, team string) (string, error) {
	inst, err := t.Installations.FindInstallation(ctx, team)
	if err != nil {
		return "", err
	}
	if t.fresh(inst) {
		return inst.BotToken, nil
	}
	client := t.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	var opts []slack.OAuthOption
	if t.APIURL != "" {
		opts = append(opts, slack.OAuthOptionAPIURL(t.APIURL))
	}
	resp, err := slack.RefreshOAuthV2TokenContext(ctx, client, t.ClientID, t.ClientSecret, inst.RefreshToken, opts...)
	if err != nil {
		return "", &refreshFailed{team: team, err: err}
	}
	inst.BotToken, inst.RefreshToken = resp.AccessToken, resp.RefreshToken
	inst.TokenExpires = t.now().Add(time.Duration(resp.ExpiresIn) * time.Second)
	if err := t.Installations.SaveInstallation(ctx, inst); err != nil {
		return "", err
	}
	return inst.BotToken, nil
}

// refreshFailed is the EUNAVAILABLE error of a refresh Slack refused or
// did not answer; it keeps Slack's error for logs (never a token: slack-go
// reports the error code).
type refreshFailed struct {
	team string
	err  error
}

func (e *refreshFailed) Error() string {
	return "install: refresh the token of " + e.team + ": " + e.err.Error()
}
func (e *refreshFailed) Unwrap() []error {
	return []error{proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable"), e.err}
}
