package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/i18n"
)

// Defaults of the settings that have one.
const (
	DefaultHTTPAddr   = ":3000"
	DefaultStorageURL = "sqlite:./data/proxenos.db"
	DefaultTimezone   = proxenos.DefaultOfficeZone
	DefaultLanguage   = "el"
)

// redacted replaces a secret wherever configuration is printed or logged.
const redacted = "[REDACTED]"

// Config is every setting of Proxenos. It is read from a YAML file (see
// config.example.yaml), then environment variables override it. Secrets
// are redacted by String and LogValue.
type Config struct {
	Slack   SlackConfig   `yaml:"slack"`
	HTTP    HTTPConfig    `yaml:"http"`
	Storage StorageConfig `yaml:"storage"`
	Office  OfficeConfig  `yaml:"office"`
	LLM     LLMConfig     `yaml:"llm"`
	Access  AccessConfig  `yaml:"access"`

	Reminders RemindersConfig `yaml:"reminders"`
	Calls     CallsConfig     `yaml:"calls"`
	Documents DocumentsConfig `yaml:"documents"`

	Encryption EncryptionConfig `yaml:"encryption"`
}

// EncryptionConfig holds the keys that seal the workspaces' tokens at
// rest in distribution mode: 32 random bytes each, base64.
type EncryptionConfig struct {
	Key     string   `yaml:"key"`      // seals; opens too
	OldKeys []string `yaml:"old_keys"` // open only, until `proxenos workspace rekey` has run
}

// SlackConfig holds the Slack app's credentials, and how many of its
// requests are worked on at once.
type SlackConfig struct {
	BotToken      string `yaml:"bot_token"`      // xoxb-…
	AppToken      string `yaml:"app_token"`      // xapp-…, enables Socket Mode
	SigningSecret string `yaml:"signing_secret"` // verifies HTTP requests
	APIURL        string `yaml:"api_url"`        // Web API base URL override
	// ClientID and ClientSecret, both set, turn distribution mode on:
	// Proxenos is installed in workspaces by OAuth (/slack/install).
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	// MaxWork is bot.Bot.MaxWork as text, like the other tuning settings;
	// empty keeps the default, 4 × GOMAXPROCS.
	MaxWork string `yaml:"max_work"`
}

// maxWorkExample is the example a wrong PROXENOS_MAX_WORK is answered with.
const maxWorkExample = "16"

// HTTPConfig holds the HTTP listener's settings.
type HTTPConfig struct {
	Addr      string `yaml:"addr"`
	PublicURL string `yaml:"public_url"` // where users reach it, for calendar feeds
}

// StorageConfig names the store: "sqlite:<path>" or a MongoDB URI.
type StorageConfig struct {
	URL string `yaml:"url"`
}

// OfficeConfig holds the office's channel, time zone and language, and
// who the office is in its mail: its mail domains and the names it signs
// with, which tell a letter it sent from one it received.
type OfficeConfig struct {
	Channel  string   `yaml:"channel"`
	Timezone string   `yaml:"timezone"`
	Language string   `yaml:"language"`
	Domains  []string `yaml:"domains"`
	Names    []string `yaml:"names"`
}

// LLMConfig holds the settings of the translation model.
type LLMConfig struct {
	APIKey  string `yaml:"api_key"`
	BaseURL string `yaml:"base_url"`
	Model   string `yaml:"model"`

	// Tuning, as text like the reminder settings; empty keeps the default.
	Concurrency   string `yaml:"concurrency"`    // parts translated at once
	Timeout       string `yaml:"timeout"`        // per request to the model
	MonthlyTokens string `yaml:"monthly_tokens"` // budget per month; 0 or empty: none
}

// CallsConfig holds where EU funding calls are imported from.
type CallsConfig struct {
	PortalURL string `yaml:"portal_url"` // the Funding & Tenders search API
}

// AccessConfig lists who may use the bot (everyone when AllowedUsers is
// empty) and who administers it, by Slack user id.
type AccessConfig struct {
	AllowedUsers []string `yaml:"allowed_users"`
	Admins       []string `yaml:"admins"`
}

