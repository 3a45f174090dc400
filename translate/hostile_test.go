package translate

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// The hostile files of issue 13, made here rather than downloaded. Each
// is small and hangs or exhausts the in-process readers.

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

// object writes the next object, numbered from 1, with body as its
// dictionary or value.
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

// finish writes the cross-reference table and a trailer with the catalog
// as object 1; prev, when not "", is the trailer's /Prev, in which "self"
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

// onePagePDF writes a catalog, a page tree and one page whose content
// stream is content, compressed with Flate.
func onePagePDF(content []byte) *pdfWriter {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(content)
	zw.Close()
	w := newPDF()
	w.object("<< /Type /Catalog /Pages 2 0 R >>")
	w.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R" +
		" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
	w.stream("/Filter /FlateDecode", z.Bytes())
	return w
}

// plainPDF is a one-page PDF with a line of text, as a control.
func plainPDF() []byte {
	return onePagePDF([]byte("BT /F1 12 Tf 72 720 Td (Letter from Faenza) Tj ET")).finish("")
}

// xrefLoopPDF is a PDF whose trailer's /Prev points at its own
// cross-reference table: the library reads the table for ever.
func xrefLoopPDF() []byte {
	return onePagePDF([]byte("BT /F1 12 Tf 72 720 Td (loop) Tj ET")).finish("self")
}

// pagesCyclePDF is a PDF whose page tree lists itself among its kids:
// looking up page 1 walks into the same node for ever.
func pagesCyclePDF() []byte {
	w := newPDF()
	w.object("<< /Type /Catalog /Pages 2 0 R >>")
	w.object("<< /Type /Pages /Kids [2 0 R] /Count 5 >>")
	return w.finish("")
}

// inflateBombPDF is a PDF of about 140 KB whose one page's content
// stream inflates to 64 MB of `(AAA…) Tj`: the library keeps a record
// for every glyph before any limit is checked.
func inflateBombPDF() []byte {
	line := "(" + strings.Repeat("A", 1000) + ") Tj\n"
	content := "BT /F1 1 Tf " + strings.Repeat(line, (64<<20)/len(line)) + "ET"
	return onePagePDF([]byte(content)).finish("")
}

// deepPDF is a PDF whose catalog holds arrays and dictionaries nested
// depth deep.
func deepPDF(depth int) []byte {
	w := newPDF()
	nest := strings.Repeat("[<< /A ", depth) + "1" + strings.Repeat(" >>]", depth)
	w.object("<< /Type /Catalog /Pages 2 0 R /Deep " + nest + " >>")
	w.object("<< /Type /Pages /Kids [] /Count 0 >>")
	return w.finish("")
}

// deepDOCX is a .docx whose document.xml nests elements depth deep,
// zipped to a small file.
func deepDOCX(tb testing.TB, depth int) []byte {
	body := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Repeat("<w:p>", depth) + strings.Repeat("</w:p>", depth) + `</w:body></w:document>`
	return zipFiles(tb, "word/document.xml", body)
}

// deepODT is an .odt whose content.xml nests paragraphs depth deep.
func deepODT(tb testing.TB, depth int) []byte {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>` +
		strings.Repeat("<text:p>x", depth) + strings.Repeat("</text:p>", depth) + `</office:text></office:body></office:document-content>`
	return zipFiles(tb, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content)
}

// hostileFile is one hostile file and the kind of document it poses as.
type hostileFile struct {
	name string // the file name, whose extension picks the reader
	data []byte
}

// hostileFiles returns the hostile files of every kind.
func hostileFiles(tb testing.TB) []hostileFile {
	return []hostileFile{
		{"xref-loop.pdf", xrefLoopPDF()},
		{"pages-cycle.pdf", pagesCyclePDF()},
		{"inflate-bomb.pdf", inflateBombPDF()},
		{"deep.pdf", deepPDF(1 << 20)},
		{"deep.docx", deepDOCX(tb, 5<<20)},
		{"deep.odt", deepODT(tb, 3<<20)},
	}
}
