package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sashabaranov/go-openai"
	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/calendar"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
	"github.com/proxenos/proxenos/portal"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/translate"
)

// Timeouts of start-up and of the readiness checks.
const (
	startupTimeout    = 30 * time.Second
	readyCheckTimeout = 3 * time.Second
	slackAuthMaxAge   = time.Minute
	groupMembersTTL   = 5 * time.Minute
)

// runServe starts the bot: it checks the credentials with Slack, opens the
// store, and serves HTTP (and Socket Mode when an app token is set) in the
// background until Close.
func (m *Main) runServe(ctx context.Context) error {
	c := &m.Config
	m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	// Check the credentials before touching the network or the disk, so
	// that a first run without them fails at once and says what to set.
	if err := m.checkCredentials(); err != nil {
		return err
	}
	// Config.LogValue redacts the secrets; the rest helps support.
	m.Logger.Info("starting", "version", proxenos.Version, "config", *c)

	startCtx, cancel := context.WithTimeout(ctx, startupTimeout)
	defer cancel()
	client, auth, err := m.slackClient(startCtx)
	if err != nil {
		return err
	}
	if err := m.openStore(startCtx); err != nil {
		return err
	}
	if m.Installations == nil && c.Distribution() {
		if m.Installations, err = m.workspaces(); err != nil {
			return err
		}
	}
	m.Workspaces = m.newWorkspaces()
	m.Metrics = NewMetrics()
	// The bot is made first, answering through scope, so that the
	// handlers can be given it; scope gets them before anything is served.
	scope := &teamScope{team: auth.TeamID}
	if err := m.newBot(auth, scope); err != nil {
		return err
	}
	if err := m.newReminders(auth.TeamID); err != nil {
		return err
	}
	m.Handler = m.serveHandler(client)
	scope.Dispatcher, scope.events = m.Handler, m.Handler

	// Socket Mode lives until Close, not until Run's context ends: Close
	// decides the order in which things stop.
	bgCtx, bgCancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = bgCancel
	if jobs := m.reminderJobs(); jobs != nil {
		if err := jobs.Start(bgCtx); err != nil {
			return err
		}
	}
	mux := m.serveMux(client)
	if err := m.mountInstall(mux); err != nil {
		return err
	}
	if err := m.listen(mux); err != nil {
		return err
	}
	m.runBackground(bgCtx)
	m.Logger.Info("listening", "addr", m.listener.Addr().String(), "socket_mode", c.Slack.AppToken != "", "team", auth.TeamID)
	return nil
}

// slackClient returns the client of the bot token and what auth.test
// says of it; in distribution mode, where each workspace has its own
// token, neither (auth is empty: no team is the process's own).
func (m *Main) slackClient(ctx context.Context) (*slack.Client, *slack.AuthTestResponse, error) {
	if m.distributed() {
		return nil, &slack.AuthTestResponse{}, nil
	}
	client := slack.New(m.Config.Slack.BotToken, m.slackOptions()...)
	auth, err := m.authenticate(ctx, client)
	return client, auth, err
}

// checkCredentials returns an EINVALID error naming what is missing of the
// Slack credentials: a bot token (none in distribution mode), and a
// signing secret or an app token.
func (m *Main) checkCredentials() error {
	c := &m.Config
	if m.distributed() && c.Slack.SigningSecret == "" {
		return proxenos.Errorf(proxenos.EINVALID, "config.missing.verifier")
	} else if m.distributed() {
		return nil
	}
	switch {
	case c.Slack.BotToken == "" && c.Slack.AppToken == "" && c.Slack.SigningSecret == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.missing.slack")
	case c.Slack.BotToken == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.missing.bot_token")
	case c.Slack.SigningSecret == "" && c.Slack.AppToken == "":
		return proxenos.Errorf(proxenos.EINVALID, "config.missing.verifier")
	}
	return nil
}

// authenticate calls auth.test, which proves the token and names the one
// workspace we serve.
func (m *Main) authenticate(ctx context.Context, client *slack.Client) (*slack.AuthTestResponse, error) {
	auth, err := client.AuthTestContext(ctx)
	var refused slack.SlackErrorResponse
	if errors.As(err, &refused) {
		return nil, proxenos.Errorf(proxenos.EUNAUTHORIZED, "serve.slack_auth", refused.Err)
	} else if err != nil {
		return nil, proxenos.Errorf(proxenos.EUNAVAILABLE, "serve.slack_unreachable", m.Config.scrub(err.Error()))
	}
	m.Logger.Info("slack auth ok", "team", auth.TeamID, "bot_user", auth.UserID)
	return auth, nil
}

