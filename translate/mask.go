package translate

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Placeholders look like ⟦7⟧: brackets models leave alone, rare in text.
const (
	phOpen  = "⟦"
	phClose = "⟧"
)

// Spans kept verbatim, in order of precedence: code blocks, inline code,
// our document delimiters (so a text cannot close them), links, e-mail
// addresses, then numbers (dates, phone numbers, amounts).
var verbatim = []*regexp.Regexp{
	regexp.MustCompile("(?s)```.*?```"),
	regexp.MustCompile("`[^`\n]+`"),
	regexp.MustCompile(`(?i)</?\s*document\s*>`),
	regexp.MustCompile(`(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'` + "`" + `]+`),
	regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`),
	regexp.MustCompile(`\p{N}+(?:[.,:/-]\p{N}+)*`),
}

// placeholder matches a placeholder in a model's answer.
var placeholder = regexp.MustCompile(`⟦(\d+)⟧`)

// masked is a text with its verbatim spans replaced by placeholders.
type masked struct {
	Text  string
	Spans []string // Spans[i] is what placeholder i+1 stands for
}

// mask replaces the verbatim spans of s and every occurrence of names by
// placeholders numbered in order of appearance.
func mask(s string, names []string) masked {
	type span struct{ start, end int }
	var spans []span
	taken := func(a, b int) bool {
		for _, sp := range spans {
			if a < sp.end && sp.start < b {
				return true
			}
		}
		return false
	}
	add := func(a, b int) {
		if a < b && !taken(a, b) {
			spans = append(spans, span{a, b})
		}
	}
	for i, re := range verbatim {
		for _, m := range re.FindAllStringIndex(s, -1) {
			end := m[1]
			if i == 3 { // a link does not take the sentence's closing punctuation
				// "·" and ";" are the Greek ano teleia and question mark.
				end = m[0] + len(strings.TrimRight(s[m[0]:m[1]], ".,;:!?)]}»”'\"·;"))
			}
			add(m[0], end)
		}
		if i == 4 { // names after links and e-mail addresses, before numbers: "Bucharest Sector 6"
			for _, name := range longestFirst(names) {
				for off := 0; ; {
					k := strings.Index(s[off:], name)
					if k < 0 {
						break
					}
					add(off+k, off+k+len(name))
					off += k + len(name)
				}
			}
		}
	}
	// Numbered in reading order, so the model meets ⟦1⟧, ⟦2⟧, … in turn.
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })

	var b strings.Builder
	m := masked{Spans: make([]string, 0, len(spans))}
	prev := 0
	for i, sp := range spans {
		b.WriteString(s[prev:sp.start])
		b.WriteString(phOpen + strconv.Itoa(i+1) + phClose)
		m.Spans = append(m.Spans, s[sp.start:sp.end])
		prev = sp.end
	}
	b.WriteString(s[prev:])
	m.Text = b.String()
	return m
}

// longestFirst returns the non-blank names, longest first, so that
// "Bucharest Sector 6" is masked before "Bucharest".
func longestFirst(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	return out
}

// unmask puts the spans back into a model's answer. It reports false when
// the answer lost, repeated or invented a placeholder.
func (m masked) unmask(answer string) (string, bool) {
	seen := make([]bool, len(m.Spans))
	ok := true
	out := placeholder.ReplaceAllStringFunc(answer, func(p string) string {
		n, err := strconv.Atoi(p[len(phOpen) : len(p)-len(phClose)])
		if err != nil || n < 1 || n > len(m.Spans) || seen[n-1] {
			ok = false
			return p
		}
		seen[n-1] = true
		return m.Spans[n-1]
	})
	for _, s := range seen {
		ok = ok && s
	}
	return out, ok
}
