package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// ErrNoAppToken means RunSocketMode was called without an app-level token.
var ErrNoAppToken = errors.New("bot: Socket Mode needs an app-level token (xapp-…)")

// firstBackoff is the wait before the first reconnection attempt.
const firstBackoff = time.Second

// RunSocketMode serves Slack over Socket Mode with the app-level token
// until ctx ends, and then returns nil. Every envelope is acknowledged by
// its envelope id before its work starts, through the same dispatch paths
// as HTTP. slack-go reconnects by itself after a disconnect but gives up on
// some failures; RunSocketMode then starts over, forever, waiting twice as
// long each time (up to MaxBackoff), and logs each change of state.
func (b *Bot) RunSocketMode(ctx context.Context, appToken string) error {
	if appToken == "" {
		return ErrNoAppToken
	}
	api := b.client(b.cfg.Token, slack.OptionAppLevelToken(appToken))
	logger := slog.NewLogLogger(b.log.Handler(), slog.LevelDebug)
	var connected atomic.Bool
	backoff := firstBackoff
	for {
		// A fresh client per attempt: its Events channel and goroutines end
		// with the attempt, and nothing from a dead connection is replayed.
		smc := socketmode.New(api, socketmode.OptionPingInterval(b.PingInterval), socketmode.OptionLog(logger))
		runCtx, stop := context.WithCancel(ctx)
		served := make(chan struct{})
		go func() {
			defer close(served)
			b.serveSocket(runCtx, smc, &connected)
		}()
		err := smc.RunContext(runCtx)
		stop()
		<-served
		if ctx.Err() != nil {
			b.log.Info("slack socket mode stopped")
			return nil
		}
		if connected.Swap(false) {
			backoff = firstBackoff
		}
		b.log.Warn("slack socket mode disconnected", "err", err, "retrying_in", backoff)
		if b.sleep(ctx, backoff) != nil {
			b.log.Info("slack socket mode stopped")
			return nil
		}
		backoff = min(backoff*2, b.MaxBackoff)
	}
}

// serveSocket reads the client's events until ctx ends.
func (b *Bot) serveSocket(ctx context.Context, smc *socketmode.Client, connected *atomic.Bool) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-smc.Events:
			b.socketEvent(ctx, smc, evt, connected)
		}
	}
}

// socketEvent handles one event of the Socket Mode client: a state change
// to log, or an envelope to acknowledge and dispatch.
func (b *Bot) socketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event, connected *atomic.Bool) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("slack envelope panicked", "type", evt.Type, "panic", p, "stack", stack())
		}
	}()
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		if e, ok := evt.Data.(*slack.ConnectingEvent); ok {
			b.log.Info("slack socket mode connecting", "attempt", e.Attempt)
		}
	case socketmode.EventTypeConnected:
		connected.Store(true)
		b.log.Info("slack socket mode connected")
	case socketmode.EventTypeConnectionError:
		if e, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			b.log.Warn("slack socket mode connection failed", "err", e.ErrorObj, "retrying_in", e.Backoff)
		}
	case socketmode.EventTypeInvalidAuth:
		b.log.Error("slack socket mode: the app-level token was refused")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed, socketmode.EventTypeErrorBadMessage:
		b.log.Warn("slack socket mode error", "type", evt.Type)
	case socketmode.EventTypeSlashCommand:
		cmd, _ := evt.Data.(slack.SlashCommand)
		b.envelope(ctx, smc, evt.Request, func(acked <-chan struct{}) (any, error) {
			err := b.command(cmd, "", acked)
			if errors.Is(err, errNotInstalled) {
				return map[string]any{"text": notInstalledText()}, err
			}
			return nil, err
		})
	case socketmode.EventTypeInteractive:
		cb, _ := evt.Data.(slack.InteractionCallback)
		// A view submission runs its handler before the ack: keep reading
		// other envelopes meanwhile.
		b.track(func() {
			b.envelope(ctx, smc, evt.Request, func(acked <-chan struct{}) (any, error) {
				return b.interaction(&cb, "", acked)
			})
		})
	case socketmode.EventTypeEventsAPI:
		ev, _ := evt.Data.(slackevents.EventsAPIEvent)
		b.envelope(ctx, smc, evt.Request, func(acked <-chan struct{}) (any, error) {
			return nil, b.event(ev, acked)
		})
	}
}

// envelope dispatches one envelope and acknowledges it; the work starts
// once the acknowledgement is queued. A payload Slack would drop (20 KB or
// more) is replaced by an empty acknowledgement, and logged.
func (b *Bot) envelope(ctx context.Context, smc *socketmode.Client, req *socketmode.Request, dispatch func(acked <-chan struct{}) (any, error)) {
	if req == nil {
		return
	}
	acked := make(chan struct{})
	defer close(acked)
	payload, err := dispatch(acked)
	if err != nil {
		b.log.Warn("slack envelope refused", "envelope_id", req.EnvelopeID, "err", err)
	}
	err = smc.AckCtx(ctx, req.EnvelopeID, payload)
	if err != nil && payload != nil {
		b.log.Error("slack ack payload refused; acknowledging without it", "envelope_id", req.EnvelopeID, "err", err)
		err = smc.AckCtx(ctx, req.EnvelopeID, nil)
	}
	if err != nil {
		b.log.Warn("slack ack failed", "envelope_id", req.EnvelopeID, "err", err)
	}
}
