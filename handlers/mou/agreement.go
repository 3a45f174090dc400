package mou

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
)

// ActionAgreementShow is the button that shows an agreement; Value: its id.
const ActionAgreementShow = "mou_show"

// DefaultExpiringDays is how far ahead `/mou list expiring` looks when
// given no number of days: far enough for a six-month notice period.
const DefaultExpiringDays = 180

// mouSpec lists the fields of an agreement, as typed on the command line.
var mouSpec = handlers.ArgSpec{
	"kind": true, "partner": true, "title": true, "signed": true, "decision": true, "start": true, "end": true,
	"renewal": true, "notice": true, "docs": false, "status": true, "notes": true,
}

// obligeSpec lists the fields of /mou oblige.
var obligeSpec = handlers.ArgSpec{"text": true, "due": true, "every": true, "owner": false, "lead": false}

// mouCommand is /mou, the agreements with partners and their obligations.
func (h *Handler) mouCommand() *handlers.Command {
	return &handlers.Command{
		Name:        "/mou",
		Records:     true,
		Usage:       "help.mou.usage",
		Description: "help.mou.cmd.description",
		Handler:     h.mouModalNew,
		Subcommands: []handlers.Subcommand{
			{Name: "add", Aliases: []string{"νέα", "προσθήκη"}, Usage: "help.mou.add.usage",
				Description: "help.mou.add.description", Examples: []string{"help.mou.add.example"}, Handler: h.mouAdd},
			{Name: "edit", Aliases: []string{"διόρθωση", "αλλαγή"}, Usage: "help.mou.edit.usage",
				Description: "help.mou.edit.description", Handler: h.mouEdit},
			{Name: "show", Aliases: []string{"δείξε", "προβολή"}, Usage: "help.mou.show.usage",
				Description: "help.mou.show.description", Examples: []string{"help.mou.show.example"}, Handler: h.mouShow},
			{Name: "list", Aliases: []string{"λίστα"}, Usage: "help.mou.list.usage",
				Description: "help.mou.list.description", Examples: []string{"help.mou.list.example"}, Handler: h.mouList},
			{Name: "oblige", Aliases: []string{"υποχρέωση"}, Usage: "help.mou.oblige.usage",
				Description: "help.mou.oblige.description", Examples: []string{"help.mou.oblige.example"}, Handler: h.mouOblige},
			{Name: "done", Aliases: []string{"έγινε", "ολοκληρώθηκε"}, Usage: "help.mou.done.usage",
				Description: "help.mou.done.description", Examples: []string{"help.mou.done.example"}, Handler: h.mouDone},
			{Name: "change", Aliases: []string{"τροποποίηση", "amend"}, Usage: "help.mou.change.usage",
				Description: "help.mou.change.description", Examples: []string{"help.mou.change.example"}, Handler: h.mouChange},
			{Name: "waive", Aliases: []string{"απαλλαγή", "παραίτηση"}, Usage: "help.mou.waive.usage",
				Description: "help.mou.waive.description", Examples: []string{"help.mou.waive.example"}, Handler: h.mouWaive},
			{Name: "reopen", Aliases: []string{"επαναφορά"}, Usage: "help.mou.reopen.usage",
				Description: "help.mou.reopen.description", Examples: []string{"help.mou.reopen.example"}, Handler: h.mouReopen},
		},
	}
}

