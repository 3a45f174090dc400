package proxenos_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// validAgreement returns an agreement that passes Validate.
func validAgreement() *proxenos.Agreement {
	return &proxenos.Agreement{
		Kind:        proxenos.AgreementMemorandum,
		PartnerIDs:  []string{"p-nis"},
		Title:       "Memorandum Maroussi – Niš",
		Signed:      at(2025, 6, 12, 0, 0),
		DecisionRef: "ΑΔΑ 6ΜΟΜΩΡΦ-56Δ",
		Start:       at(2026, 1, 1, 0, 0),
		End:         at(2028, 12, 31, 0, 0),
		Renewal:     proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 2},
		Notice:      proxenos.Period{Months: 6},
		Documents:   []string{"https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ"},
		Status:      proxenos.AgreementActive,
	}
}

// validObligation returns a yearly obligation that passes Validate.
func validObligation() *proxenos.Obligation {
	return &proxenos.Obligation{
		AgreementID: "a1",
		Text:        "Annual progress report",
		Owner:       "U012ABCDEF",
		Due:         at(2027, 3, 31, 9, 0),
		Recurrence:  proxenos.Recurrence{Months: 12},
		LeadDays:    []int{30, 7, 1},
		Status:      proxenos.ObligationOpen,
	}
}

func TestAgreement_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(a *proxenos.Agreement)
		key  string
	}{
		{"OK", func(a *proxenos.Agreement) {}, ""},
		{"OKOpenEnded", func(a *proxenos.Agreement) {
			a.End, a.Renewal, a.Kind = time.Time{}, proxenos.Renewal{}, proxenos.AgreementTwinning
		}, ""},
		{"ErrKindInvalid", func(a *proxenos.Agreement) { a.Kind = "alliance" }, "agreement.invalid.kind"},
		{"ErrPartnerRequired", func(a *proxenos.Agreement) { a.PartnerIDs = nil }, "agreement.required.partner"},
		{"ErrTitleRequired", func(a *proxenos.Agreement) { a.Title = "  " }, "agreement.required.title"},
		{"ErrStatusInvalid", func(a *proxenos.Agreement) { a.Status = "" }, "agreement.invalid.status"},
		{"ErrEndBeforeStart", func(a *proxenos.Agreement) { a.End = a.Start.AddDate(0, 0, -1) }, "agreement.invalid.end"},
		{"ErrRenewalKind", func(a *proxenos.Agreement) { a.Renewal.Kind = "tacit" }, "agreement.invalid.renewal"},
		{"ErrRenewalYears", func(a *proxenos.Agreement) { a.Renewal.Years = 0 }, "agreement.invalid.renewal_years"},
		{"ErrYearsWithoutAutomatic", func(a *proxenos.Agreement) { a.Renewal.Kind = proxenos.RenewalDecision }, "agreement.invalid.renewal"},
		{"ErrRenewalWithoutEnd", func(a *proxenos.Agreement) { a.End = time.Time{} }, "agreement.required.end"},
		{"ErrNotice", func(a *proxenos.Agreement) { a.Notice.Days = -1 }, "period.invalid"},
		{"ErrDocumentNotLink", func(a *proxenos.Agreement) { a.Documents = []string{"the binder"} }, "agreement.invalid.document"},
		{"ErrDecisionTooLong", func(a *proxenos.Agreement) { a.DecisionRef = string(make([]byte, proxenos.MaxRefLen+1)) }, "invalid.too_long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := validAgreement()
			tt.edit(a)
			err := a.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
		})
	}
}

