// Package scheduler sends the reminders and digests of Proxenos, never
// losing one and never doubling one.
//
// The truth is in the store; gocron only triggers. Every minute the sender
// plans, from the calls, obligations and agreements, the reminders that
// fell due (Planner, a pure function), and claims each delivery by
// inserting (key, attempt) under a unique index before posting it. A
// claim that is never finished (a crash, a Slack failure) is retried
// later by whoever claims the next attempt. A lease in the store, itself
// a sequence of insert-claimed terms, makes one replica the sender.
//
// Each reminder is sent once — across two replicas, restarts, a changed
// deadline — and a crash cannot double it either: every message carries
// its delivery key in Slack message metadata, and before retrying an
// attempt whose outcome is unknown (the sender died, or the post timed
// out, after Slack may have accepted it) the sender looks for that key in
// the destination's history since the attempt was claimed. Found, the
// delivery is recorded as sent; not found, it is sent. Only when the
// history stays unreadable for VerifyFor is it sent unchecked, and then
// it may be doubled: a reminder late by that much is better than none.
//
// A Scheduler serves one workspace; a Fleet serves every workspace
// installed in a distribution-mode deployment, with one lease and one
// tick, each workspace to its own office channel.
package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Defaults of the Scheduler's settings.
const (
	DefaultHorizon       = 24 * time.Hour
	DefaultLookback      = 7 * 24 * time.Hour
	DefaultLeaseTTL      = 30 * time.Second
	DefaultDeliveryLease = 10 * time.Minute
	DefaultSendTimeout   = 5 * time.Minute
	DefaultTickInterval  = time.Minute
	DefaultLateAfter     = 10 * time.Minute
	DefaultMaxBackoff    = time.Hour
	DefaultVerifyFor     = 30 * time.Minute
	DefaultWorkdays      = true
	leaseName            = "reminder-sender"
)

// DefaultDigestTime and DefaultMorning are the office times of the digest
// and of day reminders; neither lies in the hour summer time repeats or
// skips (03:00–04:00 in Athens).
var (
	DefaultDigestTime = TimeOfDay{Hour: 8, Minute: 30}
	DefaultMorning    = TimeOfDay{Hour: 9, Minute: 0}
)

// Errors of misuse.
var (
	ErrNoChannel        = errors.New("scheduler: an office channel is required")
	ErrSchedulerStarted = errors.New("scheduler: already started")
	ErrNotLeader        = errors.New("scheduler: another replica holds the sender lease")
	ErrSendAfterLease   = errors.New("scheduler: SendTimeout must be shorter than DeliveryLease")
)

// Poster posts a message to a channel, or to a user's DM when given a
// user id, and returns its timestamp. *bot.Bot implements it; it already
// waits out Slack's Retry-After on 429.
type Poster interface {
	Post(ctx context.Context, channel string, resp *chat.Response) (string, error)
}

// DeliveryFinder tells whether Slack has a delivery's message: the one
// posted to channel (a channel id, or a user id for the DM) after since
// with key in its metadata. It returns the message's timestamp, "" when
// there is none. *bot.Bot implements it.
type DeliveryFinder interface {
	FindDelivery(ctx context.Context, channel, key string, since time.Time) (string, error)
}

// Scheduler is the reminder engine of one workspace. Create it with New,
// whose options set and check the settings, then Start it; Stop ends it.
// The fields may still be set directly before Start, which checks them
// again.
type Scheduler struct {
	Team    string // the Slack workspace
	Channel string // the office channel

	Reminders      proxenos.ReminderService
	Calls          proxenos.CallService
	Agreements     proxenos.AgreementService
	Correspondence proxenos.CorrespondenceService // for the digest; nil leaves correspondence out
	Partners       proxenos.PartnerService        // names the partners in reminders; nil leaves them out
	Poster         Poster
	// Finder looks in Slack before a retry whose earlier attempt may have
	// been posted; New takes it from the Poster when it is one. Without it
	// (the console) such a retry is sent again.
	Finder DeliveryFinder

	Offsets    Offsets
	Morning    TimeOfDay      // day reminders go out then
	DigestTime TimeOfDay      // the digest, Monday to Friday (see Workdays); the weekly summary on Mondays
	Location   *time.Location // the office zone; proxenos.OfficeZone by default
	Lang       i18n.Lang      // the language of channel messages
	// Workdays keeps to the Greek working week (on by default): day
	// reminders that fall on a Saturday, a Sunday or a public holiday go
	// out the working day before, and the digest skips public holidays,
	// the weekly summary going with the first digest of the week.
	Workdays bool

	Horizon       time.Duration // reminders later than this go to the digest instead
	Lookback      time.Duration // how far back missed reminders are looked for
	LeaseTTL      time.Duration // the sender lease; another replica takes over within it
	DeliveryLease time.Duration // a pending claim older than this is retried
	SendTimeout   time.Duration // one send's budget; shorter than DeliveryLease
	TickInterval  time.Duration
	LateAfter     time.Duration // a reminder sent this long after its time is marked late
	MaxBackoff    time.Duration // the longest wait between retries of a failing send
	VerifyFor     time.Duration // how long a retry waits for a readable history before sending unchecked

	// Active tells whether the workspace is still served; when it says
	// no (the app was removed, its tokens revoked) the scheduler plans,
	// sends and retries nothing for it. Nil: always.
	Active func(ctx context.Context, team string) bool

	Holder string          // this replica's name in claims and the lease
	Clock  clockwork.Clock // tests use a fake clock
	Logger *slog.Logger

	mu      sync.Mutex
	cron    gocron.Scheduler
	elector *Elector
	known   map[string]bool // delivery keys seen claimed, to skip re-asking the store
	// unfinished holds the outcomes of attempts that the store did not
	// take (see finish), by key: written again at each tick, and never
	// retried meanwhile, so that a reminder posted is not posted again.
	unfinished map[string]*proxenos.Delivery
}

