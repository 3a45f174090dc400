package chat

import (
	"regexp"
	"strings"
)

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

// mrkdwnRef matches Slack's references in mrkdwn: <@U1>, <#C1|name>,
// <!channel>, <https://x|label>.
var mrkdwnRef = regexp.MustCompile(`<([^<>|]+)(?:\|([^<>]*))?>`)

// Plain turns mrkdwn as Slack sends it into plain text, the inverse of
// Escape:
// mentions become "@name" text, links their label and address, and
// entities their characters.
func Plain(s string) string {
	s = mrkdwnRef.ReplaceAllStringFunc(s, func(m string) string {
		parts := mrkdwnRef.FindStringSubmatch(m)
		target, label := parts[1], parts[2]
		switch {
		case strings.HasPrefix(target, "#"):
			if label != "" {
				return "#" + label
			}
			return target
		case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "!"):
			if label != "" {
				return "@" + strings.TrimPrefix(label, "@")
			}
			return "@" + strings.TrimLeft(target, "@!")
		case label != "" && label != strings.TrimPrefix(target, "mailto:"):
			return label + " (" + strings.TrimPrefix(target, "mailto:") + ")"
		}
		return strings.TrimPrefix(target, "mailto:")
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
