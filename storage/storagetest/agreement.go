package storagetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// NewAgreement returns a valid active agreement with partner, ending on
// end (open-ended when zero).
func NewAgreement(title, partner string, end time.Time) *proxenos.Agreement {
	return &proxenos.Agreement{
		Kind:       proxenos.AgreementMemorandum,
		PartnerIDs: []string{partner},
		Title:      title,
		Start:      Day(2024, 1, 1),
		End:        end,
		Status:     proxenos.AgreementActive,
		CreatedBy:  "U1",
	}
}

// NewObligation returns a valid open obligation under agreement, due on due.
func NewObligation(agreement, text string, due time.Time) *proxenos.Obligation {
	return &proxenos.Obligation{AgreementID: agreement, Text: text, Due: due, Status: proxenos.ObligationOpen, CreatedBy: "U1"}
}

// mustAgreement stores a or fails the test.
func mustAgreement(t *testing.T, ctx context.Context, s *storage.Store, a *proxenos.Agreement) *proxenos.Agreement {
	t.Helper()
	if err := s.Agreements.CreateAgreement(ctx, a); err != nil {
		t.Fatalf("CreateAgreement(%q): %v", a.Title, err)
	}
	return a
}

// mustObligation stores o or fails the test.
func mustObligation(t *testing.T, ctx context.Context, s *storage.Store, o *proxenos.Obligation) *proxenos.Obligation {
	t.Helper()
	if err := s.Agreements.AddObligation(ctx, o); err != nil {
		t.Fatalf("AddObligation(%q): %v", o.Text, err)
	}
	return o
}

// titles returns the titles of agreements, in order.
func titles(as []*proxenos.Agreement) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

// texts returns the texts of obligations, in order.
func texts(os []*proxenos.Obligation) []string {
	out := make([]string, 0, len(os))
	for _, o := range os {
		out = append(out, o.Text)
	}
	return out
}

// completeNow completes the occurrence of obligation id due as it reads
// now, as a user who has just looked at it does.
func completeNow(ctx context.Context, s *storage.Store, id string, f proxenos.Fulfilment) (*proxenos.Obligation, error) {
	o, err := s.Agreements.FindObligationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.Agreements.CompleteObligation(ctx, id, o.Due, f)
}

// fulfilment returns a valid fulfilment by U0MARIA at at.
func fulfilment(at time.Time) proxenos.Fulfilment {
	return proxenos.Fulfilment{At: at, By: "U0MARIA", Evidence: "ΕΞ 258/2026"}
}

// RunAgreements checks agreements, their obligations, completing
// obligations (also concurrently) and finding due ones across agreements.
func RunAgreements(t *testing.T, open OpenFunc) {
	created := time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)
	t.Run("OK", func(t *testing.T) {
		s := open(t, NewClock(created).Now)
		ctx := Ctx(Team, "U1")
		faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		// Every field set, ending on a leap day.
		in := NewAgreement("Πρωτόκολλο φιλίας και συνεργασίας", faenza.ID, Day(2028, 2, 29))
		in.Kind, in.Signed, in.DecisionRef = proxenos.AgreementFriendship, Day(2023, 12, 20), "ΑΔΑ 6ΜΟΜΩΡΦ-56Δ"
		in.Renewal, in.Notice = proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 2}, proxenos.Period{Months: 6}
		in.Documents, in.Notes = []string{"https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ"}, "Σημειώσεις"
		a := mustAgreement(t, ctx, s, in)
		if a.ID == "" || !a.CreatedAt.Equal(created) || !a.UpdatedAt.Equal(created) {
			t.Fatalf("ID %q, CreatedAt %v, UpdatedAt %v", a.ID, a.CreatedAt, a.UpdatedAt)
		}
		got, err := s.Agreements.FindAgreementByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Fatalf("found\n%+v\nwant\n%+v", got, a)
		}
		// The stored end still counts back in the office calendar.
		if d, _ := got.NoticeDeadline(proxenos.OfficeZone()); d.Format(time.DateOnly) != "2027-08-29" {
			t.Fatalf("notice deadline %s, want 2027-08-29", d.Format(time.DateOnly))
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality})
		noTitle := NewAgreement(" ", p.ID, time.Time{})
		wantCode(t, s.Agreements.CreateAgreement(ctx, noTitle), proxenos.EINVALID)
		wantCode(t, s.Agreements.CreateAgreement(ctx, NewAgreement("x", "missing", time.Time{})), proxenos.EINVALID)
		// A partner of another workspace is not in this directory.
		wantCode(t, s.Agreements.CreateAgreement(Ctx(OtherTeam, "U2"), NewAgreement("x", p.ID, time.Time{})), proxenos.EINVALID)
		if _, n, _ := s.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{}); n != 0 {
			t.Fatalf("refused agreements were stored: %d", n)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality})
		a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
		o := mustObligation(t, ctx, s, NewObligation(a.ID, "Ετήσια έκθεση", Day(2027, 3, 31)))
		other := Ctx(OtherTeam, "U2")
		title, text := "x", "x"
		// Another workspace reaches none of it, by any method.
		for _, id := range []string{a.ID, "missing"} {
			_, err := s.Agreements.FindAgreementByID(other, id)
			wantCode(t, err, proxenos.ENOTFOUND)
			_, err = s.Agreements.UpdateAgreement(other, id, proxenos.AgreementUpdate{Title: &title})
			wantCode(t, err, proxenos.ENOTFOUND)
			wantCode(t, s.Agreements.AddObligation(other, NewObligation(id, "x", Day(2027, 1, 1))), proxenos.ENOTFOUND)
		}
		for _, id := range []string{o.ID, "missing"} {
			_, err := s.Agreements.FindObligationByID(other, id)
			wantCode(t, err, proxenos.ENOTFOUND)
			_, err = s.Agreements.UpdateObligation(other, id, proxenos.ObligationUpdate{Text: &text})
			wantCode(t, err, proxenos.ENOTFOUND)
			_, err = s.Agreements.CompleteObligation(other, id, o.Due, fulfilment(created))
			wantCode(t, err, proxenos.ENOTFOUND)
		}
		if list, n, _ := s.Agreements.FindObligations(other, proxenos.ObligationFilter{}); n != 0 || len(list) != 0 {
			t.Fatalf("another workspace sees %d obligations", n)
		}
		if list, n, _ := s.Agreements.FindAgreements(other, proxenos.AgreementFilter{}); n != 0 || len(list) != 0 {
			t.Fatalf("another workspace sees %d agreements", n)
		}
		got, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID})
		if err != nil || len(got) != 1 || got[0].Text != "Ετήσια έκθεση" || len(got[0].Fulfilments) != 0 {
			t.Fatalf("the obligation changed: %+v (%v)", got, err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		clock := NewClock(created)
		s := open(t, clock.Now)
		ctx := Ctx(Team, "U1")
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Πλοϊέστι", Kind: proxenos.KindMunicipality})
		a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, Day(2026, 12, 31)))
		clock.Set(created.Add(time.Hour))
		end, status := Day(2029, 12, 31), proxenos.AgreementActive
		got, err := s.Agreements.UpdateAgreement(ctx, a.ID, proxenos.AgreementUpdate{End: &end, Status: &status})
		if err != nil {
			t.Fatal(err)
		}
		if !got.End.Equal(end) || !got.UpdatedAt.Equal(clock.Now()) || len(got.History) != 1 || got.History[0].By != "U1" ||
			len(got.History[0].Fields) != 1 || got.History[0].Fields[0].Field != "end" {
			t.Fatalf("after update: %+v", got)
		}
		if found, err := s.Agreements.FindAgreementByID(ctx, a.ID); err != nil || !reflect.DeepEqual(found, got) {
			t.Fatalf("found\n%+v (%v)\nwant\n%+v", found, err, got)
		}
		// Refused updates leave the stored agreement as it was.
		early := Day(2020, 1, 1)
		_, err = s.Agreements.UpdateAgreement(ctx, a.ID, proxenos.AgreementUpdate{End: &early})
		wantCode(t, err, proxenos.EINVALID)
		partners := []string{p.ID, "missing"}
		_, err = s.Agreements.UpdateAgreement(ctx, a.ID, proxenos.AgreementUpdate{PartnerIDs: &partners})
		wantCode(t, err, proxenos.EINVALID)
		if found, _ := s.Agreements.FindAgreementByID(ctx, a.ID); !reflect.DeepEqual(found, got) {
			t.Fatalf("a refused update was stored: %+v", found)
		}
	})
	t.Run("Find", func(t *testing.T) { runFindAgreements(t, open) })
	t.Run("Dates", func(t *testing.T) { runAgreementDates(t, open) })
	t.Run("All", func(t *testing.T) { runAllAgreements(t, open) })
	t.Run("Obligations", func(t *testing.T) { runObligations(t, open) })
	t.Run("Recurring", func(t *testing.T) { runRecurring(t, open) })
	t.Run("CompleteOnce", func(t *testing.T) { runCompleteOnce(t, open) })
	t.Run("DueAcrossAgreements", func(t *testing.T) { runDueObligations(t, open) })
	t.Run("ConcurrentCompletions", func(t *testing.T) { RunConcurrentCompletions(t, open(t, time.Now), 20) })
	t.Run("History", func(t *testing.T) { runObligationHistory(t, open) })
	t.Run("ConcurrentStatusChanges", func(t *testing.T) { RunConcurrentStatusChanges(t, open(t, time.Now), 10) })
}

