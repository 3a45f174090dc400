package proxenos

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// SearchKey normalizes text for matching in Greek and Latin scripts: it
// drops accents and diacritics, then folds case, so that "Αθήνα", "ΑΘΗΝΑ"
// and "αθηνα" meet, final ς meets σ, and "Köln" meets "koln". Stored text
// and queries go through the same function.
func SearchKey(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return cases.Fold().String(out)
}

// SearchWords returns the distinct normalized words of texts, in order of
// first appearance. A word is a run of letters and digits.
func SearchWords(texts ...string) []string {
	var words []string
	seen := map[string]bool{}
	for _, text := range texts {
		for _, w := range strings.FieldsFunc(SearchKey(text), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return words
}
