package partner

import (
	"context"
	"strconv"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
)

// partnerSpec lists the fields of a partner, as typed on the command line.
var partnerSpec = handlers.ArgSpec{
	"name": true, "alt": true, "aliases": true, "kind": false, "country": false, "city": true, "rel": false,
	"since": false, "web": false, "tags": false, "notes": true,
}

// personSpec and contactSpec list the fields of /partner person and /partner log.
var (
	personSpec  = handlers.ArgSpec{"name": true, "role": true, "email": false, "phone": true, "langs": false}
	contactSpec = handlers.ArgSpec{"kind": false, "date": true, "notes": true}
)

// partnerCommand is /partner, the partner directory.
func (h *Handler) partnerCommand() *handlers.Command {
	return &handlers.Command{
		Name:        "/partner",
		Records:     true,
		Usage:       "help.partner.usage",
		Description: "help.partner.description",
		Handler: func(_ context.Context, req *chat.Request) (*chat.Response, error) {
			return h.k.Help("/partner", handlers.LangOf(req.Lang)), nil
		},
		Subcommands: []handlers.Subcommand{
			{Name: "add", Aliases: []string{"νέος", "προσθήκη"}, Usage: "help.partner.add.usage",
				Description: "help.partner.add.description", Examples: []string{"help.partner.add.example", "help.partner.add.example2", "help.partner.add.example3"},
				Handler: h.partnerAdd},
			{Name: "edit", Aliases: []string{"διόρθωση", "αλλαγή"}, Usage: "help.partner.edit.usage",
				Description: "help.partner.edit.description", Examples: []string{"help.partner.edit.example"}, Handler: h.partnerEdit},
			{Name: "show", Aliases: []string{"δείξε", "προβολή"}, Usage: "help.partner.show.usage",
				Description: "help.partner.show.description", Examples: []string{"help.partner.show.example"},
				Handler: h.partnerShow},
			{Name: "find", Aliases: []string{"search", "αναζήτηση"}, Usage: "help.partner.find.usage",
				Description: "help.partner.find.description", Handler: h.partnerFind},
			{Name: "list", Aliases: []string{"λίστα"}, Usage: "help.partner.list.usage",
				Description: "help.partner.list.description", Examples: []string{"help.partner.list.example"},
				Handler: h.partnerList},
			{Name: "person", Aliases: []string{"πρόσωπο", "επαφή"}, Usage: "help.partner.person.usage",
				Description: "help.partner.person.description", Examples: []string{"help.partner.person.example"},
				Handler: h.partnerPerson},
			{Name: "log", Aliases: []string{"καταγραφή"}, Usage: "help.partner.log.usage",
				Description: "help.partner.log.description", Examples: []string{"help.partner.log.example"},
				Handler: h.partnerLog},
		},
	}
}

// kindWords, relWords and contactWords map the SearchKey of the words
// users type, English and Greek, to the values of the directory.
var (
	kindWords = map[string]proxenos.PartnerKind{
		"municipality": proxenos.KindMunicipality, "city": proxenos.KindMunicipality, "δημοσ": proxenos.KindMunicipality,
		"network": proxenos.KindNetwork, "δικτυο": proxenos.KindNetwork,
		"embassy": proxenos.KindEmbassy, "πρεσβεια": proxenos.KindEmbassy, "προξενειο": proxenos.KindEmbassy,
		"university": proxenos.KindUniversity, "πανεπιστημιο": proxenos.KindUniversity,
		"eu_body": proxenos.KindEUBody, "eu": proxenos.KindEUBody, "εε": proxenos.KindEUBody, "φορεασ_εε": proxenos.KindEUBody,
		"ngo": proxenos.KindNGO, "μκο": proxenos.KindNGO,
		"company": proxenos.KindCompany, "εταιρεια": proxenos.KindCompany,
		"other": proxenos.KindOther, "αλλο": proxenos.KindOther,
	}
	relWords = map[string]proxenos.Relationship{
		"sister_city": proxenos.RelSisterCity, "sister": proxenos.RelSisterCity, "twinning": proxenos.RelSisterCity,
		"αδελφοποιηση": proxenos.RelSisterCity, "αδελφη_πολη": proxenos.RelSisterCity,
		"memorandum": proxenos.RelMemorandum, "mou": proxenos.RelMemorandum, "μνημονιο": proxenos.RelMemorandum,
		"μνημονιο_συνεργασιασ": proxenos.RelMemorandum,
		"network_member": proxenos.RelNetworkMember, "member": proxenos.RelNetworkMember, "μελοσ": proxenos.RelNetworkMember,
		"μελοσ_δικτυου": proxenos.RelNetworkMember,
		"prospect":      proxenos.RelProspect, "υποψηφιοσ": proxenos.RelProspect, "υποψηφιο": proxenos.RelProspect,
		"υποψηφιοσ_εταιροσ": proxenos.RelProspect,
		"none":              proxenos.RelNone, "καμια": proxenos.RelNone,
	}
	contactWords = map[string]proxenos.ContactKind{
		"meeting": proxenos.ContactMeeting, "συναντηση": proxenos.ContactMeeting,
		"call": proxenos.ContactCall, "κληση": proxenos.ContactCall, "τηλεφωνημα": proxenos.ContactCall, "τηλεφωνικη_κληση": proxenos.ContactCall,
		"visit": proxenos.ContactVisit, "επισκεψη": proxenos.ContactVisit,
		"video": proxenos.ContactVideo, "βιντεο": proxenos.ContactVideo, "τηλεδιασκεψη": proxenos.ContactVideo,
		"event": proxenos.ContactEvent, "εκδηλωση": proxenos.ContactEvent,
	}
)

