package greek

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

type stemCase struct {
	word, want, why string
}

func checkStems(t *testing.T, cases []stemCase) {
	t.Helper()
	for _, c := range cases {
		if got := Stem(c.word); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q (%s)", c.word, got, c.want, c.why)
		}
	}
}

// TestSteps checks each step of greek.sbl on a word that reaches it, most
// of them twice: once for the plain removal and once for an exception.
// The stems are those of the reference implementation.
func TestSteps(t *testing.T) {
	t.Run("1 irregular plurals", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"κρέατα", "κρε", "κρεατα → κρε"},
			{"φώτα", "φω", "φωτα → φω"},
			{"γεγονότα", "γεγον", "γεγονοτα → γεγον"},
			{"καθεστώτος", "καθεστ", "καθεστωτοσ → καθεστ"},
		})
	})
	t.Run("s1 -ίζω", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"καθαρίζω", "καθαρ", "-ιζω removed"},
			{"δανείζω", "δανει", "δανε keeps ι"},
			{"βίζα", "βιζ", "β keeps ιζ"},
		})
	})
	t.Run("s2 -ώθηκα", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"σπρώθηκα", "σπρ", "-ωθηκα removed"},
			{"αλώθηκα", "αλων", "αλ gets ων"},
		})
	})
	t.Run("s3 -ισα", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"κάθισα", "καθ", "-ισα removed"},
			{"κλείσα", "κλει", "κλε keeps ι"},
			{"ανίσα", "ανισ", "αν keeps ισ"},
			{"ισα", "ισ", "the word ισα alone keeps ισ"},
		})
	})
	t.Run("s4 -ίσω", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"καθίσω", "καθ", "-ισω removed"},
			{"κλείσω", "κλει", "κλε keeps ι"},
		})
	})
	t.Run("s5 -ιστής", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"κομμουνιστής", "κομμουν", "-ιστησ removed"},
			{"κλειστός", "κλει", "κλε keeps ι"},
			{"μιστος", "μιστ", "μ keeps ιστ"},
		})
	})
	t.Run("s6 -ισμός", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"ρεαλισμός", "ρεαλ", "-ισμοσ removed"},
			{"σεισμός", "σεισμ", "σε keeps ισμ"},
			{"δανεισμός", "δανει", "δανε keeps ι"},
			{"τοπικισμός", "τοπ", "τοπικ → τοπ"},
			{"Αλεξανδρινισμός", "αλεξανδρ", "αλεξανδριν → αλεξανδρ"},
		})
	})
	t.Run("s7 -αράκι", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"ψαράκια", "ψ", "-αρακια removed"},
			{"σαράκι", "σαρακ", "σ keeps αρακ"},
		})
	})
	t.Run("s8 -άκι, -ίτσα", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"σπιτάκι", "σπιτ", "-ακι removed"},
			{"κοράκι", "κορακ", "κορ keeps ακ"},
			{"βαλίτσα", "βαλιτσ", "βαλ keeps ιτσ"},
			{"μικροκορίτσα", "μικροκοριτσ", "an ending in κορ keeps ιτσ"},
		})
	})
	t.Run("s9 -ίδιο", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"παιδιά", "πα", "-ιδια removed"},
			{"ολόιδιο", "ολοιδ", "ολο keeps ιδ"},
			{"παιχνίδια", "παιχνιδ", "an ending in παιχν keeps ιδ"},
		})
	})
	t.Run("s10 -ίσκος", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"πυργίσκος", "πυργ", "-ισκοσ removed"},
			{"οβελίσκος", "οβελισκ", "οβελ keeps ισκ"},
		})
	})
	t.Run("2a-2d plurals and genitives", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"παπάδες", "παπαδ", "2a: -αδεσ → αδ"},
			{"μαμάδες", "μαμ", "2a: μαμ drops αδ"},
			{"γιαγιάδες", "γιαγ", "2a: γιαγι drops αδ; 2a does not count as a removal, so step 6 removes ι"},
			{"καφέδες", "καφ", "2b: -εδεσ removed"},
			{"μιλέδες", "μιλεδ", "2b: μιλ keeps εδ"},
			{"παππούδες", "παππ", "2c: -ουδεσ removed"},
			{"βελούδων", "βελουδ", "2c: βελ keeps ουδ"},
			{"πόλεως", "πολ", "2d: -εωσ removed"},
			{"πάρεως", "παρε", "2d: παρ keeps ε"},
		})
	})
	t.Run("3 -ια, 4 -ικα", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"χωριού", "χωρ", "3: -ιου removed"},
			{"πλοίου", "πλοι", "3: ι kept after a vowel"},
			{"πολιτικό", "πολιτ", "4: -ικο removed"},
			{"ηρωικό", "ηρωικ", "4: ικ kept after a vowel"},
			{"μπαγιάτικα", "μπαγιατικ", "4: μπαγιατ keeps ικ"},
		})
	})
	t.Run("5a-5f", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"αγαπάμε", "αγαπ", "5a: -αμε removed"},
			{"αγαπήσαμε", "αγαπ", "5a: -ησαμε removed"},
			{"πικραμε", "πικραμ", "5a: πικρ keeps αμ"},
			{"αγαμε", "αγαμ", "5a: the word αγαμε alone keeps αγαμ"},
			{"αγαπάνε", "αγαπ", "5b: -ανε removed"},
			{"τρώγανε", "τρωγ", "5b: -ανε removed"},
			{"τρέχετε", "τρεχ", "5c: -ετε removed"},
			{"πλέετε", "πλεετ", "5c: ετ kept after a vowel"},
			{"φορέτε", "φορετ", "5c: an ending in φορ keeps ετ"},
			{"κοπετε", "κοπετ", "5c: κοπ keeps ετ"},
			{"τρέχοντας", "τρεχ", "5d: -οντασ removed"},
			{"αρχοντας", "αρχοντ", "5d: αρχ keeps οντ"},
			{"κρεωντας", "κρεωντ", "5d: an ending in κρε keeps ωντ"},
			{"ερχόμαστε", "ερχ", "5e: -ομαστε removed"},
			{"ονομαστε", "ονομαστ", "5e: ον keeps ομαστ"},
			{"παρακαλέστε", "παρακαλιεστ", "5f: παρακαλ gets ιεστ"},
		})
	})
	t.Run("5g-5m", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"αγαπήθηκα", "αγαπ", "5g: -ηθηκα removed"},
			{"βρήκα", "βρ", "5g: -ηκα removed"},
			{"θήκα", "θηκ", "5g: θ keeps ηκ"},
			{"αγαπούσα", "αγαπ", "5h: -ουσα removed"},
			{"βλέπουσα", "βλεπουσ", "5h: an ending in βλεπ keeps ουσ"},
			{"πατούσα", "πατουσ", "5h: πατ keeps ουσ"},
			{"φύλαγα", "φυλ", "5i: -αγα removed"},
			{"κολλαγα", "κολλαγ", "5i: an ending in κολλ keeps αγ"},
			{"ψόφαγα", "ψοφ", "5i: ψοφ gets nothing"},
			{"αμάλαγα", "αμαλαγ", "5i: αμαλ keeps αγ"},
			{"αγάπησα", "αγαπ", "5j: -ησα removed"},
			{"φυλαγαησα", "φυλ", "5j runs before 5i: -ησα, then -αγα removed"},
			{"νήσου", "νησ", "5j: ν keeps ησ"},
			{"αγαπήστε", "αγαπ", "5k: -ηστε removed"},
			{"χρήστε", "χρηστ", "5k: χρ keeps ηστ"},
			{"αγαπούνε", "αγαπ", "5l: -ουνε removed"},
			{"ρούνε", "ρουν", "5l: ρ keeps ουν"},
			{"αγαπούμε", "αγαπ", "5m: -ουμε removed"},
			{"φούμε", "φουμ", "5m: φ keeps ουμ"},
		})
	})
	t.Run("6 endings, 7 comparatives", func(t *testing.T) {
		checkStems(t, []stemCase{
			{"Δήμος", "δημ", "6: -οσ removed"},
			{"ποδήματα", "ποδημ", "6: -ματα → μα, then α removed"},
			{"καλύτερος", "καλ", "6 then 7: -υτερ removed"},
			{"ωραιότατος", "ωραι", "6 then 7: -οτατ removed"},
			{"καθαρίζουμε", "καθαρ", "6 does not run after an earlier step removed a suffix"},
		})
	})
}

