package storagetest

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// RunWorkspaceZones checks that one store keeps two workspaces in
// different zones apart, each by the zone its context carries
// (proxenos.NewContextWithZone): an entry is registered on its own
// workspace's day and numbered in that day's year, "within N days"
// counts that workspace's days, and every time comes back in its zone.
func RunWorkspaceZones(t *testing.T, open OpenFunc) {
	t.Run("ProtocolYear", func(t *testing.T) { runZoneProtocolYear(t, open) })
	t.Run("RegistrationDay", func(t *testing.T) { runZoneRegistration(t, open) })
	t.Run("ExpiringWithinDays", func(t *testing.T) { runZoneExpiring(t, open) })
	t.Run("Times", func(t *testing.T) { runZoneTimes(t, open) })
}

// runZoneProtocolYear checks that an entry logged without a registration
// day is registered on its workspace's day, in that day's protocol year.
func runZoneProtocolYear(t *testing.T, open OpenFunc) {
	lisbon := mustLoad("Europe/Lisbon")
	// 23:30 on New Year's Eve in Lisbon is 01:30 on 1 January in
	// Athens: each office logs into its own year's protocol.
	s := open(t, NewClock(time.Date(2026, 12, 31, 23, 30, 0, 0, lisbon)).Now)
	for _, w := range []struct {
		ctx        context.Context
		date       time.Time
		number     string
		registered string
	}{
		{zoneCtx(Team, lisbon), time.Date(2026, 12, 31, 0, 0, 0, 0, lisbon), "1/2026", "31/12/2026 00:00 WET"},
		{zoneCtx(OtherTeam, Athens), time.Date(2027, 1, 1, 0, 0, 0, 0, Athens), "1/2027", "01/01/2027 00:00 EET"},
	} {
		c := Entry(w.date, "Ευχές για το νέο έτος")
		c.Registered = time.Time{} // the store's today, in the workspace
		if err := s.Correspondence.CreateCorrespondence(w.ctx, c); err != nil {
			t.Fatalf("%s: CreateCorrespondence: %v", w.number, err)
		}
		got, err := s.Correspondence.FindCorrespondenceByNumber(w.ctx, c.Protocol)
		if err != nil {
			t.Fatal(err)
		}
		if c.Protocol.String() != w.number || stamp(c.Registered) != w.registered || stamp(got.Registered) != w.registered {
			t.Errorf("entry %s registered %s (found %s), want %s registered %s",
				c.Protocol, stamp(c.Registered), stamp(got.Registered), w.number, w.registered)
		}
	}
}

// runZoneRegistration checks the registration day of an entry logged,
// and of one imported without it, in two workspaces a day apart.
func runZoneRegistration(t *testing.T, open OpenFunc) {
	newYork, tokyo := mustLoad("America/New_York"), mustLoad("Asia/Tokyo")
	// 20:00 on 10 March in New York is 10:00 on the 11th in Tokyo
	// (and 02:00 on the 11th in Athens).
	now := time.Date(2027, 3, 10, 20, 0, 0, 0, newYork)
	s := open(t, NewClock(now).Now)
	for _, w := range []struct {
		ctx  context.Context
		loc  *time.Location
		want string
	}{
		{zoneCtx(Team, newYork), newYork, "10/03/2027 00:00 EST"},
		{zoneCtx(OtherTeam, tokyo), tokyo, "11/03/2027 00:00 JST"},
	} {
		logged := Entry(time.Date(2027, 3, 1, 0, 0, 0, 0, w.loc), "Πρόσκληση")
		logged.Registered = time.Time{}
		// An entry of an old export has no registration day: it was
		// registered the day it was created, in its workspace.
		imported := Entry(time.Date(2027, 3, 1, 0, 0, 0, 0, w.loc), "Παλιά επιστολή")
		imported.Protocol.Number, imported.Registered, imported.CreatedAt = 7, time.Time{}, now
		mustCreate(t, w.ctx, s, logged)
		if _, err := register(t, s, "correspondence").Restore(w.ctx, imported, 0); err != nil {
			t.Fatalf("restore: %v", err)
		}
		for _, c := range []*proxenos.Correspondence{logged, imported} {
			got, err := s.Correspondence.FindCorrespondenceByNumber(w.ctx, c.Protocol)
			if err != nil {
				t.Fatal(err)
			}
			if stamp(got.Registered) != w.want {
				t.Errorf("%s: %s registered %s, want %s", w.loc, c.Subject, stamp(got.Registered), w.want)
			}
		}
	}
}

