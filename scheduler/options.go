package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// Bounds of the Scheduler's settings. The other durations only need to be
// positive.
const (
	// MaxReminderDays is the furthest a reminder goes before its date,
	// as for an obligation's own lead days.
	MaxReminderDays = proxenos.MaxLeadDays
	// MinHorizon is the shortest Horizon: a shorter one would send a
	// reminder a tick late to the digest instead.
	MinHorizon = time.Minute
	MaxHorizon = 30 * 24 * time.Hour
	// MinLeaseTTL is the shortest LeaseTTL: the lease is renewed every
	// third of it, at most every second.
	MinLeaseTTL     = 3 * time.Second
	MaxLeaseTTL     = time.Hour
	MinTickInterval = time.Second
	MaxTickInterval = 15 * time.Minute
)

// Errors of settings out of bounds, returned by New, Check and Start.
var (
	ErrCallDaysRange       = fmt.Errorf("scheduler: call days must be from 0 to %d", MaxReminderDays)
	ErrMilestoneDaysRange  = fmt.Errorf("scheduler: milestone days must be from 0 to %d", MaxReminderDays)
	ErrObligationDaysRange = fmt.Errorf("scheduler: obligation days must be from 0 to %d", MaxReminderDays)
	ErrAgreementDaysRange  = fmt.Errorf("scheduler: agreement days must be from 0 to %d", MaxReminderDays)
	ErrMorningRange        = errors.New("scheduler: Morning must be a time of day from 00:00 to 23:59")
	ErrDigestTimeRange     = errors.New("scheduler: DigestTime must be a time of day from 00:00 to 23:59")
	ErrHorizonRange        = fmt.Errorf("scheduler: Horizon must be from %v to %v", MinHorizon, MaxHorizon)
	ErrLookbackRange       = errors.New("scheduler: Lookback must be positive")
	ErrLeaseTTLRange       = fmt.Errorf("scheduler: LeaseTTL must be from %v to %v", MinLeaseTTL, MaxLeaseTTL)
	ErrDeliveryLeaseRange  = errors.New("scheduler: DeliveryLease must be positive")
	ErrSendTimeoutRange    = errors.New("scheduler: SendTimeout must be positive")
	ErrTickIntervalRange   = fmt.Errorf("scheduler: TickInterval must be from %v to %v", MinTickInterval, MaxTickInterval)
	ErrLateAfterRange      = errors.New("scheduler: LateAfter must be positive")
	ErrMaxBackoffRange     = errors.New("scheduler: MaxBackoff must be positive")
	ErrVerifyForRange      = errors.New("scheduler: VerifyFor must be positive")
	ErrNoLocation          = errors.New("scheduler: a location is required")
	ErrLang                = errors.New("scheduler: the language must be Greek or English")
	ErrNoHolder            = errors.New("scheduler: a holder name is required")
	ErrNoClock             = errors.New("scheduler: a clock is required")
	ErrNoLogger            = errors.New("scheduler: a logger is required")
)

// Option changes one setting of the Scheduler New makes, or returns the
// Err…Range (or ErrNo…) error of a value out of bounds.
type Option func(*Scheduler) error

// Check returns the first error New would return for opts, without making
// a Scheduler: configuration is checked before the store is opened.
func Check(opts ...Option) error {
	return defaults().apply(opts)
}

// apply applies opts in order and checks the settings together.
func (s *Scheduler) apply(opts []Option) error {
	for _, o := range opts {
		if err := o(s); err != nil {
			return err
		}
	}
	return s.validate()
}

// validate returns the error of the first setting out of bounds, so that
// Start also refuses values set directly in the fields.
func (s *Scheduler) validate() error {
	checks := []error{
		checkDays(s.Offsets.Call, ErrCallDaysRange), checkDays(s.Offsets.Milestone, ErrMilestoneDaysRange),
		checkDays(s.Offsets.Obligation, ErrObligationDaysRange), checkDays(s.Offsets.Agreement, ErrAgreementDaysRange),
		checkTime(s.Morning, ErrMorningRange), checkTime(s.DigestTime, ErrDigestTimeRange),
	}
	for _, d := range durations {
		checks = append(checks, d.check(*d.field(s)))
	}
	checks = append(checks,
		required(s.Location != nil, ErrNoLocation), required(s.Lang == i18n.Greek || s.Lang == i18n.English, ErrLang),
		required(s.Holder != "", ErrNoHolder), required(s.Clock != nil, ErrNoClock), required(s.Logger != nil, ErrNoLogger),
		// A send cannot outlive its claim, or another replica could
		// retry it while it is still being posted.
		required(s.SendTimeout < s.DeliveryLease, ErrSendAfterLease))
	return cmp.Or(checks...)
}

