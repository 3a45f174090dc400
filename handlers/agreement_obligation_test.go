package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// obligationEnv is a callEnv with one agreement, under which the tests
// add obligations.
type obligationEnv struct {
	*callEnv
	agreement *proxenos.Agreement
}

func newObligationEnv(t *testing.T) *obligationEnv {
	t.Helper()
	env := &obligationEnv{callEnv: newCallEnv(t)}
	faenza, _ := mouPartners(t, env.callEnv)
	env.agreement = &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{faenza.ID},
		Title: "Twinning Maroussi – Faenza", Status: proxenos.AgreementActive}
	if err := env.mous.CreateAgreement(env.ctx(), env.agreement); err != nil {
		t.Fatal(err)
	}
	return env
}

// add stores an open obligation under the agreement.
func (e *obligationEnv) add(t *testing.T, o proxenos.Obligation) *proxenos.Obligation {
	t.Helper()
	o.AgreementID, o.Status, o.CreatedBy = e.agreement.ID, proxenos.ObligationOpen, "U1"
	if err := e.mous.AddObligation(e.ctx(), &o); err != nil {
		t.Fatal(err)
	}
	return &o
}

// obligation reads an obligation back from the store.
func (e *obligationEnv) obligation(t *testing.T, id string) *proxenos.Obligation {
	t.Helper()
	o, err := e.mous.FindObligationByID(e.ctx(), id)
	if err != nil {
		t.Fatalf("obligation %s: %v", id, err)
	}
	return o
}

// racingAgreements runs meanwhile before the first UpdateObligation: what
// someone else does between a handler's read and its write.
type racingAgreements struct {
	proxenos.AgreementService
	meanwhile func()
}

// UpdateObligation runs meanwhile once, then updates.
func (r *racingAgreements) UpdateObligation(ctx context.Context, id string, upd proxenos.ObligationUpdate) (*proxenos.Obligation, error) {
	if f := r.meanwhile; f != nil {
		r.meanwhile = nil
		f()
	}
	return r.AgreementService.UpdateObligation(ctx, id, upd)
}

