package handlers

import "testing"

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"a\x00b": "ab", "x" + rlo + "y": "xy", "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069": "",
		"Köln": "Köln", "\u200Fmark": "\u200Fmark", "": "",
	} {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cleanField("summary", "a\x00"+rlo); got != "a"+rlo {
		t.Errorf("summary = %q, want NUL removed and the override kept", got)
	}
}

// rlo is a right-to-left override, as an attacker types it.
const rlo = "\u202E"
