package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Dispatcher answers what users ask: slash commands, submitted modals and
// pressed buttons. The handlers implement it; the bot calls it for Slack,
// and the console (cmd/proxenos) for a terminal.
type Dispatcher interface {
	// HandleCommand answers a slash command; the answer is never nil.
	HandleCommand(ctx context.Context, req *chat.Request) *chat.Response
	// HandleSubmission answers a submitted modal. Non-empty FieldErrors keep
	// the modal open with the messages under the named inputs.
	HandleSubmission(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors)
	// HandleAction answers a pressed button or a shortcut; nil answers nothing.
	HandleAction(ctx context.Context, act *chat.Action) *chat.Response
}

// EventHandler answers Events API events. Bot works without one: events are
// then acknowledged and ignored. Each method may return nil to answer nothing.
type EventHandler interface {
	// HandleMention answers a message that mentions the bot. The answer is
	// posted in the mention's channel (in its thread when InThread).
	HandleMention(ctx context.Context, ev *Event) *chat.Response
	// HandleHomeOpened returns the Home tab of ev.User; its Blocks are
	// published with views.publish.
	HandleHomeOpened(ctx context.Context, ev *Event) *chat.Response
	// HandleFiles answers a message that shares files (ev.Files). The answer
	// is posted like a mention's.
	HandleFiles(ctx context.Context, ev *Event) *chat.Response
}

// Event is an Events API event as an EventHandler sees it. It is the
// handlers' type, so that *handlers.Handler can be the EventHandler.
type Event = chat.Event

// File is a file shared in a message. Fetch its content with Bot.Download.
type File = chat.File

// Config is what a Bot needs to talk to Slack.
type Config struct {
	// Token is the bot token (xoxb-…). Required, unless Installations
	// is set.
	Token string
	// Installations, when set, puts Bot in distribution mode: it serves
	// every workspace that installed Proxenos, each request with the
	// token of its own team_id, and refuses workspaces with no active
	// installation. Token is then not used.
	Installations Installations
	// SigningSecret verifies HTTP requests. Without it HTTPHandler refuses
	// every request; Socket Mode does not need it.
	SigningSecret string
	// APIURL is the Web API base URL, ending in "/"; tests point it at
	// slackfake. Defaults to slack.APIURL.
	APIURL string
	// DefaultLang is used when a user's Slack locale is neither Greek nor
	// English, or cannot be read. Defaults to i18n.Greek.
	DefaultLang i18n.Lang
	// TeamLang, when set, returns a workspace's own default language
	// (its settings in distribution mode), "" for DefaultLang.
	TeamLang func(ctx context.Context, team string) i18n.Lang
	// Events receives Events API events; nil ignores them.
	Events EventHandler
	// Preferences holds the languages users chose with /ir lang; they
	// come before the Slack locale. Optional.
	Preferences proxenos.PreferenceService
	// Receipts is the store the replicas share, where each records the
	// events, actions and submissions it receives, so that a repeat
	// that reaches another replica is dropped there too. Optional: one
	// replica alone drops repeats in memory.
	Receipts proxenos.ReceiptService
	// BotUser is the bot's own user id (auth.test's user_id). With it,
	// FindDelivery counts only messages the bot posted, so that another
	// app cannot claim a reminder was delivered by posting its key.
	// Optional.
	BotUser string
	// Intake is the store the replicas share, where each keeps the
	// commands, button presses, shortcuts and form answers it
	// acknowledges until they are answered, so that those left by a
	// replica that died are finished by another (see RunIntake).
	// Optional: without it a request in flight dies with the process.
	Intake proxenos.IntakeService
	// Logger receives request logs. Defaults to slog.Default().
	Logger *slog.Logger
	// HTTPClient makes Web API calls. Defaults to a client with a 30 s
	// timeout that keeps up to 64 idle connections per host, so that
	// answers posted at once reuse connections instead of opening new ones.
	HTTPClient *http.Client
}

