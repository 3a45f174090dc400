package letter

import (
	"os"
	"path/filepath"
	"testing"
)

// An e-mail forwarded as an attachment keeps its own Message-ID beside
// the forward's, so that it is known for the e-mail logged on its own.
func TestGuessForwardedID(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", "forward-as-attachment.eml"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read("forward-as-attachment.eml", data)
	if err != nil {
		t.Fatal(err)
	}
	f := Guess(l, maroussi)
	if f.MessageID != "fw-larnaca@maroussi.gr" || f.ForwardedID != "larnaca-204@larnaka.org.cy" {
		t.Errorf("MessageID = %q, ForwardedID = %q; want the forward's and the forwarded e-mail's", f.MessageID, f.ForwardedID)
	}
	// A forward quoted in the body names no Message-ID of its own; one
	// the same as the forward's is no other e-mail.
	for _, l := range []*Letter{
		{From: Address{Email: "e.papadopoulou@maroussi.gr"}, Subject: "FW: x", MessageID: "fw1@maroussi.gr",
			Text: "From: Municipality of Larnaca <international@larnaka.org.cy>\nSubject: x\n\nDear colleagues"},
		{From: Address{Email: "e.papadopoulou@maroussi.gr"}, Subject: "FW: x", MessageID: "<Same@Larnaka.org.cy>",
			Attachments: []Attachment{{Name: "x.eml", MessageID: "same@larnaka.org.cy", Text: "From: Municipality of Larnaca <international@larnaka.org.cy>\nSubject: x\n\nDear colleagues"}}},
	} {
		if f := Guess(l, maroussi); f.ForwardedID != "" {
			t.Errorf("%q: ForwardedID = %q, want none", l.MessageID, f.ForwardedID)
		}
	}
}

// A Message-ID is the id between its angle brackets, whatever folding or
// comment surrounds it (RFC 5322 msg-id with CFWS), so that the same
// e-mail relayed is known again.
func TestReadMessageIDComment(t *testing.T) {
	for header, want := range map[string]string{
		"Message-ID: <larnaca-204@larnaka.org.cy>":                    "larnaca-204@larnaka.org.cy",
		"Message-Id:\r\n  <larnaca-204@larnaka.org.cy>":               "larnaca-204@larnaka.org.cy",
		"Message-Id:\r\n  <larnaca-204@larnaka.org.cy> (via relay)":   "larnaca-204@larnaka.org.cy",
		"Message-ID: (relayed) <larnaca-204@larnaka.org.cy>":          "larnaca-204@larnaka.org.cy",
		"Message-ID:  larnaca-204@larnaka.org.cy ":                    "larnaca-204@larnaka.org.cy",
		"Message-ID: <larnaca-204@larnaka.org.cy> <other@relay.test>": "larnaca-204@larnaka.org.cy",
	} {
		l, err := Read("m.eml", []byte("From: a@larnaka.org.cy\r\n"+header+"\r\n\r\nbody"))
		if err != nil {
			t.Fatal(err)
		}
		if l.MessageID != want {
			t.Errorf("%q: MessageID = %q, want %q", header, l.MessageID, want)
		}
	}
	// An e-mail Slack forwarded gives its Message-ID as it came.
	f := Guess(&Letter{From: Address{Email: "a@larnaka.org.cy"}, MessageID: "larnaca-204@larnaka.org.cy> (via relay)"}, maroussi)
	if f.MessageID != "larnaca-204@larnaka.org.cy" {
		t.Errorf("Guess: MessageID = %q", f.MessageID)
	}
}
