package home

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
)

// Action ids of the Home tab's buttons.
const (
	ActionHomeMore       = "home_more"        // Value: the section to show at length
	ActionHomeCorrNew    = "home_corr_new"    // opens the correspondence form
	ActionHomePartnerNew = "home_partner_new" // opens the partner form
	ActionHomeCallNew    = "home_call_new"    // opens the call form
)

// Sizes of the dashboard.
const (
	HomeItems     = 5  // items each section lists on the dashboard
	HomeMoreItems = 40 // items of a section shown at length: 4 blocks of the Home's 100
	HomeDays      = 30 // how far ahead deadlines and obligations look

	// linesPerBlock and charsPerBlock keep a section's text blocks well
	// inside Slack's 3,000 characters.
	linesPerBlock = 10
	charsPerBlock = 2500
)

// The dashboard's sections, as ActionHomeMore names them.
const (
	SectionDeadlines      = "deadlines"
	SectionObligations    = "obligations"
	SectionAgreements     = "agreements"
	SectionCorrespondence = "correspondence"
	SectionContacts       = "contacts"
)

// Sections lists the sections in the order the dashboard shows them.
var Sections = []string{SectionDeadlines, SectionObligations, SectionAgreements, SectionCorrespondence, SectionContacts}

// homeList is one section of the dashboard as fetched: its lines (at
// most the limit asked for) and how many items there are in all.
type homeList struct {
	lines []string
	total int
}

// dashboard builds the dashboard. Each section is fetched on its own, so
// that one failing store call shows as a line in its section and the
// others still show.
func (h *Handler) dashboard(ctx context.Context, id, user string, lang i18n.Lang, expand string) *chat.Response {
	// A button's value from an older version may name no section now.
	if !slices.Contains(Sections, expand) {
		expand = ""
	}
	now := h.k.Clock(ctx)
	title := i18n.T(lang, "home.title")
	blocks := []chat.Block{
		chat.Header{Text: title},
		chat.Actions{ID: "home_actions", Buttons: h.homeButtons(lang, expand != "")},
		chat.Context{Elements: []string{i18n.T(lang, "home.updated", i18n.FormatDateTime(lang, now))}},
	}
	for _, name := range Sections {
		if expand != "" && name != expand {
			continue
		}
		limit := HomeItems
		if expand != "" {
			limit = HomeMoreItems
		}
		list, err := h.homeSection(ctx, name, user, lang, now, limit)
		blocks = append(blocks, chat.Divider{}, chat.Section{Text: homeTitle(lang, name)})
		switch {
		case err != nil:
			msg := h.k.Fail(ctx, lang, id, "app_home_opened."+name, err).Text
			blocks = append(blocks, chat.Context{Elements: []string{i18n.T(lang, "home.unavailable", msg)}})
			continue
		case len(list.lines) == 0:
			unconfigured := h.Agreements == nil
			if name == SectionDeadlines {
				unconfigured = h.Calls == nil
			}
			blocks = append(blocks, chat.Context{Elements: []string{homeEmpty(lang, name, unconfigured)}})
			continue
		}
		for _, text := range joinLines(list.lines) {
			blocks = append(blocks, chat.Section{Text: text})
		}
		left := list.total - len(list.lines)
		switch {
		case left > 0 && expand == "":
			blocks = append(blocks, chat.Actions{ID: "home_more_" + name, Buttons: []chat.Button{{
				Text: i18n.T(lang, "home.button.more", left), ActionID: ActionHomeMore, Value: name}}})
		case left > 0:
			blocks = append(blocks, chat.Context{Elements: []string{i18n.T(lang, "home.more_left", left)}})
		}
	}
	return &chat.Response{Home: true, Text: title, Blocks: blocks}
}

