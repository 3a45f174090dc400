package i18n

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"testing"
	"time"
)

// verb matches a fmt verb, with an optional explicit argument index.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

func TestCatalogue(t *testing.T) {
	for _, key := range Keys() {
		m, _ := Lookup(key)
		t.Run(key, func(t *testing.T) {
			if m.EL == "" || m.EN == "" {
				t.Fatalf("message %q lacks a language: el=%q en=%q", key, m.EL, m.EN)
			}
			if got, want := countArgs(m.EL), countArgs(m.EN); got != want {
				t.Fatalf("message %q: Greek takes %d arguments, English %d", key, got, want)
			}
			// Both languages have one/other plurals: a message that agrees
			// with its count in one language has one-forms in both, even
			// where one of them reads like its other form.
			if (m.ELOne == "") != (m.ENOne == "") {
				t.Fatalf("message %q has a one-form in one language only: el=%q en=%q", key, m.ELOne, m.ENOne)
			}
			if m.ELOne == "" {
				return
			}
			for _, f := range []struct{ lang, other, one string }{{"Greek", m.EL, m.ELOne}, {"English", m.EN, m.ENOne}} {
				if got, want := argVerbs(f.one), argVerbs(f.other); !maps.Equal(got, want) {
					t.Errorf("message %q: the %s one-form takes %v, the other form %v", key, f.lang, got, want)
				}
			}
			if m.ELOne == m.EL && m.ENOne == m.EN {
				t.Errorf("message %q: the one-forms repeat the other forms", key)
			}
			if len(argVerbs(m.EN)) == 0 {
				t.Errorf("message %q has one-forms but takes no count", key)
			}
		})
	}
}

// countArgs returns how many distinct arguments a template consumes.
func countArgs(tmpl string) int {
	n := 0
	for idx := range argVerbs(tmpl) {
		n = max(n, idx)
	}
	return n
}

// argVerbs returns the verb each argument of a template is formatted
// with, by argument number from 1: "%[2]s of %[1]d" is {1: "d", 2: "s"}.
func argVerbs(tmpl string) map[int]string {
	verbs, next := map[int]string{}, 1
	for _, v := range verb.FindAllStringSubmatch(tmpl, -1) {
		if v[0] == "%%" {
			continue
		}
		idx := next
		if v[1] != "" {
			fmt.Sscanf(v[1], "[%d]", &idx)
		}
		next = idx + 1
		verbs[idx] = v[0][1+len(v[1]):]
	}
	return verbs
}

