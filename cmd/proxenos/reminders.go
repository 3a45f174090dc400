package main

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/scheduler"
)

// Bounds of the reminder settings.
const (
	maxReminderDays = 365         // the furthest a reminder goes before its date
	minLateHorizon  = time.Minute // shorter would drop reminders sent a tick late
	maxLateHorizon  = 30 * 24 * time.Hour
	minLeaseTTL     = 3 * time.Second // the lease is renewed every third of it, at most every second
	maxLeaseTTL     = time.Hour
	minTick         = time.Second // how often the sender looks for due reminders
	maxTick         = 15 * time.Minute
)

// RemindersConfig holds when reminders and the digest go out. Each field is
// text as operators write it in YAML or the environment: days as
// comma-separated whole days before the date ("30,14,7,3,1,0", 0 is the
// morning of the day), times of day as "09:00", durations as "24h".
// Validate checks them; an empty field keeps the default.
type RemindersConfig struct {
	CallDays       string `yaml:"call_days"`       // before each call deadline
	MilestoneDays  string `yaml:"milestone_days"`  // before each internal milestone of a call
	ObligationDays string `yaml:"obligation_days"` // before each due date, unless an obligation has its own
	AgreementDays  string `yaml:"agreement_days"`  // before an agreement's end and its notice deadline
	Time           string `yaml:"time"`            // day reminders go out then, office time
	DigestTime     string `yaml:"digest_time"`     // the digest, Monday to Friday, office time
	LateHorizon    string `yaml:"late_horizon"`    // missed reminders older than this go to the digest only
	LeaseTTL       string `yaml:"lease_ttl"`       // another replica takes over sending within it
	Tick           string `yaml:"tick"`            // how often the sender looks for reminders due
}

// defaultReminders returns the scheduler's defaults as settings.
func defaultReminders() RemindersConfig {
	o := scheduler.DefaultOffsets()
	return RemindersConfig{
		CallDays:       joinDays(o.Call),
		MilestoneDays:  joinDays(o.Milestone),
		ObligationDays: joinDays(o.Obligation),
		AgreementDays:  joinDays(o.Agreement),
		Time:           scheduler.DefaultMorning.String(),
		DigestTime:     scheduler.DefaultDigestTime.String(),
		LateHorizon:    shortDuration(scheduler.DefaultHorizon),
		LeaseTTL:       shortDuration(scheduler.DefaultLeaseTTL),
		Tick:           shortDuration(scheduler.DefaultTickInterval),
	}
}

// shortDuration writes d as operators do: "24h" rather than "24h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	for _, zero := range []string{"m0s", "h0m"} {
		if strings.HasSuffix(s, zero) {
			s = s[:len(s)-2]
		}
	}
	return s
}

// joinDays writes days as "30,14,7".
func joinDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ",")
}

// reminderSetting is one reminder setting: its variable, its YAML key,
// where its value is, a valid example and, for a duration, its bounds.
type reminderSetting struct {
	env, yaml string
	value     *string
	example   string
	lo, hi    time.Duration
}

// settings lists r's settings by kind, in the order Validate checks them.
func (r *RemindersConfig) settings() (days, times, durations []reminderSetting) {
	days = []reminderSetting{
		{"PROXENOS_REMINDER_CALL_DAYS", "reminders.call_days", &r.CallDays, "30,14,7,3,1,0", 0, 0},
		{"PROXENOS_REMINDER_MILESTONE_DAYS", "reminders.milestone_days", &r.MilestoneDays, "7,1,0", 0, 0},
		{"PROXENOS_REMINDER_OBLIGATION_DAYS", "reminders.obligation_days", &r.ObligationDays, "14,3,0", 0, 0},
		{"PROXENOS_REMINDER_AGREEMENT_DAYS", "reminders.agreement_days", &r.AgreementDays, "90,30", 0, 0},
	}
	times = []reminderSetting{
		{"PROXENOS_REMINDER_TIME", "reminders.time", &r.Time, "09:00", 0, 0},
		{"PROXENOS_DIGEST_TIME", "reminders.digest_time", &r.DigestTime, "08:30", 0, 0},
	}
	durations = []reminderSetting{
		{"PROXENOS_LATE_HORIZON", "reminders.late_horizon", &r.LateHorizon, "24h", minLateHorizon, maxLateHorizon},
		{"PROXENOS_LEASE_TTL", "reminders.lease_ttl", &r.LeaseTTL, "30s", minLeaseTTL, maxLeaseTTL},
		{"PROXENOS_REMINDER_TICK", "reminders.tick", &r.Tick, "1m", minTick, maxTick},
	}
	return days, times, durations
}

