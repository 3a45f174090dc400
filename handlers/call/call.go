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
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/portal"
)

// ActionCallShow is the button that shows a call; Value: its identifier.
const ActionCallShow = "call_show"

// TopicFinder looks a topic up on the EU Funding & Tenders portal.
// *portal.Client implements it.
type TopicFinder interface {
	// FindTopic returns the topic, matched case-insensitively, with a
	// validated Call with status watching and the portal's status of it.
	// EINVALID, ENOTFOUND, EUNAVAILABLE.
	FindTopic(ctx context.Context, identifier string) (*portal.Topic, error)
}

// callSpec lists the fields of a call, as typed on the command line.
var callSpec = handlers.ArgSpec{
	"id": false, "title": true, "deadline": true, "programme": true, "call": false, "opening": true,
	"link": false, "budget": true, "grant": true, "partner": true, "owner": false, "status": true, "notes": true,
}

// milestoneSpec lists the fields of /call milestone besides its words.
var milestoneSpec = handlers.ArgSpec{"at": true, "before": false}

// callCommand is /call, the EU calls the office follows.
func (h *Handler) callCommand() *handlers.Command {
	return &handlers.Command{
		Name:        "/call",
		Records:     true,
		Usage:       "help.call.usage",
		Description: "help.call.cmd.description",
		Handler:     h.callModalNew,
		Subcommands: []handlers.Subcommand{
			{Name: "add", Aliases: []string{"νέα", "προσθήκη"}, Usage: "help.call.add.usage",
				Description: "help.call.add.description", Examples: []string{"help.call.add.example"}, Handler: h.callAdd},
			{Name: "edit", Aliases: []string{"διόρθωση", "αλλαγή"}, Usage: "help.call.edit.usage",
				Description: "help.call.edit.description", Handler: h.callEdit},
			{Name: "show", Aliases: []string{"δείξε", "προβολή"}, Usage: "help.call.show.usage",
				Description: "help.call.show.description", Handler: h.callShow},
			{Name: "list", Aliases: []string{"λίστα"}, Usage: "help.call.list.usage",
				Description: "help.call.list.description", Examples: []string{"help.call.list.example"}, Handler: h.callList},
			{Name: "status", Aliases: []string{"κατάσταση"}, Usage: "help.call.status.usage",
				Description: "help.call.status.description", Examples: []string{"help.call.status.example"}, Handler: h.callStatus},
			{Name: "owner", Aliases: []string{"υπεύθυνος"}, Usage: "help.call.owner.usage",
				Description: "help.call.owner.description", Handler: h.callOwner},
			{Name: "milestone", Aliases: []string{"ορόσημο"}, Usage: "help.call.milestone.usage",
				Description: "help.call.milestone.description", Examples: []string{"help.call.milestone.example"}, Handler: h.callMilestone},
			{Name: "import", Aliases: []string{"εισαγωγή"}, Usage: "help.call.import.usage",
				Description: "help.call.import.description", Examples: []string{"help.call.import.example"}, Handler: h.callImport},
		},
	}
}

// callInput is a call as typed, on the command line or in the modal.
type callInput struct {
	ID, Title, Deadlines, Programme, Call, Opening, Link, Budget, Grant, Partners, Owner, Status, Notes string
}

// callInputFrom reads the typed fields of args over in.
func callInputFrom(in callInput, args *handlers.Args) callInput {
	for key, v := range args.Fields {
		switch key {
		case "id":
			in.ID = v
		case "title":
			in.Title = v
		case "deadline":
			in.Deadlines = v
		case "programme":
			in.Programme = v
		case "call":
			in.Call = v
		case "opening":
			in.Opening = v
		case "link":
			in.Link = v
		case "budget":
			in.Budget = v
		case "grant":
			in.Grant = v
		case "partner":
			in.Partners = v
		case "owner":
			in.Owner = v
		case "status":
			in.Status = v
		case "notes":
			in.Notes = v
		}
	}
	return in
}

