package i18n

import (
	"fmt"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestRender checks that a text's arguments that are texts are written in
// the same language, with their own plurals, that times are days of the
// office zone written as the language writes them, and that no text is "".
func TestRender(t *testing.T) {
	march31 := time.Date(2027, 3, 31, 23, 30, 0, 0, time.UTC)
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	months := proxenos.Text{Key: "period.months", Args: []any{1}}
	days := proxenos.Text{Key: "period.days", Args: []any{15}}
	both := proxenos.Text{Key: "period.months_days", Args: []any{months, days}}
	for _, tt := range []struct {
		lang Lang
		text proxenos.Text
		want string
	}{
		{Greek, both, "1 μήνας + 15 ημέρες"},
		{English, both, "1 month + 15 days"},
		{English, proxenos.Text{Key: "call.invalid.status", Args: []any{"won"}}, T(English, "call.invalid.status", "won")},
		{Greek, proxenos.Text{}, ""},
		// A time is the day it falls on in the office zone: 23:30 UTC on
		// 31 March is 1 April in Athens.
		{Greek, proxenos.Text{Key: "obligation.conflict.done", Args: []any{march31, march31}},
			"Η προθεσμία της 1 Απριλίου 2027 έχει ήδη καταγραφεί ως εκπληρωμένη (στις 1 Απριλίου 2027)· δεν καταγράφηκε τίποτα ξανά."},
		{English, proxenos.Text{Key: "obligation.conflict.done", Args: []any{march31, march31}},
			"The occurrence due on 1 Apr 2027 was already recorded as fulfilled (on 1 Apr 2027); nothing was recorded again."},
		// A time put in an office's zone is that office's day: 23:30 on
		// 31 March UTC is still 31 March in New York.
		{English, proxenos.Text{Key: "obligation.conflict.done", Args: []any{march31.In(newYork), march31.In(newYork)}},
			"The occurrence due on 31 Mar 2027 was already recorded as fulfilled (on 31 Mar 2027); nothing was recorded again."},
	} {
		if got := Render(tt.lang, tt.text); got != tt.want {
			t.Errorf("Render(%s, %v) = %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestErrorMessage checks that a domain error reads in the user's
// language, wrapped or not, and any other error only says something went
// wrong.
func TestErrorMessage(t *testing.T) {
	err := proxenos.Errorf(proxenos.EINVALID, "call.invalid.status", "won")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{err, T(Greek, "call.invalid.status", "won")},
		{fmt.Errorf("update call: %w", err), T(Greek, "call.invalid.status", "won")},
		{fmt.Errorf("disk full"), T(Greek, "error.internal")},
		{nil, ""},
	} {
		if got := ErrorMessage(Greek, tt.err); got != tt.want {
			t.Errorf("ErrorMessage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
