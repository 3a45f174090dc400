package translate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EstimateTokens guesses how many model tokens s takes, without a
// tokenizer: about four ASCII characters or two others (Greek, Cyrillic)
// per token, which errs on the large side for current models.
func EstimateTokens(s string) int {
	ascii, other := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			ascii++
		} else {
			other++
		}
	}
	return (ascii + 2*other + 3) / 4
}

// Split cuts text into parts of at most budget estimated tokens whose
// concatenation is text. It cuts between paragraphs (blank lines), never
// inside a ``` code block; a paragraph over the budget is cut between
// sentences, a sentence over it between words, and a word over it between
// characters.
func Split(text string, budget int) []string {
	if budget < 1 {
		budget = 1
	}
	return pack(paragraphs(text), budget, 0)
}

// Ways to cut a unit over the budget, from the coarsest.
var (
	// ";" here is the Greek question mark (U+037E), not the semicolon.
	sentenceEnd = regexp.MustCompile(`[.!?;;…]+["'»”)\]]*\s+`)
	blankLine   = regexp.MustCompile(`\n[ \t\r]*\n\s*`)
)

// pack joins consecutive units into parts under budget, cutting a unit
// over it at the next finer level.
func pack(units []string, budget, level int) []string {
	var parts []string
	var cur strings.Builder
	curTokens := 0
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
			curTokens = 0
		}
	}
	// Greedy: a unit joins the current part while the part stays within
	// budget; units keep their trailing space, so nothing is lost.
	for _, u := range units {
		n := EstimateTokens(u)
		if n > budget {
			flush()
			// Past characters (level 3) there is nothing finer: a 64-rune chunk
			// over a tiny budget goes as it is.
			if isFence(u) || level >= 3 {
				parts = append(parts, u) // code travels whole, masked to one placeholder
				continue
			}
			parts = append(parts, pack(cut(u, level), budget, level+1)...)
			continue
		}
		if curTokens+n > budget {
			flush()
		}
		cur.WriteString(u)
		curTokens += n
	}
	flush()
	return parts
}

// cut divides a unit at level 0 (sentences), 1 (words) or 2 (characters);
// the pieces concatenate to u.
func cut(u string, level int) []string {
	switch level {
	case 0:
		return cutAfter(u, sentenceEnd)
	case 1:
		var pieces []string
		start := 0
		// Each piece is a word with the space after it.
		inSpace := false
		for i, r := range u {
			if unicode.IsSpace(r) {
				inSpace = true
			} else if inSpace {
				pieces = append(pieces, u[start:i])
				start, inSpace = i, false
			}
		}
		return append(pieces, u[start:])
	default:
		var pieces []string
		const chunk = 64 // runes
		for len(u) > 0 {
			i, n := 0, 0
			for i < len(u) && n < chunk {
				_, size := utf8.DecodeRuneInString(u[i:])
				i += size
				n++
			}
			pieces = append(pieces, u[:i])
			u = u[i:]
		}
		return pieces
	}
}

// cutAfter divides s after each match of re.
func cutAfter(s string, re *regexp.Regexp) []string {
	var pieces []string
	start := 0
	for _, m := range re.FindAllStringIndex(s, -1) {
		pieces = append(pieces, s[start:m[1]])
		start = m[1]
	}
	if start < len(s) {
		pieces = append(pieces, s[start:])
	}
	return pieces
}

// paragraphs divides text after each blank line, keeping a ``` code block
// (which may hold blank lines) in one unit.
func paragraphs(text string) []string {
	var units []string
	var open strings.Builder
	for _, p := range cutAfter(text, blankLine) {
		open.WriteString(p)
		// An odd count of fences means a code block is still open: keep joining.
		if strings.Count(open.String(), "```")%2 == 0 {
			units = append(units, open.String())
			open.Reset()
		}
	}
	if open.Len() > 0 {
		units = append(units, open.String())
	}
	return units
}

// isFence reports whether u is, apart from space, one ``` code block.
func isFence(u string) bool {
	s := strings.TrimSpace(u)
	return strings.HasPrefix(s, "```") && strings.HasSuffix(s, "```") && len(s) >= 6
}

// trimSpace cuts s into leading space, the text, and trailing space.
func trimSpace(s string) (lead, core, trail string) {
	core = strings.TrimLeftFunc(s, unicode.IsSpace)
	lead = s[:len(s)-len(core)]
	trimmed := strings.TrimRightFunc(core, unicode.IsSpace)
	return lead, trimmed, core[len(trimmed):]
}
