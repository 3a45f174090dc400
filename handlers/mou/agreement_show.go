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
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
)

// mouShow answers /mou show <id|partner>: the agreement with its
// obligations, or the list of a partner's agreements.
func (h *Handler) mouShow(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	a, many, err := h.resolveAgreement(ctx, req.Text)
	if err != nil || many != nil {
		return h.agreementChoices(ctx, lang, req.Text, many, err)
	}
	return h.showAgreement(ctx, lang, a)
}

// showAgreement renders one agreement and its obligations.
func (h *Handler) showAgreement(ctx context.Context, lang i18n.Lang, a *proxenos.Agreement) (*chat.Response, error) {
	names, err := h.Partners.Names(ctx, a.PartnerIDs)
	if err != nil {
		return nil, err
	}
	// Every obligation, done ones too: the page is the agreement's record.
	obligations, _, err := h.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID, Limit: proxenos.MaxListLimit})
	if err != nil {
		return nil, err
	}
	var lines []string
	field := func(label, value string) {
		if value != "" {
			lines = append(lines, "*"+i18n.T(lang, label)+":* "+value)
		}
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return i18n.FormatDate(lang, t.In(h.k.Zone(ctx)))
	}
	field("mou.field.kind", i18n.Label(lang, a.Kind))
	field("mou.field.partners", chat.Escape(strings.Join(names, ", ")))
	field("mou.field.status", i18n.Label(lang, a.Status))
	field("mou.field.signed", date(a.Signed))
	field("mou.field.decision", chat.Escape(a.DecisionRef))
	field("mou.field.start", date(a.Start))
	// The end with the days left, counted so that the last day is "today".
	if a.End.IsZero() {
		field("mou.field.end", i18n.T(lang, "mou.open_ended"))
	} else {
		field("mou.field.end", date(a.End)+" — "+h.endText(ctx, lang, a.End))
	}
	if a.Renewal.Kind != proxenos.RenewalNone || !a.End.IsZero() {
		field("mou.field.renewal", i18n.Label(lang, a.Renewal))
	}
	// The notice deadline is what staff must not miss: giving notice after
	// it renews the agreement.
	if !a.Notice.IsZero() {
		notice := i18n.Label(lang, a.Notice)
		if by, ok := a.NoticeDeadline(h.k.Zone(ctx)); ok {
			notice += " — " + i18n.T(lang, "mou.notice_by", date(by))
		}
		field("mou.field.notice", notice)
	}
	if next, ok := a.RenewedEnd(h.k.Zone(ctx)); ok {
		field("mou.field.renewed_end", date(next))
	}
	for i, d := range a.Documents {
		field("mou.field.document", strconv.Itoa(i+1)+". "+chat.Escape(d))
	}
	field("mou.field.notes", chat.Escape(a.Notes))
	// The id, to copy into /mou oblige and /mou edit.
	field("mou.field.id", "`"+chat.Escape(a.ID)+"`")

	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: handlers.Truncate(a.Title, 150)},
		chat.Section{Text: handlers.Truncate(strings.Join(lines, "\n"), 2900)}}}
	text := append([]string{"*" + chat.Escape(a.Title) + "*"}, lines...)
	obl := []string{"*" + i18n.T(lang, "mou.obligations", len(obligations)) + "*"}
	for _, o := range obligations {
		obl = append(obl, h.obligationLine(ctx, lang, o))
		obl = append(obl, h.obligationHistory(ctx, lang, o)...)
	}
	if len(obligations) == 0 {
		obl = append(obl, i18n.T(lang, "mou.obligations.none"))
	}
	resp.Blocks = append(resp.Blocks, chat.Section{Text: handlers.Truncate(strings.Join(obl, "\n"), 2900)})
	text = append(text, obl...)
	resp.Text = strings.Join(text, "\n")
	return resp, nil
}

// obligationLine is one obligation: "• `id` Annual report — 31 Mar 2027 ·
// in 125 days · every year · @maria · reminders 30, 7 days before".
func (h *Handler) obligationLine(ctx context.Context, lang i18n.Lang, o *proxenos.Obligation) string {
	parts := []string{"• `" + chat.Escape(o.ID) + "` " + chat.Escape(o.Text) + " — " + i18n.FormatDate(lang, o.Due.In(h.k.Zone(ctx)))}
	// Days left only matter while it is open.
	if o.Status == proxenos.ObligationOpen {
		parts = append(parts, h.dueText(ctx, lang, o.Due))
	} else {
		parts = append(parts, i18n.Label(lang, o.Status))
	}
	if !o.Recurrence.IsZero() {
		parts = append(parts, i18n.Label(lang, o.Recurrence))
	}
	if o.Owner != "" {
		parts = append(parts, handlers.Mention(o.Owner))
	}
	if len(o.LeadDays) > 0 {
		parts = append(parts, i18n.T(lang, "mou.reminders", leadCount(o.LeadDays), joinDays(o.LeadDays)))
	}
	return strings.Join(parts, " · ")
}