// agreementKindWords maps the folded words users type, English and Greek,
// to kinds of agreement.
var agreementKindWords = map[string]proxenos.AgreementKind{
	"twinning": proxenos.AgreementTwinning, "sister_city": proxenos.AgreementTwinning,
	"αδελφοποιηση": proxenos.AgreementTwinning, "αδελφοποιηση_πολεων": proxenos.AgreementTwinning,
	"friendship": proxenos.AgreementFriendship, "protocol": proxenos.AgreementFriendship,
	"πρωτοκολλο_φιλιασ": proxenos.AgreementFriendship, "πρωτοκολλο": proxenos.AgreementFriendship,
	"φιλια": proxenos.AgreementFriendship, "πρωτοκολλο_φιλιασ_και_συνεργασιασ": proxenos.AgreementFriendship,
	"memorandum": proxenos.AgreementMemorandum, "mou": proxenos.AgreementMemorandum,
	"μνημονιο": proxenos.AgreementMemorandum, "μνημονιο_συνεργασιασ": proxenos.AgreementMemorandum,
	"network": proxenos.AgreementNetwork, "membership": proxenos.AgreementNetwork,
	"δικτυο": proxenos.AgreementNetwork, "μελοσ_δικτυου": proxenos.AgreementNetwork,
}

// parseAgreementKind reads a kind; unknown words pass through for the
// domain to refuse with the list of kinds.
func parseAgreementKind(s string) proxenos.AgreementKind {
	if k, ok := agreementKindWords[handlers.WordKey(s)]; ok {
		return k
	}
	return proxenos.AgreementKind(strings.TrimSpace(s))
}

// parseAgreementStatus reads a status as its code or its label in either
// language ("σε ισχύ", "active"), or "ενεργή".
func parseAgreementStatus(s string) (proxenos.AgreementStatus, error) {
	key := proxenos.SearchKey(strings.TrimSpace(s))
	if key == "ενεργη" || key == "ενεργο" {
		return proxenos.AgreementActive, nil
	}
	for _, st := range proxenos.AgreementStatuses {
		if key == string(st) || key == proxenos.SearchKey(i18n.Label(i18n.Greek, st)) || key == proxenos.SearchKey(i18n.Label(i18n.English, st)) {
			return st, nil
		}
	}
	return "", proxenos.Errorf(proxenos.EINVALID, "agreement.invalid.status", s)
}

// autoRenewalWords start an automatic renewal: "auto 3", "αυτόματη 3 έτη".
var autoRenewalWords = map[string]bool{"auto": true, "automatic": true, "αυτοματη": true, "αυτοματα": true}

// parseRenewal reads a renewal: none, decision (απόφαση), "auto 3" or
// "3y" for an automatic renewal every three years.
func parseRenewal(s string) (proxenos.Renewal, error) {
	key := strings.Join(strings.Fields(proxenos.SearchKey(s)), " ")
	switch key {
	case "", "none", "no", "καμια", "χωρισ", "οχι":
		return proxenos.Renewal{}, nil
	case "decision", "council", "αποφαση", "με αποφαση":
		return proxenos.Renewal{Kind: proxenos.RenewalDecision}, nil
	}
	first, rest, _ := strings.Cut(key, " ")
	if autoRenewalWords[first] {
		if rest == "" {
			return proxenos.Renewal{Kind: proxenos.RenewalAutomatic}, nil
		}
		key = rest
	}
	if n, err := strconv.Atoi(key); err == nil {
		return proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: n}, nil
	}
	if p, err := proxenos.ParsePeriod(key); err == nil && p.Days == 0 && p.Months%12 == 0 {
		return proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: p.Months / 12}, nil
	}
	return proxenos.Renewal{}, proxenos.Errorf(proxenos.EINVALID, "agreement.invalid.renewal", s)
}

// autoColon is "auto:3" inside a renewal value, which the tokenizer would
// take for a key "auto".
var autoColon = regexp.MustCompile(`(?i)(^|[\s:])(auto|automatic|αυτόματη|αυτοματη):(\d)`)

// openWords mean an agreement without an end date.
var openWords = map[string]bool{"open": true, "none": true, "-": true, "ανοιχτη": true, "αοριστη": true, "αοριστου": true}

// mouInput is an agreement as typed, on the command line or in the modal.
type mouInput struct {
	Kind, Partners, Title, Signed, Decision, Start, End, Renewal, Notice, Docs, Status, Notes string
}

