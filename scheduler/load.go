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
	return s.loadItems(ctx, now, time.Time{})
}

// loadDue reads the items reminders in [from, to] can come from: as load,
// but only the open obligations that are overdue or due within the
// longest lead time after to, and the item of every snooze that ends in
// the window. Obligations due later cannot have a reminder in the window
// (MaxLeadDays bounds their lead times), so a tick costs what is due
// soon, not every open obligation.
func (s *Scheduler) loadDue(ctx context.Context, from, to time.Time) (Items, error) {
	lead := max(maxDays(s.Offsets.Obligation), proxenos.MaxLeadDays) + planMargin + 1
	items, err := s.loadItems(ctx, to, to.AddDate(0, 0, lead))
	if err != nil {
		return items, err
	}
	return items, s.loadSnoozed(ctx, &items, from, to)
}

// loadItems reads the active calls and agreements, the open obligations
// due before dueTo (all when it is zero) and the marks.
func (s *Scheduler) loadItems(ctx context.Context, now, dueTo time.Time) (Items, error) {
	var items Items
	for offset := 0; ; offset += proxenos.MaxListLimit {
		page, total, err := s.Calls.FindCalls(ctx, proxenos.CallFilter{Now: now, Status: proxenos.ActiveCallStatuses,
			Offset: offset, Limit: proxenos.MaxListLimit})
		if err != nil {
			return items, err
		}
		items.Calls = append(items.Calls, page...)
		if len(page) == 0 || offset+len(page) >= total {
			break
		}
	}
	obligations, err := s.openObligations(ctx, dueTo)
	if err != nil {
		return items, err
	}
	items.Obligations = obligations
	for offset := 0; ; offset += proxenos.MaxListLimit {
		page, total, err := s.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{Now: now,
			Status: []proxenos.AgreementStatus{proxenos.AgreementActive}, Offset: offset, Limit: proxenos.MaxListLimit})
		if err != nil {
			return items, err
		}
		items.Agreements = append(items.Agreements, page...)
		if len(page) == 0 || offset+len(page) >= total {
			break
		}
	}
	marks, err := s.Reminders.FindMarks(ctx)
	if err != nil {
		return items, err
	}
	items.Marks = proxenos.LatestMarks(marks)
	return items, nil
}

// openObligations reads the open obligations due before dueTo (all when
// it is zero), earliest first. It pages by due date rather than by offset alone: each page
// starts at the last due date read, skipping the obligations of that
// date already read, so that no page re-reads the ones before it.
func (s *Scheduler) openObligations(ctx context.Context, dueTo time.Time) ([]*proxenos.Obligation, error) {
	var out []*proxenos.Obligation
	var cursor time.Time
	skip := 0 // obligations read that are due exactly at cursor
	for {
		page, _, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{
			Status: []proxenos.ObligationStatus{proxenos.ObligationOpen}, DueFrom: cursor, DueTo: dueTo,
			Offset: skip, Limit: proxenos.MaxListLimit})
		if err != nil {
			return out, err
		}
		out = append(out, page...)
		if len(page) < proxenos.MaxListLimit {
			return out, nil
		}
		for _, o := range page {
			if o.Due.Equal(cursor) {
				skip++
			} else {
				cursor, skip = o.Due, 1
			}
		}
	}
}

// loadSnoozed adds the item of every snooze ending in [from, to] that
// load left out (an obligation due far ahead), since the snooze's own
// reminder falls in the window.
func (s *Scheduler) loadSnoozed(ctx context.Context, items *Items, from, to time.Time) error {
	loaded := map[string]bool{}
	for _, o := range items.Obligations {
		loaded[o.ID] = true
	}
	for key, m := range items.Marks {
		if m.Kind != proxenos.MarkSnoozed || m.Until.Before(from) || m.Until.After(to) {
			continue
		}
		kind, id, sub, occurrence, ok := proxenos.ParseItemKey(key)
		if !ok || kind != proxenos.ReminderObligation || loaded[id] {
			continue
		}
		more, err := s.reload(ctx, proxenos.Reminder{Kind: kind, ItemID: id, Sub: sub, Occurrence: occurrence})
		if err != nil {
			return err
		}
		for _, o := range more.Obligations {
			if o.Status == proxenos.ObligationOpen {
				items.Obligations = append(items.Obligations, o)
				loaded[o.ID] = true
			}
		}
	}
	return nil
}