// TestReferenceQuirks pins stems where greek.sbl, as compiled, does not
// do what its text seems to say; the reference gives these, so we do too.
func TestReferenceQuirks(t *testing.T) {
	checkStems(t, []stemCase{
		{"αλαικα", "αλικικ", "4: after ικ is appended behind the vowel, αλ still gets ικ in place of the α"},
		{"πιάνε", "παναν", "5b: after αν is appended behind the ι, π still gets αν in place of the ι"},
		{"υπονετε", "υετετ", "5c: after ετ is appended behind πον, υ still gets ετ in place of πον"},
		{"Ευρωπαϊκή", "ευρωπαηκ", "tolower makes ϊ an η, not an ι"},
		{"Πλοϊέστι", "πλοηεστ", "tolower makes ϊ an η, not an ι"},
	})
}

// TestOfficeWords checks that the inflected names and words of the
// office's letters meet on one stem, or (συνεργασία, μνημόνιο) that the
// nominative's stem is a prefix of the others': the reference keeps the ι
// of -ιας and -ιο, so only a prefix match of stems joins those forms.
func TestOfficeWords(t *testing.T) {
	groups := []struct {
		stem  string
		forms []string
	}{
		{"λεμεσ", []string{"Λεμεσός", "Λεμεσού", "Λεμεσο", "ΛΕΜΕΣΟΣ", "λεμεσος"}},
		{"δημ", []string{"Δήμος", "Δήμου", "Δήμο", "Δήμοι", "ΔΉΜΟΣ"}},
		{"αδελφοποιησ", []string{"αδελφοποίηση", "αδελφοποιήσεις", "αδελφοποιήσεων", "Αδελφοποίησης"}},
		{"προσκλησ", []string{"πρόσκληση", "προσκλήσεις", "προσκλήσεων", "ΠΡΟΣΚΛΗΣΕΙΣ"}},
		{"συνεργασ", []string{"συνεργασία", "συνεργασιών", "Συνεργασία"}},
		{"μαρουσ", []string{"Μαρούσι", "Μαρουσιού"}},
		{"κυπρ", []string{"Κύπρος", "Κύπρου", "ΚΥΠΡΟΣ"}},
		{"υπογραφ", []string{"υπογραφή", "υπογραφές", "υπογραφών"}},
	}
	for _, g := range groups {
		for _, form := range g.forms {
			if got := Stem(form); got != g.stem {
				t.Errorf("Stem(%q) = %q, want %q", form, got, g.stem)
			}
		}
	}
	prefixOf := []struct{ nominative, inflected, stem string }{
		{"συνεργασία", "συνεργασίας", "συνεργασι"},
		{"μνημόνια", "μνημόνιο", "μνημονι"},
		{"Αμαρουσίου", "Αμαρούσιο", "αμαρουσι"},
	}
	for _, p := range prefixOf {
		short, long := Stem(p.nominative), Stem(p.inflected)
		if long != p.stem || !strings.HasPrefix(long, short) {
			t.Errorf("Stem(%q) = %q, want %q starting with Stem(%q) = %q", p.inflected, long, p.stem, p.nominative, short)
		}
	}
}

