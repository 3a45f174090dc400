package scheduler

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"

	"github.com/proxenos/proxenos"
)

// Elector is a gocron.Elector backed by lease terms in the store. Each
// term is a record claimed by insert, (Name, Term) unique, so that it is
// safe on FerretDB, which can lose one of two concurrent updates: the
// holder renews by claiming Term+1 once half the TTL is gone; the others
// claim the next term only after the current one expires. If the holder
// dies, another replica takes over within TTL (plus its polling period).
//
// Replicas compare expiry times on their own clocks; a skew between them
// shortens or lengthens a takeover by that much. Two replicas believing
// they lead at once would still not double a reminder: deliveries are
// claimed one by one.
type Elector struct {
	Reminders proxenos.ReminderService
	Name      string
	Holder    string
	TTL       time.Duration
	Now       func() time.Time
	Logger    *slog.Logger

	mu sync.Mutex
}

var _ gocron.Elector = (*Elector)(nil)

// keepTerms is how many past terms stay in the store, for logs.
const keepTerms = 10

// IsLeader returns nil when this replica holds the lease, renewing or
// taking it as needed, and ErrNotLeader when another replica does.
func (e *Elector) IsLeader(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.Now()
	cur, err := e.Reminders.FindLease(ctx, e.Name)
	if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		cur, err = &proxenos.Lease{Name: e.Name}, nil
	}
	if err != nil {
		return err
	}
	live := now.Before(cur.Expires)
	switch {
	case live && cur.Holder != e.Holder:
		return ErrNotLeader
	case live && cur.Expires.Sub(now) > e.TTL/2:
		return nil // ours, and fresh
	}
	// Ours and half gone, or nobody's: claim the next term.
	next := &proxenos.Lease{Name: e.Name, Term: cur.Term + 1, Holder: e.Holder, Expires: now.Add(e.TTL)}
	if err := e.Reminders.ClaimLease(ctx, next); proxenos.ErrorCode(err) == proxenos.ECONFLICT {
		return ErrNotLeader
	} else if err != nil {
		return err
	}
	if cur.Holder != e.Holder && e.Logger != nil {
		e.Logger.Info("reminder sender lease taken", "holder", e.Holder, "term", next.Term)
	}
	if next.Term > keepTerms {
		if err := e.Reminders.DeleteLeases(ctx, e.Name, next.Term-keepTerms); err != nil && e.Logger != nil {
			e.Logger.Warn("old lease terms not deleted", "error", err)
		}
	}
	return nil
}