// maxHistoryLines is how many of an obligation's latest changes and
// fulfilments /mou show lists under it; earlier ones are counted.
const maxHistoryLines = 3

// historyEntry is one line of an obligation's history, with its time.
type historyEntry struct {
	at   time.Time
	line string
}

// obligationHistory returns the lines under an obligation in /mou show: a
// waived one's reason, then its latest changes and fulfilments, oldest
// first: "↳ 26 Nov 2026, @maria: Due → 15 Mar 2027; Owner → @nikos".
func (h *Handler) obligationHistory(ctx context.Context, lang i18n.Lang, o *proxenos.Obligation) []string {
	var lines []string
	if o.Status == proxenos.ObligationWaived && o.WaiverReason != "" {
		lines = append(lines, i18n.T(lang, "mou.waiver_reason", chat.Escape(handlers.Truncate(o.WaiverReason, 300))))
	}
	var entries []historyEntry
	for _, c := range o.History {
		var what []string
		for _, f := range c.Fields {
			if w := h.fieldChangeText(ctx, lang, f); w != "" {
				what = append(what, w)
			}
		}
		if len(what) > 0 {
			entries = append(entries, historyEntry{c.At, i18n.T(lang, "mou.history.line",
				i18n.FormatDate(lang, c.At.In(h.k.Zone(ctx))), handlers.Mention(c.By), strings.Join(what, " · "))})
		}
	}
	for _, f := range o.Fulfilments {
		what := i18n.T(lang, "mou.history.fulfilled", i18n.FormatDate(lang, f.Due.In(h.k.Zone(ctx))))
		if f.Evidence != "" {
			what += " — " + chat.Escape(handlers.Truncate(f.Evidence, 100))
		}
		entries = append(entries, historyEntry{f.At, i18n.T(lang, "mou.history.line",
			i18n.FormatDate(lang, f.At.In(h.k.Zone(ctx))), handlers.Mention(f.By), what)})
	}
	slices.SortStableFunc(entries, func(a, b historyEntry) int { return a.at.Compare(b.at) })
	if n := len(entries) - maxHistoryLines; n > 0 {
		lines = append(lines, i18n.T(lang, "mou.history.earlier", n))
		entries = entries[n:]
	}
	for _, e := range entries {
		lines = append(lines, e.line)
	}
	return lines
}

// fieldChangeText writes one field of a change to an obligation with its
// new value: "Due → 15 Mar 2027". A changed text shows only its label,
// and the clearing of a waiver's reason on reopening shows nothing (the
// status says it).
func (h *Handler) fieldChangeText(ctx context.Context, lang i18n.Lang, f proxenos.FieldChange) string {
	// The labels are /mou change's, which calls the recurrence "every".
	key := f.Field
	if key == "recurrence" {
		key = "every"
	}
	label, to := i18n.T(lang, "mou.change.field."+key), ""
	switch f.Field {
	case "text":
		return label
	case "due":
		// History keeps values as text, instants in RFC 3339.
		if t, err := time.Parse(time.RFC3339, f.New); err == nil {
			to = i18n.FormatDate(lang, t.In(h.k.Zone(ctx)))
		}
	case "owner":
		to = handlers.OwnerText(lang, f.New)
	case "recurrence":
		if r, err := proxenos.ParseRecurrence(f.New); f.New == "" || err == nil {
			to = i18n.Label(lang, r)
		}
	case "lead":
		to = i18n.T(lang, "mou.lead.default")
		if days, err := parseLeadDays(f.New); f.New != "" && err == nil {
			to = leadText(lang, days)
		} else if f.New != "" {
			to = chat.Escape(f.New)
		}
	case "status":
		to = i18n.Label(lang, proxenos.ObligationStatus(f.New))
	case "waiver":
		if f.New == "" {
			return ""
		}
		to = i18n.T(lang, "quoted", chat.Escape(handlers.Truncate(f.New, 100)))
	default:
		return chat.Escape(f.Field)
	}
	if to == "" {
		return label
	}
	return label + " → " + to
}

// dueText says when an obligation falls due, by calendar day: "in 12
// days", "today", "overdue by 3 days".
func (h *Handler) dueText(ctx context.Context, lang i18n.Lang, due time.Time) string {
	return handlers.DayPhrase(lang, proxenos.DaysBetween(h.k.Clock(ctx), due, h.k.Zone(ctx)), "days.overdue")
}

// endText says when an agreement ends; it is in force through its last
// day: "in 12 days", "today", "ended 3 days ago".
func (h *Handler) endText(ctx context.Context, lang i18n.Lang, end time.Time) string {
	return handlers.DayPhrase(lang, proxenos.DaysBetween(h.k.Clock(ctx), end, h.k.Zone(ctx)), "days.ended")
}

