package handlers_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/call"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/i18n"
)

// TestAccess_DigestAndReminders checks that /ir digest, which answers in
// the channel with the subjects of the new correspondence, and
// /ir reminders refuse a user outside the access list, in their language,
// and still answer one inside it.
func TestAccess_DigestAndReminders(t *testing.T) {
	env := newTestEnv(t)
	engine := &fakeEngine{}
	env.h.Reminders = engine
	env.h.Access = handlers.Access{Users: []string{"U1"}}
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		for _, text := range []string{"digest", "σύνοψη", "reminders", "reminders 30", "υπενθυμίσεις"} {
			resp := env.runAs(t, "U2", lang, "/ir", text)
			if resp.Text != i18n.T(lang, "error.unauthorized") || !resp.Ephemeral || len(resp.Blocks) > 0 {
				t.Errorf("/ir %s by an outsider in %s: got %+v, want the refusal, to them only", text, lang, resp)
			}
		}
	}
	if engine.days != 0 {
		t.Errorf("the reminders were read for an outsider (%d days)", engine.days)
	}
	if got := env.lastOutcome(); got != "/ir unauthorized" {
		t.Errorf("outcome %q, want /ir unauthorized", got)
	}
	if resp := env.runAs(t, "U1", i18n.English, "/ir", "digest"); !strings.Contains(resp.Text, "digest en") {
		t.Errorf("/ir digest by a user on the list: got %q", resp.Text)
	}
	if resp := env.runAs(t, "U1", i18n.English, "/ir", "reminders 30"); resp.Text != "upcoming" || engine.days != 30 {
		t.Errorf("/ir reminders 30 by a user on the list: got %q, %d days", resp.Text, engine.days)
	}
}

// probe is one thing a user can ask of the Handler, named as the test
// names it ("/corr in", "action corr_show", "form corr_new", "home").
type probe struct {
	name string
	send func(h *office, lang i18n.Lang, r chat.Replier) *chat.Response
}

// probes lists everything a user can ask, from the Handler's own tables:
// every command alone, with each help word, with each spelling of each
// subcommand (alone and with an argument) and with an unknown word; every
// action id; every form; the mention, files shared in a DM, and the Home.
// A route registered later is in the list without a change here.
func probes(h *office) []probe {
	var out []probe
	command := func(name, cmd, text string) {
		out = append(out, probe{name, func(h *office, lang i18n.Lang, r chat.Replier) *chat.Response {
			return h.HandleCommand(context.Background(), &chat.Request{Team: testTeam, User: "U0OUTSIDER", Channel: "C1",
				Lang: lang, Command: cmd, Text: text, Replier: r})
		}})
	}
	for _, c := range h.Commands() {
		command(c.Name, c.Name, "")
		command(c.Name+" zzz", c.Name, "zzz")
		for _, w := range []string{"help", "βοήθεια"} {
			command(c.Name+" "+w, c.Name, w)
		}
		for _, s := range c.Subcommands {
			for _, w := range append([]string{s.Name}, s.Aliases...) {
				command(c.Name+" "+w, c.Name, w)
				command(c.Name+" "+w, c.Name, w+" 1/2026")
			}
		}
	}
	for _, id := range h.ButtonIDs() {
		out = append(out, probe{"action " + id, func(h *office, lang i18n.Lang, r chat.Replier) *chat.Response {
			return h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U0OUTSIDER", Channel: "C1",
				Lang: lang, ActionID: id, Value: "1/2026", MessageTS: "1.2", Replier: r,
				Files: []chat.File{{ID: "F1", Name: "brief.pdf", Mimetype: "application/pdf", Size: 10, URL: "https://files/F1"}}})
		}})
	}
	for _, id := range h.FormIDs() {
		out = append(out, probe{"form " + id, func(h *office, lang i18n.Lang, _ chat.Replier) *chat.Response {
			resp, fe := h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U0OUTSIDER", Channel: "C1",
				Lang: lang, CallbackID: id, Values: map[string]string{"direction": "in", "subject": "x", "counterpart": "y",
					"date": "2026-11-20", "name": "Faenza", "title": "x", "deadline": "2026-12-01"}})
			if fe != nil {
				return &chat.Response{Text: fe.Error()}
			}
			return resp
		}})
	}
	file := []chat.File{{ID: "F1", Name: "brief.pdf", Mimetype: "application/pdf", Size: 10, URL: "https://files/F1"}}
	out = append(out,
		probe{"event app_mention", func(h *office, lang i18n.Lang, r chat.Replier) *chat.Response {
			return h.HandleMention(context.Background(), &chat.Event{Team: testTeam, User: "U0OUTSIDER", Channel: "C1", Lang: lang,
				Text: "<@U0BOT> to en Guten Tag", TS: "1.2", Files: file, Replier: r})
		}},
		probe{"event file_share", func(h *office, lang i18n.Lang, r chat.Replier) *chat.Response {
			return h.HandleFiles(context.Background(), &chat.Event{Team: testTeam, User: "U0OUTSIDER", Channel: "D1", Lang: lang,
				TS: "1.2", Files: file, Replier: r})
		}},
		probe{"home", func(h *office, lang i18n.Lang, _ chat.Replier) *chat.Response {
			return h.HandleHomeOpened(context.Background(), &chat.Event{Team: testTeam, User: "U0OUTSIDER", Lang: lang})
		}})
	return out
}

