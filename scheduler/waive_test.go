package scheduler_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	agreements "github.com/proxenos/proxenos/handlers/mou"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestPlan_ObligationStatus checks that only open obligations are planned:
// a waived or fulfilled one has no reminders, overdue ones included.
func TestPlan_ObligationStatus(t *testing.T) {
	due := time.Date(2026, 12, 15, 0, 0, 0, 0, athens)
	from, to := due.AddDate(0, 0, -20), due.AddDate(0, 0, 22)
	for _, tt := range []struct {
		name   string
		status proxenos.ObligationStatus
		want   int // 14, 3, 0 days before, then 7, 14 and 21 days overdue
	}{
		{"Open", proxenos.ObligationOpen, 6},
		{"Waived", proxenos.ObligationWaived, 0},
		{"Done", proxenos.ObligationDone, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := &proxenos.Obligation{ID: "o1", AgreementID: "a1", Text: "Annual report to Faenza", Owner: owner, Due: due, Status: tt.status}
			if got := planner().Plan(scheduler.Items{Obligations: []*proxenos.Obligation{o}}, from, to); len(got) != tt.want {
				t.Errorf("%d reminders, want %d: %v", len(got), tt.want, got)
			}
		})
	}
}

// TestTick_WaivedObligation waives an obligation with /mou waive after its
// first reminder: none follows, neither on the due day nor while it would
// be overdue; /mou reopen brings the weekly overdue reminders back.
func TestTick_WaivedObligation(t *testing.T) {
	due := time.Date(2026, 12, 15, 0, 0, 0, 0, athens)
	e := newEnv(t, morning(due, -3).Add(-time.Minute))
	o := e.addObligation(t, due)
	p := &poster{clock: e.clock}
	s := e.scheduler(t, "A", p)
	h := handlers.NewHandler()
	h.Now, h.Location = e.clock.Now, athens
	h.MustRegister(agreements.New(h, sqlite.NewAgreementService(e.db), nil).Module())
	h.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	mou := func(text string) {
		t.Helper()
		resp := h.HandleCommand(context.Background(), &chat.Request{Team: team, User: "U0STAFF", Channel: channel,
			Lang: "en", Command: "/mou", Text: text})
		if resp.Ephemeral {
			t.Fatalf("/mou %s refused: %s", text, resp.Text)
		}
	}
	e.run(t, time.Minute, morning(due, -3), s)
	if n := len(p.reminders(channel)); n != 1 {
		t.Fatalf("%d reminders before waiving, want 1", n)
	}
	mou("waive " + o.ID + " the visit was cancelled")
	e.run(t, 6*time.Hour, morning(due, 15), s)
	if n := len(p.reminders(channel)); n != 1 {
		t.Fatalf("%d reminders after waiving, want none more", n-1)
	}
	mou("reopen " + o.ID)
	e.run(t, 6*time.Hour, morning(due, 22), s)
	want := []time.Time{morning(due, -3), morning(due, 21)}
	got := times(p.reminders(channel))
	// Ticks come every 6 hours: the reopened reminder goes at the first
	// tick from its time.
	if len(got) != len(want) || got[1].Before(want[1]) || !got[1].Before(want[1].Add(6*time.Hour)) {
		t.Fatalf("reminders at %v, want the one before waiving and the third week overdue, %v", got, want)
	}
}