// DefaultConfig returns the settings used when nothing overrides them.
func DefaultConfig() Config {
	return Config{
		HTTP:    HTTPConfig{Addr: DefaultHTTPAddr},
		Storage: StorageConfig{URL: DefaultStorageURL},
		Office:  OfficeConfig{Timezone: DefaultTimezone, Language: DefaultLanguage},

		Reminders: defaultReminders(),
	}
}

// ReadConfigFile reads the YAML file at path over c. Unknown keys are an
// error, so that a misspelt setting is not silently ignored.
func ReadConfigFile(c *Config, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return proxenos.Errorf(proxenos.EINVALID, "config.file.read", path, err.Error())
	}
	return decodeConfig(c, path, data)
}

// decodeConfig decodes YAML data over c, refusing unknown keys.
func decodeConfig(c *Config, path string, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	// KnownFields turns "timzone:" into an error naming the line, instead
	// of a default the operator did not choose.
	dec.KnownFields(true)
	// io.EOF is an empty file: nothing to override.
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return proxenos.Errorf(proxenos.EINVALID, "config.file.parse", path, err.Error())
	}
	return nil
}

// ApplyEnv overrides c with the environment variables that are set.
func (c *Config) ApplyEnv(getenv func(string) string) {
	// An empty variable does not override: `FOO= proxenos` keeps the file's
	// value, as operators expect from docker-compose and systemd files.
	for _, s := range []struct {
		env string
		dst *string
	}{
		{"SLACK_BOT_TOKEN", &c.Slack.BotToken},
		{"SLACK_APP_TOKEN", &c.Slack.AppToken},
		{"SLACK_SIGNING_SECRET", &c.Slack.SigningSecret},
		{"SLACK_CLIENT_ID", &c.Slack.ClientID},
		{"SLACK_CLIENT_SECRET", &c.Slack.ClientSecret},
		{"PROXENOS_ENCRYPTION_KEY", &c.Encryption.Key},
		{"PROXENOS_SLACK_API_URL", &c.Slack.APIURL},
		{"PROXENOS_MAX_WORK", &c.Slack.MaxWork},
		{"PROXENOS_HTTP_ADDR", &c.HTTP.Addr},
		{"PROXENOS_PUBLIC_URL", &c.HTTP.PublicURL},
		{"PROXENOS_STORAGE_URL", &c.Storage.URL},
		{"PROXENOS_OFFICE_CHANNEL", &c.Office.Channel},
		{"PROXENOS_TIMEZONE", &c.Office.Timezone},
		{"PROXENOS_LANGUAGE", &c.Office.Language},
		{"OPENAI_API_KEY", &c.LLM.APIKey},
		{"OPENAI_BASE_URL", &c.LLM.BaseURL},
		{"PROXENOS_LLM_MODEL", &c.LLM.Model},
		{"PROXENOS_EU_PORTAL_URL", &c.Calls.PortalURL},
	} {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			*s.dst = v
		}
	}
	for _, l := range []struct {
		env string
		dst *[]string
	}{{"PROXENOS_ALLOWED_USERS", &c.Access.AllowedUsers}, {"PROXENOS_ADMINS", &c.Access.Admins},
		{"PROXENOS_OFFICE_DOMAINS", &c.Office.Domains}, {"PROXENOS_OFFICE_NAMES", &c.Office.Names},
		{"PROXENOS_ENCRYPTION_OLD_KEYS", &c.Encryption.OldKeys}} {
		if v := getenv(l.env); strings.TrimSpace(v) != "" {
			*l.dst = splitList(v)
		}
	}
	c.Reminders.applyEnv(getenv)
	c.LLM.applyEnv(getenv)
	c.Documents.applyEnv(getenv)
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Validate returns an EINVALID error naming the first setting that is
// wrong, with an example of a right one. Credentials are checked for their
// kind only when given; Serve checks that enough of them are given.
func (c *Config) Validate() error {
	// "Local" and "" would silently follow the server's zone, which in a
	// container is UTC: the office's dates would move by two hours.
	if _, err := time.LoadLocation(c.Office.Timezone); err != nil || c.Office.Timezone == "" || c.Office.Timezone == "Local" {
		return proxenos.Errorf(proxenos.EINVALID, "config.invalid.timezone", c.Office.Timezone)
	}
	if _, ok := i18n.ParseLang(c.Office.Language); !ok {
		return proxenos.Errorf(proxenos.EINVALID, "config.invalid.language", c.Office.Language)
	}
	if err := validateStorageURL(c.Storage.URL); err != nil {
		return err
	}
	if err := validateAddr(c.HTTP.Addr); err != nil {
		return err
	}
	if _, err := c.MaxWork(); err != nil {
		return err
	}
	// A token pasted into the wrong variable is the commonest mistake;
	// Slack's prefixes tell the kinds apart without a network call.
	for _, t := range []struct {
		env, yaml, value, prefix string
	}{
		{"SLACK_BOT_TOKEN", "slack.bot_token", c.Slack.BotToken, "xoxb-"},
		{"SLACK_APP_TOKEN", "slack.app_token", c.Slack.AppToken, "xapp-"},
	} {
		if t.value != "" && !strings.HasPrefix(t.value, t.prefix) {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.token", t.env, t.yaml, t.prefix)
		}
	}
	// Base URLs are joined with method names later: a missing scheme
	// would only show up as a confusing error on the first request.
	for _, u := range []struct{ env, yaml, value string }{
		{"PROXENOS_SLACK_API_URL", "slack.api_url", c.Slack.APIURL},
		{"OPENAI_BASE_URL", "llm.base_url", c.LLM.BaseURL},
		{"PROXENOS_PUBLIC_URL", "http.public_url", c.HTTP.PublicURL},
		{"PROXENOS_EU_PORTAL_URL", "calls.portal_url", c.Calls.PortalURL},
	} {
		if u.value == "" {
			continue
		}
		if p, err := url.Parse(u.value); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.url", u.env, u.yaml)
		}
	}
	// A key or base URL turns translation on; which model to pay for is
	// the office's choice, not a default of ours.
	if (c.LLM.APIKey != "" || c.LLM.BaseURL != "") && c.LLM.Model == "" {
		return proxenos.Errorf(proxenos.EINVALID, "config.missing.llm_model")
	}
	if c.Office.Channel != "" && !isChannelID(c.Office.Channel) {
		return proxenos.Errorf(proxenos.EINVALID, "config.invalid.channel", c.Office.Channel)
	}
	if err := c.Reminders.validate(); err != nil {
		return err
	}
	if err := c.LLM.validate(); err != nil {
		return err
	}
	if err := c.validateDistribution(); err != nil {
		return err
	}
	return c.Documents.validate()
}

