package main

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/scheduler"
)

// RemindersConfig holds when reminders and the digest go out. Each field is
// text as operators write it in YAML or the environment: days as
// comma-separated whole days before the date ("30,14,7,3,1,0", 0 is the
// morning of the day), times of day as "09:00", durations as "24h",
// switches as "on" or "off". Validate checks them; an empty field keeps
// the default.
type RemindersConfig struct {
	CallDays       string `yaml:"call_days"`       // before each call deadline
	MilestoneDays  string `yaml:"milestone_days"`  // before each internal milestone of a call
	ObligationDays string `yaml:"obligation_days"` // before each due date, unless an obligation has its own
	AgreementDays  string `yaml:"agreement_days"`  // before an agreement's end and its notice deadline
	Time           string `yaml:"time"`            // day reminders go out then, office time
	DigestTime     string `yaml:"digest_time"`     // the digest, on working days, office time
	Workdays       string `yaml:"workdays"`        // day reminders due on a day off go out the working day before
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
		Workdays:       onOff(scheduler.DefaultWorkdays),
		LateHorizon:    shortDuration(scheduler.DefaultHorizon),
		LeaseTTL:       shortDuration(scheduler.DefaultLeaseTTL),
		Tick:           shortDuration(scheduler.DefaultTickInterval),
	}
}

// switches are the words a switch setting is written with.
var switches = map[string]bool{"on": true, "off": false, "true": true, "false": false, "yes": true, "no": false}

// onOff writes a switch as operators do.
func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
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
// where its value is and a valid example; option reads the value as a
// scheduler option (nil when it is empty: the default stays), invalid is
// the operator's message when it is wrong.
type reminderSetting struct {
	env, yaml string
	value     *string
	example   string
	option    func(string) (scheduler.Option, error)
	invalid   func() error
}

// daysSetting is a setting of days before a date, such as "30,14,7".
func daysSetting(env, yaml string, value *string, example string, with func(...int) scheduler.Option) reminderSetting {
	return reminderSetting{env, yaml, value, example,
		func(v string) (scheduler.Option, error) {
			days, err := parseDays(v)
			if err != nil || days == nil {
				return nil, err
			}
			return with(days...), nil
		},
		func() error {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_days", env, yaml, *value, scheduler.MaxReminderDays, example)
		}}
}

// timeSetting is a setting of a time of day, such as "09:00".
func timeSetting(env, yaml string, value *string, example string, with func(scheduler.TimeOfDay) scheduler.Option) reminderSetting {
	return reminderSetting{env, yaml, value, example,
		func(v string) (scheduler.Option, error) {
			at, err := parseTimeOfDay(v)
			if err != nil || v == "" {
				return nil, err
			}
			return with(at), nil
		},
		func() error {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_time", env, yaml, *value, example)
		}}
}

// durationSetting is a setting of a duration, such as "24h", from lo to
// hi: the scheduler's bounds, named in the message.
func durationSetting(env, yaml string, value *string, example string, with func(time.Duration) scheduler.Option, lo, hi time.Duration) reminderSetting {
	return reminderSetting{env, yaml, value, example,
		func(v string) (scheduler.Option, error) {
			if v == "" {
				return nil, nil
			}
			d, err := time.ParseDuration(v)
			if err != nil {
				return nil, err
			}
			return with(d), nil
		},
		func() error {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_duration", env, yaml, *value,
				shortDuration(lo), shortDuration(hi), example)
		}}
}

// switchSetting is a setting that is on or off ("on", "off"; also
// "true", "false", "yes", "no", in any case).
func switchSetting(env, yaml string, value *string, example string, with func(bool) scheduler.Option) reminderSetting {
	return reminderSetting{env, yaml, value, example,
		func(v string) (scheduler.Option, error) {
			if v == "" {
				return nil, nil
			}
			on, ok := switches[strings.ToLower(strings.TrimSpace(v))]
			if !ok {
				return nil, errSetting
			}
			return with(on), nil
		},
		func() error {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.reminder_switch", env, yaml, *value, example)
		}}
}

