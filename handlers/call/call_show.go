package call

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

// callShow answers /call show with every field of the call, its
// deadlines with the days left, its milestones and its history.
func (h *Handler) callShow(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	c, err := h.findCall(ctx, req.Text)
	if err != nil {
		return nil, err
	}
	return h.showCall(ctx, handlers.LangOf(req.Lang), c)
}

// showCall renders one call.
func (h *Handler) showCall(ctx context.Context, lang i18n.Lang, c *proxenos.Call) (*chat.Response, error) {
	// Partners are stored by id; people read names.
	names, err := h.Partners.Names(ctx, c.PartnerIDs)
	if err != nil {
		return nil, err
	}
	now := h.k.Clock(ctx)
	var lines []string
	field := func(label, value string) {
		if value != "" {
			lines = append(lines, "*"+i18n.T(lang, label)+":* "+value)
		}
	}
	// Every value that came from a user is escaped; labels come from the
	// catalogue and mentions only from stored user ids.
	field("call.field.programme", i18n.Label(lang, c.Programme))
	field("call.field.call", chat.Escape(c.CallIdentifier))
	field("call.field.status", i18n.Label(lang, c.Status))
	if c.Owner != "" {
		field("call.field.owner", handlers.Mention(c.Owner))
	}
	if !c.OpeningDate.IsZero() {
		field("call.field.opening", i18n.FormatDate(lang, c.OpeningDate.In(h.k.Zone(ctx))))
	}
	// Every deadline, soonest first, with the days left or since.
	deadlines := slices.Clone(c.Deadlines)
	slices.SortFunc(deadlines, func(a, b proxenos.Deadline) int { return a.At.Compare(b.At) })
	for _, d := range deadlines {
		value := h.k.DeadlineText(ctx, lang, d.At) + " — " + h.k.DaysLeftText(ctx, lang, d.At)
		if d.Label != "" {
			value = chat.Escape(d.Label) + ": " + value
		}
		field("call.field.deadline", value)
	}
	if c.Budget != 0 {
		field("call.field.budget", handlers.Euro(lang, c.Budget))
	}
	if c.GrantMin != 0 || c.GrantMax != 0 {
		field("call.field.grants", i18n.T(lang, "call.grant_range", handlers.Euro(lang, c.GrantMin), handlers.Euro(lang, c.GrantMax)))
	}
	if c.ExpectedGrants != 0 {
		field("call.field.expected_grants", strconv.Itoa(c.ExpectedGrants))
	}
	field("call.field.link", chat.Escape(c.Link))
	field("call.field.partners", chat.Escape(strings.Join(names, ", ")))
	field("call.field.notes", chat.Escape(c.Notes))

	// Slack limits a section to 3000 characters and a header to 150.
	title := "*" + chat.Escape(c.Title) + "*"
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: handlers.Truncate(c.Identifier, 150)},
		chat.Section{Text: handlers.Truncate(title, 2900)}, chat.Section{Text: handlers.Truncate(strings.Join(lines, "\n"), 2900)}}}
	text := []string{c.Identifier + " — " + title}
	text = append(text, lines...)

	if len(c.Milestones) > 0 {
		ms := []string{"*" + i18n.T(lang, "call.field.milestones") + "*"}
		for _, m := range c.Milestones {
			ms = append(ms, h.milestoneLine(ctx, lang, c, m, now))
		}
		resp.Blocks = append(resp.Blocks, chat.Section{Text: handlers.Truncate(strings.Join(ms, "\n"), 2900)})
		text = append(text, ms...)
	}
	history := h.historyLines(ctx, lang, c)
	if len(history) > 0 {
		head := i18n.T(lang, "call.history")
		resp.Blocks = append(resp.Blocks, chat.Divider{}, chat.Context{Elements: []string{handlers.Truncate(head+"\n"+strings.Join(history, "\n"), 2900)}})
		text = append(text, head)
		text = append(text, history...)
	}
	resp.Text = strings.Join(text, "\n")
	return resp, nil
}

// milestoneLine is one milestone of a call: "• draft — 4 Sep 2027 (14
// days before the deadline) ✓".
func (h *Handler) milestoneLine(ctx context.Context, lang i18n.Lang, c *proxenos.Call, m proxenos.Milestone, now time.Time) string {
	line := "• " + chat.Escape(m.Text)
	// A milestone counted from the deadline moves with it; the domain
	// works out the day.
	if due := c.MilestoneDue(m, now); !due.IsZero() {
		line += " — " + i18n.FormatDate(lang, due.In(h.k.Zone(ctx)))
		if m.DaysBefore != 0 {
			line += " (" + i18n.T(lang, "call.milestone.before", m.DaysBefore) + ")"
		}
		if !m.Done {
			line += " · " + h.k.DaysLeftText(ctx, lang, due)
		}
	}
	if m.Done {
		line += " ✓"
	}
	return line
}

