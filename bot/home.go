package bot

import (
	"context"

	"github.com/proxenos/proxenos"
)

// RefreshHome re-publishes the Home tab of user in team, built afresh by
// the EventHandler, after HomeDebounce; refreshes asked for while one is
// waiting or publishing collapse into one more. It returns at once and
// implements handlers.HomePublisher. Without an EventHandler, or once
// Shutdown has begun, it does nothing.
func (b *Bot) RefreshHome(team, user string) {
	if b.cfg.Events == nil || user == "" {
		return
	}
	key := team + "/" + user
	b.mu.Lock()
	if _, waiting := b.homes[key]; waiting {
		b.homes[key] = true
		b.mu.Unlock()
		return
	}
	if b.homes == nil {
		b.homes = map[string]bool{}
	}
	b.homes[key] = false
	b.mu.Unlock()
	if !b.track(func() { b.refreshLoop(team, user, key) }) {
		b.mu.Lock()
		delete(b.homes, key)
		b.mu.Unlock()
	}
}

// refreshLoop waits, publishes, and publishes again while more refreshes
// were asked for meanwhile.
func (b *Bot) refreshLoop(team, user, key string) {
	ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(b.workCtx, team), b.WorkTimeout)
	defer cancel()
	defer func() {
		b.mu.Lock()
		delete(b.homes, key)
		b.mu.Unlock()
		if r := recover(); r != nil {
			b.log.Error("home refresh panicked", "user", user, "team", team, "panic", r, "stack", stack())
		}
	}()
	for {
		if b.HomeDebounce > 0 {
			if err := b.sleep(ctx, b.HomeDebounce); err != nil && ctx.Err() != nil {
				return
			}
		}
		b.mu.Lock()
		b.homes[key] = false
		b.mu.Unlock()
		ev := &Event{ID: newRequestID(), Team: team, User: user, Lang: b.lang(ctx, team, user)}
		if err := b.publishHome(ctx, ev, b.cfg.Events.HandleHomeOpened(ctx, ev)); err != nil {
			b.log.Error("home refresh failed", "request_id", ev.ID, "user", user, "team", team, "err", err)
		}
		b.mu.Lock()
		again := b.homes[key]
		b.mu.Unlock()
		if !again {
			return
		}
	}
}