// complete records the occurrence now due of o as fulfilled.
func (e *obligationEnv) complete(t *testing.T, o *proxenos.Obligation) {
	t.Helper()
	now, err := e.mous.FindObligationByID(e.ctx(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.mous.CompleteObligation(e.ctx(), o.ID, now.Due, proxenos.Fulfilment{At: testNow, By: "U1"}); err != nil {
		t.Fatal(err)
	}
}

// athensDay is midnight of a day in Athens.
func athensDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }

// annualReport is the recurring obligation the change tests start from.
func annualReport() proxenos.Obligation {
	return proxenos.Obligation{Text: "Annual progress report", Owner: "U5", Due: athensDay(2027, 3, 31),
		Recurrence: proxenos.Recurrence{Months: 12}, LeadDays: []int{30, 7}}
}

func TestMouChange(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		text string // after "change ID"
		want []string
		// check looks at the stored obligation.
		check func(o *proxenos.Obligation) bool
	}{
		{"OK", i18n.English, "due:15/3/2027 owner:<@U7|maria>", []string{
			"Changed the obligation “Annual progress report” (Twinning Maroussi – Faenza):\n• Due: 31 Mar 2027 → 15 Mar 2027\n• Owner: <@U5> → <@U7>",
			"Annual progress report — 15 Mar 2027 · in 109 days · every year · <@U7> · reminders 30, 7 days before"},
			func(o *proxenos.Obligation) bool {
				return o.Owner == "U7" && o.Due.Equal(athensDay(2027, 3, 15)) && o.Text == "Annual progress report" && o.Recurrence.Months == 12
			}},
		{"OKGreekKeys", i18n.Greek, `κείμενο:"Ετήσια έκθεση προόδου" κάθε:εφάπαξ υπενθύμιση:14,1 υπεύθυνος:κανείς`, []string{
			"Άλλαξε η υποχρέωση «Ετήσια έκθεση προόδου» (Twinning Maroussi – Faenza):\n• Κείμενο: Annual progress report → Ετήσια έκθεση προόδου\n" +
				"• Υπεύθυνος: <@U5> → κανείς\n• Επανάληψη: κάθε χρόνο → μία φορά\n• Υπενθυμίσεις: 30, 7 ημέρες πριν → 14, 1 ημέρες πριν"},
			func(o *proxenos.Obligation) bool {
				return o.Text == "Ετήσια έκθεση προόδου" && o.Owner == "" && o.Recurrence.IsZero() && fmt.Sprint(o.LeadDays) == "[14 1]"
			}},
		{"OKLeadOneDay", i18n.English, "lead:1", []string{"• Reminders: 30, 7 days before → 1 day before"},
			func(o *proxenos.Obligation) bool { return fmt.Sprint(o.LeadDays) == "[1]" }},
		{"OKLeadOneDayGreek", i18n.Greek, "υπενθύμιση:1", []string{"• Υπενθυμίσεις: 30, 7 ημέρες πριν → 1 ημέρα πριν"},
			func(o *proxenos.Obligation) bool { return fmt.Sprint(o.LeadDays) == "[1]" }},
		{"OKLeadDefault", i18n.English, "lead:default", []string{"• Reminders: 30, 7 days before → the default reminders"},
			func(o *proxenos.Obligation) bool { return len(o.LeadDays) == 0 }},
		{"OKAmendOwnerMe", i18n.English, "owner:me every:6m", []string{"• Owner: <@U5> → <@U1>\n• Recurrence: every year → every 6 months"},
			func(o *proxenos.Obligation) bool { return o.Owner == "U1" && o.Recurrence.Months == 6 }},
		{"OKEscapesText", i18n.English, `text:"Report to <!channel> & <@U9>"`, []string{"“Report to &lt;!channel&gt; &amp; &lt;@U9&gt;”"},
			func(o *proxenos.Obligation) bool { return o.Text == "Report to <!channel> & <@U9>" }},
		{"NothingChanged", i18n.English, "due:31/03/2027 owner:<@U5>", []string{"Nothing changed: the obligation “Annual progress report” already has these values."},
			func(o *proxenos.Obligation) bool { return o.UpdatedAt.Equal(o.CreatedAt) }},
		{"ErrFieldRequired", i18n.English, "", []string{"What should change? Give one or more fields, e.g. /mou change ID due:15/3/2027 owner:@maria."}, nil},
		{"ErrDue", i18n.English, "due:31/02/2027", []string{"The field “Due” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“31/02/2027” is not)."}, nil},
		{"ErrDueGreek", i18n.Greek, "έως:ποτέ", []string{"Το πεδίο «Προθεσμία»"}, nil},
		{"ErrOwner", i18n.English, "owner:maria", []string{"The owner must be a Slack user, e.g. owner:@maria."}, nil},
		{"ErrLead", i18n.English, "lead:1m", []string{"Reminders are given in days before the due date, 0 to 365, e.g. remind:30,7,1."}, nil},
		{"ErrEvery", i18n.English, "every:often", []string{"The recurrence “often” is not understood."}, nil},
		{"ErrTextRequired", i18n.English, `text:""`, []string{"Describe the obligation, e.g. text:\"Annual progress report\"."}, nil},
		{"ErrStatusField", i18n.English, "status:done", []string{"status"}, nil},
		{"ErrUnexpectedText", i18n.English, "soon due:1/4/2027", []string{"soon"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := newObligationEnv(t)
			o := env.add(t, annualReport())
			text := "change " + o.ID + " " + tt.text
			if tt.lang == i18n.Greek {
				text = "τροποποίηση " + o.ID + " " + tt.text
			}
			if tt.name == "OKAmendOwnerMe" {
				text = "amend " + o.ID + " " + tt.text
			}
			resp := env.run(t, tt.lang, "/mou", text)
			got := strings.ReplaceAll(allText(resp), o.ID, "ID")
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("reply lacks %q:\n%s", want, got)
				}
			}
			stored := env.obligation(t, o.ID)
			if tt.check == nil {
				// A refused change leaves the obligation as it was.
				if !stored.UpdatedAt.Equal(o.UpdatedAt) || stored.Text != o.Text || !stored.Due.Equal(o.Due) || stored.Owner != o.Owner {
					t.Errorf("refused change stored %+v", stored)
				}
				if !resp.Ephemeral {
					t.Error("an error is not ephemeral")
				}
				return
			}
			if !tt.check(stored) {
				t.Errorf("stored %+v", stored)
			}
		})
	}
	t.Run("ErrIDRequired", func(t *testing.T) {
		env := newObligationEnv(t)
		want := "Which obligation? Give its id from /mou show, e.g. /mou change 3fa2c9e1b0d4a7f2 due:15/3/2027."
		if got := env.run(t, i18n.English, "/mou", "change due:15/3/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		env := newObligationEnv(t)
		env.add(t, annualReport())
		want := "No obligation “nope” was found. See the obligations with /mou show."
		if got := env.run(t, i18n.English, "/mou", "change nope due:1/4/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("FindsAmongMany", func(t *testing.T) {
		env := newObligationEnv(t)
		var last *proxenos.Obligation
		for i := range proxenos.MaxListLimit + 5 {
			last = env.add(t, proxenos.Obligation{Text: fmt.Sprintf("Obligation %03d", i), Due: athensDay(2027, 1, 1).AddDate(0, 0, i)})
		}
		env.run(t, i18n.English, "/mou", "change "+last.ID+" owner:<@U7>")
		// The last added is due last: the only one from its due date on.
		found, _, err := env.mous.FindObligations(env.ctx(), proxenos.ObligationFilter{DueFrom: last.Due})
		if err != nil || len(found) != 1 || found[0].ID != last.ID || found[0].Owner != "U7" {
			t.Errorf("found %+v (%v), want %s owned by U7", found, err, last.ID)
		}
	})
	t.Run("ClosedOnlyText", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, proxenos.Obligation{Text: "Exchange visit", Due: athensDay(2026, 11, 20)})
		env.complete(t, o)
		want := "The obligation “Exchange visit” is done: it has no due date or reminders to change (only its text). Reopen it first with /mou reopen " + o.ID + "."
		if got := env.run(t, i18n.English, "/mou", "change "+o.ID+" due:1/4/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := env.run(t, i18n.English, "/mou", "change "+o.ID+` text:"Exchange visit of the youth council"`).Text; !strings.Contains(got, "• Text: Exchange visit → Exchange visit of the youth council") {
			t.Errorf("text of a done obligation not changed: %q", got)
		}
		if got := env.obligation(t, o.ID); got.Status != proxenos.ObligationDone || !got.Due.Equal(athensDay(2026, 11, 20)) {
			t.Errorf("stored %+v", got)
		}
	})
	// Someone records the obligation fulfilled between the command's read
	// and its write: the store refuses the new due date.
	t.Run("ErrDoneMeanwhile", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, proxenos.Obligation{Text: "Exchange visit", Due: athensDay(2027, 3, 31)})
		env.h.Agreements = &racingAgreements{AgreementService: env.mous, meanwhile: func() { env.complete(t, o) }}
		want := "The obligation “Exchange visit” was recorded as fulfilled meanwhile; nothing was changed. See it with /mou show."
		if got := env.run(t, i18n.English, "/mou", "change "+o.ID+" due:15/4/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		got := env.obligation(t, o.ID)
		if got.Status != proxenos.ObligationDone || !got.Due.Equal(athensDay(2027, 3, 31)) || len(got.History) != 0 {
			t.Errorf("stored %+v", got)
		}
	})
	t.Run("ErrDueFulfilled", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		env.complete(t, o) // now due 31 Mar 2028
		want := "The obligation “Annual progress report” was already fulfilled for 31 Mar 2027. Give a new due date, e.g. due:31/03/2028."
		if got := env.run(t, i18n.English, "/mou", "change "+o.ID+" due:31/3/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("RecordsWhoAndFields", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		env.runAs(t, "U7", i18n.English, "/mou", "change "+o.ID+` due:15/3/2027 text:"Secret plans"`)
		h := env.obligation(t, o.ID).History
		if len(h) != 1 || h[0].By != "U7" || !h[0].At.Equal(testNow) || len(h[0].Fields) != 2 || h[0].Fields[0].Field != "text" || h[0].Fields[1].Field != "due" {
			t.Errorf("history %+v, want one change by U7 of text and due", h)
		}
		logs := env.logs.String()
		if !strings.Contains(logs, "obligation="+o.ID+" user=U7 fields=\"[text due]\"") {
			t.Errorf("log lacks who changed which fields:\n%s", logs)
		}
		if strings.Contains(logs, "Secret plans") {
			t.Errorf("log holds the obligation's text:\n%s", logs)
		}
	})
}

