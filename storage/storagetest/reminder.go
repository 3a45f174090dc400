package storagetest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// delivery returns a pending first attempt of a call reminder claimed by
// holder at now.
func delivery(key, holder string, now time.Time) *proxenos.Delivery {
	return &proxenos.Delivery{
		Key: key, Attempt: 1, Destination: proxenos.DestinationChannel, State: proxenos.DeliveryPending,
		Holder: holder, ClaimedAt: now, LeaseUntil: now.Add(30 * time.Second),
		Reminder: proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: "c1", Offset: "7d",
			Occurrence: time.Date(2027, 2, 18, 18, 0, 0, 0, Athens), At: now, Title: "CERV Town twinning"},
	}
}

// RunReminders checks delivery claims, marks and leases.
func RunReminders(t *testing.T, open OpenFunc) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, Athens)
	s := open(t, func() time.Time { return now })
	ctx := Ctx(Team, "U1")
	t.Run("ClaimOnce", func(t *testing.T) {
		d := delivery("call/c1//20270218T160000Z/7d/channel", "A", now)
		d.Reminder.MovedFrom = now.AddDate(0, 0, 2) // moved back from a Saturday: retries judge "missed" by it
		if err := s.Reminders.ClaimDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.Reminders.ClaimDelivery(ctx, delivery(d.Key, "B", now)), proxenos.ECONFLICT)
		// The same key is free in another workspace.
		if err := s.Reminders.ClaimDelivery(Ctx(OtherTeam, "U2"), delivery(d.Key, "B", now)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}})
		if err != nil || len(got) != 1 || got[0].Holder != "A" || got[0].State != proxenos.DeliveryPending ||
			!got[0].LeaseUntil.Equal(d.LeaseUntil) || got[0].Reminder.Title != d.Reminder.Title ||
			!got[0].Reminder.MovedFrom.Equal(d.Reminder.MovedFrom) {
			t.Fatalf("got %+v (%v)", got, err)
		}
	})
	t.Run("Finish", func(t *testing.T) {
		d := delivery("call/c1//20270218T160000Z/3d/channel", "A", now)
		if err := s.Reminders.ClaimDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		other := *d
		other.Holder, other.State = "B", proxenos.DeliverySent
		wantCode(t, s.Reminders.FinishDelivery(ctx, &other), proxenos.ENOTFOUND)
		d.State, d.SentAt, d.Channel, d.TS = proxenos.DeliverySent, now.Add(time.Second), "C1", "1.2"
		if err := s.Reminders.FinishDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}, States: []proxenos.DeliveryState{proxenos.DeliverySent}})
		if err != nil || len(got) != 1 || got[0].TS != "1.2" || !got[0].SentAt.Equal(d.SentAt) {
			t.Fatalf("got %+v (%v)", got, err)
		}
		// A second attempt is a claim of its own.
		retry := delivery(d.Key, "B", now)
		retry.Attempt = 2
		if err := s.Reminders.ClaimDelivery(ctx, retry); err != nil {
			t.Fatal(err)
		}
		got, err = s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}})
		if err != nil || len(got) != 2 || got[0].Attempt != 1 || got[1].Attempt != 2 {
			t.Fatalf("attempts %+v (%v)", got, err)
		}
	})
	t.Run("FindByStateSinceKind", func(t *testing.T) {
		got, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryPending},
			Since: now, Kind: proxenos.ReminderCallDeadline})
		if err != nil || len(got) != 2 {
			t.Fatalf("pending: %d (%v), want 2", len(got), err)
		}
		got, err = s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Since: now.Add(time.Hour)})
		if err != nil || len(got) != 0 {
			t.Fatalf("since later: %d (%v), want 0", len(got), err)
		}
	})
	t.Run("FinishUnanswered", func(t *testing.T) {
		// Slack did not answer the post: the attempt stays pending, with
		// its lease, so that it is retried after a look in Slack.
		d := delivery("call/c1//20270218T160000Z/1d/channel", "A", now)
		if err := s.Reminders.ClaimDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		d.Error = "context deadline exceeded"
		if err := s.Reminders.FinishDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}, States: []proxenos.DeliveryState{proxenos.DeliveryPending}})
		if err != nil || len(got) != 1 || got[0].Error != d.Error || !got[0].LeaseUntil.Equal(d.LeaseUntil) ||
			!got[0].ClaimedAt.Equal(now) || got[0].Retryable(now) || !got[0].Retryable(d.LeaseUntil) {
			t.Fatalf("got %+v (%v), want it pending until its lease ends", got, err)
		}
	})
	t.Run("Marks", func(t *testing.T) {
		key := proxenos.ItemKey(proxenos.ReminderObligation, "o1", "", now)
		for _, m := range []*proxenos.ReminderMark{
			{ItemKey: key, Kind: proxenos.MarkSnoozed, Until: now.Add(24 * time.Hour), By: "U1", At: now},
			{ItemKey: key, Kind: proxenos.MarkDone, By: "U2", At: now.Add(time.Minute)},
		} {
			if err := s.Reminders.AddMark(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, s.Reminders.AddMark(ctx, &proxenos.ReminderMark{ItemKey: "nonsense", Kind: proxenos.MarkDone}), proxenos.EINVALID)
		got, err := s.Reminders.FindMarks(ctx, key)
		if err != nil || len(got) != 2 || got[0].Kind != proxenos.MarkSnoozed || !got[0].Until.Equal(now.Add(24*time.Hour)) {
			t.Fatalf("marks %+v (%v)", got, err)
		}
		if latest := proxenos.LatestMarks(got)[key]; latest.Kind != proxenos.MarkDone || latest.By != "U2" {
			t.Fatalf("latest %+v", latest)
		}
		if other, err := s.Reminders.FindMarks(Ctx(OtherTeam, "U2")); err != nil || len(other) != 0 {
			t.Fatalf("other workspace sees %d marks (%v)", len(other), err)
		}
	})
	t.Run("Lease", func(t *testing.T) {
		_, err := s.Reminders.FindLease(ctx, "sender")
		wantCode(t, err, proxenos.ENOTFOUND)
		for term := int64(1); term <= 3; term++ {
			if err := s.Reminders.ClaimLease(ctx, &proxenos.Lease{Name: "sender", Term: term, Holder: "A", Expires: now.Add(time.Duration(term) * time.Second)}); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, s.Reminders.ClaimLease(ctx, &proxenos.Lease{Name: "sender", Term: 3, Holder: "B", Expires: now}), proxenos.ECONFLICT)
		if err := s.Reminders.DeleteLeases(ctx, "sender", 3); err != nil {
			t.Fatal(err)
		}
		got, err := s.Reminders.FindLease(ctx, "sender")
		if err != nil || got.Term != 3 || got.Holder != "A" || !got.Expires.Equal(now.Add(3*time.Second)) {
			t.Fatalf("lease %+v (%v)", got, err)
		}
	})
	t.Run("ConcurrentClaims", func(t *testing.T) { RunConcurrentClaims(t, []*storage.Store{s}, 4, 50) })
}

// RunConcurrentClaims has senders goroutines per store race to claim the
// same keys attempts; each attempt must have exactly one winner.
func RunConcurrentClaims(t *testing.T, stores []*storage.Store, senders, keys int) {
	ctx := Ctx(Team, "U1")
	now := time.Now()
	var wins atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*senders)
	for i, s := range stores {
		for j := range senders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range keys {
					d := delivery(fmt.Sprintf("race/%d", k), fmt.Sprintf("S%d-%d", i, j), now)
					switch err := s.Reminders.ClaimDelivery(ctx, d); proxenos.ErrorCode(err) {
					case "":
						wins.Add(1)
					case proxenos.ECONFLICT:
					default:
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := wins.Load(); got != int64(keys) {
		t.Fatalf("%d claims won, want %d (one per key)", got, keys)
	}
}
