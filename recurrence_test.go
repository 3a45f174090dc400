package proxenos_test

import (
	"errors"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// athens is the office zone; tests fail loudly if it cannot load.
var athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at returns a wall-clock time in Athens.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, athens)
}

func TestParseRecurrence(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want proxenos.Recurrence
	}{
		{"1y", proxenos.Recurrence{Months: 12}},
		{"2y", proxenos.Recurrence{Months: 24}},
		{"12m", proxenos.Recurrence{Months: 12}},
		{"6 m", proxenos.Recurrence{Months: 6}},
		{"yearly", proxenos.Recurrence{Months: 12}},
		{"Annually", proxenos.Recurrence{Months: 12}},
		{"every 6 months", proxenos.Recurrence{Months: 6}},
		{"every 2 years", proxenos.Recurrence{Months: 24}},
		{"every month", proxenos.Recurrence{Months: 1}},
		{"quarterly", proxenos.Recurrence{Months: 3}},
		{"ετήσια", proxenos.Recurrence{Months: 12}},
		{"ΕΤΗΣΙΩΣ", proxenos.Recurrence{Months: 12}},
		{"κάθε 6 μήνες", proxenos.Recurrence{Months: 6}},
		{"κάθε  2 χρόνια", proxenos.Recurrence{Months: 24}},
		{"κάθε χρόνο", proxenos.Recurrence{Months: 12}},
		{"κάθε μήνα", proxenos.Recurrence{Months: 1}},
		{"RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31", proxenos.Recurrence{Rule: "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31"}},
		{"freq=monthly;bymonthday=-1", proxenos.Recurrence{Rule: "FREQ=MONTHLY;BYMONTHDAY=-1"}},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := proxenos.ParseRecurrence(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			// String is the canonical form and reads back the same.
			back, err := proxenos.ParseRecurrence(got.String())
			if err != nil || back != got {
				t.Fatalf("ParseRecurrence(%q) = %+v, %v; want %+v", got.String(), back, err, got)
			}
		})
	}
}

func TestParseRecurrence_Errors(t *testing.T) {
	for _, tt := range []struct{ name, in, key string }{
		{"ErrEmpty", "", "recurrence.invalid"},
		{"ErrWords", "sometimes", "recurrence.invalid"},
		{"ErrZero", "0m", "recurrence.invalid"},
		{"ErrTooLong", "11y", "recurrence.invalid"},
		{"ErrDays", "90d", "recurrence.invalid"},
		{"ErrRuleSyntax", "RRULE:FREQ=SOMETIMES", "recurrence.invalid.rule"},
		{"ErrRuleHourly", "RRULE:FREQ=HOURLY", "recurrence.invalid.rule"},
		{"ErrRuleDTSTART", "RRULE:FREQ=YEARLY;DTSTART=20270101T000000Z", "recurrence.invalid.rule"},
		{"ErrRuleNeverMatches", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "recurrence.invalid.rule"},
		{"ErrRuleNewline", "FREQ=YEARLY\nRRULE:FREQ=DAILY", "recurrence.invalid.rule"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := proxenos.ParseRecurrence(tt.in)
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
		})
	}
}