// Defaults of the tunable fields of Bot.
const (
	DefaultMaxBodyBytes      = 1 << 20
	DefaultSubmissionTimeout = 2500 * time.Millisecond
	DefaultWorkTimeout       = 5 * time.Minute
	DefaultLocaleTTL         = time.Hour
	DefaultPreferenceTTL     = time.Minute
	DefaultHomeDebounce      = 2 * time.Second
	DefaultMaxRetries        = 3
	DefaultMaxRetryWait      = time.Minute
	DefaultPingInterval      = 30 * time.Second
	DefaultMaxBackoff        = time.Minute
	DefaultReceiptTimeout    = 500 * time.Millisecond
	DefaultIntakeTimeout     = time.Second
	DefaultIntakeLease       = 30 * time.Second
)

// How long, and how many, event ids, actions and views are remembered to
// drop repeats: Slack retries an event for about 5 minutes.
const (
	dedupeTTL = 15 * time.Minute
	dedupeMax = 10000
)

// Bounds of IntakeLease: it is renewed every third of it, at most every
// second.
const (
	MinIntakeLease = 3 * time.Second
	MaxIntakeLease = time.Hour
)

// Errors of misuse.
var (
	ErrNoToken          = errors.New("bot: a bot token is required")
	ErrNoDispatcher     = errors.New("bot: a dispatcher is required")
	ErrShuttingDown     = errors.New("bot: shutting down")
	ErrMaxWorkRange     = errors.New("bot: MaxWork must be at least 1")
	ErrIntakeLeaseRange = fmt.Errorf("bot: IntakeLease must be from %v to %v", MinIntakeLease, MaxIntakeLease)
)

// Option changes one setting of the Bot New makes, or returns the
// Err…Range error of a value out of bounds.
type Option func(*Bot) error

// WithMaxWork sets MaxWork, at least 1 (else ErrMaxWorkRange).
func WithMaxWork(n int) Option {
	return func(b *Bot) error {
		if n < 1 {
			return ErrMaxWorkRange
		}
		b.MaxWork = n
		return nil
	}
}

// WithIntakeLease sets IntakeLease, from MinIntakeLease to MaxIntakeLease
// (else ErrIntakeLeaseRange).
func WithIntakeLease(d time.Duration) Option {
	return func(b *Bot) error {
		if d < MinIntakeLease || d > MaxIntakeLease {
			return ErrIntakeLeaseRange
		}
		b.IntakeLease = d
		return nil
	}
}

// Check returns the first error New would return for opts, without making
// a Bot: configuration is checked before Slack is called.
func Check(opts ...Option) error {
	return apply(&Bot{}, opts)
}

// apply applies opts to b in order.
func apply(b *Bot, opts []Option) error {
	for _, o := range opts {
		if err := o(b); err != nil {
			return err
		}
	}
	return nil
}

