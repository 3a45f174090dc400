package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// Installations is what Bot needs of the installations of a
// distribution-mode deployment (proxenos.InstallationService implements
// it). Token rotation belongs to the implementation: FindInstallation
// returns a token that is valid now.
type Installations interface {
	// FindInstallation returns the installation of team; ENOTFOUND when
	// the workspace never installed Proxenos.
	FindInstallation(ctx context.Context, team string) (*proxenos.Installation, error)
	// MarkUninstalled records that team removed the app or revoked its
	// tokens at.
	MarkUninstalled(ctx context.Context, team string, at time.Time) error
}

// DefaultWorkspaceTTL is how long an installation read from the store is
// trusted before it is read again.
const DefaultWorkspaceTTL = time.Minute

// Errors of requests and work for a workspace Bot does not serve.
var (
	// errNotInstalled refuses a request from a workspace that has no
	// active installation: it never installed Proxenos, removed it, or
	// revoked its tokens.
	errNotInstalled = errors.New("bot: the workspace has no active installation")
	// errNoTeam refuses a request, or a Web API call, in distribution
	// mode, that names no workspace: no token is guessed.
	errNoTeam = fmt.Errorf("bot: no workspace named: %w", errNotInstalled)
)

// workspace is one installed workspace as Bot serves it in distribution
// mode: its Web API client, the context its work runs in (cancelled
// when it uninstalls), its share of the work slots and its pacing.
type workspace struct {
	team  string
	inst  *proxenos.Installation
	api   *slack.Client
	read  time.Time // when inst was read from the store
	gone  bool      // uninstalled or revoked
	ctx   context.Context
	stop  context.CancelFunc
	slots chan struct{}
	pace  *pacer
}

// distributed reports whether Bot serves many workspaces (Config.Installations).
func (b *Bot) distributed() bool { return b.cfg.Installations != nil }

// fresh reports whether w's installation may be used without reading it
// again: read within WorkspaceTTL, and its token not about to expire.
// b.wmu must be held.
func (b *Bot) fresh(w *workspace, now time.Time) bool {
	if now.Sub(w.read) >= b.WorkspaceTTL {
		return false
	}
	exp := w.inst.TokenExpires
	return exp.IsZero() || now.Before(exp.Add(-time.Minute))
}

// workspace returns the served workspace team: from memory while fresh,
// else read again from Config.Installations, its client replaced when the
// token changed. errNotInstalled when team has no active installation;
// when the store fails, a workspace already known is served as it was.
func (b *Bot) workspace(ctx context.Context, team string) (*workspace, error) {
	if team == "" {
		return nil, errNoTeam
	}
	now := b.Now()
	b.wmu.Lock()
	w := b.spaces[team]
	fresh, gone := w != nil && b.fresh(w, now), w != nil && w.gone
	b.wmu.Unlock()
	switch {
	case fresh && gone:
		return nil, errNotInstalled
	case fresh:
		return w, nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.IntakeTimeout)
	defer cancel()
	inst, err := b.cfg.Installations.FindInstallation(ctx, team)
	switch {
	case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
		return nil, errNotInstalled
	case err != nil && w != nil && !gone:
		b.log.Warn("installation not read; serving the workspace as known", "team", team, "code", proxenos.ErrorCode(err))
		return w, nil
	case err != nil:
		return nil, err
	}
	return b.install(inst, now)
}

// install records inst as read now, and returns its workspace:
// errNotInstalled when it is not active.
func (b *Bot) install(inst *proxenos.Installation, now time.Time) (*workspace, error) {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	w := b.spaces[inst.Team]
	if w == nil || (w.gone && inst.Active()) {
		// A reinstall starts afresh: the old context stays cancelled.
		ctx, stop := context.WithCancel(b.workCtx)
		w = &workspace{team: inst.Team, ctx: ctx, stop: stop, pace: newPacer(b.Pacing),
			slots: make(chan struct{}, max(1, b.MaxTeamWork))}
		b.spaces[inst.Team] = w
	}
	if w.inst == nil || w.inst.BotToken != inst.BotToken {
		w.api = b.client(inst.BotToken)
	}
	w.inst, w.read = inst, now
	if !inst.Active() {
		b.drop(w)
		return nil, errNotInstalled
	}
	return w, nil
}

