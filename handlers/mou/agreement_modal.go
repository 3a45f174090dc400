package mou

import (
	"context"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
)

// ModalCallback routes the submission of the agreement modal. Metadata
// empty: a new agreement; else the id of the agreement edited.
const ModalCallback = "mou_edit"

// mouModalNew answers a bare /mou (and a bare /mou add) with an empty form.
func (h *Handler) mouModalNew(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	return &chat.Response{Text: i18n.T(lang, "mou.modal.opening"), Ephemeral: true, Modal: h.mouModal(ctx, lang, nil, nil)}, nil
}

// mouModal builds the agreement form, filled in from a when editing.
func (h *Handler) mouModal(ctx context.Context, lang i18n.Lang, a *proxenos.Agreement, partnerNames []string) *chat.Modal {
	in := mouInput{Kind: string(proxenos.AgreementTwinning)}
	m := &chat.Modal{
		CallbackID: ModalCallback,
		Title:      i18n.T(lang, "mou.modal.title_new"),
		Submit:     i18n.T(lang, "modal.submit"),
		Close:      i18n.T(lang, "modal.close"),
	}
	if a != nil {
		in = h.mouInputOf(ctx, a, partnerNames)
		m.Title = i18n.T(lang, "mou.modal.title_edit")
		m.Metadata = a.ID
	}
	var kinds, statuses []chat.Option
	for _, k := range proxenos.AgreementKinds {
		kinds = append(kinds, chat.Option{Value: string(k), Label: i18n.Label(lang, k)})
	}
	for _, s := range proxenos.AgreementStatuses {
		statuses = append(statuses, chat.Option{Value: string(s), Label: i18n.Label(lang, s)})
	}
	// The renewal and notice are typed as on the command line: a select
	// could not offer every number of years or months.
	m.Inputs = []chat.Input{
		{ID: "kind", Label: i18n.T(lang, "mou.field.kind"), Kind: chat.SelectInput, Options: kinds, Initial: in.Kind},
		{ID: "partner", Label: i18n.T(lang, "mou.field.partners"), Hint: i18n.T(lang, "hint.partner_list"), Initial: in.Partners},
		{ID: "title", Label: i18n.T(lang, "mou.field.title"), Initial: in.Title},
		{ID: "signed", Label: i18n.T(lang, "mou.field.signed"), Kind: chat.DateInput, Optional: true, Initial: in.Signed},
		{ID: "decision", Label: i18n.T(lang, "mou.field.decision"), Placeholder: "ΑΔΣ 123/2019", Optional: true, Initial: in.Decision},
		{ID: "start", Label: i18n.T(lang, "mou.field.start"), Kind: chat.DateInput, Optional: true, Initial: in.Start},
		{ID: "end", Label: i18n.T(lang, "mou.field.end"), Hint: i18n.T(lang, "mou.hint.end"), Kind: chat.DateInput, Optional: true, Initial: in.End},
		{ID: "renewal", Label: i18n.T(lang, "mou.field.renewal"), Hint: i18n.T(lang, "mou.hint.renewal"), Optional: true, Initial: in.Renewal},
		{ID: "notice", Label: i18n.T(lang, "mou.field.notice"), Hint: i18n.T(lang, "mou.hint.notice"), Optional: true, Initial: in.Notice},
		{ID: "docs", Label: i18n.T(lang, "mou.field.documents"), Hint: i18n.T(lang, "hint.documents"), Optional: true, Initial: in.Docs},
		{ID: "status", Label: i18n.T(lang, "mou.field.status"), Kind: chat.SelectInput, Options: statuses, Optional: true, Initial: in.Status},
		{ID: "notes", Label: i18n.T(lang, "mou.field.notes"), Kind: chat.LongTextInput, Optional: true, Initial: in.Notes},
	}
	return m
}

// mouFieldInputs maps validation errors to the agreement modal's inputs.
var mouFieldInputs = map[string]string{
	"agreement.invalid.kind": "kind", "agreement.required.partner": "partner",
	"agreement.required.title": "title", "agreement.invalid.status": "status", "agreement.invalid.end": "end",
	"agreement.required.end": "end", "agreement.invalid.renewal": "renewal", "agreement.invalid.renewal_years": "renewal",
	"period.invalid": "notice", "agreement.invalid.document": "docs",
	"title": "title", "decision": "decision", "notes": "notes", "partners": "partner", "documents": "docs",
}

// submitAgreement stores a submitted agreement modal: a new agreement, or
// the one whose id is in Metadata.
func (h *Handler) submitAgreement(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	lang := handlers.LangOf(sub.Lang)
	v := sub.Values
	// Dates come from date pickers as 2006-01-02; an empty end is open-ended.
	in := mouInput{Kind: v["kind"], Partners: v["partner"], Title: v["title"], Signed: v["signed"], Decision: v["decision"],
		Start: v["start"], End: v["end"], Renewal: v["renewal"], Notice: v["notice"], Docs: v["docs"], Status: v["status"],
		Notes: v["notes"]}
	if sub.Metadata == "" {
		a, ch, err := h.newAgreement(ctx, sub.User, in)
		if ch != nil {
			return nil, chat.FieldErrors{"partner": lookup.ChoiceMessage(lang, ch)}
		}
		if err == nil {
			err = h.Agreements.CreateAgreement(ctx, a)
		}
		if err != nil {
			return nil, handlers.FieldFormErrors(lang, err, mouFieldInputs)
		}
		return h.agreementSaved(ctx, lang, "mou.created", a)
	}
	upd, ch, err := h.agreementUpdate(ctx, in)
	if ch != nil {
		return nil, chat.FieldErrors{"partner": lookup.ChoiceMessage(lang, ch)}
	}
	if err == nil {
		var a *proxenos.Agreement
		if a, err = h.Agreements.UpdateAgreement(ctx, sub.Metadata, upd); err == nil {
			return h.agreementSaved(ctx, lang, "mou.updated", a)
		}
	}
	return nil, handlers.FieldFormErrors(lang, err, mouFieldInputs)
}