// mouInputFrom reads the typed fields of args over in.
func mouInputFrom(in mouInput, args *handlers.Args) mouInput {
	for key, v := range args.Fields {
		switch key {
		case "kind":
			in.Kind = v
		case "partner":
			in.Partners = v
		case "title":
			in.Title = v
		case "signed":
			in.Signed = v
		case "decision":
			in.Decision = v
		case "start":
			in.Start = v
		case "end":
			in.End = v
		case "renewal":
			in.Renewal = v
		case "notice":
			in.Notice = v
		case "docs":
			in.Docs = v
		case "status":
			in.Status = v
		case "notes":
			in.Notes = v
		}
	}
	return in
}

// mouInputOf returns an agreement as it would be typed, for editing.
func (h *Handler) mouInputOf(ctx context.Context, a *proxenos.Agreement, partnerNames []string) mouInput {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(h.k.Zone(ctx)).Format(time.DateOnly)
	}
	in := mouInput{Kind: string(a.Kind), Partners: strings.Join(partnerNames, ", "), Title: a.Title,
		Signed: date(a.Signed), Decision: a.DecisionRef, Start: date(a.Start), End: date(a.End),
		Notice: a.Notice.String(), Docs: strings.Join(a.Documents, ", "), Status: string(a.Status), Notes: a.Notes}
	switch a.Renewal.Kind {
	case proxenos.RenewalAutomatic:
		in.Renewal = "auto " + strconv.Itoa(a.Renewal.Years)
	case proxenos.RenewalDecision:
		in.Renewal = string(proxenos.RenewalDecision)
	}
	return in
}

// agreementUpdate reads a typed agreement into the update of every field.
// Partners are resolved as for calls. Without a status, a signed
// agreement is active and an unsigned one a draft; without a start, it
// starts when signed.
func (h *Handler) agreementUpdate(ctx context.Context, in mouInput) (proxenos.AgreementUpdate, *lookup.Choice, error) {
	var upd proxenos.AgreementUpdate
	now, loc := h.k.Clock(ctx), h.k.Zone(ctx)
	date := func(field, value string) (time.Time, error) {
		if strings.TrimSpace(value) == "" {
			return time.Time{}, nil
		}
		return handlers.ParseDateField(field, value, now, loc)
	}
	// As for calls, every field is set: one update serves the command, the
	// form and an inline edit.
	kind := parseAgreementKind(in.Kind)
	// A twinning needs a council decision (ν. 3463/2006 art. 220): its
	// reference, or its ΑΔΑ on Diavgeia such as 6ΜΟΜΩΡΦ-56Δ, is kept as typed.
	title, decision, notes := strings.TrimSpace(in.Title), strings.TrimSpace(in.Decision), strings.TrimSpace(in.Notes)
	upd.Kind, upd.Title, upd.DecisionRef, upd.Notes = &kind, &title, &decision, &notes

	signed, err := date("signed", in.Signed)
	if err != nil {
		return upd, nil, err
	}
	start, err := date("start", in.Start)
	if err != nil {
		return upd, nil, err
	}
	// Most agreements take effect when signed; a later start is given.
	if start.IsZero() {
		start = signed
	}
	// Many twinnings run until a party withdraws: "open", or nothing, is
	// no end date.
	var end time.Time
	if !openWords[proxenos.SearchKey(strings.TrimSpace(in.End))] {
		if end, err = date("end", in.End); err != nil {
			return upd, nil, err
		}
	}
	upd.Signed, upd.Start, upd.End = &signed, &start, &end

	renewal, err := parseRenewal(in.Renewal)
	if err != nil {
		return upd, nil, err
	}
	// The notice period is calendar months or days ("3m", "90 ημέρες").
	var notice proxenos.Period
	if strings.TrimSpace(in.Notice) != "" {
		if notice, err = proxenos.ParsePeriod(in.Notice); err != nil {
			return upd, nil, err
		}
	}
	upd.Renewal, upd.Notice = &renewal, &notice

	// Without a status, the signature decides: signed texts are in force.
	status := proxenos.AgreementDraft
	if !signed.IsZero() {
		status = proxenos.AgreementActive
	}
	if strings.TrimSpace(in.Status) != "" {
		if status, err = parseAgreementStatus(in.Status); err != nil {
			return upd, nil, err
		}
	}
	upd.Status = &status

	// Links may come wrapped by Slack, <https://…|label>.
	docs := []string{}
	for _, d := range handlers.SplitList(in.Docs) {
		docs = append(docs, handlers.UnwrapLink(d))
	}
	upd.Documents = &docs

	ids, ch, err := h.Partners.ResolveList(ctx, in.Partners)
	if err != nil || ch != nil {
		return upd, ch, err
	}
	upd.PartnerIDs = &ids
	return upd, nil, nil
}

