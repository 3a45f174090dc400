package call

import (
	"context"
	"errors"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
)

// ModalCallback routes the submission of the call modal. Metadata
// empty: a new call; else the id of the call edited.
const ModalCallback = "call_edit"

// callModalNew answers a bare /call (and a bare /call add) with an empty form.
func (h *Handler) callModalNew(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	return &chat.Response{Text: i18n.T(lang, "call.modal.opening"), Ephemeral: true, Modal: h.callModal(ctx, lang, nil, nil)}, nil
}

// callModal builds the call form, filled in from c when editing. The
// identifier cannot change, so the edit form has no input for it.
func (h *Handler) callModal(ctx context.Context, lang i18n.Lang, c *proxenos.Call, partnerNames []string) *chat.Modal {
	in := callInput{Status: string(proxenos.CallWatching)}
	m := &chat.Modal{
		CallbackID: ModalCallback,
		Title:      i18n.T(lang, "call.modal.title_new"),
		Submit:     i18n.T(lang, "modal.submit"),
		Close:      i18n.T(lang, "modal.close"),
	}
	if c != nil {
		in = h.callInputOf(ctx, c, partnerNames)
		m.Title = i18n.T(lang, "call.modal.title_edit")
		m.Metadata = c.ID
	}
	var programmes, statuses []chat.Option
	for _, p := range proxenos.Programmes {
		programmes = append(programmes, chat.Option{Value: string(p), Label: i18n.Label(lang, p)})
	}
	for _, s := range proxenos.CallStatuses {
		statuses = append(statuses, chat.Option{Value: string(s), Label: i18n.Label(lang, s)})
	}
	// Input ids are the command's keys, so that errors name the same field
	// on the form and on the command line.
	if c == nil {
		m.Inputs = append(m.Inputs, chat.Input{ID: "id", Label: i18n.T(lang, "call.field.id"), Placeholder: "CERV-2027-CITIZENS-TOWN-TT"})
	}
	m.Inputs = append(m.Inputs,
		chat.Input{ID: "title", Label: i18n.T(lang, "call.field.title"), Initial: in.Title},
		chat.Input{ID: "deadline", Label: i18n.T(lang, "call.field.deadlines"), Hint: i18n.T(lang, "call.hint.deadlines"),
			Placeholder: "18/09/2027 17:00", Initial: in.Deadlines},
		chat.Input{ID: "programme", Label: i18n.T(lang, "call.field.programme"), Hint: i18n.T(lang, "call.hint.programme"),
			Kind: chat.SelectInput, Options: programmes, Optional: true, Initial: in.Programme},
		chat.Input{ID: "status", Label: i18n.T(lang, "call.field.status"), Kind: chat.SelectInput, Options: statuses, Initial: in.Status},
		chat.Input{ID: "owner", Label: i18n.T(lang, "call.field.owner"), Kind: chat.UserInput, Optional: true, Initial: in.Owner},
		chat.Input{ID: "call", Label: i18n.T(lang, "call.field.call"), Placeholder: "CERV-2027-CITIZENS-TOWN", Optional: true, Initial: in.Call},
		chat.Input{ID: "opening", Label: i18n.T(lang, "call.field.opening"), Kind: chat.DateInput, Optional: true, Initial: in.Opening},
		chat.Input{ID: "link", Label: i18n.T(lang, "call.field.link"), Optional: true, Initial: in.Link},
		chat.Input{ID: "budget", Label: i18n.T(lang, "call.field.budget"), Placeholder: "4500000", Optional: true, Initial: in.Budget},
		chat.Input{ID: "grant", Label: i18n.T(lang, "call.field.grants"), Placeholder: "8500-51000", Optional: true, Initial: in.Grant},
		chat.Input{ID: "partner", Label: i18n.T(lang, "call.field.partners"), Hint: i18n.T(lang, "hint.partner_list"), Optional: true, Initial: in.Partners},
		chat.Input{ID: "notes", Label: i18n.T(lang, "call.field.notes"), Kind: chat.LongTextInput, Optional: true, Initial: in.Notes},
	)
	return m
}

// callFieldInputs maps validation errors to the call modal's inputs.
var callFieldInputs = map[string]string{
	"call.required.identifier": "id", "call.invalid.identifier": "id", "call.conflict.identifier": "id",
	"call.required.title": "title", "call.invalid.programme": "programme", "call.invalid.status": "status",
	"call.required.deadline": "deadline", "call.invalid.deadline": "deadline", "call.invalid.deadline_year": "deadline", "call.invalid.opening": "opening",
	"call.invalid.call_identifier": "call", "call.invalid.budget": "budget",
	"call.invalid.grant_range": "grant", "call.invalid.link": "link", "call.invalid.owner": "owner",
	"partner.required.which": "partner",
	"title":                  "title", "notes": "notes", "deadlines": "deadline", "partners": "partner", "deadline": "deadline",
}

// submitCall stores a submitted call modal: a new call, or the one whose
// id is in Metadata.
func (h *Handler) submitCall(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	lang := handlers.LangOf(sub.Lang)
	v := sub.Values
	// The form sends every input: it takes the same path as the command.
	in := callInput{ID: v["id"], Title: v["title"], Deadlines: v["deadline"], Programme: v["programme"], Call: v["call"],
		Opening: v["opening"], Link: v["link"], Budget: v["budget"], Grant: v["grant"], Partners: v["partner"],
		Owner: v["owner"], Status: v["status"], Notes: v["notes"]}
	if sub.Metadata == "" {
		c, ch, err := h.newCall(ctx, sub.User, in)
		if err == nil && ch == nil {
			err = h.createCall(ctx, c)
		}
		if ch != nil {
			return nil, chat.FieldErrors{"partner": lookup.ChoiceMessage(lang, ch)}
		}
		if err != nil {
			return nil, callFieldErrors(lang, err)
		}
		return h.callSaved(ctx, lang, "call.created", c), nil
	}
	old, err := h.Calls.FindCallByID(ctx, sub.Metadata)
	if err != nil {
		return nil, err
	}
	// The identifier stays (the edit form has no input for it); the
	// programme follows it unless chosen.
	in.ID = old.Identifier
	upd, ch, err := h.callUpdate(ctx, sub.User, in)
	if ch != nil {
		return nil, chat.FieldErrors{"partner": lookup.ChoiceMessage(lang, ch)}
	}
	if err == nil {
		var c *proxenos.Call
		if c, err = h.Calls.UpdateCall(ctx, old.ID, upd); err == nil {
			return h.callSaved(ctx, lang, "call.updated", c), nil
		}
	}
	return nil, callFieldErrors(lang, err)
}

// callFieldErrors turns an EINVALID (or a taken identifier's ECONFLICT)
// error into FieldErrors for the call modal; others pass through.
func callFieldErrors(lang i18n.Lang, err error) error {
	var e *proxenos.Error
	if errors.As(err, &e) && e.Code == proxenos.ECONFLICT && e.Key == "call.conflict.identifier" {
		return chat.FieldErrors{"id": i18n.T(lang, e.Key, e.Args...)}
	}
	return handlers.FieldFormErrors(lang, err, callFieldInputs)
}
