package proxenos

import (
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // office zones and Europe/Brussels load even without system zoneinfo

	"github.com/teambition/rrule-go"
)

// Limits of recurrences and periods.
const (
	MaxRecurrenceMonths = 120  // every 10 years at most
	MaxPeriodDays       = 3650 // about 10 years
	maxRuleLen          = 300
)

// loadZone returns a named zone, loaded once; the names used are compiled in.
var loadZone = sync.OnceValues(func() (map[string]*time.Location, error) {
	zones := map[string]*time.Location{}
	for _, name := range []string{DefaultOfficeZone, deadlineZoneName} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil, err
		}
		zones[name] = loc
	}
	return zones, nil
})

// zone returns the compiled-in zone name; tzdata is embedded, so it cannot fail.
func zone(name string) *time.Location {
	zones, err := loadZone()
	if err != nil {
		panic("proxenos: embedded tzdata lacks " + name + ": " + err.Error())
	}
	return zones[name]
}

// Recurrence says how often something comes back: every Months months, or
// by an iCalendar RRULE (RFC 5545) when Rule is set. The zero Recurrence
// means "once".
//
// Month steps keep the day of the month and the wall-clock time of the
// first occurrence. A day the month lacks becomes its last day: a series
// starting 31 January runs 28 (or 29) February, 31 March, 30 April…, and
// a yearly series starting 29 February falls on 28 February in common
// years and on 29 February again in leap years. Occurrences are always
// counted from the first one, so the day never drifts.
type Recurrence struct {
	Months int    // e.g. 12 for yearly, 6 for twice a year
	Rule   string // e.g. "FREQ=MONTHLY;BYMONTHDAY=-1", without DTSTART
}

// recurrenceWords are the fixed phrases ParseRecurrence understands, as
// SearchKey folds them (no accents, final ς as σ).
var recurrenceWords = map[string]int{
	"yearly": 12, "annually": 12, "annual": 12, "every year": 12,
	"ετησια": 12, "ετησιωσ": 12, "ετησιο": 12, "καθε χρονο": 12, "καθε ετοσ": 12,
	"monthly": 1, "every month": 1, "μηνιαια": 1, "μηνιαιωσ": 1, "καθε μηνα": 1,
	"quarterly": 3, "τριμηνιαια": 3, "every quarter": 3, "καθε τριμηνο": 3,
	"half-yearly": 6, "semiannually": 6, "semi-annually": 6, "εξαμηνιαια": 6, "καθε εξαμηνο": 6,
}

// ParseRecurrence reads a recurrence as staff write it: "1y", "12m",
// "yearly", "every 6 months", "every 2 years", "ετήσια", "κάθε 6 μήνες",
// "κάθε 2 χρόνια", or an RRULE such as "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31".
// RRULEs repeat daily at most often and carry no DTSTART: the series
// starts at the obligation's first due date. EINVALID otherwise.
func ParseRecurrence(s string) (Recurrence, error) {
	raw := strings.TrimSpace(s)
	upper := strings.ToUpper(raw)
	if strings.HasPrefix(upper, "RRULE:") || strings.HasPrefix(upper, "FREQ=") {
		return parseRule(raw)
	}
	key := strings.Join(strings.Fields(SearchKey(raw)), " ")
	if months, ok := recurrenceWords[key]; ok {
		return Recurrence{Months: months}, nil
	}
	key = strings.TrimPrefix(strings.TrimPrefix(key, "every "), "καθε ")
	n, unit, ok := splitAmount(key)
	if ok {
		switch unit {
		case unitYear:
			n *= 12
		case unitMonth:
		default:
			ok = false
		}
	}
	if !ok || n < 1 || n > MaxRecurrenceMonths {
		return Recurrence{}, Errorf(EINVALID, "recurrence.invalid", s)
	}
	return Recurrence{Months: n}, nil
}

