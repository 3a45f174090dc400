package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// runCommand runs proxenos with args in-process, in English, and returns
// its output and error.
func runCommand(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	m, out, errs := testMain(t, map[string]string{"PROXENOS_LANGUAGE": "en"}, strings.NewReader(""))
	if err = m.ParseFlags(context.Background(), args); err == nil {
		err = m.Run(context.Background())
	}
	m.Close()
	return out.String(), errs.String(), err
}

// openStore opens the store at url for the test.
func openStore(t *testing.T, url string) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// totalWritten reads the written column of a report's total row.
func totalWritten(t *testing.T, table string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^\s*total\s+(\d+)\s+(\d+)`).FindStringSubmatch(table)
	if m == nil {
		t.Fatalf("no total row in\n%s", table)
	}
	return m[2]
}

// TestTransfer migrates a SQLite file to MongoDB (the embedded FerretDB)
// twice, exports the MongoDB store and imports the backup into a new
// SQLite file: every record arrives as it was, and a re-run writes
// nothing.
func TestTransfer(t *testing.T) {
	dir := t.TempDir()
	src := "sqlite:" + filepath.Join(dir, "office.db")
	storagetest.Seed(t, openStore(t, src))
	mongoURL := startFerret(t, t.TempDir(), "127.0.0.1:0").uri("region")

	t.Run("Migrate", func(t *testing.T) {
		out, _, err := runCommand(t, "migrate", "--from", src, "--to", mongoURL)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "correspondence") || !strings.Contains(out, "ok") || totalWritten(t, out) == "0" {
			t.Fatalf("report:\n%s", out)
		}
		again, _, err := runCommand(t, "migrate", "--from", src, "--to", mongoURL)
		if err != nil || totalWritten(t, again) != "0" {
			t.Fatalf("re-run (%v) wrote records:\n%s", err, again)
		}
	})
	backup := filepath.Join(dir, "backup.jsonl")
	t.Run("ExportImport", func(t *testing.T) {
		out, _, err := runCommand(t, "export", "--from", mongoURL, "--out", backup)
		if err != nil || !strings.Contains(out, "Exported") {
			t.Fatalf("export (%v):\n%s", err, out)
		}
		if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("backup %v (%v), want a file readable by its owner only", fi, err)
		}
		restored := "sqlite:" + filepath.Join(dir, "restored.db")
		if _, _, err := runCommand(t, "import", "--to", restored, "--in", backup); err != nil {
			t.Fatal(err)
		}
		got, want := storagetest.Dump(t, openStore(t, restored)), storagetest.Dump(t, openStore(t, src))
		for key, records := range want {
			if !slices.Equal(got[key], records) {
				t.Errorf("%s after migrate, export and import:\n%v\nwant\n%v", key, got[key], records)
			}
		}
	})
	t.Run("ExportStdout", func(t *testing.T) {
		out, table, err := runCommand(t, "export", "--from", src)
		if err != nil || strings.Count(out, `{"v":1,`) < 20 || !strings.Contains(table, "total") {
			t.Fatalf("export to stdout (%v): %d lines, table on stderr:\n%s", err, strings.Count(out, "\n"), table)
		}
	})
	for _, tt := range []struct {
		name string
		args []string
		key  string
	}{
		{"ErrNoTarget", []string{"migrate", "--from", src}, "transfer.required.from_to"},
		{"ErrSameStore", []string{"migrate", "--from", src, "--to", src + "/"}, "transfer.same_store"},
		{"ErrBadURL", []string{"migrate", "--from", src, "--to", "postgres://x"}, "config.invalid.storage"},
		{"ErrNoBackup", []string{"import", "--to", src, "--in", filepath.Join(dir, "missing.jsonl")}, "transfer.file.open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCommand(t, tt.args...)
			var perr *proxenos.Error
			if !errors.As(err, &perr) || perr.Key != tt.key {
				t.Fatalf("error %v, want %s", err, tt.key)
			}
		})
	}
}

func TestSecretFiles(t *testing.T) {
	dir := t.TempDir()
	token := filepath.Join(dir, "slack_bot_token")
	if err := os.WriteFile(token, []byte("xoxb-from-a-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "backup.tar") // the wrong file mounted as a secret
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), maxSecretFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		vars map[string]string
		want string // SLACK_BOT_TOKEN as read
		key  string // the error's catalogue key
	}{
		{"OK", map[string]string{"SLACK_BOT_TOKEN_FILE": token}, "xoxb-from-a-file", ""},
		{"OKVariableOnly", map[string]string{"SLACK_BOT_TOKEN": "xoxb-plain"}, "xoxb-plain", ""},
		{"ErrBoth", map[string]string{"SLACK_BOT_TOKEN": "xoxb-plain", "SLACK_BOT_TOKEN_FILE": token}, "", "config.secret_both"},
		{"ErrUnreadable", map[string]string{"SLACK_BOT_TOKEN_FILE": filepath.Join(dir, "nope")}, "", "config.secret_file"},
		{"ErrTooBig", map[string]string{"SLACK_BOT_TOKEN_FILE": big}, "", "config.secret_file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			getenv, err := SecretFiles(env(tt.vars))
			var perr *proxenos.Error
			switch {
			case tt.key != "" && (!errors.As(err, &perr) || perr.Key != tt.key):
				t.Fatalf("error %v, want %s", err, tt.key)
			case tt.key == "" && err != nil:
				t.Fatal(err)
			case tt.key == "":
				c := DefaultConfig()
				c.ApplyEnv(getenv)
				if c.Slack.BotToken != tt.want {
					t.Fatalf("bot token %q, want %q", c.Slack.BotToken, tt.want)
				}
			}
		})
	}
}

func TestHealthcheck(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		code   string
	}{{"OK", http.StatusOK, ""}, {"ErrUnhealthy", http.StatusServiceUnavailable, proxenos.EUNAVAILABLE}} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/healthz" {
					http.NotFound(w, r)
					return
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			_, _, err := runCommand(t, "healthcheck", "--url", srv.URL+"/healthz")
			if got := proxenos.ErrorCode(err); got != tt.code {
				t.Fatalf("code %q (%v), want %q", got, err, tt.code)
			}
		})
	}
}

func TestLocalAddr(t *testing.T) {
	for _, tt := range []struct{ listen, want string }{
		{":3000", "127.0.0.1:3000"},
		{"0.0.0.0:3000", "127.0.0.1:3000"},
		{"[::]:3000", "[::1]:3000"},
		{"10.0.0.5:8080", "10.0.0.5:8080"},
	} {
		if got := localAddr(tt.listen); got != tt.want {
			t.Errorf("localAddr(%q) = %q, want %q", tt.listen, got, tt.want)
		}
	}
}
