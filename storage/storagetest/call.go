package storagetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// Brussels is the zone EU deadlines are set in.
var Brussels = mustLoad("Europe/Brussels")

// NewCall returns a valid call to watch, with the deadlines given.
func NewCall(identifier string, deadlines ...time.Time) *proxenos.Call {
	c := &proxenos.Call{
		Identifier: identifier,
		Title:      "Topic " + identifier,
		Programme:  proxenos.ProgrammeFromIdentifier(identifier),
		Status:     proxenos.CallWatching,
		CreatedBy:  "U1",
	}
	for _, d := range deadlines {
		c.Deadlines = append(c.Deadlines, proxenos.Deadline{At: d})
	}
	return c
}

// mustCall stores c or fails the test.
func mustCall(t *testing.T, ctx context.Context, s *storage.Store, c *proxenos.Call) *proxenos.Call {
	t.Helper()
	if err := s.Calls.CreateCall(ctx, c); err != nil {
		t.Fatalf("CreateCall(%q): %v", c.Identifier, err)
	}
	return c
}

// identifiers returns the topic identifiers of calls, in order.
func identifiers(calls []*proxenos.Call) []string {
	out := make([]string, 0, len(calls))
	for _, c := range calls {
		out = append(out, c.Identifier)
	}
	return out
}

// brussels returns a Brussels wall-clock time.
func brussels(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Brussels)
}

