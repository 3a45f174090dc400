package translate

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// pdfLine is a line of text on a page, with its baseline and font size.
type pdfLine struct {
	text string
	y    float64
	size float64
	page int
}

// listItem matches a line that starts a list item: "• ", "- ", "3. ", "α) ".
var listItem = regexp.MustCompile(`^(?:[•▪◦‣·\-–—*]|\d{1,3}[.)]|\pL[.)])\s`)

// readPDF reads the text of a PDF with github.com/ledongthuc/pdf. Lines are
// rebuilt from glyph positions; a wider gap between lines or a new page
// starts a paragraph, and lines in a clearly larger font are headings.
// Scanned pages have no text and yield nothing.
func readPDF(data []byte) (doc *Document, err error) {
	defer func() { // the library panics on malformed content
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("translate: pdf: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	if n > MaxPDFPages {
		return nil, errTooLarge
	}
	var lines []pdfLine
	chars := 0
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		for _, l := range pdfPageLines(p.Content().Text, i) {
			chars += len(l.text)
			lines = append(lines, l)
		}
		// Checked page by page, so a huge PDF stops early.
		if chars > MaxUnpacked {
			return nil, errTooLarge
		}
	}
	return &Document{Blocks: pdfBlocks(lines)}, nil
}

// pdfPageLines joins the glyphs of a page, in content order, into lines,
// putting a space where glyphs of a line are apart.
func pdfPageLines(glyphs []pdf.Text, page int) []pdfLine {
	var lines []pdfLine
	var cur strings.Builder
	var y, size, end float64
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			lines = append(lines, pdfLine{text: fixGreek(s), y: y, size: size, page: page})
		}
		cur.Reset()
		size = 0
	}
	// Glyphs come one by one with their positions; a change of baseline
	// by more than half the font size starts a new line.
	for _, g := range glyphs {
		if g.S == "" {
			continue
		}
		switch {
		case cur.Len() == 0:
			y = g.Y
		case math.Abs(g.Y-y) > 0.5*math.Max(g.FontSize, size):
			flush()
			y = g.Y
		// PDFs often place words apart instead of writing spaces between them.
		case g.X-end > 0.15*g.FontSize && !strings.HasSuffix(cur.String(), " ") && g.S != " ":
			cur.WriteByte(' ')
		}
		cur.WriteString(g.S)
		end = g.X + g.W
		size = math.Max(size, g.FontSize)
	}
	flush()
	return lines
}

// pdfBlocks groups lines into paragraphs and headings.
func pdfBlocks(lines []pdfLine) []Block {
	var sizes []float64
	for _, l := range lines {
		sizes = append(sizes, l.size)
	}
	size := median(sizes)
	// Line spacing is the smallest gap between lines of a page, leaving
	// out the smaller steps of sub- and superscripts.
	spacing := math.Inf(1)
	for i := 1; i < len(lines); i++ {
		if d := lines[i-1].y - lines[i].y; lines[i-1].page == lines[i].page && d >= 0.8*size {
			spacing = math.Min(spacing, d)
		}
	}

	// A line starts a block after a new page, a gap wider than the line
	// spacing, a jump upwards (a new column), or a change of font class;
	// list items stay in their block on lines of their own.
	var blocks []Block
	for i, l := range lines {
		level := 0
		if size > 0 && l.size >= 1.2*size {
			level = 2
			if l.size >= 1.6*size {
				level = 1
			}
		}
		newBlock := i == 0
		if i > 0 {
			prev := lines[i-1]
			d := prev.y - l.y
			newBlock = prev.page != l.page || d <= 0 || d > 1.35*spacing ||
				level != blocks[len(blocks)-1].Level
		}
		switch {
		case newBlock:
			blocks = append(blocks, Block{Level: level, Text: l.text})
		case level == 0 && listItem.MatchString(l.text):
			blocks[len(blocks)-1].Text += "\n" + l.text
		default:
			blocks[len(blocks)-1].Text += " " + l.text
		}
	}
	return blocks
}

// median returns the lower middle value of xs, or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// greekLookalikes are the characters the Adobe glyph list gives for Greek
// glyph names such as "mu" and "Delta"; in a Greek word they are Greek.
var greekLookalikes = strings.NewReplacer("\u00B5", "μ", "\u2206", "Δ", "\u2126", "Ω")

// fixGreek replaces the look-alikes in the words that hold Greek letters.
func fixGreek(s string) string {
	if !strings.ContainsAny(s, "\u00B5\u2206\u2126") {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Greek, r) }) >= 0 {
			words[i] = greekLookalikes.Replace(w)
		}
	}
	return strings.Join(words, " ")
}
