package proxenos_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
)

// TestSettingsValidate checks that empty settings (the deployment's
// defaults) and a full set are accepted, and that each wrong field is
// named by its own catalogue key.
func TestSettingsValidate(t *testing.T) {
	full := func() proxenos.Settings {
		return proxenos.Settings{Channel: "C0OFFICE", Lang: proxenos.Greek, Timezone: "Europe/Athens",
			AllowedUsers: []string{"U0MARIA", "W0NIKOS", "S0IRTEAM"}, Admins: []string{"U0MARIA"},
			CallDays: []int{14, 7, 1}, ObligationDays: []int{0}, AgreementDays: []int{365},
			ReminderTime: "09:00", DigestTime: "23:59", MonthlyTokens: 2_000_000,
			OfficeDomains: []string{"maroussi.gr", "mail.maroussi.gov.gr", "xn--mxahbxey0c.gr"},
			OfficeNames:   []string{"Δήμος Αμαρουσίου", "Municipality of Maroussi"}}
	}
	for name, s := range map[string]proxenos.Settings{"Empty": {}, "Full": full()} {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, tc := range []struct {
		key  string
		edit func(*proxenos.Settings)
	}{
		{"settings.invalid.channel", func(s *proxenos.Settings) { s.Channel = "#international" }},
		{"settings.invalid.channel", func(s *proxenos.Settings) { s.Channel = "U0MARIA" }},
		{"settings.invalid.lang", func(s *proxenos.Settings) { s.Lang = "fr" }},
		{"settings.invalid.timezone", func(s *proxenos.Settings) { s.Timezone = "Athens" }},
		{"settings.invalid.timezone", func(s *proxenos.Settings) { s.Timezone = "Local" }},
		{"settings.invalid.timezone_utc", func(s *proxenos.Settings) { s.Timezone = "UTC" }},
		{"settings.invalid.allowed", func(s *proxenos.Settings) { s.AllowedUsers = []string{"U0MARIA", "@nikos"} }},
		{"settings.invalid.admin", func(s *proxenos.Settings) { s.Admins = []string{"S0IRTEAM"} }},
		{"settings.invalid.call_days", func(s *proxenos.Settings) { s.CallDays = []int{7, -1} }},
		{"settings.invalid.obligation_days", func(s *proxenos.Settings) { s.ObligationDays = []int{366} }},
		{"settings.invalid.agreement_days", func(s *proxenos.Settings) { s.AgreementDays = []int{1000} }},
		{"settings.invalid.reminder_time", func(s *proxenos.Settings) { s.ReminderTime = "9am" }},
		{"settings.invalid.digest_time", func(s *proxenos.Settings) { s.DigestTime = "24:00" }},
		{"settings.invalid.tokens", func(s *proxenos.Settings) { s.MonthlyTokens = -1 }},
		{"settings.invalid.office_domain", func(s *proxenos.Settings) { s.OfficeDomains = []string{"maroussi"} }},
		{"settings.invalid.office_domain", func(s *proxenos.Settings) { s.OfficeDomains = []string{"international@maroussi.gr"} }},
		{"settings.invalid.office_domain", func(s *proxenos.Settings) { s.OfficeDomains = []string{"μαρούσι.gr"} }},
		{"settings.invalid.office_domain", func(s *proxenos.Settings) { s.OfficeDomains = []string{"-maroussi.gr"} }},
		{"invalid.too_many", func(s *proxenos.Settings) {
			s.OfficeDomains = strings.Split("a.gr b.gr c.gr d.gr e.gr f.gr g.gr h.gr i.gr j.gr k.gr", " ")
		}},
		{"invalid.too_long", func(s *proxenos.Settings) { s.OfficeNames = []string{strings.Repeat("Δήμος ", 50)} }},
	} {
		s := full()
		tc.edit(&s)
		var perr *proxenos.Error
		if err := s.Validate(); !errors.As(err, &perr) || perr.Code != proxenos.EINVALID || perr.Key != tc.key {
			t.Errorf("%+v: got %v, want EINVALID %s", s, err, tc.key)
		}
	}
}
