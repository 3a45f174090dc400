package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/proxenos/proxenos/chat"
	"github.com/slack-go/slack"
)

// DeliveryEvent is the event_type of the metadata a reminder or digest is
// posted with; its payload is {"key": the delivery key}.
const DeliveryEvent = "proxenos_delivery"

// Bounds of FindDelivery's reading of a conversation's history.
const (
	historyPageSize = 200
	maxHistoryPages = 5
)

// ErrHistoryTooLong means that more messages were posted since the time
// FindDelivery was given than it reads: whether the delivery is among
// them is not known.
var ErrHistoryTooLong = errors.New("bot: too many messages since the delivery to look through")

// deliveryMetadata returns the option that tags a message with resp's
// delivery key, if it has one.
func deliveryMetadata(resp *chat.Response) []slack.MsgOption {
	if resp.DeliveryKey == "" {
		return nil
	}
	return []slack.MsgOption{slack.MsgOptionMetadata(slack.SlackMetadata{EventType: DeliveryEvent,
		EventPayload: map[string]any{"key": resp.DeliveryKey}})}
}

// FindDelivery looks in the history of channel (a channel id, or a user id
// for the app's DM with them) after since for the message Post sent with
// the delivery key, and returns the message's timestamp: "" when Slack
// has no such message. Only the bot's own messages count (Config.BotUser).
// It reads at most
// maxHistoryPages pages (ErrHistoryTooLong past them) and needs the
// *:history scope of the conversation's kind.
func (b *Bot) FindDelivery(ctx context.Context, channel, key string, since time.Time) (ts string, err error) {
	conv := channel
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		if conv, err = b.openDM(ctx, channel); err != nil {
			return "", err
		}
	}
	params := &slack.GetConversationHistoryParameters{ChannelID: conv, Oldest: slackTS(since), Limit: historyPageSize,
		IncludeAllMetadata: true}
	for range maxHistoryPages {
		var page *slack.GetConversationHistoryResponse
		err := b.retry(ctx, "conversations.history", func(api *slack.Client) error {
			var err error
			page, err = api.GetConversationHistoryContext(ctx, params)
			return err
		})
		if err != nil {
			return "", fmt.Errorf("read history: %w", err)
		}
		for _, m := range page.Messages {
			if b.posted(m) && m.Metadata.EventType == DeliveryEvent && m.Metadata.EventPayload["key"] == key {
				return m.Timestamp, nil
			}
		}
		if params.Cursor = page.ResponseMetaData.NextCursor; params.Cursor == "" {
			return "", nil
		}
	}
	return "", ErrHistoryTooLong
}

// posted reports whether m may be the bot's own message: when its user
// id is known, m must be by it.
func (b *Bot) posted(m slack.Message) bool {
	return b.cfg.BotUser == "" || m.User == b.cfg.BotUser
}

// slackTS writes t as a Slack message timestamp.
func slackTS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}
