package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// memInstallations keeps installations in memory, for the tests only.
type memInstallations struct {
	mu    sync.Mutex
	insts map[string]proxenos.Installation
	reads int
}

func (m *memInstallations) SaveInstallation(_ context.Context, inst *proxenos.Installation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.insts[inst.Team] = *inst
	return nil
}

func (m *memInstallations) FindInstallation(_ context.Context, team string) (*proxenos.Installation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reads++
	inst, ok := m.insts[team]
	if !ok {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "error.not_found")
	}
	return &inst, nil
}

func (m *memInstallations) MarkUninstalled(_ context.Context, team string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	inst, ok := m.insts[team]
	if !ok {
		return proxenos.Errorf(proxenos.ENOTFOUND, "error.not_found")
	}
	inst.Uninstalled = at
	m.insts[team] = inst
	return nil
}

func (m *memInstallations) find(team string) *proxenos.Installation {
	m.mu.Lock()
	defer m.mu.Unlock()
	inst := m.insts[team]
	return &inst
}

// The two workspaces of the distribution tests, and their bot tokens.
const (
	teamA, tokenA = "TA", "xoxb-a-secret-token"
	teamB, tokenB = "TB", "xoxb-b-secret-token"
)

// newDistHarness returns a bot in distribution mode serving teamA and
// teamB, whose tokens the fake Slack knows.
func newDistHarness(t *testing.T, d *dispatcher, events EventHandler, opts ...Option) (*harness, *memInstallations) {
	t.Helper()
	insts := &memInstallations{insts: map[string]proxenos.Installation{
		teamA: {Team: teamA, BotToken: tokenA, TeamName: "Δήμος Αμαρουσίου"},
		teamB: {Team: teamB, BotToken: tokenB, TeamName: "Δήμος Χαλανδρίου"},
	}}
	h := newHarnessWith(t, d, events, func(c *Config) {
		c.Token = ""
		c.Installations = insts
	}, opts...)
	h.fake.AddTeam(teamA, tokenA)
	h.fake.AddTeam(teamB, tokenB)
	t.Cleanup(func() {
		for _, secret := range []string{tokenA, tokenB} {
			if strings.Contains(h.logs.String(), secret) {
				t.Errorf("a bot token reached the logs: %q", secret)
			}
		}
	})
	return h, insts
}

// commandIn posts a slash command from user U1 of team in channel C+team.
func (h *harness) commandIn(team, cmd, text string) (status int, body, responseURL string) {
	h.t.Helper()
	responseURL = h.fake.ResponseURL()
	form := url.Values{
		"team_id": {team}, "user_id": {"U1"}, "channel_id": {"C" + team}, "command": {cmd}, "text": {text},
		"response_url": {responseURL}, "trigger_id": {"trigger-1"},
	}
	status, body = h.post("/slack/commands", "application/x-www-form-urlencoded", form.Encode())
	return status, body, responseURL
}

// eventIn posts an Events API callback of team.
func (h *harness) eventIn(team, eventID string, inner map[string]any) int {
	h.t.Helper()
	raw, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": team, "event_id": eventID, "event": inner})
	status, _ := h.post("/slack/events", "application/json", string(raw))
	return status
}

// threaded answers every command in a thread, which chat.postMessage
// posts with the workspace's token.
func threaded(_ context.Context, req *chat.Request) *chat.Response {
	return &chat.Response{Text: "ok " + req.Team, InThread: true}
}

