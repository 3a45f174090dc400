// Package calendar serves the office's dates as an RFC 5545 calendar that
// Outlook, Google Calendar and Thunderbird subscribe to: call deadlines and
// milestones, obligations and agreement expiries, at a private address
// (GET /calendar.ics?token=…) that /ir calendar hands out.
//
// The iCalendar text itself (escaping, line folding, the VTIMEZONE) is
// written by github.com/arran4/golang-ical.
package calendar

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"
)

// productID names Proxenos as the calendar's producer (PRODID).
const productID = "-//Proxenos//Calendar feed//EL"

// Layouts of iCalendar dates and local date-times.
const (
	dateLayout      = "20060102"
	localTimeLayout = "20060102T150405"
)

// sequenceEpoch is where SEQUENCE starts counting seconds: a revision of
// an item is its UpdatedAt in seconds since then, which fits the 31-bit
// integer RFC 5545 allows until 2088.
var sequenceEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Event is one entry of the feed.
type Event struct {
	UID         string    // stable across renders: the item and which of its dates
	Sequence    int       // grows with every change of the item (see Sequence)
	Summary     string    // plain text; any characters
	Description string    // plain text; any characters
	URL         string    // a link back to Slack; "" for none
	Start       time.Time // the instant, or any time on the day when AllDay
	AllDay      bool      // a date in the feed's zone rather than an instant
	Modified    time.Time // when the item last changed: DTSTAMP and LAST-MODIFIED
}

// Sequence returns the SEQUENCE of an item last updated at updated: its
// seconds since 2020, never negative, so that it grows with each change.
func Sequence(updated time.Time) int {
	if updated.Before(sequenceEpoch) {
		return 0
	}
	return int(min(updated.Sub(sequenceEpoch)/time.Second, 1<<31-1))
}

// Write writes events as an iCalendar named name, with timed events in
// loc (DTSTART;TZID=…, and the zone's VTIMEZONE with its summer-time
// rules) and all-day events on their date in loc. The output depends only
// on its arguments: now picks the year of the zone's rules and stamps
// events without a Modified time.
func Write(w io.Writer, name string, loc *time.Location, now time.Time, events []Event) error {
	cal := ics.NewCalendar()
	cal.CalendarProperties = nil
	cal.SetVersion("2.0")
	cal.SetProductId(productID)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(cleanText(name))
	cal.SetXWRCalName(cleanText(name))
	cal.SetXWRTimezone(loc.String())
	// Ask subscribers to refresh hourly; Outlook and Google decide for
	// themselves, Thunderbird and Apple Calendar follow it.
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	cal.AddVTimezone(vtimezone(loc, now.In(loc).Year()))
	for _, e := range events {
		ev := cal.AddEvent(cleanText(e.UID))
		ev.SetSequence(e.Sequence)
		// DTSTAMP is required; an item that never changed has no
		// LAST-MODIFIED.
		if e.Modified.IsZero() {
			ev.SetDtStampTime(now)
		} else {
			ev.SetDtStampTime(e.Modified)
			ev.SetModifiedAt(e.Modified)
		}
		if e.AllDay {
			y, m, d := e.Start.In(loc).Date()
			day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			ev.SetProperty(ics.ComponentPropertyDtStart, day.Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
			ev.SetProperty(ics.ComponentPropertyDtEnd, day.AddDate(0, 0, 1).Format(dateLayout), ics.WithValue(string(ics.ValueDataTypeDate)))
		} else {
			ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localTimeLayout), ics.WithTZID(loc.String()))
		}
		ev.SetSummary(cleanText(e.Summary))
		if e.Description != "" {
			ev.SetDescription(cleanText(e.Description))
		}
		if e.URL != "" {
			ev.SetURL(e.URL)
		}
		// Deadlines are points in time, not meetings: they leave the
		// subscriber free.
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	// RFC 5545 lines end in CRLF; the library's default is LF.
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// cleanText makes user text safe for an iCalendar TEXT value: valid
// UTF-8, line breaks as \n (which the library escapes), and no other
// control characters, which RFC 5545 does not allow and the library
// would write raw.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// zoneCache keeps the VTIMEZONE rules derived per zone and year.
var zoneCache sync.Map // "name/year" → []observance

// observance is one STANDARD or DAYLIGHT part of a VTIMEZONE.
type observance struct {
	daylight bool
	name     string // TZNAME, e.g. EEST
	from, to int    // offsets from UTC in seconds
	start    string // DTSTART, local time in the "from" offset
	rule     string // RRULE; "" for a zone without summer time
}

// vtimezone returns the VTIMEZONE of loc, derived from Go's zone data:
// the transitions of year become yearly rules ("the last Sunday of
// March"), dated from 1970 so that they cover every event. A zone
// without summer time gets one STANDARD part.
func vtimezone(loc *time.Location, year int) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	for _, o := range observances(loc, year) {
		var c *ics.ComponentBase
		if o.daylight {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			c = &d.ComponentBase
		} else {
			c = &tz.AddStandard().ComponentBase
		}
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), formatOffset(o.from))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), formatOffset(o.to))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), o.name)
		c.SetProperty(ics.ComponentPropertyDtStart, o.start)
		if o.rule != "" {
			c.SetProperty(ics.ComponentPropertyRrule, o.rule)
		}
	}
	return tz
}

// observances finds the transitions of loc in year, hour by hour and then
// minute by minute, and turns each into a yearly rule. Results are cached.
func observances(loc *time.Location, year int) []observance {
	key := loc.String() + "/" + strconv.Itoa(year)
	if v, ok := zoneCache.Load(key); ok {
		return v.([]observance)
	}
	var out []observance
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	_, prev := t.Zone()
	for t.Before(end) {
		next := t.Add(time.Hour)
		if _, off := next.Zone(); off != prev {
			// The change lies in (t, next]: find its minute.
			at := t
			for _, o := at.Zone(); o == prev; _, o = at.Zone() {
				at = at.Add(time.Minute)
			}
			out = append(out, transition(at, prev))
			_, prev = next.Zone()
		}
		t = next
	}
	if len(out) == 0 {
		name, off := t.Zone()
		out = []observance{{name: name, from: off, to: off, start: "19700101T000000"}}
	}
	zoneCache.Store(key, out)
	return out
}

// transition describes the change at instant at from offset from as a
// yearly rule: the n-th (or last) weekday of its month, at the local time
// before the change.
func transition(at time.Time, from int) observance {
	name, to := at.Zone()
	local := at.In(time.FixedZone("", from))
	y, m, d := local.Date()
	daysInMonth := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	nth := (d-1)/7 + 1
	if d+7 > daysInMonth {
		nth = -1
	}
	wd := strings.ToUpper(local.Weekday().String()[:2])
	// The same rule's date in 1970, for DTSTART.
	first := time.Date(1970, m, 1, local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	var onset time.Time
	if nth > 0 {
		onset = first.AddDate(0, 0, (int(local.Weekday())-int(first.Weekday())+7)%7+7*(nth-1))
	} else {
		last := time.Date(1970, m+1, 0, local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
		onset = last.AddDate(0, 0, -((int(last.Weekday()) - int(local.Weekday()) + 7) % 7))
	}
	return observance{
		daylight: to > from,
		name:     name,
		from:     from,
		to:       to,
		start:    onset.Format(localTimeLayout),
		rule:     fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(m), nth, wd),
	}
}

// formatOffset writes an offset from UTC in seconds as +HHMM.
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}