// TestOtherInput checks what Stem does with what is not a plain Greek word.
func TestOtherInput(t *testing.T) {
	checkStems(t, []stemCase{
		{"", "", "empty"},
		{"ά", "α", "under three letters: only lowered"},
		{"ΤΚ", "τκ", "under three letters: only lowered"},
		{"Einladungen", "Einladungen", "Latin script: unchanged, as the reference leaves it"},
		{"MoU", "MoU", "Latin script: unchanged"},
		{"2026", "2026", "digits: unchanged"},
		{"e-Δήμος", "e-δημ", "mixed scripts: the Greek end is stemmed"},
		{"Δήμοςabc", "δημοσabc", "mixed scripts: a Latin end stops the steps, the Greek is lowered"},
		{"Λεμεσός2026", "λεμεσοσ2026", "digits at the end stop the steps"},
		{"\xffΔήμος", "\xffδημ", "an invalid byte is kept"},
		{"Δήμος\xff", "δημοσ\xff", "an invalid byte at the end stops the steps"},
		{"Λεμεσο\u0301ς", "λεμεσο\u0301σ", "a combining accent (NFD) is kept and stops the steps"},
	})
}

// TestLongWord checks that a very long word is stemmed like a short one,
// in time proportional to its length.
func TestLongWord(t *testing.T) {
	long := strings.Repeat("α", 100_000)
	if got, want := Stem(long+"κισμός"), long+"κ"; got != want {
		t.Errorf("Stem(100 000 × α + κισμός) has %d bytes, want %d", len(got), len(want))
	}
	if got := Stem(strings.Repeat("Δήμος", 20_000)); !strings.HasSuffix(got, "δημοσδημ") {
		t.Errorf("Stem(20 000 × Δήμος) ends with %q, want …δημοσδημ", got[len(got)-16:])
	}
}

