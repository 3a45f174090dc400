// Package home builds the Home tab's dashboard: the coming deadlines,
// obligations (the user's first), agreement dates, the latest
// correspondence and recent contacts, with buttons to add records.
package home

import (
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
)

// Handler builds the dashboard. A register left nil shows as not set up.
type Handler struct {
	k              *handlers.Handler
	Correspondence proxenos.CorrespondenceService
	Partners       proxenos.PartnerService
	Calls          proxenos.CallService      // optional
	Agreements     proxenos.AgreementService // optional
}

// New returns the Home module of kernel k.
func New(k *handlers.Handler, corr proxenos.CorrespondenceService, partners proxenos.PartnerService) *Handler {
	return &Handler{k: k, Correspondence: corr, Partners: partners}
}

// Module is what the module adds to the kernel.
func (h *Handler) Module() handlers.Module {
	m := handlers.Module{Home: h.dashboard}
	for _, id := range []string{ActionHomeMore, ActionHomeCorrNew, ActionHomePartnerNew, ActionHomeCallNew} {
		m.Buttons = append(m.Buttons, handlers.Button{ID: id, Run: h.homeAction, HomeTab: true})
	}
	return m
}