// runFindAgreements checks the order, the filters and "expiring within N
// days", counted in Athens calendar days.
func runFindAgreements(t *testing.T, open OpenFunc) {
	// 00:30 in Athens on 26 November is still 25 November in UTC.
	now := time.Date(2026, 11, 26, 0, 30, 0, 0, Athens)
	s := open(t, NewClock(now).Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	qcities := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Q-Cities", Kind: proxenos.KindNetwork})
	twinning := NewAgreement("Αδελφοποίηση Φαέντσας", faenza.ID, time.Time{})
	twinning.Kind = proxenos.AgreementTwinning
	network := NewAgreement("Μέλος Q-Cities", qcities.ID, time.Time{})
	network.Kind = proxenos.AgreementNetwork
	yesterday := NewAgreement("Έληξε χθες", faenza.ID, Day(2026, 11, 25))
	yesterday.Status = proxenos.AgreementExpired
	today := NewAgreement("Λήγει σήμερα", faenza.ID, Day(2026, 11, 26))
	in30 := NewAgreement("Λήγει σε 30 ημέρες", qcities.ID, Day(2026, 12, 26))
	in31 := NewAgreement("Λήγει σε 31 ημέρες", qcities.ID, Day(2026, 12, 27))
	// Same end: by title, accents and case aside.
	beta := NewAgreement("β μνημόνιο", faenza.ID, Day(2027, 12, 31))
	alpha := NewAgreement("Α μνημόνιο", faenza.ID, Day(2027, 12, 31))
	for _, a := range []*proxenos.Agreement{twinning, network, yesterday, today, in30, in31, beta, alpha} {
		mustAgreement(t, ctx, s, a)
	}
	mustAgreement(t, Ctx(OtherTeam, "U2"), s, NewAgreement("Άλλος χώρος",
		mustPartner(t, Ctx(OtherTeam, "U2"), s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}).ID, Day(2026, 12, 1)))
	// By end, soonest first; equal ends by title (accents and case
	// aside); open-ended ones last.
	all := []string{"Έληξε χθες", "Λήγει σήμερα", "Λήγει σε 30 ημέρες", "Λήγει σε 31 ημέρες", "Α μνημόνιο", "β μνημόνιο",
		"Αδελφοποίηση Φαέντσας", "Μέλος Q-Cities"}
	for _, tt := range []struct {
		name   string
		filter proxenos.AgreementFilter
		want   []string
		total  int
	}{
		{"OK", proxenos.AgreementFilter{}, all, 8},
		{"Kind", proxenos.AgreementFilter{Kind: proxenos.AgreementNetwork}, []string{"Μέλος Q-Cities"}, 1},
		{"Partner", proxenos.AgreementFilter{PartnerID: qcities.ID}, []string{"Λήγει σε 30 ημέρες", "Λήγει σε 31 ημέρες", "Μέλος Q-Cities"}, 3},
		{"Status", proxenos.AgreementFilter{Status: []proxenos.AgreementStatus{proxenos.AgreementExpired, proxenos.AgreementTerminated}},
			[]string{"Έληξε χθες"}, 1},
		// Today counts as day 0; yesterday (still today in UTC) does not.
		{"Expiring30", proxenos.AgreementFilter{ExpiringWithinDays: 30, Now: now}, []string{"Λήγει σήμερα", "Λήγει σε 30 ημέρες"}, 2},
		{"ExpiringStoreClock", proxenos.AgreementFilter{ExpiringWithinDays: 31}, []string{"Λήγει σήμερα", "Λήγει σε 30 ημέρες", "Λήγει σε 31 ημέρες"}, 3},
		// At 23:59 the same day counts the same: calendar days, not hours.
		{"ExpiringLateInDay", proxenos.AgreementFilter{ExpiringWithinDays: 30, Now: time.Date(2026, 11, 26, 23, 59, 0, 0, Athens)},
			[]string{"Λήγει σήμερα", "Λήγει σε 30 ημέρες"}, 2},
		{"ExpiringActive", proxenos.AgreementFilter{ExpiringWithinDays: 400, Now: now, Status: []proxenos.AgreementStatus{proxenos.AgreementActive}, Limit: 2, Offset: 1},
			[]string{"Λήγει σε 30 ημέρες", "Λήγει σε 31 ημέρες"}, 5},
		{"PastEnd", proxenos.AgreementFilter{Offset: 20}, []string{}, 8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Agreements.FindAgreements(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ts := titles(got); !reflect.DeepEqual(ts, tt.want) || total != tt.total {
				t.Fatalf("got %q of %d, want %q of %d", ts, total, tt.want, tt.total)
			}
			// The store's order is the domain's.
			sorted := append([]*proxenos.Agreement(nil), got...)
			proxenos.SortAgreements(sorted)
			if !reflect.DeepEqual(titles(sorted), titles(got)) {
				t.Fatalf("order %q is not SortAgreements' %q", titles(got), titles(sorted))
			}
			// All selects every match the filter does, whatever the page.
			t.Run("All", func(t *testing.T) {
				f := tt.filter
				f.Offset, f.Limit = 0, proxenos.MaxListLimit
				page, _, err := s.Agreements.FindAgreements(ctx, f)
				if err != nil || len(page) != tt.total {
					t.Fatalf("the first page holds %q (%v), want %d", titles(page), err, tt.total)
				}
				f = tt.filter
				f.All = true
				wantFound(t, ctx, s.Agreements.FindAgreements, f, titles, titles(page))
			})
		})
	}
}