// required returns err unless ok.
func required(ok bool, err error) error {
	if ok {
		return nil
	}
	return err
}

// checkDays returns err unless every day is from 0 to MaxReminderDays.
func checkDays(days []int, err error) error {
	return required(!slices.ContainsFunc(days, func(d int) bool { return d < 0 || d > MaxReminderDays }), err)
}

// checkTime returns err unless t is a time of day.
func checkTime(t TimeOfDay, err error) error {
	return required(t.Hour >= 0 && t.Hour <= 23 && t.Minute >= 0 && t.Minute <= 59, err)
}

// duration is a duration setting: its field and its bounds (hi 0: none).
type duration struct {
	field  func(*Scheduler) *time.Duration
	lo, hi time.Duration
	err    error
}

// check returns d's error unless v is within its bounds.
func (d duration) check(v time.Duration) error {
	return required(v >= d.lo && (d.hi == 0 || v <= d.hi), d.err)
}

// option returns the Option setting d to v.
func (d duration) option(v time.Duration) Option { return set(d.field, v, d.check(v)) }

// The duration settings and their bounds; a positive one is at least 1 ns.
var (
	horizon       = duration{func(s *Scheduler) *time.Duration { return &s.Horizon }, MinHorizon, MaxHorizon, ErrHorizonRange}
	lookback      = duration{func(s *Scheduler) *time.Duration { return &s.Lookback }, 1, 0, ErrLookbackRange}
	leaseTTL      = duration{func(s *Scheduler) *time.Duration { return &s.LeaseTTL }, MinLeaseTTL, MaxLeaseTTL, ErrLeaseTTLRange}
	deliveryLease = duration{func(s *Scheduler) *time.Duration { return &s.DeliveryLease }, 1, 0, ErrDeliveryLeaseRange}
	sendTimeout   = duration{func(s *Scheduler) *time.Duration { return &s.SendTimeout }, 1, 0, ErrSendTimeoutRange}
	tickInterval  = duration{func(s *Scheduler) *time.Duration { return &s.TickInterval }, MinTickInterval, MaxTickInterval, ErrTickIntervalRange}
	lateAfter     = duration{func(s *Scheduler) *time.Duration { return &s.LateAfter }, 1, 0, ErrLateAfterRange}
	maxBackoff    = duration{func(s *Scheduler) *time.Duration { return &s.MaxBackoff }, 1, 0, ErrMaxBackoffRange}
	verifyFor     = duration{func(s *Scheduler) *time.Duration { return &s.VerifyFor }, 1, 0, ErrVerifyForRange}
	durations     = []duration{horizon, lookback, leaseTTL, deliveryLease, sendTimeout, tickInterval, lateAfter, maxBackoff, verifyFor}
)

// WithHorizon sets Horizon, from MinHorizon to MaxHorizon (else
// ErrHorizonRange). New makes Lookback at least as long, so that no
// reminder younger than the horizon is left unseen.
func WithHorizon(d time.Duration) Option { return horizon.option(d) }

// WithLookback sets Lookback, positive (else ErrLookbackRange).
func WithLookback(d time.Duration) Option { return lookback.option(d) }

// WithLeaseTTL sets LeaseTTL, from MinLeaseTTL to MaxLeaseTTL (else
// ErrLeaseTTLRange).
func WithLeaseTTL(d time.Duration) Option { return leaseTTL.option(d) }

// WithDeliveryLease sets DeliveryLease, positive (else
// ErrDeliveryLeaseRange) and longer than SendTimeout (else New returns
// ErrSendAfterLease).
func WithDeliveryLease(d time.Duration) Option { return deliveryLease.option(d) }

// WithSendTimeout sets SendTimeout, positive (else ErrSendTimeoutRange) and
// shorter than DeliveryLease (else New returns ErrSendAfterLease).
func WithSendTimeout(d time.Duration) Option { return sendTimeout.option(d) }

// WithTickInterval sets TickInterval, from MinTickInterval to
// MaxTickInterval (else ErrTickIntervalRange).
func WithTickInterval(d time.Duration) Option { return tickInterval.option(d) }

// WithLateAfter sets LateAfter, positive (else ErrLateAfterRange).
func WithLateAfter(d time.Duration) Option { return lateAfter.option(d) }

// WithMaxBackoff sets MaxBackoff, positive (else ErrMaxBackoffRange).
func WithMaxBackoff(d time.Duration) Option { return maxBackoff.option(d) }

// WithVerifyFor sets VerifyFor, positive (else ErrVerifyForRange).
func WithVerifyFor(d time.Duration) Option { return verifyFor.option(d) }

