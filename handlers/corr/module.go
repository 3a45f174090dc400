// Package corr is the correspondence register: /corr logs letters in and
// out under protocol numbers of the year, lists, searches, shows, edits
// and exports them, and answers its form and buttons.
package corr

import (
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
)

// Handler answers /corr over the register.
type Handler struct {
	k              *handlers.Handler
	Correspondence proxenos.CorrespondenceService
	Partners       lookup.Partners

	// Reader and Conversations read what an entry is logged from (the
	// message shortcut "Log as correspondence"); without them the form
	// opens with what the message's text alone gives.
	Reader        Reader
	Conversations Conversations
	// LocalFiles reads a file of the server's disk, for /corr from-file
	// in the console; nil in Slack, where there is no disk to read.
	LocalFiles func(path string) ([]byte, error)
}

// New returns the correspondence module of kernel k.
func New(k *handlers.Handler, corr proxenos.CorrespondenceService, partners proxenos.PartnerService) *Handler {
	return &Handler{k: k, Correspondence: corr, Partners: lookup.Partners{PartnerService: partners}}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	return handlers.Module{
		Commands: []*handlers.Command{h.corrCommand()},
		Forms:    []handlers.Form{{CallbackID: ModalCallback, Submit: h.submitCorrespondence, Changes: true}},
		Buttons: []handlers.Button{
			{ID: ActionCorrShow, Run: handlers.CommandAction(h.corrShow)},
			{ID: ActionCorrEdit, Run: handlers.CommandAction(h.corrEdit)},
			{ID: ActionLogMessage, Run: h.logMessage},
			{ID: ActionLogAgain, Run: h.logAgain},
		},
	}
}
