package handlers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/i18n"
)

// dated stores an agreement with partnerID in status whose term ends
// days after today, with its notice period and renewal.
func (e *homeEnv) dated(t *testing.T, partnerID, title string, status proxenos.AgreementStatus, days int, notice proxenos.Period, renewal proxenos.Renewal) {
	t.Helper()
	a := &proxenos.Agreement{Kind: proxenos.AgreementMemorandum, PartnerIDs: []string{partnerID}, Title: title, Status: status,
		End: handlers.DateOnly(testNow).AddDate(0, 0, days), Notice: notice, Renewal: renewal, CreatedBy: "U1"}
	if err := e.mous.CreateAgreement(e.ctx(), a); err != nil {
		t.Fatal(err)
	}
}

func TestHomeAgreementDates(t *testing.T) {
	env := newHomeEnv(t)
	p := env.partner(t, "Faenza", -1)
	active, none := proxenos.AgreementActive, proxenos.Renewal{}
	auto := func(years int) proxenos.Renewal {
		return proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: years}
	}
	decision := proxenos.Renewal{Kind: proxenos.RenewalDecision}
	env.dated(t, p.ID, "Youth exchanges", active, 20, proxenos.Period{Months: 3}, auto(2))
	env.dated(t, p.ID, "Culture protocol", active, 66, proxenos.Period{Months: 2}, decision)
	env.dated(t, p.ID, "Network membership", active, 0, proxenos.Period{}, none)
	env.dated(t, p.ID, "Both in the window", active, 25, proxenos.Period{Days: 14}, auto(3))
	env.dated(t, p.ID, "Last day of the window", active, 30, proxenos.Period{}, none)
	env.dated(t, p.ID, "Beyond the window", active, 31, proxenos.Period{}, none)
	env.dated(t, p.ID, "Ended yesterday", active, -1, proxenos.Period{}, none)
	env.dated(t, p.ID, "Draft text", proxenos.AgreementDraft, 10, proxenos.Period{}, none)
	env.dated(t, p.ID, "Terminated", proxenos.AgreementTerminated, 10, proxenos.Period{}, none)
	env.dated(t, p.ID, "<!here> pact", active, 5, proxenos.Period{}, none)

	t.Run("OK", func(t *testing.T) {
		text := allText(env.open(i18n.English, "U1"))
		order := []int{
			indexOf(t, text, "Obligations overdue"),
			indexOf(t, text, "*Agreement dates in the next 30 days*"),
			indexOf(t, text, ":page_facing_up: *Network membership* — term ends 26 Nov 2026 (today) · no renewal"),
			indexOf(t, text, ":hourglass_flowing_sand: *Culture protocol* — last day to give notice 30 Nov 2026 (in 4 days) · renewed by council decision"),
			indexOf(t, text, "*&lt;!here&gt; pact* — term ends 1 Dec 2026 (in 5 days)"),
			indexOf(t, text, ":hourglass_flowing_sand: *Both in the window* — last day to give notice 7 Dec 2026 (in 11 days) · renews automatically every 3 years"),
			indexOf(t, text, "Show more (2 more)"),
			indexOf(t, text, "Latest correspondence"),
		}
		if !slices.IsSorted(order) {
			t.Errorf("out of order %v:\n%s", order, text)
		}
		for _, absent := range []string{"Beyond the window", "Ended yesterday", "Draft text", "Terminated", "<!here>"} {
			if strings.Contains(text, absent) {
				t.Errorf("Home shows %q", absent)
			}
		}
	})
	t.Run("More", func(t *testing.T) {
		text := allText(env.press(i18n.English, home.ActionHomeMore, home.SectionAgreements))
		for _, want := range []string{
			"*Youth exchanges* — term ends 16 Dec 2026 (in 20 days) · renews automatically every 2 years",
			"*Both in the window* — term ends 21 Dec 2026 (in 25 days)",
			"*Last day of the window* — term ends 26 Dec 2026 (in 30 days)",
		} {
			indexOf(t, text, want)
		}
		if strings.Contains(text, "Latest correspondence") || strings.Contains(text, "…and ") {
			t.Errorf("the agreements at length show more than their dates:\n%s", text)
		}
	})
	t.Run("Greek", func(t *testing.T) {
		text := allText(env.open(i18n.Greek, "U1"))
		for _, want := range []string{
			"*Ημερομηνίες συμφωνιών των επόμενων 30 ημερών*",
			"*Network membership* — λήξη 26 Νοεμβρίου 2026 (σήμερα) · χωρίς ανανέωση",
			"*Culture protocol* — καταγγελία έως 30 Νοεμβρίου 2026 (σε 4 ημέρες) · ανανέωση με απόφαση του δημοτικού συμβουλίου",
		} {
			indexOf(t, text, want)
		}
	})
}

func TestHomeAgreementDatesEmpty(t *testing.T) {
	env := newHomeEnv(t)
	for _, tt := range []struct {
		name       string
		lang       i18n.Lang
		configured bool
		calls      bool // whether calls are set up
		want       string
	}{
		{"None", i18n.English, true, true, "No agreement ends or has a notice deadline in the next 30 days."},
		{"NoneGreek", i18n.Greek, true, true, "Καμία συμφωνία δεν λήγει ούτε έχει προθεσμία καταγγελίας τις επόμενες 30 ημέρες."},
		{"NoneWithoutCalls", i18n.English, true, false, "No agreement ends or has a notice deadline in the next 30 days."},
		{"NotConfigured", i18n.English, false, true, "Calls and agreements are not set up in this installation."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env.h.Agreements, env.h.Calls = env.mous, env.calls
			if !tt.configured {
				env.h.Agreements = nil
			}
			if !tt.calls {
				env.h.Calls = nil
			}
			text := allText(env.press(tt.lang, home.ActionHomeMore, home.SectionAgreements))
			if got := text[strings.LastIndex(text, "\n")+1:]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
