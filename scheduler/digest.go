package scheduler

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/workday"
)

// maxDigestLines bounds each section of a digest; the rest is counted.
const maxDigestLines = 15

// SendDigests sends today's digest (on working days, from DigestTime)
// and, with the first digest of the week, the weekly summary, unless
// already sent. The gocron digest job calls it at DigestTime; every tick
// calls it too, so that a restart after DigestTime still sends the day's
// digest, once.
func (s *Scheduler) SendDigests(ctx context.Context) error {
	ctx = s.ctx(ctx)
	if !s.active(ctx, "digest") {
		return nil
	}
	return s.sendDigests(ctx, s.now())
}

// sendDigests claims and sends the digests due at now.
func (s *Scheduler) sendDigests(ctx context.Context, now time.Time) error {
	if !s.digestDay(now) {
		return nil
	}
	y, m, d := now.Date()
	at := WallClock(y, m, d, s.DigestTime, s.Location)
	if now.Before(at) {
		return nil
	}
	day := now.Format(time.DateOnly)
	kinds := []proxenos.ReminderKind{proxenos.ReminderDigest}
	if s.firstDigestDay(now) {
		kinds = append(kinds, proxenos.ReminderWeeklySummary)
	}
	for _, kind := range kinds {
		r := proxenos.Reminder{Kind: kind, ItemID: day, Offset: "0d", At: at}
		key := r.DeliveryKey(proxenos.DestinationChannel)
		s.mu.Lock()
		known := s.known[key]
		s.mu.Unlock()
		if known {
			continue
		}
		if err := s.attempt(ctx, now, target{r: r, dest: proxenos.DestinationChannel, key: key, where: s.Channel}, 1); err != nil {
			return err
		}
	}
	return nil
}

// digestDay reports whether the digest goes out on the day of t: Monday
// to Friday, and with Workdays not on a public holiday.
func (s *Scheduler) digestDay(t time.Time) bool {
	if s.Workdays {
		return workday.IsWorkday(t)
	}
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

// firstDigestDay reports whether the day of t is the first digest day of
// its week, when the weekly summary goes out: Monday, or the day after a
// Monday holiday (Clean Monday, Easter Monday, Whit Monday…), so that
// the office still gets it that week, once.
func (s *Scheduler) firstDigestDay(t time.Time) bool {
	y, m, d := t.Date()
	sinceMonday := int(t.Weekday()+6) % 7
	for back := 1; back <= sinceMonday; back++ {
		if s.digestDay(time.Date(y, m, d-back, 12, 0, 0, 0, t.Location())) {
			return false
		}
	}
	return s.digestDay(t)
}

// digestMessage builds the digest or weekly summary that r stands for.
func (s *Scheduler) digestMessage(ctx context.Context, r proxenos.Reminder, now time.Time) (*chat.Response, error) {
	if r.Kind == proxenos.ReminderWeeklySummary {
		return s.weekly(ctx, s.Lang, now)
	}
	return s.digest(ctx, s.Lang, now)
}

// Digest builds the daily digest as of now, for `/ir digest`.
func (s *Scheduler) Digest(ctx context.Context, lang i18n.Lang) (*chat.Response, error) {
	return s.digest(s.ctx(ctx), lang, s.now())
}

// lastDigest returns when the last digest was sent, or the same time on
// the digest day before (Friday on a Monday) when none was.
func (s *Scheduler) lastDigest(ctx context.Context, now time.Time) (time.Time, error) {
	since := now.AddDate(0, 0, -1)
	for !s.digestDay(since) { // at most five days off in a row
		since = since.AddDate(0, 0, -1)
	}
	sent, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Kind: proxenos.ReminderDigest,
		States: []proxenos.DeliveryState{proxenos.DeliverySent}, Since: now.AddDate(0, 0, -8)})
	if err != nil {
		return since, err
	}
	var last time.Time
	for _, d := range sent {
		if d.SentAt.Before(now) && d.SentAt.After(last) {
			last = d.SentAt
		}
	}
	if !last.IsZero() {
		since = last
	}
	return since, nil
}

// section is a titled list of a digest.
type section struct {
	title string
	lines []string
}

