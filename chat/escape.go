package chat

import "strings"

// mrkdwnEscaper escapes the three characters Slack's mrkdwn gives meaning
// to, so that user text such as "<!channel>" or "<@U123>" can never ping.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape returns s safe to embed in mrkdwn.
func Escape(s string) string { return mrkdwnEscaper.Replace(s) }

// IsUserID reports whether s is a Slack user id, safe inside <@…>.
func IsUserID(s string) bool {
	if len(s) < 2 || len(s) > 20 || (s[0] != 'U' && s[0] != 'W') {
		return false
	}
	for _, r := range s[1:] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