// runZoneExpiring checks that "within N days" counts the days of the
// workspace's zone, by the store's clock and by the filter's Now.
func runZoneExpiring(t *testing.T, open OpenFunc) {
	newYork := mustLoad("America/New_York")
	// 20:00 on 26 November in New York is the 27th in Athens: an
	// agreement ending on 3 December is 7 days away in New York, 6 in
	// Athens.
	now := time.Date(2026, 11, 26, 20, 0, 0, 0, newYork)
	s := open(t, NewClock(now).Now)
	inNewYork, inAthens := zoneCtx(Team, newYork), zoneCtx(OtherTeam, Athens)
	for _, w := range []struct {
		ctx      context.Context
		loc      *time.Location
		in6, in7 []string
	}{
		{inNewYork, newYork, []string{}, []string{"Μνημόνιο"}},
		{inAthens, Athens, []string{"Μνημόνιο"}, []string{"Μνημόνιο"}},
	} {
		t.Run(w.loc.String(), func(t *testing.T) {
			p := mustPartner(t, w.ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
			mustAgreement(t, w.ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Date(2026, 12, 3, 0, 0, 0, 0, w.loc)))
			for _, at := range []time.Time{{}, now} { // the store's clock, then the filter's Now
				wantFound(t, w.ctx, s.Agreements.FindAgreements, proxenos.AgreementFilter{ExpiringWithinDays: 6, Now: at}, titles, w.in6)
				wantFound(t, w.ctx, s.Agreements.FindAgreements, proxenos.AgreementFilter{ExpiringWithinDays: 7, Now: at}, titles, w.in7)
			}
		})
	}
}

// runZoneTimes checks that the times of each workspace's records come
// back in its zone.
func runZoneTimes(t *testing.T, open OpenFunc) {
	newYork, tokyo := mustLoad("America/New_York"), mustLoad("Asia/Tokyo")
	s := open(t, NewClock(time.Date(2027, 3, 10, 20, 0, 0, 0, newYork)).Now)
	for team, loc := range map[string]*time.Location{Team: newYork, OtherTeam: tokyo} {
		times := workspaceTimes(t, zoneCtx(team, loc), s, loc)
		for _, name := range slices.Sorted(maps.Keys(times)) {
			if got := times[name].Location().String(); got != loc.String() {
				t.Errorf("%s: %s is in %s, want %s", loc, name, got, loc)
			}
		}
	}
}

// workspaceTimes stores an entry, a partner, an agreement with an
// obligation and a call in the workspace of ctx, given in UTC, and
// returns the times the store gives back, by where they were read.
func workspaceTimes(t *testing.T, ctx context.Context, s *storage.Store, loc *time.Location) map[string]time.Time {
	t.Helper()
	midnight := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, loc).UTC() }
	c := mustCreate(t, ctx, s, Entry(midnight(3, 1), "Ευχές"))
	found, err := s.Correspondence.FindCorrespondenceByNumber(ctx, c.Protocol)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("FindCorrespondence: %d entries, %v", len(list), err)
	}
	var streamed *proxenos.Correspondence
	if err := s.Correspondence.EachCorrespondence(ctx, proxenos.CorrespondenceFilter{}, func(c *proxenos.Correspondence) error {
		streamed = c
		return nil
	}); err != nil || streamed == nil {
		t.Fatalf("EachCorrespondence: %v", err)
	}
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	foundP, err := s.Partners.FindPartnerByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, midnight(12, 31)))
	agreements, _, err := s.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{})
	if err != nil || len(agreements) != 1 {
		t.Fatalf("FindAgreements: %d agreements, %v", len(agreements), err)
	}
	o := mustObligation(t, ctx, s, NewObligation(a.ID, "Έκθεση", midnight(4, 1)))
	foundO, err := s.Agreements.FindObligationByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	call := mustCall(t, ctx, s, NewCall("ERASMUS-EDU-2027-PI-ALL-INNO", midnight(5, 6).Add(17*time.Hour)))
	foundC, err := s.Calls.FindCallByID(ctx, call.ID)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]time.Time{
		"created entry's Registered": c.Registered, "created entry's Date": c.Date, "created entry's CreatedAt": c.CreatedAt,
		"found entry's Registered": found.Registered, "found entry's CreatedAt": found.CreatedAt,
		"listed entry's Date": list[0].Date, "streamed entry's Registered": streamed.Registered,
		"partner's CreatedAt": p.CreatedAt, "found partner's UpdatedAt": foundP.UpdatedAt,
		"agreement's End": a.End, "listed agreement's End": agreements[0].End,
		"obligation's Due": o.Due, "found obligation's Due": foundO.Due,
		"call's deadline": call.Deadlines[0].At, "found call's deadline": foundC.Deadlines[0].At,
	}
}

// zoneCtx returns a context scoped to team, acting as U1, in the zone loc.
func zoneCtx(team string, loc *time.Location) context.Context {
	return proxenos.NewContextWithZone(Ctx(team, "U1"), loc)
}

// stamp writes t as staff read it: day, time and zone.
func stamp(t time.Time) string { return t.Format("02/01/2006 15:04 MST") }