// settings lists r's settings in the order Validate checks them: days,
// times, durations, switches.
func (r *RemindersConfig) settings() []reminderSetting {
	return []reminderSetting{
		daysSetting("PROXENOS_REMINDER_CALL_DAYS", "reminders.call_days", &r.CallDays, "30,14,7,3,1,0", scheduler.WithCallDays),
		daysSetting("PROXENOS_REMINDER_MILESTONE_DAYS", "reminders.milestone_days", &r.MilestoneDays, "7,1,0", scheduler.WithMilestoneDays),
		daysSetting("PROXENOS_REMINDER_OBLIGATION_DAYS", "reminders.obligation_days", &r.ObligationDays, "14,3,0", scheduler.WithObligationDays),
		daysSetting("PROXENOS_REMINDER_AGREEMENT_DAYS", "reminders.agreement_days", &r.AgreementDays, "90,30", scheduler.WithAgreementDays),
		timeSetting("PROXENOS_REMINDER_TIME", "reminders.time", &r.Time, "09:00", scheduler.WithMorning),
		timeSetting("PROXENOS_DIGEST_TIME", "reminders.digest_time", &r.DigestTime, "08:30", scheduler.WithDigestTime),
		durationSetting("PROXENOS_LATE_HORIZON", "reminders.late_horizon", &r.LateHorizon, "24h", scheduler.WithHorizon,
			scheduler.MinHorizon, scheduler.MaxHorizon),
		durationSetting("PROXENOS_LEASE_TTL", "reminders.lease_ttl", &r.LeaseTTL, "30s", scheduler.WithLeaseTTL,
			scheduler.MinLeaseTTL, scheduler.MaxLeaseTTL),
		durationSetting("PROXENOS_REMINDER_TICK", "reminders.tick", &r.Tick, "1m", scheduler.WithTickInterval,
			scheduler.MinTickInterval, scheduler.MaxTickInterval),
		switchSetting("PROXENOS_REMINDER_WORKDAYS", "reminders.workdays", &r.Workdays, "off", scheduler.WithWorkdays),
	}
}

// applyEnv overrides r with the reminder variables that are set.
func (r *RemindersConfig) applyEnv(getenv func(string) string) {
	for _, s := range r.settings() {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			*s.value = v
		}
	}
}

// options returns the scheduler options of the settings that are set, or
// an EINVALID error naming the first one that does not read or that the
// scheduler refuses, with an example of a right one.
func (r *RemindersConfig) options() ([]scheduler.Option, error) {
	var opts []scheduler.Option
	for _, s := range r.settings() {
		opt, err := s.option(*s.value)
		if err == nil && opt != nil {
			err = scheduler.Check(opt)
		}
		if err != nil {
			return nil, s.invalid()
		}
		if opt != nil {
			opts = append(opts, opt)
		}
	}
	return opts, nil
}

// validate returns the error of options.
func (r *RemindersConfig) validate() error {
	_, err := r.options()
	return err
}

// errSetting marks a setting that does not read; validate turns it into
// the message that names the setting.
var errSetting = errors.New("invalid setting")

// parseDays reads "30,14,7,3,1,0" as whole days; the scheduler checks
// their range and orders them. "" is nil (the default).
func parseDays(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var days []int
	for _, f := range strings.Split(s, ",") {
		d, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, errSetting
		}
		days = append(days, d)
	}
	return days, nil
}

// parseTimeOfDay reads "09:00" or "9:00"; the scheduler checks the range.
// "" is the zero time (the default).
func parseTimeOfDay(s string) (scheduler.TimeOfDay, error) {
	if s == "" {
		return scheduler.TimeOfDay{}, nil
	}
	at, err := scheduler.ParseTimeOfDay(s)
	if err != nil {
		return at, errSetting
	}
	return at, nil
}
