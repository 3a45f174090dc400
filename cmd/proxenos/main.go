// Command proxenos is the Slack bot of the International Relations office
// of the Municipality of Maroussi, and a console that runs the same
// commands without Slack.
//
// It is the only package that knows every concrete type: it reads the
// configuration, opens the store, and wires the handlers to Slack or to
// the terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"os/user"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // the office zone must load on images without zoneinfo

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/translate"
)

// The subcommands of proxenos.
const (
	CommandServe   = "serve"
	CommandConsole = "console"
	CommandVersion = "version"
)

// ShutdownTimeout bounds how long in-flight work may take after a signal.
const ShutdownTimeout = 10 * time.Second

func main() {
	// The hidden `proxenos extract` reads one document for the bot (see
	// translate.Sandbox); it needs no configuration.
	if len(os.Args) > 1 && os.Args[1] == translate.ExtractCommand {
		os.Exit(translate.ServeExtract(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	m := NewMain()
	var perr *proxenos.Error
	if err := m.ParseFlags(ctx, os.Args[1:]); errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	} else if errors.As(err, &perr) {
		fmt.Fprintln(m.Stderr, m.Message(err))
		os.Exit(2)
	} else if err != nil {
		os.Exit(2) // the flag package has printed the error and the usage
	}
	if err := m.Run(ctx); err != nil {
		m.Close()
		fmt.Fprintln(m.Stderr, m.Message(err))
		os.Exit(1)
	}
	// Serve runs in the background: wait for a signal or a fatal error.
	var failed error
	if m.Command == CommandServe {
		select {
		case <-ctx.Done():
		case failed = <-m.Failed():
		}
	}
	// A second signal now kills the process at once.
	stop()
	if err := m.Close(); err != nil && failed == nil {
		failed = err
	}
	if failed != nil {
		fmt.Fprintln(m.Stderr, m.Message(failed))
		os.Exit(1)
	}
}

// Main is the program: NewMain, then ParseFlags, Run and Close. Tests
// replace the standard streams and the environment before ParseFlags.
type Main struct {
	Command    string // CommandServe, CommandConsole or CommandVersion
	ConfigPath string
	Config     Config
	OutDir     string // console: where files are written
	Verbose    bool   // console: show logs
	Transfer   TransferFlags
	Workspace  WorkspaceFlags
	HealthURL  string // healthcheck: the address to check

	// The process's streams and environment; tests replace them.
	Stdin    io.Reader
	Stdout   io.Writer
	Stderr   io.Writer
	Getenv   func(string) string
	Username func() string // console: the person at the keyboard

	// Installations, when set before Run, makes serve a distribution-mode
	// deployment (issue 19): no bot token of its own, every request
	// answered with its workspace's installation, none refused less than
	// an unknown workspace. The OAuth install pages set it to the store's
	// installations; tests set it directly.
	Installations bot.Installations

	// Workspaces are each workspace's settings in distribution mode
	// (/ir setup), set by serve; nil in single-workspace mode.
	Workspaces *handlers.Workspaces

	// Settings are the workspaces' own settings of distribution mode
	// (/ir setup) the reminders read: their office channels, languages and
	// reminder days and times; the store's unless a test sets them.
	Settings proxenos.SettingsService

	// Set by Run: the concrete pieces, for tests to inspect.
	Logger    *slog.Logger
	Store     *storage.Store
	Handler   *handlers.Handler
	Modules   *Modules
	Bot       *bot.Bot
	Scheduler *scheduler.Scheduler // single-workspace mode
	Fleet     *scheduler.Fleet     // distribution mode
	Metrics   *Metrics

	// Serve's running parts, stopped by Close in order.
	listener net.Listener
	server   *http.Server
	cancel   context.CancelFunc // stops Socket Mode and background checks
	failed   chan error         // a background task that failed for good
	wg       sync.WaitGroup     // the HTTP server and Socket Mode goroutines
	closed   sync.Once
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{
		Config:   DefaultConfig(),
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		Username: osUsername,
		failed:   make(chan error, 1),
	}
}

// osUsername returns the login name of the current OS user.
func osUsername() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return "console"
}

// lang is the language of messages before the configuration is read.
func (m *Main) lang() i18n.Lang {
	if lang, ok := i18n.ParseLang(m.Config.Office.Language); ok {
		return lang
	}
	return i18n.English
}

// Message renders err for the person who started the program: *Error in
// the configured language, anything else as it is.
func (m *Main) Message(err error) string {
	var e *proxenos.Error
	if errors.As(err, &e) {
		return i18n.T(m.lang(), e.Key, e.Args...)
	}
	return err.Error()
}

// ParseFlags reads the subcommand and its flags, then the configuration:
// defaults, the YAML file, then environment variables. It returns
// flag.ErrHelp after printing help, and an *Error naming a bad setting.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	// Help and errors before the file is read already speak the language
	// of the environment.
	if lang := m.Getenv("PROXENOS_LANGUAGE"); lang != "" {
		m.Config.Office.Language = lang
	}
	// The subcommand is the first word unless it is a flag: `proxenos
	// --config x.yaml` is serve.
	m.Command = CommandServe
	implicit := true
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		m.Command, args, implicit = args[0], args[1:], false
	}
	var about string
	fs := flag.NewFlagSet("proxenos "+m.Command, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	switch m.Command {
	case CommandServe:
		about = "cli.about.serve"
		fs.StringVar(&m.ConfigPath, "config", "", i18n.T(m.lang(), "cli.flag.config"))
	case CommandConsole:
		about = "cli.about.console"
		fs.StringVar(&m.ConfigPath, "config", "", i18n.T(m.lang(), "cli.flag.config"))
		fs.StringVar(&m.OutDir, "out", ".", i18n.T(m.lang(), "cli.flag.out"))
		fs.BoolVar(&m.Verbose, "v", false, i18n.T(m.lang(), "cli.flag.verbose"))
	case CommandVersion:
		about = "cli.about.version"
	case CommandMigrate, CommandExport, CommandImport:
		about = m.transferFlags(fs)
	case CommandHealthcheck:
		about = m.healthcheckFlags(fs)
	case CommandWorkspace:
		about = m.workspaceFlags(fs)
	case "help":
		// `proxenos help` and `proxenos --help` both list the subcommands.
		fmt.Fprintln(m.Stderr, i18n.T(m.lang(), "cli.usage"))
		return flag.ErrHelp
	default:
		fmt.Fprintln(m.Stderr, i18n.T(m.lang(), "cli.usage"))
		return proxenos.Errorf(proxenos.EINVALID, "cli.unknown_command", m.Command)
	}
	fs.Usage = func() {
		if implicit { // `proxenos --help`: list the subcommands too
			fmt.Fprintln(m.Stderr, i18n.T(m.lang(), "cli.usage")+"\n")
		}
		fmt.Fprintln(m.Stderr, i18n.T(m.lang(), "cli.usage.command", m.Command, i18n.T(m.lang(), about)))
		fs.PrintDefaults()
	}
	if err := m.parseArgs(fs, args); err != nil {
		return err
	}
	if m.Command == CommandVersion {
		return nil
	}
	// Precedence: defaults < file < environment.
	if m.ConfigPath == "" {
		m.ConfigPath = m.Getenv("PROXENOS_CONFIG")
	}
	m.Config = DefaultConfig()
	if m.ConfigPath != "" {
		if err := ReadConfigFile(&m.Config, m.ConfigPath); err != nil {
			return err
		}
	}
	getenv, err := SecretFiles(m.Getenv)
	if err != nil {
		return err
	}
	m.Config.ApplyEnv(getenv)
	return m.Config.Validate()
}

