// Package i18n is the message catalogue of Proxenos: every text a user sees
// exists in Greek and in English, looked up by a key.
package i18n

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/proxenos/proxenos"
)

// Lang is a language of the user interface. It is the domain's type, so
// that preferences and calendar feeds keep a language without importing
// the catalogue.
type Lang = proxenos.Lang

// The languages of the interface.
const (
	Greek   = proxenos.Greek
	English = proxenos.English
)

// Message is one catalogue entry, in both languages. Templates use fmt
// verbs; use explicit indexes (%[2]s) when the languages order them apart.
//
// A message whose words agree with a number ("1 εγγραφή", "2 εγγραφές")
// also has one-forms, ELOne and ENOne, set both or neither: T uses them
// when the count is in CLDR's "one" plural category for the language (in
// Greek and English, 1 and -1). The count is the message's first argument
// of a Go integer type; a template whose count is not the first integer
// refers to its arguments by explicit index, and the caller passes the
// count first. The count need not be printed: a message that shows a
// number formatted as text ("12.345", a list "3, 5") takes the count as an
// extra first argument and refers to the rest as %[2]s, %[3]s…
// A one-form takes the same arguments, with the same verbs, as its
// language's other form.
type Message struct {
	EL    string // Greek
	EN    string // English
	ELOne string // Greek when the count is one ("1 εγγραφή"); optional
	ENOne string // English when the count is one ("1 entry"); optional
}

// pluralTags are the CLDR languages of the interface languages.
var pluralTags = map[Lang]language.Tag{Greek: language.Greek, English: language.English}

var catalogue = map[string]Message{}

// register adds messages to the catalogue; each file of this package
// registers its own area from init. A key defined twice is a programming
// error.
func register(msgs map[string]Message) {
	for k, m := range msgs {
		if _, dup := catalogue[k]; dup {
			panic("i18n: duplicate message key " + k)
		}
		catalogue[k] = m
	}
}

// T returns the message key in lang with args filled in. An unknown key
// returns the key itself, so a missing message is visible, never empty.
func T(lang Lang, key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	tmpl := m.template(lang, args)
	if len(args) == 0 {
		return tmpl
	}
	return fmt.Sprintf(tmpl, renderArgs(lang, args)...)
}

// renderArgs writes the arguments that are texts of the catalogue, values
// with a label (a field, a status, a kind), or times (as days), in lang;
// the others
// stay as they are. args is copied only when one of them is rendered.
func renderArgs(lang Lang, args []any) []any {
	out := args
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case proxenos.Text:
			s = Render(lang, v)
		case Labelled:
			s = Label(lang, v)
		case time.Time:
			// A time in a message is a day of the office whose zone it
			// carries (see inZone).
			s = FormatDate(lang, inZone(v))
		default:
			continue
		}
		if &out[0] == &args[0] {
			out = slices.Clone(args)
		}
		out[i] = s
	}
	return out
}

// inZone returns t in the zone it carries: callers put a time In the
// zone of its office (proxenos.ZoneFromContext) before they render it.
// A time in UTC or the server's zone was put in none, and is taken in the
// deployment's (proxenos.OfficeZone); no office keeps UTC (see
// proxenos.Settings.Validate).
func inZone(t time.Time) time.Time {
	if loc := t.Location(); loc == time.UTC || loc == time.Local {
		return t.In(proxenos.OfficeZone())
	}
	return t
}

// template returns m's template in lang for args: the one-form when m has
// one and the count in args is in the language's "one" category.
func (m Message) template(lang Lang, args []any) string {
	other, one := m.EN, m.ENOne
	if lang == Greek {
		other, one = m.EL, m.ELOne
	}
	if one == "" {
		return other
	}
	n, ok := count(args)
	if !ok {
		return other
	}
	// Whole numbers have no visible fraction digits: v, w, f and t are 0.
	if plural.Cardinal.MatchPlural(pluralTags[lang], n, 0, 0, 0, 0) == plural.One {
		return one
	}
	return other
}

// count returns the plural operand of the first argument of a Go integer
// type: its absolute value, as the plural rules take it.
func count(args []any) (int, bool) {
	for _, a := range args {
		switch v := a.(type) {
		case int:
			return operand(int64(v)), true
		case int8:
			return operand(int64(v)), true
		case int16:
			return operand(int64(v)), true
		case int32:
			return operand(int64(v)), true
		case int64:
			return operand(v), true
		case uint8:
			return operand(int64(v)), true
		case uint16:
			return operand(int64(v)), true
		case uint32:
			return operand(int64(v)), true
		case uint:
			return operandUnsigned(uint64(v)), true
		case uint64:
			return operandUnsigned(v), true
		case uintptr:
			return operandUnsigned(uint64(v)), true
		}
	}
	return 0, false
}

// operand returns |n|; numbers past math.MaxInt, which the rules cannot
// index, are math.MaxInt, "other" in every language.
func operand(n int64) int {
	if n == math.MinInt64 {
		return math.MaxInt
	}
	if n < 0 {
		n = -n
	}
	return operandUnsigned(uint64(n))
}

// operandUnsigned returns n, or math.MaxInt for a number past it.
func operandUnsigned(n uint64) int {
	if n > math.MaxInt {
		return math.MaxInt
	}
	return int(n)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// Keys returns every key in the catalogue, sorted.
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lookup returns the catalogue entry for key.
func Lookup(key string) (Message, bool) {
	m, ok := catalogue[key]
	return m, ok
}

// ParseLang reads a language as users and Slack write it: "el", "el-GR",
// "en_US", "greek", "ελληνικά", "english", "αγγλικά".
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "el" || strings.HasPrefix(s, "el-") || strings.HasPrefix(s, "el_") ||
		s == "gr" || s == "greek" || s == "ελληνικά" || s == "ελληνικα":
		return Greek, true
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_") ||
		s == "english" || s == "αγγλικά" || s == "αγγλικα":
		return English, true
	}
	return "", false
}
