package handlers

import (
	"context"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// partnerModalCallback routes the submission of the partner modal.
// Metadata empty: a new partner; else the id of the partner edited.
const partnerModalCallback = "partner_edit"

// showLatest is how many entries and contacts a partner's page shows.
const showLatest = 5

// partnerShowAction answers the button that shows a partner; its value is
// the partner's id.
func (h *Handler) partnerShowAction(ctx context.Context, act *Action) (*Response, error) {
	p, err := h.Partners.FindPartnerByID(ctx, act.Value)
	if err != nil {
		return nil, err
	}
	return h.showPartner(ctx, actionRequest(act), p)
}

// showPartner shows a partner: details, people, its latest entries in the
// register, its agreements and its latest logged contacts.
func (h *Handler) showPartner(ctx context.Context, req *Request, p *proxenos.Partner) (*Response, error) {
	lang := langOf(req.Lang)
	entries, total, err := h.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{PartnerID: p.ID, Limit: showLatest})
	if err != nil {
		return nil, err
	}
	contacts, err := h.Partners.FindContacts(ctx, p.ID, showLatest)
	if err != nil {
		return nil, err
	}
	var details []string
	field := func(label, value string) {
		if value != "" {
			details = append(details, "*"+i18n.T(lang, label)+":* "+value)
		}
	}
	field("partner.field.alt", escape(p.AltName))
	field("partner.field.kind", i18n.T(lang, "partner.kind."+string(p.Kind)))
	field("partner.field.place", escape(strings.Trim(p.City+", "+p.Country, ", ")))
	if p.Relationship != proxenos.RelNone {
		rel := i18n.T(lang, "partner.rel."+string(p.Relationship))
		if p.SinceYear != 0 {
			rel += " " + i18n.T(lang, "partner.since", p.SinceYear)
		}
		field("partner.field.rel", rel)
	}
	field("partner.field.web", escape(p.Website))
	field("partner.field.tags", escape(strings.Join(p.Tags, ", ")))
	if !p.LastContact.IsZero() {
		field("partner.field.last_contact", i18n.FormatDate(lang, p.LastContact.In(h.loc())))
	}
	field("partner.field.notes", escape(p.Notes))

	// Slack caps a header at 150 characters and section text at 3000.
	resp := &Response{Ephemeral: true, Blocks: []Block{Header{Text: truncate(p.Name, 150)}}}
	lines := []string{"*" + escape(p.Name) + "*"}
	section := func(text string) {
		if text != "" {
			resp.Blocks = append(resp.Blocks, Section{Text: truncate(text, 2900)})
			lines = append(lines, text)
		}
	}
	section(strings.Join(details, "\n"))

	// People, one line each with whatever is known of them.
	var people []string
	for _, person := range p.People {
		line := "• " + escape(person.Name)
		for _, extra := range []string{person.Role, person.Email, person.Phone, strings.Join(person.Languages, ", ")} {
			if extra != "" {
				line += " · " + escape(extra)
			}
		}
		people = append(people, line)
	}
	if len(people) > 0 {
		section("*" + i18n.T(lang, "partner.people") + "*\n" + strings.Join(people, "\n"))
	}

	// The latest entries of the register that are linked to this partner.
	corr := []string{"*" + i18n.T(lang, "partner.latest_correspondence", total) + "*"}
	for _, c := range entries {
		corr = append(corr, corrLine(lang, c))
	}
	if len(entries) == 0 {
		corr = append(corr, i18n.T(lang, "corr.list.empty"))
	}
	section(strings.Join(corr, "\n"))

	// Its agreements, when the server keeps them.
	if h.Agreements != nil {
		agreements, total, err := h.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{PartnerID: p.ID, Limit: showLatest})
		if err != nil {
			return nil, err
		}
		if total > 0 {
			lines := []string{"*" + i18n.T(lang, "mou.list.title", total) + "*"}
			for _, a := range agreements {
				lines = append(lines, "• "+h.agreementLine(lang, a, nil))
			}
			section(strings.Join(lines, "\n"))
		}
	}

	if len(contacts) > 0 {
		lines := []string{"*" + i18n.T(lang, "partner.latest_contacts") + "*"}
		for _, c := range contacts {
			line := "• " + i18n.FormatDate(lang, c.Date.In(h.loc())) + " · " + i18n.T(lang, "contact.kind."+string(c.Kind))
			if c.Notes != "" {
				line += " — " + escape(truncate(c.Notes, 200))
			}
			lines = append(lines, line)
		}
		section(strings.Join(lines, "\n"))
	}
	resp.Text = strings.Join(lines, "\n\n")
	return resp, nil
}

