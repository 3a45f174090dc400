package main

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/scheduler"
)

// TestRemindersConfig_Validate checks that each bad reminder setting is
// refused with a message naming its variable, its YAML key and an example.
func TestRemindersConfig_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		key  string   // the catalogue key of the error; "" for none
		want []string // what the English message names
	}{
		{"OK", map[string]string{"PROXENOS_REMINDER_CALL_DAYS": "60, 30,7,0", "PROXENOS_REMINDER_TIME": "9:15",
			"PROXENOS_LATE_HORIZON": "48h", "PROXENOS_LEASE_TTL": "3s"}, "", nil},
		{"ErrCallDaysWord", map[string]string{"PROXENOS_REMINDER_CALL_DAYS": "30,14,seven"}, "config.invalid.reminder_days",
			[]string{"PROXENOS_REMINDER_CALL_DAYS", "reminders.call_days", "30,14,7,3,1,0"}},
		{"ErrMilestoneDaysNegative", map[string]string{"PROXENOS_REMINDER_MILESTONE_DAYS": "7,-1"}, "config.invalid.reminder_days",
			[]string{"PROXENOS_REMINDER_MILESTONE_DAYS", "reminders.milestone_days", "7,1,0"}},
		{"ErrObligationDaysTooFar", map[string]string{"PROXENOS_REMINDER_OBLIGATION_DAYS": "400"}, "config.invalid.reminder_days",
			[]string{"PROXENOS_REMINDER_OBLIGATION_DAYS", "reminders.obligation_days", "365"}},
		{"ErrAgreementDaysEmptyItem", map[string]string{"PROXENOS_REMINDER_AGREEMENT_DAYS": "90,,30"}, "config.invalid.reminder_days",
			[]string{"PROXENOS_REMINDER_AGREEMENT_DAYS", "reminders.agreement_days", "90,30"}},
		{"ErrTime", map[string]string{"PROXENOS_REMINDER_TIME": "9am"}, "config.invalid.reminder_time",
			[]string{"PROXENOS_REMINDER_TIME", "reminders.time", "09:00"}},
		{"ErrDigestTimeHour", map[string]string{"PROXENOS_DIGEST_TIME": "24:30"}, "config.invalid.reminder_time",
			[]string{"PROXENOS_DIGEST_TIME", "reminders.digest_time", "08:30"}},
		{"ErrLateHorizonUnit", map[string]string{"PROXENOS_LATE_HORIZON": "1d"}, "config.invalid.reminder_duration",
			[]string{"PROXENOS_LATE_HORIZON", "reminders.late_horizon", "24h", "720h"}},
		{"ErrLeaseTTLShort", map[string]string{"PROXENOS_LEASE_TTL": "1s"}, "config.invalid.reminder_duration",
			[]string{"PROXENOS_LEASE_TTL", "reminders.lease_ttl", "30s", "3s"}},
		{"OKWorkdaysOff", map[string]string{"PROXENOS_REMINDER_WORKDAYS": " OFF "}, "", nil},
		{"ErrWorkdays", map[string]string{"PROXENOS_REMINDER_WORKDAYS": "weekdays"}, "config.invalid.reminder_switch",
			[]string{"PROXENOS_REMINDER_WORKDAYS", "reminders.workdays", `"weekdays"`, "on or off"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.ApplyEnv(env(tt.env))
			err := c.Validate()
			var got string
			if e, ok := err.(*proxenos.Error); ok {
				got = e.Key
			} else if err != nil {
				t.Fatalf("got %T %v, want *proxenos.Error", err, err)
			}
			if got != tt.key {
				t.Fatalf("got error %q, want %q", got, tt.key)
			}
			msg := i18n.ErrorMessage(i18n.English, err)
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
		})
	}
}