// homeButtons are the dashboard's buttons: add records, help, and back
// when a section is shown at length. The call button shows only when
// calls are set up.
func (h *Handler) homeButtons(lang i18n.Lang, expanded bool) []chat.Button {
	buttons := []chat.Button{
		{Text: i18n.T(lang, "home.button.corr"), ActionID: ActionHomeCorrNew, Style: "primary"},
		{Text: i18n.T(lang, "home.button.partner"), ActionID: ActionHomePartnerNew},
	}
	if h.Calls != nil {
		buttons = append(buttons, chat.Button{Text: i18n.T(lang, "home.button.call"), ActionID: ActionHomeCallNew})
	}
	buttons = append(buttons, chat.Button{Text: i18n.T(lang, "home.button.help"), ActionID: handlers.ActionHomeHelp})
	if expanded {
		buttons = append(buttons, chat.Button{Text: i18n.T(lang, "home.button.back"), ActionID: handlers.ActionHomeBack})
	}
	return buttons
}

// homeTitle is the bold title line of a section.
func homeTitle(lang i18n.Lang, name string) string {
	switch name {
	case SectionDeadlines:
		return i18n.T(lang, "home.deadlines.title", HomeDays)
	case SectionObligations:
		return i18n.T(lang, "home.obligations.title", HomeDays)
	case SectionAgreements:
		return i18n.T(lang, "home.agreements.title", HomeDays)
	case SectionCorrespondence:
		return i18n.T(lang, "home.corr.title")
	}
	return i18n.T(lang, "home.contacts.title")
}

// homeEmpty says that a section has nothing to show, or, for calls and
// agreements, that they are not set up.
func homeEmpty(lang i18n.Lang, name string, unconfigured bool) string {
	switch name {
	case SectionDeadlines, SectionObligations, SectionAgreements:
		switch {
		case unconfigured:
			return i18n.T(lang, "home.not_configured")
		case name == SectionDeadlines:
			return i18n.T(lang, "home.deadlines.empty", HomeDays)
		case name == SectionAgreements:
			return i18n.T(lang, "home.agreements.empty", HomeDays)
		}
		return i18n.T(lang, "home.obligations.empty")
	case SectionCorrespondence:
		return i18n.T(lang, "home.corr.empty")
	}
	return i18n.T(lang, "home.contacts.empty")
}

// homeSection fetches one section, at most limit lines.
func (h *Handler) homeSection(ctx context.Context, name, user string, lang i18n.Lang, now time.Time, limit int) (homeList, error) {
	switch name {
	case SectionDeadlines:
		return h.homeDeadlines(ctx, lang, now, limit)
	case SectionObligations:
		return h.homeObligations(ctx, user, lang, now, limit)
	case SectionAgreements:
		return h.homeAgreements(ctx, lang, now, limit)
	case SectionCorrespondence:
		entries, total, err := h.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: limit})
		list := homeList{total: total}
		for _, c := range entries {
			list.lines = append(list.lines, corr.Line(lang, c, h.k.Zone(ctx)))
		}
		return list, err
	}
	return h.homeContacts(ctx, lang, limit)
}

// SectionDeadlines lists the calls still worked on whose next deadline falls
// in the next HomeDays days, soonest first.
func (h *Handler) homeDeadlines(ctx context.Context, lang i18n.Lang, now time.Time, limit int) (homeList, error) {
	if h.Calls == nil {
		return homeList{}, nil
	}
	calls, total, err := h.Calls.FindCalls(ctx, proxenos.CallFilter{Now: now, Status: proxenos.ActiveCallStatuses,
		DeadlineFrom: now, DeadlineTo: now.AddDate(0, 0, HomeDays), Limit: limit})
	if err != nil {
		return homeList{}, err
	}
	list := homeList{total: total}
	for _, c := range calls {
		d, ok := c.NextDeadline(now)
		if !ok {
			continue
		}
		list.lines = append(list.lines, i18n.T(lang, "home.deadlines.line", chat.Escape(c.Identifier),
			chat.Escape(handlers.Truncate(c.Title, 100)), i18n.FormatDateTime(lang, d.At.In(h.k.Zone(ctx))),
			h.k.DaysLeftText(ctx, lang, d.At), handlers.OwnerText(lang, c.Owner)))
	}
	return list, nil
}

