package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// seeded opens a SQLite store and fills 2026-Q3 with more correspondence
// than one page holds, partners, contacts, calls and an obligation.
func seeded(t testing.TB, entries int) (context.Context, Source) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := date(2025, 1, 10)
	db.Now = func() time.Time { return clock }
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "T1"), "U1")
	src := Source{Correspondence: sqlite.NewCorrespondenceService(db), Partners: sqlite.NewPartnerService(db),
		Calls: sqlite.NewCallService(db), Agreements: sqlite.NewAgreementService(db)}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	old := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Ιταλία"}
	must(src.Partners.CreatePartner(ctx, old))
	clock = date(2026, 8, 3)
	fresh := &proxenos.Partner{Name: "Πρεσβεία της Γαλλίας", Kind: proxenos.KindEmbassy, Country: "Γαλλία"}
	must(src.Partners.CreatePartner(ctx, fresh))
	for i := range entries {
		dir, partner := proxenos.Incoming, old.ID
		if i%3 == 0 {
			dir, partner = proxenos.Outgoing, fresh.ID
		}
		must(src.Correspondence.CreateCorrespondence(ctx, &proxenos.Correspondence{Direction: dir,
			Date: date(2026, 7, 1).AddDate(0, 0, i%92), Registered: date(2026, 7, 1).AddDate(0, 0, i%92), PartnerID: partner, Subject: "Θέμα",
			Protocol: proxenos.ProtocolNumber{Year: 2026}}))
	}
	// Outside the period on both sides.
	for _, d := range []time.Time{date(2026, 6, 30), date(2026, 10, 1)} {
		must(src.Correspondence.CreateCorrespondence(ctx, &proxenos.Correspondence{Direction: proxenos.Incoming,
			Date: d, Registered: d, PartnerID: old.ID, Subject: "Εκτός", Protocol: proxenos.ProtocolNumber{Year: 2026}}))
	}
	for _, d := range []time.Time{date(2026, 7, 15), date(2026, 9, 2), date(2026, 11, 2)} {
		must(src.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: old.ID, Kind: proxenos.ContactVideo, Date: d}))
	}
	for i, c := range []struct {
		id     string
		status proxenos.CallStatus
		at     time.Time
	}{
		{"CERV-2026-A", proxenos.CallSubmitted, date(2026, 9, 18)},
		{"CREA-2026-B", proxenos.CallWatching, date(2026, 7, 30)},
		{"LIFE-2027-C", proxenos.CallWatching, date(2027, 3, 1)},
	} {
		must(src.Calls.CreateCall(ctx, &proxenos.Call{Identifier: c.id, Title: "Πρόσκληση " + string(rune('Α'+i)),
			Programme: proxenos.ProgrammeFromIdentifier(c.id), Status: c.status,
			Deadlines: []proxenos.Deadline{{At: c.at.Add(18 * time.Hour)}}}))
	}
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{old.ID}, Title: "Αδελφοποίηση",
		Signed: date(2026, 9, 9), Status: proxenos.AgreementActive}
	must(src.Agreements.CreateAgreement(ctx, a))
	report := &proxenos.Obligation{AgreementID: a.ID, Text: "Ετήσια έκθεση", Due: date(2026, 9, 30).Add(12 * time.Hour),
		Status: proxenos.ObligationOpen}
	must(src.Agreements.AddObligation(ctx, report))
	return ctx, src
}

func TestLoad(t *testing.T) {
	const entries = 250 // more than two pages of MaxListLimit
	ctx, src := seeded(t, entries)
	now := date(2026, 11, 26).Add(10 * time.Hour)
	r, err := Load(ctx, src, date(2026, 7, 1), date(2026, 10, 1), now, athens)
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(r)
	outgoing := (entries + 2) / 3
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"correspondence", len(s.Correspondence), entries},
		{"incoming", s.Incoming, entries - outgoing},
		{"outgoing", s.Outgoing, outgoing},
		{"new partners", len(s.NewPartners), 1},
		{"contacts", len(s.Contacts), 2},
		{"calls", len(s.Calls), 2},
		{"by programme", len(s.CallsByProgramme), 2},
		{"agreements signed", len(s.AgreementsSigned), 1},
		{"overdue", len(s.Overdue), 1},
		{"met", len(s.Met), 0},
		{"months", len(s.Months), 3},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	if got, want := s.ByPartner[0], (Tally{"Φαέντσα", entries - outgoing, 0}); got != want {
		t.Errorf("top partner: got %v, want %v", got, want)
	}
	if got, want := s.ByCountry[1], (Tally{"FR", 0, outgoing}); got != want {
		t.Errorf("second country: got %v, want %v", got, want)
	}
}

func TestLoadWithoutCalls(t *testing.T) {
	ctx, src := seeded(t, 3)
	src.Calls, src.Agreements = nil, nil
	r, err := Load(ctx, src, date(2026, 7, 1), date(2026, 10, 1), date(2026, 11, 26), athens)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Correspondence); got != 3 {
		t.Fatalf("correspondence: got %d, want 3", got)
	}
	if r.Calls != nil || r.Obligations != nil {
		t.Fatalf("calls or obligations read without their services: %d, %d", len(r.Calls), len(r.Obligations))
	}
}

// BenchmarkReport measures a year's report: reading 1,000 entries from
// SQLite, the summary, the workbook and the chart.
func BenchmarkReport(b *testing.B) {
	ctx, src := seeded(b, 1000)
	from, to, now := date(2026, 1, 1), date(2027, 1, 1), date(2026, 11, 26)
	for b.Loop() {
		r, err := Load(ctx, src, from, to, now, athens)
		if err != nil {
			b.Fatal(err)
		}
		s := Summarize(r)
		if _, err := Workbook("el", s); err != nil {
			b.Fatal(err)
		}
		if _, err := Chart("el", s); err != nil {
			b.Fatal(err)
		}
	}
}