// parseRule checks an RRULE with the rrule library and returns it in
// canonical form.
func parseRule(s string) (Recurrence, error) {
	if len(s) > maxRuleLen || strings.ContainsAny(s, "\r\n") || strings.Contains(strings.ToUpper(s), "DTSTART") {
		return Recurrence{}, Errorf(EINVALID, "recurrence.invalid.rule", s)
	}
	opt, err := rrule.StrToROption(strings.ToUpper(strings.TrimSpace(s)))
	if err != nil || opt.Freq > rrule.DAILY {
		return Recurrence{}, Errorf(EINVALID, "recurrence.invalid.rule", s)
	}
	r := Recurrence{Rule: opt.RRuleString()}
	// A rule that matches no day (31 February) would make every later
	// question scan to the year 9999 (0.2 s for a daily rule); refuse it
	// now, paying that once.
	probe := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	rule, err := r.rule(probe)
	if err != nil || rule.After(probe, true).IsZero() {
		return Recurrence{}, Errorf(EINVALID, "recurrence.invalid.rule", s)
	}
	return r, nil
}

// rule builds the rrule series starting at start.
func (r Recurrence) rule(start time.Time) (*rrule.RRule, error) {
	opt, err := rrule.StrToROption(r.Rule)
	if err != nil {
		return nil, err
	}
	opt.Dtstart = start.Truncate(time.Second)
	return rrule.NewRRule(*opt)
}

// IsZero reports whether r recurs at all.
func (r Recurrence) IsZero() bool { return r.Months == 0 && r.Rule == "" }

// Validate returns an EINVALID error unless r is once, a month step within
// MaxRecurrenceMonths, or a valid rule.
func (r Recurrence) Validate() error {
	switch {
	case r.Rule != "" && r.Months != 0:
		return Errorf(EINVALID, "recurrence.invalid", r.String())
	case r.Rule != "":
		_, err := parseRule(r.Rule)
		return err
	case r.Months < 0 || r.Months > MaxRecurrenceMonths:
		return Errorf(EINVALID, "recurrence.invalid", r.String())
	}
	return nil
}

// Next returns the occurrence that follows after, taking after itself as an
// occurrence of the series, in loc's wall clock: a monthly 09:00 stays
// 09:00 in Athens across the switch to or from summer time. The zero time
// means there is none (r is zero, or the rule has ended).
func (r Recurrence) Next(after time.Time, loc *time.Location) time.Time {
	return r.NextFrom(after, after, loc)
}

// NextFrom returns the first occurrence strictly after after, of the
// series whose first occurrence is start, in loc's wall clock. Counting
// from start keeps month ends and 29 February from drifting. The zero time
// means there is none.
func (r Recurrence) NextFrom(start, after time.Time, loc *time.Location) time.Time {
	start = start.In(loc)
	switch {
	case r.Rule != "":
		rule, err := r.rule(start)
		if err != nil {
			return time.Time{}
		}
		return rule.After(after, false)
	case r.Months <= 0:
		return time.Time{}
	case start.After(after):
		return start
	}
	a := after.In(loc)
	// Estimate the step count, then walk: one or two steps at most.
	k := ((a.Year()-start.Year())*12 + int(a.Month()-start.Month())) / r.Months
	if k < 1 {
		k = 1
	}
	for {
		if t := addMonths(start, k*r.Months); t.After(after) {
			if k > 1 {
				if prev := addMonths(start, (k-1)*r.Months); prev.After(after) {
					k--
					continue
				}
			}
			return t
		}
		k++
	}
}

// addMonths moves t by n calendar months in t's zone, keeping the wall
// clock and clamping the day to the end of a shorter month.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if last := daysIn(first.Year(), first.Month()); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// daysIn returns the number of days in a month.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String writes r in English so that ParseRecurrence reads it back:
// "every 6 months", "every year", "every 2 years", or "RRULE:…"; "" for once.
func (r Recurrence) String() string {
	switch {
	case r.Rule != "":
		return "RRULE:" + r.Rule
	case r.Months == 0:
		return ""
	case r.Months == 12:
		return "every year"
	case r.Months == 1:
		return "every month"
	case r.Months%12 == 0:
		return "every " + strconv.Itoa(r.Months/12) + " years"
	}
	return "every " + strconv.Itoa(r.Months) + " months"
}

