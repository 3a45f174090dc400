package bot

import (
	"sync"
	"time"
)

// dedupe remembers requests already received for ttl, so that Slack's
// retries of an event, a payload delivered twice and a double-clicked
// modal submit are acknowledged once and dropped. Each key holds the
// flight of the first request: its acknowledgement, which repeats wait
// for and give back. Keys expire in the order they arrive, so a queue
// keeps memory bounded to max keys.
type dedupe struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	seen  map[string]*seenKey
	order []*seenKey // oldest first; may hold keys forgotten since
}

// seenKey is a key with when it was recorded and the flight it names.
type seenKey struct {
	key string
	at  time.Time
	f   *flight
}

// flight is the outcome of the first request under a key: ack is the
// acknowledgement it carried, readable once done is closed.
type flight struct {
	done chan struct{}
	ack  any
}

// settle records ack as the flight's outcome and wakes whoever waits.
func (f *flight) settle(ack any) {
	f.ack = ack
	close(f.done)
}

// newDedupe returns a memory of at most max keys, each kept for ttl.
func newDedupe(ttl time.Duration, max int) *dedupe {
	return &dedupe{ttl: ttl, max: max, seen: map[string]*seenKey{}}
}

// first records id and reports whether it is the first time it is seen
// within ttl.
func (d *dedupe) first(id string, now time.Time) bool {
	_, ok := d.claim(now, id)
	return ok
}

// claim looks keys up: when one of them is known it returns its flight
// and false. Otherwise it records a new flight under keys[0] and returns
// it and true; the caller settles it.
func (d *dedupe) claim(now time.Time, keys ...string) (*flight, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	for _, k := range keys {
		if e, ok := d.seen[k]; ok {
			return e.f, false
		}
	}
	f := &flight{done: make(chan struct{})}
	d.add(keys[0], f, now)
	return f, true
}

// put records f under key as well.
func (d *dedupe) put(key string, f *flight, now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	d.add(key, f, now)
}

// forget drops key, so that the next request under it is a first.
func (d *dedupe) forget(key string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, key)
}

// add records key; d.mu is held.
func (d *dedupe) add(key string, f *flight, now time.Time) {
	e := &seenKey{key: key, at: now, f: f}
	d.seen[key] = e
	d.order = append(d.order, e)
}

// expire drops from the front the oldest keys, expired or beyond the
// bound; d.mu is held. A key forgotten, or recorded again since, is only
// dropped from the queue.
func (d *dedupe) expire(now time.Time) {
	for len(d.order) > 0 && (len(d.order) >= d.max || now.Sub(d.order[0].at) > d.ttl) {
		if e := d.order[0]; d.seen[e.key] == e {
			delete(d.seen, e.key)
		}
		d.order[0] = nil
		d.order = d.order[1:]
	}
}
