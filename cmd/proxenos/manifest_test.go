package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/storage"
)

// manifest is the part of a Slack app manifest the tests check.
type manifest struct {
	DisplayInformation struct {
		Name            string `yaml:"name"`
		Description     string `yaml:"description"`
		LongDescription string `yaml:"long_description"`
	} `yaml:"display_information"`
	Features struct {
		AppHome struct {
			HomeTabEnabled bool `yaml:"home_tab_enabled"`
		} `yaml:"app_home"`
		Shortcuts []struct {
			Name        string `yaml:"name"`
			Type        string `yaml:"type"`
			CallbackID  string `yaml:"callback_id"`
			Description string `yaml:"description"`
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

// manifests are the app's manifests in deploy/, by file, with the names
// of their message shortcuts: the same app in English and in Greek.
var manifests = map[string]map[string]string{
	"slack-app-manifest.yaml": {
		translation.ActionTranslateMessage: "Translate (draft)", corr.ActionLogMessage: "Log as correspondence"},
	"slack-app-manifest.el.yaml": {
		translation.ActionTranslateMessage: "Πρόχειρη μετάφραση", corr.ActionLogMessage: "Πρωτοκόλληση μηνύματος"},
}

// readManifest parses a manifest of deploy/ into v.
func readManifest(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../deploy", file))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// eachManifest runs check on each manifest, as a subtest named by its file.
func eachManifest(t *testing.T, check func(t *testing.T, m manifest, shortcuts map[string]string)) {
	for file, shortcuts := range manifests {
		t.Run(file, func(t *testing.T) {
			var m manifest
			readManifest(t, file, &m)
			check(t, m, shortcuts)
		})
	}
}

// TestManifest_SlashCommands compares the manifest's slash commands with
// the ones the handlers register, both ways: a command Slack does not know
// cannot be typed, and one Proxenos does not answer fails for users.
func TestManifest_SlashCommands(t *testing.T) {
	eachManifest(t, func(t *testing.T, m manifest, _ map[string]string) { checkSlashCommands(t, m) })
}

// checkSlashCommands compares m's slash commands with the registered ones.
func checkSlashCommands(t *testing.T, m manifest) {
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
	eachManifest(t, checkSettings)
}

// checkSettings checks m's scopes, events, shortcuts (named as names
// says) and modes.
func checkSettings(t *testing.T, m manifest, names map[string]string) {
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
	for id, name := range names {
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

// TestManifest_SlackLimits checks each manifest against the lengths Slack
// refuses a manifest for (apps.manifest.validate): a shortcut's name at
// most 24 characters, its description 150; the app's name 35, its short
// description 139, its long one 174 to 4,000.
func TestManifest_SlackLimits(t *testing.T) {
	eachManifest(t, func(t *testing.T, m manifest, _ map[string]string) {
		d := m.DisplayInformation
		between := func(what, s string, least, most int) {
			if n := utf8.RuneCountInString(s); n < least || n > most {
				t.Errorf("%s %q: %d characters, Slack takes %d to %d", what, s, n, least, most)
			}
		}
		between("the app's name", d.Name, 1, 35)
		between("the app's description", d.Description, 1, 139)
		between("the app's long description", d.LongDescription, 174, 4000)
		for _, s := range m.Features.Shortcuts {
			between("the shortcut's name", s.Name, 1, 24)
			between("the shortcut's description", s.Description, 1, 150)
		}
	})
}

// TestManifest_SameApp checks that the Greek manifest is the English one
// with its words in Greek: the same commands, shortcuts, scopes, events
// and settings, only names, descriptions and usage hints differing. An
// office pasting either gets the same app.
func TestManifest_SameApp(t *testing.T) {
	var en, el map[string]any
	readManifest(t, "slack-app-manifest.yaml", &en)
	readManifest(t, "slack-app-manifest.el.yaml", &el)
	if a, b := unworded(en), unworded(el); !reflect.DeepEqual(a, b) {
		t.Errorf("the manifests differ in more than words:\nen: %v\nel: %v", a, b)
	}
	if reflect.DeepEqual(en, el) {
		t.Error("the Greek manifest is the English one")
	}
}

// unworded returns v without the words people read: descriptions, usage
// hints and the names of shortcuts (a map with a callback_id).
func unworded(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			_, shortcut := v["callback_id"]
			if k == "description" || k == "long_description" || k == "usage_hint" || shortcut && k == "name" {
				continue
			}
			out[k] = unworded(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = unworded(x)
		}
		return out
	}
	return v
}
