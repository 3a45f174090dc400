package partner

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/iso"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// ModalCallback routes the submission of the partner modal.
// Metadata empty: a new partner; else the id of the partner edited.
const ModalCallback = "partner_edit"

// showLatest is how many entries and contacts a partner's page shows.
const showLatest = 5

// partnerShowAction answers the button that shows a partner; its value is
// the partner's id.
func (h *Handler) partnerShowAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	p, err := h.Partners.FindPartnerByID(ctx, act.Value)
	if err != nil {
		return nil, err
	}
	return h.showPartner(ctx, handlers.ActionRequest(act), p)
}

// showPartner shows a partner: details, people, its latest entries in the
// register, its agreements and its latest logged contacts.
func (h *Handler) showPartner(ctx context.Context, req *chat.Request, p *proxenos.Partner) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	entries, total, err := h.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{PartnerID: p.ID, Limit: showLatest})
	if err != nil {
		return nil, err
	}
	contacts, err := h.Partners.FindContacts(ctx, p.ID, showLatest)
	if err != nil {
		return nil, err
	}

	// Slack caps a header at 150 characters and section text at 3000.
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: handlers.Truncate(p.Name, 150)}}}
	lines := []string{"*" + chat.Escape(p.Name) + "*"}
	section := func(text string) {
		if text != "" {
			resp.Blocks = append(resp.Blocks, chat.Section{Text: handlers.Truncate(text, 2900)})
			lines = append(lines, text)
		}
	}
	section(h.details(ctx, lang, p))

	people := peopleLines(lang, p)
	if len(people) > 0 {
		section("*" + i18n.T(lang, "partner.people") + "*\n" + strings.Join(people, "\n"))
	}

	// The latest entries of the register that are linked to this partner.
	letters := []string{"*" + i18n.T(lang, "partner.latest_correspondence", total) + "*"}
	for _, c := range entries {
		letters = append(letters, corr.Line(lang, c, h.k.Zone(ctx)))
	}
	if len(entries) == 0 {
		letters = []string{"*" + i18n.T(lang, "partner.no_correspondence") + "*"}
	}
	section(strings.Join(letters, "\n"))

	// Its agreements, when the server keeps them.
	if h.Agreements != nil {
		agreements, total, err := h.Agreements.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{PartnerID: p.ID, Limit: showLatest})
		if err != nil {
			return nil, err
		}
		if total > 0 {
			lines := []string{"*" + i18n.T(lang, "mou.list.title", total) + "*"}
			for _, a := range agreements {
				lines = append(lines, "• "+h.Agreements.Line(ctx, lang, a, nil))
			}
			section(strings.Join(lines, "\n"))
		}
	}

	if len(contacts) > 0 {
		lines := []string{"*" + i18n.T(lang, "partner.latest_contacts") + "*"}
		for _, c := range contacts {
			line := "• " + i18n.FormatDate(lang, c.Date.In(h.k.Zone(ctx))) + " · " + i18n.T(lang, "contact.kind."+string(c.Kind))
			if c.Notes != "" {
				line += " — " + chat.Escape(handlers.Truncate(c.Notes, 200))
			}
			lines = append(lines, line)
		}
		section(strings.Join(lines, "\n"))
	}
	resp.Text = strings.Join(lines, "\n\n")
	return resp, nil
}

// partnerModal builds the partner form, filled in from p when editing.
func (h *Handler) partnerModal(lang i18n.Lang, p *proxenos.Partner) *chat.Modal {
	in := partnerInput{Kind: string(proxenos.KindMunicipality)}
	m := &chat.Modal{
		CallbackID: ModalCallback,
		Title:      i18n.T(lang, "partner.modal.title_new"),
		Submit:     i18n.T(lang, "modal.submit"),
		Close:      i18n.T(lang, "modal.close"),
	}
	if p != nil {
		in = partnerInputOf(p)
		m.Title = i18n.T(lang, "partner.modal.title_edit")
		m.Metadata = p.ID
	}
	var kinds, rels []chat.Option
	for _, k := range proxenos.PartnerKinds {
		kinds = append(kinds, chat.Option{Value: string(k), Label: i18n.T(lang, "partner.kind."+string(k))})
	}
	for _, r := range proxenos.Relationships {
		rels = append(rels, chat.Option{Value: string(r), Label: i18n.T(lang, "partner.rel."+string(r))})
	}
	m.Inputs = []chat.Input{
		{ID: "name", Label: i18n.T(lang, "partner.field.name"), Initial: in.Name},
		{ID: "alt", Label: i18n.T(lang, "partner.field.alt"), Optional: true, Initial: in.Alt},
		{ID: "aliases", Label: i18n.T(lang, "partner.field.aliases"), Hint: i18n.T(lang, "partner.hint.aliases"), Optional: true, Initial: in.Aliases},
		{ID: "kind", Label: i18n.T(lang, "partner.field.kind"), Kind: chat.SelectInput, Options: kinds, Initial: in.Kind},
		{ID: "country", Label: i18n.T(lang, "partner.field.country"), Placeholder: "IT", Optional: true, Initial: in.Country},
		{ID: "city", Label: i18n.T(lang, "partner.field.city"), Optional: true, Initial: in.City},
		{ID: "rel", Label: i18n.T(lang, "partner.field.rel"), Kind: chat.SelectInput, Options: rels, Optional: true, Initial: in.Rel},
		{ID: "since", Label: i18n.T(lang, "partner.field.since"), Placeholder: "1990", Optional: true, Initial: in.Since},
		{ID: "web", Label: i18n.T(lang, "partner.field.web"), Optional: true, Initial: in.Web},
		{ID: "tags", Label: i18n.T(lang, "partner.field.tags"), Hint: i18n.T(lang, "hint.comma_list"), Optional: true, Initial: in.Tags},
		{ID: "notes", Label: i18n.T(lang, "partner.field.notes"), Kind: chat.LongTextInput, Optional: true, Initial: in.Notes},
	}
	return m
}

