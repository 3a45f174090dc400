package translate

import (
	"container/list"
	"sync"
)

// Cache keeps translated parts by a key that names the text, the languages,
// the glossary version and the model. Implementations are safe for
// concurrent use.
type Cache interface {
	// Get returns the value stored under key, if any.
	Get(key string) (string, bool)
	// Put stores value under key.
	Put(key, value string)
}

// LRUCache is an in-memory Cache that forgets the least recently used
// entries beyond its size.
type LRUCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	items map[string]*list.Element
}

var _ Cache = (*LRUCache)(nil)

type lruEntry struct{ key, value string }

// NewLRUCache returns a cache that holds at most size entries (at least 1).
func NewLRUCache(size int) *LRUCache {
	return &LRUCache{max: max(size, 1), order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the value under key and marks it recently used.
func (c *LRUCache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*lruEntry).value, true
}

// Put stores value under key, forgetting the least recently used entry
// when the cache is full.
func (c *LRUCache) Put(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*lruEntry).value = value
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key, value})
	if c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*lruEntry).key)
	}
}

// Len returns the number of entries held.
func (c *LRUCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
