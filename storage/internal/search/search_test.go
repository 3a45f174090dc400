package search

import (
	"context"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestDaysOfTheWorkspace checks that the store's clock, an old entry's
// registration day and "within N days" follow the zone they are given:
// 20:00 on 10 March in New York is already the 11th in Tokyo.
func TestDaysOfTheWorkspace(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 3, 10, 20, 0, 0, 0, newYork)
	for _, tt := range []struct {
		loc            *time.Location
		day, spanUntil string
	}{
		{newYork, "10/03/2027 00:00 EST", "18/03/2027 00:00 EDT"},
		{tokyo, "11/03/2027 00:00 JST", "19/03/2027 00:00 JST"},
	} {
		clock := Clock(proxenos.NewContextWithZone(context.Background(), tt.loc), func() time.Time { return now.UTC() })
		if clock.Location() != tt.loc || !clock.Equal(now) {
			t.Errorf("Clock in %s = %v", tt.loc, clock)
		}
		old := &proxenos.Correspondence{CreatedAt: now} // of an export that kept one date
		if got := stamp(Registered(old, tt.loc)); got != tt.day {
			t.Errorf("Registered in %s = %s, want %s", tt.loc, got, tt.day)
		}
		from, to := DaySpan(now, 7, tt.loc)
		if stamp(from) != tt.day || stamp(to) != tt.spanUntil {
			t.Errorf("DaySpan in %s = %s to %s, want %s to %s", tt.loc, stamp(from), stamp(to), tt.day, tt.spanUntil)
		}
	}
}

// stamp writes t as staff read it: day, time and zone.
func stamp(t time.Time) string { return t.Format("02/01/2006 15:04 MST") }