// newBot makes the Slack adapter of the workspace auth names, answering
// through scope.
func (m *Main) newBot(auth *slack.AuthTestResponse, scope *teamScope) error {
	c := &m.Config
	var teamLang func(context.Context, string) i18n.Lang
	if m.Workspaces != nil {
		teamLang = m.teamLang
	}
	b, err := bot.New(bot.Config{
		Token:         c.Slack.BotToken,
		Installations: m.Installations,
		SigningSecret: c.Slack.SigningSecret,
		APIURL:        m.apiURL(),
		DefaultLang:   c.Lang(),
		TeamLang:      teamLang,
		Events:        scope,
		Preferences:   m.Store.Preferences,
		Receipts:      m.Store.Receipts, // replicas drop each other's repeats
		BotUser:       auth.UserID,
		Intake:        m.Store.Intake, // and finish what a replica that died acknowledged
		Logger:        m.Logger,
	}, scope, m.botOptions()...)
	m.Bot = b
	return err
}

// botOptions returns the bot's settings, which Validate has checked.
func (m *Main) botOptions() []bot.Option {
	var opts []bot.Option
	if n, _ := m.Config.MaxWork(); n > 0 {
		opts = append(opts, bot.WithMaxWork(n))
	}
	// One lease for a replica's work in flight, reminders being sent and
	// requests acknowledged alike: another replica takes over within it.
	if d, err := time.ParseDuration(m.Config.Reminders.LeaseTTL); err == nil {
		opts = append(opts, bot.WithIntakeLease(d))
	}
	return opts
}

// newReminders makes the reminder engine, unless there is no office
// channel: reminders need somewhere to go; without it they are off, and
// the handlers tell users to ask for one.
func (m *Main) newReminders(team string) error {
	if m.distributed() {
		return m.newFleet()
	}
	if m.Config.Office.Channel == "" {
		m.Logger.Warn("reminders are not sent: no office channel", "setting", "PROXENOS_OFFICE_CHANNEL")
		return nil
	}
	s, err := m.newScheduler(team, m.Config.Office.Channel, m.Bot)
	if err != nil {
		return err
	}
	m.Scheduler = s
	return nil
}

// serveHandler returns the command handlers as served to Slack: with the
// access lists, metrics, the bot, reminders when they are on, and
// calendar feeds when there is a public address to serve them at.
func (m *Main) serveHandler(client *slack.Client) *handlers.Handler {
	h := m.newHandler()
	h.Access = m.access(client)
	h.Observe = m.Metrics.Observe
	// The handlers read shared messages and files through the bot, refresh
	// Home tabs, forget remembered languages and read users' names
	// through it.
	m.Modules.Translation.Conversations = m.Bot
	m.Modules.Correspondence.Conversations = m.Bot
	h.Home = m.Bot
	h.Languages = m.Bot
	h.People = m.Bot
	switch {
	case m.Scheduler != nil:
		m.Modules.IR.Reminders = m.Scheduler
	case m.Fleet != nil:
		m.Modules.IR.Reminders = m.Fleet
	}
	if m.Config.HTTP.PublicURL != "" {
		m.Modules.IR.CalendarFeeds = m.Store.CalendarFeeds
		m.Modules.IR.PublicURL = m.Config.HTTP.PublicURL
	}
	return h
}

// serveMux routes Slack's requests, the health and readiness probes,
// metrics and, when there is a public address, calendar feeds.
func (m *Main) serveMux(client *slack.Client) *http.ServeMux {
	c := &m.Config
	checks := []readyCheck{{"store", m.Store.Ping}}
	if client != nil { // distribution mode has no token of its own to check
		checks = append(checks, readyCheck{"slack", (&authCheck{client: client, ok: time.Now()}).check})
	}
	mux := http.NewServeMux()
	// Without a signing secret nothing Slack sends over HTTP can be
	// verified, so the Slack endpoints are not served at all.
	if c.Slack.SigningSecret != "" {
		mux.Handle("/slack/", m.Bot.HTTPHandler())
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeStatus(w, http.StatusOK, "ok", "")
	})
	mux.Handle("GET /readyz", m.readyHandler(checks))
	mux.Handle("GET /metrics", m.Metrics.Handler())
	if c.HTTP.PublicURL != "" {
		feed := calendar.NewHandler(m.Store.CalendarFeeds, m.Store.Calls, m.Store.Agreements)
		feed.Location = c.Location()
		feed.Logger = m.Logger
		feed.Allowed = m.Handler.CheckAccess
		if m.Workspaces != nil {
			feed.Office = m.workspaceOffice
		} else {
			feed.Channel = c.Office.Channel
		}
		mux.Handle(calendar.Path, feed)
	}
	return mux
}

