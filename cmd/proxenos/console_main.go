package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/chzyer/readline"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/translate"
)

// runConsole opens the store and runs the console until input ends. Logs
// go to stderr as text, errors only unless -v.
func (m *Main) runConsole(ctx context.Context) error {
	level := slog.LevelError
	if m.Verbose {
		level = slog.LevelDebug
	}
	m.Logger = slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: level}))
	m.Logger.Info("console", "config", m.Config)
	if err := m.openStore(ctx); err != nil {
		return err
	}
	// No access lists here: the console is one person at their own
	// machine, with their own file.
	m.Handler = m.newHandler()

	lines, err := m.lineReader(ctx)
	if err != nil {
		return err
	}
	defer lines.Close()
	con := &Console{
		Dispatcher:  m.Handler,
		Lines:       lines,
		Out:         m.Stdout,
		Lang:        m.Config.Lang(),
		Preferences: m.Store.Preferences,
		Team:        proxenos.ConsoleTeam,
		User:        consoleUserID(m.Username()),
		Name:        m.Username(),
		OutDir:      m.OutDir,
	}
	// Exports name the console's user, who logged the entries.
	m.Handler.People = con
	m.Modules.Correspondence.LocalFiles = readLocalFile
	// Reminders and digests fire here as in Slack, printed as they come;
	// the console is their office channel. Close stops the scheduler.
	s, err := m.newScheduler(proxenos.ConsoleTeam, consoleChannel, con)
	if err != nil {
		return err
	}
	m.Scheduler = s
	m.Modules.IR.Reminders = m.Scheduler
	if err := m.Scheduler.Start(ctx); err != nil {
		return err
	}
	return con.Run(ctx)
}

// lineReader edits lines with history on a terminal, and reads plain lines
// from anything else, so that the console can be scripted.
func (m *Main) lineReader(ctx context.Context) (lineReader, error) {
	if f, ok := m.Stdin.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		history := ""
		if dir, err := os.UserConfigDir(); err == nil {
			if os.MkdirAll(filepath.Join(dir, "proxenos"), 0o700) == nil {
				history = filepath.Join(dir, "proxenos", "history")
			}
		}
		return newTermReader(f, m.Stdout, history)
	}
	return newPlainReader(m.Stdin, m.Stdout, ctx.Done()), nil
}

// readLocalFile reads a file for /corr from-file: at most the size the
// document readers accept, and regular files only (no devices or pipes
// that would never end).
func readLocalFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "corr.from_file.not_found", name)
	case errors.Is(err, fs.ErrPermission):
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.denied", name)
	case err != nil:
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.unreadable", name, err.Error())
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.unreadable", name, err.Error())
	case !info.Mode().IsRegular():
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.not_regular", name)
	case info.Size() > translate.MaxFileSize:
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.extract.too_large", filepath.Base(name), translate.MaxFileSize>>20)
	}
	return io.ReadAll(io.LimitReader(f, translate.MaxFileSize+1))
}
