package scheduler_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/scheduler"
)

// TestNew_Options checks that each option refuses a value out of its
// bounds with its own error, from New and from Check alike, and that the
// bounds themselves are accepted.
func TestNew_Options(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []scheduler.Option
		want error // nil: accepted
	}{
		{"OKDefaults", nil, nil},
		{"OKBounds", []scheduler.Option{scheduler.WithHorizon(scheduler.MinHorizon), scheduler.WithLeaseTTL(scheduler.MaxLeaseTTL),
			scheduler.WithTickInterval(scheduler.MinTickInterval), scheduler.WithCallDays(0, scheduler.MaxReminderDays),
			scheduler.WithMorning(scheduler.TimeOfDay{Hour: 23, Minute: 59}), scheduler.WithLang(i18n.English)}, nil},
		{"ErrCallDaysRange", []scheduler.Option{scheduler.WithCallDays(30, -1)}, scheduler.ErrCallDaysRange},
		{"ErrMilestoneDaysRange", []scheduler.Option{scheduler.WithMilestoneDays(scheduler.MaxReminderDays + 1)}, scheduler.ErrMilestoneDaysRange},
		{"ErrObligationDaysRange", []scheduler.Option{scheduler.WithObligationDays(-3)}, scheduler.ErrObligationDaysRange},
		{"ErrAgreementDaysRange", []scheduler.Option{scheduler.WithAgreementDays(400)}, scheduler.ErrAgreementDaysRange},
		{"ErrMorningRange", []scheduler.Option{scheduler.WithMorning(scheduler.TimeOfDay{Hour: 24})}, scheduler.ErrMorningRange},
		{"ErrDigestTimeRange", []scheduler.Option{scheduler.WithDigestTime(scheduler.TimeOfDay{Hour: 8, Minute: 60})}, scheduler.ErrDigestTimeRange},
		{"ErrHorizonRangeShort", []scheduler.Option{scheduler.WithHorizon(scheduler.MinHorizon - 1)}, scheduler.ErrHorizonRange},
		{"ErrHorizonRangeLong", []scheduler.Option{scheduler.WithHorizon(scheduler.MaxHorizon + 1)}, scheduler.ErrHorizonRange},
		{"ErrLookbackRange", []scheduler.Option{scheduler.WithLookback(0)}, scheduler.ErrLookbackRange},
		{"ErrLeaseTTLRangeShort", []scheduler.Option{scheduler.WithLeaseTTL(time.Second)}, scheduler.ErrLeaseTTLRange},
		{"ErrLeaseTTLRangeLong", []scheduler.Option{scheduler.WithLeaseTTL(2 * time.Hour)}, scheduler.ErrLeaseTTLRange},
		{"ErrDeliveryLeaseRange", []scheduler.Option{scheduler.WithDeliveryLease(-time.Minute)}, scheduler.ErrDeliveryLeaseRange},
		{"ErrSendTimeoutRange", []scheduler.Option{scheduler.WithSendTimeout(0)}, scheduler.ErrSendTimeoutRange},
		{"ErrTickIntervalRangeShort", []scheduler.Option{scheduler.WithTickInterval(time.Millisecond)}, scheduler.ErrTickIntervalRange},
		{"ErrTickIntervalRangeLong", []scheduler.Option{scheduler.WithTickInterval(time.Hour)}, scheduler.ErrTickIntervalRange},
		{"ErrLateAfterRange", []scheduler.Option{scheduler.WithLateAfter(0)}, scheduler.ErrLateAfterRange},
		{"ErrMaxBackoffRange", []scheduler.Option{scheduler.WithMaxBackoff(0)}, scheduler.ErrMaxBackoffRange},
		{"ErrVerifyForRange", []scheduler.Option{scheduler.WithVerifyFor(-1)}, scheduler.ErrVerifyForRange},
		{"ErrNoLocation", []scheduler.Option{scheduler.WithLocation(nil)}, scheduler.ErrNoLocation},
		{"ErrLang", []scheduler.Option{scheduler.WithLang("fr")}, scheduler.ErrLang},
		{"ErrNoHolder", []scheduler.Option{scheduler.WithHolder("")}, scheduler.ErrNoHolder},
		{"ErrNoClock", []scheduler.Option{scheduler.WithClock(nil)}, scheduler.ErrNoClock},
		{"ErrNoLogger", []scheduler.Option{scheduler.WithLogger(nil)}, scheduler.ErrNoLogger},
		{"ErrSendAfterLease", []scheduler.Option{scheduler.WithSendTimeout(time.Hour)}, scheduler.ErrSendAfterLease},
		{"ErrSendAfterLeaseShortLease", []scheduler.Option{scheduler.WithDeliveryLease(time.Minute)}, scheduler.ErrSendAfterLease},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil, tt.opts...)
			if !errors.Is(err, tt.want) {
				t.Fatalf("New: %v, want %v", err, tt.want)
			}
			if (s == nil) != (tt.want != nil) {
				t.Fatalf("New returned %v with error %v", s, err)
			}
			if err := scheduler.Check(tt.opts...); !errors.Is(err, tt.want) {
				t.Fatalf("Check: %v, want %v", err, tt.want)
			}
		})
	}
}

// TestNew_Settings checks what New makes of its arguments: no channel is
// an error, reminder days are kept largest first once each, and missed
// reminders are looked for at least as far back as the horizon.
func TestNew_Settings(t *testing.T) {
	if _, err := scheduler.New("T0TEAM", "", nil, nil, nil, nil); !errors.Is(err, scheduler.ErrNoChannel) {
		t.Fatalf("New without a channel: %v, want ErrNoChannel", err)
	}
	s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil,
		scheduler.WithCallDays(0, 7, 30, 7), scheduler.WithHorizon(10*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{30, 7, 0}; !slices.Equal(s.Offsets.Call, want) {
		t.Errorf("call days %v, want %v", s.Offsets.Call, want)
	}
	if want := 10 * 24 * time.Hour; s.Lookback != want {
		t.Errorf("lookback %v, want the horizon %v", s.Lookback, want)
	}
}

// TestStart_ChecksFields checks that Start refuses a setting put out of
// bounds in its field after New, with the option's error.
func TestStart_ChecksFields(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(s *scheduler.Scheduler)
		want error
	}{
		{"ErrNoChannel", func(s *scheduler.Scheduler) { s.Channel = "" }, scheduler.ErrNoChannel},
		{"ErrTickIntervalRange", func(s *scheduler.Scheduler) { s.TickInterval = 0 }, scheduler.ErrTickIntervalRange},
		{"ErrLeaseTTLRange", func(s *scheduler.Scheduler) { s.LeaseTTL = time.Millisecond }, scheduler.ErrLeaseTTLRange},
		{"ErrAgreementDaysRange", func(s *scheduler.Scheduler) { s.Offsets.Agreement = []int{-1} }, scheduler.ErrAgreementDaysRange},
		{"ErrSendAfterLease", func(s *scheduler.Scheduler) { s.SendTimeout = s.DeliveryLease }, scheduler.ErrSendAfterLease},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.set(s)
			if err := s.Start(context.Background()); !errors.Is(err, tt.want) {
				_ = s.Stop()
				t.Fatalf("Start: %v, want %v", err, tt.want)
			}
		})
	}
}
