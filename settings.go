package proxenos

import (
	"regexp"
	"time"
)

// Shapes of the Slack ids and times settings name.
var (
	channelID = regexp.MustCompile(`^[CG][A-Z0-9]{2,}$`)
	userID    = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	groupID   = regexp.MustCompile(`^S[A-Z0-9]{2,}$`)
	clockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	// A mail domain as DNS writes it: labels of letters, digits and
	// hyphens, in lower case (an internationalised one in its xn-- form).
	mailDomain = regexp.MustCompile(`^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$`)
)

// MaxOfficeNames is how many mail domains, and how many names, an office
// may list.
const MaxOfficeNames = 10

// MaxReminderDays is the most days ahead a reminder may go out.
const MaxReminderDays = 365

// Validate returns an EINVALID error naming the first wrong field, with
// the value given and an example of a right one: a channel id (C…/G…),
// a language (el/en), an IANA time zone, user (U…/W…) and user group
// (S…) ids, days 0 to 365, times HH:MM, a budget of no fewer than 0
// tokens, and at most MaxOfficeNames mail domains (maroussi.gr) and
// names of the office. Empty fields are right: they take the
// deployment's defaults.
func (s *Settings) Validate() error {
	switch {
	case s.Channel != "" && !channelID.MatchString(s.Channel):
		return Errorf(EINVALID, "settings.invalid.channel", s.Channel)
	case s.Lang != "" && s.Lang != Greek && s.Lang != English:
		return Errorf(EINVALID, "settings.invalid.lang", string(s.Lang))
	case s.Timezone == "UTC":
		// No office keeps UTC; times in UTC are shown in the deployment's
		// zone (see i18n).
		return Errorf(EINVALID, "settings.invalid.timezone_utc", s.Timezone)
	case s.Timezone != "" && !knownZone(s.Timezone):
		return Errorf(EINVALID, "settings.invalid.timezone", s.Timezone)
	case s.MonthlyTokens < 0:
		return Errorf(EINVALID, "settings.invalid.tokens", s.MonthlyTokens)
	}
	for _, id := range s.AllowedUsers {
		if !userID.MatchString(id) && !groupID.MatchString(id) {
			return Errorf(EINVALID, "settings.invalid.allowed", id)
		}
	}
	for _, id := range s.Admins {
		if !userID.MatchString(id) {
			return Errorf(EINVALID, "settings.invalid.admin", id)
		}
	}
	if err := s.validateOffice(); err != nil {
		return err
	}
	return s.validateReminders()
}

// validateOffice checks the office's mail domains and names.
func (s *Settings) validateOffice() error {
	if err := checkList("office_domains", s.OfficeDomains, MaxOfficeNames, 253); err != nil {
		return err
	}
	for _, d := range s.OfficeDomains {
		if !mailDomain.MatchString(d) {
			return Errorf(EINVALID, "settings.invalid.office_domain", d)
		}
	}
	return checkList("office_names", s.OfficeNames, MaxOfficeNames, MaxNameLen)
}

// validateReminders checks the days and times of reminders.
func (s *Settings) validateReminders() error {
	for _, f := range []struct {
		key  string
		days []int
	}{{"settings.invalid.call_days", s.CallDays}, {"settings.invalid.obligation_days", s.ObligationDays},
		{"settings.invalid.agreement_days", s.AgreementDays}} {
		for _, d := range f.days {
			if d < 0 || d > MaxReminderDays {
				return Errorf(EINVALID, f.key, d)
			}
		}
	}
	switch {
	case s.ReminderTime != "" && !clockTime.MatchString(s.ReminderTime):
		return Errorf(EINVALID, "settings.invalid.reminder_time", s.ReminderTime)
	case s.DigestTime != "" && !clockTime.MatchString(s.DigestTime):
		return Errorf(EINVALID, "settings.invalid.digest_time", s.DigestTime)
	}
	return nil
}

// knownZone reports whether name is an IANA zone this machine can load;
// "Local" is refused, being the server's zone, not the office's.
func knownZone(name string) bool {
	if name == "Local" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// IsGroupID reports whether id names a Slack user group (S…), as an
// entry of Settings.AllowedUsers may.
func IsGroupID(id string) bool { return groupID.MatchString(id) }
