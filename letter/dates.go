package letter

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
)

// months maps month names and abbreviations, as SearchKey folds them, in
// the languages of the office's mail, to their number.
var months = func() map[string]int {
	names := [12][]string{
		{"ιανουαριου", "ιανουαριοσ", "ιαν", "january", "jan", "januar", "janner", "janvier", "janv", "gennaio", "genn"},
		{"φεβρουαριου", "φεβρουαριοσ", "φεβ", "february", "feb", "februar", "fevrier", "fevr", "febbraio", "febbr"},
		{"μαρτιου", "μαρτιοσ", "μαρ", "march", "mar", "marz", "mars", "marzo"},
		{"απριλιου", "απριλιοσ", "απρ", "april", "apr", "avril", "avr", "aprile"},
		{"μαιου", "μαιοσ", "may", "mai", "maggio", "magg"},
		{"ιουνιου", "ιουνιοσ", "ιουν", "june", "jun", "juni", "juin", "giugno"},
		{"ιουλιου", "ιουλιοσ", "ιουλ", "july", "jul", "juli", "juillet", "juil", "luglio"},
		{"αυγουστου", "αυγουστοσ", "αυγ", "august", "aug", "aout", "agosto", "ag"},
		{"σεπτεμβριου", "σεπτεμβριοσ", "σεπ", "σεπτ", "september", "sep", "sept", "septembre", "settembre", "sett"},
		{"οκτωβριου", "οκτωβριοσ", "οκτ", "october", "oct", "oktober", "okt", "octobre", "ottobre", "ott"},
		{"νοεμβριου", "νοεμβριοσ", "νοε", "νοεμ", "november", "nov", "novembre"},
		{"δεκεμβριου", "δεκεμβριοσ", "δεκ", "december", "dec", "dezember", "dez", "decembre", "dicembre", "dic"},
	}
	m := map[string]int{}
	for i, list := range names {
		for _, n := range list {
			m[n] = i + 1
		}
	}
	return m
}()

// monthNames is an alternation of the month names, longest first.
var monthNames = func() string {
	names := make([]string, 0, len(months))
	for n := range months {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	return strings.Join(names, "|")
}()

// Dates as letters write them, on text folded by SearchKey: "12
// νοεμβριου 2026", "12. november 2026", "1er decembre 2026", "november
// 12, 2026", "12.11.2026", "12/11/2026" (day first, as Europe writes
// it), "2026-11-12".
var (
	dayMonthYear = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})(?:er|st|nd|rd|th|ησ|η)?\.?\s+(` + monthNames + `)\.?,?\s+(\d{4})`)
	monthDayYear = regexp.MustCompile(`(?:^|[^\pL])(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	numericDate  = regexp.MustCompile(`(?:^|[^\d./-])(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?:[^\d]|$)`)
	isoDate      = regexp.MustCompile(`(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?:[^\d]|$)`)
)

// findDate returns the first real date written in text, as midnight UTC:
// a day, not yet any office's (see onDay).
func findDate(text string) (time.Time, bool) {
	folded := proxenos.SearchKey(text)
	best, bestAt := time.Time{}, -1
	try := func(re *regexp.Regexp, ymd func(m []string) (string, string, string)) {
		for _, m := range re.FindAllStringSubmatchIndex(folded, -1) {
			if bestAt >= 0 && m[0] >= bestAt {
				return
			}
			parts := make([]string, len(m)/2)
			for i := range parts {
				parts[i] = folded[m[2*i]:m[2*i+1]]
			}
			if t, ok := realDate(ymd(parts)); ok {
				best, bestAt = t, m[0]
				return
			}
		}
	}
	try(dayMonthYear, func(p []string) (string, string, string) { return p[3], p[2], p[1] })
	try(monthDayYear, func(p []string) (string, string, string) { return p[3], p[1], p[2] })
	try(numericDate, func(p []string) (string, string, string) {
		if p[2] != p[4] {
			return "", "", "" // "22.04/2026" is a reference, not a date
		}
		return p[5], p[3], p[1]
	})
	try(isoDate, func(p []string) (string, string, string) { return p[1], p[2], p[3] })
	return best, bestAt >= 0
}

// realDate returns the date of a year, a month (a number or a name) and
// a day, if it is one.
func realDate(year, month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	mo, err3 := strconv.Atoi(month)
	if err3 != nil {
		mo, err3 = months[month], nil
	}
	if err1 != nil || err2 != nil || y < 1900 || mo < 1 || mo > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d // 31 November is no date
}

// onDay returns the day of findDate's day at midnight in loc.
func onDay(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// officeDay returns the day of the instant t in loc, at midnight.
func officeDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
