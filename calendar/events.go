package calendar

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// uidDomain ends every UID. It is fixed, not the public address, so that
// moving the server keeps UIDs (and subscribers' events) stable.
const uidDomain = "@proxenos"

// feedCallStatuses are the calls whose deadlines the feed shows: those the
// office works towards, and those submitted, whose deadline stays a fact
// worth seeing. Milestones are shown only while the call is active.
var feedCallStatuses = []proxenos.CallStatus{proxenos.CallWatching, proxenos.CallPreparing, proxenos.CallSubmitted}

// builder turns records into events in one language and zone.
type builder struct {
	lang  i18n.Lang
	loc   *time.Location
	now   time.Time // milestones counted in days before a deadline are reckoned at now
	slack string    // URL of every event: a link back to Slack; "" for none
}

// callEvents returns a call's deadlines (timed) and, while it is active,
// its open milestones (all-day).
func (b builder) callEvents(c *proxenos.Call) []Event {
	var out []Event
	seq := Sequence(c.UpdatedAt)
	show := b.slackLine("/call show " + c.Identifier)
	about := i18n.T(b.lang, "calendar.desc.call", c.Title, i18n.Label(b.lang, c.Programme), i18n.Label(b.lang, c.Status))
	for i, d := range c.Deadlines {
		title := c.Title
		if d.Label != "" {
			title += " (" + d.Label + ")"
		}
		brussels := i18n.T(b.lang, "calendar.desc.deadline_time", i18n.FormatDateTime(b.lang, d.At.In(proxenos.DeadlineLocation())))
		out = append(out, Event{
			UID:         "call-" + c.ID + "-deadline-" + strconv.Itoa(i) + uidDomain,
			Sequence:    seq,
			Summary:     i18n.T(b.lang, "calendar.event.deadline", c.Identifier, title),
			Description: lines(about, brussels, c.Link, show),
			URL:         b.slack,
			Start:       d.At,
			Modified:    c.UpdatedAt,
		})
	}
	if !slices.Contains(proxenos.ActiveCallStatuses, c.Status) {
		return out
	}
	for i, m := range c.Milestones {
		due := c.MilestoneDue(m, b.now)
		if m.Done || due.IsZero() {
			continue
		}
		out = append(out, Event{
			UID:         "call-" + c.ID + "-milestone-" + strconv.Itoa(i) + uidDomain,
			Sequence:    seq,
			Summary:     i18n.T(b.lang, "calendar.event.milestone", m.Text, c.Identifier),
			Description: lines(about, show),
			URL:         b.slack,
			Start:       due,
			AllDay:      true,
			Modified:    c.UpdatedAt,
		})
	}
	return out
}

// agreementEvents returns an active agreement's end and its last day to
// give notice, both all-day.
func (b builder) agreementEvents(a *proxenos.Agreement) []Event {
	if a.Status != proxenos.AgreementActive || a.End.IsZero() {
		return nil
	}
	seq := Sequence(a.UpdatedAt)
	about := lines(i18n.Label(b.lang, a.Kind)+": "+a.Title, b.slackLine("/mou show "+a.ID))
	out := []Event{{
		UID:         "agreement-" + a.ID + "-end" + uidDomain,
		Sequence:    seq,
		Summary:     i18n.T(b.lang, "calendar.event.agreement_end", a.Title),
		Description: about,
		URL:         b.slack,
		Start:       a.End,
		AllDay:      true,
		Modified:    a.UpdatedAt,
	}}
	if notice, ok := a.NoticeDeadline(b.loc); ok {
		out = append(out, Event{
			UID:         "agreement-" + a.ID + "-notice" + uidDomain,
			Sequence:    seq,
			Summary:     i18n.T(b.lang, "calendar.event.agreement_notice", a.Title),
			Description: about,
			URL:         b.slack,
			Start:       notice,
			AllDay:      true,
			Modified:    a.UpdatedAt,
		})
	}
	return out
}

// obligationEvent returns the occurrence an open obligation is now due:
// all-day when due at midnight in the office zone (a date), timed
// otherwise. Its UID is the obligation's, so completing a recurring one
// moves the event to the next occurrence.
func (b builder) obligationEvent(o *proxenos.Obligation, agreement string) Event {
	due := o.Due.In(b.loc)
	return Event{
		UID:         "obligation-" + o.ID + uidDomain,
		Sequence:    Sequence(o.UpdatedAt),
		Summary:     i18n.T(b.lang, "calendar.event.obligation", o.Text, agreement),
		Description: lines(agreement, b.slackLine("/mou show "+o.AgreementID)),
		URL:         b.slack,
		Start:       o.Due,
		AllDay:      due.Hour() == 0 && due.Minute() == 0 && due.Second() == 0,
		Modified:    o.UpdatedAt,
	}
}

// slackLine says which command shows the item in Slack.
func (b builder) slackLine(command string) string {
	return i18n.T(b.lang, "calendar.desc.slack", command)
}

// lines joins the non-empty parts, one per line.
func lines(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "\n")
}
