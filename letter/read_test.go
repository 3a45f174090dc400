package letter

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// An unknown charset is named, never garbled: in the body and in an
// encoded word.
func TestReadUnknownCharset(t *testing.T) {
	for name, eml := range map[string]string{
		"body":    "Subject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n\xE1\xE2",
		"subject": "Subject: =?x-klingon?Q?=E1=E2?=\r\n\r\nbody",
		"from":    "From: =?x-klingon?B?4eI=?= <a@b.cy>\r\n\r\nbody",
	} {
		_, err := Read("m.eml", []byte(eml))
		var e *proxenos.Error
		if !errors.As(err, &e) || e.Code != proxenos.EINVALID || e.Key != "letter.read.charset" || !slices.Contains(e.Args, any("x-klingon")) {
			t.Errorf("%s: error %v, want EINVALID letter.read.charset naming x-klingon", name, err)
		}
	}
}

func TestReadHTMLOnly(t *testing.T) {
	eml := "From: a@b.de\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<html><head><title>T</title><style>p{x:y}</style></head><body><script>alert(1)</script>" +
		"<p>Sehr geehrte&nbsp;Damen &amp; Herren,</p><div>Zeile 1<br>Zeile&#32;2</div><ul><li>eins</li><li>zwei</li></ul></body></html>"
	l, err := Read("m.eml", []byte(eml))
	if err != nil {
		t.Fatal(err)
	}
	// Blocks are paragraphs; a non-breaking space is a space.
	want := "Sehr geehrte Damen & Herren,\n\nZeile 1\nZeile 2\n\neins\n\nzwei"
	if l.Text != want {
		t.Errorf("Text = %q, want %q", l.Text, want)
	}
}

// A plain part is preferred to HTML, wherever it comes in nested
// multiparts; attachment names are decoded (RFC 2231 and 2047).
func TestReadNestedParts(t *testing.T) {
	eml := "From: =?utf-8?Q?Comune_di_Bologna?= <ri@comune.bologna.it>\r\n" +
		"Content-Type: multipart/mixed; boundary=M\r\n\r\n" +
		"--M\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n" +
		"--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n" +
		"--A\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCittà =E2=82=AC\r\n--A--\r\n" +
		"--M\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename*=utf-8''Programma%20citt%C3%A0.txt\r\n\r\nprogramma\r\n" +
		"--M\r\nContent-Type: application/octet-stream; name=\"=?utf-8?B?zpHPgA==?=.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--M--\r\n"
	l, err := Read("m.eml", []byte(eml))
	if err != nil {
		t.Fatal(err)
	}
	if l.Text != "Città €" || l.From.Name != "Comune di Bologna" {
		t.Errorf("Text = %q, From = %+v", l.Text, l.From)
	}
	want := []Attachment{{Name: "Programma città.txt", Size: 9, Text: "programma"}, {Name: "Απ.bin", Size: 3}}
	if !slices.Equal(l.Attachments, want) {
		t.Errorf("Attachments = %+v, want %+v", l.Attachments, want)
	}
}

func TestReadUnsupported(t *testing.T) {
	_, err := Read("virus.exe", []byte("MZ"))
	if errorKey(err) != "letter.read.unsupported" || proxenos.ErrorCode(err) != proxenos.EINVALID {
		t.Errorf("error %v", err)
	}
}

func TestFromTextWithoutHeaders(t *testing.T) {
	l := FromText("  Καλημέρα, στείλτε μου το πρόγραμμα.  ")
	if l.From != (Address{}) || l.Text != "Καλημέρα, στείλτε μου το πρόγραμμα." {
		t.Errorf("%+v", l)
	}
}

// The reference of the office's own earlier letter ("Your ref", "Ihr
// Zeichen", "V/Réf.", "Σχετ.") is not the sender's.
func TestGuessReferenceNotOurs(t *testing.T) {
	for _, text := range []string{
		"Your ref: 123/2026\nOur ref: ABC/7", "Ihr Zeichen: 1/26\nUnser Zeichen: ABC/7", "V/Réf. : 9/2026\nN/Réf. : ABC/7",
		"Σχετ. Αρ. Πρωτ.: 555\nΑρ. Πρωτ.: ABC/7",
	} {
		if got := Guess(&Letter{Text: text}, maroussi).Reference; got != "ABC/7" {
			t.Errorf("%q: Reference = %q, want ABC/7", text, got)
		}
	}
}

// Values typed input would refuse are left out: a date in the future, a
// subject over proxenos.MaxSubjectLen, an e-mail address that is none,
// 31 November.
func TestGuessValidates(t *testing.T) {
	future := time.Now().AddDate(1, 0, 0)
	f := Guess(&Letter{From: Address{Email: "a@@kassel.de"}, Date: future, Subject: strings.Repeat("x", proxenos.MaxSubjectLen+1)}, maroussi)
	if !f.Date.IsZero() || f.Subject != "" || f.Email != "" {
		t.Errorf("Date = %v, Subject = %q, Email = %q: want them left out", f.Date, f.Subject, f.Email)
	}
	f = Guess(&Letter{Text: "Αθήνα, 31/11/2026\nΘέμα: Α"}, maroussi)
	if !f.Date.IsZero() {
		t.Errorf("31 November read as %v", f.Date)
	}
}

func TestGuessDates(t *testing.T) {
	for text, want := range map[string]string{
		"Λεμεσός, 12 Νοεμβρίου 2026": "2026-11-12", "Kassel, 12. November 2026": "2026-11-12", "Nantes, le 1er octobre 2026": "2026-10-01",
		"Bologna, 12 novembre 2026": "2026-11-12", "November 12, 2026": "2026-11-12", "12.11.2026": "2026-11-12",
		"12/11/2026": "2026-11-12", "2026-11-12": "2026-11-12", "Ref. 22.04/2026": "",
	} {
		if got := dayOf(Guess(&Letter{Text: text}, maroussi).Date); got != want {
			t.Errorf("%q: date %q, want %q", text, got, want)
		}
	}
}

