package bot

import (
	"regexp"
	"strings"
)

// slackRef is one reference in escaped command text: <@U…|name>,
// <#C…|name>, <!subteam^S…|@group>, <!channel>, <https://…|label>.
var slackRef = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// entities are the three characters Slack escapes in text.
var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// commandText turns a slash command's text as Slack escapes it (the
// manifest sets should_escape, so that "@maria" arrives as
// <@U123|maria>) back into what the user typed, keeping the references
// handlers read: users, channels and groups stay <@U…>, links become
// their address (a mail link its address without mailto:), and &amp;,
// &lt; and &gt; become the characters. Text that was not escaped comes
// through as it is, but for those three entities.
func commandText(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range slackRef.FindAllStringSubmatchIndex(s, -1) {
		target := s[m[2]:m[3]]
		b.WriteString(entities.Replace(s[last:m[0]]))
		switch {
		case strings.HasPrefix(target, "mailto:"):
			b.WriteString(entities.Replace(strings.TrimPrefix(target, "mailto:")))
		case strings.HasPrefix(target, "http://"), strings.HasPrefix(target, "https://"):
			b.WriteString(entities.Replace(target))
		default:
			b.WriteString(s[m[0]:m[1]]) // a user, channel, group or <!channel>
		}
		last = m[1]
	}
	b.WriteString(entities.Replace(s[last:]))
	return b.String()
}
