package mou

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// Changing one obligation after it was added: /mou change (its text, due
// date, owner, reminders, recurrence), /mou waive and /mou reopen. The
// answer says what changed where everyone sees it; the store keeps who
// changed which fields in the obligation's history, which /mou show lists.
// Each change carries the status it was decided on (IfStatus), so that one
// racing with someone marking the obligation done is refused by the store.

// reopenSpec lists the fields of /mou reopen: a new due date.
var reopenSpec = handlers.ArgSpec{"due": true}

// onceWords mean an obligation that does not recur: every:once.
var onceWords = map[string]bool{"once": true, "none": true, "-": true, "εφαπαξ": true, "μια φορα": true, "μονο μια φορα": true}

// defaultLeadWords mean the reminder engine's own lead times: lead:default.
var defaultLeadWords = map[string]bool{"": true, "default": true, "-": true, "προεπιλογη": true, "προεπιλεγμενεσ": true}

// obligationChange is one field changed, as the answer shows it.
type obligationChange struct {
	field    string // the field's name in logs: "due"
	label    string // catalogue key of its name
	from, to string // the values, ready for mrkdwn
}

// obligationID reads the one word naming an obligation: the first of
// words, with nothing after it. missing is the catalogue key of the
// error for no id, with an example of the command.
func obligationID(words []string, missing string) (string, error) {
	switch {
	case len(words) == 0:
		return "", proxenos.Errorf(proxenos.EINVALID, missing)
	case len(words) > 1:
		return "", proxenos.Errorf(proxenos.EINVALID, "input.unexpected_text", strings.Join(words[1:], " "))
	}
	return words[0], nil
}

// findObligation returns the obligation which names: its id, as /mou
// show lists it, or — staff think of them by partner, and ids are long —
// the one obligation of the agreement a partner or agreement id names.
// Of an agreement's obligations those in prefer are taken first (an open
// one to mark done), the others only when none is; several are refused
// with their ids.
func (h *Handler) findObligation(ctx context.Context, which string, prefer ...proxenos.ObligationStatus) (*proxenos.Obligation, error) {
	o, err := h.Agreements.FindObligationByID(ctx, which)
	if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		return o, err
	}
	a, many, err := h.resolveAgreement(ctx, which)
	switch {
	case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "obligation.notfound", which)
	case err != nil:
		return nil, err
	case many != nil:
		return nil, proxenos.Errorf(proxenos.EINVALID, "mou.obligation.agreements", which, len(many))
	}
	found, _, err := h.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID, All: true})
	if err != nil {
		return nil, err
	}
	if preferred := slices.DeleteFunc(slices.Clone(found), func(o *proxenos.Obligation) bool { return !slices.Contains(prefer, o.Status) }); len(preferred) > 0 {
		found = preferred
	}
	switch len(found) {
	case 0:
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "obligation.notfound", which)
	case 1:
		return found[0], nil
	}
	slices.SortFunc(found, func(a, b *proxenos.Obligation) int { return a.Due.Compare(b.Due) })
	names := make([]string, len(found))
	for i, o := range found {
		names[i] = "`" + o.ID + "` " + handlers.Truncate(o.Text, 60)
	}
	return nil, proxenos.Errorf(proxenos.EINVALID, "mou.obligation.several", which, strings.Join(names, "; "))
}

// agreementTitle returns the title of the agreement an obligation is
// under, for answers about it. The obligation is already stored: a
// failure is logged, and the answer goes without the title.
func (h *Handler) agreementTitle(ctx context.Context, o *proxenos.Obligation) string {
	a, err := h.Agreements.FindAgreementByID(ctx, o.AgreementID)
	if err == nil {
		return a.Title
	}
	if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		h.k.Log().WarnContext(ctx, "agreement of an obligation", "obligation", o.ID, "error", err)
	}
	return ""
}

