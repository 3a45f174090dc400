package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/iso"
)

// Tally counts correspondence in and out for one country or partner.
// An empty Name means the records did not say.
type Tally struct {
	Name    string
	In, Out int
}

// Total returns In + Out.
func (t Tally) Total() int { return t.In + t.Out }

// MonthTally counts correspondence in and out in one calendar month.
type MonthTally struct {
	Month   time.Time // the first of the month, midnight in the office zone
	In, Out int
}

// StatusCount is how many calls of the period stand at Status.
type StatusCount struct {
	Status proxenos.CallStatus
	N      int
}

// ProgrammeCount is how many calls of the period belong to Programme.
type ProgrammeCount struct {
	Programme proxenos.Programme
	N         int
}

// Occurrence is one due occurrence of an obligation: met when Met is set,
// overdue when it was still unmet at the end of the period (or now, if
// earlier). A late fulfilment after that shows in Met's date.
type Occurrence struct {
	Obligation *proxenos.Obligation
	Agreement  *proxenos.Agreement // nil when the agreement is not among the records
	Due        time.Time
	Met        time.Time // zero while unmet
}

// Summary is the report of a period: counts for the message and the
// records behind them for the workbook.
type Summary struct {
	From, To time.Time
	Location *time.Location

	Correspondence []*proxenos.Correspondence // dated in the period, oldest first
	Incoming       int
	Outgoing       int
	ByCountry      []Tally      // by ISO 3166-1 code (as written when none); most correspondence first, then by name
	ByPartner      []Tally      // as ByCountry; counterparts as written when not in the directory
	Months         []MonthTally // every month the period touches, in order

	NewPartners []*proxenos.Partner // added to the directory in the period, by name
	Contacts    []*proxenos.Contact // logged with a date in the period, oldest first

	Calls            []*proxenos.Call // with a deadline in the period, as SortCalls orders them
	CallsByStatus    []StatusCount    // in the order of a call's life; only statuses with calls
	CallsByProgramme []ProgrammeCount // in menu order; only programmes with calls

	AgreementsSigned []*proxenos.Agreement // signed in the period, oldest first
	Met              []Occurrence          // fulfilled in the period, by fulfilment date
	Overdue          []Occurrence          // unmet at the period's cutoff, earliest due first

	partnerNames map[string]string
}

// Empty reports whether the period holds nothing to report.
func (s *Summary) Empty() bool {
	return len(s.Correspondence) == 0 && len(s.NewPartners) == 0 && len(s.Contacts) == 0 &&
		len(s.Calls) == 0 && len(s.AgreementsSigned) == 0 && len(s.Met) == 0 && len(s.Overdue) == 0
}

// PartnerName returns the directory name of the partner id, or "".
func (s *Summary) PartnerName(id string) string { return s.partnerNames[id] }

// Cutoff returns when obligations are reckoned overdue: the end of the
// period, or now when the period has not ended.
func Cutoff(r *Records) time.Time {
	if !r.Now.IsZero() && r.Now.Before(r.To) {
		return r.Now
	}
	return r.To
}

// Summarize builds the summary of r's period from its records. It is a
// pure function: the same records give the same summary.
func Summarize(r *Records) *Summary {
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	s := &Summary{From: r.From, To: r.To, Location: loc,
		partnerNames: map[string]string{}}
	partners := map[string]*proxenos.Partner{}
	for _, p := range r.Partners {
		partners[p.ID] = p
		s.partnerNames[p.ID] = p.Name
		if inPeriod(p.CreatedAt, r.From, r.To) {
			s.NewPartners = append(s.NewPartners, p)
		}
	}
	// By SearchKey, so that case and Greek accents do not split the order
	// ("Ώ" sorts with "Ω", "ά" with "α"); each name folded once, not at
	// every comparison.
	keys := make(map[*proxenos.Partner]string, len(s.NewPartners))
	for _, p := range s.NewPartners {
		keys[p] = proxenos.SearchKey(p.Name)
	}
	slices.SortStableFunc(s.NewPartners, func(a, b *proxenos.Partner) int { return strings.Compare(keys[a], keys[b]) })
	s.summarizeCorrespondence(r, partners)
	for _, c := range r.Contacts {
		if inPeriod(c.Date, r.From, r.To) {
			s.Contacts = append(s.Contacts, c)
		}
	}
	slices.SortStableFunc(s.Contacts, func(a, b *proxenos.Contact) int { return a.Date.Compare(b.Date) })
	s.summarizeCalls(r)
	s.summarizeAgreements(r)
	return s
}