// digest builds the daily digest: due this week, overdue, reminders
// missed while Proxenos was down, new correspondence since the last
// digest, and calls newly open.
func (s *Scheduler) digest(ctx context.Context, lang i18n.Lang, now time.Time) (*chat.Response, error) {
	items, err := s.load(ctx, now)
	if err != nil {
		return nil, err
	}
	since, err := s.lastDigest(ctx, now)
	if err != nil {
		return nil, err
	}
	l := liner{lang: lang, loc: s.Location}
	due := l.sortItems(items, now, since)
	sections := []section{
		{i18n.T(lang, "digest.week"), due.week.lines()},
		{i18n.T(lang, "digest.overdue"), due.overdue.lines()},
	}
	missed, err := s.missed(ctx, l, since)
	if err != nil {
		return nil, err
	}
	sections = append(sections, section{i18n.T(lang, "digest.missed"), missed.lines()})
	if s.Correspondence != nil {
		corr, err := s.newCorrespondence(ctx, lang, since)
		if err != nil {
			return nil, err
		}
		sections = append(sections, section{i18n.T(lang, "digest.correspondence"), corr})
	}
	sections = append(sections, section{i18n.T(lang, "digest.opened"), due.opened.lines()})
	title := i18n.T(lang, "digest.title", i18n.FormatWeekday(lang, now), i18n.FormatDate(lang, now))
	return render(lang, title, sections), nil
}

// entry is a line of a digest and the time it is listed by.
type entry struct {
	at   time.Time
	line string
}

// entries are the lines of a digest section.
type entries []entry

// lines returns the lines by time. Items come in no set order from the
// store: equal times are ordered by their text, so that the digest reads
// the same each time.
func (es entries) lines() []string {
	slices.SortFunc(es, func(a, b entry) int { return cmp.Or(a.at.Compare(b.at), strings.Compare(a.line, b.line)) })
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.line
	}
	return out
}

// liner writes the lines of a digest in a language and the office zone.
type liner struct {
	lang i18n.Lang
	loc  *time.Location
}

// line lists an item of kind titled title, at at.
func (l liner) line(kind proxenos.ReminderKind, title string, at time.Time) string {
	return i18n.T(l.lang, "digest.line", i18n.T(l.lang, "digest.kind."+string(kind)), escapeText(title),
		i18n.FormatDateTime(l.lang, at.In(l.loc)))
}

// due are the items of a digest as of now: due this week, overdue, and
// calls opened since the last digest.
type due struct {
	week, overdue, opened entries
}

// sortItems sorts the items into the lists of the digest as of now, the last
// digest having gone out at since.
func (l liner) sortItems(items Items, now, since time.Time) due {
	var d due
	weekEnd := now.AddDate(0, 0, 7)
	thisWeek := func(at time.Time) bool { return !at.Before(now) && at.Before(weekEnd) }
	// Calls: deadlines this week, milestones past due, openings since
	// the last digest.
	for _, c := range items.Calls {
		for _, dl := range c.Deadlines {
			if thisWeek(dl.At) {
				d.week = append(d.week, entry{dl.At, l.line(proxenos.ReminderCallDeadline, c.Title, dl.At)})
			}
		}
		for _, m := range c.Milestones {
			if at := c.MilestoneDue(m, now); !m.Done && !at.IsZero() && at.Before(now) {
				d.overdue = append(d.overdue, entry{at, l.line(proxenos.ReminderCallMilestone, m.Text+" — "+c.Title, at)})
			}
		}
		if !c.OpeningDate.IsZero() && c.OpeningDate.After(since) && !c.OpeningDate.After(now) {
			d.opened = append(d.opened, entry{c.OpeningDate, l.line(proxenos.ReminderCallDeadline, c.Title, c.OpeningDate)})
		}
	}
	for _, o := range items.Obligations {
		switch {
		case o.Due.Before(now):
			d.overdue = append(d.overdue, entry{o.Due, l.line(proxenos.ReminderObligation, o.Text, o.Due)})
		case o.Due.Before(weekEnd):
			d.week = append(d.week, entry{o.Due, l.line(proxenos.ReminderObligation, o.Text, o.Due)})
		}
	}
	for _, a := range items.Agreements {
		if thisWeek(a.End) {
			d.week = append(d.week, entry{a.End, l.line(proxenos.ReminderAgreementEnd, a.Title, a.End)})
		}
		if n, ok := a.NoticeDeadline(l.loc); ok && thisWeek(n) {
			d.week = append(d.week, entry{n, l.line(proxenos.ReminderAgreementNotice, a.Title, n)})
		}
	}
	return d
}

// missed lists the channel reminders recorded as missed since the last
// digest: older than the horizon when Proxenos came back, they were not
// sent, and are listed once here.
func (s *Scheduler) missed(ctx context.Context, l liner, since time.Time) (entries, error) {
	missed, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryMissed},
		Since: since})
	if err != nil {
		return nil, err
	}
	var out entries
	for _, d := range missed {
		if d.Destination == proxenos.DestinationChannel {
			out = append(out, entry{d.Reminder.At, l.line(d.Reminder.Kind, d.Reminder.Title, d.Reminder.Occurrence)})
		}
	}
	return out, nil
}