func TestRecurrence_NextFrom(t *testing.T) {
	yearly := proxenos.Recurrence{Months: 12}
	monthly := proxenos.Recurrence{Months: 1}
	for _, tt := range []struct {
		name         string
		r            proxenos.Recurrence
		start, after time.Time
		want         time.Time
	}{
		{"YearEnd", yearly, at(2026, 12, 31, 9, 0), at(2026, 12, 31, 9, 0), at(2027, 12, 31, 9, 0)},
		{"MonthlyAcrossYearEnd", monthly, at(2026, 11, 30, 9, 0), at(2026, 12, 30, 9, 0), at(2027, 1, 30, 9, 0)},
		// 31 January + 1 month is the last day of February, then back to the 31st.
		{"MonthEndFebruary", monthly, at(2027, 1, 31, 9, 0), at(2027, 1, 31, 9, 0), at(2027, 2, 28, 9, 0)},
		{"MonthEndFebruaryLeap", monthly, at(2028, 1, 31, 9, 0), at(2028, 1, 31, 9, 0), at(2028, 2, 29, 9, 0)},
		{"MonthEndNoDrift", monthly, at(2027, 1, 31, 9, 0), at(2027, 2, 28, 9, 0), at(2027, 3, 31, 9, 0)},
		{"MonthEndApril", monthly, at(2027, 1, 31, 9, 0), at(2027, 3, 31, 9, 0), at(2027, 4, 30, 9, 0)},
		// 29 February yearly falls on 28 February in common years, 29 in leap years.
		{"LeapDayCommonYear", yearly, at(2028, 2, 29, 9, 0), at(2028, 2, 29, 9, 0), at(2029, 2, 28, 9, 0)},
		{"LeapDayBackInLeapYear", yearly, at(2028, 2, 29, 9, 0), at(2031, 2, 28, 9, 0), at(2032, 2, 29, 9, 0)},
		// 09:00 stays 09:00 in Athens across the last Sundays of March and October.
		{"DSTSpring", monthly, at(2027, 3, 15, 9, 0), at(2027, 3, 15, 9, 0), at(2027, 4, 15, 9, 0)},
		{"DSTAutumn", monthly, at(2027, 10, 15, 9, 0), at(2027, 10, 15, 9, 0), at(2027, 11, 15, 9, 0)},
		{"StartInFuture", yearly, at(2027, 3, 31, 9, 0), at(2026, 11, 26, 12, 0), at(2027, 3, 31, 9, 0)},
		{"SkipsMissed", proxenos.Recurrence{Months: 6}, at(2020, 3, 31, 9, 0), at(2026, 11, 26, 12, 0), at(2027, 3, 31, 9, 0)},
		{"AfterIsBetween", yearly, at(2024, 3, 31, 9, 0), at(2026, 3, 31, 9, 1), at(2027, 3, 31, 9, 0)},
		{"RuleLastDayOfMonth", proxenos.Recurrence{Rule: "FREQ=MONTHLY;BYMONTHDAY=-1"}, at(2027, 1, 31, 9, 0), at(2027, 1, 31, 9, 0), at(2027, 2, 28, 9, 0)},
		{"RuleWeeklyDSTSpring", proxenos.Recurrence{Rule: "FREQ=WEEKLY"}, at(2027, 3, 22, 9, 0), at(2027, 3, 22, 9, 0), at(2027, 3, 29, 9, 0)},
		{"RuleWeeklyDSTAutumn", proxenos.Recurrence{Rule: "FREQ=WEEKLY"}, at(2027, 10, 25, 9, 0), at(2027, 10, 28, 9, 0), at(2027, 11, 1, 9, 0)},
		{"RuleYearlyLeapDay", proxenos.Recurrence{Rule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"}, at(2028, 2, 29, 9, 0), at(2028, 2, 29, 9, 0), at(2032, 2, 29, 9, 0)},
		{"RuleEnded", proxenos.Recurrence{Rule: "FREQ=YEARLY;COUNT=2"}, at(2026, 1, 1, 9, 0), at(2027, 1, 1, 9, 0), time.Time{}},
		{"Once", proxenos.Recurrence{}, at(2026, 1, 1, 9, 0), at(2025, 1, 1, 9, 0), time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.r.NextFrom(tt.start, tt.after, athens)
			if !got.Equal(tt.want) {
				t.Fatalf("got %v, want %v", got.In(athens), tt.want)
			}
			if !got.IsZero() && (got.In(athens).Hour() != 9 || got.In(athens).Minute() != 0) {
				t.Fatalf("got %v, want 09:00 Athens time", got.In(athens))
			}
		})
	}
}

func TestRecurrence_Next(t *testing.T) {
	// Next takes after as an occurrence: a step from it, offsets changing with DST.
	got := proxenos.Recurrence{Months: 1}.Next(at(2027, 3, 15, 9, 0), athens)
	if want := time.Date(2027, 4, 15, 6, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("got %v, want %v (09:00 EEST)", got.UTC(), want)
	}
	got = proxenos.Recurrence{Months: 1}.Next(time.Date(2027, 10, 15, 6, 0, 0, 0, time.UTC), athens)
	if want := time.Date(2027, 11, 15, 7, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("got %v, want %v (09:00 EET)", got.UTC(), want)
	}
}

func TestRecurrence_Label(t *testing.T) {
	for _, tt := range []struct {
		r      proxenos.Recurrence
		el, en string
	}{
		{proxenos.Recurrence{}, "μία φορά", "once"},
		{proxenos.Recurrence{Months: 12}, "κάθε χρόνο", "every year"},
		{proxenos.Recurrence{Months: 24}, "κάθε 2 χρόνια", "every 2 years"},
		{proxenos.Recurrence{Months: 6}, "κάθε 6 μήνες", "every 6 months"},
	} {
		if got := i18n.Label(i18n.Greek, tt.r); got != tt.el {
			t.Errorf("Label(el) = %q, want %q", got, tt.el)
		}
		if got := i18n.Label(i18n.English, tt.r); got != tt.en {
			t.Errorf("Label(en) = %q, want %q", got, tt.en)
		}
	}
}

func TestRecurrence_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    proxenos.Recurrence
		ok   bool
	}{
		{"OK", proxenos.Recurrence{Months: 6}, true},
		{"OKOnce", proxenos.Recurrence{}, true},
		{"OKRule", proxenos.Recurrence{Rule: "FREQ=YEARLY"}, true},
		{"ErrBoth", proxenos.Recurrence{Months: 6, Rule: "FREQ=YEARLY"}, false},
		{"ErrNegative", proxenos.Recurrence{Months: -1}, false},
		{"ErrBadRule", proxenos.Recurrence{Rule: "FREQ=SECONDLY"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want proxenos.Period
	}{
		{"6m", proxenos.Period{Months: 6}},
		{"3 months", proxenos.Period{Months: 3}},
		{"1y", proxenos.Period{Months: 12}},
		{"90d", proxenos.Period{Days: 90}},
		{"90 days", proxenos.Period{Days: 90}},
		{"6 μήνες", proxenos.Period{Months: 6}},
		{"90 ημέρες", proxenos.Period{Days: 90}},
		{"1 έτος", proxenos.Period{Months: 12}},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := proxenos.ParsePeriod(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
			if back, err := proxenos.ParsePeriod(got.String()); err != nil || back != got {
				t.Fatalf("ParsePeriod(%q) = %+v, %v; want %+v", got.String(), back, err, got)
			}
		})
	}
	for _, in := range []string{"", "soon", "0d", "11y", "4000d"} {
		t.Run("Err"+in, func(t *testing.T) {
			_, err := proxenos.ParsePeriod(in)
			assertErrorKey(t, err, proxenos.EINVALID, "period.invalid")
		})
	}
}

