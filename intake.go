package proxenos

import (
	"context"
	"time"
)

// IntakeState is how far the work on an acknowledged request has come.
type IntakeState string

// The states of an intake record, in order.
const (
	// IntakeAccepted: acknowledged to Slack; the work has not finished.
	IntakeAccepted IntakeState = "accepted"
	// IntakeDone: the work is done and its answer saved; it may not have
	// reached the user yet.
	IntakeDone IntakeState = "done"
	// IntakeClosed: answered, or nothing more to do.
	IntakeClosed IntakeState = "closed"
)

// Intake is a request from Slack kept from before its acknowledgement
// until it is answered, so that one acknowledged when the process died
// is still done and answered, by this replica after a restart or by
// another.
type Intake struct {
	// ID names the request for good: the bot gives it before Accept, and
	// the handlers see it as the request's id.
	ID      string
	Team    string // set by Accept from the context
	User    string
	Channel string
	Kind    string // "command", "action", "shortcut", "submission"
	// Payload is the request as the bot needs it to run it again.
	Payload []byte
	// ResponseURL answers the request in place: Slack accepts up to 5
	// posts to it within 30 minutes of the request.
	ResponseURL string
	ReceivedAt  time.Time

	State IntakeState
	// Answer is the answer as the bot delivers it, saved before the
	// delivery (IntakeDone), so that it can be delivered again without
	// running the request again.
	Answer []byte
	// Holder names the replica working on the record, and ClaimedAt when
	// it last said so; a claim older than the lease is taken over.
	Holder    string
	ClaimedAt time.Time
	// Attempts counts the claims: the first one by Accept, and each
	// take-over.
	Attempts int
}

// IntakeClaim says which records Claim takes over.
type IntakeClaim struct {
	Holder string // who takes them
	// StaleBefore: records whose claim is older, or released.
	StaleBefore time.Time
	// ReceivedAfter: records received since, so that a response_url
	// still answers.
	ReceivedAfter time.Time
	// MaxAttempts: records claimed fewer times.
	MaxAttempts int
	Limit       int
}

// IntakeRetention is how long records are kept before they are swept,
// whatever their state: long after their response_url expired.
const IntakeRetention = 24 * time.Hour

// IntakeService keeps the requests acknowledged to Slack (commands,
// button presses, shortcuts, form answers) in the store every replica
// shares, from before the acknowledgement until the answer is delivered.
// A record is accepted and held by the replica that acknowledged it; it
// saves the answer (Done) before delivering it and closes the record
// after. A replica that dies stops renewing its claims, and another
// (or itself, restarted) claims what it left: an accepted record is run
// again, a done one only delivered again.
//
// Records are scoped to the workspace in ctx, except Claim, which looks
// at every workspace: recovery serves whatever was acknowledged.
//
// Intake records are transient, like receipts: they are not exported,
// imported or migrated, and are swept after IntakeRetention.
type IntakeService interface {
	// Accept stores rec (ID, Kind and ReceivedAt set) held by rec.Holder
	// since now, with Attempts 1: accepted, or done when rec.Answer is
	// already set. EINVALID without them; ECONFLICT when the ID is
	// taken; EUNAVAILABLE.
	Accept(ctx context.Context, rec *Intake) error

	// Done saves the answer of the record id and marks it done.
	// ENOTFOUND when there is no such record.
	Done(ctx context.Context, id string, answer []byte) error

	// Close marks the record id closed: answered, or dropped. Closing a
	// record that is gone is not an error.
	Close(ctx context.Context, id string) error

	// Release gives up the claim of the record id, so that the next
	// Claim takes it at once: its answer could not be delivered now.
	Release(ctx context.Context, id string) error

	// Renew marks every record holder holds, and has not closed, as
	// claimed now: the holder is alive and working on them.
	Renew(ctx context.Context, holder string) error

	// Claim takes over the records not closed that c selects, oldest
	// first, for c.Holder: each is returned with its new claim. Of two
	// replicas claiming at once, each record goes to one.
	Claim(ctx context.Context, c IntakeClaim) ([]*Intake, error)
}

// ValidateIntake returns an EINVALID error unless rec names its ID, kind
// and time of receipt; stores call it first in Accept.
func ValidateIntake(rec *Intake) error {
	if rec == nil || rec.ID == "" || rec.Kind == "" || rec.ReceivedAt.IsZero() {
		return Errorf(EINVALID, "intake.invalid")
	}
	return nil
}
