package handlers

import (
	"strings"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
)

// Refreshing the Home tab: after a command, form or button that changed
// the registers, the acting user's Home is re-published (HomePublisher
// collapses bursts). Commands are judged by their subcommand, so that
// reading (show, list, search…) publishes nothing.

// homeCommands are the commands whose records the Home shows.
var homeCommands = map[string]bool{"/corr": true, "/partner": true, "/call": true, "/mou": true}

// readOnlySubs are the subcommands of homeCommands that change nothing.
var readOnlySubs = map[string]bool{"show": true, "list": true, "search": true, "find": true, "export": true, "help": true}

// homeForms are the modals whose submission changes the registers.
var homeForms = map[string]bool{corrModalCallback: true, partnerModalCallback: true, callModalCallback: true, mouModalCallback: true}

// homeActions are the buttons that change the registers.
var homeActions = map[string]bool{reminder.ActionDone: true, reminder.ActionSnoozeDay: true, reminder.ActionSnoozeWeek: true}

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
	if !ok || !homeCommands[cmd.Name] || (resp != nil && resp.Modal != nil) {
		return false
	}
	first, _ := cutWord(req.Text)
	if first == "" || isHelpWord(first) {
		return false
	}
	s := findSub(cmd, first)
	return s != nil && !readOnlySubs[s.Name]
}
