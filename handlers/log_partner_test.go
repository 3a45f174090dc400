package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
)

// TestLogMessage_PartnerOfSender: which partner "Log as correspondence"
// prefills for an e-mail's sender. On a mail service whose addresses
// name people (gmail.com), a partner is the sender's only by the very
// address of one of its people, never by the domain; a partner matched
// by name gives the country the letter does not.
func TestLogMessage_PartnerOfSender(t *testing.T) {
	env, _ := logEnv(t)
	env.addPartner(t, &proxenos.Partner{Name: "Κολωνία", AltName: "Köln", Country: "DE",
		People: []proxenos.Person{{Name: "Hans Müller", Email: "hans.mueller@gmail.com"}}})
	env.addPartner(t, &proxenos.Partner{Name: "Πάφος", AltName: "Paphos", Country: "CY",
		Aliases: []string{"Paphos Twinning Office"}})
	for i, tt := range []struct {
		name, from, address, subject         string
		counterpart, notCounterpart, country string
	}{
		{"StrangerOnGmail", "Thomas Weber", "thomas.weber@gmail.com", "Anfrage zur Partnerschaft", "", "Κολωνία", ""},
		{"PersonOnGmail", "Hans Müller", "Hans.Mueller@gmail.com", "Besuch im Mai", "Κολωνία", "", "DE"},
		{"CountryOfPartner", "Paphos Twinning Office", "office@twinning-office.org", "Invitation to the festival", "Πάφος", "", "CY"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := initials(logEmail(t, env, fmt.Sprintf("9.%d", i), tt.from, tt.address, tt.subject))
			if tt.counterpart != "" && got["counterpart"] != tt.counterpart {
				t.Errorf("counterpart %q, want the partner %q", got["counterpart"], tt.counterpart)
			}
			if tt.notCounterpart != "" && got["counterpart"] == tt.notCounterpart {
				t.Errorf("counterpart %q: a stranger on a mail service taken for that partner", got["counterpart"])
			}
			if got["country"] != tt.country {
				t.Errorf("country %q, want %q", got["country"], tt.country)
			}
		})
	}
}

// TestLogMessage_ManyAttachments: an e-mail with more attachments than an
// entry lists prefills as many as fit, and says how many more there are,
// so that the form can be saved as it stands.
func TestLogMessage_ManyAttachments(t *testing.T) {
	env, conv := logEnv(t)
	var eml strings.Builder
	eml.WriteString("From: Stadt Kassel <partnerschaften@kassel.de>\r\nTo: international@maroussi.gr\r\n" +
		"Subject: Unterlagen zum Besuch\r\nDate: Tue, 17 Nov 2026 09:12:44 +0100\r\nMessage-ID: <many@kassel.de>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSehr geehrte Damen und Herren,\r\nanbei die Unterlagen.\r\n")
	const files = 30
	for i := range files {
		fmt.Fprintf(&eml, "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"anlage-%02d.bin\"\r\n\r\nx\r\n", i+1)
	}
	eml.WriteString("--b--\r\n")
	conv.files["https://files/many"] = []byte(eml.String())
	forms := &fakeForms{}
	env.h.HandleAction(context.Background(), &chat.Action{ID: "a30", Team: testTeam, User: "U1", Channel: "C1",
		Lang: i18n.Greek, ActionID: corr.ActionLogMessage, MessageTS: "30.1", Forms: forms,
		Files: []chat.File{{ID: "F30", Name: "unterlagen.eml", Size: eml.Len(), URL: "https://files/many"}}})
	if len(forms.updated) != 1 {
		t.Fatalf("updated %d forms", len(forms.updated))
	}
	m := forms.updated[0]
	if n := len(strings.Split(initials(m)["attach"], ", ")); n != proxenos.MaxAttachments {
		t.Errorf("%d attachments prefilled, want %d", n, proxenos.MaxAttachments)
	}
	// The e-mail's own file and its 30 attachments: 11 do not fit.
	if note := i18n.T(i18n.Greek, "corr.letter.attachments_cut", 1+files-proxenos.MaxAttachments, proxenos.MaxAttachments); !slices.Contains(m.Notes, note) {
		t.Errorf("notes %q lack %q", m.Notes, note)
	}
	if resp, errs := submit(env, m); errs != nil || resp == nil || !strings.Contains(resp.Text, "1/2026") {
		t.Fatalf("the form as prefilled was refused: %+v %v", resp, errs)
	}
}

// TestLogMessage_OfficeUnknown: while the office's mail domains and names
// are not set, the form says that its direction is a guess and how to
// set them; once they are, it does not.
func TestLogMessage_OfficeUnknown(t *testing.T) {
	env, _ := logEnv(t)
	note := i18n.T(i18n.Greek, "corr.letter.office_unknown")
	for i, tt := range []struct {
		name string
		desk *letter.Desk
		want bool
	}{
		{"Known", &letter.Desk{Office: letter.Office{Domains: []string{"maroussi.gr"}}}, false},
		{"Unknown", &letter.Desk{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env.h.Letters = tt.desk
			forms := &fakeForms{}
			shortcut(env, fmt.Sprintf("40.%d", i), forms)
			if len(forms.updated) != 1 {
				t.Fatalf("updated %d forms", len(forms.updated))
			}
			if got := slices.Contains(forms.updated[0].Notes, note); got != tt.want {
				t.Errorf("note %q shown: %v, want %v (notes %q)", note, got, tt.want, forms.updated[0].Notes)
			}
		})
	}
}