// obligationUpdate reads the fields of /mou change into an update of
// those given. Values are parsed as /mou oblige parses them; an owner of
// "none" unassigns, every:once stops a recurrence and lead:default goes
// back to the reminder engine's lead times.
func (h *Handler) obligationUpdate(ctx context.Context, args *handlers.Args, user string) (proxenos.ObligationUpdate, error) {
	var upd proxenos.ObligationUpdate
	if args.Has("text") {
		text := strings.TrimSpace(args.Get("text"))
		if text == "" {
			return upd, proxenos.Errorf(proxenos.EINVALID, "obligation.required.text")
		}
		upd.Text = &text
	}
	if args.Has("due") {
		due, err := handlers.ParseDateField("due", args.Get("due"), h.k.Clock(ctx), h.k.Zone(ctx))
		if err != nil {
			return upd, err
		}
		upd.Due = &due
	}
	if args.Has("owner") {
		owner, ok := handlers.ParseUser(args.Get("owner"), user)
		if !ok {
			return upd, proxenos.Errorf(proxenos.EINVALID, "obligation.invalid.owner")
		}
		upd.Owner = &owner
	}
	if args.Has("every") {
		var r proxenos.Recurrence
		if v := args.Get("every"); !onceWords[proxenos.SearchKey(strings.TrimSpace(v))] {
			var err error
			if r, err = proxenos.ParseRecurrence(v); err != nil {
				return upd, err
			}
		}
		upd.Recurrence = &r
	}
	if args.Has("lead") {
		days := []int{}
		if v := args.Get("lead"); !defaultLeadWords[proxenos.SearchKey(strings.TrimSpace(v))] {
			var err error
			if days, err = parseLeadDays(v); err != nil {
				return upd, err
			}
		}
		upd.LeadDays = &days
	}
	return upd, nil
}

// obligationChanges compares o before and after upd, field by field, and
// returns the update of only the fields that differ, with what changed.
func (h *Handler) obligationChanges(ctx context.Context, lang i18n.Lang, o *proxenos.Obligation, upd proxenos.ObligationUpdate) (proxenos.ObligationUpdate, []obligationChange) {
	var only proxenos.ObligationUpdate
	var changes []obligationChange
	add := func(field, from, to string) {
		changes = append(changes, obligationChange{field: field, label: "mou.change.field." + field, from: from, to: to})
	}
	if upd.Text != nil && *upd.Text != o.Text {
		only.Text = upd.Text
		add("text", chat.Escape(handlers.Truncate(o.Text, 100)), chat.Escape(handlers.Truncate(*upd.Text, 100)))
	}
	if upd.Due != nil && !upd.Due.Equal(o.Due) {
		only.Due = upd.Due
		add("due", i18n.FormatDate(lang, o.Due.In(h.k.Zone(ctx))), i18n.FormatDate(lang, upd.Due.In(h.k.Zone(ctx))))
	}
	if upd.Owner != nil && *upd.Owner != o.Owner {
		only.Owner = upd.Owner
		add("owner", handlers.OwnerText(lang, o.Owner), handlers.OwnerText(lang, *upd.Owner))
	}
	if upd.Recurrence != nil && *upd.Recurrence != o.Recurrence {
		only.Recurrence = upd.Recurrence
		add("every", i18n.Label(lang, o.Recurrence), i18n.Label(lang, upd.Recurrence))
	}
	if upd.LeadDays != nil && !slices.Equal(*upd.LeadDays, o.LeadDays) {
		only.LeadDays = upd.LeadDays
		add("lead", leadText(lang, o.LeadDays), leadText(lang, *upd.LeadDays))
	}
	return only, changes
}

// leadText writes reminder lead times, "30, 7 days before", or the
// engine's defaults when there are none of the obligation's own.
func leadText(lang i18n.Lang, days []int) string {
	if len(days) == 0 {
		return i18n.T(lang, "mou.lead.default")
	}
	return i18n.T(lang, "mou.lead.days", leadCount(days), joinDays(days))
}

// leadCount is the count lead times agree with: the one day when there
// is one ("1 day before"), else several ("30, 1 days before").
func leadCount(days []int) int {
	if len(days) == 1 {
		return days[0]
	}
	return len(days)
}

