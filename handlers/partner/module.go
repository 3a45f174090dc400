// Package partner is the directory of partners: /partner adds, edits,
// finds and shows sister cities, networks, embassies and EU bodies, their
// people and the contacts with them.
package partner

import (
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/handlers/mou"
)

// Handler answers /partner over the directory. A partner's page shows
// its correspondence and, when Agreements is set, its agreements.
type Handler struct {
	k              *handlers.Handler
	Partners       lookup.Partners
	Correspondence proxenos.CorrespondenceService
	Agreements     *mou.Handler // optional: the agreements module
}

// New returns the partner module of kernel k.
func New(k *handlers.Handler, partners proxenos.PartnerService, corr proxenos.CorrespondenceService) *Handler {
	return &Handler{k: k, Partners: lookup.Partners{PartnerService: partners}, Correspondence: corr}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	return handlers.Module{
		Commands: []*handlers.Command{h.partnerCommand()},
		Forms:    []handlers.Form{{CallbackID: ModalCallback, Submit: h.submitPartner, Changes: true}},
		Buttons:  []handlers.Button{{ID: lookup.ActionPartnerShow, Run: h.partnerShowAction}},
	}
}