// RunCalls checks storing, finding, ordering, updating and deleting calls.
func RunCalls(t *testing.T, open OpenFunc) {
	created := time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)
	t.Run("OK", func(t *testing.T) {
		clock := NewClock(created)
		s := open(t, clock.Now)
		ctx := Ctx(Team, "U1")
		faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality})
		// Every field set, so that a field either store drops shows.
		in := NewCall("CERV-2027-CITIZENS-TOWN-TT", brussels(2027, 9, 18, 17, 0))
		in.Deadlines[0].Label = "μοναδική"
		in.Title, in.CallIdentifier = "Αδελφοποίηση πόλεων", "CERV-2027-CITIZENS-TOWN"
		in.OpeningDate, in.Link = brussels(2027, 3, 1, 0, 0), "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/CERV-2027-CITIZENS-TOWN-TT"
		in.Budget, in.GrantMin, in.GrantMax, in.ExpectedGrants = 4_000_000, 8_500, 51_000, 100
		in.Owner, in.PartnerIDs, in.Notes = "U0MARIA", []string{faenza.ID}, "Με τη Φαέντσα"
		in.Milestones = []proxenos.Milestone{{Text: "σχέδιο στο Τμήμα Πόρων", DaysBefore: 14}, {Text: "απόφαση ΔΣ", At: Day(2027, 7, 1)}}
		c := mustCall(t, ctx, s, in)
		if c.ID == "" || !c.CreatedAt.Equal(created) || !c.UpdatedAt.Equal(created) || len(c.History) != 0 {
			t.Fatalf("ID %q, CreatedAt %v, UpdatedAt %v, History %v", c.ID, c.CreatedAt, c.UpdatedAt, c.History)
		}
		// Found by id, and by identifier whatever its case and spaces.
		for _, key := range []string{c.ID, c.Identifier, "cerv-2027-citizens-town-tt", " CERV-2027-CITIZENS-TOWN-TT "} {
			got, err := s.Calls.FindCallByID(ctx, key)
			if err != nil {
				t.Fatalf("FindCallByID(%q): %v", key, err)
			}
			if !reflect.DeepEqual(got, c) {
				t.Fatalf("FindCallByID(%q) found\n%+v\nwant\n%+v", key, got, c)
			}
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		mustCall(t, ctx, s, NewCall("CERV-2027-CITIZENS-TOWN-TT", brussels(2027, 9, 18, 17, 0)))
		// The same topic, however written, is refused.
		for _, id := range []string{"CERV-2027-CITIZENS-TOWN-TT", "cerv-2027-citizens-town-tt"} {
			wantCode(t, s.Calls.CreateCall(ctx, NewCall(id, brussels(2027, 9, 18, 17, 0))), proxenos.ECONFLICT)
		}
		// Another workspace follows the same topic on its own.
		mustCall(t, Ctx(OtherTeam, "U2"), s, NewCall("CERV-2027-CITIZENS-TOWN-TT", brussels(2027, 9, 18, 17, 0)))
		if _, n, err := s.Calls.FindCalls(ctx, proxenos.CallFilter{}); err != nil || n != 1 {
			t.Fatalf("workspace holds %d calls (%v), want 1", n, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		noTitle := NewCall("LIFE-2027-SAP", brussels(2027, 9, 18, 17, 0))
		noTitle.Title = " "
		wantCode(t, s.Calls.CreateCall(ctx, noTitle), proxenos.EINVALID)
		unknown := NewCall("LIFE-2027-SAP", brussels(2027, 9, 18, 17, 0))
		unknown.PartnerIDs = []string{"missing"}
		wantCode(t, s.Calls.CreateCall(ctx, unknown), proxenos.EINVALID)
		if _, n, _ := s.Calls.FindCalls(ctx, proxenos.CallFilter{}); n != 0 {
			t.Fatalf("refused calls were stored: %d", n)
		}
		// A context without a workspace is a bug of ours.
		_, _, err := s.Calls.FindCalls(proxenos.NewContextWithUser(context.Background(), "U1"), proxenos.CallFilter{})
		wantCode(t, err, proxenos.EINTERNAL)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t, time.Now)
		c := mustCall(t, Ctx(Team, "U1"), s, NewCall("LIFE-2027-SAP", brussels(2027, 9, 18, 17, 0)))
		ctx := Ctx(OtherTeam, "U2")
		title := "x"
		// Another workspace can neither see, change nor delete the call,
		// by id or by identifier.
		for _, id := range []string{c.ID, c.Identifier, "missing"} {
			_, err := s.Calls.FindCallByID(ctx, id)
			wantCode(t, err, proxenos.ENOTFOUND)
			_, err = s.Calls.UpdateCall(ctx, id, proxenos.CallUpdate{Title: &title})
			wantCode(t, err, proxenos.ENOTFOUND)
			wantCode(t, s.Calls.DeleteCall(ctx, id), proxenos.ENOTFOUND)
		}
		if got, err := s.Calls.FindCallByID(Ctx(Team, "U1"), c.ID); err != nil || got.Title != c.Title {
			t.Fatalf("another workspace changed the call: %+v (%v)", got, err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		clock := NewClock(created)
		s := open(t, clock.Now)
		ctx := Ctx(Team, "U1")
		c := mustCall(t, ctx, s, NewCall("CREA-CULT-2027-COOP", brussels(2027, 5, 6, 17, 0)))
		clock.Set(created.Add(time.Hour))
		// Two fields change: one history entry naming both.
		status, deadlines := proxenos.CallPreparing, []proxenos.Deadline{{At: brussels(2027, 5, 13, 17, 0), Label: "παράταση"}}
		got, err := s.Calls.UpdateCall(ctx, c.Identifier, proxenos.CallUpdate{Status: &status, Deadlines: &deadlines})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != status || !got.UpdatedAt.Equal(clock.Now()) || len(got.History) != 1 || got.History[0].By != "U1" ||
			len(got.History[0].Fields) != 2 || !got.History[0].At.Equal(clock.Now()) {
			t.Fatalf("after update: %+v", got)
		}
		found, err := s.Calls.FindCallByID(ctx, c.ID)
		if err != nil || !reflect.DeepEqual(found, got) {
			t.Fatalf("found\n%+v (%v)\nwant\n%+v", found, err, got)
		}
		// The same values again change nothing and add no history.
		if again, err := s.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Status: &status}); err != nil || len(again.History) != 1 {
			t.Fatalf("no-op update: %d changes (%v)", len(again.History), err)
		}
		// Refused updates leave the stored call as it was.
		grantMin, grantMax := int64(60_000), int64(50_000)
		_, err = s.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{GrantMin: &grantMin, GrantMax: &grantMax})
		wantCode(t, err, proxenos.EINVALID)
		partners := []string{"missing"}
		_, err = s.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{PartnerIDs: &partners})
		wantCode(t, err, proxenos.EINVALID)
		if found, _ := s.Calls.FindCallByID(ctx, c.ID); !reflect.DeepEqual(found, got) {
			t.Fatalf("a refused update was stored: %+v", found)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		c := mustCall(t, ctx, s, NewCall("URBACT-2027-APN", brussels(2027, 4, 1, 17, 0)))
		if err := s.Calls.DeleteCall(ctx, "urbact-2027-apn"); err != nil {
			t.Fatal(err)
		}
		_, err := s.Calls.FindCallByID(ctx, c.ID)
		wantCode(t, err, proxenos.ENOTFOUND)
		wantCode(t, s.Calls.DeleteCall(ctx, c.ID), proxenos.ENOTFOUND)
		// The identifier is free again.
		mustCall(t, ctx, s, NewCall("URBACT-2027-APN", brussels(2027, 4, 1, 17, 0)))
	})
	t.Run("Order", func(t *testing.T) { runCallOrder(t, open) })
	t.Run("Filters", func(t *testing.T) { runCallFilters(t, open) })
	t.Run("Dates", func(t *testing.T) { runCallDates(t, open) })
	t.Run("All", func(t *testing.T) { runCallAll(t, open) })
}