// SectionObligations lists the open obligations overdue or due in the next
// HomeDays days: the user's own first, then everyone else's, each
// earliest due first.
func (h *Handler) homeObligations(ctx context.Context, user string, lang i18n.Lang, now time.Time, limit int) (homeList, error) {
	if h.Agreements == nil {
		return homeList{}, nil
	}
	filter := proxenos.ObligationFilter{Status: []proxenos.ObligationStatus{proxenos.ObligationOpen},
		DueTo: now.AddDate(0, 0, HomeDays), Owner: user, Limit: limit}
	mine, _, err := h.Agreements.FindObligations(ctx, filter)
	if err != nil {
		return homeList{}, err
	}
	// When the user's own fill less than the limit they are all of them,
	// so limit+len(mine) of everyone's hold enough of the others'.
	filter.Owner, filter.Limit = "", limit+len(mine)
	all, total, err := h.Agreements.FindObligations(ctx, filter)
	if err != nil {
		return homeList{}, err
	}
	shown := mine
	for _, o := range all {
		if len(shown) >= limit {
			break
		}
		if o.Owner != user {
			shown = append(shown, o)
		}
	}
	titles := map[string]string{}
	list := homeList{total: total}
	for _, o := range shown {
		title, ok := titles[o.AgreementID]
		if !ok {
			// An agreement the store lacks (after an import or restore) shows by
			// its id rather than hiding the duty.
			title = o.AgreementID
			if a, err := h.Agreements.FindAgreementByID(ctx, o.AgreementID); err == nil {
				title = a.Title
			} else if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
				return homeList{}, err
			}
			titles[o.AgreementID] = title
		}
		marker := ":small_blue_diamond:"
		if o.Due.Before(now) {
			marker = ":warning:"
		}
		days := proxenos.DaysBetween(now, o.Due, h.k.Zone(ctx))
		list.lines = append(list.lines, i18n.T(lang, "home.obligations.line", marker, chat.Escape(handlers.Truncate(o.Text, 100)),
			chat.Escape(handlers.Truncate(title, 80)), i18n.FormatDate(lang, o.Due.In(h.k.Zone(ctx))),
			handlers.DayPhrase(lang, days, "days.overdue"), handlers.OwnerText(lang, o.Owner)))
	}
	return list, nil
}

// agreementDate is a day of an agreement that the office must not miss.
type agreementDate struct {
	day    time.Time
	notice bool // the last day to give notice; else the end of the term
	a      *proxenos.Agreement
}

// SectionAgreements lists the dates of the active agreements from today to
// HomeDays days ahead, soonest first: the last day to give notice, and
// the end of the term with how it goes on (it renews automatically, by a
// council decision, or not). The store selects agreements with either
// date in the window, all of them, as both may fall in it and the list
// is ordered by the earlier.
func (h *Handler) homeAgreements(ctx context.Context, lang i18n.Lang, now time.Time, limit int) (homeList, error) {
	if h.Agreements == nil {
		return homeList{}, nil
	}
	// The dates are days: today's counts, as does the HomeDays-th.
	from := handlers.DateOnly(now)
	to := from.AddDate(0, 0, HomeDays+1)
	found, _, err := h.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{Status: []proxenos.AgreementStatus{proxenos.AgreementActive},
		DatesFrom: from, DatesTo: to, All: true})
	if err != nil {
		return homeList{}, err
	}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var dates []agreementDate
	for _, a := range found {
		if by, ok := a.NoticeDeadline(h.k.Zone(ctx)); ok && in(by) {
			dates = append(dates, agreementDate{day: by, notice: true, a: a})
		}
		if in(a.End) {
			dates = append(dates, agreementDate{day: a.End, a: a})
		}
	}
	// A notice deadline comes before an end on the same day: it is the
	// one to act on.
	slices.SortStableFunc(dates, func(x, y agreementDate) int {
		if c := x.day.Compare(y.day); c != 0 || x.notice == y.notice {
			return c
		}
		if x.notice {
			return -1
		}
		return 1
	})
	list := homeList{total: len(dates)}
	for _, d := range dates[:min(limit, len(dates))] {
		key := "home.agreements.end"
		if d.notice {
			key = "home.agreements.notice"
		}
		list.lines = append(list.lines, i18n.T(lang, key, chat.Escape(handlers.Truncate(d.a.Title, 100)), i18n.FormatDate(lang, d.day.In(h.k.Zone(ctx))),
			handlers.DayPhrase(lang, proxenos.DaysBetween(now, d.day, h.k.Zone(ctx)), "days.ended"), i18n.Label(lang, d.a.Renewal)))
	}
	return list, nil
}

