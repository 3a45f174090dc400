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

// The sender's reference under the labels of the office's mail, the
// value alone: no ª or colon before it, no date after it.
func TestGuessReferenceLabels(t *testing.T) {
	for text, want := range map[string]string{
		"Αριθ. Πρωτ.: 556/2026":                 "556/2026",
		"Αριθμ. Πρωτ.: 556/2026":                "556/2026",
		"ΑΡ. ΠΡΩΤ.: 1122/2026":                  "1122/2026",
		"Αρ.Πρωτ.: 556/2026":                    "556/2026",
		"Αριθμός Πρωτοκόλλου: 556/2026":         "556/2026",
		"Α.Π.: 88/2026":                         "88/2026",
		"Α.Π. 88/2026":                          "88/2026",
		"Nos réf. : DREI/AB/2026-311":           "DREI/AB/2026-311",
		"N/Réf. : DREI/AB/2026-311":             "DREI/AB/2026-311",
		"Notre référence : DREI/AB/2026-311":    "DREI/AB/2026-311",
		"Réf. : DREI/AB/2026-311":               "DREI/AB/2026-311",
		"Ref.ª: GRI/2026/1201":                  "GRI/2026/1201",
		"Ref.º GRI/2026/1201":                   "GRI/2026/1201",
		"Prot. n. 512233 del 18/11/2026":        "512233",
		"Prot. N. 512233":                       "512233",
		"prot. n° 512233 del 18.11.2026":        "512233",
		"Protocollo n. 512233/2026":             "512233/2026",
		"N/Ref.: AI/2026/45":                    "AI/2026/45",
		"Nuestra ref.: AI/2026/45":              "AI/2026/45",
		"Nostro rif.: PG 2026/0045":             "PG 2026/0045",
		"Unser Zeichen: SP-2026/117":            "SP-2026/117",
		"Aktenzeichen: 10.3/STP-27 vom 6.11.26": "10.3/STP-27",
	} {
		if got := Guess(&Letter{Text: "Θέμα: x\n" + text + "\n\nκείμενο"}, maroussi).Reference; got != want {
			t.Errorf("%q: Reference = %q, want %q", text, got, want)
		}
	}
	// Not the sender's: the reference of the office's own letter, and
	// an abbreviation that is no label.
	for _, text := range []string{
		"Vos réf. : 12/2026", "Votre référence : 12/2026", "Vostro rif.: 12/2026", "Your ref.: 12/2026", "Ihr Zeichen: 12/2026",
		"V/Ref.ª: 12/2026", "Su ref.: 12/2026", "Vuestra ref.: 12/2026", "Σχετ.: Α.Π. 12/2026", "Α.Π.Θ. 2026, Τμήμα Νομικής",
	} {
		if got := Guess(&Letter{Text: text}, maroussi).Reference; got != "" {
			t.Errorf("%q: Reference = %q, want none", text, got)
		}
	}
}

// Unions, associations and networks of bodies are bodies, in their
// display name or their signature; a unit's display name gives way to
// the body its signature names.
func TestGuessOrganisations(t *testing.T) {
	for _, c := range []struct {
		from Address
		text string
		want string
	}{
		{Address{Name: "Ένωση Δήμων Κύπρου", Email: "info@ucm.org.cy"}, "Αγαπητοί συνάδελφοι,\nσας ενημερώνουμε.", "Ένωση Δήμων Κύπρου"},
		{Address{Name: "Union of Cyprus Municipalities", Email: "info@ucm.org.cy"}, "Dear colleagues", "Union of Cyprus Municipalities"},
		{Address{}, "Α.Π.: 88/2026\nΑθήνα, 10.02.2026\n\nΘέμα: Ενημέρωση\n\nΜε εκτίμηση,\nΚεντρική Ένωση Δήμων Ελλάδας", "Κεντρική Ένωση Δήμων Ελλάδας"},
		{Address{Name: "K. Müller", Email: "k.mueller@staedtetag.de"}, "Mit freundlichen Grüßen\nK. Müller\nDeutscher Städtetag", "Deutscher Städtetag"},
		{Address{Name: "M. Rossi", Email: "m.rossi@anci.it"}, "Cordiali saluti\nM. Rossi\nAssociazione Nazionale Comuni Italiani", "Associazione Nazionale Comuni Italiani"},
		{Address{Name: "A. Petit", Email: "a.petit@afccre.org"}, "Cordialement,\nA. Petit\nRéseau des villes jumelées", "Réseau des villes jumelées"},
		{Address{Name: "Ένωση Περιφερειών Ελλάδας", Email: "info@enpe.gr"}, "Με εκτίμηση", "Ένωση Περιφερειών Ελλάδας"},
		{Address{Name: "Claire Dubois", Email: "c.dubois@nantesmetropole.fr"}, "Cordialement,\nClaire Dubois\nNantes Métropole\nMobilité & Europe", "Nantes Métropole"},
		{Address{Name: "Ufficio Gemellaggi", Email: "gemellaggi@comune.padova.it"}, "Cordiali saluti,\nUfficio Gemellaggi\nComune di Padova", "Comune di Padova"},
		{Address{Name: "Ufficio Gemellaggi", Email: "gemellaggi@comune.padova.it"}, "Cordiali saluti", "Ufficio Gemellaggi"},
	} {
		if got := Guess(&Letter{From: c.from, Text: c.text}, maroussi).Counterpart; got != c.want {
			t.Errorf("%q: Counterpart = %q, want %q", c.from.Name, got, c.want)
		}
	}
}

// Addresses at a mail service name a person, not a body: its domain is
// no partner's.
func TestPersonalMail(t *testing.T) {
	for _, d := range []string{
		"gmail.com", "GMail.com", "yahoo.co.uk", "yahoo.gr", "ymail.com", "hotmail.it", "outlook.com.gr", "live.fr", "aol.com",
		"msn.com", "me.com", "mac.com", "icloud.com", "protonmail.com", "proton.me", "mail.com", "zoho.com", "gmx.at", "web.de",
		"t-online.de", "free.fr", "wanadoo.fr", "orange.fr", "laposte.net", "libero.it", "virgilio.it", "tin.it", "alice.it",
		"hol.gr", "otenet.gr", "forthnet.gr", "cytanet.com.cy", "mail.ru", "yandex.ru", "wp.pl", "o2.pl", "seznam.cz", "abv.bg",
		"btinternet.com",
	} {
		if !PersonalMail(d) {
			t.Errorf("PersonalMail(%q) = false", d)
		}
	}
	for _, d := range []string{"", "limassol.org.cy", "comune.bologna.it", "kassel.de", "ec.europa.eu", "maroussi.gr", "gmail.com.evil.example", "mail.kassel.de"} {
		if PersonalMail(d) {
			t.Errorf("PersonalMail(%q) = true", d)
		}
	}
	// A person at a mail service is named by their display name.
	if got := Guess(&Letter{From: Address{Name: "Ana Silva", Email: "ana.silva@sapo.pt"}, Text: "Olá"}, maroussi).Counterpart; got != "Ana Silva" {
		t.Errorf("Counterpart = %q, want the person's name", got)
	}
}
