package corr

import (
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// TestCSVSafe checks the formula guard: no piece of a cell, after any
// separator a spreadsheet may split on, starts a formula, and honest
// text and numbers read as they were.
func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "@SUM": "'@SUM", "\tx": "'\tx", "\r=1": "'\r'=1", "": "", "42/2026": "42/2026", "Köln": "Köln",
		// After a separator of another locale, a pipe, a tab or a line.
		"x;=1+1": "x;'=1+1", "a,=2": "a,'=2", "a, =2": "a, '=2", "a|@x": "a|'@x", "a\t+b": "a\t'+b",
		"one\n-cmd|' /C calc'!A0": "one\n'-cmd|' /C calc'!A0", "a\r\n=b": "a\r\n'=b", "a;;=b": "a;;'=b",
		// Honest data stays as it is: dashes inside text, plain numbers.
		"Q-Cities - meeting": "Q-Cities - meeting", "-1": "-1", "+2.5": "+2.5", "a;-3": "a;-3", "-1,5": "-1,5",
		"x=1+1": "x=1+1", "e-mail: a@b.gr": "e-mail: a@b.gr",
		// Not plain numbers: a formula after the sign, a second sign.
		"-1+1": "'-1+1", "+1.": "'+1.", "--1": "'--1", "-": "'-", "=1": "'=1",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVSeparator checks the separator by language, and every spelling
// of sep: in both languages; an unknown one is refused.
func TestCSVSeparator(t *testing.T) {
	for _, tt := range []struct {
		lang i18n.Lang
		text string
		want rune
	}{
		{i18n.Greek, "", ';'}, {i18n.English, "", ','},
		{i18n.Greek, "sep:,", ','}, {i18n.English, "sep:;", ';'}, {i18n.Greek, "sep:comma", ','},
		{i18n.English, "separator:Semicolon", ';'}, {i18n.English, "διαχωριστικό:κόμμα", ','},
		{i18n.English, "διαχωριστης:ΕΡΩΤΗΜΑΤΙΚΟ", ';'}, {i18n.English, "sep:\u037e", ';'}, // the Greek question mark
		{i18n.Greek, `sep:","`, ','}, {i18n.Greek, "sep: , 2026", ','},
	} {
		args, err := handlers.ParseArgs(tt.text, corrExportSpec)
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if got, err := csvSeparator(tt.lang, args); err != nil || got != tt.want {
			t.Errorf("%s %q: got %q, %v; want %q", tt.lang, tt.text, got, err, tt.want)
		}
	}
	for _, text := range []string{"sep:", "sep:|", "sep:tab", "sep:,,"} {
		args, err := handlers.ParseArgs(text, corrExportSpec)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if _, err := csvSeparator(i18n.Greek, args); proxenos.ErrorCode(err) != proxenos.EINVALID {
			t.Errorf("%q: got %v, want EINVALID", text, err)
		}
	}
}
