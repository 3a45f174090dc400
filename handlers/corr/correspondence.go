package corr

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
)

// Action ids of the buttons the correspondence commands show.
const (
	ActionCorrShow = "corr_show" // Value: protocol number, "42/2026"
	ActionCorrEdit = "corr_edit" // Value: protocol number; opens the edit modal
)

// corrLogSpec lists the fields of an entry, as typed on the command line.
var corrLogSpec = handlers.ArgSpec{
	"from": true, "to": true, "cc": true, "country": false, "subject": true, "summary": true, "date": true,
	"lang": false, "medium": false, "ref": true, "attach": false, "tags": false, "related": false,
}

// corrListSpec lists the filters of /corr list.
var corrListSpec = handlers.ArgSpec{"partner": true, "country": false, "tags": false, "from": true, "to": true}

// corrCommand is /corr, the correspondence register.
func (h *Handler) corrCommand() *handlers.Command {
	return &handlers.Command{
		Name:        "/corr",
		Records:     true,
		Usage:       "help.corr.usage",
		Description: "help.corr.description",
		Handler:     h.corrModalNew,
		Subcommands: []handlers.Subcommand{
			{Name: "in", Aliases: []string{"εισ", "εισερχόμενο"}, Usage: "help.corr.in.usage",
				Description: "help.corr.in.description", Examples: []string{"help.corr.in.example"},
				Handler: h.corrLog(proxenos.Incoming)},
			{Name: "out", Aliases: []string{"εξ", "εξερχόμενο"}, Usage: "help.corr.out.usage",
				Description: "help.corr.out.description", Examples: []string{"help.corr.out.example"},
				Handler: h.corrLog(proxenos.Outgoing)},
			{Name: "edit", Aliases: []string{"διόρθωση", "αλλαγή"}, Usage: "help.corr.edit.usage",
				Description: "help.corr.edit.description", Examples: []string{"help.corr.edit.example"},
				Handler: h.corrEdit},
			{Name: "show", Aliases: []string{"δείξε", "προβολή"}, Usage: "help.corr.show.usage",
				Description: "help.corr.show.description", Handler: h.corrShow},
			{Name: "list", Aliases: []string{"λίστα"}, Usage: "help.corr.list.usage",
				Description: "help.corr.list.description", Examples: []string{"help.corr.list.example"},
				Handler: h.corrList},
			{Name: "search", Aliases: []string{"find", "αναζήτηση"}, Usage: "help.corr.search.usage",
				Description: "help.corr.search.description", Examples: []string{"help.corr.search.example"},
				Handler: h.corrSearch},
			{Name: "from-file", Aliases: []string{"από-αρχείο", "αρχείο"}, Usage: "help.corr.from_file.usage",
				Description: "help.corr.from_file.description", Handler: h.corrFromFile},
			{Name: "export", Aliases: []string{"εξαγωγή"}, Usage: "help.corr.export.usage",
				Description: "help.corr.export.description", Examples: []string{"help.corr.export.example", "help.corr.export.example_sep"},
				Handler: h.corrExport},
		},
	}
}

// parseDirection reads in/εισ/εισερχόμενο or out/εξ/εξερχόμενο.
func parseDirection(w string) (proxenos.Direction, bool) {
	// "ΕΙΣ." and "ΕΞ." carry the full stop of the abbreviation on letters.
	switch proxenos.SearchKey(strings.TrimSuffix(strings.TrimSpace(w), ".")) {
	case "in", "εισ", "εισερχομενο", "εισερχομενα", "incoming":
		return proxenos.Incoming, true
	case "out", "εξ", "εξερχομενο", "εξερχομενα", "outgoing":
		return proxenos.Outgoing, true
	}
	return "", false
}

// parseMedium reads email|letter|other and their Greek names.
func parseMedium(w string) (proxenos.Medium, error) {
	switch proxenos.SearchKey(strings.TrimSpace(w)) {
	case "":
		return "", nil
	case "email", "e-mail", "mail", "ηλεκτρονικο", "ηλεκτρονικο ταχυδρομειο", "ηλ. ταχυδρομειο":
		return proxenos.MediumEmail, nil
	case "letter", "post", "επιστολη", "γραμμα", "ταχυδρομειο", "εγγραφο":
		return proxenos.MediumLetter, nil
	case "other", "αλλο":
		return proxenos.MediumOther, nil
	}
	return "", proxenos.Errorf(proxenos.EINVALID, "corr.invalid.medium", w)
}

