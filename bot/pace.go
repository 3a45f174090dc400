package bot

import (
	"context"
	"sync"
	"time"
)

// Rate is how often one workspace may call a Web API method: Every
// apart on average, with up to Burst calls at once.
type Rate struct {
	Every time.Duration
	Burst int
}

// Pacing maps Web API methods to the Rate each workspace keeps to; the
// "" entry paces the methods not listed. Slack's limits are per method
// and workspace, so each workspace waits only for its own calls.
type Pacing map[string]Rate

// DefaultPacing follows Slack's published tiers, a little under them:
// chat.postMessage about one message a second (Slack's limit is per
// channel, reminders go to the one office channel), tier 4 methods
// 100 a minute, tier 3 50, tier 2 20. A response_url and the upload of
// a file's bytes are not Web API methods: they are not paced.
func DefaultPacing() Pacing {
	tier2 := Rate{Every: 3 * time.Second, Burst: 3}
	tier3 := Rate{Every: 1200 * time.Millisecond, Burst: 5}
	tier4 := Rate{Every: 600 * time.Millisecond, Burst: 10}
	return Pacing{
		"":                             tier3,
		"chat.postMessage":             {Every: time.Second, Burst: 5},
		"chat.postEphemeral":           tier4,
		"chat.update":                  tier3,
		"conversations.open":           tier3,
		"conversations.history":        tier3,
		"conversations.replies":        tier3,
		"users.info":                   tier4,
		"views.open":                   tier4,
		"views.update":                 tier4,
		"chat.getPermalink":            tier4,
		"views.publish":                tier4,
		"files.getUploadURLExternal":   tier4,
		"files.completeUploadExternal": tier4,
		"files.info":                   tier4,
		"auth.test":                    tier2,
		"response_url":                 {},
		"upload":                       {},
	}
}

// pacer queues one workspace's calls per method, by the generic cell
// rate algorithm: tat is when the method's bucket is empty again.
type pacer struct {
	rates Pacing
	mu    sync.Mutex
	tat   map[string]time.Time
}

// newPacer returns a pacer keeping to rates; nil rates pace nothing.
func newPacer(rates Pacing) *pacer {
	return &pacer{rates: rates, tat: map[string]time.Time{}}
}

// reserve returns when a call of method asked at now may go, and
// counts it: calls wait their turn in the order they asked.
func (p *pacer) reserve(method string, now time.Time) time.Time {
	r, ok := p.rates[method]
	if !ok {
		r = p.rates[""]
	}
	if r.Every <= 0 {
		return now
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.tat[method]
	if t.Before(now) {
		t = now
	}
	at := t.Add(-time.Duration(max(r.Burst-1, 0)) * r.Every)
	if at.Before(now) {
		at = now
	}
	p.tat[method] = t.Add(r.Every)
	return at
}

// wait waits for the turn of a call of method, or for ctx to end.
func (p *pacer) wait(ctx context.Context, method string) error {
	now := time.Now()
	if d := p.reserve(method, now).Sub(now); d > 0 {
		return sleepCtx(ctx, d)
	}
	return ctx.Err()
}