// listen listens on the HTTP address and serves mux in the background. It
// listens before returning, so that a port in use fails start-up and tests
// can read the address of ":0" from HTTPAddr.
func (m *Main) listen(mux http.Handler) error {
	ln, err := net.Listen("tcp", m.Config.HTTP.Addr)
	if err != nil {
		return proxenos.Errorf(proxenos.EINVALID, "serve.listen", m.Config.HTTP.Addr, err.Error())
	}
	m.listener = ln
	// Timeouts keep slow or stuck clients from holding connections; Slack
	// itself gives up after 3 s.
	m.server = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.fail(err)
		}
	}()
	return nil
}

// runBackground finishes, from the store, requests acknowledged before a
// crash, here or on another replica (at once, and whenever a claim goes
// stale), and runs Socket Mode when an app token is set, until Close.
func (m *Main) runBackground(bgCtx context.Context) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		m.Bot.RunIntake(bgCtx)
	}()
	if token := m.Config.Slack.AppToken; token != "" {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			if err := m.Bot.RunSocketMode(bgCtx, token); err != nil && bgCtx.Err() == nil {
				m.fail(err)
			}
		}()
	}
}

// apiURL returns PROXENOS_SLACK_API_URL ending in "/", or "" for Slack's.
func (m *Main) apiURL() string {
	u := m.Config.Slack.APIURL
	// slack-go appends method names to the URL as they are ("auth.test"):
	// without the slash the request would go to ".../apiauth.test".
	if u != "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// slackOptions points the client at PROXENOS_SLACK_API_URL when set.
func (m *Main) slackOptions() []slack.Option {
	var opts []slack.Option
	if u := m.apiURL(); u != "" {
		opts = append(opts, slack.OptionAPIURL(u))
	}
	return opts
}

// teamScope scopes every request and event to the workspace the bot token
// belongs to, as auth.test reported it, in single-workspace mode. In
// distribution mode its team is "" and each keeps its own, which the bot
// took from the signed payload and checked against the installations.
type teamScope struct {
	bot.Dispatcher
	events bot.EventHandler
	team   string
}

// HandleMention implements bot.EventHandler.
func (s teamScope) HandleMention(ctx context.Context, ev *chat.Event) *chat.Response {
	ev.Team = cmp.Or(s.team, ev.Team)
	return s.events.HandleMention(ctx, ev)
}

// HandleHomeOpened implements bot.EventHandler.
func (s teamScope) HandleHomeOpened(ctx context.Context, ev *chat.Event) *chat.Response {
	ev.Team = cmp.Or(s.team, ev.Team)
	return s.events.HandleHomeOpened(ctx, ev)
}

// HandleFiles implements bot.EventHandler.
func (s teamScope) HandleFiles(ctx context.Context, ev *chat.Event) *chat.Response {
	ev.Team = cmp.Or(s.team, ev.Team)
	return s.events.HandleFiles(ctx, ev)
}

// HandleCommand implements Dispatcher.
func (s teamScope) HandleCommand(ctx context.Context, req *chat.Request) *chat.Response {
	req.Team = cmp.Or(s.team, req.Team)
	return s.Dispatcher.HandleCommand(ctx, req)
}

// HandleSubmission implements Dispatcher.
func (s teamScope) HandleSubmission(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
	sub.Team = cmp.Or(s.team, sub.Team)
	return s.Dispatcher.HandleSubmission(ctx, sub)
}

// HandleAction implements Dispatcher.
func (s teamScope) HandleAction(ctx context.Context, act *chat.Action) *chat.Response {
	act.Team = cmp.Or(s.team, act.Team)
	return s.Dispatcher.HandleAction(ctx, act)
}

// openStore opens the configured store; errors never show its password.
func (m *Main) openStore(ctx context.Context) error {
	store, err := storage.Open(ctx, m.Config.Storage.URL)
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return perr
	} else if err != nil {
		return proxenos.Errorf(proxenos.EUNAVAILABLE, "serve.storage", redactURL(m.Config.Storage.URL), m.Config.scrub(err.Error()))
	}
	m.Store = store
	return nil
}

