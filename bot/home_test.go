package bot

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/handlers/partner"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// homeHarness is a Bot over a real Handler, SQLite and the fake Slack,
// with the Handler's Home and Languages wired to the Bot as serve wires them.
type homeHarness struct {
	*harness
	h *handlers.Handler
}

func newHomeHarness(t *testing.T) *homeHarness {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	corrs, partners := sqlite.NewCorrespondenceService(db), sqlite.NewPartnerService(db)
	h := handlers.NewHandler()
	h.MustRegister(corr.New(h, corrs, partners).Module(), partner.New(h, partners, corrs).Module(),
		home.New(h, corrs, partners).Module())
	h.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	h.Preferences = sqlite.NewPreferenceService(db)
	d := &dispatcher{onCommand: h.HandleCommand, onAction: h.HandleAction}
	hh := &homeHarness{harness: newHarness(t, d, h), h: h}
	hh.bot.cfg.Preferences = h.Preferences
	h.Home, h.Languages = hh.bot, hh.bot
	hh.fake.AddUser(slackfake.User{ID: "U1", Name: "maria", Locale: "en-US"})
	hh.fake.AddUser(slackfake.User{ID: "U2", Name: "klaus", Locale: "de-DE"})
	return hh
}

// commandAs posts a slash command as user and returns the text of the
// reply, the n-th through response_url.
func (h *homeHarness) commandAs(user, cmd, text string, n int) string {
	h.t.Helper()
	form := url.Values{"team_id": {"T1"}, "user_id": {user}, "channel_id": {"C1"}, "command": {cmd}, "text": {text},
		"response_url": {h.fake.ResponseURL()}, "trigger_id": {"trigger-1"}}
	h.post("/slack/commands", "application/x-www-form-urlencoded", form.Encode())
	return h.waitCalls(slackfake.MethodResponseURL, n)[n-1].Param("text")
}

func TestLanguage(t *testing.T) {
	h := newHomeHarness(t)
	steps := []struct {
		name, user, text, want string
	}{
		{"SlackLocale", "U1", "lang", "Language: *English*, from your Slack language."},
		{"Choose", "U1", "lang el", "Από τώρα σας μιλώ *ελληνικά*."},
		// The locale was remembered as English: the choice overrides it
		// at once.
		{"NextReply", "U1", "lang", "Γλώσσα: *ελληνικά*, όπως τη διαλέξατε με /ir lang."},
		{"NextCommand", "U1", "help", "Proxenos — εντολές του Γραφείου Διεθνών Σχέσεων"},
		{"Auto", "U1", "lang auto", "From now on I follow your Slack language: *English*."},
		{"AfterAuto", "U1", "lang", "Language: *English*, from your Slack language."},
		// A German locale falls back to the configured default, Greek.
		{"Default", "U2", "lang", "Γλώσσα: *ελληνικά*, η προεπιλογή του χώρου εργασίας"},
		{"DefaultChosen", "U2", "lang en", "From now on I speak *English* to you."},
		{"DefaultAfter", "U2", "lang", "Language: *English*, as you chose with /ir lang."},
	}
	for i, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if got := h.commandAs(s.user, "/ir", s.text, i+1); !strings.HasPrefix(got, s.want) {
				t.Errorf("got %q, want it to start %q", got, s.want)
			}
		})
	}
	t.Run("ErrUsersInfo", func(t *testing.T) {
		h := newHomeHarness(t)
		h.fake.Fail("users.info", 10, "user_not_found")
		if got, want := h.commandAs("U1", "/ir", "lang", 1), "Γλώσσα: *ελληνικά*, η προεπιλογή"; !strings.HasPrefix(got, want) {
			t.Errorf("got %q, want it to start %q", got, want)
		}
	})
}

func TestHomeOverSlack(t *testing.T) {
	h := newHomeHarness(t)
	// Opening the Home publishes the dashboard, in the user's language.
	h.event("EvH1", map[string]any{"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}, nil)
	first := strings.Join(blockTexts(t, h.waitCalls("views.publish", 1)[0].Param("view")), "\n")
	for _, want := range []string{"Latest correspondence", "No correspondence yet", "Log correspondence"} {
		if !strings.Contains(first, want) {
			t.Errorf("Home lacks %q:\n%s", want, first)
		}
	}
	// A change re-publishes the acting user's Home with it.
	h.commandAs("U1", "/corr", `in from:"Stadt Köln" subject:"Einladung zum Forum"`, 1)
	c := h.waitCalls("views.publish", 2)[1]
	if got := strings.Join(blockTexts(t, c.Param("view")), "\n"); c.Param("user_id") != "U1" || !strings.Contains(got, "Einladung zum Forum") {
		t.Errorf("refreshed Home of %s lacks the new entry:\n%s", c.Param("user_id"), got)
	}
	// Choosing a language re-publishes the Home in it.
	h.commandAs("U1", "/ir", "lang el", 2)
	greek := strings.Join(blockTexts(t, h.waitCalls("views.publish", 3)[2].Param("view")), "\n")
	if !strings.Contains(greek, "Τελευταία αλληλογραφία") {
		t.Errorf("Home not in Greek after /ir lang el:\n%s", greek)
	}
	// "Show more" answers with the Home, published in place.
	h.interact(map[string]any{"type": "block_actions", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
		"trigger_id": "trigger-2", "view": map[string]any{"type": "home"},
		"actions": []any{map[string]any{"type": "button", "action_id": home.ActionHomeMore, "block_id": "home_more_correspondence", "value": "correspondence"}}})
	more := strings.Join(blockTexts(t, h.waitCalls("views.publish", 4)[3].Param("view")), "\n")
	if !strings.Contains(more, i18n.T(i18n.Greek, "home.button.back")) || strings.Contains(more, "Πρόσφατες επαφές") {
		t.Errorf("show more did not publish the correspondence at length:\n%s", more)
	}
}
