package scheduler_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// flakyFinish is a reminder store whose FinishDelivery fails while
// failing is above zero: after writing the outcome when commit is set (a
// reply lost in a failover), before it otherwise (the store down).
type flakyFinish struct {
	proxenos.ReminderService
	mu      sync.Mutex
	commit  bool
	failing int
}

func (f *flakyFinish) FinishDelivery(ctx context.Context, d *proxenos.Delivery) error {
	f.mu.Lock()
	fail := f.failing > 0
	if fail {
		f.failing--
	}
	f.mu.Unlock()
	if !fail {
		return f.ReminderService.FinishDelivery(ctx, d)
	}
	if f.commit {
		if err := f.ReminderService.FinishDelivery(ctx, d); err != nil {
			return err
		}
	}
	return proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable")
}

// TestFinishUncertain posts a reminder whose outcome the store does not
// confirm, with no look in Slack to fall back on: it is posted once, and
// its outcome ends up stored as sent.
func TestFinishUncertain(t *testing.T) {
	due := time.Date(2026, 12, 15, 0, 0, 0, 0, athens)
	for _, tt := range []struct {
		name    string
		commit  bool
		failing int // failed writes: 3 make one finish give up
	}{
		{"CommittedReplyLost", true, 1},
		{"StoreDownForATick", false, 3},
		{"StoreDownForTwoTicks", false, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, morning(due, -3).Add(-time.Minute))
			e.addObligation(t, due)
			p := &poster{clock: e.clock}
			db := e.open(t)
			store := &flakyFinish{ReminderService: sqlite.NewReminderService(db), commit: tt.commit, failing: tt.failing}
			s, err := scheduler.New(team, channel, store, sqlite.NewCallService(db), sqlite.NewAgreementService(db), p,
				scheduler.WithClock(e.clock), scheduler.WithHolder("A"), scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
			if err != nil {
				t.Fatal(err)
			}
			// Ticks each minute, well past the delivery lease; the failed
			// ticks' errors are the store's, as they should be.
			for end := morning(due, -3).Add(time.Hour); !e.clock.Now().After(end); e.clock.Advance(time.Minute) {
				_ = s.Tick(context.Background())
			}
			if got := p.reminders(channel); len(got) != 1 {
				t.Fatalf("posted %d times at %v, want once", len(got), times(got))
			}
			ds, err := store.FindDeliveries(ctx(), proxenos.DeliveryFilter{})
			if err != nil {
				t.Fatal(err)
			}
			sent := 0
			for _, d := range ds {
				if d.Destination == proxenos.DestinationChannel && d.State == proxenos.DeliverySent {
					sent++
				}
			}
			if sent != 1 {
				t.Fatalf("deliveries %+v, want the channel's stored as sent once", ds)
			}
		})
	}
}
