package handlers

import (
	"strings"
	"time"
	"unicode/utf8"
)

// rangeSeparators split a range of periods, longest first so that " - "
// wins over "-": "1/9/2026 - 30/11/2026", "9/2026 έως 11/2026".
var rangeSeparators = []string{" έως ", " εως ", " until ", " to ", " – ", " — ", " - ", "..", "–", "—", "-"}

// maxRangeLen bounds the text parseRange tries to split.
// Every separator at every position costs two parses: longer text is
// refused before it costs; two dates in words fit.
const maxRangeLen = 64

// parseRange reads "A-B", where A and B are each a year, month, quarter
// or date, as [start of A, end of B): "1/9/2026-30/11/2026" is 1 September
// to the end of 30 November. Dates may contain dashes themselves
// ("2026-09-01-2026-11-30"), so every separator is tried until both sides
// read. It returns false unless B ends after A starts.
func parseRange(s string, now time.Time, loc *time.Location) (from, to time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxRangeLen {
		return time.Time{}, time.Time{}, false
	}
	for _, sep := range rangeSeparators {
		for i := 0; i < len(s); {
			j := strings.Index(s[i:], sep)
			if j < 0 {
				break
			}
			j += i
			start, _, okStart := parseOnePeriod(s[:j], now, loc)
			_, end, okEnd := parseOnePeriod(s[j+len(sep):], now, loc)
			if okStart && okEnd && start.Before(end) {
				return start, end, true
			}
			i = j + len(sep)
		}
	}
	return time.Time{}, time.Time{}, false
}