func TestPeriod_Before(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    proxenos.Period
		t    time.Time
		want time.Time
	}{
		{"MonthEnd", proxenos.Period{Months: 6}, at(2028, 12, 31, 0, 0), at(2028, 6, 30, 0, 0)},
		{"LeapDay", proxenos.Period{Months: 12}, at(2029, 2, 28, 0, 0), at(2028, 2, 28, 0, 0)},
		{"FromLeapDay", proxenos.Period{Months: 12}, at(2028, 2, 29, 0, 0), at(2027, 2, 28, 0, 0)},
		{"DaysAcrossYearEnd", proxenos.Period{Days: 90}, at(2027, 1, 31, 0, 0), at(2026, 11, 2, 0, 0)},
		{"DaysAcrossDST", proxenos.Period{Days: 7}, at(2027, 4, 1, 0, 0), at(2027, 3, 25, 0, 0)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Before(tt.t.UTC(), athens); !got.Equal(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPeriod_Label(t *testing.T) {
	p := proxenos.Period{Months: 1, Days: 15}
	if got, want := i18n.Label(i18n.Greek, p), "1 μήνας + 15 ημέρες"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := i18n.Label(i18n.English, (proxenos.Period{Months: 6})), "6 months"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// assertErrorKey fails unless err is a *proxenos.Error with code and key.
func assertErrorKey(t *testing.T, err error, code, key string) {
	t.Helper()
	var e *proxenos.Error
	if err == nil {
		t.Fatalf("got no error, want %s %s", code, key)
	}
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		t.Fatalf("got %v, want %s %s", err, code, key)
	}
	if !i18n.Has(key) {
		t.Fatalf("key %q is not in the catalogue", key)
	}
}

func BenchmarkRecurrence_NextFrom(b *testing.B) {
	r := proxenos.Recurrence{Months: 1}
	start, after := at(2000, 1, 31, 9, 0), at(2026, 11, 26, 12, 0)
	for b.Loop() {
		r.NextFrom(start, after, athens)
	}
}

func BenchmarkParseRecurrence_Rule(b *testing.B) {
	for b.Loop() {
		if _, err := proxenos.ParseRecurrence("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29"); err != nil {
			b.Fatal(err)
		}
	}
}
