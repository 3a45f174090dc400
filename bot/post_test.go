package bot

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
)

func TestPost(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		ts, err := h.bot.Post(context.Background(), "C1", &chat.Response{Text: "Υπενθύμιση: προθεσμία αύριο",
			Blocks: []chat.Block{chat.Section{Text: "*Urbact IV*"}}})
		if err != nil {
			t.Fatal(err)
		}
		c := h.fake.Calls("chat.postMessage")[0]
		if ts == "" || c.Param("channel") != "C1" || c.Param("text") != "Υπενθύμιση: προθεσμία αύριο" {
			t.Errorf("got ts %q, call %v", ts, c.Params)
		}
		if err := h.bot.Update(context.Background(), "C1", ts, &chat.Response{Text: "Έγινε"}); err != nil {
			t.Fatal(err)
		}
		if u := h.fake.Calls("chat.update")[0]; u.Param("ts") != ts || u.Param("text") != "Έγινε" {
			t.Errorf("got update %v", u.Params)
		}
	})
	t.Run("RateLimited", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		h.fake.RateLimit("chat.postMessage", 2, 7)
		if _, err := h.bot.Post(context.Background(), "C1", &chat.Response{Text: "digest"}); err != nil {
			t.Fatal(err)
		}
		if n := len(h.fake.Calls("chat.postMessage")); n != 3 {
			t.Errorf("got %d calls, want 3 (two 429s, then 200)", n)
		}
		if want := []time.Duration{7 * time.Second, 7 * time.Second}; !slices.Equal(h.sleeps, want) {
			t.Errorf("waited %v, want %v as Retry-After says", h.sleeps, want)
		}
	})
	t.Run("ErrRateLimitedTooLong", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		h.bot.MaxRetryWait = 2 * time.Second
		h.fake.RateLimit("chat.postMessage", 10, 120)
		_, err := h.bot.Post(context.Background(), "C1", &chat.Response{Text: "digest"})
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			t.Fatalf("got %v, want a rate-limit error", err)
		}
		if n := len(h.fake.Calls("chat.postMessage")); n != DefaultMaxRetries+1 {
			t.Errorf("got %d calls, want %d", n, DefaultMaxRetries+1)
		}
		for _, d := range h.sleeps {
			if d != 2*time.Second {
				t.Errorf("waited %s, want MaxRetryWait", d)
			}
		}
	})
	t.Run("ResponseURLRateLimited", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		h.fake.RateLimit(slackfake.MethodResponseURL, 1, 1)
		h.command("/corr", "list")
		if calls := h.waitCalls(slackfake.MethodResponseURL, 2); calls[1].Param("text") != "ok list" {
			t.Errorf("got %q after the retry", calls[1].Param("text"))
		}
	})
	t.Run("InThreadWithFiles", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		ts, err := h.bot.Post(context.Background(), "C1", &chat.Response{Text: "Μηνιαία αναφορά", InThread: true,
			Files: []chat.Upload{{Name: "report.csv", Content: []byte("a;b\n")}}})
		if err != nil {
			t.Fatal(err)
		}
		if c := h.fake.Calls("files.completeUploadExternal")[0]; c.Param("thread_ts") != ts {
			t.Errorf("file shared in thread %q, want %q", c.Param("thread_ts"), ts)
		}
	})
}

func TestSleepCtx(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestDownload(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	u := h.fake.AddFile(slackfake.File{ID: "F1", Name: "επιστολή.docx", Content: []byte("PK…")})
	var buf bytes.Buffer
	if err := h.bot.Download(context.Background(), u, &buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "PK…" {
		t.Fatalf("got %q", buf.String())
	}
}

func TestShutdown(t *testing.T) {
	t.Run("WaitsForWork", func(t *testing.T) {
		release := make(chan struct{})
		d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
			<-release
			return &chat.Response{Text: "done", Ephemeral: true}
		}}
		h := newHarness(t, d, nil)
		h.command("/corr", "slow")
		done := make(chan error, 1)
		go func() { done <- h.bot.Shutdown(context.Background()) }()
		// A request during shutdown is refused, so that Slack retries elsewhere.
		for {
			if status, _ := h.command("/corr", "late"); status == http.StatusServiceUnavailable {
				break
			}
			time.Sleep(time.Millisecond)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		// A "late" command sent before Shutdown began is served too (under
		// load the goroutine may start after it); the slow one must be done.
		calls := h.fake.Calls(slackfake.MethodResponseURL)
		if !slices.ContainsFunc(calls, func(c slackfake.Call) bool { return c.Param("text") == "done" }) {
			t.Errorf("work in flight did not finish before Shutdown returned: %d replies", len(calls))
		}
	})
	t.Run("ErrDeadline", func(t *testing.T) {
		d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
			<-ctx.Done() // a handler that stops when told
			return &chat.Response{Text: "cancelled", Ephemeral: true}
		}}
		h := newHarness(t, d, nil)
		h.command("/corr", "stuck")
		for d.count() == 0 {
			time.Sleep(time.Millisecond)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := h.bot.Shutdown(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	})
}

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  Config
		d    Dispatcher
		want error
	}{
		{"ErrNoToken", Config{}, &dispatcher{}, ErrNoToken},
		{"ErrNoDispatcher", Config{Token: "xoxb-1"}, nil, ErrNoDispatcher},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg, tt.d); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// TestNew_Options checks that each option refuses a value out of its
// bounds with its own error, from New and from Check alike, and sets the
// setting when it is within them.
func TestNew_Options(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  Option
		want error // nil: accepted
	}{
		{"OKMaxWork", WithMaxWork(1), nil},
		{"OKIntakeLease", WithIntakeLease(MinIntakeLease), nil},
		{"ErrMaxWorkRange", WithMaxWork(0), ErrMaxWorkRange},
		{"ErrIntakeLeaseRangeShort", WithIntakeLease(MinIntakeLease - 1), ErrIntakeLeaseRange},
		{"ErrIntakeLeaseRangeLong", WithIntakeLease(MaxIntakeLease + 1), ErrIntakeLeaseRange},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := New(Config{Token: "xoxb-1"}, &dispatcher{}, tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("New: %v, want %v", err, tt.want)
			}
			if err := Check(tt.opt); !errors.Is(err, tt.want) {
				t.Fatalf("Check: %v, want %v", err, tt.want)
			}
			if tt.want == nil && (b.MaxWork == 4*runtime.GOMAXPROCS(0) && b.IntakeLease == DefaultIntakeLease) {
				t.Errorf("the option changed nothing: MaxWork %d, IntakeLease %v", b.MaxWork, b.IntakeLease)
			}
		})
	}
}
