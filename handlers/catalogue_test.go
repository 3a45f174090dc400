package handlers

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/i18n"
)

// catalogueUse matches a literal catalogue key in Errorf(E…, "key" and
// i18n.T(…, "key" calls, with or without the package qualifier.
var catalogueUse = regexp.MustCompile(`(?:\bErrorf\(\s*(?:proxenos\.)?E[A-Z]+\s*,|\bi18n\.T\((?:[^,()]|\([^()]*\))+,|[^.\w]T\(\s*(?:lang|l|Greek|English|i18n\.\w+)\s*,)\s*"([^"]+)"`)

// commandKey matches a catalogue key in a command's help fields:
// Usage: "help.corr.usage", Description: "…", Examples: []string{"…", "…"}.
var commandKey = regexp.MustCompile(`\b(?:Usage|Description):\s*"([^"]+)"|\bExamples:\s*\[\]string\{([^}]*)\}`)

// fieldUse matches a field named in code, whose label "field.<name>" a
// message or a history shows: Field("x"), ParseDateField("x", …),
// ParseLanguage("x", …), ParseAmount("x", …), checkLen("x", …),
// setText(&changes, "x", …), FieldChange{"x", …}, and the field lists of
// Validate and Apply ({"summary", c.Summary, MaxSummaryLen}).
var fieldUse = regexp.MustCompile(`\b(?:Field|ParseDateField|ParseLanguage|ParseAmount|ParseAmountRange|checkLen|checkList)\("([a-z_]+)"|\bset(?:Text|Value|Time|List)\(&changes, "([a-z_]+)"|FieldChange\{"([a-z_]+)"|\{"([a-z_]+)", &?[a-z]\.\w+, (?:Max\w+|upd\.\w+)\}`)

// quoted matches each string literal in a list.
var quoted = regexp.MustCompile(`"([^"]+)"`)

// keysIn returns the catalogue keys src uses in code.
func keysIn(src []byte) []string {
	var keys []string
	for _, m := range catalogueUse.FindAllSubmatch(src, -1) {
		keys = append(keys, string(m[1]))
	}
	for _, m := range fieldUse.FindAllSubmatch(src, -1) {
		keys = append(keys, "field."+string(slices.Concat(m[1], m[2], m[3], m[4])))
	}
	for _, m := range commandKey.FindAllSubmatch(src, -1) {
		if len(m[1]) > 0 {
			keys = append(keys, string(m[1]))
		}
		for _, q := range quoted.FindAllSubmatch(m[2], -1) {
			keys = append(keys, string(q[1]))
		}
	}
	return keys
}

// known reports whether key is in the catalogue; a key ending in "." is
// the prefix of keys built at run time ("corr.medium."+m) and is known
// when some key starts with it.
func known(key string) bool {
	if !strings.HasSuffix(key, ".") {
		return i18n.Has(key)
	}
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, key) {
			return true
		}
	}
	return false
}

// TestCatalogueKeysUsed scans every non-test .go file of the repository for
// catalogue keys used in code and fails for any the catalogue lacks, so
// that no user sees a bare key.
func TestCatalogueKeysUsed(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s: %v", root, err)
	}
	seen, dirs := 0, map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		dirs[filepath.Dir(rel)] = true
		for _, key := range keysIn(src) {
			seen++
			if !known(key) {
				t.Errorf("%s: catalogue key %q is not in the catalogue", rel, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 50 {
		t.Fatalf("found only %d key uses: the scan is broken", seen)
	}
	// Every package that speaks to users was scanned.
	for _, dir := range []string{".", "handlers", "bot", "scheduler", "translate", "storage/sqlite", "cmd/proxenos"} {
		if !dirs[dir] {
			t.Errorf("the scan missed %s/", dir)
		}
	}
}

func TestCatalogueUseRegexp(t *testing.T) {
	for src, want := range map[string]string{
		`proxenos.Errorf(proxenos.EINVALID, "corr.invalid.date")`: "corr.invalid.date",
		`Errorf(EINVALID, "invalid.too_long", field, max, n)`:     "invalid.too_long",
		`i18n.T(lang, "help.title")`:                              "help.title",
		`i18n.T(LangOf(req.Lang), "help.coming_soon", name)`:      "help.coming_soon",
		`x := T(lang, "error.internal")`:                          "error.internal",
		`fmt.Errorf("sqlite: open %s: %w", path, err)`:            "",
		`Usage: "help.ir.lang.usage", Description: "x"`:           "help.ir.lang.usage",
		`Examples: []string{"help.corr.in.example"}`:              "help.corr.in.example",
		`return checkLen("subject", c.Subject, MaxSubjectLen)`:    "field.subject",
		`setTime(&changes, "opening", &c.OpeningDate, x)`:         "field.opening",
		`{"summary", c.Summary, MaxSummaryLen},`:                  "field.summary",
		`{"cc", &c.Copies, upd.Copies}`:                           "field.cc",
		`ParseDateField("due", args.Get("due"), now, loc)`:        "field.due",
	} {
		got := ""
		if keys := keysIn([]byte(src)); len(keys) > 0 {
			got = keys[0]
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", src, got, want)
		}
	}
}

// TestFieldKeysHaveLabels checks that every key a command accepts has a
// label in the catalogue, so that an error about it names it in words.
func TestFieldKeysHaveLabels(t *testing.T) {
	for key := range aliasSpellings {
		if !i18n.Has("field." + key) {
			t.Errorf("the key %q has no label field.%s", key, key)
		}
	}
}
