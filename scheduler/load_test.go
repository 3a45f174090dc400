package scheduler_test

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestTick_LoadsWhatCanFire checks the reminders a tick finds although it
// reads only the obligations due soon: one due far ahead whose own lead
// time reaches today, and a snooze of one due far ahead that ends now.
func TestTick_LoadsWhatCanFire(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, athens)
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, e *env)
		want  int // reminders to the office channel
	}{
		{"OKLongLead", func(t *testing.T, e *env) {
			o := e.addObligation(t, now.AddDate(0, 0, 200))
			lead := []int{200}
			if _, err := sqlite.NewAgreementService(e.db).UpdateObligation(ctx(), o.ID, proxenos.ObligationUpdate{LeadDays: &lead}); err != nil {
				t.Fatal(err)
			}
		}, 1},
		{"OKDefaultLeadFarAhead", func(t *testing.T, e *env) {
			e.addObligation(t, now.AddDate(0, 0, 200))
		}, 0},
		{"OKSnoozeEnds", func(t *testing.T, e *env) {
			o := e.addObligation(t, now.AddDate(0, 0, 300))
			m := &proxenos.ReminderMark{ItemKey: proxenos.ItemKey(proxenos.ReminderObligation, o.ID, o.AgreementID, o.Due),
				Kind: proxenos.MarkSnoozed, Until: now.Add(-time.Hour), By: "U0STAFF", At: now.AddDate(0, 0, -3)}
			if err := sqlite.NewReminderService(e.db).AddMark(ctx(), m); err != nil {
				t.Fatal(err)
			}
		}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, now)
			tt.setup(t, e)
			p := &poster{clock: clockwork.NewFakeClockAt(now)}
			s := e.scheduler(t, "R1", p)
			if err := s.Tick(ctx()); err != nil {
				t.Fatal(err)
			}
			if got := len(p.reminders(channel)); got != tt.want {
				t.Fatalf("%d reminders, want %d", got, tt.want)
			}
		})
	}
}
