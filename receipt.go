package proxenos

import (
	"context"
	"time"
)

// ReceiptService remembers which requests from Slack have been received,
// in the store that every replica shares, so that Slack's retry of an
// event, or an interaction delivered twice, is handled once even when the
// copies reach different replicas.
//
// A receipt is a key that names one request, such as "event/Ev0123"; the
// first Receive of a key claims it (an insert under a unique key: of two
// replicas receiving at once exactly one wins) and holds it for ttl.
// Receipts are scoped to the workspace in ctx like every record, or are
// global when ctx names none: Slack's ids are unique across workspaces,
// and a request whose team is unknown must still be received once.
//
// Receipts are transient: they are not exported, imported or migrated.
type ReceiptService interface {
	// Receive claims key for ttl and reports whether this is its first
	// receipt: true when no live receipt of key exists (none, or only
	// one whose ttl has run out), false when another holds it. EINVALID
	// for an empty key or a ttl that is not positive; EUNAVAILABLE when
	// the store does not answer.
	Receive(ctx context.Context, key string, ttl time.Duration) (first bool, err error)

	// Forget drops the receipt of key, so that the next Receive of it is
	// first again: for a request that was received but refused, such as
	// a form sent back with field errors, which the user corrects and
	// sends again. Forgetting a key not held is not an error.
	Forget(ctx context.Context, key string) error
}

// ValidateReceipt returns an EINVALID error unless key is set and ttl is
// positive; stores call it first.
func ValidateReceipt(key string, ttl time.Duration) error {
	if key == "" || ttl <= 0 {
		return Errorf(EINVALID, "receipt.invalid")
	}
	return nil
}
