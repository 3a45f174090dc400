package proxenos_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

var newYork, tokyo = mustLoad("America/New_York"), mustLoad("Asia/Tokyo")

// setOfficeZone makes loc the office zone until t ends.
func setOfficeZone(t *testing.T, loc *time.Location) {
	t.Helper()
	proxenos.SetOfficeZone(loc)
	t.Cleanup(func() { proxenos.SetOfficeZone(nil) })
}

func TestOfficeZone(t *testing.T) {
	t.Run("Default", func(t *testing.T) {
		if got, want := proxenos.OfficeZone().String(), proxenos.DefaultOfficeZone; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("Set", func(t *testing.T) {
		setOfficeZone(t, tokyo)
		if got := proxenos.OfficeZone(); got != tokyo {
			t.Errorf("got %s, want Asia/Tokyo", got)
		}
		proxenos.SetOfficeZone(nil)
		if got, want := proxenos.OfficeZone().String(), proxenos.DefaultOfficeZone; got != want {
			t.Errorf("after SetOfficeZone(nil) got %s, want %s", got, want)
		}
	})
}

// TestOfficeZone_Dates checks that the domain's calendar arithmetic
// follows the zone it is given, the office's: each case gives one answer
// in the zone and another, a day or an hour apart, in Athens.
func TestOfficeZone_Dates(t *testing.T) {
	// expiring reports whether an agreement ending at end expires within
	// days of now, as "/mou list expiring" asks.
	expiring := func(now, end time.Time, days int, loc *time.Location) string {
		a := validAgreement()
		a.End = end
		return strconv.FormatBool(proxenos.AgreementFilter{ExpiringWithinDays: days, Now: now, Zone: loc}.Match(a))
	}
	for _, tt := range []struct {
		name        string
		zone        *time.Location
		got         func(loc *time.Location) string
		want, other string // other is the answer in Athens
	}{
		// Midnight of 1 March in Tokyo is 28 February in Athens: a month
		// before is 1 February in Tokyo, not 28 January.
		{"NoticeDeadline", tokyo, func(loc *time.Location) string {
			a := validAgreement()
			a.End, a.Notice = time.Date(2029, 3, 1, 0, 0, 0, 0, tokyo), proxenos.Period{Months: 1}
			d, _ := a.NoticeDeadline(loc)
			return d.In(tokyo).Format(time.RFC3339)
		}, "2029-02-01T00:00:00+09:00", "2029-01-29T00:00:00+09:00"},
		// 29 February 2028 in Tokyo renews to 28 February 2029 there.
		{"RenewedEnd", tokyo, func(loc *time.Location) string {
			a := validAgreement()
			a.End, a.Renewal = time.Date(2028, 2, 29, 0, 0, 0, 0, tokyo), proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 1}
			d, _ := a.RenewedEnd(loc)
			return d.In(tokyo).Format(time.RFC3339)
		}, "2029-02-28T00:00:00+09:00", "2029-03-01T00:00:00+09:00"},
		// 20:00 on 26 November in New York is already the 27th in Athens:
		// 3 December is 7 days away in New York, 6 in Athens.
		{"ExpiringWithinDays", newYork, func(loc *time.Location) string {
			return expiring(time.Date(2026, 11, 26, 20, 0, 0, 0, newYork), time.Date(2026, 12, 3, 0, 0, 0, 0, newYork), 6, loc)
		}, "false", "true"},
		{"ExpiringToday", tokyo, func(loc *time.Location) string {
			// An agreement ending today in Tokyo ended yesterday in
			// Athens, where 07:00 in Tokyo is midnight.
			return expiring(time.Date(2026, 11, 27, 7, 0, 0, 0, tokyo), time.Date(2026, 11, 27, 0, 0, 0, 0, tokyo), 30, loc)
		}, "true", "false"},
		// A monthly obligation due 31 January 00:30 in Tokyo (30 January
		// in Athens) is next due on the last day of February in Tokyo.
		{"NextDue", tokyo, func(loc *time.Location) string {
			o := validObligation()
			o.Due, o.Recurrence = time.Date(2027, 1, 31, 0, 30, 0, 0, tokyo), proxenos.Recurrence{Months: 1}
			return o.NextDue(o.Due, loc).In(tokyo).Format(time.RFC3339)
		}, "2027-02-28T00:30:00+09:00", "2027-03-01T00:30:00+09:00"},
		// New York moves its clocks on 14 March 2027, Athens on 28 March:
		// a week before 20 March 09:00 is 13 March 09:00 New York time.
		{"ReminderTimes", newYork, func(loc *time.Location) string {
			o := validObligation()
			o.Due, o.LeadDays = time.Date(2027, 3, 20, 9, 0, 0, 0, newYork), []int{7}
			return o.ReminderTimes(loc)[0].In(newYork).Format(time.RFC3339)
		}, "2027-03-13T09:00:00-05:00", "2027-03-13T08:00:00-05:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got(athens); got != tt.other {
				t.Errorf("in Athens got %s, want %s", got, tt.other)
			}
			if got := tt.got(tt.zone); got != tt.want {
				t.Errorf("in %s got %s, want %s", tt.zone, got, tt.want)
			}
		})
	}
}

// TestZoneFromContext checks that a workspace's zone in the context wins
// over the deployment's, and that the deployment's is the default.
func TestZoneFromContext(t *testing.T) {
	ctx := context.Background()
	if got := proxenos.ZoneFromContext(ctx); got != proxenos.OfficeZone() {
		t.Errorf("without a zone got %s, want the office zone", got)
	}
	if got := proxenos.ZoneFromContext(proxenos.NewContextWithZone(ctx, tokyo)); got != tokyo {
		t.Errorf("got %s, want Asia/Tokyo", got)
	}
	if got := proxenos.ZoneFromContext(proxenos.NewContextWithZone(ctx, nil)); got != proxenos.OfficeZone() {
		t.Errorf("with a nil zone got %s, want the office zone", got)
	}
	if _, ok := proxenos.ContextZone(ctx); ok {
		t.Error("ContextZone found a zone in a context without one")
	}
	if got, ok := proxenos.ContextZone(proxenos.NewContextWithZone(ctx, tokyo)); !ok || got != tokyo {
		t.Errorf("ContextZone got %v, %v, want Asia/Tokyo, true", got, ok)
	}
	// The filter without a zone counts the office zone's days.
	setOfficeZone(t, newYork)
	a := validAgreement()
	a.End = time.Date(2026, 12, 3, 0, 0, 0, 0, newYork)
	now := time.Date(2026, 11, 26, 20, 0, 0, 0, newYork)
	if (proxenos.AgreementFilter{ExpiringWithinDays: 6, Now: now}).Match(a) {
		t.Error("a filter without a zone did not count New York's days, the office zone's")
	}
}
