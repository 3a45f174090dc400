package handlers

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// monthNames maps the SearchKey of every month name users write (Greek
// genitive and nominative, English full and short) to its number.
var monthNames = map[string]time.Month{}

func init() {
	gen, nom := i18n.GreekMonthsGenitive(), i18n.GreekMonthsNominative()
	for i := range 12 {
		m := time.Month(i + 1)
		for _, name := range []string{gen[i], nom[i], m.String(), m.String()[:3]} {
			monthNames[proxenos.SearchKey(name)] = m
		}
	}
	monthNames["sept"] = time.September
	// Greek abbreviations, as on a calendar: "20 νοε 2026".
	for i, short := range []string{"ιαν", "φεβ", "μαρ", "απρ", "μαι", "ιουν", "ιουλ", "αυγ", "σεπ", "οκτ", "νοε", "δεκ"} {
		monthNames[short] = time.Month(i + 1)
	}
	monthNames["σεπτ"] = time.September
	// "Μάη" is the everyday genitive of May.
	monthNames[proxenos.SearchKey("Μάη")] = time.May
}

// relativeDays maps the SearchKey of words for today, yesterday and
// tomorrow to a day offset.
var relativeDays = map[string]int{}

func init() {
	for w, off := range map[string]int{
		"today": 0, "σήμερα": 0, "yesterday": -1, "χθες": -1, "χτες": -1, "tomorrow": 1, "αύριο": 1,
		"προχθές": -2, "προχτές": -2, "μεθαύριο": 2,
	} {
		relativeDays[proxenos.SearchKey(w)] = off
	}
}

// weekdayNames maps the SearchKey of weekday names, Greek and English,
// full and short, to the day.
var weekdayNames = map[string]time.Weekday{}

func init() {
	greek := []string{"Κυριακή", "Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη", "Παρασκευή", "Σάββατο"}
	short := []string{"Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ"}
	for d := time.Sunday; d <= time.Saturday; d++ {
		for _, name := range []string{greek[d], short[d], d.String(), d.String()[:3]} {
			weekdayNames[proxenos.SearchKey(name)] = d
		}
	}
}

// aheadFields are the date fields that name a day to come: a weekday
// there is the coming one ("due:Παρασκευή" is this Friday or the next),
// while elsewhere — a letter's date, a contact — it is the last one.
var aheadFields = map[string]bool{"due": true, "at": true, "opening": true, "end": true, "start": true}

// weekday returns the day named by a weekday word: the last one up to
// today, or with ahead the coming one from today.
func weekday(key string, ahead bool, now time.Time, loc *time.Location) (time.Time, bool) {
	d, ok := weekdayNames[key]
	if !ok {
		return time.Time{}, false
	}
	now = now.In(loc)
	off := int(d - now.Weekday())
	switch {
	case ahead && off < 0:
		off += 7
	case !ahead && off > 0:
		off -= 7
	}
	return time.Date(now.Year(), now.Month(), now.Day()+off, 0, 0, 0, 0, loc), true
}

// The years a typed date may have: from FirstYear to yearsAhead after
// the current year. Any other is a slip of the keyboard (01/01/0001,
// 20/11/20226) that would file an entry where nobody finds it.
const (
	FirstYear  = 1900
	yearsAhead = 50
)

// LastYear is the latest year a date typed at now may have.
func LastYear(now time.Time) int {
	return now.Year() + yearsAhead
}

// YearInRange reports whether a date typed at now may have year.
func YearInRange(year int, now time.Time) bool {
	return year >= FirstYear && year <= LastYear(now)
}

// ParseDate reads a date as office staff write it, in zone loc with now
// as the current time: 20/11/2026, 20-11-2026, 20.11.2026, 2026-11-20,
// 20/11 (this year), 20/11/26 (a year of one or two digits is in this
// century), "20 Νοεμβρίου 2026", "20 Nov 2026", "November 20, 2026",
// today/σήμερα, yesterday/χθες, tomorrow/αύριο, προχθές, μεθαύριο, and a
// weekday (the last one: "Παρασκευή" is the Friday just gone, or today).
// It returns midnight of that day in loc, and false for text that is not
// a date, an impossible one (31/02/2026) or one whose year is outside
// FirstYear to LastYear(now).
func ParseDate(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	t, ok := readDate(s, false, now, loc)
	return t, ok && YearInRange(t.Year(), now.In(loc))
}