// joinDays writes lead times as "30, 7".
func joinDays(days []int) string {
	s := make([]string, len(days))
	for i, d := range days {
		s[i] = strconv.Itoa(d)
	}
	return strings.Join(s, ", ")
}

// mouChange answers /mou change <obligation> [text:…] [due:…] [owner:…]
// [every:…] [lead:…]: it changes the fields given and answers with the
// obligation's line and what changed. A fulfilled or waived obligation
// has no due date or reminders to move: only its text may be corrected
// until it is reopened.
func (h *Handler) mouChange(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, obligeSpec)
	if err != nil {
		return nil, err
	}
	id, err := obligationID(args.Words, "mou.change.required_id")
	if err != nil {
		return nil, err
	}
	if len(args.Fields) == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "mou.change.required_field", id)
	}
	// A mistyped field is refused before the store is read.
	upd, err := h.obligationUpdate(ctx, args, req.User)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	o, err := h.findObligation(ctx, id, proxenos.ObligationOpen)
	if err != nil {
		return nil, err
	}
	id = o.ID
	// Only what differs is written: values typed as they already are
	// change nothing, and are not stored (nor is UpdatedAt moved).
	upd, changes := h.obligationChanges(ctx, lang, o, upd)
	if len(changes) == 0 {
		text := i18n.T(lang, "mou.change.nothing", chat.Escape(o.Text))
		line := h.obligationLine(ctx, lang, o)
		return &chat.Response{Text: text + "\n" + line, Ephemeral: true, Blocks: []chat.Block{chat.Section{Text: text}, chat.Context{Elements: []string{line}}}}, nil
	}
	// The status read decides what may change; the store checks it again
	// as it writes, so a completion or waiver in between refuses this.
	if o.Status != proxenos.ObligationOpen && (upd.Due != nil || upd.Owner != nil || upd.Recurrence != nil || upd.LeadDays != nil) {
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "mou.change.closed", o.Text, i18n.Label(lang, o.Status), o.ID)
	}
	upd.IfStatus = []proxenos.ObligationStatus{o.Status}
	if upd.Due != nil {
		if err := h.checkNotFulfilled(ctx, lang, o, *upd.Due); err != nil {
			return nil, err
		}
	}
	if o, err = h.Agreements.UpdateObligation(ctx, id, upd); err != nil {
		return nil, err
	}
	fields := make([]string, len(changes))
	lines := []string{i18n.T(lang, "mou.changed", chat.Escape(o.Text), chat.Escape(h.agreementTitle(ctx, o)))}
	for i, c := range changes {
		fields[i] = c.field
		lines = append(lines, i18n.T(lang, "mou.change.item", i18n.T(lang, c.label), c.from, c.to))
	}
	h.k.Log().InfoContext(ctx, "obligation changed", "obligation", o.ID, "user", req.User, "fields", fields)
	return obligationAnswer(strings.Join(lines, "\n"), h.obligationLine(ctx, lang, o)), nil
}

// obligationAnswer is the answer to a change of an obligation, which the
// conversation sees: what happened, then the obligation's line.
func obligationAnswer(text, line string) *chat.Response {
	return &chat.Response{Text: text + "\n" + line, Blocks: []chat.Block{chat.Section{Text: text}, chat.Context{Elements: []string{line}}}}
}

