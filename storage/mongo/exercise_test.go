package mongo_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// op is one read the store serves: a list, a search or a lookup, with
// one combination of its filter's fields.
type op struct {
	name string
	run  func() error
}

// seedExercise fills s with storagetest.Seed and n more entries,
// partners, calls and agreements (each with an obligation) in
// storagetest.Team, and returns the reads to run on it: every list,
// search and lookup of the store with each field of its filter, as
// handlers/, scheduler/ and report/ call them.
func seedExercise(t *testing.T, s *storage.Store, n int) []op {
	t.Helper()
	storagetest.Seed(t, s)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	kinds := []proxenos.PartnerKind{proxenos.KindMunicipality, proxenos.KindEmbassy, proxenos.KindNetwork}
	countries := []string{"Italy", "Κύπρος", "France", "Deutschland"}
	var partner *proxenos.Partner
	var agreement *proxenos.Agreement
	var obligation *proxenos.Obligation
	var call *proxenos.Call
	// Each round adds a partner with an entry, a contact, a call, and an
	// agreement with an obligation; the last ones are what lookups name.
	for i := range n {
		p := &proxenos.Partner{Name: fmt.Sprintf("Δήμος %03d", i), Kind: kinds[i%len(kinds)], Country: countries[i%len(countries)],
			Relationship: proxenos.RelSisterCity}
		if err := s.Partners.CreatePartner(ctx, p); err != nil {
			t.Fatal(err)
		}
		partner = p
		c := storagetest.Entry(storagetest.Day(2026, time.Month(1+i%12), 1+i%28), fmt.Sprintf("Πρόσκληση αδελφοποίησης %d", i))
		c.PartnerID, c.Country, c.Tags = p.ID, p.Country, []string{"q-cities"}
		if i%2 == 1 {
			c.Direction = proxenos.Outgoing
		}
		if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactVideo,
			Date: c.Date, LoggedBy: "U1"}); err != nil {
			t.Fatal(err)
		}
		call = storagetest.NewCall(fmt.Sprintf("CERV-2027-CITIZENS-TOWN-%03d", i), storagetest.Day(2027, time.Month(1+i%12), 15))
		call.PartnerIDs, call.Owner = []string{p.ID}, "U1"
		if err := s.Calls.CreateCall(ctx, call); err != nil {
			t.Fatal(err)
		}
		agreement = storagetest.NewAgreement(fmt.Sprintf("Μνημόνιο %03d", i), p.ID, storagetest.Day(2027+i%3, time.Month(1+i%12), 1))
		agreement.Notice = proxenos.Period{Months: 3}
		if err := s.Agreements.CreateAgreement(ctx, agreement); err != nil {
			t.Fatal(err)
		}
		obligation = storagetest.NewObligation(agreement.ID, "Ετήσια έκθεση", storagetest.Day(2027, time.Month(1+i%12), 10))
		obligation.Owner, obligation.LeadDays = "U1", []int{60, 7}
		if err := s.Agreements.AddObligation(ctx, obligation); err != nil {
			t.Fatal(err)
		}
	}
	// Filters read as handlers build them: a fixed "now" and periods.
	now := storagetest.Day(2026, 11, 26)
	from, to := storagetest.Day(2026, 1, 1), storagetest.Day(2027, 1, 1)
	corr := func(f proxenos.CorrespondenceFilter) func() error {
		return func() error { _, _, err := s.Correspondence.FindCorrespondence(ctx, f); return err }
	}
	partners := func(f proxenos.PartnerFilter) func() error {
		return func() error { _, _, err := s.Partners.FindPartners(ctx, f); return err }
	}
	calls := func(f proxenos.CallFilter) func() error {
		return func() error { _, _, err := s.Calls.FindCalls(ctx, f); return err }
	}
	agreements := func(f proxenos.AgreementFilter) func() error {
		return func() error { _, _, err := s.Agreements.FindAgreements(ctx, f); return err }
	}
	obligations := func(f proxenos.ObligationFilter) func() error {
		return func() error { _, _, err := s.Agreements.FindObligations(ctx, f); return err }
	}
	deliveries := func(f proxenos.DeliveryFilter) func() error {
		return func() error { _, err := s.Reminders.FindDeliveries(ctx, f); return err }
	}
	open := []proxenos.ObligationStatus{proxenos.ObligationOpen}
	return []op{
		// The register: the list, each filter, search by whole words and prefixes.
		{"FindCorrespondence", corr(proxenos.CorrespondenceFilter{})},
		{"FindCorrespondence/Page2", corr(proxenos.CorrespondenceFilter{Offset: 5, Limit: 5})},
		{"FindCorrespondence/Direction", corr(proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing})},
		{"FindCorrespondence/Partner", corr(proxenos.CorrespondenceFilter{PartnerID: partner.ID})},
		{"FindCorrespondence/Country", corr(proxenos.CorrespondenceFilter{Country: "italy"})},
		{"FindCorrespondence/Tag", corr(proxenos.CorrespondenceFilter{Tag: "Q-Cities"})},
		{"FindCorrespondence/Period", corr(proxenos.CorrespondenceFilter{From: from, To: to})},
		{"FindCorrespondence/Query", corr(proxenos.CorrespondenceFilter{Query: "πρόσκληση"})},
		{"FindCorrespondence/QueryPrefix", corr(proxenos.CorrespondenceFilter{Query: "αδελφοπ 3"})},
		{"FindCorrespondence/QueryWords", corr(proxenos.CorrespondenceFilter{Query: "πρόσκληση αδελφοποίηση"})},
		{"FindCorrespondence/DirectionQuery", corr(proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing, Query: "αδελφ"})},
		{"FindCorrespondence/QueryAndPeriod", corr(proxenos.CorrespondenceFilter{Query: "πρόσκληση", From: from, To: to})},
		{"FindCorrespondenceByNumber", func() error {
			_, err := s.Correspondence.FindCorrespondenceByNumber(ctx, proxenos.ProtocolNumber{Year: 2026, Number: 1})
			return err
		}},
		// The directory, its search and a partner's contacts.
		{"FindPartners", partners(proxenos.PartnerFilter{})},
		{"FindPartners/Country", partners(proxenos.PartnerFilter{Country: "Κύπρος"})},
		{"FindPartners/Kind", partners(proxenos.PartnerFilter{Kind: proxenos.KindEmbassy})},
		{"FindPartners/Relationship", partners(proxenos.PartnerFilter{Relationship: proxenos.RelSisterCity})},
		{"FindPartners/Query", partners(proxenos.PartnerFilter{Query: "δήμος"})},
		{"FindPartners/QueryPrefix", partners(proxenos.PartnerFilter{Query: "δήμ"})},
		{"FindPartnerByID", func() error { _, err := s.Partners.FindPartnerByID(ctx, partner.ID); return err }},
		{"FindContacts", func() error { _, err := s.Partners.FindContacts(ctx, partner.ID, 5); return err }},
		// Calls as the home tab and the reminder engine read them.
		{"FindCalls/Active", calls(proxenos.CallFilter{Now: now, Status: proxenos.ActiveCallStatuses, All: true})},
		{"FindCalls", calls(proxenos.CallFilter{Now: now})},
		{"FindCalls/Owner", calls(proxenos.CallFilter{Now: now, Owner: "U1"})},
		{"FindCalls/Programme", calls(proxenos.CallFilter{Now: now, Programme: proxenos.ProgrammeCERV})},
		{"FindCalls/Partner", calls(proxenos.CallFilter{Now: now, PartnerID: partner.ID})},
		{"FindCalls/Deadlines", calls(proxenos.CallFilter{Now: now, Status: proxenos.ActiveCallStatuses,
			DeadlineFrom: from, DeadlineTo: storagetest.Day(2027, 6, 1)})},
		{"FindCallByID", func() error { _, err := s.Calls.FindCallByID(ctx, call.ID); return err }},
		{"FindCallByID/Identifier", func() error { _, err := s.Calls.FindCallByID(ctx, call.Identifier); return err }},
		// Agreements and obligations: lists, the reminder engine's windows.
		{"FindAgreements", agreements(proxenos.AgreementFilter{Now: now})},
		{"FindAgreements/Kind", agreements(proxenos.AgreementFilter{Now: now, Kind: proxenos.AgreementMemorandum})},
		{"FindAgreements/Active", agreements(proxenos.AgreementFilter{Now: now, Status: []proxenos.AgreementStatus{proxenos.AgreementActive}})},
		{"FindAgreements/Partner", agreements(proxenos.AgreementFilter{Now: now, PartnerID: partner.ID})},
		{"FindAgreements/Expiring", agreements(proxenos.AgreementFilter{Now: now, ExpiringWithinDays: 400})},
		{"FindAgreements/Dates", agreements(proxenos.AgreementFilter{Now: now, Status: []proxenos.AgreementStatus{proxenos.AgreementActive},
			DatesFrom: now, DatesTo: now.AddDate(0, 3, 0)})},
		{"FindAgreementByID", func() error { _, err := s.Agreements.FindAgreementByID(ctx, agreement.ID); return err }},
		{"FindObligations", obligations(proxenos.ObligationFilter{})},
		{"FindObligations/Agreement", obligations(proxenos.ObligationFilter{AgreementID: agreement.ID})},
		{"FindObligations/Owner", obligations(proxenos.ObligationFilter{Owner: "U1", Status: open})},
		{"FindObligations/Mine", obligations(proxenos.ObligationFilter{Owner: "U1", Status: open, DueTo: now.AddDate(0, 0, 14)})},
		{"FindObligations/Due", obligations(proxenos.ObligationFilter{Status: open, DueFrom: now, DueTo: now.AddDate(0, 2, 0)})},
		{"FindObligations/LeadDays", obligations(proxenos.ObligationFilter{Status: open, DueFrom: now.AddDate(0, 2, 0), LeadDaysOver: 30})},
		// Glossary, usage, reminder records, preferences, calendar feeds.
		{"FindGlossary", func() error { _, err := s.Glossary.FindGlossary(ctx); return err }},
		{"SumUsage", func() error { _, err := s.Usage.SumUsage(ctx, from, to); return err }},
		{"FindDeliveries", deliveries(proxenos.DeliveryFilter{})},
		{"FindDeliveries/Keys", deliveries(proxenos.DeliveryFilter{Keys: []string{"a", "b"}})},
		{"FindDeliveries/States", deliveries(proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryPending},
			Since: from, Kind: proxenos.ReminderCallDeadline})},
		{"FindMarks", func() error { _, err := s.Reminders.FindMarks(ctx); return err }},
		{"FindMarks/Items", func() error { _, err := s.Reminders.FindMarks(ctx, "a", "b"); return err }},
		{"FindLease", func() error {
			_, err := s.Reminders.FindLease(ctx, "reminders")
			if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
				return nil
			}
			return err
		}},
		{"FindPreference", func() error {
			_, err := s.Preferences.FindPreference(ctx, "U1")
			return err
		}},
		{"RevokeCalendarFeeds", func() error { _, err := s.CalendarFeeds.RevokeCalendarFeeds(ctx); return err }},
		// Export: every workspace, every record.
		{"Teams", func() error { _, err := s.Registers.Teams(ctx); return err }},
		{"Dump", func() error { storagetest.Dump(t, s); return nil }},
	}
}