// Bot is the Slack adapter. Create it with New, serve HTTPHandler or run
// RunSocketMode, and call Shutdown before exiting. The exported fields are
// settings with defaults; New's options set and check some of them, and
// all may be changed before serving.
type Bot struct {
	// MaxBodyBytes caps an HTTP request body; larger ones get 413.
	MaxBodyBytes int64
	// SubmissionTimeout is the budget of a modal submission, which Slack
	// wants answered within 3 s.
	SubmissionTimeout time.Duration
	// WorkTimeout bounds each job done after an acknowledgement. It starts
	// when the job gets one of the MaxWork slots, not when it is accepted:
	// a job waiting its turn does not lose its time.
	WorkTimeout time.Duration
	// MaxWork bounds how many jobs run at once after their acknowledgement
	// (defaults to 4 × GOMAXPROCS). The others wait their turn in order of
	// arrival, costing no CPU; no job is dropped, acknowledgements never
	// wait for a slot, and Shutdown waits for the waiting jobs too. It is
	// read when the first job arrives. Modal submissions, whose handler runs
	// before the acknowledgement, do not take a slot.
	MaxWork int
	// LocaleTTL is how long a user's Slack locale is remembered.
	LocaleTTL time.Duration
	// PreferenceTTL is how long a choice made with /ir lang is remembered;
	// ForgetLanguage drops it at once on this instance, and other
	// instances see it within PreferenceTTL.
	PreferenceTTL time.Duration
	// HomeDebounce is how long RefreshHome waits for more changes before
	// publishing; refreshes asked for meanwhile collapse into one.
	HomeDebounce time.Duration
	// MaxRetries is how many times a rate-limited Web API call is retried.
	MaxRetries int
	// MaxRetryWait caps the wait a Retry-After header may ask for.
	MaxRetryWait time.Duration
	// PingInterval is the longest Socket Mode silence before reconnecting.
	PingInterval time.Duration
	// MaxBackoff caps the wait between Socket Mode reconnection attempts.
	MaxBackoff time.Duration
	// ReceiptTimeout bounds each call to Config.Receipts. A submission's
	// check runs before its acknowledgement, within SubmissionTimeout.
	ReceiptTimeout time.Duration
	// IntakeTimeout bounds each call to Config.Intake. Keeping a request
	// runs before its acknowledgement, within Slack's 3 s.
	IntakeTimeout time.Duration
	// IntakeLease is how long a request kept by a replica that stopped
	// renewing its claims waits before another takes it over; RunIntake
	// renews and looks every IntakeLease/3.
	IntakeLease time.Duration
	// MaxTeamWork bounds, in distribution mode, how many of the MaxWork
	// slots the jobs of one workspace hold at once (defaults to half of
	// them), so that a busy workspace cannot keep another waiting. It is
	// read when a workspace is first served.
	MaxTeamWork int
	// Pacing is how often each workspace calls each Web API method, in
	// distribution mode (DefaultPacing); nil paces nothing, as in
	// single-workspace mode, where Slack's Retry-After is enough.
	Pacing Pacing
	// WorkspaceTTL is how long, in distribution mode, an installation
	// read from Config.Installations is trusted before it is read again.
	WorkspaceTTL time.Duration
	// Now tells the time; tests replace it.
	Now func() time.Time

	cfg      Config
	single   *slack.Client // the client of Config.Token, in single-workspace mode
	d        Dispatcher
	log      *slog.Logger
	verifier *Verifier
	locales  *localeCache
	choices  *localeCache
	seen     *dedupe // event ids
	clicks   *dedupe // block actions
	views    *dedupe // view submissions
	// holder names this replica's claims on kept requests.
	holder string
	// storeDown is until when the acknowledgement path does not ask the
	// store, in unix nanoseconds (see storeFailed).
	storeDown atomic.Int64

	// slots holds a token per running job; made with MaxWork at first use.
	slots     chan struct{}
	slotsOnce sync.Once

	// sleep waits d or until ctx ends; tests replace it to skip Retry-After.
	sleep func(ctx context.Context, d time.Duration) error

	// Work started after acknowledgements: Shutdown waits for it.
	mu      sync.Mutex
	closing bool
	work    sync.WaitGroup
	// Home tabs waiting to be re-published: user → asked again meanwhile.
	homes    map[string]bool
	workCtx  context.Context
	stopWork context.CancelFunc

	// The workspaces served in distribution mode, by team.
	wmu    sync.Mutex
	spaces map[string]*workspace
}