// TestRemindersConfig_Workdays checks the switch's spellings, from the
// environment over the file.
func TestRemindersConfig_Workdays(t *testing.T) {
	for _, tt := range []struct {
		name, file, env string
		want            bool
	}{
		{"OKDefault", "", "", true},
		{"OKFileOff", "off", "", false},
		{"OKEnvOverFile", "off", "Yes", true},
		{"OKEnvFalse", "", "false", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			if tt.file != "" {
				if err := decodeConfig(&c, "test.yaml", []byte("reminders:\n  workdays: "+tt.file+"\n")); err != nil {
					t.Fatal(err)
				}
			}
			c.ApplyEnv(env(map[string]string{"PROXENOS_REMINDER_WORKDAYS": tt.env}))
			opts, err := c.Reminders.options()
			if err != nil {
				t.Fatal(err)
			}
			s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if s.Workdays != tt.want {
				t.Fatalf("Workdays %v, want %v", s.Workdays, tt.want)
			}
		})
	}
}

// TestRemindersConfig_Apply checks that the settings reach the scheduler,
// from the environment over the file, and that the defaults are the
// scheduler's own.
func TestRemindersConfig_Apply(t *testing.T) {
	newScheduler := func(t *testing.T, c Config) *scheduler.Scheduler {
		t.Helper()
		opts, err := c.Reminders.options()
		if err != nil {
			t.Fatal(err)
		}
		s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	t.Run("OKDefaults", func(t *testing.T) {
		// Config{} sets no reminder setting: want has the scheduler's defaults.
		got, want := newScheduler(t, DefaultConfig()), newScheduler(t, Config{})
		if !reflect.DeepEqual(got.Offsets, want.Offsets) || got.Morning != want.Morning || got.DigestTime != want.DigestTime ||
			got.Horizon != want.Horizon || got.LeaseTTL != want.LeaseTTL || got.Lookback != want.Lookback || got.Workdays != want.Workdays {
			t.Fatalf("defaults differ from the scheduler's:\ngot  %+v %v %v %v %v %v %v\nwant %+v %v %v %v %v %v %v",
				got.Offsets, got.Morning, got.DigestTime, got.Horizon, got.LeaseTTL, got.Lookback, got.Workdays,
				want.Offsets, want.Morning, want.DigestTime, want.Horizon, want.LeaseTTL, want.Lookback, want.Workdays)
		}
	})
	t.Run("OK", func(t *testing.T) {
		c := DefaultConfig()
		file := "reminders:\n  call_days: \"60,30\"\n  digest_time: \"07:45\"\n  late_horizon: \"240h\"\n  workdays: off\n"
		if err := decodeConfig(&c, "test.yaml", []byte(file)); err != nil {
			t.Fatal(err)
		}
		c.ApplyEnv(env(map[string]string{"PROXENOS_REMINDER_CALL_DAYS": "0,7,30,7", "PROXENOS_REMINDER_OBLIGATION_DAYS": "21",
			"PROXENOS_REMINDER_TIME": "10:05", "PROXENOS_LEASE_TTL": "1m"}))
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		s := newScheduler(t, c)
		for _, tt := range []struct {
			name      string
			got, want any
		}{
			{"call days (the environment over the file, largest first, once each)", s.Offsets.Call, []int{30, 7, 0}},
			{"obligation days", s.Offsets.Obligation, []int{21}},
			{"milestone days (default)", s.Offsets.Milestone, scheduler.DefaultOffsets().Milestone},
			{"reminder time", s.Morning, scheduler.TimeOfDay{Hour: 10, Minute: 5}},
			{"digest time (the file)", s.DigestTime, scheduler.TimeOfDay{Hour: 7, Minute: 45}},
			{"late horizon", s.Horizon, 240 * time.Hour},
			{"lookback (at least the horizon)", s.Lookback, 240 * time.Hour},
			{"lease", s.LeaseTTL, time.Minute},
			{"workdays (the file, unquoted)", s.Workdays, false},
		} {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
			}
		}
	})
}