// corrLog answers /corr in and /corr out: it logs an entry from the
// fields on the command line.
func (h *Handler) corrLog(dir proxenos.Direction) handlers.HandlerFunc {
	return func(ctx context.Context, req *chat.Request) (*chat.Response, error) {
		args, err := handlers.ParseArgs(req.Text, corrLogSpec)
		if err != nil {
			return nil, err
		}
		if len(args.Words) > 0 {
			return nil, proxenos.Errorf(proxenos.EINVALID, "input.unexpected_text", args.Rest())
		}
		// An incoming letter has a sender, an outgoing one a recipient:
		// the other key is a slip, not a synonym.
		switch {
		case dir == proxenos.Incoming && args.Has("to"):
			return nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.to_incoming")
		case dir == proxenos.Outgoing && args.Has("from"):
			return nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.from_outgoing")
		}
		in := corrInput{
			Direction: string(dir), Counterpart: args.Get("from") + args.Get("to"), Copies: args.Get("cc"),
			Country: args.Get("country"), Subject: args.Get("subject"), Summary: args.Get("summary"),
			Date: args.Get("date"), Language: args.Get("lang"), Medium: args.Get("medium"), Ref: args.Get("ref"),
			Attach: args.Get("attach"), Tags: args.Get("tags"), Related: args.Get("related"),
		}
		c, note, err := h.newCorrespondence(ctx, req.User, in)
		if err != nil {
			return nil, err
		}
		if err := h.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			return nil, err
		}
		return h.corrCreated(ctx, handlers.LangOf(req.Lang), c, note), nil
	}
}

// corrInput is an entry as typed, on the command line or in the modal.
type corrInput struct {
	Direction, Counterpart, Copies, Country, Subject, Summary, Date string
	Language, Medium, Ref, Attach, Tags, Related                    string
}

// newCorrespondence reads an entry as typed. It links the counterpart to
// the directory when exactly one partner matches, and returns a note
// (a catalogue message, already rendered later) when several do.
func (h *Handler) newCorrespondence(ctx context.Context, user string, in corrInput) (*proxenos.Correspondence, *partnerNote, error) {
	now := h.k.Clock(ctx)
	c := &proxenos.Correspondence{
		// The store gives the number: serials restart each 1 January and follow
		// the order of registration, so the year is today's, not the letter's.
		Protocol:    proxenos.ProtocolNumber{Year: now.Year()},
		Registered:  handlers.DateOnly(now),
		Counterpart: strings.TrimSpace(in.Counterpart),
		Copies:      handlers.SplitList(in.Copies),
		Subject:     strings.TrimSpace(in.Subject),
		Summary:     strings.TrimSpace(in.Summary),
		ExternalRef: strings.TrimSpace(in.Ref),
		Attachments: handlers.SplitList(in.Attach),
		Tags:        handlers.SplitList(in.Tags),
		RelatedID:   strings.TrimSpace(in.Related),
		LoggedBy:    user,
	}
	dir, ok := parseDirection(in.Direction)
	if !ok {
		return nil, nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.direction")
	}
	c.Direction = dir
	c.Date = handlers.DateOnly(now)
	if strings.TrimSpace(in.Date) != "" {
		d, err := handlers.ParseDateField("date", in.Date, now, h.k.Zone(ctx))
		if err != nil {
			return nil, nil, err
		}
		c.Date = d
	}
	m, err := parseMedium(in.Medium)
	if err != nil {
		return nil, nil, err
	}
	c.Medium = m
	if c.Language, err = handlers.ParseLanguage("lang", in.Language); err != nil {
		return nil, nil, err
	}
	if c.Country, err = handlers.ParseCountry("country", in.Country); err != nil {
		return nil, nil, err
	}
	if c.RelatedID, err = h.relatedEntry(ctx, c.RelatedID); err != nil {
		return nil, nil, err
	}
	// Link to the directory before validating, so that a matched partner's
	// country is validated too.
	note, err := h.linkCounterpart(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	return c, note, c.Validate()
}

// partnerNote says that a counterpart could be one of several partners.
type partnerNote struct {
	Counterpart string
	Names       []string
}

// linkCounterpart links c to the partner its counterpart names, when
// exactly one does, and takes the partner's country unless one was given.
func (h *Handler) linkCounterpart(ctx context.Context, c *proxenos.Correspondence) (*partnerNote, error) {
	// A counterpart too long to search for is logged unlinked, not refused.
	if c.Counterpart == "" || len(proxenos.SearchWords(c.Counterpart)) > proxenos.MaxSearchWords {
		return nil, nil
	}
	found, err := h.Partners.Match(ctx, c.Counterpart)
	if err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		c.PartnerID = found[0].ID
		// A partner's country kept as written before codes is not taken.
		if c.Country == "" {
			c.Country, _ = iso.Country(found[0].Country)
		}
		return nil, nil
	}
	note := &partnerNote{Counterpart: c.Counterpart}
	for _, p := range found {
		note.Names = append(note.Names, p.Name)
	}
	return note, nil
}

