package translate

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"golang.org/x/text/encoding/charmap"
)

// zipFiles packs name, content pairs into a zip archive.
func zipFiles(tb testing.TB, files ...string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, files[i+1])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// wordDOCX is a .docx as Word writes one: a localized heading style id,
// tab stops, a tab, a break, a table, and a tracked deletion.
func wordDOCX(tb testing.TB) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	styles := `<?xml version="1.0"?><w:styles ` + w + `>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style></w:styles>`
	doc := `<?xml version="1.0"?><w:document ` + w + `><w:body>` +
		`<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>Μνημόνιο Φιλίας</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t xml:space="preserve">Άρθρο </w:t></w:r><w:r><w:t>1</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` +
		`<w:r><w:t>Ο Δήμος Αμαρουσίου</w:t></w:r><w:del><w:r><w:delText>ΔΙΑΓΡΑΜΜΕΝΟ</w:delText></w:r></w:del>` +
		`<w:r><w:tab/><w:t>και η Faenza</w:t><w:br/><w:t>συμφωνούν &amp; υπογράφουν.</w:t></w:r></w:p>` +
		`<w:p/>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Κελί 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Κελί 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Τέλος</w:t></w:r></w:p>` +
		`<w:sectPr/></w:body></w:document>`
	return zipFiles(tb, "[Content_Types].xml", docxContentTypes, "word/document.xml", doc, "word/styles.xml", styles)
}

