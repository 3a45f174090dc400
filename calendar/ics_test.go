package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/teambition/rrule-go"

	"github.com/proxenos/proxenos"
)

// athens is the office zone.
var athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// render writes events and parses them back with the same library.
func render(t testing.TB, events []Event) (string, *ics.Calendar) {
	t.Helper()
	var buf bytes.Buffer
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, athens)
	if err := Write(&buf, "Proxenos", athens, now, events); err != nil {
		t.Fatalf("Write: %v", err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatalf("ParseCalendar: %v\n%s", err, buf.String())
	}
	return buf.String(), cal
}

// prop returns the value and parameters of an event's property.
func prop(t testing.TB, e *ics.VEvent, p ics.ComponentProperty) (string, map[string][]string) {
	t.Helper()
	v := e.GetProperty(p)
	if v == nil {
		t.Fatalf("event %s has no %s", e.Id(), p)
	}
	return v.Value, v.ICalParameters
}

func TestWrite(t *testing.T) {
	modified := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	deadline, err := proxenos.ParseDeadline("18/09/2027") // 17:00 Brussels, summer time
	if err != nil {
		t.Fatal(err)
	}
	winter, err := proxenos.ParseDeadline("15/01/2027 12:00")
	if err != nil {
		t.Fatal(err)
	}
	events := []Event{
		{UID: "summer@proxenos", Sequence: 7, Summary: "Deadline: CERV; twinning, stage 1", Start: deadline, Modified: modified,
			URL: "https://slack.com/app_redirect?channel=C1&team=T1"},
		{UID: "winter@proxenos", Summary: "Προθεσμία", Start: winter, Modified: modified},
		{UID: "day@proxenos", Summary: "Λήξη συμφωνίας: Φαέντσα", Start: time.Date(2027, 12, 31, 0, 0, 0, 0, athens),
			AllDay: true, Modified: modified},
	}
	out, cal := render(t, events)
	got := cal.Events()
	if len(got) != len(events) {
		t.Fatalf("%d events, want %d", len(got), len(events))
	}
	t.Run("Timezone", func(t *testing.T) {
		tzs := cal.Timezones()
		if len(tzs) != 1 || tzs[0].GetProperty(ics.ComponentPropertyTzid).Value != "Europe/Athens" {
			t.Fatalf("VTIMEZONE = %+v, want one for Europe/Athens", tzs)
		}
	})
	t.Run("DeadlineInAthens", func(t *testing.T) {
		for i, want := range []string{"20270918T180000", "20270115T130000"} {
			v, params := prop(t, got[i], ics.ComponentPropertyDtStart)
			if v != want || len(params["TZID"]) != 1 || params["TZID"][0] != "Europe/Athens" {
				t.Errorf("DTSTART = %q %v, want %q with TZID=Europe/Athens", v, params, want)
			}
			start, err := got[i].GetStartAt()
			if err != nil || !start.Equal(events[i].Start) {
				t.Errorf("start = %v (%v), want %v", start, err, events[i].Start)
			}
			if got[i].GetProperty(ics.ComponentPropertyDtEnd) != nil {
				t.Errorf("a deadline has a DTEND")
			}
		}
	})
	t.Run("AllDay", func(t *testing.T) {
		v, params := prop(t, got[2], ics.ComponentPropertyDtStart)
		end, _ := prop(t, got[2], ics.ComponentPropertyDtEnd)
		if v != "20271231" || end != "20280101" || params["VALUE"][0] != "DATE" {
			t.Errorf("DTSTART = %q %v, DTEND %q; want the date 20271231 to 20280101", v, params, end)
		}
	})
	t.Run("Fields", func(t *testing.T) {
		if v, _ := prop(t, got[0], ics.ComponentPropertySummary); v != events[0].Summary {
			t.Errorf("SUMMARY = %q, want %q", v, events[0].Summary)
		}
		if v, _ := prop(t, got[0], ics.ComponentPropertySequence); v != "7" {
			t.Errorf("SEQUENCE = %q, want 7", v)
		}
		if v, _ := prop(t, got[0], ics.ComponentPropertyUrl); v != events[0].URL {
			t.Errorf("URL = %q, want %q", v, events[0].URL)
		}
		if v, _ := prop(t, got[0], ics.ComponentPropertyDtstamp); v != "20261120T090000Z" {
			t.Errorf("DTSTAMP = %q, want the item's last change", v)
		}
	})
	t.Run("CRLF", func(t *testing.T) {
		lines := strings.Split(out, "\r\n")
		if last := lines[len(lines)-1]; last != "" {
			t.Fatalf("output ends in %q, not CRLF", last)
		}
		for _, line := range lines {
			if strings.ContainsAny(line, "\r\n") {
				t.Fatalf("line %q has a bare CR or LF", line)
			}
		}
	})
}