// newAgreement reads a typed agreement and validates it.
func (h *Handler) newAgreement(ctx context.Context, user string, in mouInput) (*proxenos.Agreement, *lookup.Choice, error) {
	upd, ch, err := h.agreementUpdate(ctx, in)
	if err != nil || ch != nil {
		return nil, ch, err
	}
	a := &proxenos.Agreement{CreatedBy: user}
	upd.Apply(a)
	return a, nil, a.Validate()
}

// parseMouArgs parses an agreement's fields, letting "renewal:auto:3"
// through as "auto 3".
func parseMouArgs(text string) (*handlers.Args, error) {
	return handlers.ParseArgs(autoColon.ReplaceAllString(text, "${1}${2} ${3}"), mouSpec)
}

// mouAdd answers /mou add: a modal when bare, else the agreement from the
// fields.
func (h *Handler) mouAdd(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if strings.TrimSpace(req.Text) == "" {
		return h.mouModalNew(ctx, req)
	}
	args, err := parseMouArgs(req.Text)
	if err != nil {
		return nil, err
	}
	// An agreement has no name of its own to type bare, unlike a call.
	if len(args.Words) > 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "input.unexpected_text", args.Rest())
	}
	lang := handlers.LangOf(req.Lang)
	a, ch, err := h.newAgreement(ctx, req.User, mouInputFrom(mouInput{}, args))
	if err != nil || ch != nil {
		return lookup.Choices(lang, ch.Typed(), ch.Offered()), err
	}
	if err := h.Agreements.CreateAgreement(ctx, a); err != nil {
		return nil, err
	}
	return h.agreementSaved(ctx, lang, "mou.created", a)
}

// mouEdit answers /mou edit <agreement>: the modal filled in, or the
// typed fields changed at once.
func (h *Handler) mouEdit(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := parseMouArgs(req.Text)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	a, many, err := h.resolveAgreement(ctx, args.Rest())
	if err != nil || many != nil {
		return h.agreementChoices(ctx, lang, args.Rest(), many, err)
	}
	names, err := h.Partners.Names(ctx, a.PartnerIDs)
	if err != nil {
		return nil, err
	}
	// Only the agreement named: open the form filled in.
	if len(args.Fields) == 0 {
		return &chat.Response{Text: i18n.T(lang, "mou.modal.opening"), Ephemeral: true, Modal: h.mouModal(ctx, lang, a, names)}, nil
	}
	upd, ch, err := h.agreementUpdate(ctx, mouInputFrom(h.mouInputOf(ctx, a, names), args))
	if err != nil || ch != nil {
		return lookup.Choices(lang, ch.Typed(), ch.Offered()), err
	}
	if a, err = h.Agreements.UpdateAgreement(ctx, a.ID, upd); err != nil {
		return nil, err
	}
	return h.agreementSaved(ctx, lang, "mou.updated", a)
}