// partnerFieldInputs maps validation errors to the partner modal's inputs.
var partnerFieldInputs = map[string]string{
	"partner.required.name": "name", "partner.invalid.kind": "kind", "partner.invalid.relationship": "rel",
	"partner.invalid.year": "since", "input.invalid_country": "country",
	"name": "name", "alt": "alt", "aliases": "aliases", "country": "country", "city": "city", "website": "web",
	"notes": "notes", "tags": "tags",
}

// submitPartner stores a submitted partner modal: a new partner, or the
// one whose id is in Metadata. A name taken by another partner is shown
// on the name field.
func (h *Handler) submitPartner(ctx context.Context, sub *chat.Submission) (*chat.Response, error) {
	lang := handlers.LangOf(sub.Lang)
	v := sub.Values
	in := partnerInput{Name: v["name"], Alt: v["alt"], Aliases: v["aliases"], Kind: v["kind"], Country: v["country"], City: v["city"],
		Rel: v["rel"], Since: v["since"], Web: v["web"], Tags: v["tags"], Notes: v["notes"]}
	var p *proxenos.Partner
	var err error
	if sub.Metadata == "" {
		p, err = h.createPartner(ctx, sub.User, in)
	} else {
		var upd proxenos.PartnerUpdate
		if upd, err = partnerUpdate(in); err == nil {
			p, err = h.Partners.UpdatePartner(ctx, sub.Metadata, upd)
		}
	}
	// A taken name belongs on the name field, not in a message.
	if proxenos.ErrorCode(err) == proxenos.ECONFLICT {
		return nil, chat.FieldErrors{"name": i18n.ErrorMessage(lang, err)}
	}
	if err != nil {
		return nil, handlers.FormErrors(lang, err, partnerFieldInputs)
	}
	key := "partner.created"
	args := []any{chat.Escape(p.Name), i18n.T(lang, "partner.kind."+string(p.Kind))}
	if sub.Metadata != "" {
		key, args = "partner.updated", args[:1]
	}
	linked := h.linkLetters(ctx, p)
	text := i18n.T(lang, key, args...)
	return h.withLinked(ctx, &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, lang, p, linked), nil
}

// details lists what is known of p, one "*Label:* value" line each.
func (h *Handler) details(ctx context.Context, lang i18n.Lang, p *proxenos.Partner) string {
	var details []string
	field := func(label, value string) {
		if value != "" {
			details = append(details, "*"+i18n.T(lang, label)+":* "+value)
		}
	}
	field("partner.field.alt", chat.Escape(p.AltName))
	field("partner.field.aliases", chat.Escape(strings.Join(p.Aliases, ", ")))
	field("partner.field.kind", i18n.T(lang, "partner.kind."+string(p.Kind)))
	field("partner.field.place", chat.Escape(strings.Trim(p.City+", "+iso.CountryName(lang, p.Country), ", ")))
	if p.Relationship != proxenos.RelNone {
		rel := i18n.T(lang, "partner.rel."+string(p.Relationship))
		if p.SinceYear != 0 {
			rel += " " + i18n.T(lang, "partner.since", p.SinceYear)
		}
		field("partner.field.rel", rel)
	}
	field("partner.field.web", chat.Escape(p.Website))
	field("partner.field.tags", chat.Escape(strings.Join(p.Tags, ", ")))
	if !p.LastContact.IsZero() {
		field("partner.field.last_contact", i18n.FormatDate(lang, p.LastContact.In(h.k.Zone(ctx))))
	}
	field("partner.field.notes", chat.Escape(p.Notes))
	return strings.Join(details, "\n")
}

// peopleLines writes p's people, one line each with whatever is known of
// them.
func peopleLines(lang i18n.Lang, p *proxenos.Partner) []string {
	var people []string
	for _, person := range p.People {
		line := "• " + chat.Escape(person.Name)
		langs := make([]string, len(person.Languages))
		for i, code := range person.Languages {
			langs[i] = iso.LanguageName(lang, code)
		}
		for _, extra := range []string{person.Role, person.Email, person.Phone, strings.Join(langs, ", ")} {
			if extra != "" {
				line += " · " + chat.Escape(extra)
			}
		}
		people = append(people, line)
	}
	return people
}
