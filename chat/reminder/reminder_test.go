package reminder

import (
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// TestMessage_When checks that a day (an obligation, an agreement's end)
// is written as a day, and a deadline with its time.
func TestMessage_When(t *testing.T) {
	athens, _ := time.LoadLocation("Europe/Athens")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, athens)
	tests := []struct {
		name      string
		r         proxenos.Reminder
		want, not string
	}{
		{"ObligationDay", proxenos.Reminder{Kind: proxenos.ReminderObligation, Title: "Ετήσια έκθεση",
			Occurrence: time.Date(2026, 12, 15, 0, 0, 0, 0, athens)}, "15 Dec 2026", "00:00"},
		{"AgreementEnd", proxenos.Reminder{Kind: proxenos.ReminderAgreementEnd, Title: "Twinning",
			Occurrence: time.Date(2026, 12, 31, 0, 0, 0, 0, athens)}, "31 Dec 2026", "00:00"},
		{"ObligationWithTime", proxenos.Reminder{Kind: proxenos.ReminderObligation, Title: "Κλήση",
			Occurrence: time.Date(2026, 12, 15, 12, 30, 0, 0, athens)}, "15 Dec 2026, 12:30", ""},
		{"CallDeadlineMidnight", proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, Title: "CERV",
			Occurrence: time.Date(2026, 12, 15, 0, 0, 0, 0, athens)}, "15 Dec 2026, 00:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := Message(i18n.English, &tt.r, now, athens, "").Text
			if !strings.Contains(text, tt.want) || (tt.not != "" && strings.Contains(text, tt.not)) {
				t.Errorf("got %q, want %q without %q", text, tt.want, tt.not)
			}
		})
	}
}