// runAllAgreements checks that All returns every match at once, past
// MaxListLimit and whatever Offset and Limit say, each agreement once.
func runAllAgreements(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	want := make([]string, proxenos.MaxListLimit+1)
	for i := range want {
		end := time.Time{} // some open-ended, which paging puts last
		if i%3 != 0 {
			end = Day(2027, 1, 1+i%28)
		}
		want[i] = mustAgreement(t, ctx, s, NewAgreement(fmt.Sprintf("Μνημόνιο %03d", i), faenza.ID, end)).Title
	}
	slices.Sort(want)
	expired := NewAgreement("Έληξε", faenza.ID, Day(2026, 1, 1))
	expired.Status = proxenos.AgreementExpired
	mustAgreement(t, ctx, s, expired)
	active := []proxenos.AgreementStatus{proxenos.AgreementActive}
	for _, tt := range []struct {
		name   string
		filter proxenos.AgreementFilter
	}{
		{"OK", proxenos.AgreementFilter{Status: active, All: true}},
		{"PagingIgnored", proxenos.AgreementFilter{Status: active, Offset: 50, Limit: 10, All: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Agreements.FindAgreements(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			ts := titles(got)
			slices.Sort(ts)
			if !reflect.DeepEqual(ts, want) || total != len(want) {
				t.Fatalf("got %d agreements (total %d), want the %d active ones once each", len(ts), total, len(want))
			}
		})
	}
}

// runAgreementDates checks the reminder engine's filter: agreements
// whose end or notice deadline falls in [DatesFrom, DatesTo), also after
// an update moves them, exactly as AgreementFilter.Match decides.
func runAgreementDates(t *testing.T, open OpenFunc) {
	s := open(t, NewClock(time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)).Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	// Six months' notice before 31 December is 30 June.
	notice := NewAgreement("Με προειδοποίηση", faenza.ID, Day(2028, 12, 31))
	notice.Notice = proxenos.Period{Months: 6}
	endOnly := NewAgreement("Χωρίς προειδοποίηση", faenza.ID, Day(2028, 7, 15))
	openEnded := NewAgreement("Αορίστου", faenza.ID, time.Time{})
	openEnded.Notice = proxenos.Period{Months: 3}
	expired := NewAgreement("Έληξε", faenza.ID, Day(2028, 7, 1))
	expired.Status = proxenos.AgreementExpired
	moved := NewAgreement("Μετατέθηκε", faenza.ID, Day(2030, 1, 1))
	var stored []*proxenos.Agreement
	for _, a := range []*proxenos.Agreement{notice, endOnly, openEnded, expired, moved} {
		stored = append(stored, mustAgreement(t, ctx, s, a))
	}
	mustAgreement(t, Ctx(OtherTeam, "U2"), s, NewAgreement("Άλλος χώρος",
		mustPartner(t, Ctx(OtherTeam, "U2"), s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}).ID, Day(2028, 7, 1)))
	// An update's new notice period and end count, not the first ones.
	end, period := Day(2029, 1, 31), proxenos.Period{Months: 8} // notice by 31 May 2028
	updated, err := s.Agreements.UpdateAgreement(ctx, moved.ID, proxenos.AgreementUpdate{End: &end, Notice: &period})
	if err != nil {
		t.Fatal(err)
	}
	stored[4] = updated
	active := []proxenos.AgreementStatus{proxenos.AgreementActive}
	for _, tt := range []struct {
		name   string
		filter proxenos.AgreementFilter
		want   []string
		total  int
	}{
		{"Notice", proxenos.AgreementFilter{DatesFrom: Day(2028, 6, 1), DatesTo: Day(2028, 7, 1)}, []string{"Με προειδοποίηση"}, 1},
		{"EndAndNotice", proxenos.AgreementFilter{DatesFrom: Day(2028, 6, 30), DatesTo: Day(2028, 7, 16)},
			[]string{"Έληξε", "Χωρίς προειδοποίηση", "Με προειδοποίηση"}, 3},
		// DatesTo is not in the window; DatesFrom is, to the instant.
		{"EndExclusive", proxenos.AgreementFilter{DatesFrom: Day(2028, 7, 1), DatesTo: Day(2028, 7, 15)}, []string{"Έληξε"}, 1},
		{"FromInstant", proxenos.AgreementFilter{DatesFrom: Day(2028, 6, 30).Add(time.Nanosecond), DatesTo: Day(2028, 7, 2)},
			[]string{"Έληξε"}, 1},
		// Between the notice deadline and the end there is neither.
		{"Between", proxenos.AgreementFilter{DatesFrom: Day(2028, 8, 1), DatesTo: Day(2028, 12, 1)}, []string{}, 0},
		{"ActivePage", proxenos.AgreementFilter{DatesFrom: Day(2028, 6, 30), DatesTo: Day(2028, 7, 16), Status: active, Limit: 1, Offset: 1},
			[]string{"Με προειδοποίηση"}, 2},
		{"UpdatedEnd", proxenos.AgreementFilter{DatesFrom: Day(2029, 1, 1), DatesTo: Day(2029, 2, 1)}, []string{"Μετατέθηκε"}, 1},
		{"UpdatedNotice", proxenos.AgreementFilter{DatesFrom: Day(2028, 5, 31), DatesTo: Day(2028, 6, 1)}, []string{"Μετατέθηκε"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Agreements.FindAgreements(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ts := titles(got); !reflect.DeepEqual(ts, tt.want) || total != tt.total {
				t.Fatalf("got %q of %d, want %q of %d", ts, total, tt.want, tt.total)
			}
			// The store decides as Match does.
			var matched []*proxenos.Agreement
			for _, a := range stored {
				if tt.filter.Match(a) {
					matched = append(matched, a)
				}
			}
			if len(matched) != tt.total {
				t.Fatalf("Match keeps %q, the store %d", titles(matched), total)
			}
			// All reads the same matches, every one, in any order.
			f := tt.filter
			f.All = true
			wantFound(t, ctx, s.Agreements.FindAgreements, f, titles, titles(matched))
		})
	}
}

// runObligations checks adding, updating and completing one-off
// obligations.
func runObligations(t *testing.T, open OpenFunc) {
	created := time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)
	clock := NewClock(created)
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Μεγίστη", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	in := NewObligation(a.ID, "Επίσκεψη αντιπροσωπείας", time.Date(2027, 5, 20, 9, 0, 0, 0, Athens))
	in.Owner, in.LeadDays = "U0MARIA", []int{30, 7, 1}
	o := mustObligation(t, ctx, s, in)
	t.Run("OK", func(t *testing.T) {
		if o.ID == "" || !o.CreatedAt.Equal(created) {
			t.Fatalf("ID %q CreatedAt %v", o.ID, o.CreatedAt)
		}
		got, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID})
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], o) {
			t.Fatalf("found %+v (%v), want %+v", got, err, o)
		}
		one, err := s.Agreements.FindObligationByID(ctx, o.ID)
		if err != nil || !reflect.DeepEqual(one, o) {
			t.Fatalf("by id found %+v (%v), want %+v", one, err, o)
		}
		_, err = s.Agreements.FindObligationByID(ctx, "missing")
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		wantCode(t, s.Agreements.AddObligation(ctx, NewObligation(a.ID, " ", Day(2027, 1, 1))), proxenos.EINVALID)
		wantCode(t, s.Agreements.AddObligation(ctx, NewObligation("missing", "x", Day(2027, 1, 1))), proxenos.ENOTFOUND)
		owner := "maria"
		_, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Owner: &owner})
		wantCode(t, err, proxenos.EINVALID)
		_, err = completeNow(ctx, s, o.ID, proxenos.Fulfilment{At: created})
		wantCode(t, err, proxenos.EINVALID)
	})
	t.Run("Update", func(t *testing.T) {
		clock.Set(created.Add(time.Hour))
		owner, due := "U0NIKOS", time.Date(2027, 6, 3, 9, 0, 0, 0, Athens)
		got, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Owner: &owner, Due: &due})
		if err != nil {
			t.Fatal(err)
		}
		if got.Owner != owner || !got.Due.Equal(due) || !got.UpdatedAt.Equal(clock.Now()) || got.Text != o.Text {
			t.Fatalf("after update: %+v", got)
		}
		list, _, _ := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{Owner: owner})
		if len(list) != 1 || !reflect.DeepEqual(list[0], got) {
			t.Fatalf("found %+v, want %+v", list, got)
		}
	})
	t.Run("Complete", func(t *testing.T) {
		// A one-off obligation is done after one completion.
		at := time.Date(2027, 6, 2, 15, 0, 0, 0, Athens)
		got, err := completeNow(ctx, s, o.ID, fulfilment(at))
		if err != nil {
			t.Fatal(err)
		}
		want := []proxenos.Fulfilment{{Due: time.Date(2027, 6, 3, 9, 0, 0, 0, Athens), At: at, By: "U0MARIA", Evidence: "ΕΞ 258/2026"}}
		if got.Status != proxenos.ObligationDone || len(got.Fulfilments) != 1 || !got.Fulfilments[0].Due.Equal(want[0].Due) ||
			!got.Fulfilments[0].At.Equal(at) || got.Fulfilments[0].Evidence != want[0].Evidence {
			t.Fatalf("after completion: %+v", got)
		}
		list, _, _ := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID})
		if len(list) != 1 || !reflect.DeepEqual(list[0], got) {
			t.Fatalf("found %+v, want %+v", list, got)
		}
		_, err = completeNow(ctx, s, o.ID, fulfilment(at))
		wantCode(t, err, proxenos.ECONFLICT)
		// Reopened on the same date, the occurrence stays fulfilled.
		reopen := proxenos.ObligationOpen
		if _, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Status: &reopen}); err != nil {
			t.Fatal(err)
		}
		_, err = completeNow(ctx, s, o.ID, fulfilment(at))
		wantCode(t, err, proxenos.ECONFLICT)
		// Moved to a new date, it can be met again, keeping its history.
		due := time.Date(2028, 6, 3, 9, 0, 0, 0, Athens)
		if _, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Due: &due}); err != nil {
			t.Fatal(err)
		}
		again, err := completeNow(ctx, s, o.ID, fulfilment(at.AddDate(1, 0, 0)))
		if err != nil || len(again.Fulfilments) != 2 || !again.Fulfilments[1].Due.Equal(due) {
			t.Fatalf("second term: %+v (%v)", again, err)
		}
	})
	t.Run("Waived", func(t *testing.T) {
		w := mustObligation(t, ctx, s, NewObligation(a.ID, "Κοινή εκδήλωση", Day(2027, 9, 1)))
		waived := proxenos.ObligationWaived
		if _, err := s.Agreements.UpdateObligation(ctx, w.ID, proxenos.ObligationUpdate{Status: &waived}); err != nil {
			t.Fatal(err)
		}
		_, err := completeNow(ctx, s, w.ID, fulfilment(created))
		wantCode(t, err, proxenos.ECONFLICT)
	})
}

