package sqlite

import (
	"hash/maphash"
	"slices"
	"sync"

	"github.com/proxenos/proxenos"
)

// maxDecodedCalls bounds decodedCalls: 332 municipalities with 1,000
// open calls each fit; past it the cache starts again empty.
const maxDecodedCalls = 400_000

// decodedCalls remembers decoded calls by id with a hash of the document
// they were decoded from, and hands out copies: the caller may change
// what it gets.
type decodedCalls struct {
	mu    sync.Mutex
	seed  maphash.Seed
	calls map[string]decodedCall
}

// decodedCall is a call as decoded from the document of hash sum.
type decodedCall struct {
	sum  uint64
	call *proxenos.Call
}

// decode returns the call of doc, stored under id: a copy of the one
// decoded before when doc is unchanged, else doc decoded.
func (d *decodedCalls) decode(id, doc string) (*proxenos.Call, error) {
	d.mu.Lock()
	if d.calls == nil {
		d.seed, d.calls = maphash.MakeSeed(), map[string]decodedCall{}
	}
	sum := maphash.String(d.seed, doc)
	cached, ok := d.calls[id]
	d.mu.Unlock()
	if ok && cached.sum == sum {
		return cloneCall(cached.call), nil
	}
	c, err := decodeCall(doc)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	if len(d.calls) >= maxDecodedCalls {
		clear(d.calls)
	}
	d.calls[id] = decodedCall{sum, cloneCall(c)}
	d.mu.Unlock()
	return c, nil
}

// cloneCall returns a copy of c sharing nothing that can be changed.
func cloneCall(c *proxenos.Call) *proxenos.Call {
	out := *c
	out.Deadlines = slices.Clone(c.Deadlines)
	out.PartnerIDs = slices.Clone(c.PartnerIDs)
	out.Milestones = slices.Clone(c.Milestones)
	out.History = slices.Clone(c.History)
	for i := range out.History {
		out.History[i].Fields = slices.Clone(out.History[i].Fields)
	}
	return &out
}