// agreementSaved is the reply to an added or edited agreement.
func (h *Handler) agreementSaved(ctx context.Context, lang i18n.Lang, key string, a *proxenos.Agreement) (*chat.Response, error) {
	names, err := h.Partners.Names(ctx, a.PartnerIDs)
	if err != nil {
		return nil, err
	}
	text := i18n.T(lang, key, chat.Escape(a.Title))
	line := h.Line(ctx, lang, a, names)
	return &chat.Response{Text: text + "\n" + line, Blocks: []chat.Block{chat.Section{Text: text}, chat.Context{Elements: []string{line}},
		chat.Actions{ID: "mou_saved", Buttons: []chat.Button{{Text: i18n.T(lang, "mou.button.show"), ActionID: ActionAgreementShow, Value: a.ID}}}}}, nil
}

// resolveAgreement finds the agreement which names: its id, or the one
// agreement of a partner. A partner with several comes back as those.
func (h *Handler) resolveAgreement(ctx context.Context, which string) (*proxenos.Agreement, []*proxenos.Agreement, error) {
	which = strings.TrimSpace(which)
	if which == "" {
		return nil, nil, proxenos.Errorf(proxenos.EINVALID, "mou.required.which")
	}
	// Ids have no spaces; names often do, and skip the lookup.
	if !strings.ContainsAny(which, " \t") {
		a, err := h.Agreements.FindAgreementByID(ctx, which)
		if err == nil || proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			return a, nil, err
		}
	}
	// Staff think of agreements by partner: "the Faenza twinning".
	p, options, err := h.Partners.Resolve(ctx, which)
	switch {
	case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
		return nil, nil, proxenos.Errorf(proxenos.ENOTFOUND, "agreement.notfound", which)
	case err != nil:
		return nil, nil, err
	case options != nil:
		return nil, nil, proxenos.Errorf(proxenos.EINVALID, "mou.partner_ambiguous", which, len(options))
	}
	found, _, err := h.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{PartnerID: p.ID})
	switch {
	case err != nil:
		return nil, nil, err
	case len(found) == 0:
		return nil, nil, proxenos.Errorf(proxenos.ENOTFOUND, "agreement.notfound", which)
	case len(found) == 1:
		return found[0], nil, nil
	}
	return nil, found, nil
}

// agreementChoices answers a name that means several agreements with
// their list, to pick one by id; errors pass through.
func (h *Handler) agreementChoices(ctx context.Context, lang i18n.Lang, which string, many []*proxenos.Agreement, err error) (*chat.Response, error) {
	if err != nil {
		return nil, err
	}
	return h.agreementEntries(ctx, lang, i18n.T(lang, "mou.choose", chat.Escape(strings.TrimSpace(which)), len(many)), many, len(many), i18n.T(lang, "mou.list.empty"))
}

// parseLeadDays reads reminder lead times: "30d,7d", "30, 7, 1", "30 ημέρες".
func parseLeadDays(s string) ([]int, error) {
	var days []int
	for _, item := range handlers.SplitList(s) {
		// A bare number is days; "1m" is refused, as months vary in length.
		d, err := strconv.Atoi(item)
		if err != nil {
			p, perr := proxenos.ParsePeriod(item)
			if perr != nil || p.Months != 0 {
				return nil, proxenos.Errorf(proxenos.EINVALID, "obligation.invalid.lead", proxenos.MaxLeadDays)
			}
			d = p.Days
		}
		days = append(days, d)
	}
	return days, nil
}

