package corr

import "testing"

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
