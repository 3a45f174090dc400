package proxenos_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// leafImports are the libraries besides the standard library that the
// domain may import: small, pure, and none of ours.
var leafImports = []string{
	"github.com/teambition/rrule-go",
	"golang.org/x/text/cases",
	"golang.org/x/text/runes",
	"golang.org/x/text/transform",
	"golang.org/x/text/unicode/norm",
}

// foreignImports lists the imports of the Go package in dir (test files
// aside) that are neither the standard library nor in allowed.
func foreignImports(t *testing.T, dir string, allowed []string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var foreign []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, spec := range f.Imports {
			path, _ := strconv.Unquote(spec.Path.Value)
			// Standard library paths have no dot in their first element.
			first, _, _ := strings.Cut(path, "/")
			if strings.Contains(first, ".") && !slices.Contains(allowed, path) {
				foreign = append(foreign, filepath.Base(name)+": "+path)
			}
		}
	}
	return foreign
}

// TestDomainIsLeaf keeps the domain a leaf: the root package imports no
// package of ours (the catalogue renders the domain's texts, not the other
// way round) and no library beyond a short list of pure ones.
func TestDomainIsLeaf(t *testing.T) {
	if foreign := foreignImports(t, ".", leafImports); len(foreign) > 0 {
		t.Errorf("the domain imports beyond the standard library and %v:\n%s",
			leafImports, strings.Join(foreign, "\n"))
	}
}

// TestForeignImports checks the check: an import of the catalogue or of
// any library off the list is found; the standard library, the list and
// test files pass.
func TestForeignImports(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "package a\n\nimport (\n\t\"strings\"\n\n\t\"github.com/proxenos/proxenos/i18n\"\n)\n")
	write("b.go", "package a\n\nimport (\n\t_ \"time/tzdata\"\n\n\t\"example.com/lib\"\n\t\"golang.org/x/text/cases\"\n)\n")
	write("a_test.go", "package a\n\nimport \"github.com/proxenos/proxenos/handlers\"\n")
	got := foreignImports(t, dir, leafImports)
	want := []string{"a.go: github.com/proxenos/proxenos/i18n", "b.go: example.com/lib"}
	if !slices.Equal(got, want) {
		t.Errorf("foreignImports = %q, want %q", got, want)
	}
}
