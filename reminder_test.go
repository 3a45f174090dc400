package proxenos_test

import (
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

func TestItemKey(t *testing.T) {
	occ := time.Date(2027, 2, 18, 17, 0, 0, 0, proxenos.DeadlineLocation())
	t.Run("OK", func(t *testing.T) {
		key := proxenos.ItemKey(proxenos.ReminderObligation, "o1", "a1", occ)
		kind, id, sub, got, ok := proxenos.ParseItemKey(key)
		if !ok || kind != proxenos.ReminderObligation || id != "o1" || sub != "a1" || !got.Equal(occ) {
			t.Fatalf("ParseItemKey(%q) = %s %s %s %v %v", key, kind, id, sub, got, ok)
		}
	})
	t.Run("NewOccurrenceNewKey", func(t *testing.T) {
		r := proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: "c1", Occurrence: occ, Offset: "7d"}
		moved := r
		moved.Occurrence = occ.AddDate(0, 0, 1)
		if r.Key() == moved.Key() || r.DeliveryKey(proxenos.DestinationChannel) == r.DeliveryKey(proxenos.DestinationOwner) {
			t.Fatalf("keys collide: %s", r.Key())
		}
	})
	for _, bad := range []string{"", "call", "call/c1//notatime", "/c1//"} {
		if _, _, _, _, ok := proxenos.ParseItemKey(bad); ok {
			t.Errorf("ParseItemKey(%q) ok, want refused", bad)
		}
	}
}

func TestDelivery_Retryable(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		d    proxenos.Delivery
		want bool
	}{
		{"FailedDue", proxenos.Delivery{State: proxenos.DeliveryFailed, NextAttempt: now}, true},
		{"FailedLater", proxenos.Delivery{State: proxenos.DeliveryFailed, NextAttempt: now.Add(time.Second)}, false},
		{"PendingStale", proxenos.Delivery{State: proxenos.DeliveryPending, LeaseUntil: now.Add(-time.Second)}, true},
		{"PendingLive", proxenos.Delivery{State: proxenos.DeliveryPending, LeaseUntil: now.Add(time.Second)}, false},
		{"Sent", proxenos.Delivery{State: proxenos.DeliverySent}, false},
		{"Missed", proxenos.Delivery{State: proxenos.DeliveryMissed}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Retryable(now); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReminderMark_Validate(t *testing.T) {
	key := proxenos.ItemKey(proxenos.ReminderAgreementEnd, "a1", "", time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC))
	for _, tt := range []struct {
		name string
		m    proxenos.ReminderMark
		want string
	}{
		{"OK", proxenos.ReminderMark{ItemKey: key, Kind: proxenos.MarkDone, By: "U1"}, ""},
		{"ErrSnoozeWithoutUntil", proxenos.ReminderMark{ItemKey: key, Kind: proxenos.MarkSnoozed}, proxenos.EINVALID},
		{"ErrItem", proxenos.ReminderMark{ItemKey: "x", Kind: proxenos.MarkDone}, proxenos.EINVALID},
		{"ErrBy", proxenos.ReminderMark{ItemKey: key, Kind: proxenos.MarkDone, By: "<!channel>"}, proxenos.EINVALID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := proxenos.ErrorCode(tt.m.Validate()); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLatestMarks(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	got := proxenos.LatestMarks([]*proxenos.ReminderMark{
		{ItemKey: "k", Kind: proxenos.MarkSnoozed, At: at},
		{ItemKey: "k", Kind: proxenos.MarkDone, At: at.Add(time.Minute)},
		{ItemKey: "j", Kind: proxenos.MarkDone, At: at},
	})
	if len(got) != 2 || got["k"].Kind != proxenos.MarkDone {
		t.Fatalf("got %+v", got)
	}
}
