package scheduler

import (
	"cmp"
	"context"
	"time"

	"github.com/proxenos/proxenos"
)

// finishTries bounds the writes of one outcome within one finish; the
// wait between them starts at finishWait and doubles.
const (
	finishTries = 3
	finishWait  = 100 * time.Millisecond
)

// finish records d's outcome, even when ctx has just ended. A write that
// failed may have committed all the same (a failover loses its reply), so
// the attempt is read again, and the write tried again while the store
// does not hold the outcome: the write is the holder's and can be
// repeated. An outcome the store still does not take is kept in memory,
// written again at each tick, and its reminder not retried meanwhile:
// posting it again after the lease would double it. Only a restart loses
// it, and then the retry looks in Slack first (see lookInSlack).
func (s *Scheduler) finish(ctx context.Context, d *proxenos.Delivery) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var err error
	wait := finishWait
	for try := 1; ; try++ {
		if err = s.finishOnce(ctx, d); err == nil || proxenos.ErrorCode(err) == proxenos.ENOTFOUND || try == finishTries {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait): // real time: tests stop the scheduler's clock
		}
		wait *= 2
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil || proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		delete(s.unfinished, d.Key)
		return err
	}
	if s.unfinished == nil {
		s.unfinished = map[string]*proxenos.Delivery{}
	}
	kept := *d
	s.unfinished[d.Key] = &kept
	s.Logger.Warn("reminder outcome not stored; it is written again at the next tick and the reminder not sent again",
		"key", d.Key, "attempt", d.Attempt, "state", d.State, "error", err)
	return err
}

// finishOnce writes d's outcome once; when the write fails, it reads the
// attempt again, and a stored outcome equal to d's means the write went
// through.
func (s *Scheduler) finishOnce(ctx context.Context, d *proxenos.Delivery) error {
	err := s.Reminders.FinishDelivery(ctx, d)
	if err == nil || proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		return err
	}
	stored, rerr := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}})
	if rerr != nil {
		return err
	}
	for _, got := range stored {
		if got.Attempt == d.Attempt && got.Holder == d.Holder && got.State == d.State && got.TS == d.TS {
			return nil
		}
	}
	return err
}

// finishUnfinished writes again the outcomes the store did not take.
func (s *Scheduler) finishUnfinished(ctx context.Context) error {
	s.mu.Lock()
	var todo []*proxenos.Delivery
	for _, d := range s.unfinished {
		todo = append(todo, d)
	}
	s.mu.Unlock()
	var err error
	for _, d := range todo {
		err = cmp.Or(err, s.finish(ctx, d))
	}
	return err
}

// isUnfinished reports whether the outcome of key's latest attempt waits
// to be written.
func (s *Scheduler) isUnfinished(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unfinished[key] != nil
}
