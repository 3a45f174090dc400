package translate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// readODT reads content.xml of an OpenDocument text: text:h elements are
// headings at their outline level, text:p paragraphs (also in lists and
// tables). Notes, annotations and tracked deletions are left out.
func readODT(data []byte) (*Document, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	// A package without mimetype is read anyway; one naming another type
	// (a spreadsheet, a presentation) is refused.
	if mime, err := readZipFile(zr, "mimetype"); err == nil && !bytes.HasPrefix(mime, []byte("application/vnd.oasis.opendocument.text")) {
		return nil, errors.New("translate: not an OpenDocument text")
	}
	content, err := readZipFile(zr, "content.xml")
	if err != nil {
		return nil, err
	}
	r := &odtReader{dec: xml.NewDecoder(bytes.NewReader(content)), doc: &Document{}}
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			return r.doc, nil
		} else if err != nil {
			return nil, err
		}
		if err := r.read(tok); err != nil {
			return nil, err
		}
	}
}

// odtParagraph is a heading or paragraph being read.
type odtParagraph struct {
	level int
	text  strings.Builder
}

// odtReader turns the tokens of content.xml into the blocks of doc.
// Paragraphs nest (a text box inside a paragraph): the innermost one gets
// the text, each becomes a block when it ends.
type odtReader struct {
	dec   *xml.Decoder
	doc   *Document
	stack []*odtParagraph
}

// read reads one token.
func (r *odtReader) read(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return r.start(t)
	case xml.CharData:
		if len(r.stack) > 0 {
			r.write(collapseSpace(string(t)))
		}
	case xml.EndElement:
		if (t.Name.Local == "p" || t.Name.Local == "h") && len(r.stack) > 0 {
			top := r.stack[len(r.stack)-1]
			r.stack = r.stack[:len(r.stack)-1]
			if s := strings.TrimSpace(top.text.String()); s != "" {
				r.doc.Blocks = append(r.doc.Blocks, Block{Level: top.level, Text: s})
			}
		}
	}
	return nil
}

// start reads a start element. text:s stands for c spaces, text:tab and
// text:line-break for themselves; character data has its white space
// collapsed.
func (r *odtReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "note", "annotation", "tracked-changes":
		return r.dec.Skip()
	case "h":
		level, err := strconv.Atoi(attr(t, "outline-level"))
		if err != nil || level < 1 {
			level = 1
		}
		r.stack = append(r.stack, &odtParagraph{level: min(level, 6)})
	case "p":
		r.stack = append(r.stack, &odtParagraph{})
	case "s":
		n, err := strconv.Atoi(attr(t, "c"))
		if err != nil || n < 1 {
			n = 1
		}
		// At most 100 spaces: a crafted c must not blow up the text.
		r.write(strings.Repeat(" ", min(n, 100)))
	case "tab":
		r.write("\t")
	case "line-break":
		r.write("\n")
	}
	return nil
}

// write adds s to the innermost open paragraph; text outside paragraphs
// is left out.
func (r *odtReader) write(s string) {
	if len(r.stack) > 0 {
		r.stack[len(r.stack)-1].text.WriteString(s)
	}
}

// collapseSpace turns each run of white space into one space, as ODF
// reads the character data of paragraphs (text:s stands for more).
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
