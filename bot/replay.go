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

// signedID names a signed HTTP request by what its signature covers:
// "s" and the first 128 bits, in hex, of the SHA-256 of "v0:" +
// timestamp + ":" + body. It is the id the request is kept under in
// Config.Intake (see keep), so that keeping it, the write the
// acknowledgement waits for anyway, also tells a replay: the same
// timestamp and body, signed again by nobody but sent again by whoever
// captured them, find their id taken (ECONFLICT), on this replica or
// another, and get 401. The digest, not the signature header, is the
// key, so that one MAC written two ways (say in upper-case hex) is still
// one request. Kept requests outlive the signature window
// (IntakeRetention), so a replay is refused for as long as its timestamp
// passes.
//
// Only slash commands and interactions other than view submissions are
// named so: those are the requests whose repeat can only be a replay.
// Slack never sends a command or a button press again, and each of its
// deliveries carries a new trigger_id. Events are left out on purpose:
// Slack retries an event (X-Slack-Retry-Num) when the acknowledgement is
// late, and whether or not a retry is signed anew, it must get a 200 —
// 401s count as failures, and Slack turns off the subscriptions of an
// app that fails too often; events are dropped by event_id instead (see
// receiptEvent), which a replay cannot change. View submissions are left
// out for the same kind of reason: a repeat of one gets the first one's
// acknowledgement from the view receipt (see submission), where a 401
// would show an error in the user's open form.
//
// Without Config.Intake the id is empty: nothing is kept, and replays
// are not told. Like keep, the check fails open: when the store does not
// answer, the request goes on, unkept, and a warning is logged. The work
// a replay could repeat, a write, needs the store that has just failed
// to answer, so it would most likely fail too.
func (b *Bot) signedID(r *http.Request, body []byte) string {
	if b.cfg.Intake == nil {
		return ""
	}
	sum := sha256.New()
	sum.Write([]byte("v0:" + r.Header.Get("X-Slack-Request-Timestamp") + ":"))
	sum.Write(body)
	return "s" + hex.EncodeToString(sum.Sum(nil)[:16])
}

// errReplayed is the error of a request kept before under its signed id.
var errReplayed = errors.New("bot: replayed request")

// storeRest is how long the acknowledgement path stops asking the store
// after it failed to answer there: keeping a request waits up to
// IntakeTimeout, and a request that waited once for a store
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