// New returns a Bot that sends the Dispatcher's answers to Slack, with the
// defaults changed by opts; it returns the error of the first option out of
// bounds.
func New(cfg Config, d Dispatcher, opts ...Option) (*Bot, error) {
	if cfg.Token == "" && cfg.Installations == nil {
		return nil, ErrNoToken
	}
	if d == nil {
		return nil, ErrNoDispatcher
	}
	if cfg.APIURL == "" {
		cfg.APIURL = slack.APIURL
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = i18n.Greek
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.HTTPClient == nil {
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.MaxIdleConnsPerHost = 64
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second, Transport: transport}
	}
	b := &Bot{
		MaxBodyBytes:      DefaultMaxBodyBytes,
		SubmissionTimeout: DefaultSubmissionTimeout,
		WorkTimeout:       DefaultWorkTimeout,
		MaxWork:           4 * runtime.GOMAXPROCS(0),
		LocaleTTL:         DefaultLocaleTTL,
		PreferenceTTL:     DefaultPreferenceTTL,
		HomeDebounce:      DefaultHomeDebounce,
		MaxRetries:        DefaultMaxRetries,
		MaxRetryWait:      DefaultMaxRetryWait,
		PingInterval:      DefaultPingInterval,
		MaxBackoff:        DefaultMaxBackoff,
		ReceiptTimeout:    DefaultReceiptTimeout,
		IntakeTimeout:     DefaultIntakeTimeout,
		IntakeLease:       DefaultIntakeLease,
		Now:               time.Now,
		cfg:               cfg,
		d:                 d,
		log:               cfg.Logger,
		verifier:          NewVerifier(cfg.SigningSecret),
		locales:           newLocaleCache(10000),
		choices:           newLocaleCache(10000),
		seen:              newDedupe(dedupeTTL, dedupeMax),
		clicks:            newDedupe(dedupeTTL, dedupeMax),
		views:             newDedupe(dedupeTTL, dedupeMax),
		holder:            newRequestID() + newRequestID(),
		WorkspaceTTL:      DefaultWorkspaceTTL,
		sleep:             sleepCtx,
		spaces:            map[string]*workspace{},
	}
	if cfg.Installations != nil {
		b.Pacing = DefaultPacing()
	}
	if err := apply(b, opts); err != nil {
		return nil, err
	}
	b.MaxTeamWork = max(1, b.MaxWork/2)
	b.verifier.Now = func() time.Time { return b.Now() }
	if cfg.Installations == nil {
		b.single = b.client(cfg.Token)
	}
	b.workCtx, b.stopWork = context.WithCancel(context.Background())
	return b, nil
}

// client returns a Web API client for token, plus opts.
func (b *Bot) client(token string, opts ...slack.Option) *slack.Client {
	return slack.New(token, append([]slack.Option{
		slack.OptionAPIURL(b.cfg.APIURL),
		slack.OptionHTTPClient(b.cfg.HTTPClient),
	}, opts...)...)
}

// Shutdown stops accepting new work and waits for work in flight, or for ctx
// to end; then it cancels what is left and returns ctx's error.
func (b *Bot) Shutdown(ctx context.Context) error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() {
		b.work.Wait()
		close(done)
	}()
	// Kept-alive connections to Slack end with the bot, not with the process.
	defer b.cfg.HTTPClient.CloseIdleConnections()
	select {
	case <-done:
		b.stopWork()
		return nil
	case <-ctx.Done():
		// Work that is still running sees its context cancelled.
		b.stopWork()
		return ctx.Err()
	}
}

// job is work to run after an acknowledgement.
type job struct {
	kind string // "command", "action", "submission", "event", "shortcut"
	name string // the command, action or callback id, or event type
	id   string // request id
	team string
	user string
	to   target // where an apology goes if the work panics
	// receipt, when set, is the key Config.Receipts is asked about
	// before the work runs: a repeat of a request another replica
	// received is dropped.
	receipt string
	// kept, when set, is the job's record in Config.Intake, settled when
	// the job ends.
	kept *kept
	run  func(ctx context.Context, to *target) error
	// accepted is when the request was acknowledged, to log the wait.
	accepted time.Time
}

// start runs j in a tracked goroutine once acked is closed, so that no
// handler work runs before Slack has its acknowledgement, and once one of
// the MaxWork slots is free (in distribution mode, one of its
// workspace's MaxTeamWork first). It returns ErrShuttingDown after
// Shutdown.
func (b *Bot) start(j job, acked <-chan struct{}) error {
	b.mu.Lock()
	if b.closing {
		b.mu.Unlock()
		return ErrShuttingDown
	}
	b.work.Add(1)
	b.mu.Unlock()
	b.slotsOnce.Do(func() { b.slots = make(chan struct{}, max(1, b.MaxWork)) })
	go func() {
		defer b.work.Done()
		<-acked
		j.accepted = time.Now()
		ctx, w, err := b.workContext(j.team)
		if err != nil {
			b.dropJob(j, err)
			return
		}
		release, err := b.takeSlot(ctx, w)
		if err != nil {
			b.dropJob(j, err)
			return
		}
		defer release()
		b.runJob(ctx, j)
	}()
	return nil
}

