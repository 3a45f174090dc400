// Package lookup finds the partners users name in commands and forms —
// by name, original name, alias or words of them — and offers a choice
// when a name could mean several. Every register that links to partners
// uses it.
package lookup

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/iso"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Partners finds partners in the directory by what users type.
type Partners struct{ proxenos.PartnerService }

// ActionPartnerShow is the button that shows a partner; Value: its id.
const ActionPartnerShow = "partner_show"

// MaxChoices is how many partners a choice list offers.
// A handful to read at a glance, well within one row of buttons.
const MaxChoices = 8

// Line is one partner in a list: "*Φαέντσα* (Comune di Faenza) · Δήμος · Ιταλία · Αδελφοποίηση".
func Line(lang i18n.Lang, p *proxenos.Partner) string {
	line := "*" + chat.Escape(p.Name) + "*"
	if p.AltName != "" {
		line += " (" + chat.Escape(p.AltName) + ")"
	}
	parts := []string{line, i18n.T(lang, "partner.kind."+string(p.Kind))}
	if p.Country != "" {
		parts = append(parts, chat.Escape(iso.CountryName(lang, p.Country)))
	}
	if p.Relationship != proxenos.RelNone {
		parts = append(parts, i18n.T(lang, "partner.rel."+string(p.Relationship)))
	}
	return strings.Join(parts, " · ")
}

// Match returns the partners a name could mean: those with a name
// (Name, AltName or an alias) equal to it by SearchKey when there are
// any, else every partner the words match (at most MaxChoices).
func (ps Partners) Match(ctx context.Context, name string) ([]*proxenos.Partner, error) {
	if len(proxenos.SearchWords(name)) == 0 {
		return nil, nil
	}
	found, _, err := ps.PartnerService.FindPartners(ctx, proxenos.PartnerFilter{Query: name, Limit: MaxChoices})
	if short := withoutLinks(name); err == nil && len(found) == 0 && short != "" {
		// "Municipality of Limassol" is the partner known as "Limassol
		// Municipality": its words, less the ones that only link them.
		found, _, err = ps.PartnerService.FindPartners(ctx, proxenos.PartnerFilter{Query: short, Limit: MaxChoices})
	}
	if err != nil {
		return nil, err
	}
	// An exact name wins over partial matches: "Köln" is Köln, not
	// "Universität zu Köln".
	key := proxenos.SearchKey(strings.TrimSpace(name))
	var exact []*proxenos.Partner
	for _, p := range found {
		if slices.ContainsFunc(p.Names(), func(n string) bool { return proxenos.SearchKey(strings.TrimSpace(n)) == key }) {
			exact = append(exact, p)
		}
	}
	if len(exact) > 0 {
		return exact, nil
	}
	return found, nil
}

// linkWords are the words that link the words of a body's name, in the
// languages of the office's partners, folded as SearchWords folds them.
var linkWords = map[string]bool{
	"of": true, "the": true, "and": true, "de": true, "di": true, "da": true, "del": true, "della": true,
	"des": true, "du": true, "la": true, "le": true, "les": true, "von": true, "der": true, "die": true,
	"das": true, "zu": true, "am": true, "y": true, "e": true, "και": true, "του": true, "τησ": true, "των": true,
}

// withoutLinks returns name's words less its link words, when it has
// some and other words besides; else "".
func withoutLinks(name string) string {
	words := proxenos.SearchWords(name)
	kept := slices.DeleteFunc(slices.Clone(words), func(w string) bool { return linkWords[w] })
	if len(kept) == 0 || len(kept) == len(words) {
		return ""
	}
	return strings.Join(kept, " ")
}