func TestSequence(t *testing.T) {
	a := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		a, b time.Time
	}{
		{"Second", a, a.Add(time.Second)},
		{"Year", a, a.AddDate(1, 0, 0)},
		{"Zero", time.Time{}, a},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, later := Sequence(tt.a), Sequence(tt.b); got >= later || got < 0 {
				t.Fatalf("Sequence(%v) = %d, Sequence(%v) = %d: want growing, never negative", tt.a, got, tt.b, later)
			}
		})
	}
}

// TestVTimezone expands the VTIMEZONE's yearly rules and compares them
// with Go's own transitions, from the year the zone's present rules
// began (1996 in the EU) to 2040.
func TestVTimezone(t *testing.T) {
	for _, tt := range []struct {
		name string
		from int
	}{{"Europe/Athens", 1997}, {"Europe/Brussels", 1997}, {"America/New_York", 2008}, {"Australia/Sydney", 2009}, {"Asia/Tokyo", 1990}} {
		t.Run(strings.ReplaceAll(tt.name, "/", "_"), func(t *testing.T) {
			loc := mustLoad(tt.name)
			obs := observances(loc, 2026)
			var predicted []time.Time
			for _, o := range obs {
				if o.rule == "" {
					continue
				}
				start, err := time.ParseInLocation(localTimeLayout, o.start, time.FixedZone("", o.from))
				if err != nil {
					t.Fatal(err)
				}
				r, err := rrule.StrToRRule(o.rule)
				if err != nil {
					t.Fatalf("RRULE %q: %v", o.rule, err)
				}
				r.DTStart(start)
				predicted = append(predicted, r.Between(time.Date(tt.from, 1, 1, 0, 0, 0, 0, time.UTC),
					time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC), true)...)
			}
			actual := transitions(loc, tt.from, 2040)
			if !sameInstants(predicted, actual) {
				t.Fatalf("rules %+v predict %d transitions, Go has %d:\n%v\n%v", obs, len(predicted), len(actual), predicted, actual)
			}
		})
	}
}

// transitions lists loc's offset changes in the years from..to, by a
// brute-force scan independent of observances (these zones change on
// the hour).
func transitions(loc *time.Location, from, to int) []time.Time {
	var out []time.Time
	t := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(to+1, 1, 1, 0, 0, 0, 0, time.UTC)
	_, prev := t.In(loc).Zone()
	for ; t.Before(end); t = t.Add(time.Hour) {
		if _, off := t.In(loc).Zone(); off != prev {
			out = append(out, t)
			prev = off
		}
	}
	return out
}

// sameInstants reports whether a and b hold the same instants, in any order.
func sameInstants(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]int{}
	for _, t := range a {
		seen[t.Unix()]++
	}
	for _, t := range b {
		if seen[t.Unix()] == 0 {
			return false
		}
		seen[t.Unix()]--
	}
	return true
}

// FuzzWrite writes any summary and description and parses them back: the
// text survives escaping and folding, and every line is a valid content
// line of at most 75 octets.
func FuzzWrite(f *testing.F) {
	for _, seed := range []struct{ summary, description string }{
		{"Deadline: CERV-2027-CITIZENS-TOWN-TT — Town twinning, stage 1; Faenza", "a,b;c\\d"},
		{"Γραμμή ένα\nγραμμή δύο\r\nτρία\rτέσσερα", "Προθεσμία: 18/09/2027 17:00 (ώρα Βρυξελλών)"},
		{"🎉🇬🇷 emoji 👩‍👩‍👧", "\\n is not a newline; \\, neither"},
		{strings.Repeat("Μακρύς τίτλος με ελληνικά και emoji 🎉, ", 40), strings.Repeat("x", 500)},
		{"\x00\x01 control \x7f and invalid \xff\xfe UTF-8", "\t tab"},
		{"", ""},
	} {
		f.Add(seed.summary, seed.description)
	}
	f.Fuzz(func(t *testing.T, summary, description string) {
		out, cal := render(t, []Event{{UID: "fuzz@proxenos", Summary: summary, Description: description,
			Start: time.Date(2027, 9, 18, 15, 0, 0, 0, time.UTC), Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
				t.Fatalf("bad content line (%d octets): %q", len(line), line)
			}
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events, want 1", len(events))
		}
		if got := events[0].GetProperty(ics.ComponentPropertySummary).Value; got != cleanText(summary) {
			t.Fatalf("SUMMARY = %q, want %q", got, cleanText(summary))
		}
		if description != "" {
			if got := events[0].GetProperty(ics.ComponentPropertyDescription).Value; got != cleanText(description) {
				t.Fatalf("DESCRIPTION = %q, want %q", got, cleanText(description))
			}
		}
	})
}
