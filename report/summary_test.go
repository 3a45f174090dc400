package report

import (
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// athens is the office zone.
var athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// date returns midnight of the day in Athens.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }

// q3 is the period 2026-Q3 as of 26 November 2026.
func q3() *Records {
	return &Records{From: date(2026, 7, 1), To: date(2026, 10, 1), Now: date(2026, 11, 26).Add(10 * time.Hour), Location: athens}
}

// corr returns an entry of the register.
func corr(dir proxenos.Direction, d time.Time, partnerID, counterpart, country string) *proxenos.Correspondence {
	return &proxenos.Correspondence{Direction: dir, Date: d, PartnerID: partnerID, Counterpart: counterpart,
		Country: country, Subject: "Θέμα", Protocol: proxenos.ProtocolNumber{Year: d.Year(), Number: d.YearDay()}}
}

func TestSummarize(t *testing.T) {
	r := q3()
	faenza := &proxenos.Partner{ID: "p1", Name: "Φαέντσα", Country: "Ιταλία", CreatedAt: date(2025, 3, 1)}
	qcities := &proxenos.Partner{ID: "p2", Name: "Q-Cities", Country: "", CreatedAt: date(2026, 8, 14)}
	r.Partners = []*proxenos.Partner{faenza, qcities, {ID: "p3", Name: "Later", CreatedAt: date(2026, 10, 2)}}
	r.Correspondence = []*proxenos.Correspondence{
		corr(proxenos.Incoming, date(2026, 7, 3), "p1", "", ""), // country from the partner
		corr(proxenos.Outgoing, date(2026, 7, 20), "p1", "", "IT"),
		corr(proxenos.Outgoing, date(2026, 9, 30), "", "πρεσβεια της γαλλιας", "FR"),
		corr(proxenos.Incoming, date(2026, 9, 1), "", "Πρεσβεία της Γαλλίας", "Γαλλία"),
		corr(proxenos.Incoming, date(2026, 9, 2), "p2", "", ""),  // no country anywhere
		corr(proxenos.Incoming, date(2026, 10, 1), "p1", "", ""), // after the period
	}
	r.Contacts = []*proxenos.Contact{
		{PartnerID: "p1", Kind: proxenos.ContactVisit, Date: date(2026, 9, 10)},
		{PartnerID: "p1", Kind: proxenos.ContactCall, Date: date(2026, 6, 30)}, // before
	}
	deadline := func(d time.Time) []proxenos.Deadline { return []proxenos.Deadline{{At: d.Add(18 * time.Hour)}} }
	r.Calls = []*proxenos.Call{
		{ID: "c1", Identifier: "CERV-2026-A", Programme: proxenos.ProgrammeCERV, Status: proxenos.CallSubmitted, Deadlines: deadline(date(2026, 9, 18))},
		{ID: "c2", Identifier: "CERV-2026-B", Programme: proxenos.ProgrammeCERV, Status: proxenos.CallWatching, Deadlines: deadline(date(2026, 7, 2))},
		{ID: "c3", Identifier: "CREA-2026", Programme: proxenos.ProgrammeCreativeEurope, Status: proxenos.CallSubmitted, Deadlines: deadline(date(2026, 8, 1))},
		{ID: "c4", Identifier: "LIFE-2027", Programme: proxenos.ProgrammeLIFE, Status: proxenos.CallWatching, Deadlines: deadline(date(2027, 2, 1))},
	}
	r.Agreements = []*proxenos.Agreement{
		{ID: "a1", Title: "Αδελφοποίηση με Φαέντσα", Signed: date(2026, 8, 5)},
		{ID: "a2", Title: "Q-Cities", Signed: date(2019, 5, 1)},
	}
	r.Obligations = []*proxenos.Obligation{
		// Met on time in the period.
		{ID: "o1", AgreementID: "a1", Text: "Ετήσια έκθεση", Status: proxenos.ObligationDone, Due: date(2026, 9, 1),
			Fulfilments: []proxenos.Fulfilment{{Due: date(2026, 9, 1), At: date(2026, 8, 28)}}},
		// Due in the period, met only after it: overdue at its end.
		{ID: "o2", AgreementID: "a2", Text: "Συνδρομή", Status: proxenos.ObligationDone, Due: date(2026, 9, 15),
			Fulfilments: []proxenos.Fulfilment{{Due: date(2026, 9, 15), At: date(2026, 10, 20)}}},
		// Open since before the period: still overdue.
		{ID: "o3", AgreementID: "a2", Text: "Επίσκεψη", Status: proxenos.ObligationOpen, Due: date(2026, 5, 1)},
		// Open, due after the period: not overdue.
		{ID: "o4", AgreementID: "a1", Text: "Ανταλλαγή", Status: proxenos.ObligationOpen, Due: date(2026, 12, 1)},
		// Waived: neither.
		{ID: "o5", AgreementID: "a1", Text: "Άλλο", Status: proxenos.ObligationWaived, Due: date(2026, 8, 1)},
	}
	s := Summarize(r)

	t.Run("Correspondence", func(t *testing.T) {
		if got, want := [2]int{s.Incoming, s.Outgoing}, [2]int{3, 2}; got != want {
			t.Fatalf("in, out: got %v, want %v", got, want)
		}
		// Countries count by code: one kept as written before codes
		// ("Γαλλία", the partner's "Ιταλία") counts with its code.
		if got, want := s.ByCountry, []Tally{{"FR", 1, 1}, {"IT", 1, 1}, {"", 1, 0}}; !slices.Equal(got, want) {
			t.Fatalf("by country: got %v, want %v", got, want)
		}
		// Names meet by SearchKey and keep the earliest entry's spelling.
		if got, want := s.ByPartner, []Tally{{"Πρεσβεία της Γαλλίας", 1, 1}, {"Φαέντσα", 1, 1}, {"Q-Cities", 1, 0}}; !slices.Equal(got, want) {
			t.Fatalf("by partner: got %v, want %v", got, want)
		}
		want := []MonthTally{{date(2026, 7, 1), 1, 1}, {date(2026, 8, 1), 0, 0}, {date(2026, 9, 1), 2, 1}}
		if !slices.EqualFunc(s.Months, want, func(a, b MonthTally) bool { return a.Month.Equal(b.Month) && a.In == b.In && a.Out == b.Out }) {
			t.Fatalf("months: got %v, want %v", s.Months, want)
		}
		if got := s.Correspondence[0].Date; !got.Equal(date(2026, 7, 3)) {
			t.Fatalf("first entry dated %v, want the oldest", got)
		}
	})
	t.Run("Partners", func(t *testing.T) {
		if len(s.NewPartners) != 1 || s.NewPartners[0].ID != "p2" {
			t.Fatalf("new partners: got %v, want only Q-Cities", s.NewPartners)
		}
		if len(s.Contacts) != 1 || s.Contacts[0].Kind != proxenos.ContactVisit {
			t.Fatalf("contacts: got %v, want the visit", s.Contacts)
		}
		if got, want := s.PartnerName("p1"), "Φαέντσα"; got != want {
			t.Fatalf("partner name: got %q, want %q", got, want)
		}
	})
	t.Run("Calls", func(t *testing.T) {
		if got, want := s.CallsByStatus, []StatusCount{{proxenos.CallWatching, 1}, {proxenos.CallSubmitted, 2}}; !slices.Equal(got, want) {
			t.Fatalf("by status: got %v, want %v", got, want)
		}
		if got, want := s.CallsByProgramme, []ProgrammeCount{{proxenos.ProgrammeCERV, 2}, {proxenos.ProgrammeCreativeEurope, 1}}; !slices.Equal(got, want) {
			t.Fatalf("by programme: got %v, want %v", got, want)
		}
	})
	t.Run("Obligations", func(t *testing.T) {
		if len(s.AgreementsSigned) != 1 || s.AgreementsSigned[0].ID != "a1" {
			t.Fatalf("signed: got %v, want a1", s.AgreementsSigned)
		}
		if len(s.Met) != 1 || s.Met[0].Obligation.ID != "o1" || s.Met[0].Agreement.ID != "a1" {
			t.Fatalf("met: got %v, want o1 under a1", s.Met)
		}
		var overdue []string
		for _, o := range s.Overdue {
			overdue = append(overdue, o.Obligation.ID)
		}
		if want := []string{"o3", "o2"}; !slices.Equal(overdue, want) {
			t.Fatalf("overdue: got %v, want %v", overdue, want)
		}
		if s.Overdue[1].Met.IsZero() {
			t.Fatal("the late fulfilment lost its date")
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if s.Empty() {
			t.Fatal("Empty() = true for a busy quarter")
		}
		if got := Summarize(&Records{From: date(2020, 1, 1), To: date(2020, 2, 1), Location: athens}); !got.Empty() {
			t.Fatalf("Empty() = false for no records: %+v", got)
		}
	})
}

// TestCutoff shows that obligations are reckoned overdue at the end of a
// past period, but at now while the period runs.
func TestCutoff(t *testing.T) {
	r := q3()
	if got, want := Cutoff(r), r.To; !got.Equal(want) {
		t.Fatalf("past period: got %v, want %v", got, want)
	}
	r.From, r.To = date(2026, 1, 1), date(2027, 1, 1)
	if got, want := Cutoff(r), r.Now; !got.Equal(want) {
		t.Fatalf("running period: got %v, want %v", got, want)
	}
}
