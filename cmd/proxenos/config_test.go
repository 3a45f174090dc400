package main

import (
	"bytes"
	"log/slog"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/proxenos/proxenos"
)

// env returns a Getenv over a map.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestConfig_Validate checks that each bad setting is refused with the
// message that names it, and that good ones pass.
func TestConfig_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		key  string // the catalogue key of the error; "" for none
	}{
		{"OK", nil, ""},
		{"OKMongo", map[string]string{"PROXENOS_STORAGE_URL": "mongodb+srv://u:p@cluster.example.net/proxenos"}, ""},
		{"OKTokens", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "PROXENOS_LANGUAGE": "en"}, ""},
		{"ErrTimezone", map[string]string{"PROXENOS_TIMEZONE": "Europe/Atlantis"}, "config.invalid.timezone"},
		{"ErrLanguage", map[string]string{"PROXENOS_LANGUAGE": "fr"}, "config.invalid.language"},
		{"ErrStorageScheme", map[string]string{"PROXENOS_STORAGE_URL": "postgres://db/proxenos"}, "config.invalid.storage"},
		{"ErrStorageEmptyPath", map[string]string{"PROXENOS_STORAGE_URL": "sqlite:"}, "config.invalid.storage"},
		{"ErrAddr", map[string]string{"PROXENOS_HTTP_ADDR": "3000"}, "config.invalid.addr"},
		{"ErrAddrPort", map[string]string{"PROXENOS_HTTP_ADDR": ":http-ish"}, "config.invalid.addr"},
		{"ErrAppToken", map[string]string{"SLACK_APP_TOKEN": "xoxb-wrong-kind"}, "config.invalid.token"},
		{"ErrBotToken", map[string]string{"SLACK_BOT_TOKEN": "xapp-wrong-kind"}, "config.invalid.token"},
		{"ErrAPIURL", map[string]string{"PROXENOS_SLACK_API_URL": "slack.com/api"}, "config.invalid.url"},
		{"ErrLLMModel", map[string]string{"OPENAI_API_KEY": "sk-1"}, "config.missing.llm_model"},
		{"OKLLM", map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1", "PROXENOS_LLM_MODEL": "llama3"}, ""},
		{"ErrChannel", map[string]string{"PROXENOS_OFFICE_CHANNEL": "#international"}, "config.invalid.channel"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.ApplyEnv(env(tt.env))
			err := c.Validate()
			var got string
			if e, ok := err.(*proxenos.Error); ok {
				got = e.Key
			} else if err != nil {
				t.Fatalf("got %T %v, want *proxenos.Error", err, err)
			}
			if got != tt.key {
				t.Fatalf("got error %q, want %q", got, tt.key)
			}
		})
	}
}

// TestConfig_ValidateMessageNamesSetting checks the operator's view: the
// message names the variable, the YAML key and the right prefix, and does
// not echo the token.
func TestConfig_ValidateMessageNamesSetting(t *testing.T) {
	m := NewMain()
	m.Getenv = env(map[string]string{"SLACK_APP_TOKEN": "xoxb-123", "PROXENOS_LANGUAGE": "en"})
	err := m.ParseFlags(t.Context(), []string{"serve"})
	if err == nil {
		t.Fatal("got nil error for an app token of the wrong kind")
	}
	got := m.Message(err)
	for _, want := range []string{"SLACK_APP_TOKEN", "slack.app_token", "xapp-"} {
		if !strings.Contains(got, want) {
			t.Errorf("message %q does not mention %q", got, want)
		}
	}
	if strings.Contains(got, "xoxb-123") {
		t.Errorf("message %q echoes the token", got)
	}
}

// TestConfig_ApplyEnv checks the precedence defaults < file < environment.
func TestConfig_ApplyEnv(t *testing.T) {
	c := DefaultConfig()
	if err := decodeConfig(&c, "test.yaml", []byte("http:\n  addr: \":4000\"\noffice:\n  language: en\naccess:\n  admins: [U1]\n")); err != nil {
		t.Fatal(err)
	}
	c.ApplyEnv(env(map[string]string{"PROXENOS_HTTP_ADDR": "127.0.0.1:5000", "PROXENOS_ADMINS": " U2, ,U3 "}))
	if got, want := c.HTTP.Addr, "127.0.0.1:5000"; got != want {
		t.Errorf("addr: got %q, want %q (the environment overrides the file)", got, want)
	}
	if got, want := c.Office.Language, "en"; got != want {
		t.Errorf("language: got %q, want %q (the file overrides the default)", got, want)
	}
	if got, want := c.Access.Admins, []string{"U2", "U3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("admins: got %q, want %q", got, want)
	}
	if got, want := c.Office.Timezone, DefaultTimezone; got != want {
		t.Errorf("timezone: got %q, want the default %q", got, want)
	}
}

