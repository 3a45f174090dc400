package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// target is where an answer goes: what Slack told us about the request.
type target struct {
	Lang        i18n.Lang
	User        string
	Channel     string
	ResponseURL string // answers a command or an action in place
	TriggerID   string // opens a modal, once, within 3 s
	MessageTS   string // the message the request came from
	ThreadTS    string // the thread that message is in
}

// errNoTrigger means a handler answered with a modal where Slack gave no trigger.
var errNoTrigger = errors.New("bot: a modal needs a trigger_id, and the request has none")

// modalError wraps a failure to open a modal.
type modalError struct{ err error }

// Error says that a modal could not be opened, and why.
func (e modalError) Error() string { return "open modal: " + e.err.Error() }

// Unwrap returns the cause, e.g. a Slack "expired_trigger_id".
func (e modalError) Unwrap() error { return e.err }

// deliver sends resp where to says: a modal, a thread, a message, files.
// Files go to the request's channel, or to the user's DM when resp is
// Ephemeral.
func (b *Bot) deliver(ctx context.Context, to *target, resp *chat.Response) error {
	if resp == nil {
		return nil
	}
	if resp.Modal != nil {
		return b.openModal(ctx, to, resp.Modal)
	}
	if resp.Home {
		return b.publishHome(ctx, &Event{User: to.User, Lang: to.Lang}, resp)
	}
	var thread string
	var err error
	switch {
	case resp.InThread && to.Channel != "":
		thread, err = b.deliverThread(ctx, to.Channel, parentOf(to), to.Lang, resp)
	case resp.Text != "" || len(resp.Blocks) > 0:
		err = b.deliverMessage(ctx, to, resp)
	}
	if err != nil || len(resp.Files) == 0 {
		return err
	}
	channel := to.Channel
	if resp.Ephemeral && !strings.HasPrefix(channel, "D") {
		// Files cannot be ephemeral: what only the user may see goes to
		// their DM with the app, not to everyone in the channel.
		thread = ""
		if channel, err = b.openDM(ctx, to.User); err != nil {
			return err
		}
	}
	return b.upload(ctx, channel, thread, resp.Files)
}

// openDM returns the id of the app's DM with user.
func (b *Bot) openDM(ctx context.Context, user string) (string, error) {
	var ch *slack.Channel
	err := b.retry(ctx, "conversations.open", func(api *slack.Client) error {
		var err error
		ch, _, _, err = api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("open DM: %w", err)
	}
	return ch.ID, nil
}

// parentOf returns the message a threaded answer belongs under.
func parentOf(to *target) string {
	if to.ThreadTS != "" {
		return to.ThreadTS
	}
	return to.MessageTS
}

// deliverMessage sends resp as one message: through the response_url when
// there is one (in place when Replace), else with the Web API, as a DM when
// there is no channel.
func (b *Bot) deliverMessage(ctx context.Context, to *target, resp *chat.Response) error {
	return b.sendMessage(ctx, to, messageOptions(to.Lang, resp.Text, resp.Blocks), resp.Ephemeral, resp.Replace)
}

// sendMessage sends a rendered message as deliverMessage says. When the
// response_url does not take it (it answers an error, or has expired),
// the user still gets it: whispered in the channel, or in their DM with
// the app.
func (b *Bot) sendMessage(ctx context.Context, to *target, opts []slack.MsgOption, ephemeral, replace bool) error {
	switch {
	// A response_url (commands, buttons, shortcuts) answers where the user
	// is, even in channels the bot is not in, and can be ephemeral.
	case to.ResponseURL != "":
		via := slices.Clone(opts)
		if replace {
			via = append(via, slack.MsgOptionReplaceOriginal(to.ResponseURL))
		} else {
			kind := slack.ResponseTypeInChannel
			if ephemeral {
				kind = slack.ResponseTypeEphemeral
			}
			via = append(via, slack.MsgOptionResponseURL(to.ResponseURL, kind))
		}
		err := b.retry(ctx, "response_url", func(api *slack.Client) error {
			_, _, _, err := api.SendMessageContext(ctx, "", via...)
			return err
		})
		if !refused(err) || ctx.Err() != nil || to.User == "" {
			return err
		}
		b.log.Warn("slack response_url refused the answer; sending it ephemerally", "err", err)
		return b.fallback(ctx, to, opts)
	// Without one: edit the source message, whisper, or post.
	case replace && to.Channel != "" && to.MessageTS != "":
		return b.retry(ctx, "chat.update", func(api *slack.Client) error {
			_, _, _, err := api.UpdateMessageContext(ctx, to.Channel, to.MessageTS, opts...)
			return err
		})
	case ephemeral && to.Channel != "" && to.User != "":
		return b.retry(ctx, "chat.postEphemeral", func(api *slack.Client) error {
			_, err := api.PostEphemeralContext(ctx, to.Channel, to.User, opts...)
			return err
		})
	}
	channel := to.Channel
	if channel == "" {
		channel = to.User // chat.postMessage to a user id writes in the app's DM
	}
	if to.ThreadTS != "" {
		opts = append(opts, slack.MsgOptionTS(to.ThreadTS))
	}
	_, err := b.postMessage(ctx, channel, opts...)
	return err
}

// refused reports whether Slack answered that it did not take a message:
// an HTTP error status (500, 404 for an expired response_url) or ok:false
// ("expired_url", "used_url"). Anything else, such as a timeout or an
// answer that cannot be read, may have been delivered: sending it again
// another way could show it twice.
func refused(err error) bool {
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	return errors.As(err, &sc) || errors.As(err, &se)
}

// fallback sends a message the response_url refused: whispered to the
// user in the channel with chat.postEphemeral, or, where the bot cannot
// post (a channel it is not in, a DM between people), in the user's DM
// with the app.
func (b *Bot) fallback(ctx context.Context, to *target, opts []slack.MsgOption) error {
	if to.Channel != "" {
		err := b.retry(ctx, "chat.postEphemeral", func(api *slack.Client) error {
			_, err := api.PostEphemeralContext(ctx, to.Channel, to.User, opts...)
			return err
		})
		if err == nil || ctx.Err() != nil {
			return err
		}
		b.log.Warn("slack ephemeral answer refused; sending it as a DM", "err", err)
	}
	_, err := b.postMessage(ctx, to.User, opts...)
	return err
}

// deliverThread answers in a thread under parent, or under a new message
// holding resp.Text when there is no parent. Blocks beyond one message's
// limit continue in further replies instead of being cut. It returns the
// thread's timestamp.
func (b *Bot) deliverThread(ctx context.Context, channel, parent string, lang i18n.Lang, resp *chat.Response) (string, error) {
	chunks := chunkBlocks(resp.Blocks, maxMessageBlocks)
	// A slash command has no message to thread under: Text becomes one.
	if parent == "" {
		ts, err := b.postMessage(ctx, channel, append(deliveryMetadata(resp), slack.MsgOptionText(resp.Text, false))...)
		if err != nil {
			return "", err
		}
		parent = ts
	} else if len(chunks) == 0 {
		chunks = [][]chat.Block{nil}
	}
	for _, chunk := range chunks {
		opts := append(messageOptions(lang, resp.Text, chunk), slack.MsgOptionTS(parent))
		if _, err := b.postMessage(ctx, channel, opts...); err != nil {
			return parent, err
		}
	}
	return parent, nil
}

// messageOptions renders text and blocks within a message's limits.
func messageOptions(lang i18n.Lang, text string, blocks []chat.Block) []slack.MsgOption {
	opts := []slack.MsgOption{slack.MsgOptionText(truncate(text, maxMessageText), false)}
	if rendered := renderBlocks(lang, blocks, maxMessageBlocks); len(rendered) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(rendered...))
	}
	return opts
}

