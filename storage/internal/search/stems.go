package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/stem/greek"
)

// Stems. A record is found by the stems of its words as well as by the
// words: a query word matches a record when the two share a stem key.
// Greek words always have their Snowball Greek stem; other words have
// the Snowball stem of the record's language when it has one
// (latinStemmers), and none when the language is unknown: a wrong
// language's stemmer cuts foreign names wrongly (the office writes in
// Greek, and a record without a language is mostly Greek with names in
// it), and those names are still found by prefix. A query has no
// language, so a query word that is not Greek is stemmed in each of
// them.
//
// The Greek stemmer gives -ία and -ίας, -ιο and -ίου different stems
// (συνεργασ, συνεργασι; σχεδι, σχεδ), so a Greek query stem also meets
// itself with a final ι added or dropped, when at least minGreekStem
// letters remain without it. The query does this (two keys at most),
// so that a record keeps one key per word. A looser rule (one
// stem a prefix of the other) joins unrelated words: δημοσι (δημόσιο)
// and δημοσιευσ (δημοσίευση), απογευ (απογευόσουν) and απογευμ
// (απόγευμα); so does a final ι after only three letters: παρ and παρι,
// αρτ and αρτι.

// stemMark begins every stem key. Words are letters and digits only, so
// no query word is a stem key or a prefix of one, and keys may share
// one index (or array) with the words.
const stemMark = "~"

// minGreekStem is the fewest letters a Greek stem keeps once its final ι
// is dropped.
const minGreekStem = 4

// latinStemmers are the Snowball stemmers of the languages that write in
// Latin letters, by ISO 639-1 code.
var latinStemmers = map[string]func(*snowballstem.Env) bool{
	"da": danish.Stem, "de": german.Stem, "en": english.Stem, "es": spanish.Stem,
	"fi": finnish.Stem, "fr": french.Stem, "hu": hungarian.Stem, "it": italian.Stem,
	"nl": dutch.Stem, "no": norwegian.Stem, "pt": portuguese.Stem, "ro": romanian.Stem,
	"sv": swedish.Stem,
}

// stemmerCodes are the keys of latinStemmers, in a fixed order.
var stemmerCodes = []string{"da", "de", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "sv"}

// EntryTerms returns what c is found by: its words, and the stem keys of
// those words.
func EntryTerms(c *proxenos.Correspondence) (words, stems []string) {
	words = Words(c.SearchText()...)
	return words, Stems(Language(c.Language), words)
}

// PartnerTerms returns what p is found by: its words, and the stem keys
// of those words in the language of its country (CountryLanguage).
func PartnerTerms(p *proxenos.Partner) (words, stems []string) {
	words = Words(p.SearchText()...)
	return words, Stems(CountryLanguage(p.Country), words)
}

// Stems returns the stem keys of words (normalized, as Words gives them)
// written in lang, a key of latinStemmers or "" when unknown, without
// repeats.
func Stems(lang string, words []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, w := range words {
		switch {
		case isGreek(w):
			add(stemMark + greek.Stem(w))
		case latinStemmers[lang] != nil:
			add(stemMark + latinStem(lang, w))
		}
	}
	return out
}

// QueryStems returns the stem keys of query word w: a record matches w by
// stem when it has one of them. A Greek word has its Greek keys, any
// other word its stem in each language of latinStemmers.
func QueryStems(w string) []string {
	if isGreek(w) {
		return greekKeys(w)
	}
	var out []string
	for _, lang := range stemmerCodes {
		if k := stemMark + latinStem(lang, w); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// greekKeys returns the keys a Greek query word meets: its stem, and
// the stem with its final ι dropped, or one added, when at least
// minGreekStem letters remain without it.
func greekKeys(w string) []string {
	s := greek.Stem(w)
	keys := []string{stemMark + s}
	if short, ok := strings.CutSuffix(s, "ι"); ok && utf8.RuneCountInString(short) >= minGreekStem {
		keys = append(keys, stemMark+short)
	} else if !ok && utf8.RuneCountInString(s) >= minGreekStem {
		keys = append(keys, stemMark+s+"ι")
	}
	return keys
}

// latinStem returns the Snowball stem of w in lang.
func latinStem(lang, w string) string {
	env := snowballstem.NewEnv(w)
	latinStemmers[lang](env)
	return env.Current()
}

// isGreek reports whether normalized word w has a Greek letter; such a
// word is stemmed as Greek whatever the record's language.
func isGreek(w string) bool {
	for _, r := range w {
		if r >= 0x370 && r <= 0x3FF {
			return true
		}
	}
	return false
}

// Language returns the key of latinStemmers for a language given by its
// code (de, deu, de-AT) or its name in English, Greek or itself (German,
// Γερμανικά, Deutsch; any case and accents), or "" when it names none
// of them.
func Language(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if tag, err := language.Parse(s); err == nil {
		base, _ := tag.Base()
		return stemmerOf(base)
	}
	return languageNames()[proxenos.SearchKey(s)]
}

// stemmerOf returns the key of latinStemmers for base, "" if none:
// Norwegian Bokmål and Nynorsk share one.
func stemmerOf(base language.Base) string {
	code := base.String()
	if code == "nb" || code == "nn" {
		code = "no"
	}
	if latinStemmers[code] == nil {
		return ""
	}
	return code
}

// languageNames maps the normalized names of the languages of
// latinStemmers to their keys.
var languageNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	for _, code := range append(stemmerCodes, "nb", "nn") {
		base := language.MustParseBase(code)
		for _, n := range []string{display.English.Languages().Name(base), display.Greek.Languages().Name(base),
			display.Self.Name(language.Make(code))} {
			if n != "" {
				names[proxenos.SearchKey(n)] = stemmerOf(base)
			}
		}
	}
	return names
})

// CountryLanguage returns the key of latinStemmers for the most spoken
// language of a country given by its ISO 3166 code (DE, DEU) or its name
// in English or Greek (Germany, Γερμανία), or "" when there is none.
func CountryLanguage(country string) string {
	country = strings.TrimSpace(country)
	if country == "" {
		return ""
	}
	region, err := language.ParseRegion(country)
	if err != nil {
		var ok bool
		if region, ok = countryNames()[proxenos.SearchKey(country)]; !ok {
			return ""
		}
	}
	tag, err := language.Compose(region)
	if err != nil {
		return ""
	}
	base, conf := tag.Base()
	if conf < language.High {
		return ""
	}
	return stemmerOf(base)
}

// countryNames maps the normalized English and Greek names of countries
// to their regions.
var countryNames = sync.OnceValue(func() map[string]language.Region {
	names := map[string]language.Region{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			for _, n := range []string{display.English.Regions().Name(r), display.Greek.Regions().Name(r)} {
				if n != "" {
					names[proxenos.SearchKey(n)] = r
				}
			}
		}
	}
	return names
})
