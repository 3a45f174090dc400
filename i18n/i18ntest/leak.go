// Package i18ntest finds internal words in texts shown to Greek readers:
// the keys of fields, the codes of statuses and kinds, ISO dates and
// catalogue keys that were never rendered. Tests of the catalogue and of
// the handlers use it on every Greek answer they produce.
package i18ntest

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// Vocabulary returns the internal words, sorted: every field key that
// has a label ("field.date" gives "date") and the code of every status,
// kind, relationship, direction and medium of the domain, less the words
// that Greek writes as they are (the medium "email" has the label
// "email").
func Vocabulary() []string { return vocabulary() }

var vocabulary = sync.OnceValue(func() []string {
	words := map[string]bool{}
	for _, k := range i18n.Keys() {
		if f, ok := strings.CutPrefix(k, "field."); ok {
			words[f] = true
		}
	}
	add := func(code string, _ proxenos.Text) { words[code] = true }
	for _, s := range proxenos.CallStatuses {
		add(string(s), s.Label())
	}
	for _, k := range proxenos.AgreementKinds {
		add(string(k), k.Label())
	}
	for _, s := range proxenos.AgreementStatuses {
		add(string(s), s.Label())
	}
	for _, s := range proxenos.ObligationStatuses {
		add(string(s), s.Label())
	}
	for _, d := range []proxenos.Direction{proxenos.Incoming, proxenos.Outgoing} {
		add(string(d), d.Label())
	}
	for _, k := range proxenos.PartnerKinds {
		add(string(k), proxenos.Text{Key: "partner.kind." + string(k)})
	}
	for _, r := range proxenos.Relationships {
		add(string(r), proxenos.Text{Key: "partner.rel." + string(r)})
	}
	for _, k := range proxenos.ContactKinds {
		add(string(k), proxenos.Text{Key: "contact.kind." + string(k)})
	}
	for _, m := range []proxenos.Medium{proxenos.MediumEmail, proxenos.MediumLetter, proxenos.MediumOther} {
		add(string(m), proxenos.Text{Key: "corr.medium." + string(m)})
	}
	// A code that Greek writes as it is, as some value's Greek label
	// ("email"), is a Greek word too.
	for _, label := range greekLabels() {
		delete(words, label)
	}
	return slices.Sorted(func(yield func(string) bool) {
		for w := range words {
			if !yield(w) {
				return
			}
		}
	})
})

// greekLabels returns the Greek labels of the domain's values that are
// one ASCII word, lower-cased: the medium "email".
func greekLabels() []string {
	var labels []string
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "field.") {
			continue
		}
		m, _ := i18n.Lookup(k)
		if word.MatchString(m.EL) && word.FindString(m.EL) == m.EL {
			labels = append(labels, strings.ToLower(m.EL))
		}
	}
	return labels
}

var (
	// isoDate is a date as the store keeps it: 2026-12-07, 2026-12-07T00:00:00Z.
	isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(T[0-9:]+Z?)?\b`)
	// catalogueKey is a key that T could not find, printed as it is.
	catalogueKey = regexp.MustCompile(`\b[a-z]+(\.[a-z_]+)+\b`)
	// fileName is a file named in a message: config.example.yaml.
	fileName = regexp.MustCompile(`\.(yaml|yml|db|csv|xlsx|json|jsonl|txt|pdf|docx|odt|ics)$`)
	// command is a slash command and its subcommand, which Slack names
	// in ASCII whatever the language ("/ir lang", "/call status"), or a
	// flag of the command line (--out).
	command = regexp.MustCompile(`/[a-z]+(\s+[a-z]+)?|--[a-z-]+`)
	// link is an address, or a Slack link or mention: <https://…|label>, <@U1>.
	link = regexp.MustCompile("<[^<>]*>|https?://[^\\s`]+")
	// word is an ASCII word; an underscore joins the parts of a code.
	word = regexp.MustCompile(`\b[A-Za-z_]+\b`)
)

// properNames are names that Greek quotes as they are: the message
// shortcut is «Translate (draft)» in the Slack manifest.
var properNames = []string{"Translate (draft)"}

// Leaks returns the internal words in text, a Greek message: words of
// the vocabulary, ISO dates, and catalogue keys. Commands, links and the
// words in allowed (what the user typed, echoed back) are not leaks.
func Leaks(text string, allowed ...string) []string {
	var leaks []string
	leaks = append(leaks, isoDate.FindAllString(text, -1)...)
	text = link.ReplaceAllString(text, " ")
	for _, name := range properNames {
		text = strings.ReplaceAll(text, name, " ")
	}
	for _, k := range catalogueKey.FindAllString(text, -1) {
		if (i18n.Has(k) || isCatalogueKeyLike(k)) && !fileName.MatchString(k) && !slices.Contains(allowed, k) {
			leaks = append(leaks, k)
		}
	}
	text = command.ReplaceAllString(text, " ")
	vocab := vocabulary()
	for _, w := range word.FindAllString(text, -1) {
		if _, found := slices.BinarySearch(vocab, w); found && !slices.Contains(allowed, w) {
			leaks = append(leaks, w)
		}
	}
	return leaks
}

// isCatalogueKeyLike reports whether k starts as some catalogue key
// does ("field.x" when "field.date" exists): a key looked up but missing.
func isCatalogueKeyLike(k string) bool {
	prefix, _, _ := strings.Cut(k, ".")
	return prefixes()[prefix]
}

var prefixes = sync.OnceValue(func() map[string]bool {
	ps := map[string]bool{}
	for _, k := range i18n.Keys() {
		if p, _, ok := strings.Cut(k, "."); ok {
			ps[p] = true
		}
	}
	return ps
})