// newCorrespondence lists the entries logged after since, newest first.
func (s *Scheduler) newCorrespondence(ctx context.Context, lang i18n.Lang, since time.Time) ([]string, error) {
	y, m, d := since.In(s.Location).Date()
	// Entries are filtered by document date in the store and by the time
	// they were logged here; a letter logged late may be a month old.
	from := time.Date(y, m, d, 0, 0, 0, 0, s.Location).AddDate(0, 0, -31)
	var out []string
	for offset := 0; offset < 10*proxenos.MaxListLimit; offset += proxenos.MaxListLimit {
		page, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{From: from,
			Offset: offset, Limit: proxenos.MaxListLimit})
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			if c.CreatedAt.After(since) {
				out = append(out, i18n.T(lang, "digest.corr_line", i18n.Label(lang, c.Direction), c.Protocol.String(),
					escapeText(c.Counterpart), escapeText(c.Subject)))
			}
		}
		if len(page) == 0 || offset+len(page) >= total {
			break
		}
	}
	return out, nil
}

// weekly builds the Monday summary: counts of what the office follows.
func (s *Scheduler) weekly(ctx context.Context, lang i18n.Lang, now time.Time) (*chat.Response, error) {
	items, err := s.load(ctx, now)
	if err != nil {
		return nil, err
	}
	soon, overdue, ending := 0, 0, 0
	for _, c := range items.Calls {
		if d, ok := c.NextDeadline(now); ok && d.At.Before(now.AddDate(0, 0, 30)) {
			soon++
		}
	}
	for _, o := range items.Obligations {
		if o.Due.Before(now) {
			overdue++
		}
	}
	for _, a := range items.Agreements {
		if !a.End.Before(now) && a.End.Before(now.AddDate(0, 0, 90)) {
			ending++
		}
	}
	// The part comes first: the words agree with it ("of which 1 closes").
	lines := []string{
		i18n.T(lang, "digest.weekly.calls", soon, len(items.Calls)),
		i18n.T(lang, "digest.weekly.obligations", overdue, len(items.Obligations)),
		i18n.T(lang, "digest.weekly.agreements", ending, len(items.Agreements)),
	}
	title := i18n.T(lang, "digest.weekly.title", i18n.FormatDate(lang, now))
	return render(lang, title, []section{{i18n.T(lang, "digest.weekly.numbers"), lines}}), nil
}

// render lays out a digest: a header, then each section with at most
// maxDigestLines lines; an empty section says so.
func render(lang i18n.Lang, title string, sections []section) *chat.Response {
	resp := &chat.Response{Blocks: []chat.Block{chat.Header{Text: title}}}
	text := []string{title}
	for _, sec := range sections {
		body := sec.lines
		if len(body) > maxDigestLines {
			body = append(slices.Clone(body[:maxDigestLines]), i18n.T(lang, "digest.more", len(sec.lines)-maxDigestLines))
		}
		if len(body) == 0 {
			body = []string{i18n.T(lang, "digest.none")}
		}
		block := "*" + sec.title + "*\n" + strings.Join(body, "\n")
		resp.Blocks = append(resp.Blocks, chat.Section{Text: block})
		text = append(text, block)
	}
	resp.Text = strings.Join(text, "\n\n")
	return resp
}

// escapeText makes stored text safe in mrkdwn: no mention, link or
// channel-wide ping can come from it.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Upcoming lists the reminders due in the next days, for `/ir reminders`.
func (s *Scheduler) Upcoming(ctx context.Context, lang i18n.Lang, days int) (*chat.Response, error) {
	ctx = s.ctx(ctx)
	now := s.now()
	items, err := s.load(ctx, now)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, r := range s.planner().Plan(items, now, now.AddDate(0, 0, days)) {
		if r.At.Before(now) {
			continue // moved back to a working day, it goes out at this tick
		}
		lines = append(lines, i18n.T(lang, "digest.upcoming_line", i18n.FormatDateTime(lang, r.At.In(s.Location)),
			i18n.T(lang, "digest.kind."+string(r.Kind)), escapeText(r.Title), i18n.FormatDate(lang, r.Occurrence.In(s.Location))))
	}
	title := i18n.T(lang, "digest.upcoming", days)
	return render(lang, title, []section{{i18n.T(lang, "digest.upcoming_count", strconv.Itoa(len(lines))), lines}}), nil
}

