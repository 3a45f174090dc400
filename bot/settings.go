package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
)

// WorkspaceAdmin reports whether user installed Proxenos in team
// (distribution mode) or is an admin or owner of team in Slack
// (users.info, remembered with the user's language). It implements
// handlers.People.
func (b *Bot) WorkspaceAdmin(ctx context.Context, team, user string) bool {
	if b.distributed() {
		if w, err := b.workspace(ctx, team); err == nil && b.installer(w) == user {
			return true
		}
	}
	return b.member(ctx, team, user).admin
}

// installer returns who installed w.
func (b *Bot) installer(w *workspace) string {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	return w.inst.InstalledBy
}

// UserGroupMembers returns the members of a user group of the workspace
// in ctx (usergroups.users.list, with that workspace's token), for the
// allow-lists that name groups.
func (b *Bot) UserGroupMembers(ctx context.Context, group string) ([]string, error) {
	var users []string
	err := b.retry(ctx, "usergroups.users.list", func(api *slack.Client) error {
		var err error
		users, err = api.GetUserGroupMembersContext(ctx, group)
		return err
	})
	return users, err
}

// teamLang returns the default language of team: Config.TeamLang's, else
// Config.DefaultLang.
func (b *Bot) teamLang(ctx context.Context, team string) proxenos.Lang {
	if b.cfg.TeamLang != nil {
		if l := b.cfg.TeamLang(ctx, team); l != "" {
			return l
		}
	}
	return b.cfg.DefaultLang
}
