package handlers

import "strings"

// mrkdwnEscaper escapes the three characters Slack's mrkdwn gives meaning
// to, so that user text such as "<!channel>" or "<@U123>" can never ping.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape returns s safe to embed in mrkdwn.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }
