// Package greek stems Modern Greek words with the Snowball Greek stemming
// algorithm (snowballstem.org, greek.sbl, after G. Ntais, "Development of a
// Stemmer for the Greek Language", 2006, and S. Saroukos, "Enhancing a Greek
// language stemmer", 2008), so that the inflected forms of a word can be
// found by one another: Λεμεσός and Λεμεσού both stem to λεμεσ.
//
// The stems are those of the reference implementation, letter for letter,
// including its quirks; they are search keys, not dictionary forms.
package greek

import "unicode/utf8"

// Stem returns the Snowball stem of one word. The word may be in any case,
// with or without accents and diaeresis, with final ς or σ. Greek letters
// come back lowercased and without accents, ς as σ; words of fewer than
// three letters are only lowercased so. Letters of other scripts are kept
// as they are (the reference does not lowercase them), so a word without
// Greek letters comes back unchanged. Invalid UTF-8 bytes are kept too.
// Accents must be precomposed (Unicode NFC, as typed): a combining accent
// is not a Greek letter, so callers normalize decomposed text first.
func Stem(word string) string {
	if !hasGreek(word) {
		return word
	}
	w := lowered(word)
	if utf8.RuneCount(w.b) < 3 {
		return string(w.b)
	}
	w.test1 = true
	for _, step := range steps {
		w.c = len(w.b) // each step starts at the end of the word
		step(w)
	}
	return string(w.b)
}

// steps are greek.sbl's steps in the order its `stem` routine runs them
// (5j comes before 5i there).
var steps = []func(*word){
	step1,
	stepS1, stepS2, stepS3, stepS4, stepS5, stepS6, stepS7, stepS8, stepS9, stepS10,
	step2a, step2b, step2c, step2d,
	step3, step4,
	step5a, step5b, step5c, step5d, step5e, step5f, step5g, step5h, step5j, step5i,
	step5k, step5l, step5m,
	step6, step7,
}

// hasGreek reports whether s has a letter the algorithm knows: all of them
// are encoded with a first byte 0xCE or 0xCF.
func hasGreek(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0xCE || s[i] == 0xCF {
			return true
		}
	}
	return false
}

// lowered returns the word ready for stemming, greek.sbl's `tolower`:
// capitals lowercased, accents and diaeresis removed, ς made σ. Every
// letter it changes and every letter it gives is two bytes long in UTF-8.
func lowered(s string) *word {
	b := make([]byte, len(s), len(s)+8) // room for the endings steps append
	copy(b, s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= lowerFirst && r <= lowerLast {
			if l := lowerTable[r-lowerFirst]; l != 0 {
				utf8.EncodeRune(b[i:], l)
			}
		}
		i += size
	}
	return &word{b: b}
}

const lowerFirst, lowerLast = 'Ά', 'ώ' // U+0386…U+03CE, the span tolower maps

// lowerTable maps each letter greek.sbl's `tolower` changes to what it
// becomes; 0 means unchanged. As in the reference, ΐ and ϊ become η (not
// ι): greek.sbl writes {i} for both, and {i} is its eta.
var lowerTable = func() (t [lowerLast - lowerFirst + 1]rune) {
	const from, to = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίόύώΐΰϊϋΆΈΉΊΌΎΏς",
		"αβγδεζηθικλμνξοπρστυφχψωιυαεηιουωηυηυαεηιουωσ"
	src, dst := []rune(from), []rune(to)
	if len(src) != len(dst) {
		panic("greek: lowerTable pairs do not line up")
	}
	for i, r := range src {
		t[r-lowerFirst] = dst[i]
	}
	return t
}()
