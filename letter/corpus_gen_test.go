package letter

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/proxenos/proxenos/translate"
)

// updateCorpus rewrites testdata/corpus from the samples below:
// go test ./letter -run TestCorpusFiles -update-corpus
var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/corpus from corpusSamples")

// sample is one letter or e-mail of the corpus, as written before
// encoding, and its true fields.
type sample struct {
	name string // file name; .eml, .txt, .docx, or .slack (a pasted Slack message)

	// Headers of an e-mail, in UTF-8; the generator encodes them.
	from, to, cc, date, subject string

	charset string // of the body and encoded words; utf-8 when ""
	raw     bool   // headers in 8 bits in charset, as older mail programs write them, not encoded words
	cte     string // 8bit, quoted-printable or base64
	html    string // an HTML body: the only one, or the alternative to text
	text    string // the plain body, or the letter's text
	attach  []sampleFile
	truth   truth
}

// sampleFile is an attachment: .txt and .docx are made from their text,
// an .eml from its message.
type sampleFile struct {
	name, text string
	rfc2047    bool    // name as an encoded word in Content-Type, as Outlook writes it
	message    *sample // an e-mail forwarded as an attachment (message/rfc822)
}

// truth is a sample's true fields, as NAME.truth.json holds them.
type truth struct {
	Direction   string   `json:"direction"`
	Counterpart string   `json:"counterpart"`
	Email       string   `json:"email,omitempty"`
	Subject     string   `json:"subject"`
	Date        string   `json:"date"`
	Language    string   `json:"lang"`
	Country     string   `json:"country"`
	Reference   string   `json:"ref"`
	Attachments []string `json:"attachments,omitempty"`
	MessageID   string   `json:"message_id,omitempty"`
	Charset     string   `json:"charset,omitempty"`  // of the body, to check the file's bytes
	HeldOut     bool     `json:"held_out,omitempty"` // written after the rules, which were not changed for it
	// RulesMiss lists the fields the rules are known to get wrong; the
	// accuracy counts them, the test does not fail on them.
	RulesMiss []string `json:"rules_miss,omitempty"`
}

// TestCorpusFiles checks that testdata/corpus is what corpusSamples
// make, so that the samples stay the corpus's source (or rewrites it
// with -update-corpus). One file is written by hand, in shapes the
// samples do not make: apple-mail-split.eml, Apple Mail's text, inline
// image, text.
func TestCorpusFiles(t *testing.T) {
	dir := filepath.Join("testdata", "corpus")
	for _, s := range append(append([]sample(nil), corpusSamples...), heldOutSamples...) {
		data := s.file(t)
		tr := s.truth
		tr.HeldOut = strings.HasPrefix(s.name, "heldout-")
		if tr.Charset == "" && strings.HasSuffix(s.name, ".eml") {
			tr.Charset = s.charsetOr()
		}
		js, err := json.MarshalIndent(tr, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{s.name: data, s.name + ".truth.json": append(js, '\n')}
		for name, want := range files {
			path := filepath.Join(dir, name)
			if *updateCorpus {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s is not what its sample makes (run with -update-corpus): %v", path, err)
			}
		}
	}
}

// file returns the sample's file.
func (s sample) file(t testing.TB) []byte {
	switch filepath.Ext(s.name) {
	case ".eml":
		return s.eml(t)
	case ".docx":
		return docxOf(t, s.text)
	case ".txt":
		return encodeIn(t, s.charsetOr(), s.text)
	}
	return []byte(s.text)
}

func (s sample) charsetOr() string {
	if s.charset == "" {
		return "utf-8"
	}
	return s.charset
}

// docxOf writes text as a .docx, a paragraph a blank-line block.
func docxOf(t testing.TB, text string) []byte {
	data, err := translate.WriteDOCX(translate.ParseMarkdown("letter.docx", text))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// encodeIn writes s in a charset.
func encodeIn(t testing.TB, charset, s string) []byte {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		t.Fatal(err)
	}
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("%q in %s: %v", s, charset, err)
	}
	return []byte(out)
}