// TestLoweredStemsAlike checks that a word and its lowered, unaccented
// form (the form the steps work on) have the same stem.
func TestLoweredStemsAlike(t *testing.T) {
	for _, ref := range loadReference(t)[:2000] {
		lower := string(lowered(ref.word).b)
		if Stem(lower) != Stem(ref.word) {
			t.Errorf("Stem(%q) = %q but Stem(%q) = %q", ref.word, Stem(ref.word), lower, Stem(lower))
		}
	}
}

// FuzzStem checks that Stem never panics, keeps valid UTF-8 valid, leaves
// words without Greek letters alone, stems a word like its lowered form
// and never grows a word by more than a few letters.
func FuzzStem(f *testing.F) {
	for _, seed := range []string{"", "Λεμεσός", "αλαικα", "πιάνε", "υπονετε", "ισα", "αγαμε",
		"Ευρωπαϊκής", "e-Δήμος", "\xffΔήμος", "Δ\xceος", "σεισμός", "παπάδες"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, word string) {
		stem := Stem(word)
		if utf8.ValidString(word) && !utf8.ValidString(stem) {
			t.Fatalf("Stem(%q) = %q is not valid UTF-8", word, stem)
		}
		if !hasGreek(word) && stem != word {
			t.Fatalf("Stem(%q) = %q, want the word unchanged", word, stem)
		}
		if lower := string(lowered(word).b); Stem(lower) != stem {
			t.Fatalf("Stem(%q) = %q but Stem(%q) = %q", word, stem, lower, Stem(lower))
		}
		if len(stem) > len(word)+16 {
			t.Fatalf("Stem(%q) = %q grew by %d bytes", word, stem, len(stem)-len(word))
		}
	})
}

func ExampleStem() {
	for _, w := range []string{"Λεμεσός", "Λεμεσού", "αδελφοποιήσεις", "Einladung"} {
		fmt.Println(w, Stem(w))
	}
	// Output:
	// Λεμεσός λεμεσ
	// Λεμεσού λεμεσ
	// αδελφοποιήσεις αδελφοποιησ
	// Einladung Einladung
}
