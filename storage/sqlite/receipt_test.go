package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestReceipts_TwoOpens is two processes' worth of connections on one
// file, 50 requests each, claiming one key: exactly one wins.
func TestReceipts_TwoOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	services := []*sqlite.ReceiptService{sqlite.NewReceiptService(MustOpenDB(t, path)), sqlite.NewReceiptService(MustOpenDB(t, path))}
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	var wg sync.WaitGroup
	var firsts, failures atomic.Int32
	for _, s := range services {
		for range 50 {
			wg.Go(func() {
				first, err := s.Receive(ctx, "event/EvRace", time.Minute)
				switch {
				case err != nil:
					failures.Add(1)
				case first:
					firsts.Add(1)
				}
			})
		}
	}
	wg.Wait()
	if failures.Load() > 0 || firsts.Load() != 1 {
		t.Fatalf("%d claims won, %d failed; want 1 and 0", firsts.Load(), failures.Load())
	}
}

// TestReceipts_Sweep checks that expired receipts are deleted now and
// then, at most 500 at a time, and live ones kept.
func TestReceipts_Sweep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db := MustOpenDB(t, path)
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	s := sqlite.NewReceiptService(db)
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	receive := func(key string) {
		t.Helper()
		if first, err := s.Receive(ctx, key, 15*time.Minute); err != nil || !first {
			t.Fatalf("Receive(%q) = %v, %v; want a first receipt", key, first, err)
		}
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows := func() int {
		t.Helper()
		var n int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM receipts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := range 600 {
		receive(fmt.Sprintf("event/Ev%d", i))
	}
	for _, tt := range []struct {
		name  string
		after time.Duration // clock moves on by this first
		want  int           // rows after one more receipt
	}{
		{"BoundedTo500", 20 * time.Minute, 600 - 500 + 1},
		{"NotWithinAMinute", 30 * time.Second, 102},
		{"RestNextMinute", time.Minute, 2 + 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			now = now.Add(tt.after)
			receive("event/" + tt.name)
			if got := rows(); got != tt.want {
				t.Errorf("got %d rows, want %d", got, tt.want)
			}
		})
	}
}

// BenchmarkReceive measures one claim of a new key, what a modal
// submission's acknowledgement pays with receipts on.
func BenchmarkReceive(b *testing.B) {
	s := sqlite.NewReceiptService(MustOpenDB(b, ""))
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	for i := 0; b.Loop(); i++ {
		if first, err := s.Receive(ctx, "event/Ev"+strconv.Itoa(i), 15*time.Minute); err != nil || !first {
			b.Fatalf("Receive = %v, %v", first, err)
		}
	}
}