// callInputOf returns a call as it would be typed, for editing.
func (h *Handler) callInputOf(ctx context.Context, c *proxenos.Call, partnerNames []string) callInput {
	in := callInput{ID: c.Identifier, Title: c.Title, Programme: string(c.Programme), Call: c.CallIdentifier,
		Link: c.Link, Owner: c.Owner, Status: string(c.Status), Notes: c.Notes, Partners: strings.Join(partnerNames, ", ")}
	var ds []string
	for _, d := range c.Deadlines {
		// In Brussels time, as the portal states deadlines (17:00 Brussels), so
		// that an edit reads them back unchanged.
		ds = append(ds, d.At.In(proxenos.DeadlineLocation()).Format("02/01/2006 15:04"))
	}
	in.Deadlines = strings.Join(ds, "; ")
	if !c.OpeningDate.IsZero() {
		in.Opening = c.OpeningDate.In(h.k.Zone(ctx)).Format(time.DateOnly)
	}
	if c.Budget != 0 {
		in.Budget = strconv.FormatInt(c.Budget, 10)
	}
	if c.GrantMin != 0 || c.GrantMax != 0 {
		in.Grant = strconv.FormatInt(c.GrantMin, 10) + "-" + strconv.FormatInt(c.GrantMax, 10)
	}
	return in
}

// callUpdate reads a typed call into the update of every field but the
// identifier. Partners are resolved in the directory: several matches
// for one name come back as choices, with a nil error.
func (h *Handler) callUpdate(ctx context.Context, user string, in callInput) (proxenos.CallUpdate, *lookup.Choice, error) {
	var upd proxenos.CallUpdate
	title, link, notes := strings.TrimSpace(in.Title), handlers.UnwrapLink(in.Link), strings.TrimSpace(in.Notes)
	callID := proxenos.IdentifierKey(in.Call)
	// Every field is set, so that the same update serves a new call, the
	// form (which sends every field) and an inline edit (which starts from
	// the call as it is).
	upd.Title, upd.Link, upd.Notes, upd.CallIdentifier = &title, &link, &notes, &callID

	// The programme follows the identifier unless one is given.
	programme := proxenos.ProgrammeFromIdentifier(in.ID)
	if strings.TrimSpace(in.Programme) != "" {
		p, ok := i18n.ParseProgramme(in.Programme)
		if !ok {
			return upd, nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.programme", in.Programme)
		}
		programme = p
	}
	upd.Programme = &programme

	// A new call is watched until someone starts preparing it.
	status := proxenos.CallWatching
	if strings.TrimSpace(in.Status) != "" {
		s, err := i18n.ParseCallStatus(in.Status)
		if err != nil {
			return upd, nil, err
		}
		status = s
	}
	upd.Status = &status

	// Deadlines are instants: Brussels wall time unless a zone is named.
	deadlines, err := h.parseDeadlines(ctx, in.Deadlines)
	if err != nil {
		return upd, nil, err
	}
	upd.Deadlines = &deadlines

	// The opening is a day, kept as midnight in the workspace's zone.
	var opening time.Time
	if strings.TrimSpace(in.Opening) != "" {
		if opening, err = handlers.ParseDateField("opening", in.Opening, h.k.Clock(ctx), h.k.Zone(ctx)); err != nil {
			return upd, nil, err
		}
	}
	upd.OpeningDate = &opening

	budget, err := handlers.ParseAmount("budget", in.Budget)
	if err != nil {
		return upd, nil, err
	}
	lo, hi, err := handlers.ParseAmountRange("grant", in.Grant)
	if err != nil {
		return upd, nil, err
	}
	upd.Budget, upd.GrantMin, upd.GrantMax = &budget, &lo, &hi

	// The owner must come as a mention or an id: a name typed after "@"
	// is not resolvable here, and a wrong guess would remind the wrong person.
	owner, ok := handlers.ParseUser(in.Owner, user)
	if !ok {
		return upd, nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.owner")
	}
	upd.Owner = &owner

	// Partners last: resolving them queries the store, so cheaper mistakes
	// are reported first.
	ids, ch, err := h.Partners.ResolveList(ctx, in.Partners)
	if err != nil || ch != nil {
		return upd, ch, err
	}
	upd.PartnerIDs = &ids
	return upd, nil, nil
}

