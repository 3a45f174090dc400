package storage

import (
	"errors"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestReadyGrace checks that a store which stops answering stays ready
// for the grace after its last success — a MongoDB election the driver
// rides out — and not after it, nor without a success, nor for errors
// that are not unavailability.
func TestReadyGrace(t *testing.T) {
	// step is one Ping: when, what the store said, what Ping reports.
	type step struct {
		at        time.Duration
		err, want error
	}
	down := proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable")
	broken := errors.New("corrupt")
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	grace := 20 * time.Second
	tests := []struct {
		name  string
		steps []step
	}{
		{"ElectionRiddenOut", []step{{0, nil, nil}, {5 * time.Second, down, nil}, {19 * time.Second, down, nil}, {25 * time.Second, nil, nil}, {40 * time.Second, down, nil}}},
		{"ErrOutageLongerThanGrace", []step{{0, nil, nil}, {10 * time.Second, down, nil}, {20 * time.Second, down, down}, {60 * time.Second, down, down}}},
		{"ErrNeverReady", []step{{0, down, down}}},
		{"ErrNotUnavailability", []step{{0, nil, nil}, {time.Second, broken, broken}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p writeProbe
			for _, s := range tt.steps {
				if got := p.settle(t0.Add(s.at), s.err, grace); got != s.want {
					t.Fatalf("at %v with %v: got %v, want %v", s.at, s.err, got, s.want)
				}
			}
		})
	}
	t.Run("ErrNoGrace", func(t *testing.T) {
		var p writeProbe
		_ = p.settle(t0, nil, 0)
		if got := p.settle(t0.Add(time.Millisecond), down, 0); got != down {
			t.Fatalf("SQLite (no grace): got %v, want the failure", got)
		}
	})
}
