package handlers

import (
	"context"
	"slices"

	"github.com/proxenos/proxenos"
)

// Access says who may use the registers. When any of Users, Admins or
// Groups is set, only the users listed, and the members of the groups
// (as Members reports them), may; the zero value lets everyone in.
type Access struct {
	Users   []string // Slack user ids
	Admins  []string // Slack user ids; they may use everything
	Groups  []string // Slack user group ids
	Members func(ctx context.Context, group string) ([]string, error)
}

// open reports whether a has no restrictions.
func (a Access) open() bool {
	return len(a.Users) == 0 && len(a.Admins) == 0 && len(a.Groups) == 0
}

// check returns nil when user may use the registers, and an EUNAUTHORIZED
// error otherwise. A failure to read a group's members refuses access and
// is returned as it is, to be logged.
func (a Access) check(ctx context.Context, user string) error {
	if a.open() {
		return nil
	}
	// Listed users first: they cost no call to Slack for group members.
	if user != "" && (slices.Contains(a.Users, user) || slices.Contains(a.Admins, user)) {
		return nil
	}
	if user != "" && a.Members != nil {
		for _, g := range a.Groups {
			members, err := a.Members(ctx, g)
			if err != nil {
				return err
			}
			if slices.Contains(members, user) {
				return nil
			}
		}
	}
	return proxenos.Errorf(proxenos.EUNAUTHORIZED, "error.unauthorized")
}

// Routes, as admit names them: a command with its subcommand ("/corr in"),
// a command alone ("/corr"), a button or shortcut (actionRoute), a form
// (formRoute), an event (eventRoute) and the Home tab (homeRoute).
const (
	helpRoute    = "help"    // the help of one command: "/corr help"
	unknownRoute = "unknown" // a command or subcommand that does not exist
	homeRoute    = "home"
)

// actionRoute is the route of a button or shortcut.
func actionRoute(id string) string { return "action " + id }

// formRoute is the route of a modal's submission.
func formRoute(callbackID string) string { return "form " + callbackID }

// eventRoute is the route of an event: a mention, files shared.
func eventRoute(name string) string { return "event " + name }

// publicRoutes are the routes that answer users outside the access list.
// They show the help and nothing else: no record, no setting, no write.
// Every other route, including any added later, is refused to them.
var publicRoutes = map[string]bool{
	"/ir":                       true, // the help of every command
	"/ir help":                  true, // the same, asked for by name
	helpRoute:                   true, // one command's help
	actionRoute(ActionHomeHelp): true, // the help button, on the Home of an outsider too
}

// admit is the one place access is decided. Every entry point of the
// Handler — commands, buttons, shortcuts, forms, events and the Home —
// asks it before anything runs; it returns nil when the user in ctx may
// take route, and an EUNAUTHORIZED error otherwise.
func (h *Handler) admit(ctx context.Context, route string) error {
	if publicRoutes[route] {
		return nil
	}
	user := proxenos.UserFromContext(ctx)
	if h.admin[route] && h.Workspaces != nil {
		ok, err := h.SettingsAdmin(ctx, proxenos.TeamFromContext(ctx), user)
		if err != nil || ok {
			return err
		}
		return proxenos.Errorf(proxenos.EUNAUTHORIZED, "setup.refused")
	}
	return h.CheckAccess(ctx, user)
}

// CheckAccess returns nil when user may use the registers of the
// workspace in ctx and an EUNAUTHORIZED error otherwise, as the commands
// check it; the calendar feed asks it before serving a user's feed.
func (h *Handler) CheckAccess(ctx context.Context, user string) error {
	a, err := h.accessOf(ctx)
	if err != nil {
		return err
	}
	return a.check(ctx, user)
}