// corrCreated is the reply to a logged entry: "Καταχωρήθηκε 42/2026 ΕΙΣ — …".
func (h *Handler) corrCreated(ctx context.Context, lang i18n.Lang, c *proxenos.Correspondence, note *partnerNote) *chat.Response {
	text := i18n.T(lang, "corr.created", c.Protocol.String(), i18n.Label(lang, c.Direction), chat.Escape(c.Subject))
	resp := &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}
	detail := []string{chat.Escape(c.Counterpart), i18n.FormatDate(lang, c.Date.In(h.k.Zone(ctx)))}
	if c.Country != "" {
		detail = append(detail, chat.Escape(iso.CountryName(lang, c.Country)))
	}
	resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{strings.Join(detail, " · ")}})
	if note != nil {
		msg := i18n.T(lang, "corr.partner_ambiguous", chat.Escape(note.Counterpart), chat.Escape(strings.Join(note.Names, ", ")))
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{msg}})
		resp.Text += "\n" + msg
	}
	resp.Blocks = append(resp.Blocks, chat.Actions{ID: "corr_created", Buttons: []chat.Button{
		{Text: i18n.T(lang, "corr.button.edit"), ActionID: ActionCorrEdit, Value: c.Protocol.String()},
		{Text: i18n.T(lang, "corr.button.show"), ActionID: ActionCorrShow, Value: c.Protocol.String()},
	}})
	return resp
}

// corrEdit answers /corr edit: with only a number it opens the modal
// filled in; with fields it changes them at once.
func (h *Handler) corrEdit(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, corrLogSpec)
	if err != nil {
		return nil, err
	}
	if len(args.Words) == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.required.number")
	}
	p, err := proxenos.ParseProtocolNumber(args.Rest(), h.k.Clock(ctx).Year())
	if err != nil {
		return nil, err
	}
	c, err := h.Correspondence.FindCorrespondenceByNumber(ctx, p)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	// Only a number: open the form filled in.
	if len(args.Fields) == 0 {
		return &chat.Response{Text: i18n.T(lang, "corr.modal.opening"), Ephemeral: true, Modal: h.Modal(ctx, lang, c)}, nil
	}
	// Start from the entry as it is and overlay the typed fields, so that
	// the same path as the form validates and records the change.
	in := inputOf(c, h.k.Zone(ctx))
	for key, v := range args.Fields {
		switch key {
		case "from", "to":
			in.Counterpart = v
		case "cc":
			in.Copies = v
		case "country":
			in.Country = v
		case "subject":
			in.Subject = v
		case "summary":
			in.Summary = v
		case "date":
			in.Date = v
		case "lang":
			in.Language = v
		case "medium":
			in.Medium = v
		case "ref":
			in.Ref = v
		case "attach":
			in.Attach = v
		case "tags":
			in.Tags = v
		case "related":
			in.Related = v
		}
	}
	updated, err := h.updateCorrespondence(ctx, c, in)
	if err != nil {
		return nil, err
	}
	return h.corrUpdated(lang, updated), nil
}