// runCompleteOnce checks that a completion names its occurrence: a retry
// of one that went through (its reply lost, say) is refused and the next
// occurrence stays open, and so is a completion of a date the obligation
// was moved away from.
func runCompleteOnce(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	first := time.Date(2027, 3, 31, 9, 0, 0, 0, Athens)
	in := NewObligation(a.ID, "Ετήσια έκθεση", first)
	in.Recurrence = proxenos.Recurrence{Months: 12}
	o := mustObligation(t, ctx, s, in)
	at := time.Date(2027, 3, 20, 12, 0, 0, 0, Athens)
	if _, err := s.Agreements.CompleteObligation(ctx, o.ID, first, fulfilment(at)); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrRetry", func(t *testing.T) {
		_, err := s.Agreements.CompleteObligation(ctx, o.ID, first, fulfilment(at.Add(time.Minute)))
		wantCode(t, err, proxenos.ECONFLICT)
		got, err := s.Agreements.FindObligationByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if next := first.AddDate(1, 0, 0); len(got.Fulfilments) != 1 || !got.Due.Equal(next) {
			t.Fatalf("after a retry: due %v, fulfilments %+v; want one, due %v", got.Due, got.Fulfilments, next)
		}
		if f, ok := got.FulfilmentOf(first); !ok || !f.At.Equal(at) {
			t.Fatalf("FulfilmentOf(first) = %+v, %v", f, ok)
		}
	})
	t.Run("ErrMoved", func(t *testing.T) {
		seen := first.AddDate(1, 0, 0)
		moved := seen.AddDate(0, 1, 0)
		if _, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Due: &moved}); err != nil {
			t.Fatal(err)
		}
		_, err := s.Agreements.CompleteObligation(ctx, o.ID, seen, fulfilment(at))
		wantCode(t, err, proxenos.ECONFLICT)
		got, err := s.Agreements.CompleteObligation(ctx, o.ID, moved, fulfilment(at))
		if err != nil || len(got.Fulfilments) != 2 || !got.Fulfilments[1].Due.Equal(moved) {
			t.Fatalf("completing the new date: %+v (%v)", got, err)
		}
	})
}

