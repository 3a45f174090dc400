package sqlite

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// TestTurnsInOrder queues writers one after another behind a turn in
// progress: each gets its turn in the order it came, and one that gives
// up waiting (its context ends) leaves the queue without a turn, so the
// others still get theirs.
func TestTurnsInOrder(t *testing.T) {
	var tr turns
	if err := tr.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	quit, cancel := context.WithCancel(context.Background())
	for i := range 20 {
		ctx := context.Background()
		if i == 7 {
			ctx = quit
		}
		wg.Go(func() {
			if err := tr.wait(ctx); err != nil {
				return
			}
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
			tr.done()
		})
		for queued(&tr) < i+1 {
			runtime.Gosched()
		}
	}
	cancel()
	for queued(&tr) > 19 {
		runtime.Gosched()
	}
	tr.done()
	wg.Wait()
	var want []int // all but the one that gave up
	for i := range 20 {
		if i != 7 {
			want = append(want, i)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("turns in order %v, want %v", got, want)
	}
	if tr.busy || len(tr.waiting) > 0 {
		t.Fatalf("after the last turn: busy %v, %d waiting", tr.busy, len(tr.waiting))
	}
}

// queued returns how many wait for a turn.
func queued(tr *turns) int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return len(tr.waiting)
}

// TestTurnsFirst checks that a turn asked with waitFirst (the intake's)
// comes before those already waiting, and that the others keep their
// order behind it.
func TestTurnsFirst(t *testing.T) {
	var tr turns
	if err := tr.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	take := func(name string, first bool) {
		wg.Go(func() {
			if err := tr.take(context.Background(), first); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			got = append(got, name)
			mu.Unlock()
			tr.done()
		})
	}
	for i, name := range []string{"entry 1", "entry 2", "intake"} {
		take(name, name == "intake")
		for queued(&tr) < i+1 {
			runtime.Gosched()
		}
	}
	tr.done()
	wg.Wait()
	if want := []string{"intake", "entry 1", "entry 2"}; !slices.Equal(got, want) {
		t.Fatalf("turns in order %v, want %v", got, want)
	}
}