// runCallOrder checks that calls come soonest next deadline first, then
// those whose deadlines have passed, most recent first, ties by identifier.
func runCallOrder(t *testing.T, open OpenFunc) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, Athens)
	clock := NewClock(now)
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	for _, c := range []*proxenos.Call{
		NewCall("D-PAST-OLD", brussels(2026, 6, 1, 17, 0)),
		NewCall("B-NEXT-JAN", brussels(2026, 10, 1, 17, 0), brussels(2027, 1, 5, 17, 0)),
		NewCall("C-PAST-RECENT", brussels(2026, 11, 1, 17, 0), brussels(2026, 5, 1, 17, 0)),
		NewCall("E-NEXT-DEC", brussels(2026, 12, 10, 17, 0), brussels(2027, 3, 1, 17, 0)),
		NewCall("A-NEXT-DEC", brussels(2027, 2, 1, 17, 0), brussels(2026, 12, 10, 17, 0)),
		NewCall("F-TODAY", brussels(2026, 11, 26, 17, 0)),
	} {
		mustCall(t, ctx, s, c)
	}
	// F's deadline is today at 18:00 Athens, after now: still ahead.
	for _, tt := range []struct {
		name   string
		filter proxenos.CallFilter
		want   []string
		total  int
	}{
		{"OK", proxenos.CallFilter{Now: now},
			[]string{"F-TODAY", "A-NEXT-DEC", "E-NEXT-DEC", "B-NEXT-JAN", "C-PAST-RECENT", "D-PAST-OLD"}, 6},
		{"StoreClock", proxenos.CallFilter{},
			[]string{"F-TODAY", "A-NEXT-DEC", "E-NEXT-DEC", "B-NEXT-JAN", "C-PAST-RECENT", "D-PAST-OLD"}, 6},
		// On 15 December the December deadline has passed: A and E wait for
		// their next one, in February and March.
		{"Later", proxenos.CallFilter{Now: time.Date(2026, 12, 15, 0, 0, 0, 0, Athens)},
			[]string{"B-NEXT-JAN", "A-NEXT-DEC", "E-NEXT-DEC", "F-TODAY", "C-PAST-RECENT", "D-PAST-OLD"}, 6},
		{"Page", proxenos.CallFilter{Now: now, Offset: 2, Limit: 3}, []string{"E-NEXT-DEC", "B-NEXT-JAN", "C-PAST-RECENT"}, 6},
		{"PastEnd", proxenos.CallFilter{Now: now, Offset: 10}, []string{}, 6},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Calls.FindCalls(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ids := identifiers(got); !reflect.DeepEqual(ids, tt.want) || total != tt.total {
				t.Fatalf("got %v of %d, want %v of %d", ids, total, tt.want, tt.total)
			}
		})
	}
}