// readDate is ParseDate without the range of years: any year from 1 to
// 9999 reads. With ahead a weekday is the coming one.
func readDate(s string, ahead bool, now time.Time, loc *time.Location) (time.Time, bool) {
	now = now.In(loc)
	key := proxenos.SearchKey(strings.TrimSpace(s))
	if off, ok := relativeDays[key]; ok {
		// time.Date carries day 0 and day 32 into the adjacent month.
		return time.Date(now.Year(), now.Month(), now.Day()+off, 0, 0, 0, 0, loc), true
	}
	if t, ok := weekday(key, ahead, now, loc); ok {
		return t, true
	}
	// Split into numbers and words; remember whether the first number had
	// four digits (ISO order), and how many digits each number had.
	var nums, digits []int
	var words []string
	isoFirst := false
	for i, f := range strings.FieldsFunc(key, func(r rune) bool {
		return r == '/' || r == '-' || r == '.' || r == ',' || unicode.IsSpace(r)
	}) {
		if n, err := strconv.Atoi(f); err == nil {
			if i == 0 && len(f) == 4 {
				isoFirst = true
			}
			nums, digits = append(nums, n), append(digits, len(f))
		} else {
			words = append(words, f)
		}
	}
	// Decide the order of the parts: ISO when the first number has four
	// digits, else day first as in Greece; a month name fixes the month.
	var day, year int
	var month time.Month
	switch {
	case len(words) == 0 && len(nums) == 3 && isoFirst:
		year, month, day = nums[0], time.Month(nums[1]), nums[2]
	case len(words) == 0 && len(nums) == 3:
		day, month, year = nums[0], time.Month(nums[1]), nums[2]
		// 20/11/26 is 2026; 01/01/0001 is the year 1, out of range.
		if digits[2] <= 2 {
			year += 2000
		}
	// "2026-11" is a month, not a date: ParsePeriod reads it.
	case len(words) == 0 && len(nums) == 2 && !isoFirst:
		day, month, year = nums[0], time.Month(nums[1]), now.Year()
	case len(words) == 1 && (len(nums) == 2 || len(nums) == 1):
		m, ok := monthNames[words[0]]
		if !ok {
			return time.Time{}, false
		}
		month, day, year = m, nums[0], now.Year()
		if len(nums) == 2 {
			year = nums[1]
		}
	default:
		return time.Time{}, false
	}
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, loc)
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false // 31/02 rolled over into March
	}
	return t, true
}

// ParseDateField reads a date given for field, or returns an EINVALID
// error naming the field with an example: that it is not a date, or that
// its year is out of range.
func ParseDateField(field, value string, now time.Time, loc *time.Location) (time.Time, error) {
	t, ok := readDate(value, aheadFields[field], now, loc)
	switch {
	case !ok:
		return time.Time{}, proxenos.Errorf(proxenos.EINVALID, "input.invalid_date", proxenos.Field(field), value)
	case !YearInRange(t.Year(), now.In(loc)):
		return time.Time{}, proxenos.Errorf(proxenos.EINVALID, "input.date_year", proxenos.Field(field), value, FirstYear, LastYear(now.In(loc)))
	}
	return t, nil
}

// ParsePeriod reads a period as [from, to) in loc: a year "2026", a month
// "2026-11" or "11/2026", a quarter "2026-Q3" (or "Q3 2026", "2026-Τ3"),
// a single date, a relative period ("last month", "φέτος"), or a range
// of two of these, "1/9/2026-30/11/2026" (see
// parseRange). It returns false for anything else.
func ParsePeriod(s string, now time.Time, loc *time.Location) (from, to time.Time, ok bool) {
	if from, to, ok = parseOnePeriod(s, now, loc); ok {
		return from, to, true
	}
	return parseRange(s, now, loc)
}

// periodWords maps the SearchKey of the words of a relative period to
// the unit it counts (week, month, quarter, year) or to which one it
// means: 0 is the current one, -1 the one before. Articles are skipped.
var periodWords = map[string]string{}

func init() {
	for unit, words := range map[string][]string{
		"week":    {"week", "εβδομάδα", "βδομάδα"},
		"month":   {"month", "μήνα", "μήνας", "μήνες"},
		"quarter": {"quarter", "τρίμηνο", "τρίμηνου"},
		"year":    {"year", "χρονιά", "χρόνο", "έτος"},
		"0":       {"this", "current", "αυτή", "αυτόν", "αυτό", "αυτός", "τρέχουσα", "τρέχων", "τρέχον", "τρέχοντα"},
		"-1":      {"last", "previous", "past", "προηγούμενη", "προηγούμενο", "προηγούμενος", "περασμένη", "περασμένο", "περασμένος"},
		"":        {"the", "την", "τον", "το", "η", "ο"},
	} {
		for _, w := range words {
			periodWords[proxenos.SearchKey(w)] = unit
		}
	}
}

