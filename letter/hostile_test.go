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
	"github.com/proxenos/proxenos/translate/hostile"
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

// withAttachments returns an e-mail carrying files.
func withAttachments(files ...hostile.File) []byte {
	var b strings.Builder
	b.WriteString("From: a@b.de\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSiehe Anlage.\r\n")
	for _, f := range files {
		b.WriteString("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=" + f.Name +
			"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString(f.Data) + "\r\n")
	}
	b.WriteString("--b--\r\n")
	return []byte(b.String())
}

// zipBomb is a .docx whose document declares more than translate
// unpacks.
func zipBomb(t *testing.T) hostile.File {
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
	return hostile.File{Name: "bomb.docx", Data: zb.Bytes()}
}

// Hostile documents attached to an e-mail are listed without text: in a
// Sandbox, the first one the Sandbox stops (the xref loop) ends the
// reading of the others, so that a hostile e-mail costs its time limit
// once; without a Sandbox, documents are not read at all (the loop would
// hang Read for ever).
func TestReadHostileAttachments(t *testing.T) {
	letterDOCX := hostile.File{Name: "letter.docx", Data: docxOf(t, "Unser Zeichen: 1/2026")}
	eml := withAttachments(zipBomb(t), hostile.File{Name: "loop.pdf", Data: hostile.XrefLoopPDF()}, letterDOCX)
	for name, r := range map[string]Reader{"sandbox": sandboxed(t), "in process": {}} {
		l, err := r.Read(t.Context(), "m.eml", eml)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(l.Attachments) != 3 {
			t.Fatalf("%s: Attachments = %+v", name, l.Attachments)
		}
		for _, a := range l.Attachments {
			if a.Text != "" {
				t.Errorf("%s: %s read as %q", name, a.Name, a.Text)
			}
		}
	}
	l, err := sandboxed(t).Read(t.Context(), "m.eml", withAttachments(letterDOCX))
	if err != nil || l.Attachments[0].Text != "Unser Zeichen: 1/2026" {
		t.Errorf("a sound .docx in a Sandbox: %+v, %v", l, err)
	}
}

// FuzzRead reads e-mails: any input gives a letter of valid UTF-8 or an
// EINVALID error. Read leaves attached documents unread (translate's
// FuzzExtract fuzzes their readers).
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
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read("f.eml", data)
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