func TestMouWaiveReopen(t *testing.T) {
	for _, tt := range []struct {
		name   string
		lang   i18n.Lang
		setup  func(t *testing.T, env *obligationEnv, o *proxenos.Obligation)
		text   string // with ID for the obligation's id
		want   string // the reply's first line, ID for the id
		status proxenos.ObligationStatus
		due    time.Time
	}{
		{"OKWaive", i18n.English, nil, "waive ID dropped by council decision 45/2026",
			"Waived the obligation “Annual progress report” (Twinning Maroussi – Faenza): no more reminders are sent. Reason: dropped by council decision 45/2026. To undo: /mou reopen ID.",
			proxenos.ObligationWaived, athensDay(2027, 3, 31)},
		{"OKWaiveGreek", i18n.Greek, nil, "απαλλαγή ID",
			"Η υποχρέωση «Annual progress report» (Twinning Maroussi – Faenza) δεν ισχύει πια· δεν στέλνονται άλλες υπενθυμίσεις. Αναίρεση με /mou reopen ID.",
			proxenos.ObligationWaived, athensDay(2027, 3, 31)},
		{"OKWaiveEscapesReason", i18n.English, nil, "waive ID <!channel> said <@U9> so",
			"Reason: &lt;!channel&gt; said &lt;@U9&gt; so.", proxenos.ObligationWaived, athensDay(2027, 3, 31)},
		{"ErrWaiveAgain", i18n.English, waive, "waive ID",
			"The obligation “Annual progress report” is already waived. To reopen it: /mou reopen ID.", proxenos.ObligationWaived, athensDay(2027, 3, 31)},
		{"ErrWaiveDone", i18n.English, finish, "waive ID", "The obligation “Annual progress report” was already fulfilled; it cannot be waived.", proxenos.ObligationDone, athensDay(2027, 3, 31)},
		{"ErrWaiveRequired", i18n.English, nil, "waive",
			"Which obligation? Give its id from /mou show, e.g. /mou waive 3fa2c9e1b0d4a7f2 no longer applies.", proxenos.ObligationOpen, athensDay(2027, 3, 31)},
		{"ErrWaiveNotFound", i18n.English, nil, "waive nope because",
			"No obligation “nope” was found. See the obligations with /mou show.", proxenos.ObligationOpen, athensDay(2027, 3, 31)},
		{"OKReopen", i18n.English, waive, "reopen ID",
			"Reopened the obligation “Annual progress report” (Twinning Maroussi – Faenza); its reminders resume.", proxenos.ObligationOpen, athensDay(2027, 3, 31)},
		{"OKReopenGreekDue", i18n.Greek, waive, "επαναφορά ID έως:30/4/2027",
			"Η υποχρέωση «Annual progress report» (Twinning Maroussi – Faenza) εκκρεμεί ξανά· οι υπενθυμίσεις συνεχίζονται.", proxenos.ObligationOpen, athensDay(2027, 4, 30)},
		{"ErrReopenOpen", i18n.English, nil, "reopen ID",
			"The obligation “Annual progress report” is already open. Change it with /mou change.", proxenos.ObligationOpen, athensDay(2027, 3, 31)},
		{"ErrReopenDoneNeedsDue", i18n.English, finish, "reopen ID",
			"The obligation “Annual progress report” was already fulfilled for 31 Mar 2027. Give a new due date, e.g. due:31/03/2028.", proxenos.ObligationDone, athensDay(2027, 3, 31)},
		{"OKReopenDoneWithDue", i18n.English, finish, "reopen ID due:31/3/2028",
			"Reopened the obligation “Annual progress report” (Twinning Maroussi – Faenza); its reminders resume.", proxenos.ObligationOpen, athensDay(2028, 3, 31)},
		{"ErrReopenDue", i18n.English, waive, "reopen ID due:soon",
			"The field “Due” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“soon” is not).", proxenos.ObligationWaived, athensDay(2027, 3, 31)},
		{"ErrReopenRequired", i18n.English, nil, "reopen",
			"Which obligation? Give its id from /mou show, e.g. /mou reopen 3fa2c9e1b0d4a7f2 due:31/03/2028.", proxenos.ObligationOpen, athensDay(2027, 3, 31)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := newObligationEnv(t)
			o := env.add(t, annualReport())
			if tt.setup != nil {
				tt.setup(t, env, o)
			}
			resp := env.run(t, tt.lang, "/mou", strings.ReplaceAll(tt.text, "ID", o.ID))
			first, _, _ := strings.Cut(resp.Text, "\n")
			if got := strings.ReplaceAll(first, o.ID, "ID"); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			stored := env.obligation(t, o.ID)
			if stored.Status != tt.status || !stored.Due.Equal(tt.due) {
				t.Errorf("stored status %s due %v, want %s %v", stored.Status, stored.Due, tt.status, tt.due)
			}
		})
	}
	t.Run("KeepsReason", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		env.runAs(t, "U7", i18n.English, "/mou", "waive "+o.ID+"  dropped by <!channel> decision 45/2026 ")
		if got := env.obligation(t, o.ID); got.WaiverReason != "dropped by <!channel> decision 45/2026" || len(got.History) != 1 {
			t.Fatalf("stored reason %q, history %+v", got.WaiverReason, got.History)
		}
		show := allText(env.run(t, i18n.English, "/mou", "show "+env.agreement.ID))
		for _, want := range []string{
			"↳ Why it was waived: dropped by &lt;!channel&gt; decision 45/2026",
			"↳ 26 Nov 2026, <@U7>: Status → waived · Reason → “dropped by &lt;!channel&gt; decision 45/2026”",
		} {
			if !strings.Contains(show, want) {
				t.Errorf("show lacks %q:\n%s", want, show)
			}
		}
		// Greek quotes with «», and never separates with ";", its question mark.
		greek := allText(env.run(t, i18n.Greek, "/mou", "show "+env.agreement.ID))
		if want := "Κατάσταση → δεν απαιτείται πλέον · Αιτιολογία → «dropped by &lt;!channel&gt; decision 45/2026»"; !strings.Contains(greek, want) {
			t.Errorf("Greek show lacks %q:\n%s", want, greek)
		}
		// Reopened, it drops the reason; the history keeps it.
		env.run(t, i18n.English, "/mou", "reopen "+o.ID)
		if got := env.obligation(t, o.ID); got.WaiverReason != "" || got.Status != proxenos.ObligationOpen || len(got.History) != 2 {
			t.Fatalf("reopened: reason %q, history %+v", got.WaiverReason, got.History)
		}
		show = allText(env.run(t, i18n.English, "/mou", "show "+env.agreement.ID))
		if strings.Contains(show, "Why it was waived") || !strings.Contains(show, "↳ 26 Nov 2026, <@U1>: Status → open") {
			t.Errorf("show after reopening:\n%s", show)
		}
	})
	t.Run("ErrWaiveDoneMeanwhile", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, proxenos.Obligation{Text: "Exchange visit", Due: athensDay(2027, 3, 31)})
		env.h.Agreements = &racingAgreements{AgreementService: env.mous, meanwhile: func() { env.complete(t, o) }}
		want := "The obligation “Exchange visit” was recorded as fulfilled meanwhile; nothing was changed. See it with /mou show."
		if got := env.run(t, i18n.English, "/mou", "waive "+o.ID+" no longer applies").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := env.obligation(t, o.ID); got.Status != proxenos.ObligationDone || got.WaiverReason != "" {
			t.Errorf("stored %+v", got)
		}
	})
	t.Run("ErrReopenReopenedMeanwhile", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		waive(t, env, o)
		env.h.Agreements = &racingAgreements{AgreementService: env.mous, meanwhile: func() {
			env.run(t, i18n.English, "/mou", "reopen "+o.ID)
		}}
		want := "The obligation “Annual progress report” is open by now (it was reopened meanwhile); nothing was changed. See it with /mou show."
		if got := env.run(t, i18n.English, "/mou", "reopen "+o.ID+" due:30/4/2027").Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := env.obligation(t, o.ID); !got.Due.Equal(athensDay(2027, 3, 31)) {
			t.Errorf("stored due %v, want the reopening's", got.Due)
		}
	})
	t.Run("ShowListsWaived", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		waive(t, env, o)
		for lang, want := range map[i18n.Lang]string{
			i18n.English: "`" + o.ID + "` Annual progress report — 31 Mar 2027 · waived · every year",
			i18n.Greek:   "`" + o.ID + "` Annual progress report — 31 Μαρτίου 2027 · δεν απαιτείται πλέον · κάθε χρόνο",
		} {
			if text := allText(env.run(t, lang, "/mou", "show "+env.agreement.ID)); !strings.Contains(text, want) {
				t.Errorf("%s: show lacks %q:\n%s", lang, want, text)
			}
		}
	})
	t.Run("WaivedLeavesHome", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, proxenos.Obligation{Text: "Exchange visit", Due: athensDay(2026, 12, 10)})
		home := func() string {
			return allText(env.h.HandleHomeOpened(t.Context(), &chat.Event{Team: testTeam, User: "U1", Lang: i18n.English}))
		}
		if !strings.Contains(home(), "*Exchange visit*") {
			t.Fatal("the open obligation is not on the Home")
		}
		waive(t, env, o)
		if strings.Contains(home(), "*Exchange visit*") {
			t.Error("the waived obligation is still on the Home")
		}
	})
}

func TestMouShowHistory(t *testing.T) {
	env := newObligationEnv(t)
	o := env.add(t, annualReport())
	f := proxenos.Fulfilment{At: testNow.AddDate(0, 0, -1), By: "U5", Evidence: "ΕΞ 258/2026 <@U9>"}
	if _, err := env.mous.CompleteObligation(env.ctx(), o.ID, o.Due, f); err != nil {
		t.Fatal(err)
	}
	env.run(t, i18n.English, "/mou", "change "+o.ID+" owner:<@U7>")
	show := func(lang i18n.Lang) string { return allText(env.run(t, lang, "/mou", "show "+env.agreement.ID)) }
	t.Run("OK", func(t *testing.T) {
		got := show(i18n.English)
		want := "· reminders 30, 7 days before\n↳ 25 Nov 2026, <@U5>: fulfilled (due 31 Mar 2027) — ΕΞ 258/2026 &lt;@U9&gt;\n↳ 26 Nov 2026, <@U1>: Owner → <@U7>"
		if !strings.Contains(got, want) {
			t.Errorf("show lacks %q:\n%s", want, got)
		}
	})
	t.Run("Greek", func(t *testing.T) {
		if got, want := show(i18n.Greek), "↳ 26 Νοεμβρίου 2026, <@U1>: Υπεύθυνος → <@U7>"; !strings.Contains(got, want) {
			t.Errorf("show lacks %q:\n%s", want, got)
		}
	})
	t.Run("LatestOnly", func(t *testing.T) {
		env.run(t, i18n.English, "/mou", "change "+o.ID+" every:6m lead:14")
		env.run(t, i18n.English, "/mou", "change "+o.ID+` text:"Progress report"`)
		got := show(i18n.English)
		want := "↳ … 1 earlier not shown\n↳ 26 Nov 2026, <@U1>: Owner → <@U7>\n" +
			"↳ 26 Nov 2026, <@U1>: Recurrence → every 6 months · Reminders → 14 days before\n↳ 26 Nov 2026, <@U1>: Text"
		if !strings.Contains(got, want) || strings.Contains(got, "fulfilled") {
			t.Errorf("show lacks %q, or shows the fulfilment:\n%s", want, got)
		}
	})
}

