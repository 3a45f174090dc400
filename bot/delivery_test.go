package bot

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
)

// TestFindDelivery checks that a posted delivery carries its key in the
// message metadata and is found again in the history of its channel or DM.
func TestFindDelivery(t *testing.T) {
	ctx := context.Background()
	claimed := time.Unix(1800000000, 0)
	newBot := func(t *testing.T) *harness {
		h := newHarness(t, &dispatcher{}, nil)
		h.fake.Now = func() time.Time { return claimed.Add(time.Second) }
		return h
	}
	for _, where := range []string{"C0OFFICE", "U0MARIA"} {
		t.Run("OK"+where, func(t *testing.T) {
			h := newBot(t)
			ts, err := h.bot.Post(ctx, where, &chat.Response{Text: "Υπενθύμιση", DeliveryKey: "call/1//x/1d/channel"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := h.bot.Post(ctx, where, &chat.Response{Text: "Another", DeliveryKey: "call/2//x/1d/channel"}); err != nil {
				t.Fatal(err)
			}
			got, err := h.bot.FindDelivery(ctx, where, "call/1//x/1d/channel", claimed)
			if err != nil || got != ts {
				t.Fatalf("got %q, %v; want the message %s", got, err, ts)
			}
		})
	}
	t.Run("OKNotFound", func(t *testing.T) {
		h := newBot(t)
		if _, err := h.bot.Post(ctx, "C0OFFICE", &chat.Response{Text: "Other", DeliveryKey: "call/2//x/1d/channel"}); err != nil {
			t.Fatal(err)
		}
		// A message before since does not count.
		if ts, err := h.bot.FindDelivery(ctx, "C0OFFICE", "call/2//x/1d/channel", claimed.Add(time.Minute)); err != nil || ts != "" {
			t.Fatalf("got %q, %v; want none", ts, err)
		}
		if ts, err := h.bot.FindDelivery(ctx, "C0OFFICE", "call/1//x/1d/channel", claimed); err != nil || ts != "" {
			t.Fatalf("got %q, %v; want none", ts, err)
		}
	})
	t.Run("OKForgedByAnotherApp", func(t *testing.T) {
		h := newBot(t)
		h.bot.cfg.BotUser = "UBOT"
		key := "call/1//x/1d/channel"
		// Another app posts a message with the delivery's key: it is not ours.
		h.fake.AddMessage(slackfake.Message{Channel: "C0OFFICE", TS: slackTS(claimed.Add(time.Second)), User: "UOTHER",
			Text: "forged", Metadata: &slackfake.Metadata{EventType: DeliveryEvent, EventPayload: map[string]any{"key": key}}})
		if ts, err := h.bot.FindDelivery(ctx, "C0OFFICE", key, claimed); err != nil || ts != "" {
			t.Fatalf("got %q, %v; want none: the message is another app's", ts, err)
		}
		ts, err := h.bot.Post(ctx, "C0OFFICE", &chat.Response{Text: "Υπενθύμιση", DeliveryKey: key})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := h.bot.FindDelivery(ctx, "C0OFFICE", key, claimed); err != nil || got != ts {
			t.Fatalf("got %q, %v; want the bot's message %s", got, err, ts)
		}
	})
	t.Run("ErrMissingScope", func(t *testing.T) {
		h := newBot(t)
		h.fake.Fail("conversations.history", 1, "missing_scope")
		_, err := h.bot.FindDelivery(ctx, "C0OFFICE", "k", claimed)
		var se slack.SlackErrorResponse
		if !errors.As(err, &se) || se.Err != "missing_scope" {
			t.Fatalf("got %v, want missing_scope", err)
		}
	})
	t.Run("ErrHistoryTooLong", func(t *testing.T) {
		h := newBot(t)
		if _, err := h.bot.Post(ctx, "C0OFFICE", &chat.Response{Text: "Υπενθύμιση", DeliveryKey: "old"}); err != nil {
			t.Fatal(err)
		}
		for i := range historyPageSize * maxHistoryPages {
			if _, err := h.bot.Post(ctx, "C0OFFICE", &chat.Response{Text: "chatter " + strconv.Itoa(i)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := h.bot.FindDelivery(ctx, "C0OFFICE", "old", claimed); !errors.Is(err, ErrHistoryTooLong) {
			t.Fatalf("got %v, want ErrHistoryTooLong", err)
		}
		if n := len(h.fake.Calls("conversations.history")); n != maxHistoryPages {
			t.Errorf("%d pages read, want %d", n, maxHistoryPages)
		}
	})
}