// runRecurring checks that recurring obligations move to their next
// occurrence in the office's wall clock: across a year end, from a leap
// day, and across the changes of summer time.
func runRecurring(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Βουκουρέστι Τομέας 6", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Time{}))
	at := time.Date(2026, 11, 26, 12, 0, 0, 0, Athens)
	// Each case completes the obligation len(want) times.
	for _, tt := range []struct {
		name       string
		first      time.Time
		recurrence proxenos.Recurrence
		want       []string // Due after each completion, in Athens
	}{
		{"YearEnd", time.Date(2026, 12, 31, 23, 30, 0, 0, Athens), proxenos.Recurrence{Months: 1},
			[]string{"2027-01-31T23:30:00+02:00", "2027-02-28T23:30:00+02:00", "2027-03-31T23:30:00+03:00"}},
		{"LeapDay", time.Date(2028, 2, 29, 9, 0, 0, 0, Athens), proxenos.Recurrence{Months: 12},
			[]string{"2029-02-28T09:00:00+02:00", "2030-02-28T09:00:00+02:00", "2031-02-28T09:00:00+02:00", "2032-02-29T09:00:00+02:00"}},
		{"SummerTime", time.Date(2027, 2, 28, 3, 30, 0, 0, Athens), proxenos.Recurrence{Months: 1},
			[]string{"2027-03-28T04:30:00+03:00", "2027-04-28T03:30:00+03:00"}},
		{"Rule", time.Date(2027, 10, 30, 3, 30, 0, 0, Athens), proxenos.Recurrence{Rule: "FREQ=DAILY"},
			[]string{"2027-10-31T03:30:00+02:00", "2027-11-01T03:30:00+02:00"}}, // the domain takes the later 03:30
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := NewObligation(a.ID, tt.name, tt.first)
			in.Recurrence = tt.recurrence
			o := mustObligation(t, ctx, s, in)
			dues := []time.Time{o.Due}
			for i, want := range tt.want {
				got, err := completeNow(ctx, s, o.ID, fulfilment(at))
				if err != nil {
					t.Fatalf("completion %d: %v", i+1, err)
				}
				list, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID, Status: []proxenos.ObligationStatus{proxenos.ObligationOpen}})
				if err != nil {
					t.Fatal(err)
				}
				var stored *proxenos.Obligation
				for _, x := range list {
					if x.ID == o.ID {
						stored = x
					}
				}
				// What CompleteObligation returns is what was stored.
				if stored == nil || !reflect.DeepEqual(stored, got) {
					t.Fatalf("completion %d: stored %+v, returned %+v", i+1, stored, got)
				}
				if d := stored.Due.Format(time.RFC3339); d != want || stored.Status != proxenos.ObligationOpen {
					t.Fatalf("completion %d: Due %s (%s), want %s", i+1, d, stored.Status, want)
				}
				if !stored.Start.Equal(tt.first) || !stored.Fulfilments[i].Due.Equal(dues[i]) || len(stored.Fulfilments) != i+1 {
					t.Fatalf("completion %d: Start %v, fulfilments %+v", i+1, stored.Start, stored.Fulfilments)
				}
				dues = append(dues, stored.Due)
			}
		})
	}
}

