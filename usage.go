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
