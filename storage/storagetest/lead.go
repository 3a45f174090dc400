package storagetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunLeadDays checks ObligationFilter.LeadDaysOver, with which the
// reminder engine finds the open obligations due far ahead whose own lead
// times remind early: only those with a lead time longer than the given
// days, also after their lead times change and within a due range.
func RunLeadDays(t *testing.T, open OpenFunc) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, Athens)
	s := open(t, NewClock(now).Now)
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	add := func(text string, due time.Time, lead ...int) *proxenos.Obligation {
		o := NewObligation(a.ID, text, due)
		o.LeadDays = lead
		return mustObligation(t, ctx, s, o)
	}
	add("default lead", Day(2027, 3, 1))
	add("short lead", Day(2027, 3, 2), 7, 1)
	add("annual report", Day(2027, 6, 30), 1, 120, 30)
	changed := add("budget", Day(2027, 9, 30), 14)
	longer := []int{90, 14}
	if _, err := s.Agreements.UpdateObligation(ctx, changed.ID, proxenos.ObligationUpdate{LeadDays: &longer}); err != nil {
		t.Fatal(err)
	}
	// Another workspace's obligations never show.
	other := Ctx(OtherTeam, "U1")
	op := mustPartner(t, other, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	oa := mustAgreement(t, other, s, NewAgreement("Αδελφοποίηση", op.ID, time.Time{}))
	o := NewObligation(oa.ID, "other workspace", Day(2027, 6, 1))
	o.LeadDays = []int{200}
	mustObligation(t, other, s, o)
	openOnly := []proxenos.ObligationStatus{proxenos.ObligationOpen}
	for _, tt := range []struct {
		name   string
		filter proxenos.ObligationFilter
		want   []string
	}{
		{"OK", proxenos.ObligationFilter{Status: openOnly, LeadDaysOver: 14}, []string{"annual report", "budget"}},
		{"Longest", proxenos.ObligationFilter{LeadDaysOver: 119}, []string{"annual report"}},
		{"DueRange", proxenos.ObligationFilter{Status: openOnly, DueFrom: Day(2027, 7, 1), DueTo: Day(2028, 1, 1), LeadDaysOver: 14},
			[]string{"budget"}},
		{"None", proxenos.ObligationFilter{LeadDaysOver: 365}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Agreements.FindObligations(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ts := texts(got); !reflect.DeepEqual(ts, tt.want) || total != len(tt.want) {
				t.Fatalf("got %q of %d, want %q", ts, total, tt.want)
			}
			for _, o := range got {
				if !tt.filter.Match(o) {
					t.Errorf("%q does not match the filter it was found by", o.Text)
				}
			}
			// The reminder engine reads them all at once.
			f := tt.filter
			f.All = true
			wantFound(t, ctx, s.Agreements.FindObligations, f, texts, tt.want)
		})
	}
}