// runDueObligations checks finding overdue and soon-due obligations across
// agreements, earliest first.
func runDueObligations(t *testing.T, open OpenFunc) {
	now := time.Date(2026, 12, 28, 9, 0, 0, 0, Athens)
	s := open(t, NewClock(now).Now)
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	b := mustAgreement(t, ctx, s, NewAgreement("Μνημόνιο", p.ID, time.Time{}))
	for _, o := range []*proxenos.Obligation{
		NewObligation(a.ID, "overdue a", Day(2026, 12, 1)),
		NewObligation(b.ID, "overdue b", Day(2026, 11, 30)),
		NewObligation(b.ID, "due now", now),
		NewObligation(a.ID, "new year", time.Date(2027, 1, 1, 0, 0, 0, 0, Athens)),
		NewObligation(b.ID, "in a week", now.AddDate(0, 0, 7)),
		NewObligation(a.ID, "later", Day(2027, 3, 1)),
	} {
		o.Owner = "U0MARIA"
		if o.Text == "later" {
			o.Owner = "U0NIKOS"
		}
		mustObligation(t, ctx, s, o)
	}
	done := mustObligation(t, ctx, s, NewObligation(a.ID, "done", Day(2026, 12, 2)))
	if _, err := completeNow(ctx, s, done.ID, fulfilment(now)); err != nil {
		t.Fatal(err)
	}
	openOnly := []proxenos.ObligationStatus{proxenos.ObligationOpen}
	for _, tt := range []struct {
		name   string
		filter proxenos.ObligationFilter
		want   []string
		total  int
	}{
		// The queries of the daily digest: overdue, and due this week
		// (half-open: exactly a week from now is next week's).
		{"Overdue", proxenos.ObligationFilter{Status: openOnly, DueTo: now}, []string{"overdue b", "overdue a"}, 2},
		{"Week", proxenos.ObligationFilter{Status: openOnly, DueFrom: now, DueTo: now.AddDate(0, 0, 7)}, []string{"due now", "new year"}, 2},
		{"All", proxenos.ObligationFilter{}, []string{"overdue b", "overdue a", "done", "due now", "new year", "in a week", "later"}, 7},
		{"Agreement", proxenos.ObligationFilter{AgreementID: b.ID}, []string{"overdue b", "due now", "in a week"}, 3},
		{"Owner", proxenos.ObligationFilter{Owner: "U0NIKOS"}, []string{"later"}, 1},
		{"Done", proxenos.ObligationFilter{Status: []proxenos.ObligationStatus{proxenos.ObligationDone}}, []string{"done"}, 1},
		{"Page", proxenos.ObligationFilter{Status: openOnly, Offset: 1, Limit: 2}, []string{"overdue a", "due now"}, 6},
		{"PastEnd", proxenos.ObligationFilter{Offset: 50}, []string{}, 7},
		// 2027 in Athens starts two hours before it does in UTC.
		{"Year2027", proxenos.ObligationFilter{DueFrom: Day(2027, 1, 1), DueTo: Day(2028, 1, 1)}, []string{"new year", "in a week", "later"}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Agreements.FindObligations(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ts := texts(got); !reflect.DeepEqual(ts, tt.want) || total != tt.total {
				t.Fatalf("got %q of %d, want %q of %d", ts, total, tt.want, tt.total)
			}
			// All selects every match the filter does, whatever the page.
			t.Run("All", func(t *testing.T) {
				f := tt.filter
				f.Offset, f.Limit = 0, proxenos.MaxListLimit
				page, _, err := s.Agreements.FindObligations(ctx, f)
				if err != nil || len(page) != tt.total {
					t.Fatalf("the first page holds %q (%v), want %d", texts(page), err, tt.total)
				}
				f = tt.filter
				f.All = true
				wantFound(t, ctx, s.Agreements.FindObligations, f, texts, texts(page))
			})
		})
	}
}