// days returns the Option setting the offsets *field(s) to d, each from 0
// to MaxReminderDays (else err), largest first without repeats.
func days(field func(*Scheduler) *[]int, d []int, err error) Option {
	d = slices.Clone(d)
	slices.Sort(d)
	slices.Reverse(d)
	return set(field, slices.Compact(d), checkDays(d, err))
}

// WithCallDays sets the days before each call deadline that reminders go
// out (else ErrCallDaysRange).
func WithCallDays(d ...int) Option {
	return days(func(s *Scheduler) *[]int { return &s.Offsets.Call }, d, ErrCallDaysRange)
}

// WithMilestoneDays sets the days before each internal milestone of a call
// (else ErrMilestoneDaysRange).
func WithMilestoneDays(d ...int) Option {
	return days(func(s *Scheduler) *[]int { return &s.Offsets.Milestone }, d, ErrMilestoneDaysRange)
}

// WithObligationDays sets the days before each due date of an obligation
// without lead days of its own (else ErrObligationDaysRange).
func WithObligationDays(d ...int) Option {
	return days(func(s *Scheduler) *[]int { return &s.Offsets.Obligation }, d, ErrObligationDaysRange)
}

// WithAgreementDays sets the days before an agreement's end and its last
// day to give notice (else ErrAgreementDaysRange).
func WithAgreementDays(d ...int) Option {
	return days(func(s *Scheduler) *[]int { return &s.Offsets.Agreement }, d, ErrAgreementDaysRange)
}

// WithMorning sets when day reminders go out (else ErrMorningRange).
func WithMorning(t TimeOfDay) Option {
	return set(func(s *Scheduler) *TimeOfDay { return &s.Morning }, t, checkTime(t, ErrMorningRange))
}

// WithDigestTime sets when the digest goes out (else ErrDigestTimeRange).
func WithDigestTime(t TimeOfDay) Option {
	return set(func(s *Scheduler) *TimeOfDay { return &s.DigestTime }, t, checkTime(t, ErrDigestTimeRange))
}

// WithLocation sets the office zone (nil: ErrNoLocation).
func WithLocation(loc *time.Location) Option {
	return set(func(s *Scheduler) **time.Location { return &s.Location }, loc, required(loc != nil, ErrNoLocation))
}

// WithLang sets the language of channel messages, Greek or English (else
// ErrLang).
func WithLang(lang i18n.Lang) Option {
	return set(func(s *Scheduler) *i18n.Lang { return &s.Lang }, lang, required(lang == i18n.Greek || lang == i18n.English, ErrLang))
}

// WithHolder names this replica in claims and the lease ("": ErrNoHolder).
func WithHolder(name string) Option {
	return set(func(s *Scheduler) *string { return &s.Holder }, name, required(name != "", ErrNoHolder))
}

// WithClock sets the clock (nil: ErrNoClock); tests use a fake one.
func WithClock(c clockwork.Clock) Option {
	return set(func(s *Scheduler) *clockwork.Clock { return &s.Clock }, c, required(c != nil, ErrNoClock))
}

// WithLogger sets the logger (nil: ErrNoLogger).
func WithLogger(l *slog.Logger) Option {
	return set(func(s *Scheduler) **slog.Logger { return &s.Logger }, l, required(l != nil, ErrNoLogger))
}

// WithWorkdays sets Workdays: on, day reminders due on a weekend or a
// Greek public holiday go out the working day before and the digest
// skips public holidays; off, reminders go out on their day and the
// digest Monday to Friday.
func WithWorkdays(on bool) Option {
	return set(func(s *Scheduler) *bool { return &s.Workdays }, on, nil)
}

// WithCorrespondence lists the correspondence logged since the last digest
// in the digest; without it (or with nil) the digest leaves it out.
func WithCorrespondence(c proxenos.CorrespondenceService) Option {
	return set(func(s *Scheduler) *proxenos.CorrespondenceService { return &s.Correspondence }, c, nil)
}

// WithPartners gives the directory whose names reminders quote: the
// partners of an obligation's agreement, an agreement or a call. Without
// it reminders name the agreement only.
func WithPartners(p proxenos.PartnerService) Option {
	return set(func(s *Scheduler) *proxenos.PartnerService { return &s.Partners }, p, nil)
}

// WithActive sets Active: the scheduler asks it before each round and
// does nothing for a workspace no longer served. *bot.Bot's Active is one.
func WithActive(active func(ctx context.Context, team string) bool) Option {
	return set(func(s *Scheduler) *func(context.Context, string) bool { return &s.Active }, active, nil)
}

// set returns the Option setting *field(s) to v, or returning err when it
// is not nil.
func set[T any](field func(*Scheduler) *T, v T, err error) Option {
	return func(s *Scheduler) error {
		if err != nil {
			return err
		}
		*field(s) = v
		return nil
	}
}