func TestWorkspaces(t *testing.T) {
	t.Run("EachWithItsToken", func(t *testing.T) {
		h, _ := newDistHarness(t, &dispatcher{onCommand: threaded}, &eventHandler{})
		h.commandIn(teamA, "/ir", "help")
		h.commandIn(teamB, "/ir", "help")
		h.eventIn(teamB, "Ev1", map[string]any{"type": "app_home_opened", "user": "U2", "channel": "D2", "tab": "home"})
		h.waitCalls("chat.postMessage", 2)
		h.waitCalls("views.publish", 1)
		ctx := proxenos.NewContextWithTeam(context.Background(), teamA)
		if _, err := h.bot.Post(ctx, "C"+teamA, &chat.Response{Text: "Υπενθύμιση"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range h.fake.Calls("") {
			if c.Method == slackfake.MethodResponseURL {
				continue
			}
			channel := c.Param("channel")
			if channel == "" {
				channel = "C" + c.Team // views.publish names a user
			}
			if want := strings.TrimPrefix(channel, "C"); c.Team != want {
				t.Errorf("%s to %s made with the token of %q", c.Method, channel, c.Team)
			}
		}
		if n := len(h.fake.CallsOf(teamB, "views.publish")); n != 1 {
			t.Errorf("B's Home tab published %d times with B's token, want 1", n)
		}
		h.d.mu.Lock()
		defer h.d.mu.Unlock()
		for _, req := range h.d.requests {
			if req.Team != strings.TrimPrefix(req.Channel, "C") {
				t.Errorf("request from %s scoped to %s", req.Channel, req.Team)
			}
		}
	})
	t.Run("NoTeamNoCall", func(t *testing.T) {
		// A Post whose context names no workspace guesses no token.
		h, _ := newDistHarness(t, &dispatcher{}, nil)
		if _, err := h.bot.Post(context.Background(), "CTA", &chat.Response{Text: "x"}); !errors.Is(err, errNoTeam) {
			t.Errorf("got %v, want errNoTeam", err)
		}
		if n := len(h.fake.Calls("")); n != 0 {
			t.Errorf("%d calls made", n)
		}
	})
	t.Run("ErrNotInstalled", func(t *testing.T) {
		h, _ := newDistHarness(t, &dispatcher{}, &eventHandler{})
		status, body, _ := h.commandIn("TX", "/corr", "list")
		if status != http.StatusOK || !strings.Contains(body, i18n.T(i18n.Greek, "bot.not_installed")) ||
			!strings.Contains(body, i18n.T(i18n.English, "bot.not_installed")) {
			t.Errorf("command from an unknown workspace: %d %q, want 200 and the notice in Greek and English", status, body)
		}
		button := button("1.1", "2.2")
		button["team"] = map[string]any{"id": "TX"}
		if status, body := h.interact(button); status != http.StatusOK || body != "" {
			t.Errorf("button: %d %q, want an empty 200", status, body)
		}
		if status := h.eventIn("TX", "Ev9", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "text": "hi"}); status != http.StatusOK {
			t.Errorf("event: %d, want 200", status)
		}
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := h.d.count(); n != 0 {
			t.Errorf("the dispatcher ran %d times", n)
		}
		if n := len(h.fake.Calls("")); n != 0 {
			t.Errorf("%d Slack calls for an unknown workspace", n)
		}
		if !strings.Contains(h.logs.String(), "team=TX") {
			t.Errorf("the refusals were not logged with the team")
		}
	})
	t.Run("EnterpriseMismatch", func(t *testing.T) {
		h, insts := newDistHarness(t, &dispatcher{}, nil)
		inst := insts.find(teamA)
		inst.Enterprise = "E1"
		_ = insts.SaveInstallation(context.Background(), inst)
		form := url.Values{"team_id": {teamA}, "enterprise_id": {"E2"}, "user_id": {"U1"}, "channel_id": {"CTA"},
			"command": {"/ir"}, "response_url": {h.fake.ResponseURL()}}
		if _, body := h.post("/slack/commands", "application/x-www-form-urlencoded", form.Encode()); !strings.Contains(body, i18n.T(i18n.English, "bot.not_installed")) {
			t.Errorf("a team of another grid was served: %q", body)
		}
	})
	t.Run("TokenChange", func(t *testing.T) {
		h, insts := newDistHarness(t, &dispatcher{}, nil)
		ctx := proxenos.NewContextWithTeam(context.Background(), teamA)
		if _, err := h.bot.Post(ctx, "CTA", &chat.Response{Text: "1"}); err != nil {
			t.Fatal(err)
		}
		inst := insts.find(teamA)
		inst.BotToken = "xoxb-a-rotated"
		_ = insts.SaveInstallation(ctx, inst)
		h.fake.Revoke(teamA) // the old token fails: the installation is read again
		h.fake.AddTeam(teamA, "xoxb-a-rotated")
		if _, err := h.bot.Post(ctx, "CTA", &chat.Response{Text: "2"}); err == nil {
			t.Fatal("the cached token was not used before the refusal")
		}
		if _, err := h.bot.Post(ctx, "CTA", &chat.Response{Text: "3"}); err != nil {
			t.Fatalf("after a refused token the new one is used: %v", err)
		}
	})
}

func TestUninstall(t *testing.T) {
	for _, kind := range []string{"app_uninstalled", "tokens_revoked"} {
		t.Run(kind, func(t *testing.T) {
			running, stopped := make(chan struct{}), make(chan error, 1)
			d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
				if req.Team == teamA {
					close(running)
					<-ctx.Done()
					stopped <- ctx.Err()
					return &chat.Response{Text: "too late"}
				}
				return threaded(ctx, req)
			}}
			h, insts := newDistHarness(t, d, &eventHandler{})
			h.commandIn(teamA, "/translate", "long letter")
			<-running
			before := len(h.fake.CallsOf(teamA, ""))
			raw := h.fake.AppUninstalled(teamA)
			if kind == "tokens_revoked" {
				raw = h.fake.TokensRevoked(teamA, []string{"UBOT"}, nil)
			}
			if status, _ := h.post("/slack/events", "application/json", string(raw)); status != http.StatusOK {
				t.Fatalf("event: %d", status)
			}
			select {
			case err := <-stopped:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("A's running job: %v, want cancelled", err)
				}
			case <-time.After(wait):
				t.Fatal("A's running job was not stopped")
			}
			if insts.find(teamA).Active() {
				t.Error("A's installation was not marked uninstalled")
			}
			ctxA := proxenos.NewContextWithTeam(context.Background(), teamA)
			if h.bot.Active(ctxA, teamA) || !h.bot.Active(ctxA, teamB) {
				t.Error("Active: A still served, or B not")
			}
			if _, err := h.bot.Post(ctxA, "CTA", &chat.Response{Text: "reminder"}); !errors.Is(err, errNotInstalled) {
				t.Errorf("a reminder for A: %v, want errNotInstalled", err)
			}
			_, body, _ := h.commandIn(teamA, "/corr", "list")
			if !strings.Contains(body, i18n.T(i18n.Greek, "bot.not_installed")) {
				t.Errorf("A's command after uninstalling: %q", body)
			}
			h.commandIn(teamB, "/corr", "list")
			h.waitCalls("chat.postMessage", 1)
			if err := h.bot.Shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}
			if calls := h.fake.CallsOf(teamA, "")[before:]; len(calls) != 0 {
				t.Errorf("%d Slack calls with A's token once uninstalled, e.g. %s", len(calls), calls[0].Method)
			}
		})
	}
	t.Run("UsersTokensOnly", func(t *testing.T) {
		// A user revoking their own token leaves the bot installed.
		h, insts := newDistHarness(t, &dispatcher{}, nil)
		h.post("/slack/events", "application/json", string(h.fake.TokensRevoked(teamA, nil, []string{"U1"})))
		if !insts.find(teamA).Active() {
			t.Error("the installation was marked uninstalled")
		}
	})
}