// newCall reads a typed call and validates it. Choices come back as in
// callUpdate.
func (h *Handler) newCall(ctx context.Context, user string, in callInput) (*proxenos.Call, *lookup.Choice, error) {
	upd, ch, err := h.callUpdate(ctx, user, in)
	if err != nil || ch != nil {
		return nil, ch, err
	}
	// Stored in the form stores compare, so that "cerv-…" and "CERV-…"
	// are one call.
	c := &proxenos.Call{Identifier: proxenos.IdentifierKey(in.ID), CreatedBy: user}
	if err := proxenos.ValidateIdentifier(strings.TrimSpace(in.ID)); err != nil {
		return nil, nil, err
	}
	upd.Apply(c)
	return c, nil, c.Validate()
}

// createCall stores c, turning a taken identifier into a message that
// points to the call already there.
func (h *Handler) createCall(ctx context.Context, c *proxenos.Call) error {
	err := h.Calls.CreateCall(ctx, c)
	// The store's own conflict error may name its index; the message the
	// user reads names the call and how to see it.
	if proxenos.ErrorCode(err) == proxenos.ECONFLICT {
		return proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", c.Identifier)
	}
	return err
}

// callAdd answers /call add: a modal when bare, else the call from the fields.
func (h *Handler) callAdd(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if strings.TrimSpace(req.Text) == "" {
		return h.callModalNew(ctx, req)
	}
	args, err := handlers.ParseArgs(req.Text, callSpec)
	if err != nil {
		return nil, err
	}
	in := callInputFrom(callInput{}, args)
	// "/call add CERV-2027-… title:…": a lone word is the identifier.
	if len(args.Words) > 0 {
		if in.ID != "" || len(args.Words) > 1 {
			return nil, proxenos.Errorf(proxenos.EINVALID, "input.unexpected_text", args.Rest())
		}
		in.ID = args.Words[0]
	}
	lang := handlers.LangOf(req.Lang)
	c, ch, err := h.newCall(ctx, req.User, in)
	if err != nil || ch != nil {
		return lookup.Choices(lang, ch.Typed(), ch.Offered()), err
	}
	if err := h.createCall(ctx, c); err != nil {
		return nil, err
	}
	return h.callSaved(ctx, lang, "call.created", c), nil
}

// callEdit answers /call edit: the modal filled in, or the typed fields
// changed at once.
func (h *Handler) callEdit(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, callSpec)
	if err != nil {
		return nil, err
	}
	// Stores key calls by identifier (CallUpdate has no field for it): a
	// wrong one is deleted and added again.
	if args.Has("id") {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.identifier_change")
	}
	c, err := h.findCall(ctx, args.Rest())
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	names, err := h.Partners.Names(ctx, c.PartnerIDs)
	if err != nil {
		return nil, err
	}
	if len(args.Fields) == 0 {
		return &chat.Response{Text: i18n.T(lang, "call.modal.opening"), Ephemeral: true, Modal: h.callModal(ctx, lang, c, names)}, nil
	}
	upd, ch, err := h.callUpdate(ctx, req.User, callInputFrom(h.callInputOf(ctx, c, names), args))
	if err != nil || ch != nil {
		return lookup.Choices(lang, ch.Typed(), ch.Offered()), err
	}
	if c, err = h.Calls.UpdateCall(ctx, c.ID, upd); err != nil {
		return nil, err
	}
	return h.callSaved(ctx, lang, "call.updated", c), nil
}

// findCall returns the call named by its identifier (or id).
func (h *Handler) findCall(ctx context.Context, which string) (*proxenos.Call, error) {
	which = strings.TrimSpace(which)
	if which == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.required.which")
	}
	c, err := h.Calls.FindCallByID(ctx, which)
	if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		return c, err
	}
	// Not a code: a part of one ("cerv", "town-tt") or words of the
	// title name the call when they name only one.
	all, _, err := h.Calls.FindCalls(ctx, proxenos.CallFilter{All: true})
	if err != nil {
		return nil, err
	}
	var like []*proxenos.Call
	for _, c := range all {
		if callLike(c, which) {
			like = append(like, c)
		}
	}
	switch {
	case len(like) == 1:
		return like[0], nil
	case len(like) > 1:
		proxenos.SortCalls(like, h.k.Clock(ctx))
		codes := make([]string, 0, lookup.MaxChoices)
		for _, c := range like[:min(len(like), lookup.MaxChoices)] {
			codes = append(codes, c.Identifier)
		}
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "call.ambiguous", which, strings.Join(codes, ", "))
	}
	// Repeat what the user typed, not how the store looked it up.
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "call.notfound", which)
}

