package scheduler_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// slackEnv is an env whose schedulers post through the bot to a fake
// Slack that dates messages by the env's clock.
type slackEnv struct {
	*env
	fake *slackfake.Server
	bot  *bot.Bot
}

func newSlackEnv(t *testing.T, start time.Time) *slackEnv {
	t.Helper()
	e := &slackEnv{env: newEnv(t, start), fake: slackfake.New()}
	e.fake.Now = e.clock.Now
	transport := &http.Transport{}
	t.Cleanup(func() {
		e.fake.Close()
		transport.CloseIdleConnections()
	})
	b, err := bot.New(bot.Config{Token: slackfake.BotToken, APIURL: e.fake.URL(), HTTPClient: &http.Client{Transport: transport},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, handlers.NewHandler())
	if err != nil {
		t.Fatal(err)
	}
	e.bot = b
	return e
}

// scheduler returns a scheduler named holder posting through the bot.
func (e *slackEnv) scheduler(t *testing.T, holder string) *scheduler.Scheduler {
	db := e.open(t)
	s, err := scheduler.New(team, channel, sqlite.NewReminderService(db), sqlite.NewCallService(db), sqlite.NewAgreementService(db), e.bot,
		scheduler.WithClock(e.clock), scheduler.WithHolder(holder), scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// died claims attempt 1 of r's channel delivery as a sender that then
// died, after Slack accepted the reminder when posted is true.
func (e *slackEnv) died(t *testing.T, r proxenos.Reminder, posted bool) string {
	t.Helper()
	key := r.DeliveryKey(proxenos.DestinationChannel)
	now := e.clock.Now()
	if err := sqlite.NewReminderService(e.db).ClaimDelivery(ctx(), &proxenos.Delivery{Key: key, Attempt: 1, Reminder: r,
		Destination: proxenos.DestinationChannel, State: proxenos.DeliveryPending, Holder: "dead",
		ClaimedAt: now, LeaseUntil: now.Add(scheduler.DefaultDeliveryLease)}); err != nil {
		t.Fatal(err)
	}
	if posted {
		if _, err := e.bot.Post(context.Background(), channel, &chat.Response{Text: "Reminder: " + r.Title, DeliveryKey: key}); err != nil {
			t.Fatal(err)
		}
	}
	return key
}

// messages counts the messages in Slack to where by delivery key.
func (e *slackEnv) messages(where string) map[string]int {
	out := map[string]int{}
	for _, m := range e.fake.Messages(where) {
		if m.Metadata != nil && m.Metadata.EventType == bot.DeliveryEvent {
			out[m.Metadata.EventPayload["key"].(string)]++
		}
	}
	return out
}

// digestTitle is how a digest in Greek, the channel's language, begins.
const digestTitle = "Σύνοψη γραφείου"

// count counts the messages in Slack to where that are the digest, when
// about is "digest", or else reminders mentioning about, with their
// metadata or without.
func (e *slackEnv) count(where, about string) int {
	n := 0
	for _, m := range e.fake.Messages(where) {
		digest := strings.HasPrefix(m.Text, digestTitle)
		if (about == "digest" && digest) || (!digest && strings.Contains(m.Text, about)) {
			n++
		}
	}
	return n
}

// latest returns the latest attempt of key.
func (e *slackEnv) latest(t *testing.T, key string) *proxenos.Delivery {
	t.Helper()
	all, err := sqlite.NewReminderService(e.db).FindDeliveries(ctx(), proxenos.DeliveryFilter{Keys: []string{key}})
	if err != nil || len(all) == 0 {
		t.Fatalf("attempts of %s: %v, %v", key, all, err)
	}
	return all[len(all)-1]
}

// TestTick_DiedAfterSlackAccepted checks the retry of a delivery whose
// sender died after claiming it: Slack's history decides whether it is
// posted again.
func TestTick_DiedAfterSlackAccepted(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	at := morning(deadline, -1)
	lease := at.Add(scheduler.DefaultDeliveryLease)
	setup := func(t *testing.T, posted bool) (*slackEnv, string) {
		e := newSlackEnv(t, at)
		c := e.addCall(t, "CERV-KILLED", deadline)
		r := proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: c.ID, Occurrence: deadline, Offset: "1d", At: at,
			Title: c.Title, Owner: owner}
		return e, e.died(t, r, posted)
	}
	t.Run("OKFoundNotPosted", func(t *testing.T) {
		e, key := setup(t, true)
		e.run(t, time.Minute, lease.Add(time.Minute), e.scheduler(t, "A"))
		if got := e.count(channel, "CERV-KILLED"); got != 1 {
			t.Fatalf("%d reminders in the channel, want the one the dead sender posted", got)
		}
		if d := e.latest(t, key); d.State != proxenos.DeliverySent || d.TS != e.fake.Messages(channel)[0].TS {
			t.Fatalf("latest attempt %+v, want it recorded as sent with the dead sender's message", d)
		}
		// The owner's DM, never claimed by the dead sender, went out once.
		if got := e.messages(owner); len(got) != 1 {
			t.Fatalf("DMs %v, want one", got)
		}
		if n := len(e.fake.Calls("conversations.history")); n != 1 {
			t.Errorf("history read %d times, want once, for the one retry", n)
		}
	})
	t.Run("OKNotFoundPosted", func(t *testing.T) {
		e, key := setup(t, false)
		e.run(t, time.Minute, lease.Add(time.Minute), e.scheduler(t, "A"))
		if got, tagged := e.count(channel, "CERV-KILLED"), e.messages(channel)[key]; got != 1 || tagged != 1 {
			t.Fatalf("%d reminders (%d with the key %s), want one, posted by the retry with its key", got, tagged, key)
		}
		if d := e.latest(t, key); d.State != proxenos.DeliverySent || d.Attempt != 2 || !d.SentAt.Equal(lease) {
			t.Fatalf("latest attempt %+v, want attempt 2 sent when the lease ran out", d)
		}
	})
	t.Run("OKHistoryFailsOnce", func(t *testing.T) {
		e, key := setup(t, true)
		e.fake.Fail("conversations.history", 1, "internal_error")
		e.run(t, time.Minute, lease.Add(10*time.Minute), e.scheduler(t, "A"))
		if got := e.count(channel, "CERV-KILLED"); got != 1 {
			t.Fatalf("%d reminders, want the dead sender's only", got)
		}
		if d := e.latest(t, key); d.State != proxenos.DeliverySent || d.Attempt != 3 {
			t.Fatalf("latest attempt %+v, want attempt 3 recorded as sent after the failed look", d)
		}
	})
	t.Run("ErrMissingScopeSentAfterVerifyFor", func(t *testing.T) {
		// The app lacks channels:history: the look never succeeds. The
		// reminder waits VerifyFor, then goes out unchecked — the one case
		// that may double it, chosen over losing it.
		e, key := setup(t, false)
		e.fake.Fail("conversations.history", 1000, "missing_scope")
		s := e.scheduler(t, "A")
		e.run(t, time.Minute, at.Add(s.VerifyFor).Add(-time.Minute), s)
		if got := e.count(channel, "CERV-KILLED"); got != 0 {
			t.Fatalf("%d reminders before VerifyFor passed, want none", got)
		}
		if d := e.latest(t, key); d.State != proxenos.DeliveryFailed || !strings.Contains(d.Error, "missing_scope") {
			t.Fatalf("latest attempt %+v, want one put off for the history", d)
		}
		e.run(t, time.Minute, at.Add(s.VerifyFor+s.MaxBackoff), s)
		if got := e.count(channel, "CERV-KILLED"); got != 1 {
			t.Fatalf("%d reminders after VerifyFor, want one", got)
		}
		if d := e.latest(t, key); d.State != proxenos.DeliverySent || d.SentAt.Before(at.Add(s.VerifyFor)) {
			t.Fatalf("latest attempt %+v, want it sent once VerifyFor passed", d)
		}
	})
}

// TestTick_PostUnanswered holds Slack's answer to a post it accepted,
// past the send's timeout: the attempt stays pending, and its retry finds
// the message instead of posting it again. The digest is a delivery too.
func TestTick_PostUnanswered(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	for _, tt := range []struct {
		name  string
		start time.Time
		where string
		about string // what the held delivery is about, for count
		kind  string // the key prefix of the held delivery
	}{
		{"Reminder", morning(deadline, -1), channel, "CERV-HELD", "call/"},
		{"DirectMessage", morning(deadline, -1), owner, "CERV-HELD", "call/"},
		// 08:30 on a Tuesday: the day's digest, no reminder due.
		{"Digest", morning(deadline, -1).Add(-30 * time.Minute), channel, "digest", "digest/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newSlackEnv(t, tt.start)
			e.addCall(t, "CERV-HELD", deadline)
			s := e.scheduler(t, "A")
			s.SendTimeout = 100 * time.Millisecond // real time: how long the answer is waited for
			if tt.where == owner {
				e.fake.Hold("chat.postMessage", 2) // the channel's answer, then the DM's
			} else {
				e.fake.Hold("chat.postMessage", 1)
			}
			if err := s.Tick(context.Background()); err != nil {
				t.Fatal(err)
			}
			// The retry is answered: give it time on a loaded machine.
			s.SendTimeout = 30 * time.Second
			e.run(t, time.Minute, tt.start.Add(s.DeliveryLease+time.Minute), s)
			if n := e.count(tt.where, tt.about); n != 1 {
				t.Errorf("%d messages about %s to %s, want 1", n, tt.about, tt.where)
			}
			var held string
			for key, n := range e.messages(tt.where) {
				if strings.HasPrefix(key, tt.kind) {
					held = key
					if n != 1 {
						t.Errorf("%d messages of %s, want 1", n, key)
					}
				}
			}
			if held == "" {
				t.Fatalf("no message of the held delivery in %v", e.messages(tt.where))
			}
			if d := e.latest(t, held); d.State != proxenos.DeliverySent || d.Attempt != 2 {
				t.Fatalf("latest attempt %+v, want attempt 2 recorded as sent", d)
			}
		})
	}
}
