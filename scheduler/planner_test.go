package scheduler_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

func planner() *scheduler.Planner {
	return &scheduler.Planner{Offsets: scheduler.DefaultOffsets(), Morning: scheduler.DefaultMorning, Location: athens}
}

func TestWallClock(t *testing.T) {
	for _, tt := range []struct {
		name string
		day  time.Time
		at   scheduler.TimeOfDay
		want string
	}{
		{"OK", time.Date(2027, 3, 27, 0, 0, 0, 0, athens), scheduler.TimeOfDay{Hour: 9}, "2027-03-27T09:00:00+02:00"},
		{"SpringForwardMorning", time.Date(2027, 3, 28, 0, 0, 0, 0, athens), scheduler.TimeOfDay{Hour: 9}, "2027-03-28T09:00:00+03:00"},
		// 03:30 does not exist on 28 March: the gap ends at 04:00 EEST.
		{"SpringForwardGap", time.Date(2027, 3, 28, 0, 0, 0, 0, athens), scheduler.TimeOfDay{Hour: 3, Minute: 30}, "2027-03-28T04:00:00+03:00"},
		// 03:30 happens twice on 31 October: the first, in summer time.
		{"FallBackRepeated", time.Date(2027, 10, 31, 0, 0, 0, 0, athens), scheduler.TimeOfDay{Hour: 3, Minute: 30}, "2027-10-31T03:30:00+03:00"},
		{"FallBackMorning", time.Date(2027, 10, 31, 0, 0, 0, 0, athens), scheduler.TimeOfDay{Hour: 8, Minute: 30}, "2027-10-31T08:30:00+02:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			y, m, d := tt.day.Date()
			if got := scheduler.WallClock(y, m, d, tt.at, athens).Format(time.RFC3339); got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestPlan(t *testing.T) {
	due := time.Date(2026, 12, 15, 0, 0, 0, 0, athens)
	obligation := &proxenos.Obligation{ID: "o1", AgreementID: "a1", Text: "Annual report to Faenza", Owner: owner, Due: due,
		Status: proxenos.ObligationOpen}
	keys := func(rs []proxenos.Reminder) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.At.In(athens).Format("01-02")+" "+r.Offset)
		}
		return fmt.Sprint(out)
	}
	from, to := due.AddDate(0, 0, -20), due.AddDate(0, 0, 22)
	for _, tt := range []struct {
		name  string
		items scheduler.Items
		want  string
	}{
		{"ObligationThenWeeklyOverdue", scheduler.Items{Obligations: []*proxenos.Obligation{obligation}},
			"[12-01 14d 12-12 3d 12-15 0d 12-22 overdue1 12-29 overdue2 01-05 overdue3]"},
		{"OwnLeadTimes", scheduler.Items{Obligations: []*proxenos.Obligation{func() *proxenos.Obligation {
			o := *obligation
			o.LeadDays = []int{1}
			return &o
		}()}}, "[12-14 1d 12-22 overdue1 12-29 overdue2 01-05 overdue3]"},
		{"Done", scheduler.Items{Obligations: []*proxenos.Obligation{obligation}, Marks: map[string]*proxenos.ReminderMark{
			proxenos.ItemKey(proxenos.ReminderObligation, "o1", "a1", due): {Kind: proxenos.MarkDone}}}, "[]"},
		{"Snoozed", scheduler.Items{Obligations: []*proxenos.Obligation{obligation}, Marks: map[string]*proxenos.ReminderMark{
			proxenos.ItemKey(proxenos.ReminderObligation, "o1", "a1", due): {Kind: proxenos.MarkSnoozed,
				Until: time.Date(2026, 12, 20, 10, 0, 0, 0, athens)}}},
			"[12-20 snooze1797753600000 12-22 overdue1 12-29 overdue2 01-05 overdue3]"},
		{"AgreementEndAndNotice", scheduler.Items{Agreements: []*proxenos.Agreement{{ID: "a1", Title: "Twinning Faenza",
			Status: proxenos.AgreementActive, End: time.Date(2027, 3, 31, 0, 0, 0, 0, athens), Notice: proxenos.Period{Months: 3}}}},
			"[12-01 30d 12-31 90d]"},
		{"ClosedCall", scheduler.Items{Calls: []*proxenos.Call{{ID: "c1", Status: proxenos.CallSubmitted,
			Deadlines: []proxenos.Deadline{{At: due}}}}}, "[]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(planner().Plan(tt.items, from, to)); got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestElector(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 26, 9, 0, 0, 0, athens))
	rs := sqlite.NewReminderService(e.db)
	electors := make([]*scheduler.Elector, 3)
	for i := range electors {
		electors[i] = &scheduler.Elector{Reminders: rs, Name: "sender", Holder: fmt.Sprint("R", i), TTL: 30 * time.Second,
			Now: e.clock.Now}
	}
	leaders := func(alive []*scheduler.Elector) []string {
		var mu sync.Mutex
		var out []string
		var wg sync.WaitGroup
		for _, el := range alive {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if el.IsLeader(context.Background()) == nil {
					mu.Lock()
					out = append(out, el.Holder)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return out
	}
	first := leaders(electors)
	if len(first) != 1 {
		t.Fatalf("leaders %v, want one", first)
	}
	// The leader renews every 10 s; the others stay out.
	for range 12 {
		e.clock.Advance(10 * time.Second)
		if got := leaders(electors); len(got) != 1 || got[0] != first[0] {
			t.Fatalf("leaders %v, want only %s", got, first[0])
		}
	}
	// The leader dies: another takes over within the TTL.
	var rest []*scheduler.Elector
	for _, el := range electors {
		if el.Holder != first[0] {
			rest = append(rest, el)
		}
	}
	e.clock.Advance(20 * time.Second)
	if got := leaders(rest); len(got) != 0 {
		t.Fatalf("leaders %v before the lease expired", got)
	}
	e.clock.Advance(10 * time.Second)
	if got := leaders(rest); len(got) != 1 {
		t.Fatalf("leaders %v after the lease expired, want one", got)
	}
}

// BenchmarkPlan plans a minute's window over open items: calls with two
// deadlines and a milestone, obligations and agreements in equal parts.
func BenchmarkPlan(b *testing.B) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, athens)
	for _, n := range []int{10_000, 100_000} {
		var items scheduler.Items
		for i := range n / 3 {
			at := now.Add(time.Duration(i%400) * 24 * time.Hour)
			items.Calls = append(items.Calls, &proxenos.Call{ID: fmt.Sprint("c", i), Title: "Call", Status: proxenos.CallPreparing,
				Owner: owner, Deadlines: []proxenos.Deadline{{At: at}, {At: at.AddDate(0, 2, 0)}},
				Milestones: []proxenos.Milestone{{Text: "draft", DaysBefore: 10}}})
			items.Obligations = append(items.Obligations, &proxenos.Obligation{ID: fmt.Sprint("o", i), AgreementID: "a",
				Text: "Report", Due: at.AddDate(0, 0, -200), Status: proxenos.ObligationOpen})
			items.Agreements = append(items.Agreements, &proxenos.Agreement{ID: fmt.Sprint("a", i), Title: "Twinning",
				Status: proxenos.AgreementActive, End: at, Notice: proxenos.Period{Months: 6}})
		}
		p := planner()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				p.Plan(items, now.Add(-7*24*time.Hour), now)
			}
		})
	}
}
