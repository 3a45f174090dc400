package proxenos

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReminderKind is what a reminder is about.
type ReminderKind string

// The kinds of reminder.
const (
	ReminderCallDeadline    ReminderKind = "call"      // a submission deadline of a call
	ReminderCallMilestone   ReminderKind = "milestone" // an internal step towards a call
	ReminderObligation      ReminderKind = "obligation"
	ReminderAgreementEnd    ReminderKind = "agreement_end"    // the end of an agreement's term
	ReminderAgreementNotice ReminderKind = "agreement_notice" // the last day to give notice
	ReminderDigest          ReminderKind = "digest"           // the daily digest
	ReminderWeeklySummary   ReminderKind = "weekly"           // the Monday summary
)

// Keys join their parts with "/", occurrences written in UTC.
const (
	reminderKeySeparator     = "/"
	reminderOccurrenceLayout = "20060102T150405Z"
)

// Destinations of a reminder: the office channel, or the owner's DM.
const (
	DestinationChannel = "channel"
	DestinationOwner   = "dm"
)

// Reminder is one message that falls due at At: Offset before (or after)
// the Occurrence of an item. Its Key names it for good, so that it is
// delivered once: a new deadline is a new occurrence and so a new key.
type Reminder struct {
	Kind       ReminderKind
	ItemID     string    // the call, obligation or agreement
	Sub        string    // which part of the item: a milestone's index, "" otherwise
	Occurrence time.Time // the deadline, due date or end it is about
	Offset     string    // "30d", "0d", "morning", "overdue1", "snooze…"
	At         time.Time // when it falls due
	Title      string    // what it is about, as stored (not escaped)
	// About names what the item belongs to: an obligation's agreement and
	// partners, an agreement's or a call's partners (not escaped); "" for
	// none. Filled in when the message is made, not kept in its key.
	About string
	Owner string // Slack user id to message directly; "" for none
	Late  bool   // sent after it fell due, e.g. after a restart
	// MovedFrom is when a day reminder fell due before it was moved back
	// to the working day before a weekend or public holiday (At); zero
	// when it was not moved. Its key does not change with it.
	MovedFrom time.Time
}

// Key returns the reminder's unique key: kind, item, part, occurrence and
// offset. The destination is added by DeliveryKey.
func (r *Reminder) Key() string {
	occ := ""
	if !r.Occurrence.IsZero() {
		occ = r.Occurrence.UTC().Format(reminderOccurrenceLayout)
	}
	return strings.Join([]string{string(r.Kind), r.ItemID, r.Sub, occ, r.Offset}, reminderKeySeparator)
}

// ItemKey returns the key of the item's occurrence the reminder is about,
// without the offset: marks (done, snooze) apply to it.
func (r *Reminder) ItemKey() string {
	return ItemKey(r.Kind, r.ItemID, r.Sub, r.Occurrence)
}

// ItemKey returns the key of one occurrence of an item, as marks store it.
func ItemKey(kind ReminderKind, id, sub string, occurrence time.Time) string {
	occ := ""
	if !occurrence.IsZero() {
		occ = occurrence.UTC().Format(reminderOccurrenceLayout)
	}
	return strings.Join([]string{string(kind), id, sub, occ}, reminderKeySeparator)
}

// ParseItemKey splits a key made by ItemKey. ok is false for anything else.
func ParseItemKey(key string) (kind ReminderKind, id, sub string, occurrence time.Time, ok bool) {
	parts := strings.Split(key, reminderKeySeparator)
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" {
		return "", "", "", time.Time{}, false
	}
	if parts[3] != "" {
		t, err := time.Parse(reminderOccurrenceLayout, parts[3])
		if err != nil {
			return "", "", "", time.Time{}, false
		}
		occurrence = t
	}
	return ReminderKind(parts[0]), parts[1], parts[2], occurrence, true
}

// DeliveryKey returns the key of the reminder's delivery to dest.
func (r *Reminder) DeliveryKey(dest string) string {
	return r.Key() + reminderKeySeparator + dest
}

// DayOffset returns the Offset of a reminder days before its occurrence.
func DayOffset(days int) string { return strconv.Itoa(days) + "d" }

// DeliveryState is where a delivery stands.
type DeliveryState string

// The states of a delivery attempt. Only pending and failed attempts are
// tried again; the others are final.
const (
	DeliveryPending   DeliveryState = "pending"   // claimed, being sent
	DeliverySent      DeliveryState = "sent"      // Slack accepted it
	DeliveryFailed    DeliveryState = "failed"    // sending failed; try again at NextAttempt
	DeliveryMissed    DeliveryState = "missed"    // fell due longer ago than the horizon: listed in the digest instead
	DeliveryCancelled DeliveryState = "cancelled" // the item changed or went before it was sent
)

// Delivery is one attempt to deliver a reminder (or a digest) to one
// destination. Attempts are claimed by inserting (Key, Attempt), which a
// store keeps unique: whoever inserts an attempt is the only one who may
// send it and the only one who writes to it afterwards.
type Delivery struct {
	Key         string // Reminder.DeliveryKey, or a digest's key
	Attempt     int    // 1, 2, …
	Reminder    Reminder
	Destination string // DestinationChannel or DestinationOwner
	State       DeliveryState
	Holder      string    // the sender that claimed it
	LeaseUntil  time.Time // a pending attempt past this is stale: another sender may retry it
	NextAttempt time.Time // when a failed attempt is to be tried again
	ClaimedAt   time.Time
	SentAt      time.Time
	Channel     string // where it went
	TS          string // the Slack message
	Error       string // why the last send failed, for logs; never shown
}

