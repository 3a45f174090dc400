package storagetest

import (
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunOfficeZone checks that a store follows proxenos.OfficeZone rather
// than Athens: it returns times in that zone and counts its calendar days.
// Each case sets the zone (New York or Tokyo, where midnight falls on
// another day or hour in Athens) and restores the default when it ends.
func RunOfficeZone(t *testing.T, open OpenFunc) {
	newYork, tokyo := mustLoad("America/New_York"), mustLoad("Asia/Tokyo")
	// setZone makes loc the office zone until t ends.
	setZone := func(t *testing.T, loc *time.Location) {
		proxenos.SetOfficeZone(loc)
		t.Cleanup(func() { proxenos.SetOfficeZone(nil) })
	}
	ctx := Ctx(Team, "U1")

	t.Run("Times", func(t *testing.T) {
		setZone(t, tokyo)
		// 06:30 in Tokyo is still the day before in Athens.
		s := open(t, NewClock(time.Date(2027, 1, 4, 6, 30, 0, 0, tokyo)).Now)
		// New Year's Day in Tokyo is New Year's Eve, 17:00, in Athens.
		created := mustCreate(t, ctx, s, Entry(time.Date(2027, 1, 1, 0, 0, 0, 0, tokyo), "Ευχές"))
		got, err := s.Correspondence.FindCorrespondenceByNumber(ctx, created.Protocol)
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("FindCorrespondence: %d entries, %v", len(list), err)
		}
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Date(2028, 1, 1, 0, 0, 0, 0, tokyo)))
		foundA, err := s.Agreements.FindAgreementByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		o := mustObligation(t, ctx, s, NewObligation(a.ID, "Έκθεση", time.Date(2027, 4, 1, 0, 0, 0, 0, tokyo)))
		foundO, err := s.Agreements.FindObligationByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			got  time.Time
			want string
		}{
			{"Date", got.Date, "01/01/2027 00:00 JST"},
			{"CreatedAt", got.CreatedAt, "04/01/2027 06:30 JST"},
			{"ListDate", list[0].Date, "01/01/2027 00:00 JST"},
			{"End", foundA.End, "01/01/2028 00:00 JST"},
			{"Due", foundO.Due, "01/04/2027 00:00 JST"},
		} {
			if s := stamp(tt.got); s != tt.want {
				t.Errorf("%s = %s, want %s", tt.name, s, tt.want)
			}
		}
	})

	t.Run("ExpiringWithinDays", func(t *testing.T) {
		setZone(t, newYork)
		// 20:00 on 26 November in New York is the 27th in Athens: an
		// agreement ending 3 December is 7 days away, not 6.
		now := time.Date(2026, 11, 26, 20, 0, 0, 0, newYork)
		s := open(t, NewClock(now).Now)
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Date(2026, 12, 3, 0, 0, 0, 0, newYork)))
		for _, tt := range []struct {
			name   string
			filter proxenos.AgreementFilter
			want   []string
		}{
			{"StoreClock", proxenos.AgreementFilter{ExpiringWithinDays: 7}, []string{a.Title}},
			{"StoreClockDayShort", proxenos.AgreementFilter{ExpiringWithinDays: 6}, []string{}},
			{"Now", proxenos.AgreementFilter{ExpiringWithinDays: 7, Now: now}, []string{a.Title}},
			{"NowDayShort", proxenos.AgreementFilter{ExpiringWithinDays: 6, Now: now}, []string{}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				f := tt.filter
				f.Now = now // Match needs it; the store counts the same days
				if got, want := f.Match(a), len(tt.want) == 1; got != want {
					t.Errorf("Match = %t, want %t", got, want)
				}
				wantFound(t, ctx, s.Agreements.FindAgreements, tt.filter, titles, tt.want)
			})
		}
	})

	t.Run("NoticeDeadline", func(t *testing.T) {
		setZone(t, tokyo)
		s := open(t, NewClock(time.Date(2026, 11, 26, 9, 0, 0, 0, tokyo)).Now)
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		// A month before 1 March in Tokyo is 1 February there; in Athens
		// the end is 28 February and the deadline 29 January, Tokyo time.
		in := NewAgreement("Μνημόνιο", p.ID, time.Date(2029, 3, 1, 0, 0, 0, 0, tokyo))
		in.Notice = proxenos.Period{Months: 1}
		a := mustAgreement(t, ctx, s, in)
		day := func(d int) time.Time { return time.Date(2029, 2, d, 0, 0, 0, 0, tokyo) }
		for _, tt := range []struct {
			name     string
			from, to time.Time
			want     []string
		}{
			{"OK", day(1), day(2), []string{a.Title}},
			{"DayBefore", day(1).AddDate(0, 0, -3), day(1), []string{}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				wantFound(t, ctx, s.Agreements.FindAgreements, proxenos.AgreementFilter{DatesFrom: tt.from, DatesTo: tt.to}, titles, tt.want)
			})
		}
	})

	t.Run("NextDue", func(t *testing.T) {
		setZone(t, tokyo)
		s := open(t, time.Now)
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Time{}))
		// Monthly from 31 January 00:30 in Tokyo (30 January in Athens):
		// the last day of February in Tokyo, not 1 March.
		in := NewObligation(a.ID, "Μηνιαία αναφορά", time.Date(2027, 1, 31, 0, 30, 0, 0, tokyo))
		in.Recurrence = proxenos.Recurrence{Months: 1}
		o := mustObligation(t, ctx, s, in)
		got, err := completeNow(ctx, s, o.ID, fulfilment(time.Date(2027, 1, 30, 12, 0, 0, 0, tokyo)))
		if err != nil {
			t.Fatal(err)
		}
		if d, want := stamp(got.Due), "28/02/2027 00:30 JST"; d != want {
			t.Errorf("Due = %s, want %s", d, want)
		}
	})
}