// validateStorageURL accepts "sqlite:<path>", "mongodb://…" and "mongodb+srv://…".
func validateStorageURL(s string) error {
	switch {
	case strings.HasPrefix(s, "sqlite:") && len(s) > len("sqlite:"):
		return nil
	case strings.HasPrefix(s, "mongodb://"), strings.HasPrefix(s, "mongodb+srv://"):
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return nil
		}
	}
	return proxenos.Errorf(proxenos.EINVALID, "config.invalid.storage", redactURL(s))
}

// validateAddr accepts "host:port" and ":port" with a numeric port.
func validateAddr(s string) error {
	_, port, err := net.SplitHostPort(s)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return proxenos.Errorf(proxenos.EINVALID, "config.invalid.addr", s)
	}
	return nil
}

// MaxWork returns how many Slack requests may be worked on at once after
// their acknowledgement, 0 when the setting is empty (bot's default), or
// an EINVALID error naming PROXENOS_MAX_WORK unless it is a whole number
// the bot accepts (a positive one).
func (c *Config) MaxWork() (int, error) {
	v := strings.TrimSpace(c.Slack.MaxWork)
	if v == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(v); err == nil && bot.Check(bot.WithMaxWork(n)) == nil {
		return n, nil
	}
	return 0, proxenos.Errorf(proxenos.EINVALID, "config.invalid.max_work", "PROXENOS_MAX_WORK", "slack.max_work", c.Slack.MaxWork, maxWorkExample)
}