// race runs racers at once, from a common start, and then fails the test
// if any met an error other than ECONFLICT, which a lost race may give.
// Each racer reports the error of each of its writes to won, which says
// whether the write won.
func race(t *testing.T, racers ...func(won func(error) bool)) {
	t.Helper()
	var mu sync.Mutex
	var errs []error
	won := func(err error) bool {
		if err != nil && proxenos.ErrorCode(err) != proxenos.ECONFLICT {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
		return err == nil
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, r := range racers {
		wg.Go(func() {
			<-start
			r(won)
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		t.Fatalf("failed with other than ECONFLICT: %v", err)
	}
}

// RunConcurrentCompletions has two goroutines complete the same
// obligations at once, n times each: of two completions of one
// occurrence exactly one succeeds and the other is ECONFLICT, and a
// recurring obligation records each occurrence once, in order.
func RunConcurrentCompletions(t *testing.T, s *storage.Store, n int) {
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	first := time.Date(2027, 1, 31, 9, 0, 0, 0, Athens)
	monthly := NewObligation(a.ID, "monthly", first)
	monthly.Recurrence = proxenos.Recurrence{Months: 1}
	mustObligation(t, ctx, s, monthly)
	var once []*proxenos.Obligation
	for range n {
		once = append(once, mustObligation(t, ctx, s, NewObligation(a.ID, "once", first)))
	}
	const workers = 2
	// Both workers start together and go through the same
	// obligations in the same order, so that they collide.
	wins := make([][]int, workers) // per worker: how many one-off completions won
	recurring := make([]int, workers)
	racers := make([]func(won func(error) bool), workers)
	for w := range racers {
		wins[w] = make([]int, n)
		racers[w] = func(won func(error) bool) {
			for i := range n {
				for j, o := range []string{once[i].ID, monthly.ID} {
					_, err := completeNow(ctx, s, o, fulfilment(first))
					switch {
					case won(err) && j == 0:
						wins[w][i]++
					case err == nil:
						recurring[w]++
					}
				}
			}
		}
	}
	race(t, racers...)
	done, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID,
		Status: []proxenos.ObligationStatus{proxenos.ObligationDone}, Limit: proxenos.MaxListLimit})
	if err != nil || len(done) != n {
		t.Fatalf("%d obligations done (%v), want %d", len(done), err, n)
	}
	for i := range once {
		if got := wins[0][i] + wins[1][i]; got != 1 {
			t.Fatalf("obligation %d completed %d times, want once", i, got)
		}
		if f := done[i].Fulfilments; len(f) != 1 || !f[0].Due.Equal(first) {
			t.Fatalf("obligation %s holds fulfilments %+v, want one for %v", done[i].ID, f, first)
		}
	}
	list, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID, Status: []proxenos.ObligationStatus{proxenos.ObligationOpen}})
	if err != nil || len(list) != 1 {
		t.Fatalf("open obligations: %d (%v), want the monthly one", len(list), err)
	}
	got, won := list[0], recurring[0]+recurring[1]
	if won == 0 || len(got.Fulfilments) != won {
		t.Fatalf("%d completions succeeded, %d recorded", won, len(got.Fulfilments))
	}
	// Fulfilments follow the series from the first date, one each.
	due := first
	for i, f := range got.Fulfilments {
		if !f.Due.Equal(due) {
			t.Fatalf("fulfilment %d is for %v, want %v (each occurrence once, in order)", i, f.Due, due)
		}
		due = got.NextDue(due, proxenos.OfficeZone())
	}
	if !got.Due.Equal(due) {
		t.Fatalf("after %d completions Due = %v, want %v", won, got.Due, due)
	}
}

// runObligationHistory checks that each update of an obligation appends
// who changed which fields, and nothing else does; that a waiver keeps
// its reason until the obligation is reopened; and that an update whose
// expected status no longer holds changes nothing.
func runObligationHistory(t *testing.T, open OpenFunc) {
	created := time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)
	clock := NewClock(created)
	s := open(t, clock.Now)
	ctx, maria := Ctx(Team, "U1"), Ctx(Team, "U0MARIA")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	in := NewObligation(a.ID, "Ετήσια έκθεση", time.Date(2027, 3, 31, 9, 0, 0, 0, Athens))
	in.Owner, in.Recurrence = "U0NIKOS", proxenos.Recurrence{Months: 12}
	o := mustObligation(t, ctx, s, in)
	// stored reads the obligation back, by id and through a filter alike.
	stored := func(t *testing.T) *proxenos.Obligation {
		t.Helper()
		got, err := s.Agreements.FindObligationByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: a.ID})
		if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], got) {
			t.Fatalf("by filter %+v (%v), by id %+v", list, err, got)
		}
		return got
	}
	// fields names the fields of each change.
	fields := func(h []proxenos.Change) [][]string {
		out := make([][]string, len(h))
		for i, c := range h {
			for _, f := range c.Fields {
				out[i] = append(out[i], f.Field)
			}
		}
		return out
	}
	t.Run("OK", func(t *testing.T) {
		clock.Set(created.Add(time.Hour))
		owner, due := "U0MARIA", time.Date(2027, 3, 15, 9, 0, 0, 0, Athens)
		got, err := s.Agreements.UpdateObligation(maria, o.ID, proxenos.ObligationUpdate{Owner: &owner, Due: &due,
			IfStatus: []proxenos.ObligationStatus{proxenos.ObligationOpen}})
		if err != nil {
			t.Fatal(err)
		}
		want := []proxenos.Change{{At: clock.Now(), By: "U0MARIA", Fields: []proxenos.FieldChange{
			{Field: "owner", Old: "U0NIKOS", New: "U0MARIA"}, {Field: "due", Old: "2027-03-31T06:00:00Z", New: "2027-03-15T07:00:00Z"}}}}
		if !reflect.DeepEqual(got.History, want) {
			t.Fatalf("history %+v, want %+v", got.History, want)
		}
		if found := stored(t); !reflect.DeepEqual(found, got) {
			t.Fatalf("stored %+v, returned %+v", found, got)
		}
	})
	t.Run("NoChangeNoHistory", func(t *testing.T) {
		before := stored(t)
		clock.Set(created.Add(2 * time.Hour))
		owner := before.Owner
		got, err := s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Owner: &owner})
		if err != nil || !reflect.DeepEqual(got, before) {
			t.Fatalf("got %+v (%v), want it as it was", got, err)
		}
		if found := stored(t); !reflect.DeepEqual(found, before) {
			t.Fatalf("an update changing nothing was stored: %+v", found)
		}
	})
	t.Run("CompleteAddsNoChange", func(t *testing.T) {
		got, err := completeNow(ctx, s, o.ID, fulfilment(created))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.History) != 1 || len(got.Fulfilments) != 1 {
			t.Fatalf("history %+v, fulfilments %+v: the fulfilment is the record", got.History, got.Fulfilments)
		}
	})
	t.Run("WaiveAndReopen", func(t *testing.T) {
		clock.Set(created.Add(3 * time.Hour))
		waived, reason := proxenos.ObligationWaived, "Καταργήθηκε με την απόφαση 45/2026"
		got, err := s.Agreements.UpdateObligation(maria, o.ID, proxenos.ObligationUpdate{Status: &waived, WaiverReason: &reason,
			IfStatus: []proxenos.ObligationStatus{proxenos.ObligationOpen}})
		if err != nil {
			t.Fatal(err)
		}
		if got.WaiverReason != reason || got.Status != waived {
			t.Fatalf("waived: %+v", got)
		}
		if found := stored(t); !reflect.DeepEqual(found, got) {
			t.Fatalf("stored %+v, returned %+v", found, got)
		}
		clock.Set(created.Add(4 * time.Hour))
		open := proxenos.ObligationOpen
		got, err = s.Agreements.UpdateObligation(ctx, o.ID, proxenos.ObligationUpdate{Status: &open,
			IfStatus: []proxenos.ObligationStatus{proxenos.ObligationWaived}})
		if err != nil {
			t.Fatal(err)
		}
		// The reason leaves the obligation; its history keeps it.
		want := [][]string{{"owner", "due"}, {"status", "waiver"}, {"status", "waiver"}}
		if got.WaiverReason != "" || !reflect.DeepEqual(fields(got.History), want) {
			t.Fatalf("reopened: reason %q, history %q, want %q", got.WaiverReason, fields(got.History), want)
		}
		if h := got.History[1]; h.By != "U0MARIA" || h.Fields[1].New != reason || !h.At.Equal(created.Add(3*time.Hour)) {
			t.Fatalf("the waiver recorded %+v", h)
		}
		if h := got.History[2]; h.By != "U1" || h.Fields[1].Old != reason || h.Fields[1].New != "" {
			t.Fatalf("the reopening recorded %+v", h)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		before := stored(t)
		due, waived := time.Date(2028, 1, 10, 9, 0, 0, 0, Athens), proxenos.ObligationWaived
		for _, tt := range []struct {
			name string
			upd  proxenos.ObligationUpdate
			code string
		}{
			{"ExpectedDone", proxenos.ObligationUpdate{Due: &due, IfStatus: []proxenos.ObligationStatus{proxenos.ObligationDone}}, proxenos.ECONFLICT},
			{"WaiveMovingDue", proxenos.ObligationUpdate{Status: &waived, Due: &due}, proxenos.ECONFLICT},
			{"ReasonNotWaived", proxenos.ObligationUpdate{WaiverReason: new("no reason")}, proxenos.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.Agreements.UpdateObligation(ctx, o.ID, tt.upd)
				wantCode(t, err, tt.code)
				if found := stored(t); !reflect.DeepEqual(found, before) {
					t.Fatalf("a refused update was stored: %+v", found)
				}
			})
		}
	})
}

