package scheduler

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/workday"
)

// TimeOfDay is a wall-clock time in the office zone, such as 08:30.
type TimeOfDay struct {
	Hour, Minute int
}

// String writes t as "08:30".
func (t TimeOfDay) String() string {
	return strconv.Itoa(t.Hour/10) + strconv.Itoa(t.Hour%10) + ":" + strconv.Itoa(t.Minute/10) + strconv.Itoa(t.Minute%10)
}

// Offsets say how many calendar days before an occurrence reminders go
// out; 0 is the morning of the day itself.
type Offsets struct {
	Call       []int // before each call deadline; default 30, 14, 7, 3, 1, 0
	Milestone  []int // before each internal milestone; default 7, 1, 0
	Obligation []int // before each due date, unless the obligation has LeadDays; default 14, 3, 0
	Agreement  []int // before an agreement's end and its last day to give notice; default 90, 30
	// OverdueEvery is the days between reminders of an overdue
	// obligation; default 7 (weekly).
	OverdueEvery int
}

// DefaultOffsets are the offsets of the issue: calls 30, 14, 7, 3, 1 days
// and the morning of the day; obligations 14, 3, 0 days then weekly while
// overdue; agreements 90 and 30 days.
func DefaultOffsets() Offsets {
	return Offsets{
		Call:         []int{30, 14, 7, 3, 1, 0},
		Milestone:    []int{7, 1, 0},
		Obligation:   []int{14, 3, 0},
		Agreement:    []int{90, 30},
		OverdueEvery: 7,
	}
}

// Items are the records reminders are planned from, with the marks left
// by reminder buttons (latest per item occurrence, see proxenos.LatestMarks).
type Items struct {
	Calls       []*proxenos.Call
	Obligations []*proxenos.Obligation
	Agreements  []*proxenos.Agreement
	Marks       map[string]*proxenos.ReminderMark
}

// Planner computes which reminders fall due, as a pure function of the
// items and a time window: no store, no clock.
type Planner struct {
	Offsets  Offsets
	Morning  TimeOfDay      // when day reminders go out; default 09:00
	Location *time.Location // the office zone
	// Workdays moves a day reminder that falls on a Saturday, a Sunday or
	// a Greek public holiday back to the working day before (see
	// workday.Before), keeping its key: it is the same reminder, sent
	// earlier. A snooze's reminder keeps the time the user chose.
	Workdays bool

	// moved remembers, during one Plan, toWorkday's answers by the
	// reminder's time: a plan asks about the same few mornings for
	// thousands of items.
	moved map[time.Time]time.Time
}

// maxDaysOff is the longest run of days off in Greece, 1900–2099: the
// furthest Workdays moves a reminder back (from Good Friday to 1 May when
// Easter Monday is 30 April, as in 2035).
const maxDaysOff = 5