// publicByTest says, independently of the Handler's own list, what answers
// users outside the access list: the help, and nothing else.
func publicByTest(name string) bool {
	switch name {
	case "/ir", "/ir help", "/ir βοήθεια", "action home_help":
		return true
	}
	return strings.HasSuffix(name, " help") || strings.HasSuffix(name, " βοήθεια")
}

// wireTripped sets every service of h to one that is set up, so that no
// route stops at "not set up", and panics when called: a route that reads
// or writes anything for an outsider answers error.panic, not the refusal.
func wireTripped(h *office) {
	h.Correspondence = struct{ proxenos.CorrespondenceService }{}
	h.Partners = struct{ proxenos.PartnerService }{}
	h.Translator = struct{ translation.Translator }{}
	h.Glossary = struct{ proxenos.GlossaryService }{}
	h.Usage = struct{ proxenos.UsageService }{}
	h.Conversations = struct{ translation.Conversations }{}
	h.Reminders = struct{ ir.ReminderEngine }{}
	h.Calls = struct{ proxenos.CallService }{}
	h.Agreements = struct{ proxenos.AgreementService }{}
	h.Portal = struct{ call.TopicFinder }{}
	h.CalendarFeeds = struct{ proxenos.CalendarService }{}
	h.PublicURL = "https://proxenos.example.gr"
	h.Preferences = struct{ proxenos.PreferenceService }{}
	h.Languages = struct{ handlers.Languages }{}
}

