package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/translate"
)

// TestMain lets a test run the real main() in a child process, to check
// its exit status; the bot's document reader, `proxenos extract`, runs
// it too, without the environment.
func TestMain(m *testing.M) {
	if spec := os.Getenv(ackSenderEnv); spec != "" {
		os.Exit(ackSender(spec, os.Stdout))
	}
	if os.Getenv("PROXENOS_TEST_RUN_MAIN") == "1" || len(os.Args) > 1 && os.Args[1] == translate.ExtractCommand {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of loggers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testMain returns a Main for args over the environment vars, with its
// output captured.
func testMain(t testing.TB, vars map[string]string, stdin io.Reader) (m *Main, stdout, stderr *syncBuffer) {
	t.Helper()
	m = NewMain()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	m.Stdin, m.Stdout, m.Stderr = stdin, stdout, stderr
	m.Getenv = env(vars)
	m.Username = func() string { return "maria" }
	return m, stdout, stderr
}

// TestMain_ExitStatus runs the real main() in a child process: serve
// without credentials must stop at once with a non-zero status.
func TestMain_ExitStatus(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrNoCredentials", []string{"serve"}, 1, "proxenos console"},
		{"ErrUnknownCommand", []string{"serv"}, 2, `"serv"`},
		{"OKHelp", []string{"console", "--help"}, 0, "-out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], tt.args...)
			cmd.Env = []string{"PROXENOS_TEST_RUN_MAIN=1", "PROXENOS_LANGUAGE=en", "HOME=" + t.TempDir()}
			cmd.Dir = t.TempDir()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			code := 0
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code {
				t.Errorf("got exit status %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
		})
	}
}

// TestConsole_EndToEnd runs the real console on the embedded store with a
// scripted input.
func TestConsole_EndToEnd(t *testing.T) {
	dir := t.TempDir()
	input := strings.Join([]string{
		"/ir help",
		`/corr in from:"Stadt Köln" subject:"Einladung zum Forum" lang:de`,
		"/corr list",
		`/call add id:CERV-2027-CITIZENS-TOWN-TT title:"Town twinning 2027" deadline:"18/09/2027 17:00"`,
		`/mou add kind:twinning partner:"Faenza" title:"Twinning Maroussi – Faenza" signed:12/05/2019 end:open`,
		"/ir reminders 30",
		"exit",
		"/corr list", // after exit: never run
	}, "\n")
	m, stdout, stderr := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "en",
		"SLACK_BOT_TOKEN":      "xoxb-console-does-not-need-it",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	number := "1/" + strconv.Itoa(time.Now().In(m.Config.Location()).Year())
	wantInOrder(t, out,
		i18n.T(i18n.English, "console.welcome"),
		"proxenos> /ir help", "/corr",
		"proxenos> /corr in", number,
		"proxenos> /corr list",
		"proxenos> exit",
	)
	list := out[strings.Index(out, "proxenos> /corr list"):strings.Index(out, "proxenos> exit")]
	for _, want := range []string{number, "Einladung zum Forum", "Stadt Köln"} {
		if !strings.Contains(list, want) {
			t.Errorf("/corr list lacks %q:\n%s", want, list)
		}
	}
	// Every register is wired: none answers that it is not set up.
	for _, key := range []string{"command.not_configured", "reminder.unavailable"} {
		for _, cmd := range []string{"/call", "/mou"} {
			if notSetUp := i18n.T(i18n.English, key, cmd); strings.Contains(out, notSetUp) {
				t.Errorf("the console answers %q", notSetUp)
			}
		}
	}
	wantInOrder(t, out, "proxenos> /call add", "CERV-2027-CITIZENS-TOWN-TT", "proxenos> /mou add", "Faenza", "proxenos> /ir reminders 30")
	if got := strings.Count(out, "proxenos> /corr list"); got != 1 {
		t.Errorf("/corr list ran %d times, want once (not after exit)", got)
	}
	if got := stderr.String(); got != "" {
		t.Errorf("the console logs by default:\n%s", got)
	}
	if _, err := os.Stat(dir + "/proxenos.db"); err != nil {
		t.Errorf("the embedded store was not used: %v", err)
	}
}

// TestVersion checks that version names Proxenos' and Go's versions.
func TestVersion(t *testing.T) {
	m, stdout, _ := testMain(t, nil, nil)
	if err := m.ParseFlags(t.Context(), []string{"version"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{proxenos.Version, runtime.Version()} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("version output %q lacks %q", stdout.String(), want)
		}
	}
}

// TestParseFlags checks the subcommand default, PROXENOS_CONFIG, help
// and a misspelt key in the file.
func TestParseFlags(t *testing.T) {
	t.Run("OKDefaultServe", func(t *testing.T) {
		m, _, _ := testMain(t, nil, nil)
		if err := m.ParseFlags(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if got, want := m.Command, CommandServe; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("OKConfigFromEnv", func(t *testing.T) {
		path := t.TempDir() + "/proxenos.yaml"
		if err := os.WriteFile(path, []byte("office:\n  language: en\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		m, _, _ := testMain(t, map[string]string{"PROXENOS_CONFIG": path}, nil)
		if err := m.ParseFlags(t.Context(), []string{"console"}); err != nil {
			t.Fatal(err)
		}
		if got, want := m.Config.Lang(), i18n.English; got != want {
			t.Errorf("got %q, want %q from the file", got, want)
		}
	})
	t.Run("ErrHelp", func(t *testing.T) {
		m, _, stderr := testMain(t, map[string]string{"PROXENOS_LANGUAGE": "en"}, nil)
		if err := m.ParseFlags(t.Context(), []string{"serve", "-h"}); !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("got %v, want flag.ErrHelp", err)
		}
		if !strings.Contains(stderr.String(), "-config") || !strings.Contains(stderr.String(), "SLACK_APP_TOKEN") {
			t.Errorf("help lacks the flags or the modes:\n%s", stderr.String())
		}
	})
	t.Run("ErrUnknownKeyInFile", func(t *testing.T) {
		path := t.TempDir() + "/proxenos.yaml"
		if err := os.WriteFile(path, []byte("slack:\n  bot_tokn: xoxb-1\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		m, _, _ := testMain(t, nil, nil)
		err := m.ParseFlags(t.Context(), []string{"serve", "--config", path})
		if e, ok := err.(*proxenos.Error); !ok || e.Key != "config.file.parse" {
			t.Fatalf("got %v, want config.file.parse", err)
		}
	})
}

// TestMain_SIGTERM runs the real main() as serve in a child process and
// stops it with SIGTERM: it must shut down cleanly and exit with status 0.
func TestMain_SIGTERM(t *testing.T) {
	// The child only calls auth.test: a one-method stand-in for Slack is
	// enough, and, unlike slackfake, it is fully built before it serves.
	slackAPI := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true,"team_id":"TFAKE","user_id":"UBOT"}`)
	}))
	defer slackAPI.Close()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "serve")
	cmd.Env = []string{"PROXENOS_TEST_RUN_MAIN=1", "HOME=" + t.TempDir(),
		"SLACK_BOT_TOKEN=" + slackfake.BotToken, "SLACK_SIGNING_SECRET=" + testSecret,
		"PROXENOS_SLACK_API_URL=" + slackAPI.URL + "/api/", "PROXENOS_HTTP_ADDR=127.0.0.1:0",
		"PROXENOS_STORAGE_URL=sqlite:" + t.TempDir() + "/proxenos.db"}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	buf := make([]byte, 4096)
	for !strings.Contains(logs.String(), `"msg":"listening"`) {
		n, err := stderr.Read(buf)
		logs.Write(buf[:n])
		if err != nil {
			t.Fatalf("serve ended before listening: %v\n%s", err, logs.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	logs.Write(rest)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("got %v after SIGTERM, want exit status 0; logs:\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("the logs lack the shutdown:\n%s", logs.String())
	}
}

// TestConsole_RemindersFire checks that the console runs the reminder
// engine and prints a reminder as it fires, with its buttons.
func TestConsole_RemindersFire(t *testing.T) {
	dir := t.TempDir()
	store, err := storage.Open(t.Context(), "sqlite:"+dir+"/proxenos.db")
	if err != nil {
		t.Fatal(err)
	}
	morning := reminderTime(t)
	dueCall(t, store, proxenos.ConsoleTeam, "CALL-CONSOLE", morning)
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	stdin, typed := io.Pipe()
	m, stdout, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL":   "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":      "en",
		"PROXENOS_REMINDER_TIME": fmt.Sprintf("%02d:%02d", morning.Hour, morning.Minute),
		"PROXENOS_DIGEST_TIME":   "23:59", // no digest among the output
		"PROXENOS_REMINDER_TICK": "1s",
	}, stdin)
	if err := m.ParseFlags(t.Context(), []string{"console"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(t.Context()) }()
	// The reminder is due at start-up: wait for it, then leave.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "CALL-CONSOLE") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := io.WriteString(typed, "exit\n"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	for _, want := range []string{"CALL-CONSOLE", "!1"} {
		if !strings.Contains(out, want) {
			t.Errorf("the console did not print %q of the reminder:\n%s", want, out)
		}
	}
}

// The console answers in the language chosen with /ir lang, and in the
// configured one again after /ir lang auto.
func TestConsole_LanguageChoice(t *testing.T) {
	dir := t.TempDir()
	input := strings.Join([]string{"/ir lang el", "/corr list", "/ir lang auto", "/corr list"}, "\n")
	m, stdout, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "en",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	_, afterAuto, _ := strings.Cut(out, "proxenos> /ir lang auto")
	chosen := out[:len(out)-len(afterAuto)]
	if el := i18n.T(i18n.Greek, "corr.list.empty"); !strings.Contains(chosen, el) {
		t.Errorf("after /ir lang el the list is not in Greek (want %q):\n%s", el, chosen)
	}
	if en := i18n.T(i18n.English, "corr.list.empty"); !strings.Contains(afterAuto, en) {
		t.Errorf("after /ir lang auto the list is not in English (want %q):\n%s", en, afterAuto)
	}
}

// The console acts under a Slack-shaped id, so that what the registers
// keep as user ids works there: owner:me, /mou done; mentions of it read
// as the OS user's name.
func TestConsole_ActsAsAUser(t *testing.T) {
	dir := t.TempDir()
	input := strings.Join([]string{
		`/partner add name:Faenza`,
		`/mou add kind:twinning partner:Faenza title:"Twinning Maroussi – Faenza" signed:12/05/2019 end:open`,
		`/mou oblige Faenza text:"Annual report" due:31/03/2027 owner:me`,
		`/call add id:CERV-2027-CITIZENS-TOWN-TT title:"Town twinning" deadline:"18/09/2027 17:00" owner:me`,
		`/corr in from:Faenza subject:Invito`,
	}, "\n")
	m, stdout, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "en",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	obligations, _, err := m.Store.Agreements.FindObligations(proxenos.NewContextWithTeam(t.Context(), proxenos.ConsoleTeam), proxenos.ObligationFilter{All: true})
	if err != nil || len(obligations) != 1 {
		t.Fatalf("obligations %v (%v), want one", obligations, err)
	}
	id := obligations[0].ID
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	// A second session, as the same person, records the fulfilment.
	m2, stdout2, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "en",
	}, strings.NewReader("/mou done "+id+"\n/corr show 1/"+strconv.Itoa(time.Now().In(m.Config.Location()).Year())))
	if err := m2.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m2.Run(t.Context()); err != nil {
		t.Fatal(m2.Message(err))
	}
	defer m2.Close()
	out := stdout.String() + stdout2.String()
	for _, refused := range []string{"obligation.invalid.owner", "call.invalid.owner", "fulfilment.invalid.by"} {
		if msg := i18n.T(i18n.English, refused); strings.Contains(out, msg) {
			t.Errorf("the console answers %q:\n%s", msg, out)
		}
	}
	if want := i18n.T(i18n.English, "mou.fulfilled", "Annual report", "Twinning Maroussi – Faenza"); !strings.Contains(out, want) {
		t.Errorf("no %q in:\n%s", want, out)
	}
	if !strings.Contains(stdout2.String(), "@maria") || strings.Contains(out, "@UMARIA") {
		t.Errorf("mentions of the console user do not read @maria:\n%s", stdout2.String())
	}
}

func TestConsoleUserID(t *testing.T) {
	for name, want := range map[string]string{
		"maria": "UMARIA", "maria.k": "UMARIAK", "nikos-2": "UNIKOS2", "Μαρία": "UCONSOLE", "": "UCONSOLE",
		"averyveryverylongusername": "UAVERYVERYVERYLONGUS",
	} {
		if got := consoleUserID(name); got != want {
			t.Errorf("consoleUserID(%q) = %q, want %q", name, got, want)
		}
	}
}