// callLike reports whether which is a part of c's code or of its call's
// code, or whether each of its words begins a word of c's title.
func callLike(c *proxenos.Call, which string) bool {
	key := proxenos.IdentifierKey(which)
	if strings.Contains(proxenos.IdentifierKey(c.Identifier), key) ||
		c.CallIdentifier != "" && strings.Contains(proxenos.IdentifierKey(c.CallIdentifier), key) {
		return true
	}
	words, title := proxenos.SearchWords(which), proxenos.SearchWords(c.Title)
	for _, w := range words {
		if !slices.ContainsFunc(title, func(t string) bool { return strings.HasPrefix(t, w) }) {
			return false
		}
	}
	return len(words) > 0
}

// callSaved is the reply to an added, imported or edited call: its
// identifier and title, the next deadline and a button to show it.
func (h *Handler) callSaved(ctx context.Context, lang i18n.Lang, key string, c *proxenos.Call) *chat.Response {
	text := i18n.T(lang, key, chat.Escape(c.Identifier), chat.Escape(c.Title))
	// Not ephemeral: the office follows calls together, as it does the register.
	resp := &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}
	detail := []string{i18n.Label(lang, c.Programme)}
	if next, ok := h.nextOrLast(ctx, c); ok {
		detail = append(detail, i18n.T(lang, "call.field.deadline")+": "+h.k.DeadlineText(ctx, lang, next.At))
		detail = append(detail, h.k.DaysLeftText(ctx, lang, next.At))
	}
	ctxLine := strings.Join(detail, " · ")
	resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{ctxLine}}, chat.Actions{ID: "call_saved", Buttons: []chat.Button{
		{Text: i18n.T(lang, "call.button.show"), ActionID: ActionCallShow, Value: c.Identifier},
	}})
	resp.Text += "\n" + ctxLine
	return resp
}

// nextOrLast returns the call's next deadline, or its last once all have
// passed; false when it has none.
func (h *Handler) nextOrLast(ctx context.Context, c *proxenos.Call) (proxenos.Deadline, bool) {
	if d, ok := c.NextDeadline(h.k.Clock(ctx)); ok {
		return d, true
	}
	var last proxenos.Deadline
	for _, d := range c.Deadlines {
		if d.At.After(last.At) {
			last = d
		}
	}
	return last, !last.At.IsZero()
}

// callStatus answers /call status <id> <status>, in English or Greek.
func (h *Handler) callStatus(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	id, rest, _ := strings.Cut(strings.TrimSpace(req.Text), " ")
	if strings.TrimSpace(rest) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.required.status")
	}
	// The status is read before the call is looked up: a mistyped word
	// costs no query.
	status, err := i18n.ParseCallStatus(rest)
	if err != nil {
		return nil, err
	}
	c, err := h.findCall(ctx, id)
	if err != nil {
		return nil, err
	}
	if c, err = h.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Status: &status}); err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	text := i18n.T(lang, "call.status_changed", chat.Escape(c.Identifier), i18n.Capitalized(i18n.Label(lang, c.Status)))
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}

// callOwner answers /call owner <id> @user; "none" clears the owner.
func (h *Handler) callOwner(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	id, rest, _ := strings.Cut(strings.TrimSpace(req.Text), " ")
	if strings.TrimSpace(rest) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.required.owner")
	}
	owner, ok := handlers.ParseUser(rest, req.User)
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.owner")
	}
	c, err := h.findCall(ctx, id)
	if err != nil {
		return nil, err
	}
	if c, err = h.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Owner: &owner}); err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	text := i18n.T(lang, "call.owner_cleared", chat.Escape(c.Identifier))
	if c.Owner != "" {
		text = i18n.T(lang, "call.owner_changed", chat.Escape(c.Identifier), handlers.Mention(c.Owner))
	}
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}

