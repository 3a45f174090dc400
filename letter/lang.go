package letter

import (
	"strings"
	"unicode"
)

// stopWords are frequent little words of the Latin-script languages of
// the office's mail; a text's language is the one whose words it uses
// most.
var stopWords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "for", "is", "we", "our", "with", "that", "this", "you", "are", "on", "your", "be", "will"},
	"de": {"der", "die", "das", "und", "ist", "mit", "für", "wir", "ihre", "ihnen", "den", "dem", "des", "nicht", "sehr", "auf", "zu", "eine", "uns"},
	"fr": {"le", "la", "les", "et", "des", "du", "une", "nous", "vous", "pour", "est", "avec", "dans", "votre", "sur", "au", "aux", "que", "qui"},
	"it": {"il", "lo", "gli", "della", "delle", "del", "e", "di", "che", "per", "con", "una", "sono", "siamo", "vostra", "nostro", "nella", "alla", "è"},
	"es": {"el", "los", "las", "y", "del", "que", "por", "con", "una", "para", "es", "su", "nuestra", "muy"},
	"pt": {"o", "os", "as", "e", "do", "da", "dos", "que", "com", "uma", "para", "é", "não", "nossa", "muito"},
}

// stopWordLanguages maps each stop word to its languages.
var stopWordLanguages = func() map[string][]string {
	m := map[string][]string{}
	for lang, words := range stopWords {
		for _, w := range words {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// detectLanguage returns the ISO 639-1 code of the language text is
// written in, or "" when the rules cannot tell: Greek by its script, the
// others by their little words.
func detectLanguage(text string) string {
	if len(text) > 16<<10 {
		text = text[:16<<10] // a sample is enough
	}
	letters, greek := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Greek, r) {
				greek++
			}
		}
	}
	if letters > 0 && 2*greek > letters {
		return "el"
	}
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, lang := range stopWordLanguages[w] {
			counts[lang]++
		}
	}
	best, second := "", 0
	for _, lang := range []string{"en", "de", "fr", "it", "es", "pt"} {
		switch n := counts[lang]; {
		case best == "" || n > counts[best]:
			best, second = lang, counts[best]
		case n > second:
			second = n
		}
	}
	// Too few words, or a tie, is no answer.
	if counts[best] < 3 || counts[best] <= second {
		return ""
	}
	return best
}
