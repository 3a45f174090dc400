package handlers

import (
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/iso"
)

// ParseLanguage reads the language typed for field as its ISO 639-1
// code: "" stays "", and anything that is not a language is EINVALID,
// naming the field with an example.
func ParseLanguage(field, value string) (string, error) {
	if strings.TrimSpace(value) == "" {
		return "", nil
	}
	code, ok := iso.Language(value)
	if !ok {
		return "", proxenos.Errorf(proxenos.EINVALID, "input.invalid_lang", proxenos.Field(field), value)
	}
	return code, nil
}

// ParseCountry reads the country typed for field as its ISO 3166-1
// alpha-2 code ("Κύπρος", "κυπρος", "Cyprus", "cy" are all CY): "" stays
// "", and anything that is not a country is EINVALID, naming the field
// with an example.
func ParseCountry(field, value string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return "", nil
	}
	code, ok := iso.Country(value)
	if !ok {
		return "", proxenos.Errorf(proxenos.EINVALID, "input.invalid_country", proxenos.Field(field), value)
	}
	return code, nil
}
