package call

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
)

// zoneWords maps the SearchKey of zone names written after a deadline to
// the zone: "18/09/2027 12:00 Athens" is noon in Athens. The office zone
// is filled in by deadlineZone.
var zoneWords = map[string]string{
	"brussels": "Europe/Brussels", "bruxelles": "Europe/Brussels", "βρυξελλεσ": "Europe/Brussels",
	"cet": "Europe/Brussels", "cest": "Europe/Brussels",
	"athens": "Europe/Athens", "αθηνα": "Europe/Athens", "eet": "Europe/Athens", "eest": "Europe/Athens",
	"ελλαδα": "Europe/Athens", "utc": "UTC", "gmt": "UTC",
}

// ianaZone is a zone name such as Europe/Rome: safe to load.
// No dots: typed text never reaches LoadLocation as a path ("../x").
var ianaZone = regexp.MustCompile(`^[A-Za-z]+/[A-Za-z_]+$`)

// deadlineZone reads a zone written after a deadline, and false when w
// is not one.
func deadlineZone(w string) (*time.Location, bool) {
	name, ok := zoneWords[proxenos.SearchKey(strings.Trim(w, "()"))]
	if !ok && ianaZone.MatchString(w) {
		name, ok = w, true
	}
	if !ok {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}

// parseDeadlines reads deadlines separated by ";" or ",": each a date
// with an optional time of day (17:00 when missing), in Brussels time
// unless a zone follows: "18/09/2027 17:00", "04/03/2027 12:00 Athens".
func (h *Handler) parseDeadlines(ctx context.Context, s string) ([]proxenos.Deadline, error) {
	var out []proxenos.Deadline
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		fields := strings.Fields(item)
		if len(fields) == 0 {
			continue
		}
		var loc *time.Location
		if len(fields) > 1 {
			if z, ok := deadlineZone(fields[len(fields)-1]); ok {
				loc, fields = z, fields[:len(fields)-1]
			}
		}
		at, err := proxenos.ParseDeadline(strings.Join(fields, " "))
		if err != nil {
			return nil, err
		}
		// ParseDeadline reads Brussels wall time; move that wall time to
		// the zone given.
		if loc != nil {
			b := at.In(proxenos.DeadlineLocation())
			at = time.Date(b.Year(), b.Month(), b.Day(), b.Hour(), b.Minute(), 0, 0, loc)
		}
		if now := h.k.Clock(ctx); !handlers.YearInRange(at.In(proxenos.DeadlineLocation()).Year(), now) {
			return nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.deadline_year", strings.TrimSpace(item), handlers.FirstYear, handlers.LastYear(now))
		}
		out = append(out, proxenos.Deadline{At: at})
	}
	return out, nil
}