// Retryable reports whether the attempt is to be tried again at now:
// failed and due, or pending and stale because its lease ran out (the
// sender crashed between claim and send, or could not record the result).
func (d *Delivery) Retryable(now time.Time) bool {
	switch d.State {
	case DeliveryFailed:
		return !now.Before(d.NextAttempt)
	case DeliveryPending:
		return !now.Before(d.LeaseUntil)
	}
	return false
}

// DeliveryFilter selects deliveries. Zero fields do not filter.
type DeliveryFilter struct {
	Keys   []string        // any of these keys
	States []DeliveryState // any of these states
	Since  time.Time       // claimed at or after
	Kind   ReminderKind
}

// Match reports whether d passes the filter.
func (f DeliveryFilter) Match(d *Delivery) bool {
	return (len(f.Keys) == 0 || slices.Contains(f.Keys, d.Key)) &&
		(len(f.States) == 0 || slices.Contains(f.States, d.State)) &&
		(f.Since.IsZero() || !d.ClaimedAt.Before(f.Since)) &&
		(f.Kind == "" || d.Reminder.Kind == f.Kind)
}

// MarkKind is what a user did to a reminder.
type MarkKind string

// The marks a reminder's buttons leave.
const (
	MarkDone    MarkKind = "done"    // no more reminders of this occurrence
	MarkSnoozed MarkKind = "snoozed" // none until Until, then one again
)

// ReminderMark records a button press on a reminder: the occurrence it is
// about (ItemKey), done or snoozed until a time. Marks are only inserted;
// the latest one of an item occurrence counts.
type ReminderMark struct {
	ItemKey string
	Kind    MarkKind
	Until   time.Time // for MarkSnoozed
	By      string    // Slack user id
	At      time.Time
}

// Lease is one term of leadership among replicas: the holder is the
// sender until Expires. Terms are only inserted, (Name, Term) unique:
// the holder renews by claiming Term+1 before Expires, others claim the
// next term only after it.
type Lease struct {
	Name    string
	Term    int64
	Holder  string
	Expires time.Time
}

// ReminderService records reminder deliveries, marks and the sender
// lease. Every method but the lease ones is scoped to the workspace in
// ctx; leases are global to the deployment. Writes are inserts that the
// store keeps unique, so that they are safe on MongoDB replicas and on
// FerretDB, which may lose one of two concurrent updates.
type ReminderService interface {
	// ClaimDelivery inserts d (with Holder, State pending, ClaimedAt and
	// LeaseUntil set by the caller). ECONFLICT when (Key, Attempt) is
	// taken: someone else delivers it.
	ClaimDelivery(ctx context.Context, d *Delivery) error

	// FinishDelivery records the outcome of an attempt claimed by d.Holder:
	// State, SentAt, Channel, TS, NextAttempt, Error. ENOTFOUND when the
	// attempt does not exist or is not d.Holder's.
	FinishDelivery(ctx context.Context, d *Delivery) error

	// FindDeliveries returns the attempts matching filter, by key and
	// attempt.
	FindDeliveries(ctx context.Context, filter DeliveryFilter) ([]*Delivery, error)

	// AddMark stores m. EINVALID without an ItemKey or a known Kind.
	AddMark(ctx context.Context, m *ReminderMark) error

	// FindMarks returns the marks of the given item keys (all of the
	// workspace's when none are given), oldest first.
	FindMarks(ctx context.Context, itemKeys ...string) ([]*ReminderMark, error)

	// ClaimLease inserts l. ECONFLICT when its term is taken.
	ClaimLease(ctx context.Context, l *Lease) error

	// FindLease returns the latest term of the named lease. ENOTFOUND
	// when none was ever claimed.
	FindLease(ctx context.Context, name string) (*Lease, error)

	// DeleteLeases removes the terms of name before term, which nobody
	// reads any more.
	DeleteLeases(ctx context.Context, name string, before int64) error
}

// LatestMarks returns the latest mark of each item key, by At (later
// inserts win ties).
func LatestMarks(marks []*ReminderMark) map[string]*ReminderMark {
	out := make(map[string]*ReminderMark, len(marks))
	for _, m := range marks {
		if prev, ok := out[m.ItemKey]; !ok || !m.At.Before(prev.At) {
			out[m.ItemKey] = m
		}
	}
	return out
}

// Validate returns an EINVALID error unless m names an item occurrence
// and is done, or snoozed until a time.
func (m *ReminderMark) Validate() error {
	if _, _, _, _, ok := ParseItemKey(m.ItemKey); !ok {
		return Errorf(EINVALID, "reminder.invalid.item")
	}
	switch {
	case m.Kind == MarkDone:
	case m.Kind == MarkSnoozed && !m.Until.IsZero():
	default:
		return Errorf(EINVALID, "reminder.invalid.mark")
	}
	return checkSlackUser("reminder.invalid.by", m.By)
}
