package doc

import (
	"bytes"
	"hash/maphash"
	"sync"
)

// Cache remembers the parse of the chunks of drafts, so that the versions
// of one draft in a history (most of whose sections are the same from one
// commit to the next) parse only what changed. A chunk is taken from the
// cache only when its bytes, and the options that parse it, are equal to
// those of the one remembered: the result is the same as a parse without
// a cache. It is safe for concurrent use. A nil *Cache remembers nothing.
type Cache struct {
	mu      sync.Mutex
	entries map[uint64][]*cacheEntry
	order   []*cacheEntry // oldest first, for eviction
	held    int           // bytes of source of the entries
	max     int
	hits    int // chunks taken from the cache, for tests
}

// NewCache returns a cache that holds chunks of up to maxBytes of source
// together (their sections and blocks take about as much again), dropping
// the oldest first.
func NewCache(maxBytes int) *Cache {
	return &Cache{entries: map[uint64][]*cacheEntry{}, max: maxBytes}
}

// chunkKey is what, besides its bytes, decides the parse of a chunk.
type chunkKey struct {
	fm     int    // where front matter ends, in the first chunk
	words  string // the number words, joined
	noRefs bool   // link reference definitions are left as text
	head   string // the header and delimiter rows of a table continued
}

type cacheEntry struct {
	hash uint64
	src  []byte
	key  chunkKey
	c    *chunk
}

var cacheSeed = maphash.MakeSeed()

// get returns the parse of the chunk src with key, from the cache or from
// parse (which is then remembered).
func (k *Cache) get(src []byte, key chunkKey, parse func() *chunk) *chunk {
	if k == nil {
		return parse()
	}
	h := maphash.Bytes(cacheSeed, src)
	k.mu.Lock()
	for _, e := range k.entries[h] {
		if e.key == key && bytes.Equal(e.src, src) {
			k.hits++
			k.mu.Unlock()
			return e.c
		}
	}
	k.mu.Unlock()
	c := parse()
	if len(src) > k.max {
		return c
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, e := range k.entries[h] {
		if e.key == key && bytes.Equal(e.src, src) {
			return e.c // parsed meanwhile by another goroutine
		}
	}
	e := &cacheEntry{hash: h, src: src, key: key, c: c}
	k.entries[h] = append(k.entries[h], e)
	k.order = append(k.order, e)
	k.held += len(src)
	for k.held > k.max && len(k.order) > 0 {
		k.evict()
	}
	return c
}

// evict drops the oldest entry.
func (k *Cache) evict() {
	old := k.order[0]
	k.order[0] = nil
	k.order = k.order[1:]
	k.held -= len(old.src)
	list := k.entries[old.hash]
	for i, e := range list {
		if e == old {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(k.entries, old.hash)
	} else {
		k.entries[old.hash] = list
	}
}
