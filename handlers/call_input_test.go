package handlers_test

import (
	"testing"

	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

func TestDayPhrase(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		days int
		late string
		want string
	}{
		{"Today", i18n.English, 0, "days.ended", "today"},
		{"InOneDay", i18n.English, 1, "days.ended", "in 1 day"},
		{"InDays", i18n.Greek, 21, "days.ended", "σε 21 ημέρες"},
		{"EndedOneDayAgo", i18n.Greek, -1, "days.ended", "έληξε πριν από 1 ημέρα"},
		{"EndedDaysAgo", i18n.English, -2, "days.ended", "ended 2 days ago"},
		{"OverdueOneDay", i18n.English, -1, "days.overdue", "overdue by 1 day"},
		{"OverdueDays", i18n.Greek, -101, "days.overdue", "εκπρόθεσμη κατά 101 ημέρες"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := handlers.DayPhrase(tt.lang, tt.days, tt.late); got != tt.want {
				t.Errorf("DayPhrase(%s, %d, %s) = %q, want %q", tt.lang, tt.days, tt.late, got, tt.want)
			}
		})
	}
}