// applyEnv overrides r with the reminder variables that are set.
func (r *RemindersConfig) applyEnv(getenv func(string) string) {
	days, times, durations := r.settings()
	for _, s := range slices.Concat(days, times, durations) {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			*s.value = v
		}
	}
}

// validate returns an EINVALID error naming the first reminder setting
// that is wrong, with an example of a right one.
func (r *RemindersConfig) validate() error {
	days, times, durations := r.settings()
	for _, s := range days {
		if _, err := parseDays(*s.value); err != nil {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_days", s.env, s.yaml, *s.value, maxReminderDays, s.example)
		}
	}
	for _, s := range times {
		if _, err := parseTimeOfDay(*s.value); err != nil {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_time", s.env, s.yaml, *s.value, s.example)
		}
	}
	for _, s := range durations {
		if d, err := time.ParseDuration(*s.value); *s.value != "" && (err != nil || d < s.lo || d > s.hi) {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_duration", s.env, s.yaml, *s.value,
				shortDuration(s.lo), shortDuration(s.hi), s.example)
		}
	}
	return nil
}

// errSetting marks a reminder setting that does not parse; validate
// turns it into the message that names the setting.
var errSetting = errors.New("invalid reminder setting")

// parseDays reads "30,14,7,3,1,0": whole days from 0 to maxReminderDays,
// returned largest first without repeats. "" is nil (the default).
func parseDays(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var days []int
	for _, f := range strings.Split(s, ",") {
		d, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || d < 0 || d > maxReminderDays {
			return nil, errSetting
		}
		days = append(days, d)
	}
	slices.Sort(days)
	slices.Reverse(days)
	return slices.Compact(days), nil
}

// parseTimeOfDay reads "09:00" or "9:00". "" is the zero time (the
// default).
func parseTimeOfDay(s string) (scheduler.TimeOfDay, error) {
	if s == "" {
		return scheduler.TimeOfDay{}, nil
	}
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hour, herr := strconv.Atoi(h)
	minute, merr := strconv.Atoi(m)
	if !ok || herr != nil || merr != nil || len(m) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return scheduler.TimeOfDay{}, errSetting
	}
	return scheduler.TimeOfDay{Hour: hour, Minute: minute}, nil
}

// apply sets the scheduler's offsets, times, horizon and lease from r,
// which Validate has checked; empty settings keep the scheduler's
// defaults. Missed reminders are looked for at least as far back as the
// horizon, so that none older than a week is lost when it is longer.
func (r *RemindersConfig) apply(s *scheduler.Scheduler) {
	for _, d := range []struct {
		value string
		dst   *[]int
	}{
		{r.CallDays, &s.Offsets.Call}, {r.MilestoneDays, &s.Offsets.Milestone},
		{r.ObligationDays, &s.Offsets.Obligation}, {r.AgreementDays, &s.Offsets.Agreement},
	} {
		if days, err := parseDays(d.value); err == nil && days != nil {
			*d.dst = days
		}
	}
	for _, t := range []struct {
		value string
		dst   *scheduler.TimeOfDay
	}{{r.Time, &s.Morning}, {r.DigestTime, &s.DigestTime}} {
		if at, err := parseTimeOfDay(t.value); err == nil && t.value != "" {
			*t.dst = at
		}
	}
	if d, err := time.ParseDuration(r.LateHorizon); err == nil {
		s.Horizon = d
	}
	if d, err := time.ParseDuration(r.LeaseTTL); err == nil {
		s.LeaseTTL = d
	}
	if d, err := time.ParseDuration(r.Tick); err == nil {
		s.TickInterval = d
	}
	s.Lookback = max(s.Lookback, s.Horizon)
}