// TestAccess_EveryRoute walks everything a user can ask — every command,
// subcommand, help word, button, shortcut, form, event and the Home, as
// the Handler's tables list them — as a user outside the access list, in
// Greek and English. All but the help must be refused with the catalogue's
// refusal, to that user only, without calling any service (so nothing is
// read or written), posting anything or refreshing a Home. A command, a
// button and a form registered here without a word about access prove that
// a route added later is refused too.
func TestAccess_EveryRoute(t *testing.T) {
	env := newTestEnv(t)
	h := env.h
	wireTripped(h)
	home := &homeRecorder{}
	h.Home = home
	h.Access = handlers.Access{Users: []string{"U0INSIDER"}, Admins: []string{"U0ADMIN"}}

	var leaked []string
	leak := func(_ context.Context, req *chat.Request) (*chat.Response, error) {
		leaked = append(leaked, req.Command+" "+req.Text)
		return &chat.Response{Text: "leaked"}, nil
	}
	h.MustRegister(handlers.Module{
		Commands: []*handlers.Command{{Name: "/leak", Usage: "help.ir.usage", Description: "help.ir.description", Handler: leak,
			Subcommands: []handlers.Subcommand{{Name: "all", Aliases: []string{"όλα"}, Usage: "help.ir.usage", Description: "help.ir.description", Handler: leak}}}},
		Buttons: []handlers.Button{{ID: "leak_button", Run: func(_ context.Context, act *chat.Action) (*chat.Response, error) {
			leaked = append(leaked, act.ActionID)
			return &chat.Response{Text: "leaked"}, nil
		}}},
		Forms: []handlers.Form{{CallbackID: "leak_form", Submit: func(_ context.Context, sub *chat.Submission) (*chat.Response, error) {
			leaked = append(leaked, sub.CallbackID)
			return &chat.Response{Text: "leaked"}, nil
		}}},
	})

	all := probes(h)
	names := map[string]bool{}
	for _, p := range all {
		names[p.name] = true
	}
	for _, want := range []string{"/leak", "/leak all", "/leak όλα", "action leak_button", "form leak_form",
		"/ir digest", "/ir reminders", "/ir lang", "action " + reminder.ActionDone, "action " + translation.ActionTranslateMessage,
		"form " + corr.ModalCallback, "event app_mention", "home"} {
		if !names[want] {
			t.Errorf("the walk misses %s", want)
		}
	}

	posts := &fakeReplier{}
	refused := 0
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		refusal := i18n.T(lang, "error.unauthorized")
		for _, p := range all {
			logged := len(env.logs.String())
			resp := p.send(h, lang, posts)
			panicked := strings.Contains(env.logs.String()[logged:], "panicked")
			if resp == nil {
				t.Errorf("%s (%s): no answer", p.name, lang)
				continue
			}
			if publicByTest(p.name) {
				if resp.Text == refusal || resp.Text == "" || panicked {
					t.Errorf("%s (%s) is public, got %.200q", p.name, lang, resp.Text)
				}
				continue
			}
			refused++
			if resp.Text != refusal {
				t.Errorf("%s (%s) by an outsider: got %.200q, want the refusal", p.name, lang, resp.Text)
				continue
			}
			if !(resp.Ephemeral || resp.Home) || resp.Modal != nil || len(resp.Files) > 0 || resp.Replace || resp.InThread {
				t.Errorf("%s (%s): the refusal is not for the user only: %+v", p.name, lang, resp)
			}
			// The Home and its buttons answer in the Home: a notice, with the help button.
			if home := p.name == "home" || strings.HasPrefix(p.name, "action home_"); home != resp.Home ||
				home && !slices.Contains(homeButtonIDs(resp), handlers.ActionHomeHelp+":") {
				t.Errorf("%s (%s): got %+v, want the refusal in the Home only for the Home", p.name, lang, resp)
			}
		}
	}
	if len(leaked) > 0 {
		t.Errorf("routes registered without a word about access ran for an outsider: %v", leaked)
	}
	if len(posts.replies)+len(posts.updates) > 0 {
		t.Errorf("posted for an outsider: %d replies, %d updates", len(posts.replies), len(posts.updates))
	}
	if got := home.take(); len(got) > 0 {
		t.Errorf("refreshed Homes for an outsider: %v", got)
	}
	if strings.Contains(env.logs.String(), "panicked") {
		t.Error("a service was called for an outsider (see the panics logged)")
	}
	env.mu.Lock()
	defer env.mu.Unlock()
	unauthorized := 0
	for _, o := range env.outcomes {
		if strings.HasSuffix(o, " "+handlers.OutcomeUnauthorized) {
			unauthorized++
		}
	}
	if unauthorized != refused {
		t.Errorf("Observe saw %d refusals, want %d", unauthorized, refused)
	}
}