// parseKind reads a kind of partner; unknown words pass through for the
// domain to refuse with the list of kinds.
func parseKind(s string) proxenos.PartnerKind {
	if k, ok := kindWords[handlers.WordKey(s)]; ok {
		return k
	}
	return proxenos.PartnerKind(s)
}

// parseRelationship reads a relationship, as parseKind does.
func parseRelationship(s string) proxenos.Relationship {
	if r, ok := relWords[handlers.WordKey(s)]; ok {
		return r
	}
	return proxenos.Relationship(s)
}

// parseSince reads the year a relationship began.
func parseSince(s string) (int, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, proxenos.Errorf(proxenos.EINVALID, "partner.invalid.year")
	}
	return y, nil
}

// partnerInput is a partner as typed, on the command line or in the modal.
type partnerInput struct {
	Name, Alt, Aliases, Kind, Country, City, Rel, Since, Web, Tags, Notes string
}

// partnerInputOf returns a partner as it would be typed, for editing.
func partnerInputOf(p *proxenos.Partner) partnerInput {
	in := partnerInput{Name: p.Name, Alt: p.AltName, Aliases: strings.Join(p.Aliases, ", "), Kind: string(p.Kind), Country: p.Country, City: p.City,
		Rel: string(p.Relationship), Web: p.Website, Tags: strings.Join(p.Tags, ", "), Notes: p.Notes}
	if p.SinceYear != 0 {
		in.Since = strconv.Itoa(p.SinceYear)
	}
	return in
}

// partnerInputFrom reads the typed fields of args over in.
func partnerInputFrom(in partnerInput, args *handlers.Args) partnerInput {
	for key, v := range args.Fields {
		switch key {
		case "name":
			in.Name = v
		case "alt":
			in.Alt = v
		case "aliases":
			in.Aliases = v
		case "kind":
			in.Kind = v
		case "country":
			in.Country = v
		case "city":
			in.City = v
		case "rel":
			in.Rel = v
		case "since":
			in.Since = v
		case "web":
			in.Web = v
		case "tags":
			in.Tags = v
		case "notes":
			in.Notes = v
		}
	}
	return in
}

// partnerUpdate reads a typed partner into the update of every field.
func partnerUpdate(in partnerInput) (proxenos.PartnerUpdate, error) {
	since, err := parseSince(in.Since)
	if err != nil {
		return proxenos.PartnerUpdate{}, err
	}
	kind := proxenos.KindOther
	if strings.TrimSpace(in.Kind) != "" {
		kind = parseKind(in.Kind)
	}
	country, err := handlers.ParseCountry("country", in.Country)
	if err != nil {
		return proxenos.PartnerUpdate{}, err
	}
	// Every field is set: edits start from the partner as it is
	// (partnerInputOf), so untouched fields keep their values.
	name, alt := strings.TrimSpace(in.Name), strings.TrimSpace(in.Alt)
	city, web, notes := strings.TrimSpace(in.City), strings.TrimSpace(in.Web), strings.TrimSpace(in.Notes)
	rel, aliases, tags := parseRelationship(in.Rel), handlers.SplitList(in.Aliases), handlers.SplitList(in.Tags)
	return proxenos.PartnerUpdate{
		Name: &name, AltName: &alt, Aliases: &aliases, Kind: &kind, Country: &country, City: &city, Relationship: &rel,
		SinceYear: &since, Website: &web, Notes: &notes, Tags: &tags,
	}, nil
}