// Run runs the subcommand. Serve returns once the bot is listening (see
// HTTPAddr) and keeps serving until Close; console returns when its input
// ends.
func (m *Main) Run(ctx context.Context) error {
	// The office zone is the whole process's: set before a store opens or
	// any work starts, so that the domain and the stores count days in it.
	proxenos.SetOfficeZone(m.Config.Location())
	switch m.Command {
	case CommandVersion:
		fmt.Fprintln(m.Stdout, i18n.T(m.lang(), "cli.version", proxenos.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH))
		return nil
	case CommandConsole:
		return m.runConsole(ctx)
	case CommandMigrate, CommandExport, CommandImport:
		return m.runTransfer(ctx)
	case CommandHealthcheck:
		return m.runHealthcheck(ctx)
	case CommandWorkspace:
		return m.runWorkspace(ctx)
	default:
		return m.runServe(ctx)
	}
}

// Failed delivers an error when the bot stops by itself, e.g. when the
// HTTP listener or Socket Mode fails for good.
func (m *Main) Failed() <-chan error { return m.failed }

// fail reports a fatal error of a background task, once.
func (m *Main) fail(err error) {
	select {
	case m.failed <- err:
	default:
	}
}

// HTTPAddr returns the address the HTTP server listens on, e.g.
// "127.0.0.1:41234" when configured as "127.0.0.1:0"; "" before Run.
func (m *Main) HTTPAddr() string {
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

// Close stops accepting work, lets in-flight work finish for up to
// ShutdownTimeout, and closes the store. It is safe to call twice.
func (m *Main) Close() error {
	var errs []error
	m.closed.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
		defer cancel()
		// Reminder jobs finish first, while the bot can still post them;
		// past the deadline their context is cancelled and the store's
		// claims make the next start retry them.
		if jobs := m.reminderJobs(); jobs != nil {
			done := make(chan error, 1)
			go func() { done <- jobs.Stop() }()
			select {
			case err := <-done:
				errs = append(errs, err)
			case <-ctx.Done():
				if m.cancel != nil {
					m.cancel()
				}
				errs = append(errs, <-done)
			}
		}
		if m.cancel != nil {
			m.cancel() // Socket Mode stops taking envelopes
		}
		if m.server != nil {
			errs = append(errs, m.server.Shutdown(ctx))
		}
		if m.Bot != nil {
			errs = append(errs, m.Bot.Shutdown(ctx))
		}
		// The store closes last: in-flight work may still write to it.
		m.wg.Wait()
		if m.Store != nil {
			errs = append(errs, m.Store.Close())
		}
		if m.server != nil {
			m.Logger.Info("stopped")
		}
	})
	return errors.Join(errs...)
}
