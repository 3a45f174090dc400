// Package translate drafts translations through any OpenAI-compatible chat
// model (OpenAI, Azure, Ollama, vLLM) and extracts the text of documents
// (.txt, .md, .docx, .odt, .pdf) for it.
//
// A Translator splits a long text at paragraph boundaries into parts under
// a token budget, masks what must survive verbatim (numbers, links, code,
// partner names) with placeholders, sends each part as delimited data with
// bounded concurrency and retries, and reassembles the parts in order. A
// part that still fails is reported by number and kept in the original,
// behind a visible marker. The output is a draft for a person to review.
package translate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the monthly budget runs on the office zone's months on any host

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/sashabaranov/go-openai"
)

// Defaults of the Translator's optional fields.
const (
	DefaultConcurrency = 4
	DefaultPartTokens  = 1500
	DefaultRetries     = 3
	DefaultTimeout     = 2 * time.Minute
	DefaultMaxChars    = 400_000
)

// ChatClient is the part of *openai.Client a Translator uses. Build one
// with NewClient so that 429 answers' Retry-After is honoured.
type ChatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
}

var _ ChatClient = (*openai.Client)(nil)

// Translator drafts translations. Client and Model are required; every
// other field is optional and read-only once Translate has been called.
type Translator struct {
	Client ChatClient
	Model  string

	Concurrency int           // parts in flight; DefaultConcurrency when 0
	PartTokens  int           // estimated token budget per part; DefaultPartTokens when 0
	Retries     int           // retries of a failed request; DefaultRetries when 0, none when negative
	Timeout     time.Duration // per request; DefaultTimeout when 0
	MaxChars    int           // longest text accepted; DefaultMaxChars when 0

	Glossary           proxenos.GlossaryService // terms given to the model for the language pair
	Usage              proxenos.UsageService    // records every answered request
	MonthlyTokenBudget int                      // with Usage: refuse work once the month's tokens are spent
	Cache              Cache                    // serves parts translated before

	Logger *slog.Logger                                     // slog.Default() when nil; never given content
	Now    func() time.Time                                 // time.Now when nil
	Sleep  func(ctx context.Context, d time.Duration) error // waits between retries; a timer when nil
}

// Request is one translation to draft.
type Request struct {
	Text  string    // the document, plain text or Markdown
	From  string    // ISO 639-1 code of the source; "" detects it
	To    string    // ISO 639-1 code of the target; "" picks DefaultTarget(Text)
	Names []string  // partner names to keep exactly as written
	User  string    // Slack user id, for the usage record
	Lang  i18n.Lang // language of the markers put into the text; Greek when ""
	// MonthlyTokens is the budget of the workspace asking (its own
	// setting in distribution mode); 0: MonthlyTokenBudget.
	MonthlyTokens int
}

// Result is a drafted translation.
type Result struct {
	Text        string
	From, To    string // ISO 639-1 codes; From is "" when detection failed
	Model       string
	Parts       int   // how many parts the text was sent in
	FailedParts []int // 1-based numbers of parts kept in the original behind a marker
	CachedParts int   // parts served from the cache
	Usage       proxenos.UsageSummary
}

// DefaultTarget returns the language to translate text into when the user
// names none: "en" for Greek text, "el" for anything else.
func DefaultTarget(text string) string {
	if scriptLanguage(text) == "el" {
		return "en"
	}
	return "el"
}

// Translate drafts req.Text in req.To. progress, when not nil, is called
// with (0, total) once the parts are known and after each part completes;
// calls never overlap.
//
// Errors: EINVALID for an empty or too long text or a bad language code;
// EUNAVAILABLE when the budget is spent, the service refuses the key or
// model, or every part failed. A part that fails alone does not fail the
// call: it is listed in Result.FailedParts.
func (t *Translator) Translate(ctx context.Context, req Request, progress func(done, total int)) (*Result, error) {
	if strings.TrimSpace(req.Text) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.required.text")
	}
	if n := len([]rune(req.Text)); n > t.maxChars() {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.too_long", t.maxChars())
	}
	from, to, err := normalizeLangs(req.From, req.To, req.Text)
	if err != nil {
		return nil, err
	}
	parts := Split(req.Text, t.partTokens())
	// The budget is checked before detection, which may itself cost a request.
	if err := t.checkBudget(ctx, req.Text, cmp.Or(req.MonthlyTokens, t.MonthlyTokenBudget)); err != nil {
		return nil, err
	}

	job := &job{t: t, req: req, to: to, parts: parts, progress: progress}
	job.out = make([]string, len(parts))
	if from == "" {
		from = job.detect(ctx)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	// Checked again: a detected source may be the target (Greek text sent
	// for Greek).
	if from == to {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.same_lang", to)
	}
	job.from = from
	if err := job.loadGlossary(ctx); err != nil {
		return nil, err
	}
	if err := job.run(ctx); err != nil {
		return nil, err
	}
	// Nothing was translated: an error, not the original posted back as a
	// draft behind markers.
	if len(job.failed) == len(parts) {
		return nil, proxenos.Errorf(proxenos.EUNAVAILABLE, "translate.unavailable")
	}
	return &Result{
		Text:        strings.Join(job.out, ""),
		From:        from,
		To:          to,
		Model:       t.Model,
		Parts:       len(parts),
		FailedParts: job.failed,
		CachedParts: job.cached,
		Usage:       job.usage,
	}, nil
}