// TestGuessDatesInOfficeZone checks that a letter's date is a day of the
// office reading it: a written date is midnight in its zone, and an
// e-mail's instant falls on the office's day.
func TestGuessDatesInOfficeZone(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	office := maroussi
	office.Zone = newYork
	written := Guess(&Letter{Text: "Kassel, 12. November 2026"}, office).Date
	if want := time.Date(2026, 11, 12, 0, 0, 0, 0, newYork); !written.Equal(want) {
		t.Errorf("written date = %v, want %v", written, want)
	}
	// 01:30 in Athens on 2 March is 18:30 on 1 March in New York.
	sent := time.Date(2026, 3, 2, 1, 30, 0, 0, proxenos.OfficeZone())
	for zone, want := range map[*time.Location]time.Time{
		newYork:               time.Date(2026, 3, 1, 0, 0, 0, 0, newYork),
		proxenos.OfficeZone(): time.Date(2026, 3, 2, 0, 0, 0, 0, proxenos.OfficeZone()),
	} {
		office.Zone = zone
		if got := Guess(&Letter{Date: sent, Text: "Hello"}, office).Date; !got.Equal(want) {
			t.Errorf("in %s: e-mail of %v dated %v, want %v", zone, sent, got, want)
		}
	}
	// A forwarded header's date without a time is that day in New York too.
	fwd := "---------- Forwarded message ---------\nFrom: Anna <a@stadt-koeln.de>\nDate: 2. März 2026\nSubject: Treffen\n\nHallo"
	office.Zone = newYork
	if got := Guess(&Letter{From: Address{Email: "staff@maroussi.gr"}, Subject: "Fwd: Treffen", Text: fwd}, office).Date; !got.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, newYork)) {
		t.Errorf("forwarded date = %v, want 2 March in New York", got)
	}
}

// A body split around a picture is read whole, in order: Apple Mail
// sends text, an inline image and text again in multipart/mixed, and
// the same in HTML. Alternatives are one text, read once; a part marked
// as an attachment, or with a file name, is no body.
func TestReadSplitBody(t *testing.T) {
	const image = "Content-Type: image/png; name=\"IMG_0412.png\"\r\nContent-Disposition: inline; filename=IMG_0412.png\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
	plain := func(s string) string { return "Content-Type: text/plain; charset=utf-8\r\n\r\n" + s + "\r\n" }
	html := func(s string) string { return "Content-Type: text/html; charset=utf-8\r\n\r\n" + s + "\r\n" }
	multi := func(kind, boundary string, parts ...string) string {
		var b strings.Builder
		b.WriteString("Content-Type: multipart/" + kind + "; boundary=\"" + boundary + "\"\r\n\r\n")
		for _, p := range parts {
			b.WriteString("--" + boundary + "\r\n" + p)
		}
		b.WriteString("--" + boundary + "--\r\n")
		return b.String()
	}
	for _, tc := range []struct {
		name, body, text string
		attachments      []string
	}{
		{"plain around an image", multi("mixed", "Apple-Mail=_M", plain("Αγαπητοί συνάδελφοι,\r\nη φωτογραφία:\r\n"), image,
			plain("\r\nΑρ. Πρωτ.: ΔΣ/2026/3174\r\nΔήμος Λάρνακας")),
			"Αγαπητοί συνάδελφοι,\nη φωτογραφία:\n\nΑρ. Πρωτ.: ΔΣ/2026/3174\nΔήμος Λάρνακας", []string{"IMG_0412.png"}},
		{"HTML around an image", multi("mixed", "M", html("<p>Sehr geehrte Damen und Herren,</p>"), image, html("<p>Unser Zeichen: 12/26</p>")),
			"Sehr geehrte Damen und Herren,\n\nUnser Zeichen: 12/26", []string{"IMG_0412.png"}},
		{"rich Apple Mail", multi("alternative", "A", plain("Ganzer Brief.\r\nUnser Zeichen: 12/26"),
			multi("mixed", "M", html("<p>Ganzer Brief.</p>"), image, html("<p>Unser Zeichen: 12/26</p>"))),
			"Ganzer Brief.\nUnser Zeichen: 12/26", []string{"IMG_0412.png"}},
		{"alternatives around an image", multi("mixed", "M", multi("alternative", "A1", plain("Prima parte."), html("<p>Prima parte.</p>")),
			image, multi("alternative", "A2", plain("Nostro rif.: 88"), html("<p>Nostro rif.: 88</p>"))),
			"Prima parte.\n\nNostro rif.: 88", []string{"IMG_0412.png"}},
		{"two plain alternatives", multi("alternative", "A", plain("Texte."), plain("Texte, encore.")), "Texte.", nil},
		{"a text attachment without a name", multi("mixed", "M", plain("Corps."),
			"Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nNotes internes.\r\n"), "Corps.", []string{"*"}},
	} {
		l, err := Read("m.eml", []byte("From: a@b.cy\r\n"+tc.body))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if l.Text != tc.text {
			t.Errorf("%s: Text = %q, want %q", tc.name, l.Text, tc.text)
		}
		var names []string
		for _, a := range l.Attachments {
			names = append(names, a.Name)
		}
		if len(names) != len(tc.attachments) || (len(names) > 0 && tc.attachments[0] != "*" && !slices.Equal(names, tc.attachments)) {
			t.Errorf("%s: attachments %q, want %q", tc.name, names, tc.attachments)
		}
	}
}