// relativePeriod reads "this week", "last month", "την προηγούμενη
// εβδομάδα", "φέτος", "πέρσι" as [from, to) around now in loc. Weeks
// start on Monday.
func relativePeriod(key string, now time.Time, loc *time.Location) (from, to time.Time, ok bool) {
	now = now.In(loc)
	which, unit := "", ""
	switch key {
	case proxenos.SearchKey("φέτος"):
		which, unit = "0", "year"
	case proxenos.SearchKey("πέρσι"), proxenos.SearchKey("πέρυσι"):
		which, unit = "-1", "year"
	default:
		for _, w := range strings.Fields(key) {
			v, known := periodWords[w]
			switch {
			case !known:
				return time.Time{}, time.Time{}, false
			case v == "0" || v == "-1":
				which = v
			case v != "":
				unit = v
			}
		}
	}
	if which == "" || unit == "" {
		return time.Time{}, time.Time{}, false
	}
	back := 0
	if which == "-1" {
		back = -1
	}
	y, m, d := now.Date()
	switch unit {
	case "week":
		// Days since Monday: Sunday is 0 in Go, the last day of a Greek week.
		from = time.Date(y, m, d-(int(now.Weekday())+6)%7+7*back, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 0, 7), true
	case "month":
		from = time.Date(y, m+time.Month(back), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 1, 0), true
	case "quarter":
		from = time.Date(y, m-(m-1)%3+time.Month(3*back), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 3, 0), true
	}
	from = time.Date(y+back, 1, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(1, 0, 0), true
}

// parseOnePeriod reads a year, month, quarter, date or relative period,
// as ParsePeriod.
func parseOnePeriod(s string, now time.Time, loc *time.Location) (from, to time.Time, ok bool) {
	key := proxenos.SearchKey(strings.TrimSpace(s))
	if from, to, ok := relativePeriod(key, now, loc); ok {
		return from, to, true
	}
	parts := strings.FieldsFunc(key, func(r rune) bool { return r == '-' || r == '/' || r == ' ' || r == '.' })
	num := func(p string) int {
		n, err := strconv.Atoi(p)
		if err != nil {
			return -1
		}
		return n
	}
	quarter := func(p string) int {
		if r := []rune(p); len(r) == 2 && (r[0] == 'q' || r[0] == 'τ') {
			return num(string(r[1]))
		}
		return -1
	}
	validYear := func(y int) bool { return YearInRange(y, now.In(loc)) }
	switch {
	case len(parts) == 1 && len(parts[0]) == 4 && validYear(num(parts[0])):
		from = time.Date(num(parts[0]), 1, 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(1, 0, 0), true
	case len(parts) == 2 && validYear(num(parts[0])) && quarter(parts[1]) >= 1 && quarter(parts[1]) <= 4:
		from = time.Date(num(parts[0]), time.Month(3*quarter(parts[1])-2), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 3, 0), true
	case len(parts) == 2 && validYear(num(parts[1])) && quarter(parts[0]) >= 1 && quarter(parts[0]) <= 4:
		from = time.Date(num(parts[1]), time.Month(3*quarter(parts[0])-2), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 3, 0), true
	case len(parts) == 2 && len(parts[0]) == 4 && validYear(num(parts[0])) && num(parts[1]) >= 1 && num(parts[1]) <= 12:
		from = time.Date(num(parts[0]), time.Month(num(parts[1])), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 1, 0), true
	case len(parts) == 2 && validYear(num(parts[1])) && num(parts[0]) >= 1 && num(parts[0]) <= 12:
		from = time.Date(num(parts[1]), time.Month(num(parts[0])), 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 1, 0), true
	case len(parts) == 2 && validYear(num(parts[1])) && monthNames[parts[0]] != 0:
		from = time.Date(num(parts[1]), monthNames[parts[0]], 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(0, 1, 0), true
	}
	if d, ok := ParseDate(s, now, loc); ok {
		return d, d.AddDate(0, 0, 1), true
	}
	return time.Time{}, time.Time{}, false
}
