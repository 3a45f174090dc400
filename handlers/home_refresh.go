package handlers

import (
	"strings"

	"github.com/proxenos/proxenos/chat"
)

// Refreshing the Home tab: after a command, form or button that changed
// the registers, the acting user's Home is re-published (HomePublisher
// collapses bursts). Commands are judged by their subcommand, so that
// reading (show, list, search…) publishes nothing.

// readOnlySubs are the subcommands of a register's commands that change
// nothing.
var readOnlySubs = map[string]bool{"show": true, "list": true, "search": true, "find": true, "export": true, "help": true}

// refreshHome asks the HomePublisher, if any, to re-publish user's Home.
func (h *Handler) refreshHome(team, user string) {
	if h.Home != nil && user != "" {
		h.Home.RefreshHome(team, user)
	}
}

// commandChanged reports whether a successful req may have changed what
// the Home shows: a write subcommand of a register, not one that only
// opened a form (its submission refreshes).
func (h *Handler) commandChanged(req *chat.Request, resp *chat.Response) bool {
	cmd, ok := h.byName[strings.ToLower(strings.TrimSpace(req.Command))]
	if !ok || !cmd.Records || (resp != nil && resp.Modal != nil) {
		return false
	}
	first, _ := CutWord(req.Text)
	if first == "" || IsHelpWord(first) {
		return false
	}
	s := findSub(cmd, first)
	return s != nil && !readOnlySubs[s.Name]
}