func TestUninstall_KeptNotRetried(t *testing.T) {
	// Replica 0 acknowledges A's command and dies with it; A uninstalls;
	// replica 1 finishes the kept request as dropped: it does not run
	// it, now or after A installs again.
	hs, clock, _ := keptReplicas(t, 2)
	insts := &memInstallations{insts: map[string]proxenos.Installation{teamA: {Team: teamA, BotToken: tokenA}}}
	for _, h := range hs {
		h.bot.cfg.Installations = insts
		h.bot.MaxTeamWork = 4
		h.fake.AddTeam(teamA, tokenA)
	}
	dead, alive := hs[0], hs[1]
	stuck, release := make(chan struct{}), make(chan struct{})
	dead.d.onCommand = func(context.Context, *chat.Request) *chat.Response {
		close(stuck)
		<-release
		return nil
	}
	defer close(release)
	dead.commandIn(teamA, "/corr", "list")
	<-stuck
	alive.post("/slack/events", "application/json", string(alive.fake.AppUninstalled(teamA)))
	clock.add(alive.bot.IntakeLease + time.Second)
	alive.bot.RecoverIntake(t.Context())
	inst := insts.find(teamA)
	inst.Uninstalled = time.Time{}
	_ = insts.SaveInstallation(t.Context(), inst)
	alive.bot.ForgetWorkspace(teamA)
	clock.add(alive.bot.IntakeLease + time.Second)
	alive.bot.RecoverIntake(t.Context())
	if err := alive.bot.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := alive.d.count(); n != 0 {
		t.Errorf("the uninstalled workspace's request ran %d times on recovery", n)
	}
	if !strings.Contains(alive.logs.String(), "workspace not served") {
		t.Error("the dropped request was not logged")
	}
}