// runCallFilters checks each filter field and workspace isolation.
func runCallFilters(t *testing.T, open OpenFunc) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, Athens)
	s := open(t, NewClock(now).Now)
	ctx := Ctx(Team, "U1")
	nis := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality})
	twinning := NewCall("CERV-2027-CITIZENS-TOWN-TT", brussels(2027, 9, 18, 17, 0))
	twinning.Owner, twinning.PartnerIDs = "U0MARIA", []string{nis.ID}
	networks := NewCall("CERV-2027-CITIZENS-TOWN-NT", brussels(2027, 3, 4, 17, 0), brussels(2027, 9, 18, 17, 0))
	networks.Status = proxenos.CallPreparing
	life := NewCall("LIFE-2027-SAP-ENV", brussels(2027, 4, 22, 17, 0))
	life.Status, life.Owner = proxenos.CallSubmitted, "U0MARIA"
	old := NewCall("CREA-CULT-2026-COOP", brussels(2026, 5, 6, 17, 0))
	old.Status = proxenos.CallClosed
	for _, c := range []*proxenos.Call{twinning, networks, life, old} {
		mustCall(t, ctx, s, c)
	}
	// A CERV call of another workspace must never show up.
	mustCall(t, Ctx(OtherTeam, "U2"), s, NewCall("CERV-2027-CITIZENS-TOWN-RT", brussels(2027, 1, 1, 17, 0)))
	for _, tt := range []struct {
		name   string
		filter proxenos.CallFilter
		want   []string
	}{
		{"Active", proxenos.CallFilter{Status: proxenos.ActiveCallStatuses},
			[]string{"CERV-2027-CITIZENS-TOWN-NT", "CERV-2027-CITIZENS-TOWN-TT"}},
		{"Owner", proxenos.CallFilter{Owner: "U0MARIA"}, []string{"LIFE-2027-SAP-ENV", "CERV-2027-CITIZENS-TOWN-TT"}},
		{"Programme", proxenos.CallFilter{Programme: proxenos.ProgrammeCERV},
			[]string{"CERV-2027-CITIZENS-TOWN-NT", "CERV-2027-CITIZENS-TOWN-TT"}},
		{"Partner", proxenos.CallFilter{PartnerID: nis.ID}, []string{"CERV-2027-CITIZENS-TOWN-TT"}},
		{"Open", proxenos.CallFilter{DeadlineFrom: now},
			[]string{"CERV-2027-CITIZENS-TOWN-NT", "LIFE-2027-SAP-ENV", "CERV-2027-CITIZENS-TOWN-TT"}},
		// Spring 2027: the first networks deadline counts, the second does not.
		{"Window", proxenos.CallFilter{DeadlineFrom: brussels(2027, 3, 1, 0, 0), DeadlineTo: brussels(2027, 5, 1, 0, 0)},
			[]string{"CERV-2027-CITIZENS-TOWN-NT", "LIFE-2027-SAP-ENV"}},
		// The end is open: 18 September 17:00 itself is outside [.., 17:00).
		{"WindowEnd", proxenos.CallFilter{DeadlineFrom: brussels(2027, 9, 1, 0, 0), DeadlineTo: brussels(2027, 9, 18, 17, 0)}, []string{}},
		{"WindowStart", proxenos.CallFilter{DeadlineFrom: brussels(2027, 9, 18, 17, 0), DeadlineTo: brussels(2027, 9, 18, 17, 1)},
			[]string{"CERV-2027-CITIZENS-TOWN-NT", "CERV-2027-CITIZENS-TOWN-TT"}},
		{"Closed", proxenos.CallFilter{Status: []proxenos.CallStatus{proxenos.CallClosed}}, []string{"CREA-CULT-2026-COOP"}},
		{"None", proxenos.CallFilter{Owner: "U0NOBODY"}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Calls.FindCalls(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if ids := identifiers(got); !reflect.DeepEqual(ids, tt.want) || total != len(tt.want) {
				t.Fatalf("got %v (total %d), want %v", ids, total, tt.want)
			}
			// All selects the same calls, in any order.
			t.Run("All", func(t *testing.T) {
				f := tt.filter
				f.All = true
				wantFound(t, ctx, s.Calls.FindCalls, f, identifiers, tt.want)
			})
		})
	}
}