// corrValueLabels names the labels of the coded values of an entry's history.
var corrValueLabels = map[string]string{"direction": "corr.direction.", "medium": "corr.medium."}

// inputOf returns an entry as it would be typed, for editing, its date a
// day of loc, the workspace's zone.
func inputOf(c *proxenos.Correspondence, loc *time.Location) corrInput {
	return corrInput{
		Direction: string(c.Direction), Counterpart: c.Counterpart, Copies: strings.Join(c.Copies, ", "),
		// ISO dates: ParseDate reads them and Slack's date picker needs them.
		Country: c.Country, Subject: c.Subject, Summary: c.Summary, Date: c.Date.In(loc).Format(time.DateOnly),
		Language: c.Language, Medium: string(c.Medium), Ref: c.ExternalRef, Attach: strings.Join(c.Attachments, ", "), Tags: strings.Join(c.Tags, ", "),
		Related: c.RelatedID,
	}
}

// updateCorrespondence reads the edited entry and stores what changed;
// the store records the change in the entry's history.
func (h *Handler) updateCorrespondence(ctx context.Context, old *proxenos.Correspondence, in corrInput) (*proxenos.Correspondence, error) {
	// old.LoggedBy: an edit does not make the editor the entry's logger.
	c, _, err := h.newCorrespondence(ctx, old.LoggedBy, in)
	if err != nil {
		return nil, err
	}
	if c.Counterpart == old.Counterpart {
		c.PartnerID = old.PartnerID // keep a link made by hand
	}
	upd := proxenos.CorrespondenceUpdate{
		Direction: &c.Direction, Date: &c.Date, PartnerID: &c.PartnerID, Counterpart: &c.Counterpart,
		Copies: &c.Copies, Country: &c.Country, Subject: &c.Subject, Summary: &c.Summary, Language: &c.Language,
		Medium: &c.Medium, ExternalRef: &c.ExternalRef, Attachments: &c.Attachments, Tags: &c.Tags,
		RelatedID: &c.RelatedID,
	}
	return h.Correspondence.UpdateCorrespondence(ctx, old.Protocol, upd)
}

// corrUpdated is the reply to an edited entry.
func (h *Handler) corrUpdated(lang i18n.Lang, c *proxenos.Correspondence) *chat.Response {
	text := i18n.T(lang, "corr.updated", c.Protocol.String(), i18n.Label(lang, c.Direction), chat.Escape(c.Subject))
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}
}

