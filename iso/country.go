package iso

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/proxenos/proxenos"
)

// notCountries are codes CLDR counts as countries that ISO 3166-1 only
// reserves (territories with a code of their own for other bodies) or
// that name no country.
var notCountries = map[string]bool{
	"AC": true, "CP": true, "CQ": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true, "UN": true,
}

// shownNames are the names shown where CLDR's are out of date.
var shownNames = map[string][2]string{
	"MK": {"Βόρεια Μακεδονία", "North Macedonia"},
}

// aliases are more names the office types for a country: short forms,
// older or informal names, in either language.
var aliases = map[string][]string{
	"US": {"ΗΠΑ", "Ηνωμένες Πολιτείες Αμερικής", "Αμερική", "USA", "United States of America", "America"},
	"GB": {"ΗΒ", "Μεγάλη Βρετανία", "Βρετανία", "Αγγλία", "UK", "Great Britain", "Britain", "England"},
	"NL": {"Κάτω Χώρες", "Holland"},
	"CZ": {"Τσεχική Δημοκρατία", "Czech Republic"},
	"BA": {"Βοσνία", "Bosnia"},
	"MK": {"Macedonia"},
	"SZ": {"Εσουατίνι", "Eswatini"},
	"CI": {"Ivory Coast"},
	"VA": {"Αγία Έδρα", "Vatican", "Holy See"},
	"PS": {"Παλαιστίνη", "Palestine"},
	"RU": {"Ρωσική Ομοσπονδία", "Russian Federation"},
	// The EU writes Greece EL, and so do many of the office's partners.
	"GR": {"EL"},
}

var (
	countryCodes = table{codes: map[string]string{}, key: countryKey}
	countryShown = map[string][2]string{} // code → Greek and English name
)

func init() {
	codes := countryCodeList()
	for _, code := range codes {
		countryCodes.add(code, code)
	}
	for _, code := range codes {
		r := language.MustParseRegion(code)
		names, ok := shownNames[code]
		if !ok {
			names = [2]string{display.Greek.Regions().Name(r), display.English.Regions().Name(r)}
		}
		countryShown[code] = names
		countryCodes.add(code, names[0], names[1])
		countryCodes.add(code, aliases[code]...)
		countryCodes.add(code, ownName(r))
	}
	// The genitive, as letters name a country ("Δήμος Λεμεσού, Κύπρου"),
	// last: it never takes a key from a name.
	for _, code := range codes {
		countryCodes.add(code, genitive(countryShown[code][0]))
	}
}

// countryCodeList returns the ISO 3166-1 alpha-2 codes that CLDR names,
// in order.
func countryCodeList() []string {
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			// Withdrawn codes (UK, FX, YU) canonicalize to another or none.
			if err == nil && r.IsCountry() && r.String() == code && r.Canonicalize() == r && !notCountries[code] &&
				display.English.Regions().Name(r) != "" {
				codes = append(codes, code)
			}
		}
	}
	return codes
}

// ownName returns the name of r in its main language: "Deutschland",
// "Italia", "România".
func ownName(r language.Region) string {
	base, conf := language.Make("und-" + r.String()).Base()
	if conf == language.No {
		return ""
	}
	// Regions is nil for a language CLDR has no names in.
	if names := display.Regions(language.Make(base.String())); names != nil {
		return names.Name(r)
	}
	return ""
}

// genitive returns a Greek name in the genitive, word by word, as far
// as the common endings go ("Κύπρος" → "Κύπρου", "Ιταλία" → "Ιταλίας",
// "Νότια Κορέα" → "Νότιας Κορέας"); accents are dropped, as keys drop
// them.
func genitive(name string) string {
	words := strings.Fields(proxenos.SearchKey(name))
	for i, w := range words {
		for _, e := range [][2]string{{"οσ", "ου"}, {"ασ", "α"}, {"ησ", "η"}, {"α", "ασ"}, {"η", "ησ"}, {"ο", "ου"}} {
			if stem, ok := strings.CutSuffix(w, e[0]); ok && stem != "" {
				words[i] = stem + e[1]
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// Country returns the ISO 3166-1 alpha-2 code of a country as typed: a
// code in any case ("cy"), or a name in Greek, English or the country's
// own language, in any case and with or without accents ("Κύπρος",
// "κυπρος", "Cyprus", "Deutschland"), or a Greek name in the genitive
// ("Κύπρου"). False for anything else.
func Country(s string) (string, bool) {
	return countryCodes.lookup(strings.TrimSuffix(strings.TrimSpace(s), "."))
}

// CountryName names the country of code in lang: "Κύπρος", "Cyprus". A
// value that is no code (a country kept as written before codes) is
// returned as it is.
func CountryName(lang proxenos.Lang, code string) string {
	names, ok := countryShown[code]
	if !ok {
		return code
	}
	if lang == proxenos.Greek && names[0] != "" {
		return names[0]
	}
	return names[1]
}