// newHandler returns the kernel with every register's module over the
// store, in the office zone, with the translator when a model is
// configured. The modules that need what is made later (the bot, the
// scheduler) are kept in m.Modules.
func (m *Main) newHandler() *handlers.Handler {
	k := handlers.NewHandler()
	k.Location = m.Config.Location()
	k.Logger = m.Logger
	k.Preferences = m.Store.Preferences
	k.DefaultLang = m.Config.Lang()
	k.Workspaces = m.Workspaces
	m.Modules = newModules(k, m.Store)
	m.Modules.Calls.Portal = &portal.Client{BaseURL: m.Config.Calls.PortalURL}
	tr := m.Modules.Translation
	tr.Documents = m.Config.Documents.sandbox(m.Logger)
	desk := &letter.Desk{Reader: letter.Reader{Documents: tr.Documents}, Office: letter.Office{Domains: m.Config.Office.Domains, Names: m.Config.Office.Names}}
	// A nil interface, not a nil *Translator: the module then explains
	// how to configure a model.
	if t := m.newTranslator(); t != nil {
		tr.Translator = t
		tr.MonthlyTokenBudget = t.MonthlyTokenBudget
		desk.Model = &letter.Model{Client: t.Client, Model: t.Model, OfficeNames: desk.Office.Names, OfficeDomains: desk.Office.Domains,
			Usage: m.Store.Usage, Logger: m.Logger, Budget: func(ctx context.Context) int {
				// The workspace's budget, else the deployment's, as for translations.
				if _, budget, err := k.Model(ctx); err == nil && budget > 0 {
					return budget
				}
				return t.MonthlyTokenBudget
			}}
	}
	m.Modules.Correspondence.Reader = desk
	if k.Workspaces != nil {
		m.Modules.Correspondence.Reader = &workspaceDesk{Desk: desk, rules: &letter.Desk{Reader: desk.Reader, Office: desk.Office}, k: k}
	}
	return k
}

// newScheduler returns the reminder engine of the workspace team, posting
// to channel with poster (the console in the console). The settings are
// the scheduler's options, which Validate has checked.
func (m *Main) newScheduler(team, channel string, poster scheduler.Poster) (*scheduler.Scheduler, error) {
	opts, err := m.schedulerOptions()
	if err != nil {
		return nil, err
	}
	return scheduler.New(team, channel, m.Store.Reminders, m.Store.Calls, m.Store.Agreements, poster, opts...)
}

// schedulerOptions returns the process's reminder settings as scheduler
// options, with the store's correspondence and partners for the digest
// and the reminders.
func (m *Main) schedulerOptions() ([]scheduler.Option, error) {
	opts, err := m.Config.Reminders.options()
	if err != nil {
		return nil, err
	}
	return append(opts, scheduler.WithCorrespondence(m.Store.Correspondence), scheduler.WithPartners(m.Store.Partners),
		scheduler.WithLocation(m.Config.Location()), scheduler.WithLang(m.Config.Lang()), scheduler.WithLogger(m.Logger)), nil
}

// newFleet makes the reminder engine of distribution mode: every
// installed workspace's reminders go to its own office channel (its
// settings, /ir setup) with its own token; the process's reminder
// settings are the defaults of those a workspace leaves unset.
func (m *Main) newFleet() error {
	if m.Settings == nil {
		m.Settings = m.Store.Settings
	}
	// Only the teams of the installations and whether they are active
	// are read: from the store, with the tokens left sealed, unless a
	// test gave installations of its own.
	var insts scheduler.Installed = m.Store.Installations
	if given, ok := m.Installations.(scheduler.Installed); ok {
		if _, ours := m.Installations.(*workspaces); !ours {
			insts = given
		}
	}
	opts, err := m.schedulerOptions()
	if err != nil {
		return err
	}
	// An uninstalled workspace stops at once, not at the next tick's
	// reading of the installations.
	opts = append(opts, scheduler.WithActive(m.Bot.Active))
	m.Fleet, err = scheduler.NewFleet(insts, m.Settings, m.Store.Reminders, m.Store.Calls, m.Store.Agreements, m.Bot, opts...)
	return err
}

// reminderJobs returns the reminder engine to start and stop: the
// Scheduler or the Fleet; nil when reminders are off.
func (m *Main) reminderJobs() interface {
	Start(context.Context) error
	Stop() error
} {
	switch {
	case m.Scheduler != nil:
		return m.Scheduler
	case m.Fleet != nil:
		return m.Fleet
	}
	return nil
}

// translationCacheSize is how many translated parts are remembered, so
// that the same letter translated twice costs once.
const translationCacheSize = 2000

