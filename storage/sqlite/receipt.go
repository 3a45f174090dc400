package sqlite

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/proxenos/proxenos"
)

// Expired receipts are swept at most once per receiptSweepEvery by each
// service, at most receiptSweepMax rows at a time, so that no Receive
// pays for a long delete.
const (
	receiptSweepEvery = time.Minute
	receiptSweepMax   = 500
)

// ReceiptService keeps request receipts in SQLite: one row per workspace
// and key, claimed by INSERT on the primary key.
type ReceiptService struct {
	db *DB

	// swept is when expired rows were last deleted, in unix milliseconds.
	swept atomic.Int64
}

var _ proxenos.ReceiptService = (*ReceiptService)(nil)

// NewReceiptService returns the receipts stored in db.
func NewReceiptService(db *DB) *ReceiptService {
	return &ReceiptService{db: db}
}

// Receive claims key for ttl in the workspace in ctx ("" when none). The
// insert and the take-over of an expired row are one statement, and
// SQLite runs one writer at a time: of concurrent claims exactly one
// changes a row. EINVALID, EUNAVAILABLE.
func (s *ReceiptService) Receive(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := proxenos.ValidateReceipt(key, ttl); err != nil {
		return false, err
	}
	team := proxenos.TeamFromContext(ctx)
	now := s.db.Now()
	res, err := s.db.w.ExecContext(ctx, `INSERT INTO receipts (team, key, expires) VALUES (?, ?, ?)
		ON CONFLICT (team, key) DO UPDATE SET expires = excluded.expires WHERE receipts.expires <= ?`,
		team, key, now.Add(ttl).UnixMilli(), now.UnixMilli())
	if err != nil {
		return false, translate(err, "receive", team, key)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, translate(err, "receive", team, key)
	}
	s.sweep(ctx, now)
	return n == 1, nil
}

// Forget drops the receipt of key in the workspace in ctx.
func (s *ReceiptService) Forget(ctx context.Context, key string) error {
	team := proxenos.TeamFromContext(ctx)
	_, err := s.db.w.ExecContext(ctx, `DELETE FROM receipts WHERE team = ? AND key = ?`, team, key)
	return translate(err, "forget receipt", team, key)
}

// sweep deletes up to receiptSweepMax expired receipts of any workspace,
// when the last sweep is older than receiptSweepEvery. A failure only
// leaves the rows for the next sweep: expired rows are claimable anyway.
func (s *ReceiptService) sweep(ctx context.Context, now time.Time) {
	last := s.swept.Load()
	if now.UnixMilli()-last < receiptSweepEvery.Milliseconds() || !s.swept.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	_, _ = s.db.w.ExecContext(ctx, `DELETE FROM receipts WHERE (team, key) IN
		(SELECT team, key FROM receipts WHERE expires <= ? ORDER BY expires LIMIT ?)`, now.UnixMilli(), receiptSweepMax)
}
