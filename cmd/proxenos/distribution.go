package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/install"
	"github.com/proxenos/proxenos/secret"
)

// Distribution reports whether Proxenos is installed in workspaces by
// OAuth (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set), rather than
// serving the one workspace of SLACK_BOT_TOKEN.
func (c *Config) Distribution() bool {
	return c.Slack.ClientID != "" && c.Slack.ClientSecret != ""
}

// validateDistribution checks the encryption keys whenever given, and
// what distribution mode needs: both OAuth credentials, the signing
// secret, a key, the public URL Slack redirects to, and HTTP (Slack's
// directory takes no Socket Mode app). Errors name the setting, never
// its value.
func (c *Config) validateDistribution() error {
	if _, err := c.Keyring(); err != nil {
		return err
	}
	if (c.Slack.ClientID == "") != (c.Slack.ClientSecret == "") {
		return proxenos.Errorf(proxenos.EINVALID, "config.distribution.incomplete")
	}
	if !c.Distribution() {
		return nil
	}
	switch {
	case c.Encryption.Key == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.distribution.key")
	case c.Slack.SigningSecret == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.distribution.signing_secret")
	case c.HTTP.PublicURL == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.distribution.public_url")
	case c.Slack.AppToken != "":
		return proxenos.Errorf(proxenos.EINVALID, "config.distribution.socket")
	}
	return nil
}

// Keyring returns the keys of PROXENOS_ENCRYPTION_KEY and
// PROXENOS_ENCRYPTION_OLD_KEYS; nil when no key is set. EINVALID naming
// the variable of a key that is not 32 bytes of base64.
func (c *Config) Keyring() (*secret.Keyring, error) {
	if c.Encryption.Key == "" {
		if len(c.Encryption.OldKeys) > 0 {
			return nil, proxenos.Errorf(proxenos.EINVALID, "config.encryption.old_without_key")
		}
		return nil, nil
	}
	current, err := secret.ParseKey("PROXENOS_ENCRYPTION_KEY", c.Encryption.Key)
	if err != nil {
		return nil, err
	}
	old := make([][]byte, len(c.Encryption.OldKeys))
	for i, k := range c.Encryption.OldKeys {
		if old[i], err = secret.ParseKey("PROXENOS_ENCRYPTION_OLD_KEYS", k); err != nil {
			return nil, err
		}
	}
	return secret.NewKeyring(current, old...)
}

// installations returns the store's installations with their tokens
// sealed by the configured keys. EINVALID without a key.
func (m *Main) installations() (*secret.Installations, error) {
	keys, err := m.Config.Keyring()
	if err != nil {
		return nil, err
	}
	if keys == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "config.distribution.key")
	}
	return &secret.Installations{Store: m.Store.Installations, Keys: keys}, nil
}

// distributed reports whether serve runs in distribution mode: by the
// settings, or with installations a test gave.
func (m *Main) distributed() bool {
	return m.Installations != nil || m.Config.Distribution()
}

// workspaces returns the installations as serve reads them: sealed in the
// store, rotating tokens refreshed before they expire, and a saved
// installation (a new install, a reinstall) read again by the bot at once.
func (m *Main) workspaces() (*workspaces, error) {
	insts, err := m.installations()
	if err != nil {
		return nil, err
	}
	return &workspaces{Installations: insts,
		tokens: &install.Tokens{Installations: insts, ClientID: m.Config.Slack.ClientID,
			ClientSecret: m.Config.Slack.ClientSecret, APIURL: m.apiURL()},
		forget: func(team string) {
			if m.Bot != nil {
				m.Bot.ForgetWorkspace(team)
			}
		}}, nil
}

// workspaces is the store's installations as serve uses them.
type workspaces struct {
	*secret.Installations
	tokens *install.Tokens
	forget func(team string)
}

// FindInstallation returns team's installation, its token refreshed first
// when it rotates and expires within minutes.
func (w *workspaces) FindInstallation(ctx context.Context, team string) (*proxenos.Installation, error) {
	if _, err := w.tokens.Token(ctx, team); err != nil {
		switch proxenos.ErrorCode(err) {
		case proxenos.ENOTFOUND, proxenos.EUNAUTHORIZED: // told by the read below
		default:
			return nil, err
		}
	}
	return w.Installations.FindInstallation(ctx, team)
}

// SaveInstallation stores inst and makes the bot read it again.
func (w *workspaces) SaveInstallation(ctx context.Context, inst *proxenos.Installation) error {
	if err := w.Installations.SaveInstallation(ctx, inst); err != nil {
		return err
	}
	w.forget(inst.Team)
	return nil
}

// mountInstall serves the install pages on mux in distribution mode.
func (m *Main) mountInstall(mux *http.ServeMux) error {
	if !m.Config.Distribution() {
		return nil
	}
	insts, err := m.workspaces()
	if err != nil {
		return err
	}
	h, err := install.New(install.Config{ClientID: m.Config.Slack.ClientID, ClientSecret: m.Config.Slack.ClientSecret,
		RedirectURL: strings.TrimSuffix(m.Config.HTTP.PublicURL, "/") + install.RedirectPath,
		StateKey:    []byte(m.Config.Slack.SigningSecret), Installations: insts, APIURL: m.apiURL(), Log: m.Logger})
	if err != nil {
		return err
	}
	h.Register(mux)
	return nil
}
