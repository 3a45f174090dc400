package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// cronJob is one gocron job of a Scheduler or a Fleet.
type cronJob struct {
	def  gocron.JobDefinition
	name string
	fn   func(context.Context) error
	opts []gocron.JobOption
}

// newElector returns the sender lease of s's settings.
func (s *Scheduler) newElector() *Elector {
	return &Elector{Reminders: s.Reminders, Name: leaseName, Holder: s.Holder, TTL: s.LeaseTTL,
		Now: s.Clock.Now, Logger: s.Logger}
}

// leaseJob renews (or takes) the lease every third of its TTL. Its body
// is empty: running it means the elector said yes.
func (s *Scheduler) leaseJob() cronJob {
	return cronJob{gocron.DurationJob(max(s.LeaseTTL/3, time.Second)), "lease", func(context.Context) error { return nil },
		[]gocron.JobOption{gocron.WithStartAt(gocron.WithStartImmediately())}}
}

// startCron starts jobs on s's clock, zone and logger, each run only
// while elector says this replica leads, one run at a time; a job's
// error or panic is logged.
func (s *Scheduler) startCron(ctx context.Context, elector gocron.Elector, jobs []cronJob) (gocron.Scheduler, error) {
	cron, err := gocron.NewScheduler(
		gocron.WithClock(s.Clock),
		gocron.WithLocation(s.Location),
		gocron.WithDistributedElector(elector),
		gocron.WithLogger(gocronLogger{s.Logger}),
	)
	if err != nil {
		return nil, err
	}
	single := gocron.WithSingletonMode(gocron.LimitModeReschedule)
	for _, j := range jobs {
		opts := append([]gocron.JobOption{gocron.WithName(j.name), single, gocron.WithContext(ctx)}, j.opts...)
		if _, err := cron.NewJob(j.def, gocron.NewTask(s.runJob(ctx, j)), opts...); err != nil {
			_ = cron.Shutdown()
			return nil, fmt.Errorf("scheduler: job %s: %w", j.name, err)
		}
	}
	cron.Start()
	return cron, nil
}

// runJob returns the task of j: it logs j's error, unless ctx ended, and
// a panic.
func (s *Scheduler) runJob(ctx context.Context, j cronJob) func() {
	return func() {
		defer func() {
			if r := recover(); r != nil {
				s.Logger.Error("reminder job panicked", "job", j.name, "panic", fmt.Sprint(r))
			}
		}()
		if err := j.fn(ctx); err != nil && ctx.Err() == nil {
			s.Logger.Error("reminder job failed", "job", j.name, "error", err)
		}
	}
}