// mouList answers /mou list [expiring [days]|partner]: every agreement,
// those ending within DefaultExpiringDays, or a partner's.
func (h *Handler) mouList(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	text := strings.TrimSpace(req.Text)
	first, rest, _ := strings.Cut(text, " ")
	var f proxenos.AgreementFilter
	title := func(total int) string { return i18n.T(lang, "mou.list.title", total) }
	empty := i18n.T(lang, "mou.list.empty")
	switch proxenos.SearchKey(first) {
	case "":
	// Only agreements in force expire; a draft has nothing to renew.
	case "expiring", "ending", "ληγουν", "ληξη":
		f.Status, f.Now, f.ExpiringWithinDays = []proxenos.AgreementStatus{proxenos.AgreementActive}, h.k.Clock(ctx), DefaultExpiringDays
		if rest = strings.TrimSpace(rest); rest != "" {
			// Up to a year: longer than any notice period seen in the office's texts.
			days, err := handlers.ParseDaysBefore(rest)
			if err != nil {
				return nil, proxenos.Errorf(proxenos.EINVALID, "mou.invalid.expiring", rest)
			}
			f.ExpiringWithinDays = days
		}
		found, total, err := h.Agreements.FindAgreements(ctx, f)
		if err != nil {
			return nil, err
		}
		return h.agreementEntries(ctx, lang, i18n.T(lang, "mou.list.title_expiring", f.ExpiringWithinDays, total), found, total,
			i18n.T(lang, "mou.list.empty_expiring", f.ExpiringWithinDays))
	default:
		p, options, err := h.Partners.Resolve(ctx, text)
		if err != nil || options != nil {
			return lookup.Choices(lang, text, options), err
		}
		f.PartnerID = p.ID
		title = func(total int) string { return i18n.T(lang, "mou.list.title_partner", chat.Escape(p.Name), total) }
		empty = i18n.T(lang, "mou.list.empty_partner", chat.Escape(p.Name))
	}
	found, total, err := h.Agreements.FindAgreements(ctx, f)
	if err != nil {
		return nil, err
	}
	return h.agreementEntries(ctx, lang, title(total), found, total, empty)
}

// agreementEntries lists agreements under title, one line each; none,
// it says empty.
func (h *Handler) agreementEntries(ctx context.Context, lang i18n.Lang, title string, found []*proxenos.Agreement, total int, empty string) (*chat.Response, error) {
	if total == 0 {
		return &chat.Response{Text: empty, Ephemeral: true}, nil
	}
	// A section, not a header: headers are plain text, and the title may
	// hold an escaped partner name that plain text would show as "&amp;".
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Section{Text: title}}}
	lines := []string{title}
	for _, a := range found {
		names, err := h.Partners.Names(ctx, a.PartnerIDs)
		if err != nil {
			return nil, err
		}
		line := h.Line(ctx, lang, a, names)
		lines = append(lines, line)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: line})
	}
	if more := total - len(found); more > 0 {
		msg := i18n.T(lang, "list.more", more)
		lines = append(lines, msg)
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{msg}})
	}
	resp.Text = strings.Join(lines, "\n")
	return resp, nil
}

// Line is one agreement in a list: "*Twinning Maroussi – Faenza*
// · Twinning · Φαέντσα · until 31 Dec 2030 (in 12 days) · `id`".
func (h *Handler) Line(ctx context.Context, lang i18n.Lang, a *proxenos.Agreement, partnerNames []string) string {
	parts := []string{"*" + chat.Escape(handlers.Truncate(a.Title, 120)) + "*", i18n.Label(lang, a.Kind)}
	if len(partnerNames) > 0 {
		parts = append(parts, chat.Escape(strings.Join(partnerNames, ", ")))
	}
	if a.End.IsZero() {
		parts = append(parts, i18n.T(lang, "mou.open_ended"))
	} else {
		parts = append(parts, i18n.T(lang, "mou.until", i18n.FormatDate(lang, a.End.In(h.k.Zone(ctx))), h.endText(ctx, lang, a.End)))
	}
	// A passed notice deadline is history: the list shows only one to act on.
	if by, ok := a.NoticeDeadline(h.k.Zone(ctx)); ok && !by.Before(handlers.DateOnly(h.k.Clock(ctx))) {
		parts = append(parts, i18n.T(lang, "mou.notice_by", i18n.FormatDate(lang, by.In(h.k.Zone(ctx)))))
	}
	if a.Status != proxenos.AgreementActive {
		parts = append(parts, i18n.Label(lang, a.Status))
	}
	return strings.Join(parts, " · ") + " · `" + chat.Escape(a.ID) + "`"
}