// mouOblige answers /mou oblige <agreement> text:… due:… [every:…]
// [owner:@user] [lead:30d,7d]: it adds an obligation to the agreement.
func (h *Handler) mouOblige(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, obligeSpec)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	if len(args.Words) == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "obligation.required.agreement")
	}
	a, many, err := h.resolveAgreement(ctx, args.Rest())
	if err != nil || many != nil {
		return h.agreementChoices(ctx, lang, args.Rest(), many, err)
	}
	// The due date is a day: midnight in the workspace's zone, like the
	// agreement's dates; a recurring one keeps that wall clock.
	o := &proxenos.Obligation{AgreementID: a.ID, Text: strings.TrimSpace(args.Get("text")), Status: proxenos.ObligationOpen}
	if args.Has("due") {
		if o.Due, err = handlers.ParseDateField("due", args.Get("due"), h.k.Clock(ctx), h.k.Zone(ctx)); err != nil {
			return nil, err
		}
	}
	if args.Has("every") {
		if o.Recurrence, err = proxenos.ParseRecurrence(args.Get("every")); err != nil {
			return nil, err
		}
	}
	// No owner given means nobody, not the user: the office decides who.
	owner, ok := handlers.ParseUser(args.Get("owner"), req.User)
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "obligation.invalid.owner")
	}
	o.Owner = owner
	if o.LeadDays, err = parseLeadDays(args.Get("lead")); err != nil {
		return nil, err
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if err := h.Agreements.AddObligation(ctx, o); err != nil {
		return nil, err
	}
	text := i18n.T(lang, "mou.obligation_added", chat.Escape(o.Text), chat.Escape(a.Title))
	// A register kept on paper before Proxenos has obligations already
	// late: they are taken, with how late they are.
	if late := -proxenos.DaysBetween(h.k.Clock(ctx), o.Due, h.k.Zone(ctx)); late > 0 {
		text += "\n" + i18n.T(lang, "mou.obligation_overdue", late, i18n.FormatDate(lang, o.Due.In(h.k.Zone(ctx))))
	}
	return obligationAnswer(text, h.obligationLine(ctx, lang, o)), nil
}

// completionOutcome tells the truth after CompleteObligation failed with
// err, reading the obligation again: an occurrence fulfilled already is
// told as such, with its dates; a failure of the store whose write went
// through all the same (its reply lost) holds f, and the completion
// stands.
func (h *Handler) completionOutcome(ctx context.Context, id string, due time.Time, f proxenos.Fulfilment, err error) (*proxenos.Obligation, error) {
	o, rerr := h.Agreements.FindObligationByID(ctx, id)
	if rerr != nil {
		return nil, err
	}
	if proxenos.ErrorCode(err) == proxenos.ECONFLICT {
		return nil, o.CompletionRefused(due, err)
	}
	// Stores keep times to the millisecond.
	if got, ok := o.FulfilmentOf(due); ok && got.By == f.By && got.At.Sub(f.At).Abs() < time.Millisecond {
		return o, nil
	}
	return nil, err
}

// mouDone answers /mou done <obligation> [evidence]: it records the
// occurrence now due as fulfilled, and says when a recurring obligation
// is next due.
func (h *Handler) mouDone(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	id, evidence, _ := strings.Cut(strings.TrimSpace(req.Text), " ")
	if id == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "mou.required.obligation")
	}
	seen, err := h.findObligation(ctx, id, proxenos.ObligationOpen)
	if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "obligation.notfound", id)
	}
	if err != nil {
		return nil, err
	}
	id = seen.ID
	// The store completes the occurrence due as the user saw it, once: a
	// second "done" for it is ECONFLICT, and a recurring obligation moves
	// to its next due date.
	f := proxenos.Fulfilment{At: h.k.Clock(ctx), By: req.User, Evidence: handlers.UnwrapLink(evidence)}
	o, err := h.Agreements.CompleteObligation(ctx, id, seen.Due, f)
	if err != nil {
		if o, err = h.completionOutcome(ctx, id, seen.Due, f, err); err != nil {
			return nil, err
		}
	}
	lang := handlers.LangOf(req.Lang)
	// The fulfilment is stored: a failure to name the agreement now is
	// logged, not reported as if nothing had been recorded.
	text := i18n.T(lang, "mou.fulfilled", chat.Escape(o.Text), chat.Escape(h.agreementTitle(ctx, o)))
	if o.Status == proxenos.ObligationOpen {
		text += " " + i18n.T(lang, "mou.next_due", i18n.FormatDate(lang, o.Due.In(h.k.Zone(ctx))), h.dueText(ctx, lang, o.Due))
	} else {
		text += " " + i18n.T(lang, "mou.no_more_due")
	}
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}