// createPartner validates and stores a typed partner.
func (h *Handler) createPartner(ctx context.Context, user string, in partnerInput) (*proxenos.Partner, error) {
	upd, err := partnerUpdate(in)
	if err != nil {
		return nil, err
	}
	p := &proxenos.Partner{CreatedBy: user}
	upd.Apply(p)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := h.Partners.CreatePartner(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// partnerAdd answers /partner add: a modal when bare, else the partner
// from the fields (positional words name it when name: is not given).
func (h *Handler) partnerAdd(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	if strings.TrimSpace(req.Text) == "" {
		return &chat.Response{Text: i18n.T(lang, "partner.modal.opening"), Ephemeral: true, Modal: h.partnerModal(lang, nil)}, nil
	}
	args, err := handlers.ParseArgs(req.Text, partnerSpec)
	if err != nil {
		return nil, err
	}
	// "/partner add Q-Cities kind:network": the words are the name.
	in := partnerInputFrom(partnerInput{}, args)
	if len(args.Words) > 0 {
		if in.Name != "" {
			return nil, proxenos.Errorf(proxenos.EINVALID, "input.unexpected_text", args.Rest())
		}
		in.Name = args.Rest()
	}
	p, err := h.createPartner(ctx, req.User, in)
	if err != nil {
		return nil, err
	}
	linked := h.linkLetters(ctx, p)
	text := i18n.T(lang, "partner.created", chat.Escape(p.Name), i18n.T(lang, "partner.kind."+string(p.Kind)))
	return h.withLinked(ctx, &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}, chat.Actions{ID: "partner_created", Buttons: []chat.Button{
		{Text: i18n.T(lang, "partner.button.show"), ActionID: lookup.ActionPartnerShow, Value: p.ID},
	}}}}, lang, p, linked), nil
}

// partnerEdit answers /partner edit: the modal filled in, or the typed
// fields changed at once.
func (h *Handler) partnerEdit(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, partnerSpec)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	p, choices, err := h.Partners.Resolve(ctx, args.Rest())
	if err != nil || choices != nil {
		return lookup.Choices(lang, args.Rest(), choices), err
	}
	if len(args.Fields) == 0 {
		return &chat.Response{Text: i18n.T(lang, "partner.modal.opening"), Ephemeral: true, Modal: h.partnerModal(lang, p)}, nil
	}
	upd, err := partnerUpdate(partnerInputFrom(partnerInputOf(p), args))
	if err != nil {
		return nil, err
	}
	if p, err = h.Partners.UpdatePartner(ctx, p.ID, upd); err != nil {
		return nil, err
	}
	linked := h.linkLetters(ctx, p)
	text := i18n.T(lang, "partner.updated", chat.Escape(p.Name))
	return h.withLinked(ctx, &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, lang, p, linked), nil
}

// partnerShow answers /partner show with the partner's details, people,
// latest correspondence and latest contacts.
func (h *Handler) partnerShow(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	p, choices, err := h.Partners.Resolve(ctx, req.Text)
	if err != nil || choices != nil {
		return lookup.Choices(handlers.LangOf(req.Lang), req.Text, choices), err
	}
	return h.showPartner(ctx, req, p)
}

// partnerFind answers /partner find with the partners the words match;
// a country that no partner's words match lists the partners there, as
// the directory keeps countries by their codes ("Ρουμανία" is RO).
func (h *Handler) partnerFind(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	q := strings.TrimSpace(req.Text)
	if n := len(proxenos.SearchWords(q)); n == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "partner.required.query")
	} else if n > proxenos.MaxSearchWords {
		return nil, proxenos.Errorf(proxenos.EINVALID, "invalid.too_many", "words", proxenos.MaxSearchWords)
	}
	found, total, err := h.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: q})
	if country, ok := iso.Country(q); ok && err == nil && total == 0 {
		found, total, err = h.Partners.FindPartners(ctx, proxenos.PartnerFilter{Country: country})
	}
	if err != nil {
		return nil, err
	}
	return partnerEntries(handlers.LangOf(req.Lang), "partner.find.title", found, total), nil
}

