package i18n

import (
	"fmt"
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
		})
	}
}

// countArgs returns how many distinct arguments a template consumes.
func countArgs(tmpl string) int {
	n, next := 0, 1
	for _, v := range verb.FindAllStringSubmatch(tmpl, -1) {
		if v[0] == "%%" {
			continue
		}
		idx := next
		if v[1] != "" {
			fmt.Sscanf(v[1], "[%d]", &idx)
		}
		next = idx + 1
		if idx > n {
			n = idx
		}
	}
	return n
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