// runCallAll checks that All returns every match at once, past
// MaxListLimit and whatever Offset and Limit say, each call once.
func runCallAll(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	want := make([]string, proxenos.MaxListLimit+1)
	for i := range want {
		c := NewCall(fmt.Sprintf("CERV-2027-%03d", i), brussels(2027, 1, 1+i%28, 17, 0))
		if i%2 == 1 {
			c.Status = proxenos.CallPreparing
		}
		want[i] = mustCall(t, ctx, s, c).Identifier
	}
	closed := NewCall("CERV-2026-CLOSED", brussels(2026, 5, 6, 17, 0))
	closed.Status = proxenos.CallClosed
	mustCall(t, ctx, s, closed)
	mustCall(t, Ctx(OtherTeam, "U2"), s, NewCall("CERV-2027-000", brussels(2027, 1, 1, 17, 0)))
	for _, tt := range []struct {
		name   string
		filter proxenos.CallFilter
	}{
		{"OK", proxenos.CallFilter{Status: proxenos.ActiveCallStatuses, All: true}},
		{"PagingIgnored", proxenos.CallFilter{Status: proxenos.ActiveCallStatuses, Offset: 50, Limit: 10, All: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Calls.FindCalls(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			ids := identifiers(got)
			slices.Sort(ids)
			if !reflect.DeepEqual(ids, want) || total != len(want) {
				t.Fatalf("got %d calls (total %d), want the %d active ones once each", len(ids), total, len(want))
			}
		})
	}
}

// runCallDates checks that deadlines across a year end, on a leap day and
// around the changes of summer time in Athens come back as the same
// instants, shown with the office zone's offset of that day.
func runCallDates(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	// 31 October 2027: Athens goes from 04:00 EEST back to 03:00 EET, so
	// 03:30 happens twice; 28 March 2027: 03:00 EET jumps to 04:00 EEST.
	fallBack := time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC) // 03:30 EEST
	deadlines := []time.Time{
		time.Date(2026, 12, 31, 23, 30, 0, 0, Athens), // still 2026 in Athens, 21:30 UTC
		time.Date(2027, 1, 1, 0, 30, 0, 0, Athens),    // 2027 in Athens, 2026 in UTC
		brussels(2028, 2, 29, 17, 0),                  // leap day
		time.Date(2027, 3, 28, 4, 0, 0, 0, Athens),    // first hour of summer time
		fallBack,
		fallBack.Add(time.Hour), // 03:30 EET, an hour later
		time.Date(2027, 6, 1, 9, 0, 0, 123_000_000, Athens),
	}
	in := NewCall("HORIZON-MISS-2027-CIT-01", deadlines...)
	in.OpeningDate = time.Date(2026, 11, 30, 22, 0, 0, 0, time.UTC) // midnight in Athens
	in.Milestones = []proxenos.Milestone{{Text: "νέο έτος", At: Day(2027, 1, 1)}}
	c := mustCall(t, ctx, s, in)
	got, err := s.Calls.FindCallByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Same instants, and the same wall clock and offset in Athens.
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("found\n%+v\nwant\n%+v", got, c)
	}
	for i, d := range got.Deadlines {
		if want := deadlines[i].In(Athens).Format(time.RFC3339Nano); !d.At.Equal(deadlines[i]) || d.At.Format(time.RFC3339Nano) != want {
			t.Errorf("deadline %d = %s, want %s", i, d.At.Format(time.RFC3339Nano), want)
		}
	}
	if got, want := got.Deadlines[4].At.Format("15:04 -07"), "03:30 +03"; got != want {
		t.Errorf("first 03:30 of 31 October shows as %s, want %s", got, want)
	}
	if got, want := got.Deadlines[5].At.Format("15:04 -07"), "03:30 +02"; got != want {
		t.Errorf("second 03:30 of 31 October shows as %s, want %s", got, want)
	}
	if got, want := got.OpeningDate.Format(time.DateOnly), "2026-12-01"; got != want {
		t.Errorf("opening date prints as %s, want %s", got, want)
	}
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     int
	}{
		// Windows in Athens days: 00:30 on 1 January belongs to 2027 here
		// although it is still 2026 in UTC.
		{"YearOf2027InAthens", Day(2027, 1, 1), Day(2028, 1, 1), 5},
		{"YearOf2026InAthens", Day(2026, 1, 1), Day(2027, 1, 1), 1},
		{"LeapDay", Day(2028, 2, 29), Day(2028, 3, 1), 1},
		{"SecondHalfHour", fallBack.Add(time.Minute), Day(2027, 11, 1), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			calls, _, err := s.Calls.FindCalls(ctx, proxenos.CallFilter{DeadlineFrom: tt.from, DeadlineTo: tt.to})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			if len(calls) == 1 {
				for _, d := range calls[0].Deadlines {
					if !d.At.Before(tt.from) && d.At.Before(tt.to) {
						n++
					}
				}
			}
			if n != tt.want || len(calls) != 1 {
				t.Fatalf("%d calls with %d deadlines in [%v, %v), want 1 with %d", len(calls), n, tt.from, tt.to, tt.want)
			}
		})
	}
}