// waive waives o through the command.
func waive(t *testing.T, env *obligationEnv, o *proxenos.Obligation) {
	t.Helper()
	if resp := env.run(t, i18n.English, "/mou", "waive "+o.ID); resp.Ephemeral {
		t.Fatalf("waive refused: %s", resp.Text)
	}
}

// finish ends o's recurrence and records it fulfilled: it is done.
func finish(t *testing.T, env *obligationEnv, o *proxenos.Obligation) {
	t.Helper()
	once := proxenos.Recurrence{}
	if _, err := env.mous.UpdateObligation(env.ctx(), o.ID, proxenos.ObligationUpdate{Recurrence: &once}); err != nil {
		t.Fatal(err)
	}
	env.complete(t, o)
}

// TestMouObligationByPartner checks that an obligation is named by its
// agreement's partner as well as by its id, as the help's examples name
// it: the one of the agreement, or the one in the state the command acts
// on; several are refused with their ids.
func TestMouObligationByPartner(t *testing.T) {
	t.Run("OKOneObligation", func(t *testing.T) {
		env := newObligationEnv(t)
		o := env.add(t, annualReport())
		for _, step := range []struct{ text, want string }{
			{"done Faenza ΕΞ 258/2026", "Recorded the obligation “Annual progress report” (Twinning Maroussi – Faenza) as fulfilled. Next due: 31 Mar 2028"},
			{"change Φαέντσα due:15/3/2028", "• Due: 31 Mar 2028 → 15 Mar 2028"},
			{"waive faenza dropped", "Waived the obligation “Annual progress report”"},
			{"reopen Faenza due:31/03/2029", "Reopened the obligation “Annual progress report”"},
		} {
			if got := env.run(t, i18n.English, "/mou", step.text).Text; !strings.Contains(got, step.want) {
				t.Errorf("%s: got %q, want %q", step.text, got, step.want)
			}
		}
		if got := env.obligation(t, o.ID); got.Status != proxenos.ObligationOpen || !got.Due.Equal(athensDay(2029, 3, 31)) || len(got.Fulfilments) != 1 {
			t.Errorf("stored %+v", got)
		}
	})
	t.Run("OKPrefersTheStateActedOn", func(t *testing.T) {
		env := newObligationEnv(t)
		visit := env.add(t, proxenos.Obligation{Text: "Επίσκεψη αντιπροσωπείας", Due: athensDay(2026, 12, 20)})
		env.complete(t, visit)
		report := env.add(t, annualReport())
		if got := env.run(t, i18n.English, "/mou", "done Faenza").Text; !strings.Contains(got, "“Annual progress report”") {
			t.Errorf("done names the open one: got %q", got)
		}
		env.run(t, i18n.English, "/mou", "waive "+report.ID)
		if got := env.run(t, i18n.English, "/mou", "reopen Faenza due:1/2/2027").Text; !strings.Contains(got, "several obligations") {
			t.Errorf("reopen of a waived and a fulfilled one: got %q", got)
		}
	})
	t.Run("ErrSeveral", func(t *testing.T) {
		env := newObligationEnv(t)
		a, b := env.add(t, annualReport()), env.add(t, proxenos.Obligation{Text: "Επίσκεψη αντιπροσωπείας", Due: athensDay(2026, 12, 20)})
		got := env.run(t, i18n.Greek, "/mou", "έγινε Φαέντσα").Text
		want := "Το «Φαέντσα» έχει περισσότερες υποχρεώσεις: `" + b.ID + "` Επίσκεψη αντιπροσωπείας; `" + a.ID + "` Annual progress report. Γράψτε τον κωδικό εκείνης που εννοείτε."
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if o := env.obligation(t, a.ID); len(o.Fulfilments) != 0 {
			t.Errorf("an ambiguous name fulfilled %+v", o)
		}
	})
	t.Run("ErrSeveralAgreements", func(t *testing.T) {
		env := newObligationEnv(t)
		env.add(t, annualReport())
		second := &proxenos.Agreement{Kind: proxenos.AgreementMemorandum, PartnerIDs: env.agreement.PartnerIDs, Title: "Culture memorandum", Status: proxenos.AgreementActive}
		if err := env.mous.CreateAgreement(env.ctx(), second); err != nil {
			t.Fatal(err)
		}
		if got, want := env.run(t, i18n.English, "/mou", "done Faenza").Text, "“Faenza” has 2 agreements. Write the obligation's id, as /mou show lists it."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		env := newObligationEnv(t)
		env.add(t, annualReport())
		if got, want := env.run(t, i18n.English, "/mou", "waive Πλοϊέστι").Text, "No obligation “Πλοϊέστι” was found. See the obligations with /mou show."; got != want {
			t.Errorf("a partner without agreements: got %q, want %q", got, want)
		}
	})
}
