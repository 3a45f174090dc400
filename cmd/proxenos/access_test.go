package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/i18n"
)

// TestServe_OutsiderDigest runs /ir digest and /ir reminders over signed
// HTTP as a user outside PROXENOS_ALLOWED_USERS, with the reminder engine
// running: they get the refusal, to them only, and the day's digest — with
// the subjects of new correspondence — is not posted; a user on the list
// still gets it, in the channel.
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
	// Whether the entry is listed depends on the scheduled digest, which
	// start-up may have sent meanwhile; the answer itself does not.
	if got := run("U0ELENI", "/ir", "digest"); strings.Contains(got, refusal) || !strings.Contains(got, "in_channel") {
		t.Errorf("/ir digest by a user on the list: %.400s", got)
	}
}

// TestServe_OutsiderSocketMode sends an outsider's /ir digest and a press
// of a reminder's Done button by Socket Mode: the same admit refuses both,
// in the answer to the response URL, and the digest is not posted.
func TestServe_OutsiderSocketMode(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	startServe(t, fake, map[string]string{"SLACK_APP_TOKEN": slackfake.AppToken, "SLACK_SIGNING_SECRET": "",
		"PROXENOS_ALLOWED_USERS": "U0ELENI", "PROXENOS_OFFICE_CHANNEL": "C0OFFICE"})
	if _, err := fake.WaitFor("apps.connections.open", 1, 10*time.Second); err != nil {
		t.Fatalf("serve did not connect by Socket Mode: %v", err)
	}
	send := func(envelope map[string]any) {
		t.Helper()
		// The websocket may be open a moment after apps.connections.open.
		var err error
		for i := 0; i < 100; i++ {
			if err = fake.SocketSend(envelope); err == nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal(err)
	}
	refusal := i18n.T(i18n.English, "error.unauthorized")
	digest := fake.ResponseURL()
	send(map[string]any{"type": "slash_commands", "envelope_id": "env-1", "accepts_response_payload": true,
		"payload": map[string]any{"team_id": "TFAKE", "channel_id": "C0OFFICE", "user_id": "U0MARIA",
			"command": "/ir", "text": "digest", "response_url": digest, "trigger_id": "1.2.3"}})
	if got := posted(t, fake, digest); !strings.Contains(got, refusal) || strings.Contains(got, "in_channel") {
		t.Errorf("/ir digest by an outsider: %.400s", got)
	}
	done := fake.ResponseURL()
	send(map[string]any{"type": "interactive", "envelope_id": "env-2", "payload": map[string]any{
		"type": "block_actions", "team": map[string]any{"id": "TFAKE"}, "user": map[string]any{"id": "U0MARIA"},
		"channel": map[string]any{"id": "C0OFFICE"}, "response_url": done, "trigger_id": "t",
		"container": map[string]any{"type": "message", "message_ts": "1764151200.000100", "channel_id": "C0OFFICE"},
		"actions": []any{map[string]any{"type": "button", "action_id": reminder.ActionDone, "block_id": "reminder",
			"value": "obligation/o1//2026-12-01T00:00:00Z", "action_ts": "1764151201.000200"}}}})
	if got := posted(t, fake, done); !strings.Contains(got, refusal) || strings.Contains(got, "replace_original\":true") {
		t.Errorf("Done pressed by an outsider: %.400s", got)
	}
}
