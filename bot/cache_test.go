package bot

import (
	"testing"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
)

// TestUserName checks the name an export shows for a user: the display
// name, else the full name, else the user name; one users.info call
// serves both the name and the language; an unknown user has none.
func TestUserName(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	h.fake.AddUser(slackfake.User{ID: "U1", Name: "maria.k", RealName: "Μαρία Κωνσταντίνου", DisplayName: "Μαρία", Locale: "el-GR"})
	h.fake.AddUser(slackfake.User{ID: "U2", Name: "jean", RealName: "Jean Dupont", Locale: "fr-FR"})
	h.fake.AddUser(slackfake.User{ID: "U3", Name: "bonn.office"})
	ctx := t.Context()
	for user, want := range map[string]string{"U1": "Μαρία", "U2": "Jean Dupont", "U3": "bonn.office"} {
		if got, ok := h.bot.UserName(ctx, "T1", user); !ok || got != want {
			t.Errorf("UserName(%s) = %q, %v; want %q", user, got, ok, want)
		}
	}
	if got, ok := h.bot.UserName(ctx, "T1", "UNOBODY"); ok {
		t.Errorf("UserName of an unknown user = %q, want none", got)
	}
	if lang, ok := h.bot.SlackLanguage(ctx, "T1", "U1"); !ok || lang != i18n.Greek {
		t.Errorf("SlackLanguage(U1) = %q, %v; want el", lang, ok)
	}
	h.bot.UserName(ctx, "T1", "U1")
	// Once per user: the language came from the call that gave the name.
	if n := len(h.fake.Calls("users.info")); n != 4 {
		t.Errorf("users.info called %d times for 4 users, want 4", n)
	}
}