// Resolve finds the one partner name means. Several candidates
// come back as choices to offer, never a guess; none is ENOTFOUND.
func (ps Partners) Resolve(ctx context.Context, name string) (*proxenos.Partner, []*proxenos.Partner, error) {
	if strings.TrimSpace(name) == "" {
		return nil, nil, proxenos.Errorf(proxenos.EINVALID, "partner.required.which")
	}
	found, err := ps.Match(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	switch len(found) {
	case 0:
		return nil, nil, proxenos.Errorf(proxenos.ENOTFOUND, "partner.not_found", name)
	case 1:
		return found[0], nil, nil
	}
	return nil, found, nil
}

// Choices offers the partners a name could mean, as buttons.
func Choices(lang i18n.Lang, name string, choices []*proxenos.Partner) *chat.Response {
	if choices == nil {
		return nil
	}
	text := i18n.T(lang, "partner.choose", chat.Escape(strings.TrimSpace(name)), len(choices))
	resp := &chat.Response{Ephemeral: true, Blocks: []chat.Block{chat.Section{Text: text}}}
	lines := []string{text}
	var buttons []chat.Button
	for _, p := range choices {
		line := Line(lang, p)
		lines = append(lines, "• "+line)
		// Slack refuses button text over 75 characters.
		buttons = append(buttons, chat.Button{Text: handlers.Truncate(p.Name, 70), ActionID: ActionPartnerShow, Value: p.ID})
	}
	resp.Blocks = append(resp.Blocks, chat.Section{Text: strings.Join(lines[1:], "\n")}, chat.Actions{ID: "partner_choices", Buttons: buttons})
	resp.Text = strings.Join(lines, "\n")
	return resp
}

// Choice is a partner name that matched several partners.
type Choice struct {
	Name    string
	Options []*proxenos.Partner
}

// ResolveList finds the partners a comma-separated list of names
// means. A name matching several partners comes back as a choice;
// one matching none is ENOTFOUND.
func (ps Partners) ResolveList(ctx context.Context, names string) ([]string, *Choice, error) {
	ids := []string{}
	for _, name := range handlers.SplitList(names) {
		p, options, err := ps.Resolve(ctx, name)
		if err != nil {
			return nil, nil, err
		}
		if options != nil {
			return nil, &Choice{Name: name, Options: options}, nil
		}
		if !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil, nil
}

// Names returns the names of partners by id; an id the directory
// lacks (after an import or a restore) shows as it is.
func (ps Partners) Names(ctx context.Context, ids []string) ([]string, error) {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		p, err := ps.PartnerService.FindPartnerByID(ctx, id)
		switch {
		case err == nil:
			names = append(names, p.Name)
		case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
			names = append(names, id)
		default:
			return nil, err
		}
	}
	return names, nil
}

// ChoiceMessage says, on a form field, which partners a name could mean.
func ChoiceMessage(lang i18n.Lang, ch *Choice) string {
	names := make([]string, len(ch.Options))
	for i, p := range ch.Options {
		names[i] = p.Name
	}
	return i18n.T(lang, "input.partner_ambiguous", ch.Name, strings.Join(names, ", "))
}

// Typed returns the name typed, or "" for no choice.
func (c *Choice) Typed() string {
	if c == nil {
		return ""
	}
	return c.Name
}

// Offered returns the partners to choose from, or nil for no choice.
func (c *Choice) Offered() []*proxenos.Partner {
	if c == nil {
		return nil
	}
	return c.Options
}

// ByDomain returns the one partner whose people write from domain, or
// whose website is on it; nil when none or several are. The directory is
// read whole: an office's partners are hundreds, not millions.
func (ps Partners) ByDomain(ctx context.Context, domain string) (*proxenos.Partner, error) {
	domain = strings.ToLower(strings.TrimSpace(domain))
	if domain == "" {
		return nil, nil
	}
	return ps.one(ctx, func(p *proxenos.Partner) bool { return onDomain(p, domain) })
}

// ByEmail returns the one partner one of whose people writes from the
// address email (case aside); nil when none or several do. For mail
// services whose addresses name people (gmail.com), where a domain says
// nothing of the body.
func (ps Partners) ByEmail(ctx context.Context, email string) (*proxenos.Partner, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil, nil
	}
	return ps.one(ctx, func(p *proxenos.Partner) bool {
		return slices.ContainsFunc(p.People, func(person proxenos.Person) bool { return strings.EqualFold(person.Email, email) })
	})
}

// one returns the one partner of the directory for which fits holds;
// nil when none or several do. The directory is read whole.
func (ps Partners) one(ctx context.Context, fits func(*proxenos.Partner) bool) (*proxenos.Partner, error) {
	var found *proxenos.Partner
	several := false
	err := ps.PartnerService.EachPartner(ctx, func(p *proxenos.Partner) error {
		if !fits(p) {
			return nil
		}
		if found != nil {
			several = true
			return errStop
		}
		found = p
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if several {
		return nil, nil
	}
	return found, nil
}

// errStop ends a walk of the directory early.
var errStop = errors.New("lookup: stop")

// onDomain reports whether one of p's people writes from domain, or p's
// website is on it.
func onDomain(p *proxenos.Partner, domain string) bool {
	for _, person := range p.People {
		if at := strings.LastIndexByte(person.Email, '@'); at >= 0 && strings.EqualFold(person.Email[at+1:], domain) {
			return true
		}
	}
	site := p.Website
	if !strings.Contains(site, "://") {
		site = "https://" + site
	}
	if u, err := url.Parse(site); err == nil && u.Host != "" {
		host := strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
		return host == domain || strings.HasSuffix(domain, "."+host)
	}
	return false
}
