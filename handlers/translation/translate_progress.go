package translation

import (
	"context"
	"sync"
	"time"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// progress keeps a long translation's first reply up to date: "4/12
// parts", at most once per interval, from its own goroutine, so that a
// slow Slack never holds up the parts.
type progress struct {
	ctx   context.Context
	r     chat.Replier
	id    string
	lang  i18n.Lang
	every time.Duration // ≤ 0: no throttling

	mu          sync.Mutex
	done, total int
	dirty       bool

	wake   chan struct{}
	quit   chan struct{}
	exited chan struct{}
}

// newProgress starts updating the message id through r.
func newProgress(ctx context.Context, r chat.Replier, id string, lang i18n.Lang, every time.Duration) *progress {
	p := &progress{ctx: ctx, r: r, id: id, lang: lang, every: every,
		wake: make(chan struct{}, 1), quit: make(chan struct{}), exited: make(chan struct{})}
	go p.loop()
	return p
}

// report is the Translator's progress callback. It never blocks.
func (p *progress) report(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done, p.total, p.dirty = done, total, true
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// loop sends the latest count when woken, waiting out the interval since
// the last update first.
func (p *progress) loop() {
	defer close(p.exited)
	var last time.Time
	for {
		select {
		case <-p.wake:
		case <-p.quit:
			return
		}
		if wait := time.Until(last.Add(p.every)); p.every > 0 && !last.IsZero() && wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-p.quit:
				t.Stop()
				return
			}
		}
		p.mu.Lock()
		done, total, dirty := p.done, p.total, p.dirty
		p.dirty = false
		p.mu.Unlock()
		if !dirty {
			continue
		}
		last = time.Now()
		text := i18n.T(p.lang, "translate.progress", done, total)
		// A failed update loses one count, not the translation.
		_ = p.r.Update(p.ctx, p.id, &chat.Response{Text: text, InThread: true})
	}
}

// stop ends the updates and waits for one in flight.
func (p *progress) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	<-p.exited
}

// finish replaces the reply with its final content, after stop.
func (p *progress) finish(ctx context.Context, resp *chat.Response) error {
	return p.r.Update(ctx, p.id, resp)
}

// progressInterval returns the least time between progress updates.
func (h *Handler) progressInterval() time.Duration {
	if h.ProgressInterval == 0 {
		return DefaultProgressInterval
	}
	return h.ProgressInterval
}
