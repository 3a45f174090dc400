package handlers

import (
	"testing"
	"time"
)

// athens is the office zone in tests.
var athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testNow is "today" in the tests: 26 November 2026, 10:30 in Athens.
var testNow = time.Date(2026, 11, 26, 10, 30, 0, 0, athens)

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"20/11/2026", day(2026, 11, 20)},
		{"20-11-2026", day(2026, 11, 20)},
		{"20.11.2026", day(2026, 11, 20)},
		{"2026-11-20", day(2026, 11, 20)},
		{"5/3/2027", day(2027, 3, 5)},
		{"20/11", day(2026, 11, 20)},
		{"20/11/26", day(2026, 11, 20)},
		{"20 Νοεμβρίου 2026", day(2026, 11, 20)},
		{"20 ΝΟΕΜΒΡΙΟΥ 2026", day(2026, 11, 20)},
		{"20 νοεμβριου 2026", day(2026, 11, 20)},
		{"1 Μαΐου 2027", day(2027, 5, 1)},
		{"20 Νοέμβριος 2026", day(2026, 11, 20)},
		{"20 Nov 2026", day(2026, 11, 20)},
		{"November 20, 2026", day(2026, 11, 20)},
		{"14 Ιανουαρίου", day(2026, 1, 14)},
		{"today", day(2026, 11, 26)},
		{"σήμερα", day(2026, 11, 26)},
		{"Σήμερα", day(2026, 11, 26)},
		{"χθες", day(2026, 11, 25)},
		{"yesterday", day(2026, 11, 25)},
		{"αύριο", day(2026, 11, 27)},
		{"29/02/2028", day(2028, 2, 29)},
		// A year of one or two digits is in this century; the range of
		// years runs from 1900 to 50 years after this one.
		{"7/12/26", day(2026, 12, 7)},
		{"1/1/1900", day(1900, 1, 1)},
		{"31/12/2076", day(2076, 12, 31)},
		{"2076-12-31", day(2076, 12, 31)},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in, testNow, athens)
			if !ok || !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
			}
		})
	}
	for _, in := range []string{"31/02/2026", "29/02/2027", "32/01/2026", "20/13/2026", "", "soon", "20 Smarch 2026", "1/1/1800", "2026-11", "20/11/2026/1",
		"01/01/0001", "1/1/001", "0001-01-01", "31/12/1899", "1/1/2077", "20/11/20266", "1 Jan 0001", "20 Nov 26"} {
		t.Run("Err_"+in, func(t *testing.T) {
			if got, ok := ParseDate(in, testNow, athens); ok {
				t.Fatalf("ParseDate(%q) = %v, want refusal", in, got)
			}
		})
	}
}

