package bot

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// testClock is the clock of the bots and of their shared store in the
// intake tests, moved by hand past a lease.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// keptReplicas returns n bots that keep their requests in one SQLite
// intake, all on clock; each has its own fake Slack and dispatcher.
func keptReplicas(t *testing.T, n int) ([]*harness, *testClock, *sqlite.DB) {
	t.Helper()
	clock := &testClock{t: testNow}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = clock.Now
	intake := sqlite.NewIntakeService(db)
	var hs []*harness
	for range n {
		h := newHarness(t, &dispatcher{}, nil)
		h.bot.cfg.Intake = intake
		h.bot.Now = clock.Now
		hs = append(hs, h)
	}
	// Registered after the harnesses: closed after their Shutdown.
	t.Cleanup(func() { db.Close() })
	return hs, clock, db
}

// answerTexts returns the texts posted to response_urls, ephemerally
// and as messages on h's fake.
func answerTexts(h *harness) []string {
	var out []string
	for _, m := range []string{slackfake.MethodResponseURL, "chat.postEphemeral", "chat.postMessage"} {
		for _, c := range h.fake.Calls(m) {
			out = append(out, m+": "+c.Param("text"))
		}
	}
	return out
}

func TestIntake(t *testing.T) {
	const logged = "Καταχωρίστηκε ως 12/2026"
	delayed := i18n.T(i18n.Greek, "bot.delayed.command", "/corr")
	tryAgain := i18n.T(i18n.Greek, "error.internal")

	t.Run("OKFallbackEphemeral", func(t *testing.T) {
		// The response_url answers 500: the user gets the true outcome
		// whispered in the channel, once, and no "try again".
		hs, _, _ := keptReplicas(t, 1)
		h := hs[0]
		h.d.onCommand = func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: logged, Ephemeral: true}
		}
		h.fake.FailHTTP(slackfake.MethodResponseURL, 1, http.StatusInternalServerError)
		if status, _ := h.command("/corr", `in from:"Stadt Köln"`); status != http.StatusOK {
			t.Fatalf("got %d, want 200", status)
		}
		c := h.waitCalls("chat.postEphemeral", 1)[0]
		if c.Param("text") != logged || c.Param("channel") != "C1" || c.Param("user") != "U1" {
			t.Errorf("whispered %q to %s/%s, want %q to C1/U1", c.Param("text"), c.Param("channel"), c.Param("user"), logged)
		}
		shutdown(t, hs)
		for _, text := range answerTexts(h) {
			if strings.Contains(text, tryAgain) {
				t.Errorf("the user was told to try again: %s", text)
			}
		}
		if n := len(h.d.requests); n != 1 {
			t.Errorf("the command ran %d times, want once", n)
		}
	})
	t.Run("OKRunAgainAfterCrash", func(t *testing.T) {
		// Replica 0 acknowledges and dies while the command runs (its
		// handler never returns, and it renews nothing); replica 1 runs
		// the command again once the claim is stale, under the same id,
		// and answers on the response_url that it comes late.
		hs, clock, _ := keptReplicas(t, 2)
		dead, alive := hs[0], hs[1]
		stuck, release := make(chan *chat.Request, 1), make(chan struct{})
		dead.d.onCommand = func(_ context.Context, req *chat.Request) *chat.Response {
			stuck <- req
			<-release
			return nil // the process is gone: nothing it does counts
		}
		defer close(release)
		alive.d.onCommand = func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: logged, Ephemeral: true}
		}
		status, responseURL := dead.command("/corr", `in from:"Stadt Köln"`)
		if status != http.StatusOK {
			t.Fatalf("got %d, want 200", status)
		}
		first := <-stuck
		alive.bot.RecoverIntake(t.Context())
		if n := len(alive.d.requests); n != 0 {
			t.Fatalf("a live claim was taken over: ran %d", n)
		}
		clock.add(alive.bot.IntakeLease + time.Second)
		alive.bot.RecoverIntake(t.Context())
		c := dead.waitCalls(slackfake.MethodResponseURL, 1)[0]
		if !strings.Contains(responseURL, c.Path) || c.Param("text") != delayed+"\n"+logged || c.Param("response_type") != "ephemeral" {
			t.Errorf("answered %q (%s) at %s, want %q at %s", c.Param("text"), c.Param("response_type"), c.Path, delayed+"\n"+logged, responseURL)
		}
		clock.add(alive.bot.IntakeLease + time.Second)
		alive.bot.RecoverIntake(t.Context())
		shutdown(t, hs[1:])
		if len(alive.d.requests) != 1 || alive.d.requests[0].ID != first.ID || alive.d.requests[0].Text != first.Text {
			t.Errorf("recovered %+v, want the request %+v run once again", alive.d.requests, first)
		}
	})
	t.Run("OKDeliverSavedAnswer", func(t *testing.T) {
		// The command ran and its answer was saved, but nothing could be
		// delivered: recovery delivers the saved answer, late, without
		// running the command again, and nobody is told to try again.
		hs, _, _ := keptReplicas(t, 2)
		first, second := hs[0], hs[1]
		first.d.onCommand = func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: logged, Blocks: []chat.Block{chat.Section{Text: "*12/2026* Stadt Köln"}}}
		}
		first.fake.FailHTTP(slackfake.MethodResponseURL, 1, http.StatusInternalServerError)
		first.fake.Fail("chat.postEphemeral", 1, "channel_not_found")
		first.fake.Fail("chat.postMessage", 1, "user_not_found")
		first.command("/corr", `in from:"Stadt Köln"`)
		first.waitCalls("chat.postMessage", 1)
		shutdown(t, hs[:1])
		second.bot.RecoverIntake(t.Context())
		shutdown(t, hs[1:])
		calls := first.fake.Calls(slackfake.MethodResponseURL)
		if len(calls) != 2 {
			t.Fatalf("%d posts to the response_url, want the refused one and the late one", len(calls))
		}
		late := calls[1]
		if got := late.Param("text"); got != delayed+"\n"+logged || late.Param("response_type") != "in_channel" {
			t.Errorf("late answer %q (%s), want %q in channel", got, late.Param("response_type"), delayed+"\n"+logged)
		}
		if texts := blockTexts(t, late.Param("blocks")); len(texts) != 2 || texts[0] != delayed || texts[1] != "*12/2026* Stadt Köln" {
			t.Errorf("late blocks %q, want the note then the answer", texts)
		}
		if n := len(first.d.requests) + len(second.d.requests); n != 1 {
			t.Errorf("the command ran %d times, want once", n)
		}
		for _, text := range append(answerTexts(first), answerTexts(second)...) {
			if strings.Contains(text, tryAgain) {
				t.Errorf("the user was told to try again: %s", text)
			}
		}
	})
	t.Run("OKDroppedAtShutdown", func(t *testing.T) {
		// A command still waiting for a work slot when Shutdown gives up
		// is left to recovery, and run by the next replica at once.
		hs, _, _ := keptReplicas(t, 2)
		first, next := hs[0], hs[1]
		first.bot.MaxWork = 1
		busy, release := make(chan struct{}), make(chan struct{})
		first.d.onCommand = func(_ context.Context, req *chat.Request) *chat.Response {
			if req.Text == "busy" {
				close(busy)
				<-release
			}
			return nil
		}
		first.command("/ir", "busy")
		<-busy
		first.command("/corr", "list")
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_ = first.bot.Shutdown(ctx)
		close(release)
		first.bot.work.Wait() // the dropped job has released its record
		next.bot.RecoverIntake(t.Context())
		shutdown(t, hs[1:])
		if len(next.d.requests) != 1 || next.d.requests[0].Text != "list" {
			t.Errorf("recovered %+v, want /corr list", next.d.requests)
		}
	})
	t.Run("OKSubmissionAnswer", func(t *testing.T) {
		// A form's answer is kept before the acknowledgement closes the
		// form: posted late if it was not posted before a crash.
		hs, clock, _ := keptReplicas(t, 2)
		first, second := hs[0], hs[1]
		first.d.onSubmission = func(context.Context, *chat.Submission) (*chat.Response, chat.FieldErrors) {
			return &chat.Response{Text: logged}, nil
		}
		first.fake.Fail("chat.postMessage", 1, "channel_not_found")
		if status, body := first.interact(viewSubmission("V1", "h1", "Forum")); status != http.StatusOK || body != "" {
			t.Fatalf("got %d %q, want an empty 200", status, body)
		}
		shutdown(t, hs[:1])
		clock.add(second.bot.IntakeLease + time.Second)
		second.bot.RecoverIntake(t.Context())
		c := second.waitCalls("chat.postMessage", 1)[0]
		if got, want := c.Param("text"), i18n.T(i18n.Greek, "bot.delayed")+"\n"+logged; got != want || c.Param("channel") != "C1" {
			t.Errorf("posted %q to %s, want %q to C1", got, c.Param("channel"), want)
		}
		shutdown(t, hs[1:])
		if n := len(first.d.submissions) + len(second.d.submissions); n != 1 {
			t.Errorf("the form was handled %d times, want once", n)
		}
	})
	t.Run("FailOpen", func(t *testing.T) {
		// Without a store that answers, commands are acknowledged and
		// answered all the same.
		hs, _, db := keptReplicas(t, 1)
		h := hs[0]
		db.Close()
		if status, _ := h.command("/corr", "list"); status != http.StatusOK {
			t.Fatalf("got %d, want 200", status)
		}
		h.waitCalls(slackfake.MethodResponseURL, 1)
		shutdown(t, hs)
		if !strings.Contains(h.logs.String(), "slack request not kept") {
			t.Errorf("no warning logged:\n%s", h.logs.String())
		}
	})
}