// isChannelID reports whether s looks like a Slack channel id: C or G and
// upper-case letters and digits.
func isChannelID(s string) bool {
	if len(s) < 2 || (s[0] != 'C' && s[0] != 'G') {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// Location returns the office time zone; Validate has checked it.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Office.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Lang returns the office language; Validate has checked it.
func (c *Config) Lang() i18n.Lang {
	if lang, ok := i18n.ParseLang(c.Office.Language); ok {
		return lang
	}
	return i18n.Greek
}

// Secrets returns the secret values set in c, so that tests and log
// filters can check that none of them leaks.
func (c *Config) Secrets() []string {
	var out []string
	secrets := append([]string{c.Slack.BotToken, c.Slack.AppToken, c.Slack.SigningSecret, c.Slack.ClientSecret, c.LLM.APIKey,
		c.Encryption.Key}, c.Encryption.OldKeys...)
	for _, s := range append(secrets, urlPasswords(c.Storage.URL)...) {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Redacted returns a copy of c with every secret replaced.
func (c Config) Redacted() Config {
	for _, s := range []*string{&c.Slack.BotToken, &c.Slack.AppToken, &c.Slack.SigningSecret, &c.Slack.ClientSecret, &c.LLM.APIKey,
		&c.Encryption.Key} {
		if *s != "" {
			*s = redacted
		}
	}
	old := make([]string, len(c.Encryption.OldKeys))
	for i := range old {
		old[i] = redacted
	}
	c.Encryption.OldKeys = old
	c.Storage.URL = redactURL(c.Storage.URL)
	return c
}

// String writes the configuration as YAML with its secrets redacted.
func (c Config) String() string {
	out, err := yaml.Marshal(c.Redacted())
	if err != nil {
		return fmt.Sprintf("config: %v", err)
	}
	return string(out)
}

// LogValue logs the configuration with its secrets redacted; a secret
// only shows whether it is set.
func (c Config) LogValue() slog.Value {
	r := c.Redacted()
	return slog.GroupValue(
		slog.Bool("slack_bot_token", r.Slack.BotToken != ""),
		slog.Bool("slack_app_token", r.Slack.AppToken != ""),
		slog.Bool("slack_signing_secret", r.Slack.SigningSecret != ""),
		slog.String("slack_client_id", r.Slack.ClientID),
		slog.Bool("slack_client_secret", r.Slack.ClientSecret != ""),
		slog.Bool("encryption_key", r.Encryption.Key != ""),
		slog.Int("encryption_old_keys", len(r.Encryption.OldKeys)),
		slog.String("slack_api_url", r.Slack.APIURL),
		slog.String("max_work", r.Slack.MaxWork),
		slog.String("http_addr", r.HTTP.Addr),
		slog.String("public_url", r.HTTP.PublicURL),
		slog.String("storage_url", r.Storage.URL),
		slog.String("office_channel", r.Office.Channel),
		slog.String("timezone", r.Office.Timezone),
		slog.String("language", r.Office.Language),
		slog.Bool("openai_api_key", r.LLM.APIKey != ""),
		slog.String("openai_base_url", r.LLM.BaseURL),
		slog.String("llm_model", r.LLM.Model),
		slog.String("llm_concurrency", r.LLM.Concurrency),
		slog.String("llm_timeout", r.LLM.Timeout),
		slog.String("llm_monthly_tokens", r.LLM.MonthlyTokens),
		slog.String("eu_portal_url", r.Calls.PortalURL),
		slog.Int("allowed_users", len(r.Access.AllowedUsers)),
		slog.Int("admins", len(r.Access.Admins)),
		slog.Any("reminders", r.Reminders),
		slog.String("document_timeout", r.Documents.Timeout),
		slog.String("document_memory_mb", r.Documents.MemoryMB),
	)
}

// redactURL hides the password of a URL such as mongodb://user:pw@host.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		// An unparsable URL may still hold user:password@; hide it all.
		if strings.Contains(s, "@") {
			return redacted
		}
		return s
	}
	return u.Redacted()
}

// urlPasswords returns the password in a URL such as
// mongodb://user:p%40ss@host decoded ("p@ss") and, when it differs, as
// written ("p%40ss"): an error may quote either.
func urlPasswords(s string) []string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return nil
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return nil
	}
	out := []string{pw}
	// The user info as written: after the scheme, before the last @ of
	// the authority.
	_, rest, _ := strings.Cut(s, "://")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		if _, raw, ok := strings.Cut(rest[:i], ":"); ok && raw != pw {
			out = append(out, raw)
		}
	}
	return out
}
