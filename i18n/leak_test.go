package i18n_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/i18n/i18ntest"
)

// argVerb matches a fmt verb, with an optional explicit argument index.
var argVerb = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?([a-zA-Z%])`)

// plausibleArgs returns arguments for a template: a Greek word for each
// text, 3 for each number, so that only the template's own words remain.
func plausibleArgs(tmpl string) []any {
	var args []any
	next := 1
	for _, m := range argVerb.FindAllStringSubmatch(tmpl, -1) {
		if m[4] == "%" {
			continue
		}
		idx := next
		if m[2] != "" {
			fmt.Sscanf(m[2], "%d", &idx)
		}
		next = idx + 1
		for len(args) < idx {
			args = append(args, nil)
		}
		switch m[4] {
		case "d":
			args[idx-1] = 3
		case "f", "g":
			args[idx-1] = 1.5
		default:
			args[idx-1] = "Λεμεσός"
		}
	}
	return args
}

// named are the internal words a Greek message must quote as they are,
// with the reason.
var named = map[string][]string{
	// The key of the configuration file, which is English YAML.
	"config.invalid.storage": {"storage.url"},
}

// TestGreekCatalogueSpeaksGreek formats every Greek message of the
// catalogue and fails on an internal word: a field key, a status or kind
// code, an ISO date or a catalogue key.
func TestGreekCatalogueSpeaksGreek(t *testing.T) {
	for _, key := range i18n.Keys() {
		m, _ := i18n.Lookup(key)
		for _, tmpl := range []string{m.EL, m.ELOne} {
			if tmpl == "" {
				continue
			}
			text := fmt.Sprintf(tmpl, plausibleArgs(tmpl)...)
			if leaks := i18ntest.Leaks(text, named[key]...); len(leaks) > 0 {
				t.Errorf("%s: Greek reads internal words %q: %s", key, leaks, text)
			}
		}
	}
}

// TestLeaks shows what the check finds, so that a change to the
// vocabulary that blinds it fails here.
func TestLeaks(t *testing.T) {
	vocab := i18ntest.Vocabulary()
	for _, w := range []string{"date", "from", "cc", "watching", "twinning", "sister_city", "in", "letter"} {
		if !slices.Contains(vocab, w) {
			t.Errorf("vocabulary lacks %q: %v", w, vocab)
		}
	}
	if slices.Contains(vocab, "email") {
		t.Error("vocabulary has email, which Greek writes as it is")
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Το πεδίο date πρέπει να είναι ημερομηνία", []string{"date"}},
		{"status: watching → preparing", []string{"status", "watching", "preparing"}},
		{"τρέχουσα τιμή: 2026-12-07", []string{"2026-12-07"}},
		{"Άγνωστο: field.nosuch", []string{"field.nosuch"}},
		{"Δείτε /ir lang και <https://example.org/date|σελίδα>, email", nil},
		{"Η κατάσταση άλλαξε σε «Υποβλήθηκε»", nil},
	} {
		if got := i18ntest.Leaks(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Leaks(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if got := i18ntest.Leaks("Θέμα: forum date", "date"); len(got) != 0 {
		t.Errorf("a word the user typed is not a leak: %q", got)
	}
}