// callList answers /call list open|mine|all|<programme>: soonest deadline
// first, with the days left. Bare, it lists the open ones.
func (h *Handler) callList(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	now := h.k.Clock(ctx)
	// The store orders by the next deadline at Now, so that the soonest
	// comes first and calls whose deadlines have passed come last.
	f := proxenos.CallFilter{Now: now}
	word := strings.TrimSpace(req.Text)
	// empty says which filter left nothing, and how to see every call.
	var title, empty string
	switch key := proxenos.SearchKey(word); key {
	case "", "open", "ανοιχτεσ", "ανοιχτα", "ενεργεσ":
		f.Status, f.DeadlineFrom = proxenos.ActiveCallStatuses, now
		title, empty = "call.list.title.open", i18n.T(lang, "call.list.empty_open")
	// "mine" is every call the user owns, whatever its status.
	case "mine", "my", "δικεσ μου", "μου", "εμενα":
		f.Owner = req.User
		title, empty = "call.list.title.mine", i18n.T(lang, "call.list.empty_mine")
	case "all", "ολεσ", "ολα":
		title, empty = "call.list.title.all", i18n.T(lang, "call.list.empty")
	// Anything else must name a programme, in either language.
	default:
		p, ok := i18n.ParseProgramme(word)
		if !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "call.list.invalid_filter", word)
		}
		f.Programme = p
		calls, total, err := h.Calls.FindCalls(ctx, f)
		if err != nil {
			return nil, err
		}
		return h.callEntries(ctx, lang, i18n.T(lang, "call.list.title.programme", i18n.Label(lang, p), total), calls, total,
			i18n.T(lang, "call.list.empty_programme", i18n.Label(lang, p))), nil
	}
	calls, total, err := h.Calls.FindCalls(ctx, f)
	if err != nil {
		return nil, err
	}
	return h.callEntries(ctx, lang, i18n.T(lang, title, total), calls, total, empty), nil
}

// callEntries lists calls, one line each, with how many more there are;
// none, it says empty.
func (h *Handler) callEntries(ctx context.Context, lang i18n.Lang, title string, calls []*proxenos.Call, total int, empty string) *chat.Response {
	if total == 0 {
		return &chat.Response{Text: empty, Ephemeral: true}
	}
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: title}}}
	lines := []string{title}
	for _, c := range calls {
		line := h.callLine(ctx, lang, c)
		lines = append(lines, line)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: line})
	}
	if more := total - len(calls); more > 0 {
		msg := i18n.T(lang, "list.more", more)
		lines = append(lines, msg)
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{msg}})
	}
	resp.Text = strings.Join(lines, "\n")
	return resp
}

// callLine is one call in a list: "*CERV-2027-CITIZENS-TOWN-TT* — Town
// twinning · CERV · 18 Sep 2027, 18:00 (17:00 Brussels time) · in 12 days ·
// preparing · @maria".
func (h *Handler) callLine(ctx context.Context, lang i18n.Lang, c *proxenos.Call) string {
	parts := []string{"*" + chat.Escape(c.Identifier) + "* — " + chat.Escape(handlers.Truncate(c.Title, 120)), i18n.Label(lang, c.Programme)}
	// The next deadline, or once all have passed the last one, with how
	// long ago it was.
	if d, ok := h.nextOrLast(ctx, c); ok {
		parts = append(parts, h.k.DeadlineText(ctx, lang, d.At), h.k.DaysLeftText(ctx, lang, d.At))
	}
	parts = append(parts, i18n.Label(lang, c.Status))
	if c.Owner != "" {
		parts = append(parts, handlers.Mention(c.Owner))
	}
	return strings.Join(parts, " · ")
}

// showAction answers the Show button of a saved call.
func (h *Handler) showAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	c, err := h.findCall(ctx, act.Value)
	if err != nil {
		return nil, err
	}
	return h.showCall(ctx, handlers.LangOf(act.Lang), c)
}

// callValueLabels names the labels of the coded values of a call's history.
var callValueLabels = map[string]string{"status": "call.status.", "programme": "call.programme."}

// historyLines writes c's history, oldest first, as the register shows it.
func (h *Handler) historyLines(ctx context.Context, lang i18n.Lang, c *proxenos.Call) []string {
	var history []string
	for _, ch := range c.History {
		var fields []string
		for _, f := range ch.Fields {
			fields = append(fields, handlers.ChangeText(lang, f, callValueLabels, h.k.Zone(ctx)))
		}
		history = append(history, i18n.T(lang, "call.history_line",
			i18n.FormatDateTime(lang, ch.At.In(h.k.Zone(ctx))), handlers.Mention(ch.By), strings.Join(fields, " · ")))
	}
	return history
}
