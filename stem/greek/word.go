package greek

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// word is a word being stemmed, with the state of the Snowball machine that
// greek.sbl runs on it. The algorithm works backwards, from the end of the
// word: c is the cursor, and the slice b[bra:ket] is what the next
// replacement replaces. All positions are byte offsets into b.
type word struct {
	b        []byte
	c        int
	bra, ket int
	// test1 stays set while no step has removed a suffix; only then may
	// step 6 remove the plain inflectional endings.
	test1 bool
}

// table is the list of strings of one Snowball `among`, each with what
// replaces it (or is appended after it) when it is the one found. The
// strings are kept by their last letter, longest first, so that a word is
// compared only with the strings that end like it.
type table struct {
	byLast [letters][]entry
}

type entry struct{ s, to string }

// letters is the span of lowercase letters α (U+03B1) … ω (U+03C9) that
// the lowered words and all of the algorithm's strings are made of.
const letters = 'ω' - 'α' + 1

// lastLetter returns the place in table.byLast of the letter that ends s,
// or -1 when s does not end with a lowercase Greek letter.
func lastLetter(s []byte) int {
	n := len(s)
	if n < 2 || s[n-2]&0xFE != 0xCE || s[n-1]&0xC0 != 0x80 {
		return -1 // not a two-byte letter of U+0380…U+03FF
	}
	r := rune(s[n-2]&0x1F)<<6 | rune(s[n-1]&0x3F)
	if r < 'α' || r > 'ω' {
		return -1
	}
	return int(r - 'α')
}

// among builds a table from pairs of a replacement and the space-separated
// strings it applies to. It panics on a string listed twice, which the
// Snowball compiler refuses too.
func among(pairs ...string) *table {
	t := &table{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(pairs); i += 2 {
		for _, s := range strings.Fields(pairs[i+1]) {
			last := lastLetter([]byte(s))
			if seen[s] || last < 0 {
				panic(fmt.Sprintf("greek: %q is listed twice or does not end with a lowercase letter", s))
			}
			seen[s] = true
			t.byLast[last] = append(t.byLast[last], entry{s, pairs[i]})
		}
	}
	for _, entries := range t.byLast {
		slices.SortStableFunc(entries, func(a, b entry) int { return len(b.s) - len(a.s) })
	}
	return t
}

// suffixes builds a table of strings that are removed when found.
func suffixes(list string) *table { return among("", list) }

// find looks for the longest of t's strings that ends at the cursor, as
// Snowball's among does, and moves the cursor to its start.
func (w *word) find(t *table) (to string, ok bool) {
	last := lastLetter(w.b[:w.c])
	if last < 0 {
		return "", false
	}
	for _, e := range t.byLast[last] {
		if len(e.s) <= w.c && string(w.b[w.c-len(e.s):w.c]) == e.s {
			w.c -= len(e.s)
			return e.to, true
		}
	}
	return "", false
}

// replace puts s in place of the slice b[bra:ket], moving the cursor as
// Snowball does: past the new text if it was past the slice, to the
// slice's start if it was inside it.
func (w *word) replace(s string) {
	adjust := len(s) - (w.ket - w.bra)
	w.b = slices.Replace(w.b, w.bra, w.ket, []byte(s)...)
	switch {
	case w.c >= w.ket:
		w.c += adjust
	case w.c > w.bra:
		w.c = w.bra
	}
}

// replaceSuffix is greek.sbl's `[substring] among (...)`: the longest of
// t's strings that ends the word is replaced by its replacement (removed,
// for a table of suffixes).
func (w *word) replaceSuffix(t *table) bool {
	w.ket = w.c
	to, ok := w.find(t)
	if !ok {
		return false
	}
	w.bra = w.c
	w.replace(to)
	return true
}

// removeSuffix removes the longest of t's suffixes that ends the word and
// records that a suffix was removed (`delete unset test1`).
func (w *word) removeSuffix(t *table) bool {
	if !w.replaceSuffix(t) {
		return false
	}
	w.test1 = false
	return true
}

// whole is greek.sbl's `] substring atlimit among (...)` with the slice end
// (ket) already set: when the word before the cursor is exactly one of t's
// strings, the slice b[cursor:ket] becomes its replacement.
func (w *word) whole(t *table) bool {
	w.bra = w.c
	start := w.c
	to, ok := w.find(t)
	if !ok || w.c != 0 {
		w.c = start
		return false
	}
	w.replace(to)
	return true
}

// appendIfWhole is greek.sbl's `[] substring atlimit among (...)`: when
// the word is exactly one of t's strings, its replacement is appended.
func (w *word) appendIfWhole(t *table) bool {
	w.ket = w.c
	return w.whole(t)
}

// appendIfEnds is greek.sbl's `[] substring among (...)`: when the word
// ends with one of t's strings, the longest one's replacement is appended
// and the cursor is left before that string.
func (w *word) appendIfEnds(t *table) bool {
	w.ket, w.bra = w.c, w.c
	to, ok := w.find(t)
	if !ok {
		return false
	}
	w.replace(to)
	return true
}

// endsWith reports whether the word ends with one of t's strings.
func (w *word) endsWith(t *table) bool {
	start := w.c
	_, ok := w.find(t)
	w.c = start
	return ok
}

// precededBy is a Snowball grouping test: when the letter before the
// cursor is one of letters, the cursor moves before it.
func (w *word) precededBy(letters string) bool {
	r, size := utf8.DecodeLastRune(w.b[:w.c])
	if size == 0 || r == utf8.RuneError || !strings.ContainsRune(letters, r) {
		return false
	}
	w.c -= size
	return true
}

// appendText appends s to the word, as greek.sbl's `insert` at the end.
func (w *word) appendText(s string) {
	w.b = append(w.b, s...)
}