// newTranslator returns the LLM translator, or nil when no API key or base
// URL is configured (Validate has made sure a model is named then).
func (m *Main) newTranslator() *translate.Translator {
	llm := m.Config.LLM
	if llm.APIKey == "" && llm.BaseURL == "" {
		return nil
	}
	cfg := openai.DefaultConfig(llm.APIKey)
	if llm.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(llm.BaseURL, "/")
	}
	t := &translate.Translator{
		Client:   translate.NewClient(cfg),
		Model:    llm.Model,
		Glossary: m.Store.Glossary,
		Usage:    m.Store.Usage,
		Cache:    translate.NewLRUCache(translationCacheSize),
		Logger:   m.Logger,
	}
	llm.apply(t)
	return t
}

// access turns the access lists into handlers.Access. Entries starting with
// S are Slack user groups, whose members are read from Slack and cached.
func (m *Main) access(client *slack.Client) handlers.Access {
	var a handlers.Access
	for _, id := range m.Config.Access.AllowedUsers {
		if strings.HasPrefix(id, "S") {
			a.Groups = append(a.Groups, id)
		} else {
			a.Users = append(a.Users, id)
		}
	}
	a.Admins = m.Config.Access.Admins
	if m.Workspaces != nil && (len(a.Users) > 0 || len(a.Groups) > 0 || len(a.Admins) > 0) {
		m.Logger.Warn("the access lists of the process are not used in distribution mode: each workspace sets its own with /ir setup",
			"settings", "PROXENOS_ALLOWED_USERS, PROXENOS_ADMINS")
	}
	switch {
	// In distribution mode the allow-lists are each workspace's settings
	// (/ir setup): groups are read with the workspace's own token.
	case m.Workspaces != nil:
		a.Members = (&groupMembers{read: m.Bot.UserGroupMembers, cache: map[string]cachedMembers{}}).members
	case len(a.Groups) > 0 && client != nil:
		read := func(ctx context.Context, group string) ([]string, error) {
			return client.GetUserGroupMembersContext(ctx, group)
		}
		a.Members = (&groupMembers{read: read, cache: map[string]cachedMembers{}}).members
	}
	return a
}

// cachedMembers is a user group's members as read at a time.
type cachedMembers struct {
	users []string
	at    time.Time
}

// groupMembers reads user group members from Slack, at most every
// groupMembersTTL per workspace and group.
type groupMembers struct {
	read  func(ctx context.Context, group string) ([]string, error)
	mu    sync.Mutex
	cache map[string]cachedMembers
}

// members returns the members of a user group of the workspace in ctx.
func (g *groupMembers) members(ctx context.Context, group string) ([]string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	key := proxenos.TeamFromContext(ctx) + "/" + group
	if c, ok := g.cache[key]; ok && time.Since(c.at) < groupMembersTTL {
		return c.users, nil
	}
	users, err := g.read(ctx, group)
	if err != nil {
		return nil, err
	}
	g.cache[key] = cachedMembers{users: users, at: time.Now()}
	return users, nil
}

// readyCheck is one dependency /readyz checks.
type readyCheck struct {
	name  string
	check func(ctx context.Context) error
}

// readyHandler answers 200 when every check passes, and 503 with the name of
// the first failing one; the error itself is logged, not shown.
func (m *Main) readyHandler(checks []readyCheck) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, c := range checks {
			ctx, cancel := context.WithTimeout(r.Context(), readyCheckTimeout)
			err := c.check(ctx)
			cancel()
			if err != nil {
				m.Logger.Warn("not ready", "check", c.name, "err", m.Config.scrub(err.Error()))
				writeStatus(w, http.StatusServiceUnavailable, "unavailable", c.name+" check failed")
				return
			}
		}
		writeStatus(w, http.StatusOK, "ok", "")
	})
}

// writeStatus writes {"status": …, "reason": …} with the HTTP status code.
func writeStatus(w http.ResponseWriter, code int, status, reason string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(struct {
		Status string `json:"status"`
		Reason string `json:"reason,omitempty"`
	}{status, reason})
}

// authCheck repeats auth.test for /readyz at most once a minute while it
// passes, so that probes do not spend Slack's rate limit.
type authCheck struct {
	client *slack.Client
	mu     sync.Mutex
	ok     time.Time // when auth.test last passed
}

// check returns nil when the bot token was accepted within the last minute.
func (a *authCheck) check(ctx context.Context) error {
	// The lock also makes concurrent probes wait for one auth.test.
	a.mu.Lock()
	defer a.mu.Unlock()
	if time.Since(a.ok) < slackAuthMaxAge {
		return nil
	}
	if _, err := a.client.AuthTestContext(ctx); err != nil {
		return err
	}
	a.ok = time.Now()
	return nil
}

// scrub removes every secret of c from s, e.g. from an error message.
func (c *Config) scrub(s string) string {
	for _, secret := range c.Secrets() {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return s
}
