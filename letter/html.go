package letter

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText reduces an HTML body to text: scripts, styles and the title
// dropped, entities decoded, white space folded, and block elements and
// <br> turned into line breaks.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // depth inside elements whose text is not shown
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return tidyLines(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
				if t := z.Text(); len(t) > 0 && isSpace(t[len(t)-1]) {
					b.WriteByte(' ')
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hidden[a] && tt == html.StartTagToken {
				skip++
			} else if block[a] || a == atom.Br {
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hidden[a] && skip > 0 {
				skip--
			} else if block[a] {
				b.WriteByte('\n')
			}
		}
	}
}

// isSpace reports whether an HTML text byte is white space.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// hidden elements' text is not shown.
var hidden = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Title: true, atom.Template: true, atom.Noscript: true}

// block elements start and end lines.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Tr: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Address: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Dd: true, atom.Dt: true,
}

// tidyLines trims every line, and keeps at most one blank line between
// paragraphs.
func tidyLines(s string) string {
	var out []string
	blank := true
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" && blank {
			continue
		}
		blank = line == ""
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
