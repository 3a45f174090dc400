package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
)

// Receipt keys name a request the same way on every replica; each is
// scoped to the request's workspace (global when Slack names none).
const (
	receiptEvent  = "event/"  // + event_id
	receiptAction = "action/" // + the action's key in b.clicks
	receiptView   = "view/"   // + view id "/" hash "/" digest of the values
)

// receive asks Config.Receipts whether this replica is the first to
// receive key, within ReceiptTimeout, and reports whether to go on with
// the request. Without a store it reports true: the in-memory dedupe
// has already dropped the repeats this replica saw.
//
// It fails open: when the store errs or does not answer in time, the
// request goes on as if first, and the failure is logged. Slack waits
// 3 s for an acknowledgement and a user waits for the answer; a repeat
// handled twice in the rare moment the store is down costs a duplicate
// the office can delete, while dropping the request would lose an entry
// nobody knows is missing. The store's error carries no credentials
// (drivers' errors name hosts, not passwords).
func (b *Bot) receive(ctx context.Context, team, key string) bool {
	if b.cfg.Receipts == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(ctx, team), b.ReceiptTimeout)
	defer cancel()
	first, err := b.cfg.Receipts.Receive(ctx, key, dedupeTTL)
	if err != nil {
		b.log.Warn("slack receipt unchecked; handling the request", "key", key, "team", team,
			"code", proxenos.ErrorCode(err), "err", err)
		return true
	}
	if !first {
		b.log.Info("slack request received by another replica", "key", key, "team", team)
	}
	return first
}

// forget drops the receipt of key in the background, so that a form
// refused with field errors and sent again unchanged is checked again on
// any replica (a corrected one has another key; see viewReceipt). A
// failure is only logged: that unchanged form is then taken for a
// repeat, and the modal closes, until the receipt expires.
func (b *Bot) forget(team, key string) {
	if b.cfg.Receipts == nil {
		return
	}
	b.track(func() {
		ctx, cancel := context.WithTimeout(proxenos.NewContextWithTeam(b.workCtx, team), b.ReceiptTimeout)
		defer cancel()
		if err := b.cfg.Receipts.Forget(ctx, key); err != nil {
			b.log.Warn("slack receipt not forgotten", "key", key, "team", team, "code", proxenos.ErrorCode(err), "err", err)
		}
	})
}

// viewReceipt returns the receipt key of a view submission: its view id
// and hash, as the in-memory dedupe has them, and a digest of the values
// submitted. A double click or a payload delivered twice carries the
// same values; a form corrected after field errors, which Slack sends
// with the same hash, does not, and so is never taken for a repeat of
// the refused one.
func viewReceipt(v slack.View) string {
	// Maps marshal in key order: the same values give the same digest.
	values, _ := json.Marshal(v.State)
	sum := sha256.Sum256(values)
	return receiptView + v.ID + "/" + v.Hash + "/" + hex.EncodeToString(sum[:16])
}
