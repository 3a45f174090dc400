package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/translation"
)

// errEphemeralReply refuses an ephemeral early reply: Slack cannot update
// an ephemeral message by its timestamp.
var errEphemeralReply = errors.New("bot: an early reply cannot be ephemeral")

// replier is the chat.Replier of one request: it posts to the
// request's target, and a slash command's threaded reply becomes the
// message the final answer threads under.
type replier struct {
	b       *Bot
	to      *target
	channel string // the channel of the posted reply, as Slack named it
}

var (
	_ chat.Replier = (*replier)(nil)
	_ chat.Forms   = (*replier)(nil)
)

// OpenForm opens m with the request's trigger and returns its view id.
func (r *replier) OpenForm(ctx context.Context, m *chat.Modal) (string, error) {
	return r.b.openView(ctx, r.to, m)
}

// UpdateForm replaces the view OpenForm opened.
func (r *replier) UpdateForm(ctx context.Context, id string, m *chat.Modal) error {
	return r.b.updateView(ctx, r.to, id, m)
}

// Reply posts resp in the request's conversation and returns its timestamp.
func (r *replier) Reply(ctx context.Context, resp *chat.Response) (string, error) {
	if resp.Ephemeral {
		return "", errEphemeralReply
	}
	channel := r.to.Channel
	if channel == "" {
		channel = r.to.User // the app's DM
	}
	opts := messageOptions(r.to.Lang, resp.Text, resp.Blocks)
	parent := parentOf(r.to)
	if resp.InThread && parent != "" {
		opts = append(opts, slack.MsgOptionTS(parent))
	}
	var ts string
	err := r.b.retry(ctx, "chat.postMessage", func(api *slack.Client) error {
		var err error
		r.channel, ts, err = api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", err
	}
	// A command's thread starts at this reply: deliver puts the final
	// InThread answer under it.
	if resp.InThread && parent == "" {
		r.to.MessageTS = ts
	}
	return ts, nil
}

// Update replaces the message Reply posted.
func (r *replier) Update(ctx context.Context, id string, resp *chat.Response) error {
	channel := r.channel
	if channel == "" {
		channel = r.to.Channel
	}
	opts := messageOptions(r.to.Lang, resp.Text, resp.Blocks)
	return r.b.retry(ctx, "chat.update", func(api *slack.Client) error {
		_, _, _, err := api.UpdateMessageContext(ctx, channel, id, opts...)
		return err
	})
}

// FindMessage returns the text and files of the message ts in channel,
// which may be a thread's parent or a reply in it, with
// conversations.replies. ENOTFOUND when Slack has no such message.
func (b *Bot) FindMessage(ctx context.Context, channel, ts string) (*chat.Message, error) {
	var msgs []slack.Message
	err := b.retry(ctx, "conversations.replies", func(api *slack.Client) error {
		var err error
		msgs, _, _, err = api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: channel, Timestamp: ts, Oldest: ts, Latest: ts, Inclusive: true})
		return err
	})
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se) && (se.Err == "thread_not_found" || se.Err == "message_not_found"):
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "translate.message_not_found")
	case err != nil:
		return nil, fmt.Errorf("bot: read message %s in %s: %w", ts, channel, err)
	}
	// The thread's parent comes first whatever the bounds: find ts.
	for _, m := range msgs {
		if m.Timestamp == ts {
			return &chat.Message{Text: m.Text, Files: files(m.Files)}, nil
		}
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "translate.message_not_found")
}

// Permalink returns the address of the message ts in channel, with
// chat.getPermalink.
func (b *Bot) Permalink(ctx context.Context, channel, ts string) (string, error) {
	var link string
	err := b.retry(ctx, "chat.getPermalink", func(api *slack.Client) error {
		var err error
		link, err = api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("bot: permalink of %s in %s: %w", ts, channel, err)
	}
	return link, nil
}

var _ translation.Conversations = (*Bot)(nil)