// New returns a Scheduler for the workspace team, posting to the office
// channel, with the defaults changed by opts. It returns ErrNoChannel
// without a channel, and the error of the first setting out of bounds.
func New(team, channel string, reminders proxenos.ReminderService, calls proxenos.CallService,
	agreements proxenos.AgreementService, poster Poster, opts ...Option) (*Scheduler, error) {
	if channel == "" {
		return nil, ErrNoChannel
	}
	s := defaults()
	finder, _ := poster.(DeliveryFinder)
	s.Team, s.Channel = team, channel
	s.Reminders, s.Calls, s.Agreements, s.Poster, s.Finder = reminders, calls, agreements, poster, finder
	if err := s.apply(opts); err != nil {
		return nil, err
	}
	// Reminders younger than the horizon are sent late rather than
	// missed: they must be looked for.
	s.Lookback = max(s.Lookback, s.Horizon)
	return s, nil
}

// defaults returns a Scheduler with the default settings.
func defaults() *Scheduler {
	return &Scheduler{
		Offsets: DefaultOffsets(), Morning: DefaultMorning, DigestTime: DefaultDigestTime,
		Location: proxenos.OfficeZone(), Lang: i18n.Greek, Workdays: DefaultWorkdays,
		Horizon: DefaultHorizon, Lookback: DefaultLookback, LeaseTTL: DefaultLeaseTTL,
		DeliveryLease: DefaultDeliveryLease, SendTimeout: DefaultSendTimeout,
		TickInterval: DefaultTickInterval, LateAfter: DefaultLateAfter, MaxBackoff: DefaultMaxBackoff, VerifyFor: DefaultVerifyFor,
		Holder: defaultHolder(), Clock: clockwork.NewRealClock(), Logger: slog.Default(),
	}
}

// defaultHolder names this process: host, pid and a random suffix.
func defaultHolder() string {
	host, _ := os.Hostname()
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// planner returns the Planner of the current settings.
func (s *Scheduler) planner() *Planner {
	return &Planner{Offsets: s.Offsets, Morning: s.Morning, Location: s.Location, Workdays: s.Workdays}
}

// active reports whether the workspace is served (see Active), and logs
// a skipped round when it is not.
func (s *Scheduler) active(ctx context.Context, job string) bool {
	if s.Active == nil || s.Active(ctx, s.Team) {
		return true
	}
	s.Logger.Info("reminders skipped: workspace not served", "team", s.Team, "job", job)
	return false
}

// now returns the scheduler's time in the office zone.
func (s *Scheduler) now() time.Time { return s.Clock.Now().In(s.Location) }

// Start checks the settings again (the fields may have changed since New)
// and starts the gocron jobs: the lease every third of its TTL, the sender
// every TickInterval (and at once, to send what fell due while Proxenos
// was down), and the digest at DigestTime Monday to Friday (SendDigests
// skips public holidays). Every job runs only on the replica holding the
// lease.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.cron != nil:
		return ErrSchedulerStarted
	case s.Channel == "":
		return ErrNoChannel
	}
	if err := s.validate(); err != nil {
		return err
	}
	s.elector = s.newElector()
	jobs := []cronJob{
		s.leaseJob(),
		{gocron.DurationJob(s.TickInterval), "tick", s.Tick,
			[]gocron.JobOption{gocron.WithStartAt(gocron.WithStartImmediately())}},
		// The tick sends the digest too, if this trigger is missed.
		{gocron.WeeklyJob(1, gocron.NewWeekdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday),
			gocron.NewAtTimes(gocron.NewAtTime(uint(s.DigestTime.Hour), uint(s.DigestTime.Minute), 0))), "digest", s.SendDigests,
			[]gocron.JobOption{gocron.WithDaylightSavingsTimePolicy(gocron.DaylightSavingsTimeRunAfterTransition)}},
	}
	cron, err := s.startCron(ctx, s.elector, jobs)
	if err != nil {
		return err
	}
	s.cron = cron
	return nil
}

// Stop stops the jobs and waits for running ones to finish.
func (s *Scheduler) Stop() error {
	s.mu.Lock()
	cron := s.cron
	s.cron = nil
	s.mu.Unlock()
	if cron == nil {
		return nil
	}
	return cron.Shutdown()
}

// gocronLogger sends gocron's logs to slog.
type gocronLogger struct{ l *slog.Logger }

func (g gocronLogger) Debug(msg string, args ...any) { g.l.Debug("gocron: "+msg, args...) }
func (g gocronLogger) Error(msg string, args ...any) { g.l.Error("gocron: "+msg, args...) }
func (g gocronLogger) Info(msg string, args ...any)  { g.l.Info("gocron: "+msg, args...) }
func (g gocronLogger) Warn(msg string, args ...any)  { g.l.Warn("gocron: "+msg, args...) }