// RunConcurrentStatusChanges races, on each of n one-off obligations, a
// completion of the occurrence due first against an update that expects
// the obligation open: a new due date on odd ones, a waiver on even ones.
// Whichever lands first, the other is refused: a done obligation's
// fulfilment is for its first due date, a moved one is open with none, a
// waived one has none, and the history holds exactly the updates that
// succeeded.
func RunConcurrentStatusChanges(t *testing.T, s *storage.Store, n int) {
	ctx := Ctx(Team, "U1")
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality})
	a := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", p.ID, time.Time{}))
	first, moved := time.Date(2027, 1, 31, 9, 0, 0, 0, Athens), time.Date(2027, 2, 28, 9, 0, 0, 0, Athens)
	obligations := make([]*proxenos.Obligation, n)
	for i := range obligations {
		obligations[i] = mustObligation(t, ctx, s, NewObligation(a.ID, fmt.Sprintf("once %d", i), first))
	}
	completed, updated := make([]bool, n), make([]bool, n)
	race(t, func(won func(error) bool) {
		for i, o := range obligations {
			_, err := s.Agreements.CompleteObligation(ctx, o.ID, first, fulfilment(first))
			completed[i] = won(err)
		}
	}, func(won func(error) bool) {
		waived := proxenos.ObligationWaived
		for i, o := range obligations {
			upd := proxenos.ObligationUpdate{Due: &moved, IfStatus: []proxenos.ObligationStatus{proxenos.ObligationOpen}}
			if i%2 == 0 {
				upd = proxenos.ObligationUpdate{Status: &waived, WaiverReason: new("no longer applies"),
					IfStatus: []proxenos.ObligationStatus{proxenos.ObligationOpen}}
			}
			_, err := s.Agreements.UpdateObligation(ctx, o.ID, upd)
			updated[i] = won(err)
		}
	})
	for i, o := range obligations {
		got, err := s.Agreements.FindObligationByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1}[updated[i]]; len(got.History) != want {
			t.Fatalf("obligation %d: history %+v, want %d change(s)", i, got.History, want)
		}
		// The completion names the occurrence due first: moved or
		// waived before it, the obligation refuses it.
		switch {
		case completed[i] == updated[i]:
			t.Fatalf("obligation %d: completed %v and updated %v: exactly one must win", i, completed[i], updated[i])
		case i%2 == 0 && updated[i]:
			if got.Status != proxenos.ObligationWaived || len(got.Fulfilments) != 0 || got.WaiverReason == "" {
				t.Fatalf("obligation %d waived: %+v", i, got)
			}
		case updated[i]:
			if got.Status != proxenos.ObligationOpen || !got.Due.Equal(moved) || len(got.Fulfilments) != 0 {
				t.Fatalf("obligation %d moved: status %s due %v fulfilments %+v", i, got.Status, got.Due, got.Fulfilments)
			}
		default:
			if got.Status != proxenos.ObligationDone || !got.Due.Equal(first) || len(got.Fulfilments) != 1 || !got.Fulfilments[0].Due.Equal(first) {
				t.Fatalf("obligation %d done: status %s due %v fulfilments %+v", i, got.Status, got.Due, got.Fulfilments)
			}
		}
	}
}
