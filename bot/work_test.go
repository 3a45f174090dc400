package bot

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
)

func TestMaxWork(t *testing.T) {
	const slots, commands = 2, 7
	release := make(chan struct{})
	started := make(chan string, commands)
	var mu sync.Mutex
	running, most := 0, 0
	d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		started <- req.Text
		<-release
		mu.Lock()
		running--
		mu.Unlock()
		return &chat.Response{Text: "done " + req.Text, Ephemeral: true}
	}}
	h := newHarness(t, d, nil)
	h.bot.MaxWork = slots
	// Every command is acknowledged while the slots are held.
	for i := range commands {
		if status, _ := h.command("/corr", strconv.Itoa(i)); status != http.StatusOK {
			t.Fatalf("command %d: got %d, want 200 while the slots are busy", i, status)
		}
	}
	for range slots {
		select {
		case <-started:
		case <-time.After(wait):
			t.Fatal("the first jobs never started")
		}
	}
	select {
	case text := <-started:
		t.Fatalf("command %s started with every slot busy", text)
	default:
	}
	close(release)
	// No command is lost: the waiting ones run in turn, and Shutdown
	// waits for them.
	if err := h.bot.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(h.fake.Calls(slackfake.MethodResponseURL)); got != commands {
		t.Errorf("%d answers, want %d", got, commands)
	}
	if most != slots {
		t.Errorf("%d jobs ran at once, want %d", most, slots)
	}
}

func TestMaxWorkShutdownTimeout(t *testing.T) {
	// Jobs still waiting for a slot when Shutdown gives up are dropped,
	// and logged, instead of running on a cancelled context.
	release := make(chan struct{})
	d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	}}
	h := newHarness(t, d, nil)
	h.bot.MaxWork = 1
	h.command("/corr", "first")
	h.command("/corr", "second")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.bot.Shutdown(ctx); err == nil {
		t.Fatal("Shutdown with an ended context: got nil, want its error")
	}
	close(release)
	// The harness's Shutdown waits for the goroutines to end.
	if err := h.bot.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(d.requests); n > 1 {
		t.Errorf("%d commands ran after Shutdown gave up, want at most the one running", n)
	}
}