// writerODT is an .odt as LibreOffice writes one.
func writerODT(tb testing.TB) []byte {
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
 <office:body><office:text>
  <text:tracked-changes><text:changed-region><text:deletion><text:p>ΔΙΑΓΡΑΜΜΕΝΟ</text:p></text:deletion></text:changed-region></text:tracked-changes>
  <text:h text:outline-level="1">Πρόσκληση</text:h>
  <text:p>Αγαπητοί<text:s text:c="2"/>συνάδελφοι,<text:line-break/>σας
      καλούμε<text:note><text:note-body><text:p>Υποσημείωση</text:p></text:note-body></text:note> στις <text:span>18/02/2027</text:span>.</text:p>
  <text:list><text:list-item><text:p>Πρώτο<text:tab/>σημείο</text:p></text:list-item></text:list>
  <text:h text:outline-level="3">Επίλογος</text:h>
 </office:text></office:body>
</office:document-content>`
	return zipFiles(tb, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content)
}

// greekPDF writes a PDF with a heading and two paragraphs in Greek, with
// fpdf and its Helvetica in code page 1253 (copied to testdata).
func greekPDF(tb testing.TB) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "testdata")
	p.AddFont("HelveticaGreek", "", "helvetica_1253.json")
	tr := p.UnicodeTranslatorFromDescriptor("cp1253")
	p.AddPage()
	p.SetFont("HelveticaGreek", "", 20)
	p.Cell(0, 10, tr("Αρμοδιότητες Γραφείου"))
	p.Ln(14)
	p.SetFont("HelveticaGreek", "", 11)
	p.MultiCell(0, 5, tr("Επιμελείται τις διμερείς αλλά και πολυμερείς διαδημοτικές επαφές του Δήμου σε εθνικό, ευρωπαϊκό και διεθνές επίπεδο, και συνεργάζεται με τα αρμόδια γραφεία."), "", "L", false)
	p.Ln(5)
	p.MultiCell(0, 5, tr("Email: international@maroussi.gr, ΤΚ 15124."), "", "L", false)
	p.AddPage()
	p.MultiCell(0, 5, "Page two.", "", "L", false)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func TestExtract(t *testing.T) {
	fixture, err := os.ReadFile("testdata/office-duties.el.txt")
	if err != nil {
		t.Fatal(err)
	}
	cp1253, err := charmap.Windows1253.NewEncoder().String("Καλημέρα\r\n\r\nΑθήνα")
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte{0xFF, 0xFE, 'H', 0, 'i', 0, '\n', 0, '\n', 0, 0xB1, 0x03} // "Hi\n\nα"

	for _, tt := range []struct {
		name string
		file string
		data []byte
		want []Block
	}{
		{"TXT", "note.txt", []byte("\ufeffFirst line\nsame paragraph\r\n\r\n\n  Second  \n"),
			[]Block{{0, "First line\nsame paragraph"}, {0, "Second"}}},
		{"TXTWindows1253", "old.TXT", []byte(cp1253), []Block{{0, "Καλημέρα"}, {0, "Αθήνα"}}},
		{"TXTUTF16", "win.txt", utf16, []Block{{0, "Hi"}, {0, "α"}}},
		{"MD", "call.md", []byte("# Call for proposals ##\n\nDeadline **18/02/2027**.\n- one\n- two\n\n## Budget\n```\na\n\nb\n```\n\\# not a heading\n"),
			[]Block{{1, "Call for proposals"}, {0, "Deadline **18/02/2027**.\n- one\n- two"}, {2, "Budget"}, {0, "```\na\n\nb\n```\n\\# not a heading"}}},
		{"DOCX", "mou.docx", wordDOCX(t), []Block{
			{1, "Μνημόνιο Φιλίας"}, {1, "Άρθρο 1"}, {0, "Ο Δήμος Αμαρουσίου\tκαι η Faenza\nσυμφωνούν & υπογράφουν."},
			{0, "Κελί 1"}, {0, "Κελί 2"}, {2, "Τέλος"}}},
		{"ODT", "invitation.odt", writerODT(t), []Block{
			{1, "Πρόσκληση"}, {0, "Αγαπητοί  συνάδελφοι,\nσας καλούμε στις 18/02/2027."}, {0, "Πρώτο\tσημείο"}, {3, "Επίλογος"}}},
		{"PDF", "duties.pdf", greekPDF(t), []Block{
			{1, "Αρμοδιότητες Γραφείου"},
			{0, "Επιμελείται τις διμερείς αλλά και πολυμερείς διαδημοτικές επαφές του Δήμου σε εθνικό, ευρωπαϊκό και διεθνές επίπεδο, και συνεργάζεται με τα αρμόδια γραφεία."},
			{0, "Email: international@maroussi.gr, ΤΚ 15124."},
			{0, "Page two."}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.file, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Name != tt.file {
				t.Errorf("Name = %q, want %q", doc.Name, tt.file)
			}
			if !slices.Equal(doc.Blocks, tt.want) {
				t.Errorf("blocks:\n got %+v\nwant %+v", doc.Blocks, tt.want)
			}
		})
	}

	t.Run("Fixture", func(t *testing.T) {
		doc, err := Extract("office-duties.el.txt", fixture)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := doc.Blocks[0].Text, "Print Friendly, PDF & Email"; got != want {
			t.Errorf("first block = %q, want %q", got, want)
		}
		last := doc.Blocks[len(doc.Blocks)-1].Text
		if !strings.Contains(last, "\n • Μεριμνά για την μετάφραση επιστολών και εγγράφων του εξωτερικού.\n") {
			t.Errorf("the list of duties is not one paragraph of lines: %.300q", last)
		}
	})
}

// forgeSizes rewrites the uncompressed size of every entry of a zip
// archive to n, as a zip bomb would.
func forgeSizes(b []byte, n uint32) []byte {
	b = slices.Clone(b)
	for i := 0; i+30 < len(b); i++ {
		switch binary.LittleEndian.Uint32(b[i:]) {
		case 0x04034b50: // local file header
			binary.LittleEndian.PutUint32(b[i+22:], n)
		case 0x02014b50: // central directory entry
			binary.LittleEndian.PutUint32(b[i+24:], n)
		}
	}
	return b
}

func TestExtract_Errors(t *testing.T) {
	var big bytes.Buffer
	zw := zip.NewWriter(&big)
	w, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range MaxUnpacked>>20 + 1 {
		w.Write(chunk)
	}
	zw.Close()
	emptyPDF := fpdf.New("P", "mm", "A4", "")
	emptyPDF.AddPage()
	var scanned bytes.Buffer
	if err := emptyPDF.Output(&scanned); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		file string
		data []byte
		key  string
	}{
		{"ErrUnsupported", "setup.exe", []byte("MZ"), "translate.extract.unsupported"},
		{"ErrNoExtension", "README", []byte("text"), "translate.extract.unsupported"},
		{"ErrTooLarge", "big.txt", make([]byte, MaxFileSize+1), "translate.extract.too_large"},
		{"ErrZipBomb", "bomb.docx", big.Bytes(), "translate.extract.too_large"},
		{"ErrZipBombLyingHeader", "bomb.docx", forgeSizes(big.Bytes(), 1000), "translate.extract.corrupt"},
		{"ErrCorruptDOCX", "broken.docx", []byte("PK\x03\x04 not really"), "translate.extract.corrupt"},
		{"ErrDOCXWithoutBody", "empty.docx", zipFiles(t, "word/other.xml", "<a/>"), "translate.extract.corrupt"},
		{"ErrBadXML", "bad.docx", zipFiles(t, "word/document.xml", "<w:document><w:p>"), "translate.extract.corrupt"},
		{"ErrODTNotText", "sheet.odt", zipFiles(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<a/>"), "translate.extract.corrupt"},
		{"ErrCorruptPDF", "broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), "translate.extract.corrupt"},
		{"ErrTruncatedPDF", "cut.pdf", greekPDF(t)[:2000], "translate.extract.corrupt"},
		{"ErrScannedPDF", "scan.pdf", scanned.Bytes(), "translate.extract.empty"},
		{"ErrEmptyText", "blank.txt", []byte(" \n\n\t"), "translate.extract.empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.file, tt.data)
			var e *proxenos.Error
			if !errors.As(err, &e) || e.Code != proxenos.EINVALID || e.Key != tt.key {
				t.Fatalf("Extract = %v, %v; want EINVALID %s", doc, err, tt.key)
			}
			if tt.key == "translate.extract.unsupported" || tt.key == "translate.extract.corrupt" {
				if !strings.Contains(i18n.ErrorMessage("en", err), ".docx, .odt, .pdf") {
					t.Errorf("message does not name the supported types: %s", i18n.ErrorMessage("en", err))
				}
			}
		})
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd.txt":            "passwd.txt",
		`C:\Users\maria\..\Επιστολή.docx`: "Επιστολή.docx",
		"report\x00.pdf\n":                "report.pdf",
		"/":                               "document",
		"..":                              "document",
		"":                                "document",
		strings.Repeat("a", 300) + ".md":  strings.Repeat("a", 197) + ".md",
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteDOCX(t *testing.T) {
	doc := &Document{Name: "out.docx", Blocks: []Block{
		{1, "Μνημόνιο Φιλίας <Maroussi & Faenza>"},
		{0, "Άρθρο 1:\tΟι πόλεις\nσυνεργάζονται."},
		{2, "Υπογραφές"},
		{0, "Ο Δήμαρχος"},
	}}
	data, err := WriteDOCX(doc)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("RoundTrip", func(t *testing.T) {
		got, err := Extract("out.docx", data)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Blocks, doc.Blocks) {
			t.Errorf("got %+v\nwant %+v", got.Blocks, doc.Blocks)
		}
	})

	t.Run("Package", func(t *testing.T) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			b, err := readZipFile(zr, f.Name)
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
		want := []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"}
		if !slices.Equal(names, want) {
			t.Errorf("parts = %v, want %v", names, want)
		}
	})
}

func TestMarkdown(t *testing.T) {
	doc := &Document{Blocks: []Block{
		{1, "Title"}, {0, "# starts with a hash"}, {3, "Deep"}, {0, "Line one\nline two"},
	}}
	md := doc.Markdown()
	if want := "# Title\n\n\\# starts with a hash\n\n### Deep\n\nLine one\nline two\n"; md != want {
		t.Errorf("Markdown = %q, want %q", md, want)
	}
	if got := ParseMarkdown("x.md", md); !slices.Equal(got.Blocks, doc.Blocks) {
		t.Errorf("round trip = %+v", got.Blocks)
	}
	if got, want := doc.Text(), "Title\n\n# starts with a hash\n\nDeep\n\nLine one\nline two"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// FuzzExtract reads files through the Sandbox, as the bot does: the
// hostile files among the seeds would hang or kill an in-process target.
// A reader's panic, which the Sandbox turns into "could not be read",
// still fails the target.
func FuzzExtract(f *testing.F) {
	f.Add(".txt", []byte("Καλημέρα\n\nκόσμε"))
	f.Add(".md", []byte("# T\n\n```\nx\n"))
	f.Add(".docx", wordDOCX(f))
	f.Add(".odt", writerODT(f))
	f.Add(".pdf", greekPDF(f))
	f.Add(".pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R /Size 3 >>\n%%EOF"))
	for _, h := range hostileFiles() {
		f.Add(path.Ext(h.Name), h.Data)
	}
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		logs := &syncBuffer{}
		sb := testSandbox(t, ExtractCommand, logs)
		sb.Timeout = 2 * time.Second
		doc, err := sb.Extract(t.Context(), "f"+ext, data)
		if strings.Contains(logs.String(), "panic:") {
			t.Fatalf("a reader panicked: %s", logs)
		}
		if err != nil {
			if proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if strings.TrimSpace(doc.Text()) == "" {
			t.Fatal("a document without text was returned")
		}
	})
}

func FuzzWriteDOCX(f *testing.F) {
	f.Add("# Τίτλος\n\nΚείμενο με\ttab και <xml> & \"quotes\".")
	f.Add("\x01\x02]]>")
	f.Fuzz(func(t *testing.T, md string) {
		doc := ParseMarkdown("f.md", md)
		data, err := WriteDOCX(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readDOCX(data)
		if err != nil {
			t.Fatalf("WriteDOCX wrote a file it cannot read: %v", err)
		}
		if len(got.Blocks) > len(doc.Blocks) {
			t.Fatalf("%d blocks written, %d read", len(doc.Blocks), len(got.Blocks))
		}
	})
}
