package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// CommandWorkspace manages the workspaces of distribution mode:
// `proxenos workspace delete TEAM --yes`, `proxenos workspace purge --yes`
// and `proxenos workspace rekey`.
const CommandWorkspace = "workspace"

// Actions of CommandWorkspace.
const (
	WorkspaceDelete = "delete"
	WorkspacePurge  = "purge"
	WorkspaceRekey  = "rekey"
)

// DefaultRetention is how long the records of a workspace that removed
// Proxenos are kept before `workspace purge` deletes them.
const DefaultRetention = 90 * 24 * time.Hour

// WorkspaceFlags are the words and flags of CommandWorkspace.
type WorkspaceFlags struct {
	Action string        // WorkspaceDelete, WorkspacePurge or WorkspaceRekey
	Team   string        // delete: the workspace
	Yes    bool          // delete, purge: the export is done; delete for good
	After  time.Duration // purge: how long after removal records are kept
}

// workspaceFlags defines the flags of CommandWorkspace on fs and returns
// the catalogue key of its description.
func (m *Main) workspaceFlags(fs *flag.FlagSet) string {
	l := m.lang()
	fs.StringVar(&m.ConfigPath, "config", "", i18n.T(l, "cli.flag.config"))
	fs.BoolVar(&m.Workspace.Yes, "yes", false, i18n.T(l, "cli.flag.workspace_yes"))
	fs.DurationVar(&m.Workspace.After, "after", DefaultRetention, i18n.T(l, "cli.flag.workspace_after"))
	return "cli.about.workspace"
}

// workspaceWords takes the action and the team from the words after the
// flags, and returns the words left over.
func (m *Main) workspaceWords(words []string) ([]string, error) {
	if len(words) == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "workspace.action_required")
	}
	m.Workspace.Action, words = words[0], words[1:]
	switch m.Workspace.Action {
	case WorkspaceDelete:
		if len(words) == 0 {
			return nil, proxenos.Errorf(proxenos.EINVALID, "workspace.team_required")
		}
		m.Workspace.Team, words = words[0], words[1:]
	case WorkspaceRekey, WorkspacePurge:
	default:
		return nil, proxenos.Errorf(proxenos.EINVALID, "workspace.action_required")
	}
	return words, nil
}

// parseArgs parses the flags and words of the subcommand: words are
// workspace's action and team, and a mistake elsewhere (`serve now`), not
// something to ignore.
func (m *Main) parseArgs(fs *flag.FlagSet, args []string) error {
	words, err := parseWords(fs, args)
	if err != nil {
		return err
	}
	if m.Command == CommandWorkspace {
		if words, err = m.workspaceWords(words); err != nil {
			fs.Usage()
			return err
		}
	}
	if len(words) > 0 {
		fs.Usage()
		return proxenos.Errorf(proxenos.EINVALID, "cli.unknown_command", words[0])
	}
	return nil
}

// parseWords parses fs's flags wherever they stand among the words
// (`workspace delete T0123 --yes`), and returns the words.
func parseWords(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return words, nil
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// runWorkspace runs delete or rekey on the configured store.
func (m *Main) runWorkspace(ctx context.Context) error {
	l, w := m.lang(), m.Workspace
	if w.Action == WorkspaceDelete && !w.Yes {
		// Nothing is opened: the office's data is exported first.
		fmt.Fprintln(m.Stderr, i18n.T(l, "workspace.delete.export_first", w.Team))
		return proxenos.Errorf(proxenos.EINVALID, "workspace.delete.needs_yes", w.Team)
	}
	if err := m.openStore(ctx); err != nil {
		return err
	}
	if w.Action == WorkspacePurge {
		return m.purgeWorkspaces(ctx)
	}
	if w.Action == WorkspaceRekey {
		insts, err := m.installations()
		if err != nil {
			return err
		}
		resealed, total, err := insts.Rekey(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, i18n.T(l, "workspace.rekeyed", resealed, total))
		return nil
	}
	if err := m.Store.DeleteWorkspace(ctx, w.Team); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, i18n.T(l, "workspace.deleted", w.Team))
	return nil
}

// purgeWorkspaces deletes the records of every workspace that removed
// Proxenos more than w.After ago: the retention the provider documents.
// Without --yes it lists them and deletes nothing.
func (m *Main) purgeWorkspaces(ctx context.Context) error {
	l, w := m.lang(), m.Workspace
	if w.After < 0 {
		return proxenos.Errorf(proxenos.EINVALID, "workspace.purge.invalid_after", w.After.String())
	}
	cutoff := time.Now().Add(-w.After)
	var due []string
	err := m.Store.Installations.EachInstallation(ctx, func(inst *proxenos.Installation) error {
		if !inst.Active() && inst.Uninstalled.Before(cutoff) {
			due = append(due, inst.Team)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, team := range due {
		if !w.Yes {
			fmt.Fprintln(m.Stdout, i18n.T(l, "workspace.purge.due", team))
			continue
		}
		if err := m.Store.DeleteWorkspace(ctx, team); err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, i18n.T(l, "workspace.deleted", team))
	}
	if !w.Yes && len(due) > 0 {
		fmt.Fprintln(m.Stderr, i18n.T(l, "workspace.purge.export_first"))
		return proxenos.Errorf(proxenos.EINVALID, "workspace.purge.needs_yes", len(due))
	}
	fmt.Fprintln(m.Stdout, i18n.T(l, "workspace.purged", len(due)))
	return nil
}