// SectionContacts lists the partners most recently in contact, latest
// first, with the latest logged contact when it is the last contact.
// The store reads them off its index of last contacts, however large
// the directory.
func (h *Handler) homeContacts(ctx context.Context, lang i18n.Lang, limit int) (homeList, error) {
	partners, total, err := h.Partners.RecentPartners(ctx, limit)
	if err != nil {
		return homeList{}, err
	}
	list := homeList{total: total}
	for _, p := range partners {
		name, date := chat.Escape(handlers.Truncate(p.Name, 80)), i18n.FormatDate(lang, p.LastContact.In(h.k.Zone(ctx)))
		contacts, err := h.Partners.FindContacts(ctx, p.ID, 1)
		if err != nil {
			return homeList{}, err
		}
		// Correspondence moves LastContact too: name the logged contact only
		// when it is the one that set the date.
		if len(contacts) == 0 || proxenos.DaysBetween(contacts[0].Date, p.LastContact, h.k.Zone(ctx)) != 0 {
			list.lines = append(list.lines, i18n.T(lang, "home.contacts.line", name, date))
			continue
		}
		c := contacts[0]
		what := i18n.T(lang, "contact.kind."+string(c.Kind))
		if c.Notes != "" {
			what += ": " + chat.Escape(handlers.Truncate(c.Notes, 100))
		}
		list.lines = append(list.lines, i18n.T(lang, "home.contacts.logged", name, date, what))
	}
	return list, nil
}

// joinLines packs lines into section texts of at most linesPerBlock
// lines and about charsPerBlock characters, so that a long section costs
// few blocks.
func joinLines(lines []string) []string {
	var out []string
	var cur []string
	chars := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l) + 1
		if len(cur) > 0 && (len(cur) == linesPerBlock || chars+n > charsPerBlock) {
			out = append(out, strings.Join(cur, "\n"))
			cur, chars = nil, 0
		}
		cur = append(cur, l)
		chars += n
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

// homeAction answers the Home tab's buttons: the add buttons run the
// bare commands, so that they open the same forms behind the same
// checks; the others re-publish the Home.
func (h *Handler) homeAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	lang := handlers.LangOf(act.Lang)
	req := &chat.Request{ID: act.ID, Team: act.Team, User: act.User, Channel: act.Channel, Lang: act.Lang}
	switch act.ActionID {
	case ActionHomeCorrNew:
		req.Command = "/corr"
		return h.k.Dispatch(ctx, req)
	case ActionHomePartnerNew:
		req.Command, req.Text = "/partner", "add"
		return h.k.Dispatch(ctx, req)
	case ActionHomeCallNew:
		req.Command = "/call"
		return h.k.Dispatch(ctx, req)
	case ActionHomeMore:
		return h.dashboard(ctx, act.ID, act.User, lang, act.Value), nil
	}
	return h.dashboard(ctx, act.ID, act.User, lang, ""), nil
}
