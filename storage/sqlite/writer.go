package sqlite

import (
	"context"
	"slices"
	"sync"
)

// turns hands the write connection to this process's write transactions
// in the order they asked for it. database/sql gives a freed connection
// to a random waiter, so with several writers waiting on the one
// connection some waited many turns (8 writers: p99 of 180 ms for a
// write of 2 ms); in order, each waits at most one turn per writer.
type turns struct {
	mu      sync.Mutex
	busy    bool
	waiting []chan struct{} // first come, first served
}

// wait returns once it is the caller's turn, which lasts until done; or
// ctx's error, without a turn, if ctx ends first.
func (t *turns) wait(ctx context.Context) error {
	return t.take(ctx, false)
}

// waitFirst is wait for a turn that goes before all those waiting: the
// intake's, which a Slack request's acknowledgement waits for.
func (t *turns) waitFirst(ctx context.Context) error {
	return t.take(ctx, true)
}

// take waits for a turn at the end of the queue, or at its head when
// first.
func (t *turns) take(ctx context.Context, first bool) error {
	t.mu.Lock()
	if !t.busy {
		t.busy = true
		t.mu.Unlock()
		return nil
	}
	turn := make(chan struct{})
	if first {
		t.waiting = slices.Insert(t.waiting, 0, turn)
	} else {
		t.waiting = append(t.waiting, turn)
	}
	t.mu.Unlock()
	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		t.mu.Lock()
		i := slices.Index(t.waiting, turn)
		if i >= 0 {
			t.waiting = slices.Delete(t.waiting, i, i+1)
		}
		t.mu.Unlock()
		if i < 0 { // the turn came meanwhile: pass it on
			t.done()
		}
		return ctx.Err()
	}
}

// done ends the current turn and gives the next to the longest waiting.
func (t *turns) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.waiting) == 0 {
		t.busy = false
		return
	}
	close(t.waiting[0])
	t.waiting = t.waiting[1:]
}
