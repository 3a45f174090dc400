package translate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/sashabaranov/go-openai"
)

// Bounds of the waits between retries.
const (
	baseBackoff   = 500 * time.Millisecond
	maxBackoff    = 20 * time.Second
	maxRetryAfter = 2 * time.Minute
)

// errFatal marks an answer that every request would get (a wrong key or
// model): the job stops rather than fail each part.
var errFatal = errors.New("translate: service refused the key or model")

// NewClient returns an OpenAI client for cfg (OpenAI, Azure, or any
// compatible server by cfg.BaseURL) whose 429 answers tell the
// Translator how long to wait: go-openai drops the Retry-After header.
func NewClient(cfg openai.ClientConfig) *openai.Client {
	next := cfg.HTTPClient
	if next == nil {
		next = http.DefaultClient
	}
	cfg.HTTPClient = retryAfterDoer{next}
	return openai.NewClientWithConfig(cfg)
}

// retryAfterDoer copies the Retry-After of 429 and 503 answers into the
// retryAfter in the request's context, if any.
type retryAfterDoer struct{ next openai.HTTPDoer }

// Do sends req and notes the wait a 429 or 503 answer asks for.
func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.next.Do(req)
	if err == nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra, ok := req.Context().Value(retryAfterKey{}).(*retryAfter); ok {
			ra.set(resp.Header, time.Now())
		}
	}
	return resp, err
}

// retryAfterKey is the context key under which complete hands each attempt
// its retryAfter: go-openai's errors carry no response headers.
type retryAfterKey struct{}

// retryAfter holds the wait a server asked for in its last answer.
type retryAfter struct {
	mu sync.Mutex
	d  time.Duration
}

// set reads "retry-after-ms" (OpenAI) or "Retry-After" in seconds or as
// an HTTP date.
func (ra *retryAfter) set(h http.Header, now time.Time) {
	var d time.Duration
	if ms, err := strconv.ParseFloat(h.Get("Retry-After-Ms"), 64); err == nil && ms > 0 {
		d = time.Duration(ms * float64(time.Millisecond))
	} else if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
			d = time.Duration(s * float64(time.Second))
		} else if at, err := http.ParseTime(v); err == nil {
			d = at.Sub(now)
		}
	}
	ra.mu.Lock()
	// Capped: a server asking for hours must not hold a user's job that long.
	ra.d = max(0, min(d, maxRetryAfter))
	ra.mu.Unlock()
}

// get returns the wait asked for; 0 when none was.
func (ra *retryAfter) get() time.Duration {
	ra.mu.Lock()
	defer ra.mu.Unlock()
	return ra.d
}

// complete sends req, each attempt under Timeout, retrying rate limits
// (after Retry-After), server errors, timeouts and network faults with
// exponential backoff, at most Retries times. Errors: errFatal for 401,
// 403 and 404; the last error otherwise.
func (t *Translator) complete(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	for attempt := 0; ; attempt++ {
		// A fresh retryAfter each attempt, so an earlier answer's wait does not
		// outlive it.
		ra := &retryAfter{}
		actx, cancel := context.WithTimeout(context.WithValue(ctx, retryAfterKey{}, ra), t.timeout())
		start := time.Now()
		resp, err := t.Client.CreateChatCompletion(actx, req)
		cancel()
		if err == nil {
			return resp, nil
		}
		// The caller gave up (not this attempt's timeout): nothing to retry.
		if ctx.Err() != nil {
			return resp, ctx.Err()
		}
		status := httpStatus(err)
		log := t.logger().With("model", req.Model, "attempt", attempt+1, "status", status, "took", time.Since(start).Round(time.Millisecond))
		switch {
		// 404 is an unknown model or Azure deployment, or a wrong base URL.
		case status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound:
			log.Error("translate: request refused", "err", err)
			return resp, fmt.Errorf("%w: %w", errFatal, err)
		case !retryable(status):
			return resp, err
		case attempt >= t.retries():
			return resp, err
		}
		// Exponential backoff: 0.5 s, 1 s, 2 s, … up to 20 s; a rate limit
		// or an overloaded server (429, 503) waits what it asked for in
		// Retry-After instead (at most two minutes).
		wait := min(baseBackoff<<attempt, maxBackoff)
		if d := ra.get(); d > 0 && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			wait = d
		}
		log.Warn("translate: retrying", "wait", wait, "err", err)
		if err := t.sleep(ctx, wait); err != nil {
			return resp, err
		}
	}
}

// httpStatus returns the HTTP status of an error from go-openai, or 0 for
// errors without one (timeouts, network faults).
func httpStatus(err error) int {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		return apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		return reqErr.HTTPStatusCode
	}
	return 0
}

// retryable reports whether a request that failed with status may succeed
// when sent again. Status 0 is a timeout or network fault.
func retryable(status int) bool {
	return status == 0 || status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500
}

// sleep waits d or until ctx ends.
func (t *Translator) sleep(ctx context.Context, d time.Duration) error {
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkBudget refuses the job when this month's tokens of the workspace
// in ctx are spent (of budget), or when the text would need more than
// remain. Months are those of the office in ctx (proxenos.ZoneFromContext).
func (t *Translator) checkBudget(ctx context.Context, text string, budget int) error {
	if budget <= 0 || t.Usage == nil {
		return nil
	}
	sum, err := proxenos.MonthUsage(ctx, t.Usage, t.now())
	if err != nil {
		return fmt.Errorf("translate: usage: %w", err)
	}
	spent := sum.Tokens()
	if spent >= budget {
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "translate.budget_spent", spent, budget)
	}
	// Prompt and answer each about the text's size, plus the instructions.
	need := 2*EstimateTokens(text) + 250*(EstimateTokens(text)/t.partTokens()+1)
	if left := budget - spent; need > left {
		// EINVALID, not EUNAVAILABLE: a shorter text still fits this month.
		return proxenos.Errorf(proxenos.EINVALID, "translate.budget_exceeded", left, need) // left agrees: "1 remains"
	}
	return nil
}