// postMessage calls chat.postMessage and returns the message's timestamp.
func (b *Bot) postMessage(ctx context.Context, channel string, opts ...slack.MsgOption) (string, error) {
	var ts string
	err := b.retry(ctx, "chat.postMessage", func(api *slack.Client) error {
		var err error
		_, ts, err = api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// openModal opens m with the request's trigger. The channel the request
// came from travels in private_metadata, so that the submission's answer
// can be posted there.
func (b *Bot) openModal(ctx context.Context, to *target, m *chat.Modal) error {
	_, err := b.openView(ctx, to, m)
	return err
}

// openView opens m as openModal does and returns the view's id.
func (b *Bot) openView(ctx context.Context, to *target, m *chat.Modal) (string, error) {
	if to.TriggerID == "" {
		return "", modalError{errNoTrigger}
	}
	view, err := renderModal(to.Lang, m, to.Channel)
	if err != nil {
		return "", modalError{err}
	}
	var opened *slack.ViewResponse
	err = b.retry(ctx, "views.open", func(api *slack.Client) error {
		var err error
		opened, err = api.OpenViewContext(ctx, to.TriggerID, view)
		return err
	})
	if err != nil {
		return "", modalError{err}
	}
	return opened.ID, nil
}

// updateView replaces the open view id with m.
func (b *Bot) updateView(ctx context.Context, to *target, id string, m *chat.Modal) error {
	view, err := renderModal(to.Lang, m, to.Channel)
	if err != nil {
		return modalError{err}
	}
	return b.retry(ctx, "views.update", func(api *slack.Client) error {
		_, err := api.UpdateViewContext(ctx, view, "", "", id)
		return err
	})
}

// upload shares files in channel (in thread when set) with the three
// steps of files.getUploadURLExternal, the upload, and one
// files.completeUploadExternal for them all.
func (b *Bot) upload(ctx context.Context, channel, thread string, files []chat.Upload) error {
	if channel == "" {
		return errors.New("bot: files need a channel")
	}
	var done []slack.FileSummary
	for _, f := range files {
		if len(f.Content) == 0 {
			continue // Slack refuses empty files
		}
		var u *slack.GetUploadURLExternalResponse
		err := b.retry(ctx, "files.getUploadURLExternal", func(api *slack.Client) error {
			var err error
			u, err = api.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{
				FileName: f.Name, FileSize: len(f.Content)})
			return err
		})
		if err != nil {
			return fmt.Errorf("upload %s: %w", f.Name, err)
		}
		err = b.retry(ctx, "upload", func(api *slack.Client) error {
			return api.UploadToURL(ctx, slack.UploadToURLParameters{
				UploadURL: u.UploadURL, Reader: bytes.NewReader(f.Content), Filename: f.Name})
		})
		if err != nil {
			return fmt.Errorf("upload %s: %w", f.Name, err)
		}
		title := f.Title
		if title == "" {
			title = f.Name
		}
		done = append(done, slack.FileSummary{ID: u.FileID, Title: title})
	}
	if len(done) == 0 {
		return nil
	}
	return b.retry(ctx, "files.completeUploadExternal", func(api *slack.Client) error {
		_, err := api.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
			Files: done, Channel: channel, ThreadTimestamp: thread})
		return err
	})
}

