package scheduler

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
)

// planMargin is how far beyond a window the planner looks for an
// occurrence whose reminders may fall in it (see Planner.occurrence).
const planMargin = 2

// load reads every item reminders are planned from, as of now: active
// calls and agreements, open obligations, and the marks. Digests and
// lists use it.
func (s *Scheduler) load(ctx context.Context, now time.Time) (Items, error) {
	items, err := s.loadItems(ctx, proxenos.AgreementFilter{Now: now})
	if err != nil {
		return items, err
	}
	items.Obligations, err = s.openObligations(ctx, proxenos.ObligationFilter{})
	return items, err
}

// loadDue reads the items reminders in [from, to] can come from, so that
// a tick costs what is due soon, not every open item: active calls;
// active agreements whose end or notice deadline is near the window;
// open obligations that are overdue or due within the default lead time,
// and those due later, up to MaxLeadDays, whose own lead times are
// longer; and the item of every snooze that ends in the window.
func (s *Scheduler) loadDue(ctx context.Context, from, to time.Time) (Items, error) {
	// A reminder moved back to a working day goes out up to maxDaysOff
	// days before it fell due: look that much further ahead.
	ahead := to.AddDate(0, 0, maxDaysOff)
	// An agreement's reminders come at most the longest offset before
	// its end or its notice deadline (see Planner.occurrence), so one
	// whose dates both lie outside the window so widened has none in it.
	ending := proxenos.AgreementFilter{DatesFrom: from.AddDate(0, 0, -planMargin-1),
		DatesTo: ahead.AddDate(0, 0, maxDays(s.Offsets.Agreement)+planMargin+1)}
	items, err := s.loadItems(ctx, ending)
	if err != nil {
		return items, err
	}
	// An obligation's reminders come at most its longest lead time (the
	// default offsets when it has none) before its due day.
	lead := maxDays(s.Offsets.Obligation)
	near := ahead.AddDate(0, 0, lead+planMargin+1)
	if items.Obligations, err = s.openObligations(ctx, proxenos.ObligationFilter{DueTo: near}); err != nil {
		return items, err
	}
	far, err := s.openObligations(ctx, proxenos.ObligationFilter{DueFrom: near,
		DueTo: ahead.AddDate(0, 0, max(lead, proxenos.MaxLeadDays)+planMargin+1), LeadDaysOver: lead})
	if err != nil {
		return items, err
	}
	items.Obligations = append(items.Obligations, far...)
	return items, s.loadSnoozed(ctx, &items, from, to)
}

// loadItems reads the active calls, the active agreements that match
// the filter agreements, and the marks.
func (s *Scheduler) loadItems(ctx context.Context, agreements proxenos.AgreementFilter) (Items, error) {
	var items Items
	// Every active call and agreement, in one read each: the planner and
	// the digest order what they show themselves, and paging in list
	// order would sort every match again for each page.
	var err error
	items.Calls, _, err = s.Calls.FindCalls(ctx, proxenos.CallFilter{Status: proxenos.ActiveCallStatuses, All: true})
	if err != nil {
		return items, err
	}
	agreements.Status, agreements.All = []proxenos.AgreementStatus{proxenos.AgreementActive}, true
	if items.Agreements, _, err = s.Agreements.FindAgreements(ctx, agreements); err != nil {
		return items, err
	}
	marks, err := s.Reminders.FindMarks(ctx)
	if err != nil {
		return items, err
	}
	items.Marks = proxenos.LatestMarks(marks)
	return items, nil
}

// openObligations reads the open obligations f selects, all at once and
// in no set order.
func (s *Scheduler) openObligations(ctx context.Context, f proxenos.ObligationFilter) ([]*proxenos.Obligation, error) {
	f.Status, f.All = []proxenos.ObligationStatus{proxenos.ObligationOpen}, true
	out, _, err := s.Agreements.FindObligations(ctx, f)
	return out, err
}

// loadSnoozed adds the item of every snooze ending in [from, to] that
// loadDue left out (an obligation due far ahead, an agreement that has
// ended), since the snooze's own reminder falls in the window. The
// planner ignores the item if it is no longer open or active.
func (s *Scheduler) loadSnoozed(ctx context.Context, items *Items, from, to time.Time) error {
	loaded := map[string]bool{}
	for _, o := range items.Obligations {
		loaded[o.ID] = true
	}
	for _, a := range items.Agreements {
		loaded[a.ID] = true
	}
	for key, m := range items.Marks {
		if m.Kind != proxenos.MarkSnoozed || m.Until.Before(from) || m.Until.After(to) {
			continue
		}
		kind, id, sub, occurrence, ok := proxenos.ParseItemKey(key)
		if !ok || loaded[id] || (kind != proxenos.ReminderObligation && kind != proxenos.ReminderAgreementEnd &&
			kind != proxenos.ReminderAgreementNotice) {
			continue
		}
		more, err := s.reload(ctx, proxenos.Reminder{Kind: kind, ItemID: id, Sub: sub, Occurrence: occurrence})
		if err != nil {
			return err
		}
		for _, o := range more.Obligations {
			items.Obligations, loaded[o.ID] = append(items.Obligations, o), true
		}
		for _, a := range more.Agreements {
			items.Agreements, loaded[a.ID] = append(items.Agreements, a), true
		}
	}
	return nil
}
