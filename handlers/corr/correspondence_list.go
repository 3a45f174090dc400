package corr

import (
	"context"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
)

// corrList answers /corr list: the latest entries first, filtered by
// in|out, partner:, country:, tag:, from:/to: (dates, or the sender or
// recipient) or a period (2026-11, 2026, 2026-Q3, last month).
func (h *Handler) corrList(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	args, err := handlers.ParseArgs(req.Text, corrListSpec)
	if err != nil {
		return nil, err
	}
	var f proxenos.CorrespondenceFilter
	var period []string
	// Positional words: a direction, and the rest is a period.
	for _, w := range args.Words {
		if d, ok := parseDirection(w); ok && f.Direction == "" {
			f.Direction = d
		} else {
			period = append(period, w)
		}
	}
	now, loc := h.k.Clock(ctx), h.k.Zone(ctx)
	if len(period) > 0 {
		from, to, ok := handlers.ParsePeriod(strings.Join(period, " "), now, loc)
		if !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.period", strings.Join(period, " "))
		}
		f.From, f.To = from, to
	}
	// from: and to: bound the dates; one that is not a date names the
	// sender or the recipient, as in /corr in from:… and /corr out to:….
	for _, key := range []string{"from", "to"} {
		if !args.Has(key) {
			continue
		}
		d, err := handlers.ParseDateField(key, args.Get(key), now, loc)
		switch {
		case err == nil && key == "from":
			f.From = d
		case err == nil:
			f.To = d.AddDate(0, 0, 1) // "to" is inclusive for people
		// Only one of from:/to: may name a counterpart: an entry has one.
		case len(proxenos.SearchWords(args.Get(key))) == 0 || f.Query != "":
			return nil, err
		default:
			f.Query, f.Direction = args.Get(key), proxenos.Incoming
			if key == "to" {
				f.Direction = proxenos.Outgoing
			}
		}
	}
	if f.Country, err = handlers.ParseCountry("country", args.Get("country")); err != nil {
		return nil, err
	}
	f.Tag = args.Get("tags")
	lang := handlers.LangOf(req.Lang)
	// A partner filter must name one partner; several get a choice list.
	if args.Has("partner") {
		p, choices, err := h.Partners.Resolve(ctx, args.Get("partner"))
		if err != nil {
			return nil, err
		}
		if choices != nil {
			return lookup.Choices(lang, args.Get("partner"), choices), nil
		}
		f.PartnerID = p.ID
	}
	entries, total, err := h.Correspondence.FindCorrespondence(ctx, f)
	if err != nil {
		return nil, err
	}
	return h.corrEntries(ctx, lang, "corr.list.title", entries, total, false), nil
}

// corrSearch answers /corr search with the entries the words match,
// ranked as the store ranks them; a country that no entry's words match
// lists the entries of that country, as the register keeps countries by
// their codes ("Κύπρος" is CY).
func (h *Handler) corrSearch(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	q := strings.TrimSpace(req.Text)
	if len(proxenos.SearchWords(q)) == 0 {
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.required.query")
	}
	if n := len(proxenos.SearchWords(q)); n > proxenos.MaxSearchWords {
		return nil, proxenos.Errorf(proxenos.EINVALID, "invalid.too_many", "words", proxenos.MaxSearchWords)
	}
	entries, total, err := h.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q})
	if err != nil {
		return nil, err
	}
	// The store counts search matches up to MaxSearchCount: at the cap
	// the total reads "100+" and the rest "at least".
	capped := total >= proxenos.MaxSearchCount
	if country, ok := iso.Country(q); ok && total == 0 {
		if entries, total, err = h.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Country: country}); err != nil {
			return nil, err
		}
	}
	titleKey := "corr.search.title"
	if capped {
		titleKey = "corr.search.title.capped"
	}
	return h.corrEntries(ctx, handlers.LangOf(req.Lang), titleKey, entries, total, capped), nil
}

// corrEntries lists entries, one line each, with the count and how many
// more there are; capped says the count is a lower bound.
func (h *Handler) corrEntries(ctx context.Context, lang i18n.Lang, titleKey string, entries []*proxenos.Correspondence, total int, capped bool) *chat.Response {
	if total == 0 {
		return &chat.Response{Text: i18n.T(lang, "corr.list.empty"), Ephemeral: true}
	}
	title := i18n.T(lang, titleKey, total)
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Header{Text: title}}}
	lines := []string{title}
	// One section per entry: the store's page of DefaultListLimit (20)
	// with the header and the count stays under Slack's 50 blocks.
	for _, c := range entries {
		line := Line(lang, c, h.k.Zone(ctx))
		lines = append(lines, line)
		resp.Blocks = append(resp.Blocks, chat.Section{Text: line})
	}
	if more := total - len(entries); more > 0 {
		moreKey := "list.more"
		if capped {
			moreKey = "list.more.capped"
		}
		msg := i18n.T(lang, moreKey, more)
		lines = append(lines, msg)
		resp.Blocks = append(resp.Blocks, chat.Context{Elements: []string{msg}})
	}
	resp.Text = strings.Join(lines, "\n")
	return resp
}

// Line is one entry in a list: "*42/2026* ΕΙΣ · 20 Νοεμβρίου 2026 · Stadt
// Köln — Einladung", its dates as days of loc, the workspace's zone.
func Line(lang i18n.Lang, c *proxenos.Correspondence, loc *time.Location) string {
	date := i18n.FormatDate(lang, c.Date.In(loc))
	// A letter logged days after its date shows both, as a protocol book.
	if !c.Registered.IsZero() && !sameDay(c.Registered, c.Date, loc) {
		date = i18n.T(lang, "corr.line.dates", date, i18n.FormatDate(lang, c.Registered.In(loc)))
	}
	return "*" + c.Protocol.String() + "* " + i18n.Label(lang, c.Direction) + " · " + date +
		" · " + chat.Escape(handlers.Truncate(c.Counterpart, 60)) + " — " + chat.Escape(handlers.Truncate(c.Subject, 150))
}

// sameDay reports whether a and b fall on the same day of loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}
