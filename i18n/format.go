package i18n

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Month names: Greek dates are written with the genitive ("20 Νοεμβρίου 2026").
var (
	monthsGenitive = [12]string{"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
		"Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"}
	monthsNominative = [12]string{"Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος",
		"Ιούλιος", "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος"}
	weekdaysGreek = [7]string{"Κυριακή", "Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη", "Παρασκευή", "Σάββατο"}
)

// GreekMonthsGenitive returns the Greek month names in the genitive, January first.
func GreekMonthsGenitive() [12]string { return monthsGenitive }

// GreekMonthsNominative returns the Greek month names in the nominative, January first.
func GreekMonthsNominative() [12]string { return monthsNominative }

// FormatDate writes a date as the language does: "20 Νοεμβρίου 2026", "20 Nov 2026".
func FormatDate(lang Lang, t time.Time) string {
	if lang == Greek {
		return strconv.Itoa(t.Day()) + " " + monthsGenitive[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("2 Jan 2006")
}

// Capitalized returns s with its first letter upper-cased: a label that
// stands alone, «Υποβλήθηκε».
func Capitalized(s string) string {
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// FormatDateOrdinal writes a date as a sentence names the day it happens
// on: Greek writes the day as an ordinal, "1η Ιανουαρίου 2027", after
// "την"; English as FormatDate.
func FormatDateOrdinal(lang Lang, t time.Time) string {
	if lang == Greek {
		return strconv.Itoa(t.Day()) + "η " + monthsGenitive[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return FormatDate(lang, t)
}

// FormatDateTime writes a date with its time of day: "18 Σεπτεμβρίου 2027, 17:00".
func FormatDateTime(lang Lang, t time.Time) string {
	return FormatDate(lang, t) + ", " + t.Format("15:04")
}

// FormatWeekday writes the day of the week: "Δευτέρα", "Monday".
func FormatWeekday(lang Lang, t time.Time) string {
	if lang == Greek {
		return weekdaysGreek[t.Weekday()]
	}
	return t.Weekday().String()
}

// FormatMonth writes a month and year: "Νοέμβριος 2026", "November 2026".
func FormatMonth(lang Lang, t time.Time) string {
	if lang == Greek {
		return monthsNominative[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("January 2006")
}

// FormatInt groups thousands as the language does: 12.345 in Greek, 12,345 in English.
func FormatInt(lang Lang, n int64) string {
	sep := ","
	if lang == Greek {
		sep = "."
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