// Plan returns the reminders that fall due in [from, to], earliest first
// (ties by key). A done mark silences an occurrence; a snooze mark
// silences it until its time and then gives one reminder of its own.
// Calls other than watching or preparing, obligations that are not open
// and agreements that are not active have none.
//
// A reminder moved back to a working day is in the window when it is
// due by to and fell due, before the move, from from on: one moved into
// the past of a tick (a call entered on Saturday with a deadline on
// Monday) is sent then, not lost. Reminders of one occurrence moved onto
// the same morning are one message: the one that fell due last.
func (p *Planner) Plan(items Items, from, to time.Time) []proxenos.Reminder {
	// The memo is this call's own: p stays safe to share.
	own := *p
	own.moved = map[time.Time]time.Time{}
	p = &own
	var out []proxenos.Reminder
	add := func(r proxenos.Reminder) {
		if fellDue(r).Before(from) || r.At.After(to) {
			return
		}
		out = append(out, r)
	}
	for _, c := range items.Calls {
		p.planCall(c, from, to, items.Marks, add)
	}
	for _, o := range items.Obligations {
		p.planObligation(o, from, to, items.Marks, add)
	}
	for _, a := range items.Agreements {
		p.planAgreement(a, from, to, items.Marks, add)
	}
	// Sort by time, then key; keys are built once, not per comparison.
	keyed := make([]keyedReminder, len(out))
	for i := range out {
		keyed[i] = keyedReminder{out[i], out[i].Key()}
	}
	slices.SortFunc(keyed, func(a, b keyedReminder) int {
		if c := a.r.At.Compare(b.r.At); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	out = out[:0]
	for i, k := range keyed {
		// Sorted by time and key, the reminders of one occurrence at one
		// time are neighbours: the key starts with the item key.
		if i > 0 && k.r.At.Equal(keyed[i-1].r.At) && itemOf(k.key) == itemOf(keyed[i-1].key) {
			if fellDue(k.r).After(fellDue(out[len(out)-1])) {
				out[len(out)-1] = k.r
			}
			continue
		}
		out = append(out, k.r)
	}
	return out
}

// itemOf returns the item key a reminder key starts with.
func itemOf(key string) string {
	return key[:strings.LastIndex(key, "/")]
}

// fellDue returns when r fell due before it was moved to a working day:
// its time, unless it was moved.
func fellDue(r proxenos.Reminder) time.Time {
	if r.MovedFrom.IsZero() {
		return r.At
	}
	return r.MovedFrom
}

// keyedReminder is a reminder with its key, for sorting.
type keyedReminder struct {
	r   proxenos.Reminder
	key string
}

// maxDays returns the largest offset of days, 0 for none.
func maxDays(days []int) int {
	m := 0
	for _, d := range days {
		m = max(m, d)
	}
	return m
}

// occurrence plans the reminders of one occurrence of an item: one per
// offset, at the morning time days before the occurrence's day (moved
// to a working day), and the snooze reminder a mark asks for. Offsets
// whose time is not before until (the deadline itself, when reminding
// after it is pointless) are skipped when until is set; a reminder the
// deadline leaves out on a day off is not brought back by the move.
func (p *Planner) occurrence(base proxenos.Reminder, days []int, until time.Time, from, to time.Time,
	marks map[string]*proxenos.ReminderMark, add func(proxenos.Reminder)) {
	// Quick reject: every reminder of this occurrence lies within
	// [day - maxDays - 1 - maxDaysOff, day + 1], and fell due within
	// [day - maxDays - 1, day + 1], unless it is snoozed past that.
	var mark *proxenos.ReminderMark
	if len(marks) > 0 {
		mark = marks[base.ItemKey()]
	}
	if mark == nil && (base.Occurrence.Before(from.AddDate(0, 0, -2)) || base.Occurrence.After(to.AddDate(0, 0, maxDays(days)+2+maxDaysOff))) {
		return
	}
	if mark != nil && mark.Kind == proxenos.MarkDone {
		return
	}
	for _, d := range days {
		r := base
		r.Offset = proxenos.DayOffset(d)
		r.At = p.dayAt(base.Occurrence, -d)
		if !until.IsZero() && !r.At.Before(until) {
			continue
		}
		p.toWorkday(&r)
		if mark != nil && r.At.Before(mark.Until) {
			continue
		}
		add(r)
	}
	if mark != nil && mark.Kind == proxenos.MarkSnoozed {
		r := base
		r.Offset = "snooze" + strconv.FormatInt(mark.Until.UnixMilli(), 10)
		r.At = mark.Until
		add(r)
	}
}

// planCall plans a call's deadlines and open milestones.
func (p *Planner) planCall(c *proxenos.Call, from, to time.Time, marks map[string]*proxenos.ReminderMark, add func(proxenos.Reminder)) {
	if !slices.Contains(proxenos.ActiveCallStatuses, c.Status) {
		return
	}
	for _, d := range c.Deadlines {
		title := c.Title
		if d.Label != "" {
			title += " (" + d.Label + ")"
		}
		base := proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: c.ID, Occurrence: d.At, Title: title, Owner: c.Owner}
		p.occurrence(base, p.Offsets.Call, d.At, from, to, marks, add)
	}
	for i, m := range c.Milestones {
		if m.Done {
			continue
		}
		due := c.MilestoneDue(m, to)
		if due.IsZero() {
			continue
		}
		base := proxenos.Reminder{Kind: proxenos.ReminderCallMilestone, ItemID: c.ID, Sub: strconv.Itoa(i), Occurrence: due,
			Title: m.Text + " — " + c.Title, Owner: c.Owner}
		p.occurrence(base, p.Offsets.Milestone, time.Time{}, from, to, marks, add)
	}
}

// planObligation plans an open obligation: before its due date, then
// every OverdueEvery days while it stays open.
func (p *Planner) planObligation(o *proxenos.Obligation, from, to time.Time, marks map[string]*proxenos.ReminderMark, add func(proxenos.Reminder)) {
	if o.Status != proxenos.ObligationOpen || o.Due.IsZero() {
		return
	}
	days := o.LeadDays
	if len(days) == 0 {
		days = p.Offsets.Obligation
	}
	base := proxenos.Reminder{Kind: proxenos.ReminderObligation, ItemID: o.ID, Sub: o.AgreementID, Occurrence: o.Due, Title: o.Text, Owner: o.Owner}
	p.occurrence(base, days, time.Time{}, from, to, marks, add)
	every := p.Offsets.OverdueEvery
	var mark *proxenos.ReminderMark
	if len(marks) > 0 {
		mark = marks[base.ItemKey()]
	}
	if every <= 0 || (mark != nil && mark.Kind == proxenos.MarkDone) {
		return
	}
	// The k-th overdue reminder is k*every days after the due day; start
	// at the first that can fall in the window.
	k := max(1, (proxenos.DaysBetween(o.Due, from, p.Location)-1)/every)
	for ; ; k++ {
		r := base
		r.Offset = "overdue" + strconv.Itoa(k)
		r.At = p.dayAt(o.Due, k*every)
		p.toWorkday(&r)
		if r.At.After(to) {
			return
		}
		if mark != nil && r.At.Before(mark.Until) {
			continue
		}
		add(r)
	}
}

// planAgreement plans an active agreement's end and notice deadline.
func (p *Planner) planAgreement(a *proxenos.Agreement, from, to time.Time, marks map[string]*proxenos.ReminderMark, add func(proxenos.Reminder)) {
	if a.Status != proxenos.AgreementActive || a.End.IsZero() {
		return
	}
	p.occurrence(proxenos.Reminder{Kind: proxenos.ReminderAgreementEnd, ItemID: a.ID, Occurrence: a.End, Title: a.Title},
		p.Offsets.Agreement, time.Time{}, from, to, marks, add)
	if notice, ok := a.NoticeDeadline(p.Location); ok {
		p.occurrence(proxenos.Reminder{Kind: proxenos.ReminderAgreementNotice, ItemID: a.ID, Occurrence: notice, Title: a.Title},
			p.Offsets.Agreement, time.Time{}, from, to, marks, add)
	}
}

// toWorkday moves the day reminder r back to the morning of the working
// day before when it falls on a day off and p keeps to working days.
func (p *Planner) toWorkday(r *proxenos.Reminder) {
	if !p.Workdays {
		return
	}
	at, ok := p.moved[r.At]
	if !ok {
		at = r.At
		if !workday.IsWorkday(r.At) {
			y, m, d := workday.Before(r.At).Date()
			at = WallClock(y, m, d, p.Morning, p.Location)
		}
		if p.moved != nil {
			p.moved[r.At] = at
		}
	}
	if !at.Equal(r.At) {
		r.MovedFrom, r.At = r.At, at
	}
}

// dayAt returns the morning time on the calendar day days after t's day
// in the office zone.
func (p *Planner) dayAt(t time.Time, days int) time.Time {
	y, m, d := t.In(p.Location).Date()
	return WallClock(y, m, d+days, p.Morning, p.Location)
}

// WallClock returns the instant of a wall-clock time on a day in loc,
// resolving summer-time changes explicitly rather than as time.Date
// happens to: a time in the spring-forward gap (03:00–04:00 in Athens on
// the last Sunday of March) becomes the instant the gap ends (04:00
// summer time), and a time in the repeated hour of the autumn change
// becomes its first occurrence (summer time), so that it is never sent
// twice or an hour late.
func WallClock(year int, month time.Month, day int, at TimeOfDay, loc *time.Location) time.Time {
	t := time.Date(year, month, day, at.Hour, at.Minute, 0, 0, loc)
	if t.Hour() != at.Hour || t.Minute() != at.Minute {
		// In a gap: time.Date moved it past the gap by the gap's length.
		start, _ := t.ZoneBounds()
		return start
	}
	for _, back := range []time.Duration{time.Hour, 30 * time.Minute} {
		if e := t.Add(-back); e.Hour() == at.Hour && e.Minute() == at.Minute {
			return e // the earlier of two instants with this wall clock
		}
	}
	return t
}