// takeSlot waits for a work slot: its workspace's first, in distribution
// mode, then one of all. It returns the function that gives them back,
// or ctx's error when Shutdown gives up or the workspace uninstalls.
func (b *Bot) takeSlot(ctx context.Context, w *workspace) (release func(), err error) {
	if w != nil {
		select {
		case w.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		if w != nil {
			<-w.slots
		}
		return nil, ctx.Err()
	}
	release = func() {
		<-b.slots
		if w != nil {
			<-w.slots
		}
	}
	// A slot freed just as ctx ended may have won the select: a job must
	// not start after Shutdown gave up.
	if err := ctx.Err(); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// dropJob gives up j before it ran: at shutdown a kept request is left to
// another replica, or to this one restarted; for a workspace that is no
// longer served it is finished, never to be retried.
func (b *Bot) dropJob(j job, err error) {
	if b.workCtx.Err() != nil || !errors.Is(err, errNotInstalled) && !errors.Is(err, context.Canceled) {
		b.log.Warn("slack request dropped at shutdown", "request_id", j.id, "kind", j.kind, "name", j.name,
			"user", j.user, "team", j.team, "kept", j.kept != nil, "err", err)
		b.release(j.kept)
		return
	}
	b.log.Warn("slack request dropped: workspace not served", "request_id", j.id, "kind", j.kind, "name", j.name,
		"user", j.user, "team", j.team, "kept", j.kept != nil)
	b.settle(j.kept, true)
}

// runJob runs j within ctx with its language resolved, recovers a panic
// into an apology, and logs the outcome.
func (b *Bot) runJob(ctx context.Context, j job) {
	begin := time.Now()
	queued := begin.Sub(j.accepted)
	ctx, cancel := context.WithTimeout(ctx, b.WorkTimeout)
	defer cancel()
	outcome := "ok"
	defer func() {
		if r := recover(); r != nil {
			outcome = "panic"
			b.log.Error("slack request panicked", "request_id", j.id, "kind", j.kind, "name", j.name,
				"panic", r, "stack", stack())
			b.apologize(ctx, &j.to, j.id)
		}
		b.settle(j.kept, outcome != "error")
		b.log.Info("slack request", "request_id", j.id, "kind", j.kind, "name", j.name,
			"user", j.user, "team", j.team, "outcome", outcome, "elapsed", time.Since(begin), "queued", queued)
	}()
	if j.receipt != "" && !b.receive(ctx, j.team, j.receipt) {
		outcome = "repeat"
		return
	}
	if j.to.Lang == "" {
		j.to.Lang = b.lang(ctx, j.team, j.user)
	}
	if err := j.run(ctx, &j.to); err != nil {
		outcome = "error"
		b.log.Error("slack reply failed", "request_id", j.id, "kind", j.kind, "name", j.name, "err", err)
		// A saved answer is left to recovery: the user hears the outcome
		// late, never "try again" about something that was done.
		if j.kept == nil || !j.kept.saved {
			b.reportFailure(ctx, &j.to, err)
		}
	}
}

// apologize tells the user that their request failed unexpectedly.
func (b *Bot) apologize(ctx context.Context, to *target, requestID string) {
	lang := to.Lang
	if lang == "" {
		lang = b.cfg.DefaultLang
	}
	resp := &chat.Response{Text: i18n.T(lang, "error.panic", requestID), Ephemeral: true}
	if err := b.deliverMessage(ctx, to, resp); err != nil {
		b.log.Error("slack apology failed", "request_id", requestID, "err", err)
	}
}

// stack returns the current goroutine's stack, for panic logs.
func stack() string { return string(debug.Stack()) }

// newRequestID returns a short random id that users can quote.
func newRequestID() string {
	var p [6]byte
	_, _ = rand.Read(p[:])
	return hex.EncodeToString(p[:])
}

// closedChan is an already-closed channel, for work that needs no ack.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()