// mouWaive answers /mou waive <obligation> [reason]: the obligation no
// longer applies, so it is no longer due and no reminders are sent (the
// reminder engine plans open obligations only). The reason is kept with
// the obligation while it stays waived, and in its history.
func (h *Handler) mouWaive(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	id, reason := handlers.CutWord(strings.TrimSpace(req.Text))
	if id == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "mou.waive.required_id")
	}
	lang := handlers.LangOf(req.Lang)
	o, err := h.findObligation(ctx, id, proxenos.ObligationOpen)
	if err != nil {
		return nil, err
	}
	id = o.ID
	// A fulfilled obligation was met: waiving it would rewrite that.
	switch o.Status {
	case proxenos.ObligationDone:
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "mou.waive.done", o.Text)
	case proxenos.ObligationWaived:
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "mou.waive.already", o.Text, o.ID)
	}
	// Only an open obligation is waived, also if it was done meanwhile.
	waived := proxenos.ObligationWaived
	upd := proxenos.ObligationUpdate{Status: &waived, IfStatus: []proxenos.ObligationStatus{proxenos.ObligationOpen}}
	if reason = strings.TrimSpace(reason); reason != "" {
		upd.WaiverReason = &reason
	}
	if o, err = h.Agreements.UpdateObligation(ctx, id, upd); err != nil {
		return nil, err
	}
	text := i18n.T(lang, "mou.waived", chat.Escape(o.Text), chat.Escape(h.agreementTitle(ctx, o)))
	// The reason is user text: escaped, and cut to fit a message.
	if o.WaiverReason != "" {
		text += " " + i18n.T(lang, "mou.waived.reason", chat.Escape(handlers.Truncate(o.WaiverReason, 300)))
	}
	text += " " + i18n.T(lang, "mou.waived.undo", chat.Escape(o.ID))
	h.k.Log().InfoContext(ctx, "obligation waived", "obligation", o.ID, "user", req.User)
	return obligationAnswer(text, h.obligationLine(ctx, lang, o)), nil
}

// mouReopen answers /mou reopen <obligation> [due:…]: a waived or
// fulfilled obligation is open again, and reminded of. An occurrence
// already fulfilled cannot be fulfilled again, so a fulfilled one needs
// a new due date.
func (h *Handler) mouReopen(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, reopenSpec)
	if err != nil {
		return nil, err
	}
	id, err := obligationID(args.Words, "mou.reopen.required_id")
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	upd := proxenos.ObligationUpdate{}
	if args.Has("due") {
		due, err := handlers.ParseDateField("due", args.Get("due"), h.k.Clock(ctx), h.k.Zone(ctx))
		if err != nil {
			return nil, err
		}
		upd.Due = &due
	}
	o, err := h.findObligation(ctx, id, proxenos.ObligationWaived, proxenos.ObligationDone)
	if err != nil {
		return nil, err
	}
	id = o.ID
	if o.Status == proxenos.ObligationOpen {
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "mou.reopen.open", o.Text)
	}
	// Reopened on the day already fulfilled, it could never be done.
	due := o.Due
	if upd.Due != nil {
		due = *upd.Due
	}
	if err := h.checkNotFulfilled(ctx, lang, o, due); err != nil {
		return nil, err
	}
	// Reopened from the status read: not if it changed meanwhile.
	open := proxenos.ObligationOpen
	upd.Status, upd.IfStatus = &open, []proxenos.ObligationStatus{o.Status}
	if o, err = h.Agreements.UpdateObligation(ctx, id, upd); err != nil {
		return nil, err
	}
	text := i18n.T(lang, "mou.reopened", chat.Escape(o.Text), chat.Escape(h.agreementTitle(ctx, o)))
	h.k.Log().InfoContext(ctx, "obligation reopened", "obligation", o.ID, "user", req.User, "due_changed", upd.Due != nil)
	return obligationAnswer(text, h.obligationLine(ctx, lang, o)), nil
}

// checkNotFulfilled returns an EINVALID error when o was already
// fulfilled for the day of due: the store keeps each occurrence fulfilled
// once, so an obligation due then again could never be marked done.
func (h *Handler) checkNotFulfilled(ctx context.Context, lang i18n.Lang, o *proxenos.Obligation, due time.Time) error {
	if slices.ContainsFunc(o.Fulfilments, func(f proxenos.Fulfilment) bool { return sameDay(f.Due, due, h.k.Zone(ctx)) }) {
		return proxenos.Errorf(proxenos.EINVALID, "mou.due_fulfilled", o.Text, i18n.FormatDate(lang, due.In(h.k.Zone(ctx))))
	}
	return nil
}

// sameDay reports whether a and b fall on the same calendar day in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}