// partnerList answers /partner list, optionally by one country, kind or
// relationship.
func (h *Handler) partnerList(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	// One word filters: a kind, else a relationship, else a country.
	// RelNone cannot filter: it is "", which the filter reads as any.
	var f proxenos.PartnerFilter
	if w := strings.TrimSpace(req.Text); w != "" {
		if k, ok := kindWords[handlers.WordKey(w)]; ok {
			f.Kind = k
		} else if r, ok := relWords[handlers.WordKey(w)]; ok && r != proxenos.RelNone {
			f.Relationship = r
		} else if f.Country, ok = iso.Country(w); !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "partner.invalid.list_filter", w)
		}
	}
	found, total, err := h.Partners.FindPartners(ctx, f)
	if err != nil {
		return nil, err
	}
	return partnerEntries(handlers.LangOf(req.Lang), "partner.list.title", found, total), nil
}

// partnerEntries lists partners, one line each, with the count and how
// many more there are.
func partnerEntries(lang i18n.Lang, titleKey string, found []*proxenos.Partner, total int) *chat.Response {
	if total == 0 {
		return &chat.Response{Text: i18n.T(lang, "partner.list.empty"), Ephemeral: true}
	}
	title := i18n.T(lang, titleKey, total)
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: title}}}
	lines := []string{title}
	for _, p := range found {
		line := lookup.Line(lang, p)
		lines = append(lines, line)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: line})
	}
	if more := total - len(found); more > 0 {
		msg := i18n.T(lang, "list.more", more)
		lines = append(lines, msg)
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{msg}})
	}
	resp.Text = strings.Join(lines, "\n")
	return resp
}

// partnerPerson answers /partner person: it adds a person to a partner.
func (h *Handler) partnerPerson(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, personSpec)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	p, choices, err := h.Partners.Resolve(ctx, args.Rest())
	if err != nil || choices != nil {
		return lookup.Choices(lang, args.Rest(), choices), err
	}
	person := proxenos.Person{
		Name: strings.TrimSpace(args.Get("name")), Role: strings.TrimSpace(args.Get("role")),
		Email: strings.TrimSpace(args.Get("email")), Phone: strings.TrimSpace(args.Get("phone")),
	}
	for _, typed := range handlers.SplitList(args.Get("langs")) {
		code, err := handlers.ParseLanguage("langs", typed)
		if err != nil {
			return nil, err
		}
		person.Languages = append(person.Languages, code)
	}
	if err := person.Validate(); err != nil {
		return nil, err
	}
	if p, err = h.Partners.AddPerson(ctx, p.ID, person); err != nil {
		return nil, err
	}
	text := i18n.T(lang, "partner.person_added", chat.Escape(person.Name), chat.Escape(p.Name))
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}

// partnerLog answers /partner log: it logs a meeting, call, visit, video
// call or event with a partner.
func (h *Handler) partnerLog(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, contactSpec)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	p, choices, err := h.Partners.Resolve(ctx, args.Rest())
	if err != nil || choices != nil {
		return lookup.Choices(lang, args.Rest(), choices), err
	}
	// The date defaults to today in the workspace's zone.
	now := h.k.Clock(ctx)
	c := &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactKind(args.Get("kind")), Date: handlers.DateOnly(now),
		Notes: strings.TrimSpace(args.Get("notes")), LoggedBy: req.User}
	// Unknown kinds pass through for Validate to refuse with the list.
	if k, ok := contactWords[handlers.WordKey(args.Get("kind"))]; ok {
		c.Kind = k
	}
	if args.Has("date") {
		if c.Date, err = handlers.ParseDateField("date", args.Get("date"), now, h.k.Zone(ctx)); err != nil {
			return nil, err
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := h.Partners.LogContact(ctx, c); err != nil {
		return nil, err
	}
	text := i18n.T(lang, "partner.contact_logged", i18n.T(lang, "contact.kind."+string(c.Kind)), chat.Escape(p.Name), i18n.FormatDate(lang, c.Date.In(h.k.Zone(ctx))))
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}