// corrShow answers /corr show 42/2026 with every field of the entry,
// its copies (ΚΟΙΝ.), its attachments and its edit history.
func (h *Handler) corrShow(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if strings.TrimSpace(req.Text) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.required.number")
	}
	p, err := proxenos.ParseProtocolNumber(req.Text, h.k.Clock(ctx).Year())
	if err != nil {
		return nil, err
	}
	c, err := h.Correspondence.FindCorrespondenceByNumber(ctx, p)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	title := c.Protocol.String() + " " + i18n.Label(lang, c.Direction)
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: title}}}
	var lines []string
	field := func(label, value string) {
		if value != "" {
			lines = append(lines, "*"+i18n.T(lang, label)+":* "+value)
		}
	}
	counterpart := chat.Escape(c.Counterpart)
	// Name the linked partner; a link the directory no longer holds (after
	// an import or a restore) is no error: the directory has no deletion.
	if c.PartnerID != "" {
		if partner, err := h.Partners.FindPartnerByID(ctx, c.PartnerID); err == nil {
			counterpart += " (" + chat.Escape(partner.Name) + ")"
		} else if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			return nil, err
		}
	}
	// An incoming entry names its sender, an outgoing one its recipient.
	field("field."+string(c.Direction.CounterpartField()), counterpart)
	field("corr.field.copies", chat.Escape(strings.Join(c.Copies, ", ")))
	field("corr.field.registered", i18n.FormatDate(lang, c.Registered.In(h.k.Zone(ctx))))
	field("corr.field.date", i18n.FormatDate(lang, c.Date.In(h.k.Zone(ctx))))
	field("corr.field.country", chat.Escape(iso.CountryName(lang, c.Country)))
	field("corr.field.lang", chat.Escape(iso.LanguageName(lang, c.Language)))
	if c.Medium != "" {
		field("corr.field.medium", i18n.T(lang, "corr.medium."+string(c.Medium)))
	}
	field("corr.field.ref", chat.Escape(c.ExternalRef))
	field("corr.field.tags", chat.Escape(strings.Join(c.Tags, ", ")))
	field("corr.field.related", chat.Escape(c.RelatedID))
	field("corr.field.summary", chat.Escape(c.Summary))
	for i, a := range c.Attachments {
		field("corr.field.attachment", strconv.Itoa(i+1)+". "+chat.Escape(a))
	}
	field("corr.field.source", link(c.SourceURL, i18n.T(lang, "corr.link.message")))
	field("corr.field.translation", link(c.TranslationURL, i18n.T(lang, "corr.link.translation")))
	if c.LoggedBy != "" {
		field("corr.field.logged_by", handlers.Mention(c.LoggedBy)+", "+i18n.FormatDateTime(lang, c.CreatedAt.In(h.k.Zone(ctx))))
	}
	subject := "*" + chat.Escape(c.Subject) + "*"
	// Slack refuses section text over 3000 characters; the plain Text
	// keeps everything.
	resp.Blocks = append(resp.Blocks, chat.Section{Text: handlers.Truncate(subject, 2900)}, chat.Section{Text: handlers.Truncate(strings.Join(lines, "\n"), 2900)})
	lines = append([]string{title + " — " + subject}, lines...)
	// The history, oldest first, with each field's old and new value.
	var history []string
	for _, ch := range c.History {
		var fields []string
		for _, f := range ch.Fields {
			fields = append(fields, handlers.ChangeText(lang, f, corrValueLabels, h.k.Zone(ctx)))
		}
		history = append(history, i18n.T(lang, "corr.history_line", i18n.FormatDateTime(lang, ch.At.In(h.k.Zone(ctx))), handlers.Mention(ch.By), strings.Join(fields, " · ")))
	}
	if len(history) > 0 {
		head := i18n.T(lang, "corr.history")
		resp.Blocks = append(resp.Blocks, chat.Divider{}, chat.Context{Elements: []string{handlers.Truncate(head+"\n"+strings.Join(history, "\n"), 2900)}})
		lines = append(lines, head)
		lines = append(lines, history...)
	}
	resp.Blocks = append(resp.Blocks, chat.Actions{ID: "corr_show", Buttons: []chat.Button{
		{Text: i18n.T(lang, "corr.button.edit"), ActionID: ActionCorrEdit, Value: c.Protocol.String()},
	}})
	resp.Text = strings.Join(lines, "\n")
	return resp, nil
}

// protocolShaped matches a value written as a protocol number of the
// register: "12/2026", "12-2026".
var protocolShaped = regexp.MustCompile(`^\d{1,7}\s*[/-]\s*\d{4}$`)

// relatedEntry checks the entry a letter relates to ("σχετ:12/2026", in
// reply to 12/2026): a value shaped like a protocol number must be an
// entry of this register, and is kept as the register writes it. Other
// values (a call's or an agreement's identifier) pass as typed; the
// sender's own number has a key of its own (ref, αρ).
func (h *Handler) relatedEntry(ctx context.Context, v string) (string, error) {
	if !protocolShaped.MatchString(v) {
		return v, nil
	}
	p, err := proxenos.ParseProtocolNumber(v, 0)
	if err != nil {
		return "", err
	}
	if _, err := h.Correspondence.FindCorrespondenceByNumber(ctx, p); proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		return "", proxenos.Errorf(proxenos.EINVALID, "corr.invalid.related_missing", p.String())
	} else if err != nil {
		return "", err
	}
	return p.String(), nil
}

// link writes a stored https address as a Slack link labelled text; ""
// when there is none.
func link(url, text string) string {
	if url == "" {
		return ""
	}
	return "<" + chat.Escape(url) + "|" + chat.Escape(text) + ">"
}
