package iso_test

import (
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/iso"
)

// TestCountry checks what a country field takes: codes in any case, and
// names in Greek (also in the genitive), English and the country's own
// language, with or without accents; nothing else.
func TestCountry(t *testing.T) {
	for in, want := range map[string]string{
		"CY": "CY", "cy": "CY", " Cy ": "CY", "Κύπρος": "CY", "κυπρος": "CY", "ΚΥΠΡΟΣ": "CY", "Cyprus": "CY",
		"CYPRUS": "CY", "Κύπρου": "CY", "Γερμανία": "DE", "Γερμανίας": "DE", "Germany": "DE", "Deutschland": "DE",
		"Ηνωμένο Βασίλειο": "GB", "Ηνωμένου Βασιλείου": "GB", "ΗΒ": "GB", "UK": "GB", "United Kingdom": "GB",
		"ΗΠΑ": "US", "USA": "US", "Ηνωμένες Πολιτείες": "US", "Ιταλία": "IT", "Italia": "IT", "Italy": "IT",
		"Ελλάδα": "GR", "Ελλάδας": "GR", "EL": "GR", "Greece": "GR", "Ρουμανία": "RO", "România": "RO", "Romania": "RO",
		"Σερβία": "RS", "Србија": "RS", "Bosnia and Herzegovina": "BA", "Βοσνία-Ερζεγοβίνη": "BA",
		"the Netherlands": "NL", "Ολλανδία": "NL", "Κάτω Χώρες": "NL", "Βόρεια Μακεδονία": "MK", "North Macedonia": "MK",
		"Türkiye": "TR", "Turkey": "TR", "Βέλγιο": "BE", "Βελγίου": "BE", "Καναδάς": "CA", "Γαλλία.": "FR", "XK": "XK",
	} {
		if got, ok := iso.Country(in); !ok || got != want {
			t.Errorf("Country(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "ZZ", "EU", "UN", "QO", "XA", "Βαλκάνια", "Λεμεσός", "Europe", "Cyprus please", "C", "CYP", "<!channel>", "42"} {
		if got, ok := iso.Country(in); ok {
			t.Errorf("Country(%q) = %q, want refusal", in, got)
		}
	}
}

// TestCountryName checks the names shown for a code in each language,
// and that a value kept as written before codes is shown as written.
func TestCountryName(t *testing.T) {
	for _, c := range []struct {
		code, el, en string
	}{
		{"CY", "Κύπρος", "Cyprus"}, {"FR", "Γαλλία", "France"}, {"DE", "Γερμανία", "Germany"},
		{"GB", "Ηνωμένο Βασίλειο", "United Kingdom"}, {"MK", "Βόρεια Μακεδονία", "North Macedonia"},
		{"Βαλκάνια", "Βαλκάνια", "Βαλκάνια"}, {"", "", ""}, {"cy", "cy", "cy"},
	} {
		if got := iso.CountryName(proxenos.Greek, c.code); got != c.el {
			t.Errorf("CountryName(el, %q) = %q, want %q", c.code, got, c.el)
		}
		if got := iso.CountryName(proxenos.English, c.code); got != c.en {
			t.Errorf("CountryName(en, %q) = %q, want %q", c.code, got, c.en)
		}
	}
}

// TestCountryRoundTrip checks that every code's shown names read back
// as the code, in both languages.
func TestCountryRoundTrip(t *testing.T) {
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if _, ok := iso.Country(code); !ok || iso.CountryName(proxenos.English, code) == code {
				continue
			}
			n++
			for _, lang := range []proxenos.Lang{proxenos.Greek, proxenos.English} {
				if got, ok := iso.Country(iso.CountryName(lang, code)); !ok || got != code {
					t.Errorf("Country(CountryName(%s, %s)) = %q, %v", lang, code, got, ok)
				}
			}
		}
	}
	// ISO 3166-1 has 249 codes; Kosovo's XK is the one more in use.
	if n != 250 {
		t.Errorf("%d countries, want 250", n)
	}
}

// TestLanguage checks what a language field takes: ISO 639-1 codes,
// tags of their languages, and names in English, Greek and the language
// itself; nothing else.
func TestLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"de": "de", "DE": "de", " it ": "it", "sr": "sr", "el-GR": "el", "el_GR": "el", "pt-BR": "pt", "deu": "de",
		"German": "de", "german": "de", "γερμανικά": "de", "ΓΕΡΜΑΝΙΚΑ": "de", "Deutsch": "de", "italiano": "it",
		"English": "en", "αγγλικά": "en", "ελληνικά": "el", "Ελληνικα": "el", "greek": "el", "gr": "el",
		"Français": "fr", "γαλλικά": "fr", "српски": "sr",
	} {
		if got, ok := iso.Language(in); !ok || got != want {
			t.Errorf("Language(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "zz", "klingon", "und", "x-foo", "de-", "$where", "<!channel>", "e", "english please", "haw", "42"} {
		if got, ok := iso.Language(in); ok || got != "" {
			t.Errorf("Language(%q) = %q, %v; want refusal", in, got, ok)
		}
	}
}

// TestLanguageName checks the names shown for a language code: lower
// case in Greek, and a value kept as written shown as written.
func TestLanguageName(t *testing.T) {
	for _, c := range []struct {
		code, el, en string
	}{
		{"de", "γερμανικά", "German"}, {"el", "ελληνικά", "Greek"}, {"fr", "γαλλικά", "French"},
		{"ελληνικά", "ελληνικά", "ελληνικά"}, {"", "", ""}, {"DE", "DE", "DE"},
	} {
		if got := iso.LanguageName(proxenos.Greek, c.code); got != c.el {
			t.Errorf("LanguageName(el, %q) = %q, want %q", c.code, got, c.el)
		}
		if got := iso.LanguageName(proxenos.English, c.code); got != c.en {
			t.Errorf("LanguageName(en, %q) = %q, want %q", c.code, got, c.en)
		}
	}
}

// BenchmarkCountry measures reading a typed country: a name in the
// genitive, the slowest path short of a refusal.
func BenchmarkCountry(b *testing.B) {
	for b.Loop() {
		if _, ok := iso.Country("Ηνωμένου Βασιλείου"); !ok {
			b.Fatal("refused")
		}
	}
}