// TestReadConfigFile checks that the shipped example loads and that typos
// and missing files are refused.
func TestReadConfigFile(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		c := DefaultConfig()
		if err := ReadConfigFile(&c, "../../config.example.yaml"); err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("the example does not validate: %v", err)
		}
		if got, want := c, DefaultConfig(); !reflect.DeepEqual(got.Office, want.Office) || got.Storage != want.Storage || got.HTTP != want.HTTP {
			t.Errorf("the example's values differ from the defaults: got %+v, want %+v", got, want)
		}
	})
	t.Run("ErrUnknownKey", func(t *testing.T) {
		c := DefaultConfig()
		err := decodeConfig(&c, "test.yaml", []byte("office:\n  timzone: Europe/Athens\n"))
		if e, ok := err.(*proxenos.Error); !ok || e.Key != "config.file.parse" {
			t.Fatalf("got %v, want config.file.parse", err)
		}
		if !strings.Contains(err.Error(), "timzone") {
			t.Errorf("error %q does not name the unknown key", err)
		}
	})
	t.Run("ErrMissingFile", func(t *testing.T) {
		c := DefaultConfig()
		if err := ReadConfigFile(&c, t.TempDir()+"/none.yaml"); proxenos.ErrorCode(err) != proxenos.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
	})
	t.Run("OKEmpty", func(t *testing.T) {
		c := DefaultConfig()
		if err := decodeConfig(&c, "empty.yaml", nil); err != nil {
			t.Fatalf("an empty file: %v", err)
		}
	})
}

// TestConfigExample_DocumentsEverySetting checks that config.example.yaml
// shows every key Config reads, so that the example stays the reference.
func TestConfigExample_DocumentsEverySetting(t *testing.T) {
	data, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	ct := reflect.TypeFor[Config]()
	for i := range ct.NumField() {
		section := ct.Field(i)
		name := section.Tag.Get("yaml")
		for j := range section.Type.NumField() {
			key := section.Type.Field(j).Tag.Get("yaml")
			if _, ok := doc[name][key]; !ok {
				t.Errorf("config.example.yaml lacks %s.%s", name, key)
			}
		}
	}
}

// TestConfig_Redacted checks that printing or logging the configuration
// never shows a token, key or database password.
func TestConfig_Redacted(t *testing.T) {
	c := DefaultConfig()
	c.ApplyEnv(env(map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-secret-bot", "SLACK_APP_TOKEN": "xapp-secret-app",
		"SLACK_SIGNING_SECRET": "secret-signing", "OPENAI_API_KEY": "sk-secret-key",
		"PROXENOS_STORAGE_URL": "mongodb://proxenos:secret-db-pw@db.example.org:27017/proxenos",
		"SLACK_CLIENT_SECRET":  "secret-client", "PROXENOS_ENCRYPTION_KEY": "c2VjcmV0LWtleS1jdXJyZW50LTMyLWJ5dGVzLWxvbmc=",
		"PROXENOS_ENCRYPTION_OLD_KEYS": "c2VjcmV0LWtleS1vbGQtb25lLTMyLWJ5dGVzLWxvbmc=,c2VjcmV0LWtleS1vbGQtdHdvLTMyLWJ5dGVzLWxvbmc=",
	}))
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "config", c)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "config", c)
	for name, out := range map[string]string{"String": c.String(), "LogValue": logs.String()} {
		for _, secret := range c.Secrets() {
			if strings.Contains(out, secret) {
				t.Errorf("%s shows the secret %q:\n%s", name, secret, out)
			}
		}
	}
	if got, want := len(c.Secrets()), 9; got != want {
		t.Errorf("got %d secrets, want %d", got, want)
	}
	if !strings.Contains(c.String(), "db.example.org") {
		t.Errorf("String hides the database host, which is not a secret:\n%s", c.String())
	}
	if got, want := c.scrub("dial mongodb://proxenos:secret-db-pw@db: refused"), "dial mongodb://proxenos:"+redacted+"@db: refused"; got != want {
		t.Errorf("scrub: got %q, want %q", got, want)
	}
}

// A password with %-escapes is hidden as decoded and as written, since
// a driver's error may quote the URL either way.
func TestConfig_EscapedPassword(t *testing.T) {
	c := DefaultConfig()
	c.ApplyEnv(env(map[string]string{"PROXENOS_STORAGE_URL": "mongodb://proxenos:p%40ss%2Fw0rd@db.example.org:27017/proxenos"}))
	if got, want := c.Secrets(), []string{"p@ss/w0rd", "p%40ss%2Fw0rd"}; !slices.Equal(got, want) {
		t.Errorf("Secrets() = %q, want %q", got, want)
	}
	for _, msg := range []string{"auth failed for mongodb://proxenos:p%40ss%2Fw0rd@db", "bad password p@ss/w0rd"} {
		if got := c.scrub(msg); strings.Contains(got, "p%40ss") || strings.Contains(got, "p@ss") {
			t.Errorf("scrub(%q) = %q: the password shows", msg, got)
		}
	}
	if got := c.String(); strings.Contains(got, "p%40ss") || strings.Contains(got, "p@ss") {
		t.Errorf("String shows the password:\n%s", got)
	}
}