// reportFailure tells the user, ephemerally, that their answer could not
// be delivered, in words they can act on.
func (b *Bot) reportFailure(ctx context.Context, to *target, err error) {
	key := "error.internal"
	var me modalError
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &me):
		key = "bot.modal.failed"
	case errors.As(err, &se) && (se.Err == "not_in_channel" || se.Err == "channel_not_found" || se.Err == "is_archived"):
		key = "bot.not_in_channel"
	case ctx.Err() != nil:
		return // shutting down, or out of time: nothing more can be sent
	}
	lang := to.Lang
	if lang == "" {
		lang = b.cfg.DefaultLang
	}
	note := &chat.Response{Text: i18n.T(lang, key), Ephemeral: true}
	if err := b.deliverMessage(ctx, to, note); err != nil {
		b.log.Error("slack failure notice failed", "err", err)
	}
}

// Post sends resp to channel (a channel id, or a user id for a DM) and
// returns the message's timestamp. It is meant for answers nobody asked
// for right now, such as reminders. With InThread, Text opens a thread and
// the blocks follow in it; Files are shared in the channel. A DeliveryKey
// goes in the (first) message's metadata, for FindDelivery.
func (b *Bot) Post(ctx context.Context, channel string, resp *chat.Response) (ts string, err error) {
	if resp.InThread {
		ts, err = b.deliverThread(ctx, channel, "", b.cfg.DefaultLang, resp)
	} else {
		ts, err = b.postMessage(ctx, channel, append(deliveryMetadata(resp), messageOptions(b.cfg.DefaultLang, resp.Text, resp.Blocks)...)...)
	}
	if err != nil || len(resp.Files) == 0 {
		return ts, err
	}
	thread := ""
	if resp.InThread {
		thread = ts
	}
	return ts, b.upload(ctx, channel, thread, resp.Files)
}

// Update replaces the text and blocks of the message ts in channel, e.g.
// to mark a reminder as done.
func (b *Bot) Update(ctx context.Context, channel, ts string, resp *chat.Response) error {
	opts := messageOptions(b.cfg.DefaultLang, resp.Text, resp.Blocks)
	return b.retry(ctx, "chat.update", func(api *slack.Client) error {
		_, _, _, err := api.UpdateMessageContext(ctx, channel, ts, opts...)
		return err
	})
}

// Download writes the content of a shared file (File.URL) to w, with the
// bot token.
func (b *Bot) Download(ctx context.Context, url string, w io.Writer) error {
	api, _, err := b.api(ctx)
	if err != nil {
		return err
	}
	return api.GetFileContext(ctx, url, w)
}

// retry calls fn with the Web API client of the workspace in ctx until
// it is not rate-limited, waiting what Slack's Retry-After asks (at most
// MaxRetryWait), at most MaxRetries times more. In distribution mode each
// attempt first waits its turn in its workspace's queue for method (see
// Pacing), and a refused token has the installation read again.
func (b *Bot) retry(ctx context.Context, method string, fn func(api *slack.Client) error) error {
	// Slack's rate limits are per method and workspace: a wait of a few
	// seconds is normal, so rate-limited calls are retried, other errors not.
	for attempt := 0; ; attempt++ {
		api, w, err := b.api(ctx)
		if err != nil {
			return err
		}
		if w != nil {
			if err := w.pace.wait(ctx, method); err != nil {
				return err
			}
		}
		err = fn(api)
		if w != nil && revoked(err) {
			b.ForgetWorkspace(w.team)
		}
		wait, limited := retryAfter(err)
		if !limited || attempt >= b.MaxRetries {
			return err
		}
		wait = min(wait, b.MaxRetryWait)
		b.log.Warn("slack rate limited", "method", method, "retry_after", wait, "attempt", attempt+1)
		if err := b.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// retryAfter reports whether err is a rate limit, and the wait Slack asked.
func retryAfter(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &rl):
		return max(rl.RetryAfter, 0), true
	case errors.As(err, &sc) && sc.Code == http.StatusTooManyRequests:
		return time.Second, true // 429 without Retry-After
	}
	return 0, false
}

// sleepCtx waits d, or returns ctx's error if it ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