func TestAgreement_NoticeDeadline(t *testing.T) {
	for _, tt := range []struct {
		name   string
		end    time.Time
		notice proxenos.Period
		want   time.Time
		ok     bool
	}{
		// Six months before 31 December is 30 June (June has no 31st).
		{"MonthEnd", at(2028, 12, 31, 0, 0), proxenos.Period{Months: 6}, at(2028, 6, 30, 0, 0), true},
		{"LeapDay", at(2029, 2, 28, 0, 0), proxenos.Period{Months: 12}, at(2028, 2, 28, 0, 0), true},
		{"DaysAcrossYearEnd", at(2028, 1, 15, 0, 0), proxenos.Period{Days: 90}, at(2027, 10, 17, 0, 0), true},
		{"OpenEnded", time.Time{}, proxenos.Period{Months: 6}, time.Time{}, false},
		{"NoNotice", at(2028, 12, 31, 0, 0), proxenos.Period{}, time.Time{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Stores hand back UTC; the deadline is still an office-calendar day.
			a := &proxenos.Agreement{End: tt.end.UTC(), Notice: tt.notice}
			got, ok := a.NoticeDeadline(athens)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Fatalf("got %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestAgreement_RenewedEnd(t *testing.T) {
	a := validAgreement()
	a.End = at(2028, 2, 29, 0, 0).UTC()
	got, ok := a.RenewedEnd(athens)
	if want := at(2030, 2, 28, 0, 0); !ok || !got.Equal(want) {
		t.Fatalf("got %v, %v; want %v", got, ok, want)
	}
	a.Renewal = proxenos.Renewal{Kind: proxenos.RenewalDecision}
	if _, ok := a.RenewedEnd(athens); ok {
		t.Fatal("renewal by decision has no automatic next term")
	}
}

func TestAgreementFilter_Match(t *testing.T) {
	a := validAgreement() // ends 31/12/2028
	for _, tt := range []struct {
		name string
		f    proxenos.AgreementFilter
		want bool
	}{
		{"Empty", proxenos.AgreementFilter{}, true},
		{"Partner", proxenos.AgreementFilter{PartnerID: "p-nis"}, true},
		{"PartnerOther", proxenos.AgreementFilter{PartnerID: "p-faenza"}, false},
		{"Kind", proxenos.AgreementFilter{Kind: proxenos.AgreementTwinning}, false},
		{"Status", proxenos.AgreementFilter{Status: []proxenos.AgreementStatus{proxenos.AgreementActive}}, true},
		{"ExpiringWithin", proxenos.AgreementFilter{ExpiringWithinDays: 90, Now: at(2028, 10, 3, 12, 0)}, true},
		{"ExpiringLastDay", proxenos.AgreementFilter{ExpiringWithinDays: 90, Now: at(2028, 12, 31, 23, 0)}, true},
		{"ExpiringTooFar", proxenos.AgreementFilter{ExpiringWithinDays: 90, Now: at(2028, 10, 1, 12, 0)}, false},
		{"ExpiredAlready", proxenos.AgreementFilter{ExpiringWithinDays: 90, Now: at(2029, 1, 1, 0, 30)}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Match(a); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	open := validAgreement()
	open.End, open.Renewal = time.Time{}, proxenos.Renewal{}
	if (proxenos.AgreementFilter{ExpiringWithinDays: 3650, Now: at(2026, 1, 1, 0, 0)}).Match(open) {
		t.Fatal("an open-ended agreement never expires")
	}
}

func TestSortAgreements(t *testing.T) {
	mk := func(id, title string, end time.Time) *proxenos.Agreement {
		return &proxenos.Agreement{ID: id, Title: title, End: end}
	}
	as := []*proxenos.Agreement{
		mk("1", "Ωραιόκαστρο", time.Time{}),
		mk("2", "Faenza", at(2030, 1, 1, 0, 0)),
		mk("3", "Niš", at(2028, 12, 31, 0, 0)),
		mk("4", "Άγιος Νικόλαος", time.Time{}),
	}
	proxenos.SortAgreements(as)
	var got []string
	for _, a := range as {
		got = append(got, a.ID)
	}
	if want := []string{"3", "2", "4", "1"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestObligation_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(o *proxenos.Obligation)
		key  string
	}{
		{"OK", func(o *proxenos.Obligation) {}, ""},
		{"OKOnce", func(o *proxenos.Obligation) { o.Recurrence = proxenos.Recurrence{} }, ""},
		{"ErrAgreementRequired", func(o *proxenos.Obligation) { o.AgreementID = "" }, "obligation.required.agreement"},
		{"ErrTextRequired", func(o *proxenos.Obligation) { o.Text = "" }, "obligation.required.text"},
		{"ErrDueRequired", func(o *proxenos.Obligation) { o.Due = time.Time{} }, "obligation.required.due"},
		{"ErrStartAfterDue", func(o *proxenos.Obligation) { o.Start = o.Due.AddDate(1, 0, 0) }, "obligation.invalid.start"},
		{"ErrStatus", func(o *proxenos.Obligation) { o.Status = "late" }, "obligation.invalid.status"},
		{"ErrLeadNegative", func(o *proxenos.Obligation) { o.LeadDays = []int{-1} }, "obligation.invalid.lead"},
		{"ErrTooManyLeads", func(o *proxenos.Obligation) { o.LeadDays = make([]int, proxenos.MaxLeadTimes+1) }, "invalid.too_many"},
		{"ErrRecurrence", func(o *proxenos.Obligation) { o.Recurrence.Rule = "FREQ=MINUTELY" }, "recurrence.invalid"},
		{"ErrOwner", func(o *proxenos.Obligation) { o.Owner = "@maria" }, "obligation.invalid.owner"},
		{"OKWaiverReason", func(o *proxenos.Obligation) {
			o.Status, o.WaiverReason = proxenos.ObligationWaived, "council decision 45/2026"
		}, ""},
		{"ErrWaiverReasonOpen", func(o *proxenos.Obligation) { o.WaiverReason = "council decision 45/2026" }, "obligation.invalid.waiver"},
		{"ErrWaiverReasonTooLong", func(o *proxenos.Obligation) {
			o.Status, o.WaiverReason = proxenos.ObligationWaived, strings.Repeat("α", proxenos.MaxNotesLen+1)
		}, "invalid.too_long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := validObligation()
			tt.edit(o)
			err := o.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
		})
	}
}

func TestObligation_Complete(t *testing.T) {
	done := proxenos.Fulfilment{At: at(2027, 3, 20, 11, 0), By: "U012ABCDEF", Evidence: "ΕΞ 258/2027"}

	t.Run("OKRecurringMovesToNextYear", func(t *testing.T) {
		o := validObligation()
		if err := o.Complete(o.Due, done, athens); err != nil {
			t.Fatal(err)
		}
		if want := at(2028, 3, 31, 9, 0); !o.Due.Equal(want) || o.Status != proxenos.ObligationOpen {
			t.Fatalf("got due %v status %q; want %v open", o.Due, o.Status, want)
		}
		if len(o.Fulfilments) != 1 || !o.Fulfilments[0].Due.Equal(at(2027, 3, 31, 9, 0)) {
			t.Fatalf("got fulfilments %+v; want one for 31/03/2027", o.Fulfilments)
		}
	})
	t.Run("OKMonthEndsDoNotDrift", func(t *testing.T) {
		o := validObligation()
		o.Due, o.Recurrence = at(2027, 1, 31, 9, 0), proxenos.Recurrence{Months: 1}
		var dues []time.Time
		for range 3 {
			if err := o.Complete(o.Due, done, athens); err != nil {
				t.Fatal(err)
			}
			dues = append(dues, o.Due)
		}
		want := []time.Time{at(2027, 2, 28, 9, 0), at(2027, 3, 31, 9, 0), at(2027, 4, 30, 9, 0)}
		if !slices.EqualFunc(dues, want, time.Time.Equal) {
			t.Fatalf("got %v, want %v", dues, want)
		}
	})
	t.Run("OKLeapDayYearly", func(t *testing.T) {
		o := validObligation()
		o.Due = at(2028, 2, 29, 9, 0).UTC() // as a store hands it back
		var dues []time.Time
		for range 4 {
			if err := o.Complete(o.Due, done, athens); err != nil {
				t.Fatal(err)
			}
			dues = append(dues, o.Due)
		}
		want := []time.Time{at(2029, 2, 28, 9, 0), at(2030, 2, 28, 9, 0), at(2031, 2, 28, 9, 0), at(2032, 2, 29, 9, 0)}
		if !slices.EqualFunc(dues, want, time.Time.Equal) {
			t.Fatalf("got %v, want %v", dues, want)
		}
	})
	t.Run("OKKeeps09AthensAcrossDST", func(t *testing.T) {
		o := validObligation()
		o.Due, o.Recurrence = at(2027, 3, 20, 9, 0).UTC(), proxenos.Recurrence{Rule: "FREQ=WEEKLY"}
		if err := o.Complete(o.Due, done, athens); err != nil {
			t.Fatal(err)
		}
		if want := at(2027, 3, 27, 9, 0); !o.Due.Equal(want) {
			t.Fatalf("got %v, want %v", o.Due.In(athens), want)
		}
		if err := o.Complete(o.Due, done, athens); err != nil {
			t.Fatal(err)
		}
		if want := at(2027, 4, 3, 9, 0); !o.Due.Equal(want) { // after the last Sunday of March
			t.Fatalf("got %v, want %v", o.Due.In(athens), want)
		}
	})
	t.Run("OKOnceBecomesDone", func(t *testing.T) {
		o := validObligation()
		o.Recurrence = proxenos.Recurrence{}
		if err := o.Complete(o.Due, done, athens); err != nil {
			t.Fatal(err)
		}
		if o.Status != proxenos.ObligationDone || !o.Due.Equal(at(2027, 3, 31, 9, 0)) {
			t.Fatalf("got status %q due %v", o.Status, o.Due)
		}
	})
	t.Run("OKRuleEndsDone", func(t *testing.T) {
		o := validObligation()
		o.Recurrence = proxenos.Recurrence{Rule: "FREQ=YEARLY;COUNT=2"}
		for range 2 {
			if err := o.Complete(o.Due, done, athens); err != nil {
				t.Fatal(err)
			}
		}
		if o.Status != proxenos.ObligationDone || len(o.Fulfilments) != 2 {
			t.Fatalf("got status %q after %d fulfilments", o.Status, len(o.Fulfilments))
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		o := validObligation()
		o.Status = proxenos.ObligationWaived
		assertErrorKey(t, o.Complete(o.Due, done, athens), proxenos.ECONFLICT, "obligation.conflict.closed")
	})
	t.Run("ErrMovedOn", func(t *testing.T) {
		// A retry naming the occurrence it meant does not meet the next.
		o := validObligation()
		seen := o.Due
		if err := o.Complete(seen, done, athens); err != nil {
			t.Fatal(err)
		}
		assertErrorKey(t, o.Complete(seen, done, athens), proxenos.ECONFLICT, "obligation.conflict.moved")
		if len(o.Fulfilments) != 1 {
			t.Fatalf("got %d fulfilments, want 1", len(o.Fulfilments))
		}
		if f, ok := o.FulfilmentOf(seen); !ok || !f.At.Equal(done.At) {
			t.Fatalf("FulfilmentOf(%v) = %+v, %v", seen, f, ok)
		}
		if _, ok := o.FulfilmentOf(o.Due); ok {
			t.Fatal("the next occurrence reads as fulfilled")
		}
		// The user is told which occurrence was met, when, and what is next.
		refused := o.CompletionRefused(seen, o.Complete(seen, done, athens))
		assertErrorKey(t, refused, proxenos.ECONFLICT, "obligation.conflict.done_next")
		var perr *proxenos.Error
		if errors.As(refused, &perr); len(perr.Args) != 3 || perr.Args[0] != seen || perr.Args[1] != done.At || perr.Args[2] != o.Due {
			t.Fatalf("args %v, want the occurrence, the day it was met and the next due date", perr.Args)
		}
	})
	t.Run("ErrFulfilmentBy", func(t *testing.T) {
		o := validObligation()
		f := done
		f.By = ""
		assertErrorKey(t, o.Complete(o.Due, f, athens), proxenos.EINVALID, "fulfilment.required.by")
		if len(o.Fulfilments) != 0 || !o.Due.Equal(at(2027, 3, 31, 9, 0)) {
			t.Fatal("a refused fulfilment changed the obligation")
		}
	})
	t.Run("ErrEvidenceLink", func(t *testing.T) {
		o := validObligation()
		f := done
		f.Evidence = "javascript://alert(1)"
		assertErrorKey(t, o.Complete(o.Due, f, athens), proxenos.EINVALID, "fulfilment.invalid.evidence")
	})
}

func TestObligation_NextDue(t *testing.T) {
	o := validObligation() // 31/03 yearly from 2027
	for _, tt := range []struct {
		name  string
		after time.Time
		want  time.Time
	}{
		{"BeforeFirst", at(2026, 11, 26, 12, 0), at(2027, 3, 31, 9, 0)},
		{"AtFirst", at(2027, 3, 31, 9, 0), at(2028, 3, 31, 9, 0)},
		{"YearsLater", at(2031, 4, 1, 0, 0), at(2032, 3, 31, 9, 0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := o.NextDue(tt.after, athens); !got.Equal(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	once := validObligation()
	once.Recurrence = proxenos.Recurrence{}
	if got := once.NextDue(once.Due, athens); !got.IsZero() {
		t.Fatalf("a one-off obligation has nothing after its due date, got %v", got)
	}
}

func TestObligation_ReminderTimes(t *testing.T) {
	o := validObligation()
	o.Due = at(2027, 4, 2, 9, 0).UTC() // summer time; a week earlier is winter time
	o.LeadDays = []int{7, 1, 30, 7}
	got := o.ReminderTimes(athens)
	want := []time.Time{at(2027, 3, 3, 9, 0), at(2027, 3, 26, 9, 0), at(2027, 4, 1, 9, 0)}
	if !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestObligationFilter_Match(t *testing.T) {
	o := validObligation()
	for _, tt := range []struct {
		name string
		f    proxenos.ObligationFilter
		want bool
	}{
		{"Empty", proxenos.ObligationFilter{}, true},
		{"Overdue", proxenos.ObligationFilter{Status: []proxenos.ObligationStatus{proxenos.ObligationOpen}, DueTo: at(2027, 4, 1, 0, 0)}, true},
		{"NotYetDue", proxenos.ObligationFilter{DueTo: at(2027, 3, 31, 9, 0)}, false},
		{"DueWithinWeek", proxenos.ObligationFilter{DueFrom: at(2027, 3, 25, 0, 0), DueTo: at(2027, 4, 1, 0, 0)}, true},
		{"Agreement", proxenos.ObligationFilter{AgreementID: "a2"}, false},
		{"Owner", proxenos.ObligationFilter{Owner: "U012ABCDEF"}, true},
		{"Done", proxenos.ObligationFilter{Status: []proxenos.ObligationStatus{proxenos.ObligationDone}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Match(o); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestObligationUpdate_Apply(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		o := validObligation()
		o.Start = at(2025, 3, 31, 9, 0)
		due, owner, lead := at(2027, 6, 30, 9, 0), "U07MARIA", []int{14}
		changes := proxenos.ObligationUpdate{Due: &due, Owner: &owner, LeadDays: &lead}.Apply(o)
		want := []proxenos.FieldChange{{Field: "owner", Old: "U012ABCDEF", New: "U07MARIA"},
			{Field: "due", Old: "2027-03-31T06:00:00Z", New: "2027-06-30T06:00:00Z"}, {Field: "lead", Old: "30, 7, 1", New: "14"}}
		if !reflect.DeepEqual(changes, want) {
			t.Fatalf("got %+v, want %+v", changes, want)
		}
		if !o.Due.Equal(due) || !o.Start.IsZero() || o.Owner != owner {
			t.Fatalf("got due %v start %v owner %q; a new due date restarts the series", o.Due, o.Start, o.Owner)
		}
		if got := o.NextDue(due, athens); !got.Equal(at(2028, 6, 30, 9, 0)) {
			t.Fatalf("next after the new due date: got %v", got)
		}
	})
	t.Run("Unchanged", func(t *testing.T) {
		o := validObligation()
		text, due, every := o.Text, o.Due, o.Recurrence
		if changes := (proxenos.ObligationUpdate{Text: &text, Due: &due, Recurrence: &every}).Apply(o); len(changes) != 0 {
			t.Fatalf("values as they are changed %+v", changes)
		}
	})
	t.Run("WaiveAndReopen", func(t *testing.T) {
		o := validObligation()
		waived, reason := proxenos.ObligationWaived, "council decision 45/2026"
		changes := proxenos.ObligationUpdate{Status: &waived, WaiverReason: &reason}.Apply(o)
		want := []proxenos.FieldChange{{Field: "status", Old: "open", New: "waived"}, {Field: "waiver", Old: "", New: reason}}
		if !reflect.DeepEqual(changes, want) || o.WaiverReason != reason {
			t.Fatalf("waived: got %+v (reason %q), want %+v", changes, o.WaiverReason, want)
		}
		// Reopened, it drops the reason; the history keeps it.
		open, every := proxenos.ObligationOpen, proxenos.Recurrence{Months: 6}
		changes = proxenos.ObligationUpdate{Status: &open, Recurrence: &every}.Apply(o)
		want = []proxenos.FieldChange{{Field: "recurrence", Old: "every year", New: "every 6 months"},
			{Field: "status", Old: "waived", New: "open"}, {Field: "waiver", Old: reason, New: ""}}
		if !reflect.DeepEqual(changes, want) || o.WaiverReason != "" {
			t.Fatalf("reopened: got %+v (reason %q), want %+v", changes, o.WaiverReason, want)
		}
	})
}

func TestObligationUpdate_Check(t *testing.T) {
	due, owner, text, reason := at(2027, 6, 30, 9, 0), "U07MARIA", "Annual report", "no longer applies"
	open, done, waived := proxenos.ObligationOpen, proxenos.ObligationDone, proxenos.ObligationWaived
	for _, tt := range []struct {
		name   string
		status proxenos.ObligationStatus // of the stored obligation
		upd    proxenos.ObligationUpdate
		code   string
		key    string
	}{
		{"OK", open, proxenos.ObligationUpdate{Due: &due, Owner: &owner, IfStatus: []proxenos.ObligationStatus{open}}, "", ""},
		{"OKTextOfDone", done, proxenos.ObligationUpdate{Text: &text}, "", ""},
		{"OKReopenWithDue", done, proxenos.ObligationUpdate{Status: &open, Due: &due, IfStatus: []proxenos.ObligationStatus{done, waived}}, "", ""},
		{"OKWaiveWithReason", open, proxenos.ObligationUpdate{Status: &waived, WaiverReason: &reason}, "", ""},
		{"ErrNowDone", done, proxenos.ObligationUpdate{Due: &due, IfStatus: []proxenos.ObligationStatus{open}},
			proxenos.ECONFLICT, "obligation.conflict.now.done"},
		{"ErrNowWaived", waived, proxenos.ObligationUpdate{Status: &waived, IfStatus: []proxenos.ObligationStatus{open}},
			proxenos.ECONFLICT, "obligation.conflict.now.waived"},
		{"ErrNowOpen", open, proxenos.ObligationUpdate{Status: &open, IfStatus: []proxenos.ObligationStatus{waived}},
			proxenos.ECONFLICT, "obligation.conflict.now.open"},
		{"ErrDueOfDone", done, proxenos.ObligationUpdate{Due: &due}, proxenos.ECONFLICT, "obligation.conflict.closed"},
		{"ErrOwnerOfWaived", waived, proxenos.ObligationUpdate{Owner: &owner}, proxenos.ECONFLICT, "obligation.conflict.closed"},
		{"ErrWaiveMovingDue", open, proxenos.ObligationUpdate{Status: &waived, Due: &due}, proxenos.ECONFLICT, "obligation.conflict.closed"},
		{"ErrReasonNotWaived", open, proxenos.ObligationUpdate{WaiverReason: &reason}, proxenos.EINVALID, "obligation.invalid.waiver"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := validObligation()
			o.Status = tt.status
			err := tt.upd.Check(o)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, tt.code, tt.key)
		})
	}
}

func TestAgreementUpdate_Apply(t *testing.T) {
	a := validAgreement()
	end, notice := at(2030, 12, 31, 0, 0), proxenos.Period{Months: 3}
	status := proxenos.AgreementActive
	changes := proxenos.AgreementUpdate{End: &end, Notice: &notice, Status: &status}.Apply(a)
	var fields []string
	for _, c := range changes {
		fields = append(fields, c.Field)
	}
	if want := []string{"end", "notice"}; !slices.Equal(fields, want) {
		t.Fatalf("changed %q, want %q", fields, want)
	}
	if got, _ := a.NoticeDeadline(athens); !got.Equal(at(2030, 9, 30, 0, 0)) {
		t.Fatalf("notice deadline after the update: got %v", got)
	}
}
