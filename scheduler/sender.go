package scheduler

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
)

// ctx returns ctx scoped to the scheduler's workspace and zone, unless a
// request (or the Fleet) already scoped it.
func (s *Scheduler) ctx(ctx context.Context) context.Context {
	if proxenos.TeamFromContext(ctx) != "" {
		return ctx
	}
	return proxenos.NewContextWithZone(proxenos.NewContextWithTeam(ctx, s.Team), s.Location)
}

// Tick does one round of the sender: it sends the reminders that fell due
// and were not claimed yet (late when they are LateAfter past; recorded
// as missed, for the digest, when past Horizon), retries failed and
// stale attempts, and sends the day's digest once its time has come.
func (s *Scheduler) Tick(ctx context.Context) error {
	ctx = s.ctx(ctx)
	if !s.active(ctx, "tick") {
		return nil
	}
	now := s.now()
	from := now.Add(-s.Lookback)
	items, err := s.loadDue(ctx, from, now)
	if err != nil {
		return err
	}
	due := s.planner().Plan(items, from, now)
	var errs []error
	if err := s.finishUnfinished(ctx); err != nil {
		errs = append(errs, err)
	}
	if err := s.sendDue(ctx, now, due); err != nil {
		errs = append(errs, err)
	}
	if err := s.retry(ctx, now); err != nil {
		errs = append(errs, err)
	}
	if err := s.sendDigests(ctx, now); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// target is one delivery of a reminder: where it goes and its key.
type target struct {
	r     proxenos.Reminder
	dest  string
	key   string
	where string    // channel or user id
	since time.Time // the claim of the first earlier attempt Slack may have accepted; zero when none
}

// targets returns the deliveries of r: the office channel, and the
// owner's DM when the reminder has an owner.
func (s *Scheduler) targets(r proxenos.Reminder) []target {
	out := []target{{r: r, dest: proxenos.DestinationChannel, key: r.DeliveryKey(proxenos.DestinationChannel), where: s.Channel}}
	if r.Owner != "" {
		out = append(out, target{r: r, dest: proxenos.DestinationOwner, key: r.DeliveryKey(proxenos.DestinationOwner), where: r.Owner})
	}
	return out
}

// sendDue claims and sends the deliveries of due that nobody claimed.
func (s *Scheduler) sendDue(ctx context.Context, now time.Time, due []proxenos.Reminder) error {
	var todo []target
	var keys []string
	s.mu.Lock()
	if s.known == nil {
		s.known = map[string]bool{}
	}
	for _, r := range due {
		for _, t := range s.targets(r) {
			if !s.known[t.key] {
				todo = append(todo, t)
				keys = append(keys, t.key)
			}
		}
	}
	s.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	// One query tells which were claimed already (by us before a restart,
	// or by another replica); the claim below still decides races.
	claimed, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: keys})
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, d := range claimed {
		taken[d.Key] = true
	}
	var errs []error
	for _, t := range todo {
		if taken[t.key] {
			s.remember(t.key)
			continue
		}
		if err := s.attempt(ctx, now, t, 1); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// remember notes that key is claimed, so later ticks skip it.
func (s *Scheduler) remember(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.known == nil {
		s.known = map[string]bool{}
	}
	s.known[key] = true
}

// attempt claims attempt n of t, then sends it, or records it as missed
// when it fell due longer than the horizon ago. A reminder moved back to
// a working day counts from when it fell due before the move: the move
// makes it earlier, never missed.
func (s *Scheduler) attempt(ctx context.Context, now time.Time, t target, n int) error {
	d := &proxenos.Delivery{Key: t.key, Attempt: n, Reminder: t.r, Destination: t.dest, State: proxenos.DeliveryPending,
		Holder: s.Holder, ClaimedAt: now, LeaseUntil: now.Add(s.DeliveryLease)}
	missed := now.Sub(fellDue(t.r)) > s.Horizon
	if missed {
		d.State = proxenos.DeliveryMissed
	}
	d.Reminder.Late = now.Sub(t.r.At) > s.LateAfter
	// Claim before sending: from here on this attempt is ours alone, and
	// if we die before FinishDelivery it goes stale and is retried.
	err := s.Reminders.ClaimDelivery(ctx, d)
	if proxenos.ErrorCode(err) == proxenos.ECONFLICT {
		s.remember(t.key)
		return nil // another sender has it
	} else if err != nil {
		return err
	}
	s.remember(t.key)
	if missed {
		s.Logger.Info("reminder missed; it goes to the digest", "key", t.key, "due", t.r.At)
		return nil
	}
	return s.send(ctx, d, t)
}

// send posts a claimed attempt, unless Slack has the message of an
// earlier one, and records the outcome.
func (s *Scheduler) send(ctx context.Context, d *proxenos.Delivery, t target) error {
	if !t.since.IsZero() && s.Finder != nil {
		if done, err := s.lookInSlack(ctx, d, t); done || err != nil {
			return err
		}
	}
	resp, fresh, err := s.message(ctx, d)
	if err != nil {
		return err
	}
	if !fresh {
		d.State = proxenos.DeliveryCancelled
		return s.finish(ctx, d)
	}
	// The key in the message's metadata lets a retry find it, should we
	// die between Slack's acceptance and finish's write of "sent".
	resp.DeliveryKey = d.Key
	// SendTimeout < DeliveryLease: a send cannot outlive its claim, so
	// nobody retries an attempt that is still being sent.
	sendCtx, cancel := context.WithTimeout(ctx, s.SendTimeout)
	ts, err := s.Poster.Post(sendCtx, t.where, resp)
	cancel()
	now := s.now()
	switch {
	case err == nil:
		d.State, d.SentAt, d.Channel, d.TS = proxenos.DeliverySent, now, t.where, ts
	case unknownOutcome(err):
		// Slack may have the message: the attempt stays pending, and is
		// retried when its lease runs out, after a look in Slack.
		d.Error = err.Error()
		s.Logger.Warn("reminder post unanswered; Slack will be checked before it is retried", "key", d.Key,
			"attempt", d.Attempt, "retry_at", d.LeaseUntil, "error", err)
	default:
		wait := s.backoff(d.Attempt, err)
		d.State, d.NextAttempt, d.Error = proxenos.DeliveryFailed, now.Add(wait), err.Error()
		s.Logger.Warn("reminder not sent; retrying later", "key", d.Key, "attempt", d.Attempt, "retry_in", wait, "error", err)
	}
	return s.finish(ctx, d)
}

// historyMargin widens the look in Slack's history for a clock of ours
// behind Slack's.
const historyMargin = 2 * time.Minute

// lookInSlack looks in the history of d's destination for the message of
// an earlier attempt whose outcome is unknown. Found, d is recorded as
// sent and not posted again. When the history cannot be read (a missing
// scope, Slack down), d is put off like a failed send until VerifyFor
// has passed since that attempt, then sent unchecked: a reminder late by
// VerifyFor is better than none, and a doubled one needs a crash in a
// window of milliseconds as well. done reports that d was recorded.
func (s *Scheduler) lookInSlack(ctx context.Context, d *proxenos.Delivery, t target) (done bool, err error) {
	findCtx, cancel := context.WithTimeout(ctx, s.SendTimeout)
	ts, err := s.Finder.FindDelivery(findCtx, t.where, d.Key, t.since.Add(-historyMargin))
	cancel()
	now := s.now()
	switch {
	case err == nil && ts != "":
		s.Logger.Info("reminder found in Slack; recorded as sent, not posted again", "key", d.Key, "ts", ts)
		d.State, d.SentAt, d.Channel, d.TS = proxenos.DeliverySent, now, t.where, ts
		return true, s.finish(ctx, d)
	case err == nil:
		return false, nil
	}
	hint := ""
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && se.Err == "missing_scope" {
		hint = "add channels:history, groups:history, im:history and mpim:history to the Slack app and reinstall it"
	}
	if now.Sub(t.since) >= s.VerifyFor {
		s.Logger.Error("Slack history unreadable; sending the reminder unchecked, it may be doubled", "key", d.Key,
			"since", t.since, "error", err, "hint", hint)
		return false, nil
	}
	wait := s.backoff(d.Attempt, err)
	d.State, d.NextAttempt, d.Error = proxenos.DeliveryFailed, now.Add(wait), "history: "+err.Error()
	s.Logger.Warn("Slack history unreadable; the reminder waits, lest it be doubled", "key", d.Key, "retry_in", wait,
		"send_unchecked_at", t.since.Add(s.VerifyFor), "error", err, "hint", hint)
	return true, s.finish(ctx, d)
}

// unknownOutcome reports whether Slack may have accepted a post that
// failed with err: no answer came (a timeout, a broken connection), or
// one saying that something broke on the way. A refusal or a rate limit
// means that nothing was posted.
func unknownOutcome(err error) bool {
	var rl *slack.RateLimitedError
	var se slack.SlackErrorResponse
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &rl):
		return false
	case errors.As(err, &sc):
		return sc.Code != http.StatusTooManyRequests
	case errors.As(err, &se):
		return se.Err == "fatal_error" || se.Err == "internal_error" || se.Err == "request_timeout"
	}
	return true
}

