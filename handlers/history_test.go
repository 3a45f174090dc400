package handlers_test

import (
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

// TestChangeText checks that a history line names the field by its label
// and writes codes, dates and empty values in the reader's language.
func TestChangeText(t *testing.T) {
	labels := map[string]string{"status": "call.status."}
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		f    proxenos.FieldChange
		want string
	}{
		{"Status", i18n.Greek, proxenos.FieldChange{Field: "status", Old: "watching", New: "preparing"},
			"Κατάσταση: υπό παρακολούθηση → σε προετοιμασία"},
		{"Date", i18n.Greek, proxenos.FieldChange{Field: "date", Old: "2026-12-01", New: "2026-12-08"},
			"Ημερομηνία: 1 Δεκεμβρίου 2026 → 8 Δεκεμβρίου 2026"},
		{"Emptied", i18n.Greek, proxenos.FieldChange{Field: "cc", Old: "Γραφείο Δημάρχου"},
			"Κοινοποίηση: Γραφείο Δημάρχου → —"},
		{"Instant", i18n.Greek, proxenos.FieldChange{Field: "deadlines", New: "2027-09-18T15:00:00Z Κύρια"},
			"Προθεσμίες: — → 18 Σεπτεμβρίου 2027, 18:00 Κύρια"},
		{"Midnight", i18n.Greek, proxenos.FieldChange{Field: "opening", Old: "2027-01-31T22:00:00Z"},
			"Άνοιγμα: 1 Φεβρουαρίου 2027 → —"},
		{"DaysBefore", i18n.Greek, proxenos.FieldChange{Field: "milestones", New: "σχέδιο (-14d)"},
			"Ορόσημα: — → σχέδιο (14 ημέρες πριν)"},
		{"Owner", i18n.English, proxenos.FieldChange{Field: "owner", Old: "U5", New: "U7"}, "Owner: <@U5> → <@U7>"},
		{"English", i18n.English, proxenos.FieldChange{Field: "status", Old: "watching", New: "submitted"}, "Status: watching → submitted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := handlers.ChangeText(tt.lang, tt.f, labels, athens); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