// summarizeCorrespondence counts the register by direction, country,
// partner and month.
func (s *Summary) summarizeCorrespondence(r *Records, partners map[string]*proxenos.Partner) {
	for _, c := range r.Correspondence {
		if inPeriod(c.Date, r.From, r.To) {
			s.Correspondence = append(s.Correspondence, c)
		}
	}
	slices.SortStableFunc(s.Correspondence, func(a, b *proxenos.Correspondence) int {
		// Entries of one day follow their protocol numbers, as in the register.
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Protocol.Year, b.Protocol.Year),
			cmp.Compare(a.Protocol.Number, b.Protocol.Number))
	})
	// Months of the period, so that quiet months show as zero.
	index := map[time.Time]int{}
	for m := monthOf(r.From, s.Location); m.Before(r.To); m = m.AddDate(0, 1, 0) {
		index[m] = len(s.Months)
		s.Months = append(s.Months, MonthTally{Month: m})
	}
	countries, names := newTallies(), newTallies()
	// A register repeats its countries: each spelling is looked up once.
	codes := map[string]string{}
	for _, c := range s.Correspondence {
		in := c.Direction == proxenos.Incoming
		if in {
			s.Incoming++
		} else {
			s.Outgoing++
		}
		country, name := strings.TrimSpace(c.Country), strings.TrimSpace(c.Counterpart)
		// A linked partner counts under its directory name, so different
		// spellings of one partner add up; the entry's own country wins.
		if p := partners[c.PartnerID]; p != nil {
			name = p.Name
			if country == "" {
				country = p.Country
			}
		}
		// By code, so that a country kept as written before codes
		// ("Κύπρος") counts with the same country's code (CY).
		code, seen := codes[country]
		if !seen {
			code = countryCode(country)
			codes[country] = code
		}
		country = code
		countries.add(country, in)
		names.add(name, in)
		if i, ok := index[monthOf(c.Date, s.Location)]; ok {
			if in {
				s.Months[i].In++
			} else {
				s.Months[i].Out++
			}
		}
	}
	s.ByCountry, s.ByPartner = countries.sorted(), names.sorted()
}

// countryCode returns the ISO code of country, or country as written
// when it names none.
func countryCode(country string) string {
	if code, ok := iso.Country(country); ok {
		return code
	}
	return country
}

// summarizeCalls counts the calls with a deadline in the period.
func (s *Summary) summarizeCalls(r *Records) {
	// The store's own rule (any deadline in the period), so the summary
	// agrees with what the calls list shows for the same dates.
	inRange := proxenos.CallFilter{DeadlineFrom: r.From, DeadlineTo: r.To}
	for _, c := range r.Calls {
		if inRange.Match(c) {
			s.Calls = append(s.Calls, c)
		}
	}
	proxenos.SortCalls(s.Calls, r.Now)
	for _, st := range proxenos.CallStatuses {
		if n := countFunc(s.Calls, func(c *proxenos.Call) bool { return c.Status == st }); n > 0 {
			s.CallsByStatus = append(s.CallsByStatus, StatusCount{st, n})
		}
	}
	for _, p := range proxenos.Programmes {
		if n := countFunc(s.Calls, func(c *proxenos.Call) bool { return c.Programme == p }); n > 0 {
			s.CallsByProgramme = append(s.CallsByProgramme, ProgrammeCount{p, n})
		}
	}
}