// callMilestone answers /call milestone <id> "text" 14d (days before the
// next deadline), or with at:<date>.
func (h *Handler) callMilestone(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, milestoneSpec)
	if err != nil {
		return nil, err
	}
	if len(args.Words) < 2 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "call.required.milestone")
	}
	// The words: the identifier, the text, and the days when last.
	// The quoted text may be followed by the days: "…" 14d.
	words := args.Words[1:]
	before := args.Get("before")
	if n := len(words); n > 1 && before == "" {
		if _, err := handlers.ParseDaysBefore(words[n-1]); err == nil {
			before, words = words[n-1], words[:n-1]
		}
	}
	m := proxenos.Milestone{Text: strings.TrimSpace(strings.Join(words, " "))}
	if before != "" {
		if m.DaysBefore, err = handlers.ParseDaysBefore(before); err != nil {
			return nil, err
		}
	}
	if args.Has("at") {
		if m.At, err = handlers.ParseDateField("at", args.Get("at"), h.k.Clock(ctx), h.k.Zone(ctx)); err != nil {
			return nil, err
		}
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c, err := h.findCall(ctx, args.Words[0])
	if err != nil {
		return nil, err
	}
	// CallUpdate replaces the list whole; a concurrent edit of the same
	// call's milestones is rare enough for the last writer to win.
	ms := append(slices.Clone(c.Milestones), m)
	if c, err = h.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Milestones: &ms}); err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	due := c.MilestoneDue(m, h.k.Clock(ctx))
	when := i18n.FormatDate(lang, due.In(h.k.Zone(ctx)))
	if m.DaysBefore != 0 {
		when += " (" + i18n.T(lang, "call.milestone.before", m.DaysBefore) + ")"
	}
	text := i18n.T(lang, "call.milestone_added", chat.Escape(c.Identifier), chat.Escape(m.Text), when)
	return &chat.Response{Text: text, Blocks: []chat.Block{chat.Section{Text: text}}}, nil
}

// callImport answers /call import <topic-id>: it fetches the topic from
// the EU portal and stores it. A topic already tracked is ECONFLICT;
// nothing is stored when the portal fails or does not know the topic.
func (h *Handler) callImport(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	id := proxenos.IdentifierKey(req.Text)
	if err := proxenos.ValidateIdentifier(id); err != nil {
		return nil, err
	}
	// Ask the store first: a tracked topic needs no trip to the portal,
	// and the answer points to /call show.
	if _, err := h.Calls.FindCallByID(ctx, id); err == nil {
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", id)
	} else if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		return nil, err
	}
	if h.Portal == nil {
		return &chat.Response{Text: i18n.T(lang, "call.portal_not_configured"), Ephemeral: true}, nil
	}
	topic, err := h.Portal.FindTopic(ctx, id)
	if err != nil {
		return nil, err
	}
	// A concurrent import of the same topic loses at the unique index,
	// which createCall reports like the check above.
	c := topic.Call
	c.CreatedBy = req.User
	if err := h.createCall(ctx, c); err != nil {
		return nil, err
	}
	return h.importedReply(ctx, lang, topic), nil
}

// importedReply is the reply to an import: the call saved, the portal's
// status of it, and a warning when the call no longer takes proposals.
func (h *Handler) importedReply(ctx context.Context, lang i18n.Lang, topic *portal.Topic) *chat.Response {
	resp := h.callSaved(ctx, lang, "call.imported", topic.Call)
	if topic.Status != portal.StatusUnknown {
		line := i18n.T(lang, "call.imported.portal_status", i18n.Label(lang, topic.Status))
		resp.Blocks = slices.Insert(resp.Blocks, 1, chat.Block(chat.Context{Elements: []string{line}}))
		resp.Text += "\n" + line
	}
	warning := ""
	if topic.Status == portal.StatusClosed {
		warning = i18n.T(lang, "call.imported.closed")
	} else if _, open := topic.Call.NextDeadline(h.k.Clock(ctx)); !open {
		warning = i18n.T(lang, "call.imported.deadlines_passed")
	}
	if warning != "" {
		resp.Blocks = slices.Insert(resp.Blocks, 1, chat.Block(chat.Section{Text: warning}))
		resp.Text += "\n" + warning
	}
	return resp
}
