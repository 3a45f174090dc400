// Package i18n is the message catalogue of Proxenos: every text a user sees
// exists in Greek and in English, looked up by a key.
package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is a language of the user interface.
type Lang string

// The languages of the interface.
const (
	Greek   Lang = "el"
	English Lang = "en"
)

// Message is one catalogue entry, in both languages. Templates use fmt
// verbs; use explicit indexes (%[2]s) when the languages order them apart.
type Message struct {
	EL string
	EN string
}

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
	tmpl := m.EN
	if lang == Greek {
		tmpl = m.EL
	}
	if len(args) == 0 {
		return tmpl
	}
	return fmt.Sprintf(tmpl, args...)
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