// drop stops all work of w: its context is cancelled and its client
// forgotten. b.wmu must be held.
func (b *Bot) drop(w *workspace) {
	w.gone = true
	w.api = nil
	w.stop()
}

// admit checks, before a request from team (in enterprise, "" outside a
// grid) is acknowledged, that Bot serves it: errNotInstalled refuses it.
// Single-workspace mode admits everything, as before.
func (b *Bot) admit(team, enterprise string) error {
	if !b.distributed() {
		return nil
	}
	w, err := b.workspace(b.workCtx, team)
	if err == nil && enterprise != "" && b.enterprise(w) != "" && enterprise != b.enterprise(w) {
		err = errNotInstalled // a workspace of another grid
	}
	if err != nil {
		b.log.Warn("slack request from a workspace not served; refused", "team", team, "enterprise", enterprise,
			"err", err)
	}
	return err
}

// enterprise returns the Enterprise Grid of w's installation.
func (b *Bot) enterprise(w *workspace) string {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	return w.inst.Enterprise
}

// Active reports whether team is served: always in single-workspace
// mode; in distribution mode while it has an active installation. The
// scheduler asks it before planning a workspace's reminders.
func (b *Bot) Active(ctx context.Context, team string) bool {
	if !b.distributed() {
		return true
	}
	_, err := b.workspace(ctx, team)
	return err == nil
}

// ForgetWorkspace drops what Bot remembers of team's installation, so
// that the next request reads it again: call it when an installation is
// saved (a reinstall, a new token).
func (b *Bot) ForgetWorkspace(team string) {
	b.wmu.Lock()
	defer b.wmu.Unlock()
	if w := b.spaces[team]; w != nil {
		w.read = time.Time{}
	}
}

// uninstall stops all work for team at once, Slack having said that the
// app was removed or its tokens revoked, and records it in the store.
func (b *Bot) uninstall(team, why string) {
	b.wmu.Lock()
	w := b.spaces[team]
	if w == nil {
		ctx, stop := context.WithCancel(b.workCtx)
		w = &workspace{team: team, ctx: ctx, stop: stop, inst: &proxenos.Installation{Team: team}}
		b.spaces[team] = w
	}
	w.read = b.Now()
	b.drop(w)
	b.wmu.Unlock()
	b.log.Warn("workspace uninstalled; its work stops", "team", team, "event", why)
	ctx, cancel := context.WithTimeout(b.workCtx, b.IntakeTimeout)
	defer cancel()
	if err := b.cfg.Installations.MarkUninstalled(ctx, team, b.Now()); err != nil {
		b.log.Error("uninstallation not recorded", "team", team, "code", proxenos.ErrorCode(err), "err", err)
	}
}

// revoked reports whether err is Slack refusing the token of the call,
// after which the installation is read again.
func revoked(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "invalid_auth", "token_revoked", "token_expired", "account_inactive", "not_authed":
		return true
	}
	return false
}

// api returns the Web API client of the workspace in ctx: the one client
// in single-workspace mode.
func (b *Bot) api(ctx context.Context) (*slack.Client, *workspace, error) {
	if !b.distributed() {
		return b.single, nil, nil
	}
	w, err := b.workspace(ctx, proxenos.TeamFromContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	b.wmu.Lock()
	api := w.api
	b.wmu.Unlock()
	if api == nil {
		return nil, nil, errNotInstalled
	}
	return api, w, nil
}

// workContext returns the context a job of team runs in: cancelled when
// Shutdown gives up, and, in distribution mode, when team uninstalls.
func (b *Bot) workContext(team string) (context.Context, *workspace, error) {
	ctx := proxenos.NewContextWithTeam(b.workCtx, team)
	if !b.distributed() {
		return ctx, nil, nil
	}
	w, err := b.workspace(ctx, team)
	if err != nil {
		return nil, nil, err
	}
	return proxenos.NewContextWithTeam(w.ctx, team), w, nil
}

// notInstalledText answers a slash command from a workspace not served,
// in Greek and English: the user's language is not known without a token.
func notInstalledText() string {
	return i18n.T(i18n.Greek, "bot.not_installed") + "\n" + i18n.T(i18n.English, "bot.not_installed")
}
