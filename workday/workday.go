// Package workday knows the office's working days: Monday to Friday,
// except the public holidays of Greece, the fixed ones and those that move
// with Orthodox Easter.
package workday

import "time"

// fixed are the public holidays on the same date every year: New Year,
// Epiphany, Independence Day, Labour Day, the Dormition, Ochi Day,
// Christmas and the Synaxis of the Theotokos.
var fixed = [][2]int{{1, 1}, {1, 6}, {3, 25}, {5, 1}, {8, 15}, {10, 28}, {12, 25}, {12, 26}}

// movable are the public holidays counted in days from Orthodox Easter
// Sunday: Clean Monday (−48), Good Friday (−2), Easter Monday (+1) and
// Whit Monday, of the Holy Spirit (+50).
var movable = []int{-48, -2, 1, 50}

// Easter returns Orthodox Easter Sunday of year, as a date of the
// Gregorian calendar at midnight UTC. It uses the Julian computus (Meeus)
// and the 13 days by which the Julian calendar trails the Gregorian
// between 1900 and 2099.
func Easter(year int) time.Time {
	a, b, c := year%4, year%7, year%19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := (d + e + 114) / 31
	day := (d+e+114)%31 + 1
	return time.Date(year, time.Month(month), day+13, 0, 0, 0, 0, time.UTC)
}

// IsHoliday reports whether the day of t, in t's zone, is a public
// holiday in Greece.
func IsHoliday(t time.Time) bool {
	y, m, d := t.Date()
	for _, f := range fixed {
		if int(m) == f[0] && d == f[1] {
			return true
		}
	}
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	easter := Easter(y)
	for _, off := range movable {
		if day.Equal(easter.AddDate(0, 0, off)) {
			return true
		}
	}
	return false
}

// IsWorkday reports whether the day of t, in t's zone, is a working day:
// not a Saturday, a Sunday or a public holiday.
func IsWorkday(t time.Time) bool {
	switch t.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !IsHoliday(t)
}

// Before returns t moved back, a day at a time, to the nearest working
// day at the same clock time: t itself when it is one. A reminder due on
// a Saturday goes out on the Friday before.
func Before(t time.Time) time.Time {
	for !IsWorkday(t) {
		y, m, d := t.Date()
		t = time.Date(y, m, d-1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	}
	return t
}
