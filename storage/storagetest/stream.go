package storagetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunStreams checks the reads of whole registers that exports, reports
// and the Home make: EachCorrespondence, EachPartner, EachContact and
// RecentPartners.
func RunStreams(t *testing.T, open OpenFunc) {
	t.Run("EachCorrespondence", func(t *testing.T) { runEachCorrespondence(t, open) })
	t.Run("EachPartnerAndContact", func(t *testing.T) { runEachPartner(t, open) })
	t.Run("RecentPartners", func(t *testing.T) { runRecentPartners(t, open) })
}

// eachNumbers returns the protocol numbers EachCorrespondence gives for f,
// in its order.
func eachNumbers(ctx context.Context, s interface {
	EachCorrespondence(context.Context, proxenos.CorrespondenceFilter, func(*proxenos.Correspondence) error) error
}, f proxenos.CorrespondenceFilter) ([]string, error) {
	got := []string{}
	err := s.EachCorrespondence(ctx, f, func(c *proxenos.Correspondence) error {
		got = append(got, c.Protocol.String())
		return nil
	})
	return got, err
}

// runEachCorrespondence logs entries whose dates run against their
// numbers, over two years, and streams them with each filter: in
// protocol order (year, then number), whatever the dates, and as much
// as the register holds, past any page.
func runEachCorrespondence(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Ιταλία"})
	mk := func(d time.Time, dir proxenos.Direction, partner, country string, tags ...string) *proxenos.Correspondence {
		c := Entry(d, "entry")
		c.Direction, c.PartnerID, c.Country, c.Tags = dir, partner, country, tags
		return mustCreate(t, ctx, s, c)
	}
	mk(Day(2026, 3, 1), proxenos.Incoming, faenza.ID, "Ιταλία", "cerv") // 1/2026
	mk(Day(2026, 1, 10), proxenos.Outgoing, "", "Γερμανία")             // 2/2026
	mk(Day(2026, 2, 10), proxenos.Outgoing, faenza.ID, "Ιταλία")        // 3/2026
	mk(Day(2025, 12, 31), proxenos.Incoming, "", "Romania", "CERV")     // 1/2025
	mk(Day(2025, 6, 1), proxenos.Outgoing, "", "Romania")               // 2/2025
	mustCreate(t, Ctx(OtherTeam, "U2"), s, Entry(Day(2026, 1, 1), "theirs"))
	for _, tt := range []struct {
		name   string
		filter proxenos.CorrespondenceFilter
		want   []string
	}{
		{"All", proxenos.CorrespondenceFilter{}, []string{"1/2025", "2/2025", "1/2026", "2/2026", "3/2026"}},
		{"PageIgnored", proxenos.CorrespondenceFilter{Offset: 1, Limit: 1}, []string{"1/2025", "2/2025", "1/2026", "2/2026", "3/2026"}},
		{"Period", proxenos.CorrespondenceFilter{From: Day(2025, 12, 31), To: Day(2026, 3, 1)}, []string{"1/2025", "2/2026", "3/2026"}},
		{"Direction", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing}, []string{"2/2025", "2/2026", "3/2026"}},
		{"Partner", proxenos.CorrespondenceFilter{PartnerID: faenza.ID}, []string{"1/2026", "3/2026"}},
		{"Country", proxenos.CorrespondenceFilter{Country: "ROMANIA"}, []string{"1/2025", "2/2025"}},
		{"Tag", proxenos.CorrespondenceFilter{Tag: "cerv"}, []string{"1/2025", "1/2026"}},
		{"Combined", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing, Country: "ΙΤΑΛΙΑ", From: Day(2026, 1, 1)}, []string{"3/2026"}},
		{"None", proxenos.CorrespondenceFilter{Country: "Sweden"}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := eachNumbers(ctx, s.Correspondence, tt.filter)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	t.Run("ErrQuery", func(t *testing.T) {
		if _, err := eachNumbers(ctx, s.Correspondence, proxenos.CorrespondenceFilter{Query: "entry"}); err == nil {
			t.Fatal("a search was streamed")
		}
	})
	t.Run("ErrFromFn", func(t *testing.T) {
		stop, seen := errors.New("stop"), 0
		err := s.Correspondence.EachCorrespondence(ctx, proxenos.CorrespondenceFilter{}, func(*proxenos.Correspondence) error {
			seen++
			return stop
		})
		if !errors.Is(err, stop) || seen != 1 {
			t.Fatalf("error %v after %d entries, want stop after 1", err, seen)
		}
	})
	t.Run("Whole", func(t *testing.T) {
		const more = 2*proxenos.MaxListLimit + 7
		for i := range more {
			c := Entry(Day(2024, 1, 1).AddDate(0, 0, i%50), fmt.Sprint("entry ", i))
			mustCreate(t, ctx, s, c)
		}
		got, err := eachNumbers(ctx, s.Correspondence, proxenos.CorrespondenceFilter{To: Day(2025, 1, 1)})
		if err != nil || len(got) != more || got[0] != "1/2024" || got[more-1] != fmt.Sprintf("%d/2024", more) {
			t.Fatalf("%d entries (%v), first %v; want %d from 1/2024", len(got), err, got[:min(3, len(got))], more)
		}
		for i, n := range got {
			if want := fmt.Sprintf("%d/2024", i+1); n != want {
				t.Fatalf("entry %d is %s, want %s", i, n, want)
			}
		}
	})
}

