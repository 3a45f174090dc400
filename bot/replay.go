package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/proxenos/proxenos"
)

// receiptSigned names a signed HTTP request by what its signature covers:
// + the hex SHA-256 of "v0:" + timestamp + ":" + body. The digest, not
// the signature header, is the key, so that one MAC written two ways
// (say in upper-case hex) is still one request.
const receiptSigned = "signed/"

// replayed reports whether a verified HTTP request was accepted before,
// by this replica or another, within the signature window: the same
// timestamp and body, signed again by nobody but sent again by whoever
// captured them. The first sight of a request records it in
// Config.Receipts for twice the window (a timestamp may be up to one
// window ahead of the clock and then stays valid for another), globally:
// a digest names one request in every workspace.
//
// Only slash commands and interactions other than view submissions ask:
// those are the requests whose repeat can only be a replay. Slack never
// sends a command or a button press again, and each of its deliveries
// carries a new trigger_id. Events are left out on purpose: Slack
// retries an event (X-Slack-Retry-Num) when the acknowledgement is late,
// and whether or not a retry is signed anew, it must get a 200 — 401s
// count as failures, and Slack turns off the subscriptions of an app
// that fails too often; events are dropped by event_id instead (see
// receiptEvent), which a replay cannot change. View submissions are left
// out for the same kind of reason: a repeat of one gets the first one's
// acknowledgement from the view receipt (see submission), where a 401
// would show an error in the user's open form.
//
// Without Config.Receipts nothing is remembered: every replica that
// serve runs has a store. Like receive, it fails open — see there for
// why: a request whose check fails or times out goes on, and a warning
// is logged. The work a replay could repeat, a write, needs the store
// that has just failed to answer, so it would most likely fail too.
func (b *Bot) replayed(r *http.Request, body []byte) bool {
	if b.cfg.Receipts == nil {
		return false
	}
	// The request's team is not asked for: the receipt is global.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), b.ReceiptTimeout)
	defer cancel()
	first, err := false, errStoreResting
	if b.storeAnswers() {
		first, err = b.cfg.Receipts.Receive(ctx, signedReceipt(r.Header, body), 2*b.verifier.Window)
		b.storeFailed(err)
	}
	if err != nil {
		b.log.Warn("slack replay unchecked; handling the request", "path", r.URL.Path,
			"code", proxenos.ErrorCode(err), "err", err)
		return false
	}
	if !first {
		b.log.Warn("slack request replayed; refused", "path", r.URL.Path,
			"timestamp", r.Header.Get("X-Slack-Request-Timestamp"))
	}
	return !first
}

// storeRest is how long the acknowledgement path stops asking the store
// after it failed to answer there: the replay check and the intake each
// wait up to their timeout, and a request that waited once for a store
// that is down should not wait again, nor should the next ones, within
// Slack's 3 s.
const storeRest = 5 * time.Second

// errStoreResting stands for a store call skipped while the store rests.
var errStoreResting = errors.New("bot: the store did not answer a moment ago; not asked")

// storeAnswers reports whether the acknowledgement path may ask the store.
func (b *Bot) storeAnswers() bool {
	return time.Now().UnixNano() >= b.storeDown.Load()
}

// storeFailed lets the store rest when err says it did not answer.
func (b *Bot) storeFailed(err error) {
	if proxenos.ErrorCode(err) == proxenos.EUNAVAILABLE || errors.Is(err, context.DeadlineExceeded) {
		b.storeDown.Store(time.Now().Add(storeRest).UnixNano())
	}
}

// signedReceipt returns the receipt key of a signed request.
func signedReceipt(h http.Header, body []byte) string {
	sum := sha256.New()
	sum.Write([]byte("v0:" + h.Get("X-Slack-Request-Timestamp") + ":"))
	sum.Write(body)
	return receiptSigned + hex.EncodeToString(sum.Sum(nil))
}