// summarizeAgreements finds the agreements signed in the period and the
// obligations met in it or overdue at its cutoff.
func (s *Summary) summarizeAgreements(r *Records) {
	agreements := map[string]*proxenos.Agreement{}
	for _, a := range r.Agreements {
		agreements[a.ID] = a
		if !a.Signed.IsZero() && inPeriod(a.Signed, r.From, r.To) {
			s.AgreementsSigned = append(s.AgreementsSigned, a)
		}
	}
	slices.SortStableFunc(s.AgreementsSigned, func(a, b *proxenos.Agreement) int { return a.Signed.Compare(b.Signed) })
	cutoff := Cutoff(r)
	for _, o := range r.Obligations {
		a := agreements[o.AgreementID]
		for _, f := range o.Fulfilments {
			if inPeriod(f.At, r.From, r.To) {
				s.Met = append(s.Met, Occurrence{Obligation: o, Agreement: a, Due: f.Due, Met: f.At})
			}
			// Met, but only after the cutoff: it was overdue then.
			if f.Due.Before(cutoff) && !f.At.Before(cutoff) {
				s.Overdue = append(s.Overdue, Occurrence{Obligation: o, Agreement: a, Due: f.Due, Met: f.At})
			}
		}
		// Met occurrences are in Fulfilments; Due is the one now due, so
		// it is the only one that can still be open.
		if o.Status == proxenos.ObligationOpen && o.Due.Before(cutoff) {
			s.Overdue = append(s.Overdue, Occurrence{Obligation: o, Agreement: a, Due: o.Due})
		}
	}
	slices.SortStableFunc(s.Met, func(a, b Occurrence) int {
		return cmp.Or(a.Met.Compare(b.Met), a.Due.Compare(b.Due), strings.Compare(a.Obligation.ID, b.Obligation.ID))
	})
	slices.SortStableFunc(s.Overdue, func(a, b Occurrence) int {
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.Obligation.ID, b.Obligation.ID))
	})
}

// tallies counts correspondence by a name, matching names by SearchKey
// and keeping the first spelling seen.
type tallies struct {
	byKey  map[string]*Tally
	byName map[string]*Tally // by the spelling, which a register repeats
	order  []keyedTally
}

// keyedTally is a tally with the SearchKey of its name, which sorting
// compares.
type keyedTally struct {
	*Tally
	key string
}

func newTallies() *tallies { return &tallies{byKey: map[string]*Tally{}, byName: map[string]*Tally{}} }

// add counts one entry in or out under name.
func (t *tallies) add(name string, in bool) {
	tl := t.byName[name]
	if tl == nil {
		tl = t.of(name)
		t.byName[name] = tl
	}
	if in {
		tl.In++
	} else {
		tl.Out++
	}
}

// of returns the tally of name, by its SearchKey, new when none has it.
func (t *tallies) of(name string) *Tally {
	key := proxenos.SearchKey(name)
	tl := t.byKey[key]
	if tl == nil {
		tl = &Tally{Name: name}
		t.byKey[key] = tl
		t.order = append(t.order, keyedTally{tl, key})
	}
	return tl
}

// sorted returns the tallies, most first, then by name; unnamed last.
func (t *tallies) sorted() []Tally {
	slices.SortStableFunc(t.order, func(a, b keyedTally) int {
		switch {
		case a.Name == "" && b.Name != "":
			return 1
		case a.Name != "" && b.Name == "":
			return -1
		}
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), strings.Compare(a.key, b.key))
	})
	out := make([]Tally, len(t.order))
	for i, tl := range t.order {
		out[i] = *tl.Tally
	}
	return out
}

// monthOf returns the first of t's month, midnight in loc.
func monthOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// countFunc counts the items for which f holds.
func countFunc[T any](items []T, f func(T) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}
