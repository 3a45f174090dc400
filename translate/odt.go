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

	doc := &Document{}
	dec := xml.NewDecoder(bytes.NewReader(content))
	// Paragraphs nest (a text box inside a paragraph): the innermost one
	// gets the text, each becomes a block when it ends.
	type open struct {
		level int
		text  strings.Builder
	}
	var stack []*open
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// text:s stands for c spaces, text:tab and text:line-break for
			// themselves; character data has its white space collapsed.
			switch t.Name.Local {
			case "note", "annotation", "tracked-changes":
				if err := dec.Skip(); err != nil {
					return nil, err
				}
			case "h":
				level, err := strconv.Atoi(attr(t, "outline-level"))
				if err != nil || level < 1 {
					level = 1
				}
				stack = append(stack, &open{level: min(level, 6)})
			case "p":
				stack = append(stack, &open{})
			case "s":
				if len(stack) > 0 {
					n, err := strconv.Atoi(attr(t, "c"))
					if err != nil || n < 1 {
						n = 1
					}
					// At most 100 spaces: a crafted c must not blow up the text.
					stack[len(stack)-1].text.WriteString(strings.Repeat(" ", min(n, 100)))
				}
			case "tab":
				if len(stack) > 0 {
					stack[len(stack)-1].text.WriteString("\t")
				}
			case "line-break":
				if len(stack) > 0 {
					stack[len(stack)-1].text.WriteString("\n")
				}
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.WriteString(collapseSpace(string(t)))
			}
		case xml.EndElement:
			if (t.Name.Local == "p" || t.Name.Local == "h") && len(stack) > 0 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if s := strings.TrimSpace(top.text.String()); s != "" {
					doc.Blocks = append(doc.Blocks, Block{Level: top.level, Text: s})
				}
			}
		}
	}
	return doc, nil
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
