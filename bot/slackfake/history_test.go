package slackfake_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/bot/slackfake"
)

// TestHistory checks that posted messages keep their metadata and that
// conversations.history shows it, after oldest, a page at a time.
func TestHistory(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	now := time.Unix(1800000000, 0)
	fake.Now = func() time.Time { return now }
	api := newClient(t, fake, slackfake.BotToken)
	ctx := context.Background()
	post := func(channel, key string) string {
		t.Helper()
		_, ts, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText("reminder "+key, false),
			slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "proxenos_delivery", EventPayload: map[string]any{"key": key}}))
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	first := post("C1", "k0")
	now = now.Add(time.Minute)
	for i := 1; i <= 4; i++ {
		post("C1", "k"+strconv.Itoa(i))
	}
	post("U1", "dm") // to the app's DM with U1

	t.Run("OKPages", func(t *testing.T) {
		var keys []string
		cursor := ""
		for range 10 {
			h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1",
				Oldest: first, Limit: 3, Cursor: cursor, IncludeAllMetadata: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range h.Messages {
				keys = append(keys, m.Metadata.EventPayload["key"].(string))
			}
			if cursor = h.ResponseMetaData.NextCursor; cursor == "" {
				break
			}
		}
		// Newest first; the message at oldest is left out, as Slack does.
		if got, want := keys, []string{"k4", "k3", "k2", "k1"}; !slices.Equal(got, want) {
			t.Fatalf("keys %v, want %v", got, want)
		}
	})
	t.Run("OKWithoutMetadata", func(t *testing.T) {
		h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1"})
		if err != nil || len(h.Messages) != 5 || h.Messages[0].Metadata.EventType != "" {
			t.Fatalf("got %+v, %v; want 5 messages without metadata", h, err)
		}
	})
	t.Run("OKDirectMessage", func(t *testing.T) {
		ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U1"}})
		if err != nil {
			t.Fatal(err)
		}
		h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch.ID, IncludeAllMetadata: true})
		if err != nil || len(h.Messages) != 1 || h.Messages[0].Metadata.EventPayload["key"] != "dm" {
			t.Fatalf("DM %s: got %+v, %v", ch.ID, h, err)
		}
	})
	t.Run("ErrMissingScope", func(t *testing.T) {
		fake.Fail("conversations.history", 1, "missing_scope")
		_, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1"})
		var se slack.SlackErrorResponse
		if !errors.As(err, &se) || se.Err != "missing_scope" {
			t.Fatalf("got %v, want missing_scope", err)
		}
	})
}

// TestHold checks that a held post is kept but not answered until the
// client gives up.
func TestHold(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	api := newClient(t, fake, slackfake.BotToken)
	fake.Hold("chat.postMessage", 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("held", false))
		done <- err
	}()
	held, err := fake.WaitFor(slackfake.MethodHeld, 1, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if held[0].Param("method") != "chat.postMessage" || len(fake.Messages("C1")) != 1 {
		t.Fatalf("held %+v, messages %+v; want the post kept", held, fake.Messages("C1"))
	}
	select {
	case err := <-done:
		t.Fatalf("the held post was answered: %v", err)
	default:
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a post given up on succeeded")
	}
	// The next post is answered.
	if _, _, err := api.PostMessageContext(context.Background(), "C1", slack.MsgOptionText("next", false)); err != nil {
		t.Fatal(err)
	}
}
