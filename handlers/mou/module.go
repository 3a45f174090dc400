// Package mou is the register of agreements: /mou keeps twinning
// agreements, memoranda and network memberships, their dates and the
// obligations they bring.
package mou

import (
	"context"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
)

// Handler answers /mou over the register.
type Handler struct {
	k          *handlers.Handler
	Agreements proxenos.AgreementService
	Partners   lookup.Partners
}

// New returns the agreements module of kernel k.
func New(k *handlers.Handler, agreements proxenos.AgreementService, partners proxenos.PartnerService) *Handler {
	return &Handler{k: k, Agreements: agreements, Partners: lookup.Partners{PartnerService: partners}}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	return handlers.Module{
		Commands: []*handlers.Command{h.mouCommand()},
		Forms:    []handlers.Form{{CallbackID: ModalCallback, Submit: h.submitAgreement, Changes: true}},
		Buttons:  []handlers.Button{{ID: ActionAgreementShow, Run: h.showAction}},
	}
}

// showAction answers the Show button of a saved agreement.
func (h *Handler) showAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	a, err := h.Agreements.FindAgreementByID(ctx, act.Value)
	if err != nil {
		return nil, err
	}
	return h.showAgreement(ctx, handlers.LangOf(act.Lang), a)
}
