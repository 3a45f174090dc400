package proxenos

import (
	"context"
	"time"
)

// Usage records one request to the LLM, for the monthly account and budget.
type Usage struct {
	User             string
	Model            string
	Characters       int
	PromptTokens     int
	CompletionTokens int
	Duration         time.Duration
	At               time.Time
}

// UsageSummary adds up usage over a period.
type UsageSummary struct {
	Requests         int
	Characters       int
	PromptTokens     int
	CompletionTokens int
}

// Tokens returns prompt and completion tokens together.
func (s UsageSummary) Tokens() int { return s.PromptTokens + s.CompletionTokens }

// UsageService records LLM usage. Scoped to the workspace in ctx.
type UsageService interface {
	// RecordUsage stores u.
	RecordUsage(ctx context.Context, u *Usage) error

	// SumUsage adds up the usage in [from, to).
	SumUsage(ctx context.Context, from, to time.Time) (UsageSummary, error)
}

// MonthUsage returns u's usage of the office in ctx in the month of now,
// the office's month (ZoneFromContext): what a monthly budget counts.
func MonthUsage(ctx context.Context, u UsageService, now time.Time) (UsageSummary, error) {
	loc := ZoneFromContext(ctx)
	t := now.In(loc)
	from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return u.SumUsage(ctx, from, from.AddDate(0, 1, 0))
}
