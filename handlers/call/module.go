// Package call is the register of EU funding calls: /call tracks calls
// from watching to submission, their deadlines, milestones and owners,
// and imports them from the EU Funding & Tenders portal.
package call

import (
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
)

// Handler answers /call over the register. Portal, when set, serves
// /call import.
type Handler struct {
	k        *handlers.Handler
	Calls    proxenos.CallService
	Partners lookup.Partners
	Portal   TopicFinder // optional; *portal.Client
}

// New returns the calls module of kernel k.
func New(k *handlers.Handler, calls proxenos.CallService, partners proxenos.PartnerService) *Handler {
	return &Handler{k: k, Calls: calls, Partners: lookup.Partners{PartnerService: partners}}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	return handlers.Module{
		Commands: []*handlers.Command{h.callCommand()},
		Forms:    []handlers.Form{{CallbackID: ModalCallback, Submit: h.submitCall, Changes: true}},
		Buttons:  []handlers.Button{{ID: ActionCallShow, Run: h.showAction}},
	}
}