// errPanic stops a job whose part panicked.
var errPanic = errors.New("translate: a part panicked")

// job is one call of Translate: the parts and what became of them.
type job struct {
	t        *Translator
	req      Request
	from, to string
	parts    []string
	progress func(done, total int)
	terms    [][2]string // glossary pairs for from → to
	version  string      // hash of terms and names, part of the cache key

	mu     sync.Mutex // guards the fields below
	out    []string
	failed []int
	done   int
	cached int
	usage  proxenos.UsageSummary
}

// run translates the parts with at most Concurrency in flight. It returns
// an error only when the whole job must stop: the caller's context ended,
// or the service refused the key or model.
func (j *job) run(ctx context.Context) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// The count of parts goes out first: the first answer may take a while.
	j.report()

	// The semaphore is taken before each goroutine starts, so at most
	// Concurrency goroutines exist at once, and a stopped job starts no more.
	sem := make(chan struct{}, j.t.concurrency())
	var wg sync.WaitGroup
	for i := range j.parts {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			defer func() { // a bug (say in a Cache or progress) must not take the process down
				if r := recover(); r != nil {
					j.t.logger().Error("translate: part panicked", "part", i+1, "panic_type", fmt.Sprintf("%T", r), "stack", string(debug.Stack()))
					cancel(errPanic)
				}
			}()
			out, err := j.translatePart(ctx, i)
			if errors.Is(err, errFatal) {
				cancel(err)
				return
			}
			j.finish(i, out, err != nil)
		})
	}
	wg.Wait()
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errPanic):
		return proxenos.Errorf(proxenos.EINTERNAL, "error.internal")
	case errors.Is(cause, errFatal):
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "translate.misconfigured")
	}
	return ctx.Err()
}

// finish stores the outcome of part i and reports progress. A failed part
// is replaced by a marker and its original text.
func (j *job) finish(i int, out string, failed bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if failed {
		lang := j.req.Lang
		if lang == "" {
			lang = i18n.Greek
		}
		lead, core, trail := trimSpace(j.parts[i])
		out = lead + i18n.T(lang, "translate.part_failed", i+1) + "\n\n" + core + trail
		// Parts finish in any order; the user reads the failed ones in order.
		j.failed = insertSorted(j.failed, i+1)
	}
	j.out[i] = out
	j.done++
	if j.progress != nil {
		j.progress(j.done, len(j.parts))
	}
}

// report tells progress that the parts are known.
func (j *job) report() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.progress != nil {
		j.progress(0, len(j.parts))
	}
}

// insertSorted adds n to the sorted slice s.
func insertSorted(s []int, n int) []int {
	i := len(s)
	for i > 0 && s[i-1] > n {
		i--
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = n
	return s
}

// The optional fields with their defaults filled in.

func (t *Translator) concurrency() int { return orDefault(t.Concurrency, DefaultConcurrency) }
func (t *Translator) partTokens() int  { return orDefault(t.PartTokens, DefaultPartTokens) }
func (t *Translator) maxChars() int    { return orDefault(t.MaxChars, DefaultMaxChars) }

// retries returns how often a request is repeated; a negative Retries
// turns retrying off.
func (t *Translator) retries() int {
	if t.Retries < 0 {
		return 0
	}
	return orDefault(t.Retries, DefaultRetries)
}

func (t *Translator) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return DefaultTimeout
}

func (t *Translator) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t *Translator) logger() *slog.Logger {
	if t.Logger != nil {
		return t.Logger
	}
	return slog.Default()
}

// orDefault returns n when it is set (positive), else def.
func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}