// FindReminder reloads the item of itemKey and describes its occurrence.
func (s *Scheduler) FindReminder(ctx context.Context, itemKey string) (*proxenos.Reminder, error) {
	ctx = s.ctx(ctx)
	r, err := s.findReminder(ctx, itemKey)
	if err == nil {
		s.describe(ctx, r)
	}
	return r, err
}

// findReminder is FindReminder without naming what the item belongs to:
// completing or snoozing it needs only the occurrence.
func (s *Scheduler) findReminder(ctx context.Context, itemKey string) (*proxenos.Reminder, error) {
	kind, id, sub, occ, ok := proxenos.ParseItemKey(itemKey)
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "reminder.invalid.item")
	}
	base := proxenos.Reminder{Kind: kind, ItemID: id, Sub: sub, Occurrence: occ}
	items, err := s.reload(ctx, base)
	if err != nil {
		return nil, err
	}
	items.Marks = nil // describe it whatever its marks say
	// Plan the occurrence's whole life to find its title and owner.
	for _, r := range s.planner().Plan(items, occ.AddDate(-2, 0, 0), occ.AddDate(2, 0, 0)) {
		if r.ItemKey() == itemKey {
			r.Offset, r.At = "", time.Time{}
			return &r, nil
		}
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "reminder.item_gone")
}

// CompleteReminder marks the occurrence done: an obligation is completed
// (a recurring one moves on), a milestone ticked; every kind gets a done
// mark, which stops its reminders.
func (s *Scheduler) CompleteReminder(ctx context.Context, itemKey string) error {
	ctx = s.ctx(ctx)
	r, err := s.findReminder(ctx, itemKey)
	if err != nil {
		return s.occurrenceDone(ctx, itemKey, err)
	}
	user := proxenos.UserFromContext(ctx)
	now := s.now()
	switch r.Kind {
	case proxenos.ReminderObligation:
		// The occurrence the button was sent for, not whichever is due
		// now: a second press, or a retry of one whose reply was lost,
		// cannot complete the next.
		if _, err := s.Agreements.CompleteObligation(ctx, r.ItemID, r.Occurrence, proxenos.Fulfilment{At: now, By: user}); err != nil {
			return s.occurrenceDone(ctx, itemKey, err)
		}
	case proxenos.ReminderCallMilestone:
		c, err := s.Calls.FindCallByID(ctx, r.ItemID)
		if err != nil {
			return err
		}
		i, err := strconv.Atoi(r.Sub)
		if err != nil || i < 0 || i >= len(c.Milestones) {
			return proxenos.Errorf(proxenos.ENOTFOUND, "reminder.item_gone")
		}
		ms := slices.Clone(c.Milestones)
		ms[i].Done = true
		if _, err := s.Calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Milestones: &ms}); err != nil {
			return err
		}
	}
	return s.Reminders.AddMark(ctx, &proxenos.ReminderMark{ItemKey: itemKey, Kind: proxenos.MarkDone, By: user, At: now})
}

// occurrenceDone turns err, the refusal of a done button, into the truth
// when the button is an obligation's and its occurrence was fulfilled
// already: when, and when the obligation is next due (see
// Obligation.CompletionRefused). Any other error is returned as it is.
func (s *Scheduler) occurrenceDone(ctx context.Context, itemKey string, err error) error {
	kind, id, _, occ, ok := proxenos.ParseItemKey(itemKey)
	code := proxenos.ErrorCode(err)
	if !ok || kind != proxenos.ReminderObligation || code != proxenos.ENOTFOUND && code != proxenos.ECONFLICT {
		return err
	}
	o, ferr := s.Agreements.FindObligationByID(ctx, id)
	if ferr != nil {
		return err
	}
	// The key keeps the occurrence to the second.
	for _, f := range o.Fulfilments {
		if f.Due.Truncate(time.Second).Equal(occ) {
			return o.CompletionRefused(f.Due, proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.fulfilled"))
		}
	}
	return err
}

// SnoozeReminder silences the occurrence until until.
func (s *Scheduler) SnoozeReminder(ctx context.Context, itemKey string, until time.Time) error {
	ctx = s.ctx(ctx)
	if _, err := s.findReminder(ctx, itemKey); err != nil {
		return err
	}
	return s.Reminders.AddMark(ctx, &proxenos.ReminderMark{ItemKey: itemKey, Kind: proxenos.MarkSnoozed, Until: until,
		By: proxenos.UserFromContext(ctx), At: s.now()})
}
