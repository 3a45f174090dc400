package workday

import (
	"testing"
	"time"
)

var athens, _ = time.LoadLocation("Europe/Athens")

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, athens) }

func TestEaster(t *testing.T) {
	// Orthodox Easter Sundays as the Church of Greece published them.
	for _, want := range []string{"2020-04-19", "2021-05-02", "2022-04-24", "2023-04-16", "2024-05-05",
		"2025-04-20", "2026-04-12", "2027-05-02", "2028-04-16", "2029-04-08", "2030-04-28"} {
		w, _ := time.Parse(time.DateOnly, want)
		if got := Easter(w.Year()); !got.Equal(w) {
			t.Errorf("Easter(%d) = %s, want %s", w.Year(), got.Format(time.DateOnly), want)
		}
	}
}

func TestIsHoliday(t *testing.T) {
	holidays := []time.Time{
		day(2026, 1, 1), day(2026, 1, 6), day(2026, 2, 23), // Clean Monday 2026
		day(2026, 3, 25), day(2026, 4, 10), day(2026, 4, 13), // Good Friday, Easter Monday
		day(2026, 5, 1), day(2026, 6, 1), // Whit Monday 2026
		day(2026, 8, 15), day(2026, 10, 28), day(2026, 12, 25), day(2026, 12, 26),
		day(2027, 3, 15), day(2027, 4, 30), day(2027, 5, 3), day(2027, 6, 21), // the movable ones of 2027
	}
	for _, d := range holidays {
		if !IsHoliday(d) {
			t.Errorf("%s is a holiday", d.Format(time.DateOnly))
		}
	}
	for _, d := range []time.Time{day(2026, 4, 12).AddDate(0, 0, -1), day(2026, 2, 24), day(2026, 6, 2), day(2026, 12, 24), day(2027, 4, 12)} {
		if IsHoliday(d) {
			t.Errorf("%s is not a holiday", d.Format(time.DateOnly))
		}
	}
}

func TestBefore(t *testing.T) {
	tests := []struct{ in, want time.Time }{
		{day(2026, 12, 9), day(2026, 12, 9)},   // a Wednesday stays
		{day(2026, 12, 12), day(2026, 12, 11)}, // Saturday → Friday
		{day(2026, 12, 13), day(2026, 12, 11)}, // Sunday → Friday
		{day(2026, 12, 26), day(2026, 12, 24)}, // Saturday after Christmas → Thursday 24th
		{day(2026, 4, 13), day(2026, 4, 9)},    // Easter Monday → Maundy Thursday (Good Friday is a holiday)
		{day(2027, 1, 6), day(2027, 1, 5)},     // Epiphany, a Wednesday → Tuesday
	}
	for _, tt := range tests {
		if got := Before(tt.in); !got.Equal(tt.want) {
			t.Errorf("Before(%s) = %s, want %s", tt.in.Format(time.DateTime), got.Format(time.DateTime), tt.want.Format(time.DateTime))
		}
	}
}
