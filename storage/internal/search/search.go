// Package search holds what both stores share: the search terms kept with
// each record, the query words, paging, ids and times in a workspace's zone,
// so that SQLite and MongoDB give the same answers.
package search

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
)

// MaxPrefixLen is the longest word prefix kept for search, in characters.
// A longer query word matches whole words only.
const MaxPrefixLen = 20

// Words returns the distinct normalized words of texts.
func Words(texts ...string) []string {
	return proxenos.SearchWords(texts...)
}

// Prefixes returns every distinct prefix of words, from one character up to
// MaxPrefixLen; a word no longer than that is its own prefix.
func Prefixes(words []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		n := 0
		for i := range w {
			if i == 0 {
				continue
			}
			if n++; n > MaxPrefixLen {
				break
			}
			if p := w[:i]; !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
		if utf8.RuneCountInString(w) <= MaxPrefixLen && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Query returns the words of a search query, at most
// proxenos.MaxSearchWords of them.
func Query(q string) []string {
	words := proxenos.SearchWords(q)
	if len(words) > proxenos.MaxSearchWords {
		words = words[:proxenos.MaxSearchWords]
	}
	return words
}

// IsPrefixable reports whether a query word may match as a prefix, i.e. it
// is no longer than MaxPrefixLen.
func IsPrefixable(w string) bool {
	return utf8.RuneCountInString(w) <= MaxPrefixLen
}

// Page returns the offset and limit to use: a negative offset is 0, the
// limit defaults to proxenos.DefaultListLimit and is capped at
// proxenos.MaxListLimit.
func Page(offset, limit int) (int, int) {
	switch {
	case limit <= 0:
		limit = proxenos.DefaultListLimit
	case limit > proxenos.MaxListLimit:
		limit = proxenos.MaxListLimit
	}
	return max(offset, 0), limit
}

// NewID returns a random record id of 16 hex digits.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// Clock returns now with the precision both stores keep (milliseconds,
// as BSON dates do), in the zone of the workspace ctx is for
// (proxenos.ZoneFromContext).
func Clock(ctx context.Context, now func() time.Time) time.Time {
	return now().Truncate(time.Millisecond).In(proxenos.ZoneFromContext(ctx))
}

// InZone returns t in loc, so that a date (midnight in the workspace's
// zone) prints as the right day; the zero time stays zero.
func InZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.In(loc)
}

// Day returns midnight of t's day in loc: the day a record made at t was
// logged in a workspace of that zone.
func Day(t time.Time, loc *time.Location) time.Time {
	from, _ := DaySpan(t, 0, loc)
	return from
}

// Registered returns c's registration day in loc. An entry of a version
// that kept one date (an old export) has none: it was registered the day
// it was created there.
func Registered(c *proxenos.Correspondence, loc *time.Location) time.Time {
	if c.Registered.IsZero() {
		return Day(c.CreatedAt, loc)
	}
	return InZone(c.Registered, loc)
}

// DaySpan returns the instants from midnight of now's day in loc to
// midnight after the days that follow it there: what
// proxenos.AgreementFilter.Match counts as "within days of now" in a
// workspace of that zone.
func DaySpan(now time.Time, days int, loc *time.Location) (from, to time.Time) {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+days+1, 0, 0, 0, 0, loc)
}
