package corr

import (
	"bytes"
	"context"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// FuzzCorrCSV writes an entry with any text in its free fields (its
// copies are the tag and the counterpart) as the export's CSV, with
// either separator, and reads it back: the file is always valid CSV
// with one row per entry and the
// same number of columns, each field survives (up to carriage returns
// and the formula guard, which only adds quotes), and no cell, split on
// any separator a spreadsheet may use, has a piece that starts as a
// formula.
func FuzzCorrCSV(f *testing.F) {
	for _, seed := range []struct{ counterpart, subject, summary, tag string }{
		{"Stadt Köln", "Einladung zum Forum", "", "forum"},
		{"=cmd|' /C calc'!A0", "+SUM(A1)", "@evil", "-1"},
		{"Δήμος \"Αμαρουσίου\"", "a,b;c", "line one\nline two\r\nthree\rfour", "a, b"},
		{"\tTab", "\rCR", "\x00\x01\xff\xfe", "\ufeffbom"},
		{"Stadt;=1+1", "a|@b", "one\n-cmd|' /C calc'!A0", "x\t+y"},
		{"Q-Cities", "Q-Cities - meeting", "-1;+2.5", "-1"},
		{"", "", "", ""},
	} {
		f.Add(seed.counterpart, seed.subject, seed.summary, seed.tag)
	}
	h := New(handlers.NewHandler(), nil, nil)
	date := time.Date(2026, 11, 26, 0, 0, 0, 0, h.k.Zone(context.Background()))
	f.Fuzz(func(t *testing.T, counterpart, subject, summary, tag string) {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026, Number: 7}, Direction: proxenos.Incoming,
			Date: date, CreatedAt: date, Counterpart: counterpart, Subject: subject, Summary: summary, Tags: []string{tag},
			Copies: []string{tag, counterpart}}
		for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
			for _, sep := range []rune{',', ';'} {
				content, err := csvOf(h, lang, sep, func(string) string { return counterpart }, c, c)
				if err != nil {
					t.Fatal(err)
				}
				r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(content, []byte(utf8BOM))))
				r.Comma = sep
				rows, err := r.ReadAll()
				if err != nil {
					t.Fatalf("the export is not valid CSV: %v", err)
				}
				if len(rows) != 3 {
					t.Fatalf("got %d rows, want the header and 2", len(rows))
				}
				for _, row := range rows[1:] {
					if len(row) != len(corrCSVColumns) {
						t.Fatalf("got %d columns, want %d", len(row), len(corrCSVColumns))
					}
					for _, cell := range row {
						if piece, ok := formulaPiece(cell); ok {
							t.Fatalf("cell %q: the piece %q starts as a formula", cell, piece)
						}
					}
					for _, tt := range []struct {
						col  int
						want string
					}{{3, counterpart}, {4, tag + ", " + counterpart}, {6, subject}, {7, summary}, {12, tag}, {14, counterpart}} {
						if got, want := fold(row[tt.col]), fold(csvSafe(tt.want)); got != want {
							t.Fatalf("column %d: got %q, want %q", tt.col, got, want)
						}
						// The guard only adds quotes.
						if got, want := strings.ReplaceAll(fold(row[tt.col]), "'", ""), strings.ReplaceAll(fold(tt.want), "'", ""); got != want {
							t.Fatalf("column %d: got %q, want %q with quotes added", tt.col, row[tt.col], tt.want)
						}
					}
				}
			}
		}
	})
}

// fold drops carriage returns, which CSV readers fold into line ends in
// ways that differ between readers; they carry no content.
func fold(s string) string {
	return strings.ReplaceAll(s, "\r", "")
}

// plainSignedNumber is a number a spreadsheet reads as such, not a formula.
var plainSignedNumber = regexp.MustCompile(`^[+-][0-9]+(\.[0-9]+)?$`)

// formulaPiece returns the first piece of cell that a spreadsheet would
// run as a formula: the cell itself when it starts with a tab or a
// carriage return, or a piece between separators (, ; tab | and line
// breaks) that starts, after spaces, with = + - or @ and is not a plain
// signed number.
func formulaPiece(cell string) (string, bool) {
	if strings.HasPrefix(cell, "\t") || strings.HasPrefix(cell, "\r") {
		return cell, true
	}
	for _, piece := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(",;\t|\r\n", r) }) {
		p := strings.TrimFunc(piece, unicode.IsSpace)
		if p != "" && strings.ContainsRune("=+-@", rune(p[0])) && !plainSignedNumber.MatchString(p) {
			return piece, true
		}
	}
	return "", false
}

// csvOf returns the export's CSV of entries.
func csvOf(h *Handler, lang i18n.Lang, sep rune, nameOf func(string) string, entries ...*proxenos.Correspondence) ([]byte, error) {
	w, err := h.newCorrCSV(context.Background(), lang, sep, nameOf)
	if err != nil {
		return nil, err
	}
	for _, c := range entries {
		if err := w.write(c); err != nil {
			return nil, err
		}
	}
	return w.content()
}
