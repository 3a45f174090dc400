// Package hostile makes, for tests, the hostile documents of issue 13:
// small files that hang or exhaust a reader that trusts them. They are
// made here rather than downloaded, and each says what it attacks.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// File is a hostile file and the name it is shared under, whose
// extension picks the reader.
type File struct {
	Name string
	Data []byte
}

// Files returns one hostile file of each kind.
func Files() []File {
	return []File{
		{"xref-loop.pdf", XrefLoopPDF()},
		{"pages-cycle.pdf", PagesCyclePDF()},
		{"inflate-bomb.pdf", InflateBombPDF()},
		{"deep.pdf", DeepPDF(100_000)},
		{"deep.docx", DeepDOCX(5 << 20)},
		{"deep.odt", DeepODT(3 << 20)},
		{"paragraphs.docx", ParagraphsDOCX(1 << 19)},
	}
}

// XrefLoopPDF is a PDF whose trailer's /Prev points at its own
// cross-reference table: a reader following /Prev reads it for ever.
func XrefLoopPDF() []byte {
	return onePage([]byte("BT /F1 12 Tf 72 720 Td (loop) Tj ET")).finish("self")
}

// PagesCyclePDF is a PDF whose page tree lists itself among its kids:
// looking up page 1 walks into the same node for ever.
func PagesCyclePDF() []byte {
	w := newPDF()
	w.object("<< /Type /Catalog /Pages 2 0 R >>")
	w.object("<< /Type /Pages /Kids [2 0 R] /Count 5 >>")
	return w.finish("")
}

// InflateBombPDF is a PDF of about 130 KB whose one page's content
// stream inflates to 64 MB of `(AAA…) Tj`: a reader that records every
// glyph before checking any limit needs gigabytes.
func InflateBombPDF() []byte {
	line := "(" + strings.Repeat("A", 1000) + ") Tj\n"
	content := "BT /F1 1 Tf " + strings.Repeat(line, (64<<20)/len(line)) + "ET"
	return onePage([]byte(content)).finish("")
}

// DeepPDF is a PDF whose catalog holds arrays and dictionaries nested
// depth deep.
func DeepPDF(depth int) []byte {
	w := newPDF()
	nest := strings.Repeat("[<< /A ", depth) + "1" + strings.Repeat(" >>]", depth)
	w.object("<< /Type /Catalog /Pages 2 0 R /Deep " + nest + " >>")
	w.object("<< /Type /Pages /Kids [] /Count 0 >>")
	return w.finish("")
}

// DeepDOCX is a .docx whose document.xml nests paragraphs depth deep: 11
// bytes a level unpacked, a few bytes packed.
func DeepDOCX(depth int) []byte {
	body := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Repeat("<w:p>", depth) + strings.Repeat("</w:p>", depth) + `</w:body></w:document>`
	return zipped("word/document.xml", body)
}

// ParagraphsDOCX is a .docx of n one-letter paragraphs: 34 bytes a
// paragraph unpacked, within the limits of a zip part, yet half a
// million of them make a document of tens of megabytes in memory.
func ParagraphsDOCX(n int) []byte {
	body := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", n) + `</w:body></w:document>`
	return zipped("word/document.xml", body)
}

// DeepODT is an .odt whose content.xml nests paragraphs depth deep, each
// holding a letter: 18 bytes a level unpacked.
func DeepODT(depth int) []byte {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>` +
		strings.Repeat("<text:p>x", depth) + strings.Repeat("</text:p>", depth) + `</office:text></office:body></office:document-content>`
	return zipped("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content)
}

// PlainPDF is a harmless one-page PDF with a line of text, made the same
// way, as a control.
func PlainPDF() []byte {
	return onePage([]byte("BT /F1 12 Tf 72 720 Td (Letter from Faenza) Tj ET")).finish("")
}

// pdfWriter writes a PDF object by object and keeps their offsets for
// the cross-reference table.
type pdfWriter struct {
	b       bytes.Buffer
	offsets []int
}

// newPDF starts a PDF file.
func newPDF() *pdfWriter {
	w := &pdfWriter{}
	w.b.WriteString("%PDF-1.7\n")
	return w
}

// object writes the next object, numbered from 1.
func (w *pdfWriter) object(body string) {
	w.offsets = append(w.offsets, w.b.Len())
	fmt.Fprintf(&w.b, "%d 0 obj\n%s\nendobj\n", len(w.offsets), body)
}

// stream writes the next object as a stream with the dictionary entries
// and data.
func (w *pdfWriter) stream(entries string, data []byte) {
	w.offsets = append(w.offsets, w.b.Len())
	fmt.Fprintf(&w.b, "%d 0 obj\n<< %s /Length %d >>\nstream\n", len(w.offsets), entries, len(data))
	w.b.Write(data)
	w.b.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and a trailer with object 1 as
// the catalog; prev, when not "", is the trailer's /Prev, in which "self"
// stands for the offset of this very table.
func (w *pdfWriter) finish(prev string) []byte {
	xref := w.b.Len()
	fmt.Fprintf(&w.b, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.b, "%010d 00000 n \n", off)
	}
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R", len(w.offsets)+1)
	if prev != "" {
		trailer += " /Prev " + strings.ReplaceAll(prev, "self", fmt.Sprint(xref))
	}
	fmt.Fprintf(&w.b, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return w.b.Bytes()
}

// onePage writes a catalog, a page tree and one page in Helvetica whose
// content stream is content, compressed with Flate.
func onePage(content []byte) *pdfWriter {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression) // the level is valid
	zw.Write(content)                                      // a bytes.Buffer does not fail
	zw.Close()
	w := newPDF()
	w.object("<< /Type /Catalog /Pages 2 0 R >>")
	w.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R" +
		" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
	w.stream("/Filter /FlateDecode", z.Bytes())
	return w
}

// zipped packs name, content pairs into a zip archive.
func zipped(files ...string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(files); i += 2 {
		w, _ := zw.Create(files[i]) // fails only for a bad name or after Close
		w.Write([]byte(files[i+1]))
	}
	zw.Close()
	return b.Bytes()
}
