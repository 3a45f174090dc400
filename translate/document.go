package translate

import (
	"regexp"
	"strings"
)

// Document is the text of a file as headings and paragraphs, in order.
type Document struct {
	Name   string // the file's base name, safe to show
	Blocks []Block
}

// Block is one heading or paragraph. A paragraph may hold line breaks.
type Block struct {
	Level int // 1–6 for a heading, 0 for a paragraph
	Text  string
}

// Text returns the blocks as plain text, separated by blank lines.
func (d *Document) Text() string {
	texts := make([]string, len(d.Blocks))
	for i, b := range d.Blocks {
		texts[i] = b.Text
	}
	return strings.Join(texts, "\n\n")
}

// Markdown returns the document as Markdown: headings as "# " lines and
// paragraphs separated by blank lines. It is what to translate when the
// structure must come back (see ParseMarkdown).
func (d *Document) Markdown() string {
	var b strings.Builder
	for i, blk := range d.Blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		text := blk.Text
		if blk.Level > 0 {
			b.WriteString(strings.Repeat("#", min(blk.Level, 6)) + " ")
			// A heading is one line in Markdown: its line breaks become spaces.
			text = strings.Join(strings.Fields(text), " ")
		} else if headingLine.MatchString(text) {
			b.WriteString(`\`) // a paragraph that starts like a heading
		}
		b.WriteString(text)
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// headingLine matches an ATX heading line: "## Title".
var headingLine = regexp.MustCompile(`^(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$`)

// ParseMarkdown reads Markdown (or plain text) as a Document: "#" lines are
// headings, and blank lines separate paragraphs; the rest of the Markdown
// is kept as written in the paragraphs' text.
func ParseMarkdown(name, text string) *Document {
	doc := &Document{Name: safeName(name)}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var para []string
	flush := func() {
		if p := strings.TrimRight(strings.Join(para, "\n"), " \t"); strings.TrimSpace(p) != "" {
			doc.Blocks = append(doc.Blocks, Block{Text: strings.TrimLeft(p, "\n")})
		}
		para = para[:0]
	}
	fenced := false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			fenced = !fenced
			para = append(para, line)
		case fenced:
			para = append(para, line)
		case trimmed == "":
			flush()
		case headingLine.MatchString(line):
			flush()
			if m := headingLine.FindStringSubmatch(line); m[2] != "" {
				doc.Blocks = append(doc.Blocks, Block{Level: len(m[1]), Text: m[2]})
			}
		// Undoes Markdown's escape of a paragraph that starts with "#".
		case strings.HasPrefix(line, `\#`) && len(para) == 0:
			para = append(para, line[1:])
		default:
			para = append(para, line)
		}
	}
	flush()
	return doc
}