// backoff returns the wait before attempt n+1: what Slack's Retry-After
// asked if it did, else one minute doubled per attempt, at most MaxBackoff.
func (s *Scheduler) backoff(n int, err error) time.Duration {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) && rl.RetryAfter > 0 {
		return rl.RetryAfter
	}
	wait := time.Minute << min(n-1, 16)
	return min(wait, s.MaxBackoff)
}

// message reloads the item of d, re-checks that the reminder is still
// due as planned (not changed, deleted, done or snoozed), and renders it.
// fresh is false when it is not.
func (s *Scheduler) message(ctx context.Context, d *proxenos.Delivery) (*chat.Response, bool, error) {
	now := s.now()
	switch d.Reminder.Kind {
	case proxenos.ReminderDigest, proxenos.ReminderWeeklySummary:
		resp, err := s.digestMessage(ctx, d.Reminder, now)
		return resp, err == nil, err
	}
	items, err := s.reload(ctx, d.Reminder)
	if err != nil {
		return nil, false, err
	}
	// Re-plan the one item at the reminder's own time: a changed deadline
	// gives other keys, a deleted item or a done mark none.
	planned := s.planner().Plan(items, d.Reminder.At, d.Reminder.At)
	if !slices.ContainsFunc(planned, func(r proxenos.Reminder) bool { return r.Key() == d.Reminder.Key() }) {
		s.Logger.Info("reminder no longer due; not sent", "key", d.Key)
		return nil, false, nil
	}
	r := d.Reminder
	s.describe(ctx, &r)
	return reminder.Message(s.Lang, &r, now, s.Location, ""), true, nil
}