// partnerModal builds the partner form, filled in from p when editing.
func (h *Handler) partnerModal(lang i18n.Lang, p *proxenos.Partner) *Modal {
	in := partnerInput{Kind: string(proxenos.KindMunicipality)}
	m := &Modal{
		CallbackID: partnerModalCallback,
		Title:      i18n.T(lang, "partner.modal.title_new"),
		Submit:     i18n.T(lang, "modal.submit"),
		Close:      i18n.T(lang, "modal.close"),
	}
	if p != nil {
		in = partnerInputOf(p)
		m.Title = i18n.T(lang, "partner.modal.title_edit")
		m.Metadata = p.ID
	}
	var kinds, rels []Option
	for _, k := range proxenos.PartnerKinds {
		kinds = append(kinds, Option{Value: string(k), Label: i18n.T(lang, "partner.kind."+string(k))})
	}
	for _, r := range proxenos.Relationships {
		rels = append(rels, Option{Value: string(r), Label: i18n.T(lang, "partner.rel."+string(r))})
	}
	m.Inputs = []Input{
		{ID: "name", Label: i18n.T(lang, "partner.field.name"), Initial: in.Name},
		{ID: "alt", Label: i18n.T(lang, "partner.field.alt"), Optional: true, Initial: in.Alt},
		{ID: "kind", Label: i18n.T(lang, "partner.field.kind"), Kind: SelectInput, Options: kinds, Initial: in.Kind},
		{ID: "country", Label: i18n.T(lang, "partner.field.country"), Placeholder: "IT", Optional: true, Initial: in.Country},
		{ID: "city", Label: i18n.T(lang, "partner.field.city"), Optional: true, Initial: in.City},
		{ID: "rel", Label: i18n.T(lang, "partner.field.rel"), Kind: SelectInput, Options: rels, Optional: true, Initial: in.Rel},
		{ID: "since", Label: i18n.T(lang, "partner.field.since"), Placeholder: "1990", Optional: true, Initial: in.Since},
		{ID: "web", Label: i18n.T(lang, "partner.field.web"), Optional: true, Initial: in.Web},
		{ID: "tags", Label: i18n.T(lang, "partner.field.tags"), Hint: i18n.T(lang, "hint.comma_list"), Optional: true, Initial: in.Tags},
		{ID: "notes", Label: i18n.T(lang, "partner.field.notes"), Kind: LongTextInput, Optional: true, Initial: in.Notes},
	}
	return m
}

// partnerFieldInputs maps validation errors to the partner modal's inputs.
var partnerFieldInputs = map[string]string{
	"partner.required.name": "name", "partner.invalid.kind": "kind", "partner.invalid.relationship": "rel",
	"partner.invalid.year": "since",
	"name":                 "name", "alt": "alt", "country": "country", "city": "city", "website": "web",
	"notes": "notes", "tags": "tags",
}

// submitPartner stores a submitted partner modal: a new partner, or the
// one whose id is in Metadata. A name taken by another partner is shown
// on the name field.
func (h *Handler) submitPartner(ctx context.Context, sub *Submission) (*Response, error) {
	lang := langOf(sub.Lang)
	v := sub.Values
	in := partnerInput{Name: v["name"], Alt: v["alt"], Kind: v["kind"], Country: v["country"], City: v["city"],
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
		return nil, FieldErrors{"name": i18n.ErrorMessage(lang, err)}
	}
	if err != nil {
		return nil, fieldErrors(lang, err, partnerFieldInputs)
	}
	key := "partner.created"
	args := []any{escape(p.Name), i18n.T(lang, "partner.kind."+string(p.Kind))}
	if sub.Metadata != "" {
		key, args = "partner.updated", args[:1]
	}
	text := i18n.T(lang, key, args...)
	return &Response{Text: text, Blocks: []Block{Section{Text: text}}}, nil
}
