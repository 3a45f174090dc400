package letter

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/translate"
)

// A hostile e-mail costs an error (or an attachment left unread), never
// minutes or gigabytes.
func TestReadHostile(t *testing.T) {
	deep := "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
	for i := 0; i < 1000; i++ {
		deep += fmt.Sprintf("--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i, i+1)
	}
	var many strings.Builder
	many.WriteString("Content-Type: multipart/mixed; boundary=b\r\n\r\n")
	for i := 0; i < 10000; i++ {
		many.WriteString("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n")
	}
	for _, c := range []struct {
		name, eml, key string
	}{
		{"deep nesting", deep, "letter.read.too_complex"},
		{"thousands of parts", many.String(), "letter.read.too_complex"},
		{"huge header", "Subject: " + strings.Repeat("a", 1<<20) + "\r\n\r\nx", "letter.read.header_too_large"},
		{"many headers", strings.Repeat("X-A: b\r\n", 100_000) + "\r\nx", "letter.read.header_too_large"},
		{"too large", "Subject: x\r\n\r\n" + strings.Repeat("a", MaxEmailSize), "letter.read.too_large"},
	} {
		_, err := Read("m.eml", []byte(c.eml))
		if errorKey(err) != c.key || proxenos.ErrorCode(err) != proxenos.EINVALID {
			t.Errorf("%s: error %v, want EINVALID %s", c.name, err, c.key)
		}
	}
}

// A zip bomb attached as a .docx is listed, unread.
func TestReadZipBombAttachment(t *testing.T) {
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte{'a'}, 1<<20)
	for i := 0; i < translate.MaxUnpacked>>20+1; i++ {
		w.Write(chunk)
	}
	zw.Close()
	eml := "From: a@b.de\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSiehe Anlage.\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=bomb.docx\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString(zb.Bytes()) + "\r\n--b--\r\n"
	l, err := Read("m.eml", []byte(eml))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Attachments) != 1 || l.Attachments[0].Name != "bomb.docx" || l.Attachments[0].Text != "" {
		t.Errorf("Attachments = %+v", l.Attachments)
	}
}

// FuzzRead reads e-mails: any input gives a letter of valid UTF-8 or an
// EINVALID error. Attachments other than .txt are not read here: a
// hostile PDF hangs an in-process reader, which is why the server reads
// them in translate's Sandbox.
func FuzzRead(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n"))
	r := Reader{Extract: func(name string, data []byte) (*translate.Document, error) {
		if !strings.HasSuffix(name, ".txt") {
			return nil, proxenos.Errorf(proxenos.EINVALID, "translate.extract.unsupported", name, "")
		}
		return translate.Extract(name, data)
	}}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := r.Read("f.eml", data)
		if err != nil {
			if proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		for _, s := range []string{l.Text, l.Subject, l.From.Name, l.MessageID} {
			if !isValidUTF8(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		Guess(l, maroussi) // must not panic
	})
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }
