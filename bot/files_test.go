package bot

import (
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
)

// TestFiles_Email reads an e-mail forwarded to Slack, as Slack describes
// the file in a message, into chat.Email; other files carry none.
func TestFiles_Email(t *testing.T) {
	var in []slack.File
	err := json.Unmarshal([]byte(`[{"id":"F1","name":"AW: Besuch","mimetype":"text/html","filetype":"email","mode":"email","size":6212,
		"url_private_download":"https://files.slack.com/F1","subject":"AW: Besuch",
		"from":[{"address":"partnerschaften@kassel.de","name":"Stadt Kassel","original":"Stadt Kassel <partnerschaften@kassel.de>"}],
		"to":[{"address":"international@maroussi.gr","name":"","original":"international@maroussi.gr"}],"cc":[],
		"plain_text":"Unser Zeichen: 41.2","headers":{"date":"Tue, 17 Nov 2026 09:12:44 +0100","message_id":"<k-1@kassel.de>"}},
		{"id":"F2","name":"programm.pdf","filetype":"pdf","mode":"hosted","size":10}]`), &in)
	if err != nil {
		t.Fatal(err)
	}
	out := files(in)
	e := out[0].Email
	if e == nil || e.Subject != "AW: Besuch" || e.From[0].Address != "partnerschaften@kassel.de" || e.From[0].Name != "Stadt Kassel" ||
		e.To[0].Address != "international@maroussi.gr" || e.Date != "Tue, 17 Nov 2026 09:12:44 +0100" || e.MessageID != "<k-1@kassel.de>" ||
		e.Text != "Unser Zeichen: 41.2" {
		t.Errorf("e-mail = %+v", e)
	}
	if out[1].Email != nil {
		t.Errorf("a PDF read as an e-mail: %+v", out[1].Email)
	}
}