func TestFairSharing(t *testing.T) {
	t.Run("BurstDoesNotDelayAnother", func(t *testing.T) {
		// A posts a burst of 500 messages, paced at Slack's one a second;
		// B's reminder goes out while most of A's are still queued.
		h, _ := newDistHarness(t, &dispatcher{}, nil)
		ctxA, cancelA := context.WithCancel(proxenos.NewContextWithTeam(context.Background(), teamA))
		var wg sync.WaitGroup
		for i := range 500 {
			wg.Go(func() {
				_, _ = h.bot.Post(ctxA, "CTA", &chat.Response{Text: "burst " + strconv.Itoa(i)})
			})
		}
		h.waitCalls("chat.postMessage", 1) // A's burst has begun
		ctxB := proxenos.NewContextWithTeam(context.Background(), teamB)
		if _, err := h.bot.Post(ctxB, "CTB", &chat.Response{Text: "Υπενθύμιση"}); err != nil {
			t.Fatal(err)
		}
		sentA := len(h.fake.CallsOf(teamA, "chat.postMessage"))
		cancelA()
		wg.Wait()
		if sentA >= 500 {
			t.Errorf("B's post waited for all of A's burst")
		}
		if n := len(h.fake.CallsOf(teamB, "chat.postMessage")); n != 1 {
			t.Errorf("B posted %d, want 1", n)
		}
	})
	t.Run("WorkSlots", func(t *testing.T) {
		// With 2 work slots a workspace holds at most 1: A's two long
		// commands leave room for B's.
		release := make(chan struct{})
		d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
			if req.Team == teamA {
				<-release
			}
			return threaded(ctx, req)
		}}
		h, _ := newDistHarness(t, d, nil, WithMaxWork(2))
		h.commandIn(teamA, "/translate", "1")
		h.commandIn(teamA, "/translate", "2")
		h.commandIn(teamB, "/corr", "list")
		calls := h.waitCalls("chat.postMessage", 1)
		close(release)
		if calls[0].Team != teamB {
			t.Errorf("the first answer went to %s, want B's while A's jobs hold their slot", calls[0].Team)
		}
	})
}

func TestPacer(t *testing.T) {
	p := newPacer(Pacing{"": {Every: time.Second, Burst: 3}, "free": {}})
	now := testNow
	var got []time.Duration
	for range 5 {
		got = append(got, p.reserve("chat.postMessage", now).Sub(now))
	}
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("waits %v, want %v: a burst of 3, then one a second", got, want)
		}
	}
	if d := p.reserve("views.open", now).Sub(now); d != 0 {
		t.Errorf("another method waited %v behind chat.postMessage", d)
	}
	if d := p.reserve("free", now.Add(-time.Hour)); !d.Equal(now.Add(-time.Hour)) {
		t.Errorf("an unpaced method waited")
	}
	later := now.Add(10 * time.Second)
	if d := p.reserve("chat.postMessage", later).Sub(later); d != 0 {
		t.Errorf("after a quiet while: waited %v", d)
	}
}