func TestParseDateTodayUsesOfficeZone(t *testing.T) {
	// 23:30 UTC on 25 November is already 26 November in Athens.
	now := time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC)
	got, ok := ParseDate("today", now, athens)
	if want := time.Date(2026, 11, 26, 0, 0, 0, 0, athens); !ok || !got.Equal(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestParsePeriod(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }
	for _, tt := range []struct {
		in       string
		from, to time.Time
	}{
		{"2026", day(2026, 1, 1), day(2027, 1, 1)},
		{"2026-11", day(2026, 11, 1), day(2026, 12, 1)},
		{"11/2026", day(2026, 11, 1), day(2026, 12, 1)},
		{"2026-Q3", day(2026, 7, 1), day(2026, 10, 1)},
		{"Q4 2026", day(2026, 10, 1), day(2027, 1, 1)},
		{"2026-Τ1", day(2026, 1, 1), day(2026, 4, 1)},
		{"Νοέμβριος 2026", day(2026, 11, 1), day(2026, 12, 1)},
		{"20/11/2026", day(2026, 11, 20), day(2026, 11, 21)},
		// testNow is Thursday 26 November 2026.
		{"this week", day(2026, 11, 23), day(2026, 11, 30)},
		{"last week", day(2026, 11, 16), day(2026, 11, 23)},
		{"την προηγούμενη εβδομάδα", day(2026, 11, 16), day(2026, 11, 23)},
		{"Αυτόν τον μήνα", day(2026, 11, 1), day(2026, 12, 1)},
		{"περασμένο μήνα", day(2026, 10, 1), day(2026, 11, 1)},
		{"last quarter", day(2026, 7, 1), day(2026, 10, 1)},
		{"τρέχον τρίμηνο", day(2026, 10, 1), day(2027, 1, 1)},
		{"φέτος", day(2026, 1, 1), day(2027, 1, 1)},
		{"πέρσι", day(2025, 1, 1), day(2026, 1, 1)},
		{"last year", day(2025, 1, 1), day(2026, 1, 1)},
		{"πέρσι - φέτος", day(2025, 1, 1), day(2027, 1, 1)},
	} {
		t.Run(tt.in, func(t *testing.T) {
			from, to, ok := ParsePeriod(tt.in, testNow, athens)
			if !ok || !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Fatalf("ParsePeriod(%q) = %v, %v, %v; want %v, %v", tt.in, from, to, ok, tt.from, tt.to)
			}
		})
	}
	for _, in := range []string{"2026-Q5", "2026-13", "someday", "", "last", "week", "this week please", "0001", "2077", "1899-Q1", "1/1899", "01/01/0001"} {
		t.Run("Err_"+in, func(t *testing.T) {
			if _, _, ok := ParsePeriod(in, testNow, athens); ok {
				t.Fatalf("ParsePeriod(%q) accepted", in)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"20/11/2026", "2026-11-20", "20 Νοεμβρίου 2026", "November 20, 2026", "σήμερα", "31/02/2026", "0/0/0", "9999999999/1/1", "2026-Q3", "01/01/0001", "7/12/26", "1/1/2077", "1899"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s, testNow, athens)
		if ok {
			if d.Hour() != 0 || d.Minute() != 0 || d.Location() != athens {
				t.Fatalf("ParseDate(%q) = %v: not midnight in the office zone", s, d)
			}
			if d.Year() < 1900 || d.Year() > testNow.Year()+50 {
				t.Fatalf("ParseDate(%q) = %v: a year outside 1900…%d", s, d, testNow.Year()+50)
			}
		}
		// A field takes exactly the dates ParseDate reads.
		if _, err := ParseDateField("date", s, testNow, athens); (err == nil) != ok {
			t.Fatalf("ParseDate(%q) = %v, but the field says %v", s, ok, err)
		}
		if from, to, ok := ParsePeriod(s, testNow, athens); ok {
			if !from.Before(to) {
				t.Fatalf("ParsePeriod(%q) = [%v, %v): empty", s, from, to)
			}
			if from.Year() < 1900 || to.AddDate(0, 0, -1).Year() > testNow.Year()+50 {
				t.Fatalf("ParsePeriod(%q) = [%v, %v): a year outside 1900…%d", s, from, to, testNow.Year()+50)
			}
		}
	})
}

// TestParseDate_GreekWords checks the words a Greek officer writes for
// days: the day before yesterday and after tomorrow, calendar
// abbreviations of months, and weekdays — the last one for a letter's
// date, the coming one for a date due.
func TestParseDate_GreekWords(t *testing.T) {
	// testNow is Thursday 26 November 2026.
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, athens) }
	tests := []struct {
		field, in string
		want      time.Time
	}{
		{"date", "προχθές", day(11, 24)},
		{"date", "Προχτές", day(11, 24)},
		{"date", "μεθαύριο", day(11, 28)},
		{"date", "20 νοε 2026", day(11, 20)},
		{"date", "3 σεπτ", day(9, 3)},
		{"date", "1 Ιουλ", day(7, 1)},
		{"date", "20 Νοεμβρίου", day(11, 20)},
		{"date", "Παρασκευή", day(11, 20)},
		{"date", "ΔΕΥΤΕΡΑ", day(11, 23)},
		{"date", "Πέμπτη", day(11, 26)},
		{"date", "monday", day(11, 23)},
		{"due", "Παρασκευή", day(11, 27)},
		{"due", "Τετάρτη", day(12, 2)},
		{"due", "Πέμπτη", day(11, 26)},
		{"at", "Mon", day(11, 30)},
	}
	for _, tt := range tests {
		got, err := ParseDateField(tt.field, tt.in, testNow, athens)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s:%s = %v, %v; want %s", tt.field, tt.in, got, err, tt.want.Format(time.DateOnly))
		}
	}
	if got, ok := ParseDate("Σάββατο", testNow, athens); !ok || !got.Equal(day(11, 21)) {
		t.Errorf("ParseDate(Σάββατο) = %v, %v; want the Saturday just gone", got, ok)
	}
}