// runEachPartner checks that EachPartner gives the whole directory by
// name, and EachContact the contacts of a period, earliest first.
func runEachPartner(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	var names []string
	for i := range proxenos.MaxListLimit + 3 {
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: fmt.Sprintf("Δήμος %03d", proxenos.MaxListLimit+2-i), Kind: proxenos.KindMunicipality})
		names = append([]string{p.Name}, names...)
		if i < 3 {
			for _, d := range []time.Time{Day(2026, 1, 31), Day(2026, 2, 1).Add(time.Duration(i) * time.Hour), Day(2026, 3, 1)} {
				if err := s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactCall, Date: d}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	mustPartner(t, Ctx(OtherTeam, "U2"), s, &proxenos.Partner{Name: "Ξένος", Kind: proxenos.KindOther})
	var got []string
	if err := s.Partners.EachPartner(ctx, func(p *proxenos.Partner) error {
		got = append(got, p.Name)
		return nil
	}); err != nil || !reflect.DeepEqual(got, names) {
		t.Fatalf("EachPartner: %d partners (%v), want %d by name", len(got), err, len(names))
	}
	var dates []time.Time
	if err := s.Partners.EachContact(ctx, Day(2026, 2, 1), Day(2026, 3, 1), func(c *proxenos.Contact) error {
		dates = append(dates, c.Date)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []time.Time{Day(2026, 2, 1), Day(2026, 2, 1).Add(time.Hour), Day(2026, 2, 1).Add(2 * time.Hour)}
	if len(dates) != len(want) {
		t.Fatalf("EachContact of February: %v, want %v", dates, want)
	}
	for i := range want {
		if !dates[i].Equal(want[i]) {
			t.Fatalf("EachContact of February: %v, want %v", dates, want)
		}
	}
	n := 0
	if err := s.Partners.EachContact(ctx, time.Time{}, time.Time{}, func(*proxenos.Contact) error { n++; return nil }); err != nil || n != 9 {
		t.Fatalf("EachContact unbounded: %d contacts (%v), want 9", n, err)
	}
	if err := s.Partners.EachContact(Ctx(OtherTeam, "U2"), time.Time{}, time.Time{}, func(*proxenos.Contact) error {
		return errors.New("another workspace's contact")
	}); err != nil {
		t.Fatal(err)
	}
}

// runRecentPartners checks the Home's recent contacts past the first
// thousand partners by name: the latest last contact wins wherever its
// partner sorts, partners never in contact are left out, ties go by name.
func runRecentPartners(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	partner := func(name string) *proxenos.Partner {
		return mustPartner(t, ctx, s, &proxenos.Partner{Name: name, Kind: proxenos.KindMunicipality})
	}
	contact := func(p *proxenos.Partner, d time.Time) {
		t.Helper()
		if err := s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactVisit, Date: d}); err != nil {
			t.Fatal(err)
		}
	}
	if got, total, err := s.Partners.RecentPartners(ctx, 5); err != nil || len(got) != 0 || total != 0 {
		t.Fatalf("empty directory: %d partners of %d (%v)", len(got), total, err)
	}
	early, last := partner("Άαχεν"), partner("Ωρωπός")
	partner("Βόννη") // never in contact
	tie, tied := partner("Δρέσδη"), partner("Γένοβα")
	contact(early, Day(2026, 1, 5))
	contact(tie, Day(2026, 2, 1))
	contact(tied, Day(2026, 2, 1))
	contact(last, Day(2026, 2, 1))
	c := Entry(Day(2026, 3, 3), "Επιστολή") // correspondence moves it too
	c.PartnerID = last.ID
	mustCreate(t, ctx, s, c)
	contact(last, Day(2025, 1, 1)) // older: no move
	got, total, err := s.Partners.RecentPartners(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	if want := []string{"Ωρωπός", "Γένοβα"}; !reflect.DeepEqual(names, want) || total != 4 || !got[0].LastContact.Equal(Day(2026, 3, 3)) {
		t.Fatalf("got %v of %d, first at %v; want %v of 4, first at 2026-03-03", names, total, got[0].LastContact, want)
	}
	all, _, err := s.Partners.RecentPartners(ctx, 0)
	if err != nil || len(all) != 4 || all[2].Name != "Δρέσδη" || all[3].Name != "Άαχεν" {
		t.Fatalf("default limit: %d partners (%v), want 4 ending with Δρέσδη, Άαχεν", len(all), err)
	}
	if theirs, n, err := s.Partners.RecentPartners(Ctx(OtherTeam, "U2"), 5); err != nil || len(theirs) != 0 || n != 0 {
		t.Fatalf("another workspace: %d partners of %d (%v)", len(theirs), n, err)
	}
}
