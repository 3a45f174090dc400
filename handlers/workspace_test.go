package handlers_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestWorkspaces_AccessAndLanguage serves two workspaces from one kernel
// in distribution mode: A allows one user and a user group, B everyone.
// A user outside A's list is refused in A and served in B; a member of
// A's group is served in A; the default language is each workspace's.
func TestWorkspaces_AccessAndLanguage(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	k := handlers.NewHandler()
	k.Workspaces = &handlers.Workspaces{Store: sqlite.NewSettingsService(db), Defaults: proxenos.Settings{Lang: i18n.Greek}}
	k.Access.Members = func(ctx context.Context, group string) ([]string, error) {
		if proxenos.TeamFromContext(ctx) == "TA" && group == "S0IR" {
			return []string{"U0GROUPED"}, nil
		}
		return nil, errors.New("no such group in this workspace")
	}
	k.MustRegister(handlers.Module{Commands: []*handlers.Command{{Name: "/ping", Usage: "help.ir.usage",
		Handler: func(context.Context, *chat.Request) (*chat.Response, error) { return &chat.Response{Text: "pong"}, nil }}}})
	for team, s := range map[string]*proxenos.Settings{
		"TA": {Lang: i18n.Greek, AllowedUsers: []string{"U0MARIA", "S0IR"}},
		"TB": {Lang: i18n.English},
	} {
		if err := k.Workspaces.Save(proxenos.NewContextWithTeam(t.Context(), team), s); err != nil {
			t.Fatal(err)
		}
	}
	ping := func(team, user string) string {
		return k.HandleCommand(t.Context(), &chat.Request{Team: team, User: user, Command: "/ping", Lang: i18n.English}).Text
	}
	for _, tc := range []struct {
		team, user string
		served     bool
	}{{"TA", "U0MARIA", true}, {"TA", "U0GROUPED", true}, {"TA", "U0NIKOS", false}, {"TB", "U0NIKOS", true}, {"TB", "U0GROUPED", true}} {
		if got := ping(tc.team, tc.user); (got == "pong") != tc.served {
			t.Errorf("%s in %s: %q, want served %v", tc.user, tc.team, got, tc.served)
		}
	}
	if got := k.DefaultLangOf(t.Context(), "TA"); got != i18n.Greek {
		t.Errorf("A's default language %s, want el", got)
	}
	if got := k.DefaultLangOf(t.Context(), "TB"); got != i18n.English {
		t.Errorf("B's default language %s, want en", got)
	}
	// Help stays open to everyone, in every workspace.
	if got := k.HandleCommand(t.Context(), &chat.Request{Team: "TA", User: "U0NIKOS", Command: "/ir", Lang: i18n.English}).Text; !strings.Contains(got, "/ping") {
		t.Errorf("help refused to an outsider: %q", got)
	}
}

// slowSettings answers FindSettings with what it held when the read
// began, once release is closed: a read overtaken by a save.
type slowSettings struct {
	mu      sync.Mutex
	s       proxenos.Settings
	started chan struct{}
	release chan struct{}
}

func (f *slowSettings) FindSettings(context.Context) (*proxenos.Settings, error) {
	f.mu.Lock()
	s := f.s
	f.mu.Unlock()
	if f.started != nil {
		close(f.started)
		f.started = nil
		<-f.release
	}
	return &s, nil
}

func (f *slowSettings) SaveSettings(_ context.Context, s *proxenos.Settings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.s = *s
	return nil
}

// TestWorkspaces_SaveWinsOverSlowRead checks that settings read before a
// save, and returned after it, are not kept for the next requests: the
// save's are served at once.
func TestWorkspaces_SaveWinsOverSlowRead(t *testing.T) {
	store := &slowSettings{started: make(chan struct{}), release: make(chan struct{})}
	w := &handlers.Workspaces{Store: store}
	started := store.started
	ctx := proxenos.NewContextWithTeam(t.Context(), "TA")
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := w.Settings(ctx, "TA"); err != nil {
			t.Error(err)
		}
	}()
	<-started
	if err := w.Save(ctx, &proxenos.Settings{Lang: i18n.English}); err != nil {
		t.Fatal(err)
	}
	close(store.release)
	<-done
	s, err := w.Settings(ctx, "TA")
	if err != nil || s.Lang != i18n.English {
		t.Errorf("after the save: %+v, %v; want the saved language", s, err)
	}
}
