package sqlite

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// UsageService records LLM usage in SQLite.
type UsageService struct {
	db *DB
}

var _ proxenos.UsageService = (*UsageService)(nil)

// NewUsageService returns the usage records stored in db.
func NewUsageService(db *DB) *UsageService {
	return &UsageService{db: db}
}

// RecordUsage stores u; a zero u.At is now.
func (s *UsageService) RecordUsage(ctx context.Context, u *proxenos.Usage) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if u.At.IsZero() {
		u.At = search.Clock(ctx, s.db.Now)
	}
	_, err = s.db.w.ExecContext(ctx, `INSERT INTO usage (team, at, user, model, characters, prompt_tokens, completion_tokens, duration_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, team, u.At.UnixMilli(), u.User, u.Model, u.Characters, u.PromptTokens,
		u.CompletionTokens, u.Duration.Milliseconds())
	return translate(err, "record usage", team)
}

// SumUsage adds up the workspace's usage in [from, to).
func (s *UsageService) SumUsage(ctx context.Context, from, to time.Time) (proxenos.UsageSummary, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return proxenos.UsageSummary{}, err
	}
	var sum proxenos.UsageSummary
	err = s.db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(characters), 0), COALESCE(SUM(prompt_tokens), 0),
		COALESCE(SUM(completion_tokens), 0) FROM usage WHERE team = ? AND at >= ? AND at < ?`,
		team, from.UnixMilli(), to.UnixMilli()).Scan(&sum.Requests, &sum.Characters, &sum.PromptTokens, &sum.CompletionTokens)
	return sum, translate(err, "sum usage", team)
}
