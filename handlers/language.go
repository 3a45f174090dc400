package handlers

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// languageCodes maps the SearchKey of every ISO 639-1 code, and of every
// such language's name in English, in Greek and in the language itself
// ("German", "γερμανικά", "Deutsch"), to the code.
var languageCodes = map[string]string{}

func init() {
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			code := string([]rune{a, b})
			base, err := language.ParseBase(code)
			if err != nil || base.String() != code {
				continue
			}
			languageCodes[code] = code
			for _, name := range []string{display.English.Languages().Name(base),
				display.Greek.Languages().Name(base), display.Self.Name(base)} {
				if name != "" {
					languageCodes[proxenos.SearchKey(name)] = code
				}
			}
		}
	}
}

// LanguageOf returns the ISO 639-1 code of a language as typed: a code
// in any case ("DE"), a tag whose language has one ("pt-BR", "el_GR",
// "deu"), a name ("German", "γερμανικά", "Deutsch"), or the interface's
// own spellings ("gr", "ελληνικα"). False for anything else.
func LanguageOf(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if l, ok := i18n.ParseLang(s); ok {
		return string(l), true
	}
	if code, ok := languageCodes[proxenos.SearchKey(s)]; ok {
		return code, true
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	base, confidence := tag.Base()
	code, ok := languageCodes[base.String()]
	return code, ok && confidence == language.Exact
}

// ParseLanguage reads the language typed for field as its ISO 639-1
// code: "" stays "", and anything that is not a language is EINVALID,
// naming the field with an example.
func ParseLanguage(field, value string) (string, error) {
	if strings.TrimSpace(value) == "" {
		return "", nil
	}
	code, ok := LanguageOf(value)
	if !ok {
		return "", proxenos.Errorf(proxenos.EINVALID, "input.invalid_lang", proxenos.Field(field), value)
	}
	return code, nil
}