func TestTPlural(t *testing.T) {
	t.Run("OneAtOne", func(t *testing.T) {
		for _, tt := range []struct {
			lang Lang
			want string
		}{{Greek, "Αλληλογραφία: 1 εγγραφή"}, {English, "Correspondence: 1 entry"}} {
			if got := T(tt.lang, "corr.list.title", 1); got != tt.want {
				t.Errorf("T(%s, corr.list.title, 1) = %q, want %q", tt.lang, got, tt.want)
			}
		}
	})
	t.Run("OtherElsewhere", func(t *testing.T) {
		for _, n := range []int{0, 2, 21, 101} {
			for _, tt := range []struct {
				lang Lang
				want string
			}{{Greek, fmt.Sprintf("Αλληλογραφία: %d εγγραφές", n)}, {English, fmt.Sprintf("Correspondence: %d entries", n)}} {
				if got := T(tt.lang, "corr.list.title", n); got != tt.want {
					t.Errorf("T(%s, corr.list.title, %d) = %q, want %q", tt.lang, n, got, tt.want)
				}
			}
		}
	})
	for _, tt := range []struct {
		name string
		lang Lang
		key  string
		args []any
		want string
	}{
		{"Negative", English, "days.ended", []any{-1}, "ended -1 day ago"},
		{"Int64", Greek, "transfer.exported", []any{int64(1), "out.jsonl"}, "Εξήχθη 1 εγγραφή στο out.jsonl."},
		{"Uint", English, "transfer.exported", []any{uint(1), "out.jsonl"}, "Exported 1 record to out.jsonl."},
		{"MinInt64", English, "corr.list.title", []any{int64(math.MinInt64)}, "Correspondence: -9223372036854775808 entries"},
		{"MaxUint64", English, "corr.list.title", []any{uint64(math.MaxUint64)}, "Correspondence: 18446744073709551615 entries"},
		{"CountNotPrinted", English, "translate.failed_parts", []any{1, "3"}, "Part 3 was not translated — the original was kept."},
		{"CountNotPrintedOther", Greek, "translate.failed_parts", []any{2, "3, 5"}, "Τα τμήματα 3, 5 δεν μεταφράστηκαν — κρατήθηκε το πρωτότυπο."},
		{"CountOrderedLater", Greek, "translate.budget_exceeded", []any{1, 5000},
			"Το έγγραφο χρειάζεται περίπου 5000 tokens, αλλά απομένει 1 για αυτόν τον μήνα. Μεταφράστε ένα μικρότερο τμήμα."},
		{"PartBeforeTotal", English, "digest.weekly.calls", []any{1, 5}, "• Open calls: 5, of which 1 closes within 30 days"},
		{"PartBeforeTotalOther", Greek, "digest.weekly.calls", []any{2, 5}, "• Ανοιχτές προσκλήσεις: 5, από τις οποίες 2 λήγουν μέσα σε 30 ημέρες"},
		{"FormattedCount", Greek, "usage.budget", []any{1, "100.000", "1"}, "Μηνιαίο όριο: 100.000 tokens· απομένει 1."},
		{"NoCount", English, "translate.failed_parts", []any{"1", "3"}, "Parts 3 were not translated — the original was kept."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%s, %s, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
			}
		})
	}
}

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		name   string
		args   []any
		want   int
		wantOK bool
	}{
		{"First", []any{3, 1}, 3, true},
		{"AfterString", []any{"Köln", 1}, 1, true},
		{"Negative", []any{int8(-1)}, 1, true},
		{"Unsigned", []any{uint16(21)}, 21, true},
		{"NoInteger", []any{"1", 1.0}, 0, false},
		{"NoArgs", nil, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := count(tt.args)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("count(%v) = %d, %v; want %d, %v", tt.args, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestT(t *testing.T) {
	if got, want := T(Greek, "error.panic", "r1"), "Συγγνώμη, η εντολή απέτυχε απροσδόκητα (κωδικός r1). Τίποτα δεν αποθηκεύτηκε μισό· δοκιμάστε ξανά."; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got, want := T(English, "no.such.key"), "no.such.key"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 20, 9, 5, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang Lang
		want string
	}{{Greek, "20 Νοεμβρίου 2026"}, {English, "20 Nov 2026"}} {
		if got := FormatDate(tt.lang, d); got != tt.want {
			t.Errorf("FormatDate(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got, want := FormatDateTime(Greek, d), "20 Νοεμβρίου 2026, 09:05"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// "εκπρόθεσμες την 1η Ιανουαρίου 2027", never "στις 1 Ιανουαρίου".
	first := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := T(Greek, "report.obligations", 2, 1, FormatDateOrdinal(Greek, first)), "*Υποχρεώσεις:* εκπληρωμένες στην περίοδο: 2 · εκπρόθεσμες την 1η Ιανουαρίου 2027: 1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := FormatDateOrdinal(English, first), "1 Jan 2027"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormatInt(t *testing.T) {
	for _, tt := range []struct {
		lang Lang
		n    int64
		want string
	}{{Greek, 12345, "12.345"}, {English, 1234567, "1,234,567"}, {English, 999, "999"}, {Greek, -1000, "-1.000"}} {
		if got := FormatInt(tt.lang, tt.n); got != tt.want {
			t.Errorf("FormatInt(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"el": Greek, "el-GR": Greek, "Ελληνικά": Greek, "en_US": English, "English": English} {
		if got, ok := ParseLang(in); !ok || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseLang("fr"); ok {
		t.Error("ParseLang(fr) should fail: the interface speaks Greek and English")
	}
}

func ExampleT() {
	for _, n := range []int{1, 3} {
		fmt.Println(T(English, "corr.list.title", n))
		fmt.Println(T(Greek, "corr.list.title", n))
	}
	// Output:
	// Correspondence: 1 entry
	// Αλληλογραφία: 1 εγγραφή
	// Correspondence: 3 entries
	// Αλληλογραφία: 3 εγγραφές
}

func BenchmarkT(b *testing.B) {
	for _, bb := range []struct {
		name string
		key  string
		args []any
	}{
		{"NoOneForm", "corr.search.title", []any{21}},
		{"OneForm", "corr.list.title", []any{21}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				T(Greek, bb.key, bb.args...)
			}
		})
	}
}