// Label names r's label for people: "κάθε 6 μήνες", "every year".
func (r Recurrence) Label() Text {
	switch {
	case r.Rule != "":
		return Text{Key: "recurrence.rule", Args: []any{r.Rule}}
	case r.Months == 0:
		return Text{Key: "recurrence.once"}
	case r.Months == 12:
		return Text{Key: "recurrence.yearly"}
	case r.Months == 1:
		return Text{Key: "recurrence.monthly"}
	case r.Months%12 == 0:
		return Text{Key: "recurrence.years", Args: []any{r.Months / 12}}
	}
	return Text{Key: "recurrence.months", Args: []any{r.Months}}
}

// Period is a length of calendar time, such as a notice period of six
// months or ninety days. Months are taken first, then days.
type Period struct {
	Months int
	Days   int
}

// ParsePeriod reads "6m", "3 months", "1y", "90d", "90 days", "6 μήνες",
// "90 ημέρες", "1 έτος". EINVALID otherwise.
func ParsePeriod(s string) (Period, error) {
	n, unit, ok := splitAmount(strings.Join(strings.Fields(SearchKey(s)), " "))
	if ok && n >= 1 {
		switch unit {
		case unitYear:
			if n*12 <= MaxRecurrenceMonths {
				return Period{Months: n * 12}, nil
			}
		case unitMonth:
			if n <= MaxRecurrenceMonths {
				return Period{Months: n}, nil
			}
		case unitDay:
			if n <= MaxPeriodDays {
				return Period{Days: n}, nil
			}
		}
	}
	return Period{}, Errorf(EINVALID, "period.invalid", s)
}

// IsZero reports whether p is no time at all.
func (p Period) IsZero() bool { return p.Months == 0 && p.Days == 0 }

// Validate returns an EINVALID error for a negative or overlong period.
func (p Period) Validate() error {
	if p.Months < 0 || p.Days < 0 || p.Months > MaxRecurrenceMonths || p.Days > MaxPeriodDays {
		return Errorf(EINVALID, "period.invalid", p.String())
	}
	return nil
}

// Before returns t moved back by p in loc's calendar, clamping the day as
// Recurrence does: six months before 31 December is 30 June.
func (p Period) Before(t time.Time, loc *time.Location) time.Time {
	t = addMonths(t.In(loc), -p.Months)
	return t.AddDate(0, 0, -p.Days)
}

// String writes p so that ParsePeriod reads it back: "6m", "90d", "1m15d".
func (p Period) String() string {
	var s string
	if p.Months != 0 {
		s = strconv.Itoa(p.Months) + "m"
	}
	if p.Days != 0 {
		s += strconv.Itoa(p.Days) + "d"
	}
	return s
}

// Label names p's label for people: "6 μήνες", "90 days", "1 μήνας + 15
// ημέρες"; the zero period has none.
func (p Period) Label() Text {
	months := Text{Key: "period.months", Args: []any{p.Months}}
	days := Text{Key: "period.days", Args: []any{p.Days}}
	switch {
	case p.Months != 0 && p.Days != 0:
		return Text{Key: "period.months_days", Args: []any{months, days}}
	case p.Months != 0:
		return months
	case p.Days != 0:
		return days
	}
	return Text{}
}

// The units splitAmount recognises.
const (
	unitYear = iota + 1
	unitMonth
	unitDay
)

// units maps folded unit words (English and Greek) to units.
var units = map[string]int{
	"y": unitYear, "yr": unitYear, "yrs": unitYear, "year": unitYear, "years": unitYear,
	"χρονο": unitYear, "χρονοσ": unitYear, "χρονια": unitYear, "ετοσ": unitYear, "ετη": unitYear, "ε": unitYear,
	"m": unitMonth, "mo": unitMonth, "month": unitMonth, "months": unitMonth,
	"μηνα": unitMonth, "μηνασ": unitMonth, "μηνεσ": unitMonth, "μ": unitMonth,
	"d": unitDay, "day": unitDay, "days": unitDay,
	"ημερα": unitDay, "ημερεσ": unitDay, "μερα": unitDay, "μερεσ": unitDay, "η": unitDay,
}

// splitAmount reads "<number><unit>" or "<number> <unit>" from folded text.
func splitAmount(s string) (n int, unit int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, 0, false
	}
	n, _ = strconv.Atoi(s[:i])
	unit, ok = units[strings.TrimSpace(s[i:])]
	return n, unit, ok
}
