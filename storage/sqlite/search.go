package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// The search index. Each entry is one row of the FTS5 table
// correspondence_search, whose one column holds the entry's terms as
// tokens: its words as they are, its stem keys marked by stemToken, its
// tag keys (which may hold any character) marked by tagToken and
// hex-encoded. Words are letters and digits only, so no word is a stem
// or tag token, nor begins like one. FTS5's prefix indexes serve word
// prefixes, so no prefix is stored as a row of its own.
//
// The row's rowid is its place in list order: the workspace's slot,
// then the registration day (seconds), then the protocol number, so that
// FTS5 reads matches newest first (ORDER BY rowid DESC), stops at the
// page, and a workspace and a period are rowid ranges. The year is left
// out: the registration day fixes it (proxenos.Correspondence.Validate).
const (
	numberBits = 20 // protocol numbers below 1,048,576 a year
	dateBits   = 34 // seconds from searchEpoch, to the year 2443
	slotBits   = 9  // 512 workspaces
	slotShift  = numberBits + dateBits
)

// searchEpoch is the earliest registration day a valid entry can have
// (year 1900, in any zone).
var searchEpoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).Unix()

// Markers of the tokens that are not words: the characters are neither
// letters nor digits, and FTS5's ascii tokenizer keeps them in a token.
const (
	stemToken = "§"
	tagToken  = "¶"
)

// dateOffset returns the rowid part of registration day d (unix
// seconds), clamped to the range the index keeps.
func dateOffset(d int64) int64 {
	return min(max(d-searchEpoch, 0), 1<<dateBits-1) << numberBits
}

// searchID returns the rowid of entry c in the workspace of slot. A day
// outside the years the index keeps (only in a file of an old version
// with no day) counts as the nearest it keeps.
func searchID(slot int64, c *proxenos.Correspondence) (int64, error) {
	if c.Protocol.Number < 1 || c.Protocol.Number >= 1<<numberBits {
		return 0, proxenos.Errorf(proxenos.EINVALID, "storage.corr.search_full", c.Protocol.String())
	}
	return slot<<slotShift | dateOffset(c.Registered.Unix()) | int64(c.Protocol.Number), nil
}

// searchSlot returns team's slot in the search index, giving it the next
// free one on its first entry, p.
func searchSlot(ctx context.Context, tx *sql.Tx, team string, p proxenos.ProtocolNumber) (int64, error) {
	var slot int64
	err := tx.QueryRowContext(ctx, `SELECT slot FROM search_slots WHERE team = ?`, team).Scan(&slot)
	if !errors.Is(err, sql.ErrNoRows) {
		return slot, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO search_slots (team, slot) SELECT ?, COALESCE(MAX(slot) + 1, 0) FROM search_slots
		RETURNING slot`, team).Scan(&slot)
	if err == nil && slot >= 1<<slotBits {
		return 0, proxenos.Errorf(proxenos.EINVALID, "storage.corr.search_full", p.String())
	}
	return slot, err
}

// searchText returns the tokens c is found by, separated by spaces.
func searchText(c *proxenos.Correspondence) string {
	words, stems := search.EntryTerms(c)
	tokens := words
	for _, k := range stems {
		tokens = append(tokens, stemTok(k))
	}
	for _, k := range dedupe(tagKeys(c.Tags)) {
		tokens = append(tokens, tagTok(k))
	}
	return strings.Join(tokens, " ")
}

// stemTok returns the token of stem key k (search.Stems).
func stemTok(k string) string {
	return stemToken + strings.TrimPrefix(k, "~")
}

// tagTok returns the token of tag key k.
func tagTok(k string) string {
	return tagToken + hex.EncodeToString([]byte(k))
}

// indexEntry adds entry c, of rowid sid, to the search index.
func indexEntry(ctx context.Context, tx *sql.Tx, sid int64, c *proxenos.Correspondence) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO correspondence_search (rowid, terms) VALUES (?, ?)`, sid, searchText(c))
	return translate(err, "index correspondence", c.Protocol.String())
}

// unindexEntry removes the search row of rowid sid.
func unindexEntry(ctx context.Context, tx *sql.Tx, sid int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM correspondence_search WHERE rowid = ?`, sid)
	return translate(err, "unindex correspondence", sid)
}

// dedupe returns items without repeats, in order.
func dedupe(items []string) []string {
	seen := make(map[string]bool, len(items))
	out := items[:0:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// Match expressions (FTS5 query syntax). Every token is quoted, so that
// no word is read as an operator.

// quote returns token t as an FTS5 string.
func quote(t string) string {
	return `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
}

// whole matches entries with word w.
func whole(w string) string { return quote(w) }

// begins matches entries with a word that w begins; a word longer than
// search.MaxPrefixLen matches whole only, as it always has.
func begins(w string) string {
	if search.IsPrefixable(w) {
		return quote(w) + "*"
	}
	return quote(w)
}

// beginsOrStem matches entries with a word that w begins or a stem key of w.
func beginsOrStem(w string) string {
	parts := []string{begins(w)}
	for _, k := range search.QueryStems(w) {
		parts = append(parts, quote(stemTok(k)))
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// all matches entries meeting every one of exprs.
func all(exprs []string) string {
	return "(" + strings.Join(exprs, " AND ") + ")"
}

// mapWords returns f of each word.
func mapWords(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return out
}

// searchTiers returns the match expression of each tier of a search of
// words: every word whole; every word a prefix, not every word whole;
// every word a prefix or a stem, not every word a prefix.
func searchTiers(words []string) [3]string {
	wholes, prefixes := all(mapWords(words, whole)), all(mapWords(words, begins))
	return [3]string{
		wholes,
		prefixes + " NOT " + wholes,
		all(mapWords(words, beginsOrStem)) + " NOT " + prefixes,
	}
}

// tagMatch matches entries with tag key k.
func tagMatch(k string) string { return quote(tagTok(k)) }
