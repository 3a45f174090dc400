package slackfake

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Bounds of conversations.history pages, as Slack's.
const (
	defaultHistoryLimit = 100
	maxHistoryLimit     = 999
)

// dmOf returns the DM conversations.open gives for a user id, and any
// other channel as it is: a post to a user goes to the app's DM with them.
func dmOf(channel string) string {
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		return "D" + channel
	}
	return channel
}

// keep stores a posted message, with its metadata, for
// conversations.history and conversations.replies.
func (s *Server) keep(c Call, ts string) {
	m := Message{Channel: dmOf(c.Param("channel")), TS: ts, ThreadTS: c.Param("thread_ts"), User: "UBOT", Text: c.Param("text")}
	if raw := c.Param("metadata"); raw != "" {
		var md Metadata
		if json.Unmarshal([]byte(raw), &md) == nil && md.EventType != "" {
			m.Metadata = &md
		}
	}
	s.AddMessage(m)
}

// Messages returns the messages of channel (a user id for the app's DM
// with them), seeded and posted, oldest first.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.Channel == dmOf(channel) {
			out = append(out, m)
		}
	}
	return out
}

// history answers conversations.history: the messages of a channel that
// are not thread replies, newest first, after oldest (or at it with
// inclusive), limit a page, the next page named by a cursor. Metadata is
// shown with include_all_metadata.
func (s *Server) history(c Call) map[string]any {
	limit, err := strconv.Atoi(c.Param("limit"))
	if err != nil || limit <= 0 {
		limit = defaultHistoryLimit
	}
	limit = min(limit, maxHistoryLimit)
	start := 0
	if cur := c.Param("cursor"); cur != "" {
		if start, err = strconv.Atoi(strings.TrimPrefix(cur, "next:")); err != nil || start < 0 {
			return map[string]any{"ok": false, "error": "invalid_cursor"}
		}
	}
	oldest, inclusive := c.Param("oldest"), c.Param("inclusive") == "1" || c.Param("inclusive") == "true"
	metadata := c.Param("include_all_metadata") == "1" || c.Param("include_all_metadata") == "true"
	var match []Message
	channel := c.Param("channel") // a DM by its id, as Slack wants: a user id is not a conversation
	for _, m := range s.Messages(channel) {
		after := compareTS(m.TS, oldest)
		if m.Channel == channel && (m.ThreadTS == "" || m.ThreadTS == m.TS) && (oldest == "" || after > 0 || (inclusive && after == 0)) {
			match = append(match, m)
		}
	}
	slices.SortStableFunc(match, func(a, b Message) int { return compareTS(b.TS, a.TS) })
	page := match[min(start, len(match)):min(start+limit, len(match))]
	out := make([]map[string]any, 0, len(page))
	for _, m := range page {
		msg := map[string]any{"type": "message", "ts": m.TS, "user": m.User, "text": m.Text}
		if metadata && m.Metadata != nil {
			msg["metadata"] = m.Metadata
		}
		out = append(out, msg)
	}
	answer := map[string]any{"ok": true, "messages": out, "has_more": start+limit < len(match)}
	if start+limit < len(match) {
		answer["response_metadata"] = map[string]any{"next_cursor": "next:" + strconv.Itoa(start+limit)}
	}
	return answer
}

// compareTS compares two message timestamps ("1764115200.000001") as
// times: -1, 0 or +1.
func compareTS(a, b string) int {
	as, af := splitTS(a)
	bs, bf := splitTS(b)
	return cmp.Or(cmp.Compare(as, bs), cmp.Compare(af, bf))
}

// splitTS returns a timestamp's seconds and microseconds.
func splitTS(ts string) (int64, int64) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, _ := strconv.ParseInt(sec, 10, 64)
	frac = (frac + "000000")[:6]
	f, _ := strconv.ParseInt(frac, 10, 64)
	return s, f
}
