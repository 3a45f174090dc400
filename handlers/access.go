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

// requireAccess is the middleware that refuses users Access does not let in.
func (h *Handler) requireAccess(next HandlerFunc) HandlerFunc {
	return func(ctx context.Context, req *Request) (*Response, error) {
		if err := h.Access.check(ctx, req.User); err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}