// eml writes the sample as an e-mail.
func (s sample) eml(t testing.TB) []byte {
	var b bytes.Buffer
	header := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	header("From", s.addresses(t, s.from))
	header("To", s.addresses(t, s.to))
	header("Cc", s.addresses(t, s.cc))
	header("Date", s.date)
	header("Subject", s.word(t, s.subject))
	header("Message-ID", "<"+s.truth.MessageID+">")
	header("MIME-Version", "1.0")
	body := s.body(t)
	if len(s.attach) == 0 {
		b.Write(body)
		return b.Bytes()
	}
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("mixed-" + strings.TrimSuffix(s.name, ".eml"))
	header("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	b.WriteString("\r\nThis is a multi-part message in MIME format.\r\n")
	head, rest, _ := bytes.Cut(body, []byte("\r\n\r\n"))
	w, err := mw.CreatePart(mimeHeader(string(head)))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(rest)
	for _, a := range s.attach {
		s.attachment(t, mw, a)
	}
	mw.Close()
	return b.Bytes()
}

// body writes the headers and content of the body: plain, HTML, or both
// as multipart/alternative.
func (s sample) body(t testing.TB) []byte {
	switch {
	case s.html == "":
		return s.textPart(t, "text/plain", s.text)
	case s.text == "":
		return s.textPart(t, "text/html", s.html)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("alt-" + strings.TrimSuffix(s.name, ".eml"))
	for _, p := range []struct{ media, text string }{{"text/plain", s.text}, {"text/html", s.html}} {
		head, rest, _ := bytes.Cut(s.textPart(t, p.media, p.text), []byte("\r\n\r\n"))
		w, err := mw.CreatePart(mimeHeader(string(head)))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(rest)
	}
	mw.Close()
	return append([]byte("Content-Type: multipart/alternative; boundary="+mw.Boundary()+"\r\n\r\n"), b.Bytes()...)
}

// textPart writes a text part in the sample's charset and transfer
// encoding.
func (s sample) textPart(t testing.TB, media, text string) []byte {
	data := encodeIn(t, s.charsetOr(), strings.ReplaceAll(text, "\n", "\r\n"))
	cte := s.cte
	if cte == "" {
		cte = "8bit"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Type: %s; charset=%s\r\nContent-Transfer-Encoding: %s\r\n\r\n", media, s.charsetOr(), cte)
	writeEncoded(&b, cte, data)
	return b.Bytes()
}

// writeEncoded writes data in a transfer encoding.
func writeEncoded(b *bytes.Buffer, cte string, data []byte) {
	switch cte {
	case "quoted-printable":
		w := quotedprintable.NewWriter(b)
		w.Write(data)
		w.Close()
	case "base64":
		enc := base64.StdEncoding.EncodeToString(data)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	default:
		b.Write(data)
	}
}

// attachment writes a file part.
func (s sample) attachment(t testing.TB, mw *multipart.Writer, a sampleFile) {
	data := []byte(a.text)
	media, cte := "text/plain; charset=utf-8", "base64"
	switch {
	case strings.HasSuffix(a.name, ".docx"):
		data, media = docxOf(t, a.text), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case a.message != nil:
		data, media, cte = a.message.eml(t), "message/rfc822", "7bit"
	}
	h := textproto.MIMEHeader{}
	if a.rfc2047 {
		h.Set("Content-Type", media+`; name="`+mime.BEncoding.Encode("utf-8", a.name)+`"`)
		h.Set("Content-Disposition", "attachment")
	} else {
		h.Set("Content-Type", media)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.name}))
	}
	h.Set("Content-Transfer-Encoding", cte)
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	writeEncoded(&b, cte, data)
	w.Write(b.Bytes())
}

// mimeHeader reads header lines.
func mimeHeader(head string) textproto.MIMEHeader {
	h := textproto.MIMEHeader{}
	for _, line := range strings.Split(head, "\r\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			h.Set(k, v)
		}
	}
	return h
}

// word writes a header value, as encoded words in the sample's charset
// when it is not ASCII.
func (s sample) word(t testing.TB, v string) string {
	if isASCII(v) {
		return v
	} else if s.raw {
		return string(encodeIn(t, s.charsetOr(), v))
	}
	return mime.BEncoding.Encode(s.charsetOr(), string(encodeIn(t, s.charsetOr(), v)))
}

// addresses writes an address list with encoded display names.
func (s sample) addresses(t testing.TB, v string) string {
	if v == "" {
		return ""
	}
	list, err := mail.ParseAddressList(v)
	if err != nil {
		t.Fatalf("%s: %v", v, err)
	}
	out := make([]string, len(list))
	for i, a := range list {
		switch {
		case a.Name == "":
			out[i] = "<" + a.Address + ">"
		case s.raw:
			out[i] = `"` + s.word(t, a.Name) + `" <` + a.Address + ">"
		case isASCII(a.Name):
			out[i] = (&mail.Address{Name: a.Name, Address: a.Address}).String()
		default:
			out[i] = s.word(t, a.Name) + " <" + a.Address + ">"
		}
	}
	return strings.Join(out, ", ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
