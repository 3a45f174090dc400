package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
)

// TestServe_OutsiderDigest runs /ir digest and /ir reminders over signed
// HTTP as a user outside PROXENOS_ALLOWED_USERS, with the reminder engine
// running: they get the refusal, to them only, and the day's digest — which
// names the subject a user on the list just logged — is not posted.
func TestServe_OutsiderDigest(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, map[string]string{"PROXENOS_ALLOWED_USERS": "U0ELENI", "PROXENOS_OFFICE_CHANNEL": "C0OFFICE"})
	v := bot.NewVerifier(testSecret)
	target := "http://" + m.HTTPAddr() + "/slack/commands"
	// run sends a signed command as user and returns what reached the response URL.
	run := func(user, command, text string) string {
		t.Helper()
		ru := fake.ResponseURL()
		body := strings.Replace(commandBody(command, text, ru), "user_id=U0MARIA", "user_id="+user, 1)
		if _, err := postSigned(http.DefaultClient, v, target, body); err != nil {
			t.Fatal(err)
		}
		return posted(t, fake, ru)
	}
	const subject = "Confidential twinning offer"
	if got := run("U0ELENI", "/corr", `in from:"Comune di Faenza" subject:"`+subject+`"`); strings.Contains(got, "error") {
		t.Fatalf("logging the entry: %.300s", got)
	}
	refusal := i18n.T(i18n.English, "error.unauthorized")
	for _, text := range []string{"digest", "reminders"} {
		got := run("U0MARIA", "/ir", text)
		if !strings.Contains(got, refusal) || strings.Contains(got, subject) || strings.Contains(got, "in_channel") {
			t.Errorf("/ir %s by an outsider: %.400s", text, got)
		}
	}
	if got := run("U0ELENI", "/ir", "digest"); !strings.Contains(got, subject) {
		t.Errorf("/ir digest by a user on the list lacks the new entry: %.400s", got)
	}
}
