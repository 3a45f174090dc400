// Package iso reads countries and languages as the office types them —
// codes, or names in Greek, English or the country's own language — as
// ISO 3166-1 alpha-2 and ISO 639-1 codes, and names those codes in the
// reader's language. The registers store the codes.
package iso

import (
	"strings"

	"github.com/proxenos/proxenos"
)

// countryKey is the form country names are looked up by: the words of
// SearchKey (case and accents folded) joined by one space, without the
// little words that names are written with or without ("Bosnia &
// Herzegovina", "Bosnia and Herzegovina"; "the Netherlands").
func countryKey(s string) string {
	var words []string
	for _, w := range proxenos.SearchWords(strings.TrimSpace(s)) {
		switch w {
		case "the", "and", "of", "και", "τησ", "του", "των":
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// table maps the keys of codes and names to codes. Its first entry for
// a key wins, so codes come first, then the names the office writes most.
type table struct {
	codes map[string]string
	key   func(string) string
}

// add maps the key of each name to code, unless the key is taken.
func (t table) add(code string, names ...string) {
	for _, n := range names {
		if k := t.key(n); k != "" {
			if _, taken := t.codes[k]; !taken {
				t.codes[k] = code
			}
		}
	}
}

// lookup returns the code of s.
func (t table) lookup(s string) (string, bool) {
	code, ok := t.codes[t.key(s)]
	return code, ok
}

// lower writes the first letter of s in lower case: Greek writes
// language names so ("γερμανικά"), and CLDR capitalises them.
func lower(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
