package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// meetsByStem reports whether every word of query shares a stem key with
// a record in lang holding text.
func meetsByStem(query, lang, text string) bool {
	keys := Stems(lang, Words(text))
	for _, w := range Query(query) {
		if !slices.ContainsFunc(QueryStems(w), func(k string) bool { return slices.Contains(keys, k) }) {
			return false
		}
	}
	return true
}

func TestStems_GreekInflection(t *testing.T) {
	for _, tc := range []struct{ query, text string }{
		{"Λεμεσος", "Δήμος Λεμεσού"},
		{"Λεμεσού", "Λεμεσός"},
		{"συνεργασία", "Πρόταση συνεργασίας"},
		{"συνεργασίας", "συνεργασία"},
		{"αδελφοποίηση", "αδελφοποιήσεις"},
		{"αδελφοποιήσεων", "αδελφοποίηση"},
		{"Ιταλίας", "Ιταλία"},
		{"Γερμανία", "Πρεσβεία της Γερμανίας"},
		{"σχεδίου", "σχέδιο"},
		{"μνημόνιο", "μνημονίου"},
		{"ΠΡΟΣΚΛΗΣΕΙΣ", "πρόσκληση"},
		{"Αθηνών", "Αθήνα"},
	} {
		// The language of the record does not matter to Greek words.
		for _, lang := range []string{"", "el", "de"} {
			if !meetsByStem(tc.query, lang, tc.text) {
				t.Errorf("%q (lang %q) does not meet %q", tc.text, lang, tc.query)
			}
		}
	}
}

// Words that look alike but are not forms of one another must not meet:
// a stem is not matched by any longer or shorter one, only by itself
// plus or minus a final ι after at least four letters.
func TestStems_GreekDoesNotOverMatch(t *testing.T) {
	for _, tc := range []struct{ query, text string }{
		{"δημοσίευση", "δημόσιο"},   // δημοσιευσ, δημοσι
		{"δημόσιο", "δημοσίευση"},   // and back
		{"δημόσιο", "Δήμος"},        // δημοσι, δημ
		{"αγαπητή", "αγάπη"},        // αγαπητ, αγαπ
		{"απόγευμα", "απογευόσουν"}, // απογευμ, απογευ: not an ι
		{"αφορμή", "αφορούν"},       // αφορμ, αφορ
		{"Πάριος", "πάριων"},        // παρι, παρ: three letters
		{"αρτιότερους", "άρτοι"},    // αρτι, αρτ
		{"Λεμεσός", "Λάρνακα"},
	} {
		if meetsByStem(tc.query, "el", tc.text) {
			t.Errorf("%q meets %q by stem", tc.text, tc.query)
		}
	}
}

func TestStems_LatinByLanguage(t *testing.T) {
	if !meetsByStem("Einladungen", "de", "Einladung zum Forum") {
		t.Error("Einladungen does not meet Einladung in German")
	}
	if !meetsByStem("invitations", "en", "An invitation") {
		t.Error("invitations does not meet invitation in English")
	}
	if !meetsByStem("Städte", "de", "Stadt Köln") {
		t.Error("Städte does not meet Stadt in German")
	}
	// Without a language a Latin word has no stem.
	if got := Stems("", Words("Einladung zum Forum")); len(got) != 0 {
		t.Errorf("stems without a language = %q, want none", got)
	}
	if meetsByStem("Einladungen", "", "Einladung") {
		t.Error("Einladungen meets Einladung of unknown language")
	}
	if meetsByStem("Einladungen", "el", "Einladung") {
		t.Error("Einladungen meets Einladung in a Greek entry")
	}
}

// Stem keys share an index with words: no query word may be a key or a
// prefix of one, and no key may be a word.
func TestStems_KeysAreNotWords(t *testing.T) {
	keys := Stems("de", Words("Einladungen Δήμος Λεμεσού συνεργασίας 2027 q"))
	keys = append(keys, QueryStems("einladungen")...)
	keys = append(keys, QueryStems("συνεργασιας")...)
	for _, k := range keys {
		for _, w := range Words(k) {
			if strings.HasPrefix(k, w) {
				t.Errorf("key %q begins with word %q", k, w)
			}
		}
		if !strings.HasPrefix(k, stemMark) {
			t.Errorf("key %q lacks the stem mark", k)
		}
	}
}

func TestLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"de": "de", "DE": "de", "de-AT": "de", "deu": "de", "German": "de", "Deutsch": "de", "γερμανικά": "de",
		"Γαλλικά": "fr", "français": "fr", "nb": "no", "Italian": "it", "ro": "ro",
		"el": "", "ελληνικά": "", "sr": "", "": "", "  ": "", "klingon": "", "xx": "",
	} {
		if got := Language(in); got != want {
			t.Errorf("Language(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountryLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"DE": "de", "de": "de", "DEU": "de", "Germany": "de", "Γερμανία": "de", "γερμανια": "de",
		"AT": "de", "Ιταλία": "it", "FR": "fr", "Ρουμανία": "ro", "Sweden": "sv", "Belgium": "nl",
		"CY": "", "Κύπρος": "", "GR": "", "Σερβία": "", "": "", "Atlantis": "",
	} {
		if got := CountryLanguage(in); got != want {
			t.Errorf("CountryLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzStems: any text gives stem keys, marked and valid UTF-8, without
// a panic in any stemmer.
func FuzzStems(f *testing.F) {
	for _, s := range []string{"Einladungen", "συνεργασίας", "ΐΰ ϊ", "x1y2 2027", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ﬁ ß İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := Words(text)
		keys := Stems("de", words)
		for _, w := range words {
			keys = append(keys, QueryStems(w)...)
			for _, lang := range stemmerCodes {
				keys = append(keys, Stems(lang, []string{w})...)
			}
		}
		for _, k := range keys {
			if !strings.HasPrefix(k, stemMark) || !utf8.ValidString(k) {
				t.Fatalf("bad key %q of %q", k, text)
			}
		}
	})
}
