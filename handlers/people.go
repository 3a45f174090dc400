package handlers

import "context"

// People tells the names users go by: the registers keep Slack user ids,
// which mean nothing in a file opened in a spreadsheet. *bot.Bot
// implements it with users.info; the console names its own user.
type People interface {
	// UserName returns the name user goes by in team, and false when it
	// is not known or cannot be read.
	UserName(ctx context.Context, team, user string) (string, bool)
	// WorkspaceAdmin reports whether user installed Proxenos in team
	// (distribution mode) or is an admin or owner of team in Slack:
	// who may change the workspace's settings besides Settings.Admins.
	WorkspaceAdmin(ctx context.Context, team, user string) bool
}

// UserNames returns a function that names users of team for one piece
// of work, an export: each distinct user is looked up once, and one
// whose name is not known is shown by their id.
func (h *Handler) UserNames(ctx context.Context, team string) func(user string) string {
	names := map[string]string{}
	return func(user string) string {
		if user == "" || h.People == nil {
			return user
		}
		name, seen := names[user]
		if !seen {
			var ok bool
			if name, ok = h.People.UserName(ctx, team, user); !ok || name == "" {
				name = user
			}
			names[user] = name
		}
		return name
	}
}
