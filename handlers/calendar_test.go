package handlers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// feedLink finds the feed address in an answer of /ir calendar.
var feedLink = regexp.MustCompile("`https://proxenos\\.example\\.gr/calendar\\.ics\\?token=([A-Za-z0-9_-]+)`")

// newCalendarEnv is a test Handler with calendar feeds set up.
func newCalendarEnv(t *testing.T) *testEnv {
	env := newTestEnv(t)
	env.h.CalendarFeeds = sqlite.NewCalendarService(env.db)
	env.h.PublicURL = "https://proxenos.example.gr/"
	return env
}

// feedOf returns the feed whose address resp shows.
func feedOf(t *testing.T, env *testEnv, resp *chat.Response) (string, *proxenos.CalendarFeed) {
	t.Helper()
	m := feedLink.FindStringSubmatch(resp.Text)
	if m == nil {
		t.Fatalf("no feed address in %q", resp.Text)
	}
	f, err := env.h.CalendarFeeds.FindCalendarFeed(env.ctx(), proxenos.HashCalendarToken(m[1]))
	if err != nil {
		t.Fatalf("the address shown has no feed: %v", err)
	}
	return m[1], f
}

func TestCalendarCommand(t *testing.T) {
	env := newCalendarEnv(t)
	t.Run("OK", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/ir", "calendar")
		if !resp.Ephemeral || !strings.Contains(allText(resp), i18n.T(i18n.Greek, "calendar.link.all")) {
			t.Fatalf("got %+v, want the ephemeral address of a full feed", resp)
		}
		token, f := feedOf(t, env, resp)
		if f.Team != testTeam || f.User != "U1" || f.MineOnly || f.Lang != i18n.Greek {
			t.Fatalf("feed %+v, want U1's full feed in Greek", f)
		}
		// Only the hash is stored; 256 random bits make a 43-character token.
		if len(token) != 43 || f.TokenHash == token {
			t.Fatalf("token %q, stored %q", token, f.TokenHash)
		}
		again, _ := feedOf(t, env, env.run(t, i18n.Greek, "/ir", "calendar"))
		if again == token {
			t.Fatal("a second /ir calendar gave the same token")
		}
	})
	t.Run("Mine", func(t *testing.T) {
		for _, text := range []string{"calendar mine", "ημερολόγιο δικά μου"} {
			_, f := feedOf(t, env, env.run(t, i18n.English, "/ir", text))
			if !f.MineOnly || f.Lang != i18n.English {
				t.Fatalf("/ir %s: feed %+v, want a mine-only feed in English", text, f)
			}
		}
	})
	t.Run("Revoke", func(t *testing.T) {
		token, _ := feedOf(t, env, env.run(t, i18n.English, "/ir", "calendar"))
		resp := env.run(t, i18n.English, "/ir", "calendar revoke")
		if want := i18n.T(i18n.English, "calendar.revoked", 5); resp.Text != want {
			t.Fatalf("got %q, want %q", resp.Text, want)
		}
		if _, err := env.h.CalendarFeeds.FindCalendarFeed(env.ctx(), proxenos.HashCalendarToken(token)); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			t.Fatalf("feed after revoke: %v, want ENOTFOUND", err)
		}
		if resp := env.run(t, i18n.English, "/ir", "calendar revoke"); resp.Text != i18n.T(i18n.English, "calendar.revoked_none") {
			t.Fatalf("second revoke: %q", resp.Text)
		}
	})
	t.Run("ErrUnknownVerb", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/ir", "calendar *all*")
		if want := i18n.T(i18n.English, "calendar.unknown_verb", chat.Escape("*all*")); resp.Text != want {
			t.Fatalf("got %q, want %q", resp.Text, want)
		}
	})
	t.Run("ErrUnauthorized", func(t *testing.T) {
		env.h.Access = handlers.Access{Users: []string{"U2"}}
		defer func() { env.h.Access = handlers.Access{} }()
		if resp := env.run(t, i18n.English, "/ir", "calendar"); feedLink.MatchString(resp.Text) {
			t.Fatalf("a refused user got an address: %q", resp.Text)
		}
		if err := env.h.CheckAccess(env.ctx(), "U1"); proxenos.ErrorCode(err) != proxenos.EUNAUTHORIZED {
			t.Fatalf("CheckAccess(U1) = %v, want EUNAUTHORIZED", err)
		}
	})
	t.Run("ErrUnavailable", func(t *testing.T) {
		env.h.PublicURL = ""
		defer func() { env.h.PublicURL = "https://proxenos.example.gr/" }()
		if resp := env.run(t, i18n.English, "/ir", "calendar"); resp.Text != i18n.T(i18n.English, "calendar.unavailable") {
			t.Fatalf("got %q, want the set-up message", resp.Text)
		}
	})
}
