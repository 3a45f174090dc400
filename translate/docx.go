package translate

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// headingStyle matches the names Word gives heading styles in styles.xml
// ("heading 1"), whatever the interface language; style ids may be
// localized, so ids are mapped through the names.
var headingStyle = regexp.MustCompile(`(?i)^heading\s*([1-9])$`)

// readDOCX reads word/document.xml: paragraphs, with headings told by
// their style (or outline level); text boxes and table cells come as
// paragraphs, deleted revisions do not come at all.
func readDOCX(data []byte) (*Document, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, err
	}
	body, err := readZipFile(zr, "word/document.xml")
	if err != nil {
		return nil, err
	}
	levels := map[string]int{}
	if styles, err := readZipFile(zr, "word/styles.xml"); err == nil {
		levels = docxStyleLevels(styles)
	}

	doc := &Document{}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var text strings.Builder
	level, inPara, inTabs := 0, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// Namespaces are ignored: Word, LibreOffice and Google Docs all
			// use the w: vocabulary, under one or two namespace URIs.
			switch t.Name.Local {
			case "p":
				text.Reset()
				level, inPara = 0, true
			case "pStyle":
				level = levels[attr(t, "val")]
			case "outlineLvl":
				// A heading style wins; outlineLvl 0–5 is heading 1–6, 9 is body text.
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n >= 0 && n < 6 && level == 0 {
					level = n + 1
				}
			case "t": // text of a run; w:delText (deleted) and w:instrText (fields) are not
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, err
				}
				text.WriteString(s)
			case "tabs": // tab stops of the paragraph, not tab characters
				inTabs = true
			case "tab":
				if inPara && !inTabs {
					text.WriteString("\t")
				}
			case "br", "cr":
				text.WriteString("\n")
			case "noBreakHyphen":
				text.WriteString("-")
			}
		case xml.EndElement:
			if t.Name.Local == "tabs" {
				inTabs = false
			}
			if t.Name.Local == "p" && inPara {
				if s := strings.TrimSpace(text.String()); s != "" {
					doc.Blocks = append(doc.Blocks, Block{Level: level, Text: s})
				}
				inPara = false
			}
		}
	}
	return doc, nil
}

// docxStyleLevels maps style ids to heading levels, by name or outline
// level; "Title" counts as level 1.
func docxStyleLevels(styles []byte) map[string]int {
	levels := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(styles))
	id := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			return levels
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "style":
			id = attr(t, "styleId")
		case "name":
			name := attr(t, "val")
			if m := headingStyle.FindStringSubmatch(name); m != nil {
				levels[id] = min(int(m[1][0]-'0'), 6)
			} else if strings.EqualFold(name, "title") {
				levels[id] = 1
			}
		case "outlineLvl":
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n >= 0 && n < 6 && levels[id] == 0 && id != "" {
				levels[id] = n + 1
			}
		}
	}
}

// attr returns the value of the attribute with the local name, whatever
// its namespace.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// WriteDOCX returns doc as a Word document (a minimal OOXML package that
// Word and LibreOffice open), with headings in the Heading 1–6 styles and
// line breaks and tabs kept.
func WriteDOCX(doc *Document) ([]byte, error) {
	// One paragraph per block, in one run: the text is a draft, and
	// formatting inside paragraphs did not survive translation anyway.
	var body bytes.Buffer
	for _, b := range doc.Blocks {
		body.WriteString("<w:p>")
		if b.Level > 0 {
			fmt.Fprintf(&body, `<w:pPr><w:pStyle w:val="Heading%d"/></w:pPr>`, min(b.Level, 6))
		}
		body.WriteString("<w:r>")
		for i, line := range strings.Split(b.Text, "\n") {
			if i > 0 {
				body.WriteString("<w:br/>")
			}
			for j, cell := range strings.Split(line, "\t") {
				if j > 0 {
					body.WriteString("<w:tab/>")
				}
				if cell != "" {
					body.WriteString(`<w:t xml:space="preserve">`)
					if err := xml.EscapeText(&body, []byte(cell)); err != nil {
						return nil, err
					}
					body.WriteString("</w:t>")
				}
			}
		}
		body.WriteString("</w:r></w:p>")
	}

	// The parts Word requires: content types, the package relationship to
	// the main document, and the document's relationship to its styles.
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocumentRels},
		{"word/styles.xml", docxStyles()},
		{"word/document.xml", docxDocumentHead + body.String() + docxDocumentTail},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, p.content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// The fixed parts of a .docx package.
const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

	docxContentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`</Types>`

	docxRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`

	docxDocumentRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`</Relationships>`

	docxDocumentHead = xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

	// An A4 page with 2.5 cm margins.
	docxDocumentTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/>` +
		`</w:sectPr></w:body></w:document>`
)

// docxStyles returns styles.xml: a Normal style in a font with Greek
// glyphs, and Heading 1–6.
func docxStyles() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>` +
		`<w:sz w:val="22"/><w:lang w:val="el-GR"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`)
	sizes := []int{32, 28, 26, 24, 22, 22} // half-points
	for i, sz := range sizes {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Heading%[1]d"><w:name w:val="heading %[1]d"/>`+
			`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`+
			`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="%[2]d"/></w:pPr>`+
			`<w:rPr><w:b/><w:sz w:val="%[3]d"/></w:rPr></w:style>`, i+1, i, sz)
	}
	b.WriteString(`</w:styles>`)
	return b.String()
}
