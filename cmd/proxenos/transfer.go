package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/transfer"
)

// The subcommands that move records between stores and backups.
const (
	CommandMigrate = "migrate"
	CommandExport  = "export"
	CommandImport  = "import"
)

// stdio names standard input or output as a file flag.
const stdio = "-"

// TransferFlags are the flags of migrate, export and import.
type TransferFlags struct {
	From string // the store read: migrate's source, export's (the configured store when empty)
	To   string // the store written: migrate's target, import's (the configured store when empty)
	File string // the backup: export writes it, import reads it; "-" is stdout or stdin
}

// isTransfer reports whether command is migrate, export or import.
func isTransfer(command string) bool {
	return command == CommandMigrate || command == CommandExport || command == CommandImport
}

// transferFlags defines the flags of the transfer command m.Command on
// fs and returns the catalogue key of its description.
func (m *Main) transferFlags(fs *flag.FlagSet) string {
	l := m.lang()
	fs.StringVar(&m.ConfigPath, "config", "", i18n.T(l, "cli.flag.config"))
	switch m.Command {
	case CommandMigrate:
		fs.StringVar(&m.Transfer.From, "from", "", i18n.T(l, "cli.flag.from"))
		fs.StringVar(&m.Transfer.To, "to", "", i18n.T(l, "cli.flag.to"))
	case CommandExport:
		fs.StringVar(&m.Transfer.From, "from", "", i18n.T(l, "cli.flag.from_configured"))
		fs.StringVar(&m.Transfer.File, "out", stdio, i18n.T(l, "cli.flag.backup_out"))
	case CommandImport:
		fs.StringVar(&m.Transfer.To, "to", "", i18n.T(l, "cli.flag.to_configured"))
		fs.StringVar(&m.Transfer.File, "in", stdio, i18n.T(l, "cli.flag.backup_in"))
	}
	return "cli.about." + m.Command
}

// runTransfer runs migrate, export or import, writes the report table,
// and fails when the target lacks records of the source.
func (m *Main) runTransfer(ctx context.Context) error {
	f := m.Transfer
	switch m.Command {
	case CommandExport:
		f.From = firstSet(f.From, m.Config.Storage.URL)
	case CommandImport:
		f.To = firstSet(f.To, m.Config.Storage.URL)
	case CommandMigrate:
		if f.From == "" || f.To == "" {
			return proxenos.Errorf(proxenos.EINVALID, "transfer.required.from_to")
		}
		if strings.TrimSuffix(f.From, "/") == strings.TrimSuffix(f.To, "/") {
			return proxenos.Errorf(proxenos.EINVALID, "transfer.same_store", redactURL(f.From))
		}
	}
	var (
		report *transfer.Report
		err    error
		out    = m.Stdout // where the table goes
	)
	switch m.Command {
	case CommandMigrate:
		var from, to *storage.Store
		if from, err = openURL(ctx, f.From); err != nil {
			return err
		}
		defer from.Close()
		if to, err = openURL(ctx, f.To); err != nil {
			return err
		}
		defer to.Close()
		report, err = transfer.Copy(ctx, from.Registers, to.Registers)
	case CommandExport:
		var from *storage.Store
		if from, err = openURL(ctx, f.From); err != nil {
			return err
		}
		defer from.Close()
		if f.File == stdio {
			out = m.Stderr // stdout carries the backup
			report, err = transfer.Export(ctx, from.Registers, m.Stdout)
		} else {
			report, err = exportFile(ctx, from.Registers, f.File)
		}
	case CommandImport:
		var to *storage.Store
		if to, err = openURL(ctx, f.To); err != nil {
			return err
		}
		defer to.Close()
		in := m.Stdin
		if f.File != stdio {
			file, err := os.Open(f.File)
			if err != nil {
				return proxenos.Errorf(proxenos.EINVALID, "transfer.file.open", f.File, err.Error())
			}
			defer file.Close()
			in = file
		}
		report, err = transfer.Import(ctx, in, to.Registers)
	}
	// The table shows how far a failed transfer got.
	if report != nil && len(report.Counts) > 0 {
		if werr := report.WriteTable(out, m.lang()); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return scrubURLs(err, f.From, f.To)
	}
	if !report.OK() {
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "transfer.failed")
	}
	if m.Command == CommandExport && f.File != stdio {
		total, _ := report.Totals()
		fmt.Fprintln(out, i18n.T(m.lang(), "transfer.exported", total, f.File))
	}
	return nil
}

// firstSet returns the first of values that is not empty.
func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// exportFile writes the backup to path through a temporary file in the
// same directory, renamed when complete: a failed export never leaves a
// truncated backup under the name. The file is readable by its owner
// only, as it holds personal data.
func exportFile(ctx context.Context, from storage.Registers, path string) (*transfer.Report, error) {
	// CreateTemp makes the file 0600; in the same directory, so that the
	// rename is atomic (no copy across file systems).
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "transfer.file.open", path, err.Error())
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is left to remove
	report, err := transfer.Export(ctx, from, tmp)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return report, err
}

// openURL opens the store at url. Its password never reaches the error.
func openURL(ctx context.Context, url string) (*storage.Store, error) {
	if err := validateStorageURL(url); err != nil {
		return nil, err
	}
	s, err := storage.Open(ctx, url)
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return nil, perr
	} else if err != nil {
		return nil, proxenos.Errorf(proxenos.EUNAVAILABLE, "serve.storage", redactURL(url), scrubURLs(err, url).Error())
	}
	return s, nil
}

// scrubURLs returns err with the passwords of urls replaced.
func scrubURLs(err error, urls ...string) error {
	var perr *proxenos.Error
	if err == nil || errors.As(err, &perr) {
		return err
	}
	msg := err.Error()
	for _, u := range urls {
		for _, pw := range urlPasswords(u) {
			msg = strings.ReplaceAll(msg, pw, redacted)
		}
	}
	return errors.New(msg)
}