// reload reads the one item a reminder is about, with its marks. A
// deleted item gives no items.
func (s *Scheduler) reload(ctx context.Context, r proxenos.Reminder) (Items, error) {
	var items Items
	marks, err := s.Reminders.FindMarks(ctx, r.ItemKey())
	if err != nil {
		return items, err
	}
	items.Marks = proxenos.LatestMarks(marks)
	switch r.Kind {
	case proxenos.ReminderCallDeadline, proxenos.ReminderCallMilestone:
		c, err := s.Calls.FindCallByID(ctx, r.ItemID)
		if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
			return items, nil
		} else if err != nil {
			return items, err
		}
		items.Calls = []*proxenos.Call{c}
	case proxenos.ReminderObligation:
		obs, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: r.Sub, Limit: proxenos.MaxListLimit})
		if err != nil {
			return items, err
		}
		for _, o := range obs {
			if o.ID == r.ItemID {
				items.Obligations = []*proxenos.Obligation{o}
			}
		}
	case proxenos.ReminderAgreementEnd, proxenos.ReminderAgreementNotice:
		a, err := s.Agreements.FindAgreementByID(ctx, r.ItemID)
		if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
			return items, nil
		} else if err != nil {
			return items, err
		}
		items.Agreements = []*proxenos.Agreement{a}
	}
	return items, nil
}

// retry claims the next attempt of every failed attempt that is due and
// every pending one whose lease ran out, and sends it; one older than the
// horizon is recorded as missed instead. One whose earlier attempt Slack
// may have accepted is looked for in Slack first.
func (s *Scheduler) retry(ctx context.Context, now time.Time) error {
	open, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{
		States: []proxenos.DeliveryState{proxenos.DeliveryPending, proxenos.DeliveryFailed}, Since: now.Add(-s.Lookback)})
	if err != nil || len(open) == 0 {
		return err
	}
	keys := make([]string, 0, len(open))
	for _, d := range open {
		keys = append(keys, d.Key)
	}
	// The latest attempt of each key decides; earlier ones were retried.
	all, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: slices.Compact(keys)})
	if err != nil {
		return err
	}
	latest := map[string]*proxenos.Delivery{}
	// A pending attempt older than the latest, or the latest when it is
	// stale, has an unknown outcome: Slack may have its message.
	unknown := map[string]time.Time{}
	for _, d := range all {
		if l, ok := latest[d.Key]; !ok || d.Attempt > l.Attempt {
			latest[d.Key] = d
		}
		if u, ok := unknown[d.Key]; d.State == proxenos.DeliveryPending && (!ok || d.ClaimedAt.Before(u)) {
			unknown[d.Key] = d.ClaimedAt
		}
	}
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(latest)) {
		d := latest[key]
		if !d.Retryable(now) || s.isUnfinished(key) {
			continue
		}
		where := s.Channel
		if d.Destination == proxenos.DestinationOwner {
			where = d.Reminder.Owner
		}
		// The reminder is re-checked against the store when it is sent.
		r := d.Reminder
		t := target{r: r, dest: d.Destination, key: d.Key, where: where, since: unknown[key]}
		if err := s.attempt(ctx, now, t, d.Attempt+1); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
