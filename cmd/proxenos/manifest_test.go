package main

import (
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/storage"
)

// manifest is the part of a Slack app manifest the tests check.
type manifest struct {
	Features struct {
		AppHome struct {
			HomeTabEnabled bool `yaml:"home_tab_enabled"`
		} `yaml:"app_home"`
		Shortcuts []struct {
			Name       string `yaml:"name"`
			Type       string `yaml:"type"`
			CallbackID string `yaml:"callback_id"`
		} `yaml:"shortcuts"`
		SlashCommands []struct {
			Command     string `yaml:"command"`
			Description string `yaml:"description"`
			UsageHint   string `yaml:"usage_hint"`
			Escape      bool   `yaml:"should_escape"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			BotEvents []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			IsEnabled bool `yaml:"is_enabled"`
		} `yaml:"interactivity"`
		SocketModeEnabled bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

// readManifest parses deploy/slack-app-manifest.yaml.
func readManifest(t *testing.T) manifest {
	t.Helper()
	data, err := os.ReadFile("../../deploy/slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestManifest_SlashCommands compares the manifest's slash commands with
// the ones the handlers register, both ways: a command Slack does not know
// cannot be typed, and one Proxenos does not answer fails for users.
func TestManifest_SlashCommands(t *testing.T) {
	m := readManifest(t)
	var inManifest []string
	for _, c := range m.Features.SlashCommands {
		inManifest = append(inManifest, c.Command)
		if c.Description == "" || c.UsageHint == "" {
			t.Errorf("%s lacks a description or a usage hint", c.Command)
		}
		// Unescaped, Slack sends "@maria" as typed and owner:@maria
		// cannot name a user; escaped, it sends <@U…|maria>.
		if !c.Escape {
			t.Errorf("%s: should_escape must be true, so that mentions arrive as user ids", c.Command)
		}
	}
	var registered []string
	k := handlers.NewHandler()
	newModules(k, &storage.Store{})
	for _, c := range k.Commands() {
		registered = append(registered, c.Name)
		if !slices.Contains(inManifest, c.Name) {
			t.Errorf("the handlers register %s, which the manifest lacks", c.Name)
		}
	}
	for _, name := range inManifest {
		if !slices.Contains(registered, name) {
			t.Errorf("the manifest declares %s, which no handler answers", name)
		}
	}
}

// TestManifest_Settings checks the scopes, events, shortcut and modes the
// bot relies on.
func TestManifest_Settings(t *testing.T) {
	m := readManifest(t)
	if !m.Settings.SocketModeEnabled || !m.Settings.Interactivity.IsEnabled || !m.Features.AppHome.HomeTabEnabled {
		t.Errorf("Socket Mode, interactivity and the Home tab must be on: %+v", m.Settings)
	}
	k := handlers.NewHandler()
	newModules(k, &storage.Store{})
	shortcuts := map[string]string{}
	for _, s := range m.Features.Shortcuts {
		if s.Type == "message" {
			shortcuts[s.CallbackID] = s.Name
		}
		if !slices.Contains(k.ButtonIDs(), s.CallbackID) {
			t.Errorf("the manifest's shortcut %q (%s) is answered by no handler", s.Name, s.CallbackID)
		}
	}
	for id, name := range map[string]string{translation.ActionTranslateMessage: "Translate (draft)", corr.ActionLogMessage: "Log as correspondence"} {
		if shortcuts[id] != name {
			t.Errorf("the message shortcut %q (%s) is missing", name, id)
		}
	}
	// The *:history scopes serve translations of threads, and the reminder
	// sender, which reads the office channel (public or private) and the
	// owners' DMs before retrying a post Slack may have accepted.
	for _, scope := range []string{"commands", "chat:write", "chat:write.public", "files:read", "files:write",
		"users:read", "im:write", "app_mentions:read", "channels:history", "groups:history", "im:history", "mpim:history", "usergroups:read"} {
		if !slices.Contains(m.OAuthConfig.Scopes.Bot, scope) {
			t.Errorf("the bot scope %s is missing", scope)
		}
	}
	for _, ev := range []string{"app_mention", "app_home_opened", "message.channels", "message.groups", "message.im"} {
		if !slices.Contains(m.Settings.EventSubscriptions.BotEvents, ev) {
			t.Errorf("the bot event %s is missing", ev)
		}
	}
}
