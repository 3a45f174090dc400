package iso

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/proxenos/proxenos"
)

// languageCodes maps the keys of every ISO 639-1 code, and of every such
// language's name in English, in Greek and in the language itself
// ("German", "γερμανικά", "Deutsch"), to the code.
var languageCodes = table{codes: map[string]string{}, key: proxenos.SearchKey}

func init() {
	var bases []language.Base
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			code := string([]rune{a, b})
			if base, err := language.ParseBase(code); err == nil && base.String() == code {
				bases = append(bases, base)
				languageCodes.add(code, code)
			}
		}
	}
	for _, base := range bases {
		languageCodes.add(base.String(), display.English.Languages().Name(base),
			display.Greek.Languages().Name(base), display.Self.Name(base))
	}
	// "gr" is how many write Greek, after the country.
	languageCodes.add("el", "gr")
}

// Language returns the ISO 639-1 code of a language as typed: a code in
// any case ("DE"), a tag whose language has one ("pt-BR", "el_GR",
// "deu"), or a name in English, Greek or the language itself ("German",
// "γερμανικά", "Deutsch"). False for anything else.
func Language(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if code, ok := languageCodes.lookup(s); ok {
		return code, true
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", false
	}
	base, confidence := tag.Base()
	if code, ok := languageCodes.lookup(base.String()); ok && confidence == language.Exact {
		return code, true
	}
	return "", false
}

// LanguageName names the language of code in lang: "γερμανικά" (Greek
// writes language names in lower case), "German". A value that is no
// code (a language kept as written before codes) is returned as it is.
func LanguageName(lang proxenos.Lang, code string) string {
	base, err := language.ParseBase(code)
	if err != nil || base.String() != code || languageCodes.codes[code] != code {
		return code
	}
	if lang == proxenos.Greek {
		if name := display.Greek.Languages().Name(base); name != "" {
			return lower(name)
		}
	}
	if name := display.English.Languages().Name(base); name != "" {
		return name
	}
	return code
}
