package handlers_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/call"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/handlers/partner"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// homeRecorder is a HomePublisher that remembers whose Home was refreshed.
type homeRecorder struct {
	mu    sync.Mutex
	users []string
}

func (r *homeRecorder) RefreshHome(team, user string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.users = append(r.users, team+"/"+user)
}

// take returns the refreshes so far and forgets them.
func (r *homeRecorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.users
	r.users = nil
	return out
}

// homeEnv is a Handler over SQLite with calls and agreements, and the
// helpers that fill it.
type homeEnv struct {
	*callEnv
	home *homeRecorder
}

func newHomeEnv(t *testing.T) *homeEnv {
	env := &homeEnv{callEnv: newCallEnv(t), home: &homeRecorder{}}
	env.h.Home = env.home
	env.h.Preferences = sqlite.NewPreferenceService(env.db)
	return env
}

// partner stores a partner last in contact days ago (none when days < 0).
func (e *homeEnv) partner(t *testing.T, name string, days int) *proxenos.Partner {
	t.Helper()
	p := &proxenos.Partner{Name: name, Kind: proxenos.KindMunicipality, Country: "IT"}
	if err := e.h.Partners.CreatePartner(e.ctx(), p); err != nil {
		t.Fatal(err)
	}
	if days >= 0 {
		c := &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactVideo, Date: handlers.DateOnly(testNow.AddDate(0, 0, -days)), Notes: "notes of " + name}
		if err := e.h.Partners.LogContact(e.ctx(), c); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// obligation stores an open obligation of owner under a new agreement,
// due days after now (negative: overdue).
func (e *homeEnv) obligation(t *testing.T, partnerID, text, owner string, days int) {
	t.Helper()
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{partnerID}, Title: "Twinning " + text,
		Status: proxenos.AgreementActive, CreatedBy: "U1"}
	if err := e.mous.CreateAgreement(e.ctx(), a); err != nil {
		t.Fatal(err)
	}
	o := &proxenos.Obligation{AgreementID: a.ID, Text: text, Owner: owner, Due: testNow.AddDate(0, 0, days),
		Status: proxenos.ObligationOpen, CreatedBy: "U1"}
	if err := e.mous.AddObligation(e.ctx(), o); err != nil {
		t.Fatal(err)
	}
}

// entry logs correspondence n days ago with the subject given.
func (e *homeEnv) entry(t *testing.T, subject string, days int) {
	t.Helper()
	c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming,
		Date: handlers.DateOnly(testNow.AddDate(0, 0, -days)), Counterpart: "Comune di Faenza", Subject: subject,
		Medium: proxenos.MediumEmail, LoggedBy: "U1"}
	if err := e.corr.CreateCorrespondence(e.ctx(), c); err != nil {
		t.Fatal(err)
	}
}

// open opens the Home of user in lang.
func (e *homeEnv) open(lang i18n.Lang, user string) *chat.Response {
	return e.h.HandleHomeOpened(context.Background(), &chat.Event{Team: testTeam, User: user, Lang: lang})
}

// press presses a Home button as U1 in lang.
func (e *homeEnv) press(lang i18n.Lang, action, value string) *chat.Response {
	return e.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Lang: lang, ActionID: action, Value: value})
}

// homeButtonIDs returns the action ids and values of every button in resp.
func homeButtonIDs(resp *chat.Response) []string {
	var out []string
	for _, b := range resp.Blocks {
		if a, ok := b.(chat.Actions); ok {
			for _, btn := range a.Buttons {
				out = append(out, btn.ActionID+":"+btn.Value)
			}
		}
	}
	return out
}

// indexOf returns where want first appears in text, failing when it does not.
func indexOf(t *testing.T, text, want string) int {
	t.Helper()
	i := strings.Index(text, want)
	if i < 0 {
		t.Fatalf("Home lacks %q:\n%s", want, text)
	}
	return i
}

func TestHome(t *testing.T) {
	env := newHomeEnv(t)
	faenza := env.partner(t, "Faenza", 2)
	env.partner(t, "Ploiești", 10)
	env.partner(t, "Never met", -1)
	env.addCall(t, "CERV-2027-TOWN-TT", 12, proxenos.CallPreparing, "U2")
	env.addCall(t, "ERASMUS-LATER", 45, proxenos.CallWatching, "U1")
	env.addCall(t, "CERV-SUBMITTED", 5, proxenos.CallSubmitted, "U1")
	env.obligation(t, faenza.ID, "Annual report", "U2", -3)
	env.obligation(t, faenza.ID, "Exchange visit", "U1", 20)
	env.obligation(t, faenza.ID, "Far away", "U1", 90)
	env.entry(t, "Invitation to the forum", 1)

	t.Run("OK", func(t *testing.T) {
		resp := env.open(i18n.English, "U1")
		text := allText(resp)
		if !resp.Home {
			t.Error("the Home response is not marked Home")
		}
		// Sections in order; within obligations, the user's own first.
		order := []int{
			indexOf(t, text, "Deadlines in the next 30 days"),
			indexOf(t, text, "*CERV-2027-TOWN-TT*"),
			indexOf(t, text, "Obligations overdue"),
			indexOf(t, text, "*Exchange visit*"),
			indexOf(t, text, "*Annual report*"),
			indexOf(t, text, "Latest correspondence"),
			indexOf(t, text, "Invitation to the forum"),
			indexOf(t, text, "Recent contacts"),
			indexOf(t, text, "*Faenza* — 24 Nov 2026 · video call: notes of Faenza"),
			indexOf(t, text, "*Ploiești*"),
		}
		if !slices.IsSorted(order) {
			t.Errorf("sections out of order %v:\n%s", order, text)
		}
		for _, want := range []string{"in 12 days", "owner: <@U2>", "overdue by 3 days", ":warning:", "16 Dec 2026"} {
			indexOf(t, text, want)
		}
		for _, absent := range []string{"ERASMUS-LATER", "CERV-SUBMITTED", "Far away", "Never met", "Show more"} {
			if strings.Contains(text, absent) {
				t.Errorf("Home shows %q", absent)
			}
		}
		want := []string{home.ActionHomeCorrNew + ":", home.ActionHomePartnerNew + ":", home.ActionHomeCallNew + ":", handlers.ActionHomeHelp + ":"}
		if got := homeButtonIDs(resp); !slices.Equal(got, want) {
			t.Errorf("buttons %v, want %v", got, want)
		}
	})
	t.Run("Greek", func(t *testing.T) {
		text := allText(env.open(i18n.Greek, "U2"))
		// U2's overdue obligation now comes first.
		if indexOf(t, text, "*Annual report*") > indexOf(t, text, "*Exchange visit*") {
			t.Errorf("the user's own obligation is not first:\n%s", text)
		}
		for _, want := range []string{"Προθεσμίες των επόμενων 30 ημερών", "σε 12 ημέρες", "8 Δεκεμβρίου 2026", "εκπρόθεσμη κατά 3 ημέρες", "τηλεδιάσκεψη"} {
			indexOf(t, text, want)
		}
	})
	t.Run("Help", func(t *testing.T) {
		resp := env.press(i18n.English, handlers.ActionHomeHelp, "")
		text := allText(resp)
		for _, want := range []string{"/translate [to:lang] [from:lang] text", "/ir glossary add", "/ir usage", "/ir lang [el|en|auto]"} {
			indexOf(t, text, want)
		}
		if !resp.Home || !slices.Contains(homeButtonIDs(resp), handlers.ActionHomeBack+":") {
			t.Errorf("help is not a Home with a way back: home=%v buttons %v", resp.Home, homeButtonIDs(resp))
		}
	})
	t.Run("Forms", func(t *testing.T) {
		for action, want := range map[string]string{home.ActionHomeCorrNew: corr.ModalCallback,
			home.ActionHomePartnerNew: partner.ModalCallback, home.ActionHomeCallNew: call.ModalCallback} {
			resp := env.press(i18n.English, action, "")
			if resp.Modal == nil || resp.Modal.CallbackID != want {
				t.Errorf("%s: got %+v, want the %s form", action, resp, want)
			}
		}
	})
	t.Run("ErrUnauthorized", func(t *testing.T) {
		env.h.Access = handlers.Access{Users: []string{"U2"}}
		defer func() { env.h.Access = handlers.Access{} }()
		text := allText(env.open(i18n.English, "U1"))
		indexOf(t, text, i18n.T(i18n.English, "error.unauthorized"))
		if strings.Contains(text, "Faenza") {
			t.Error("a user without access sees the registers")
		}
	})
}

func TestHomeShowMore(t *testing.T) {
	env := newHomeEnv(t)
	p := env.partner(t, "Faenza", 0)
	// 60 of everything: far beyond what one view may hold at length.
	for i := range 60 {
		env.addCall(t, fmt.Sprintf("CERV-%02d", i), i%29+1, proxenos.CallPreparing, "U2")
		env.obligation(t, p.ID, fmt.Sprintf("Obligation %02d", i), "U2", i%29-5)
		env.entry(t, fmt.Sprintf("Letter %02d", i), i%20)
		env.partner(t, fmt.Sprintf("Partner %02d", i), i%25)
		env.dated(t, p.ID, fmt.Sprintf("Agreement %02d", i), proxenos.AgreementActive, i%29+1, proxenos.Period{}, proxenos.Renewal{})
	}
	resp := env.open(i18n.English, "U1")
	t.Run("Dashboard", func(t *testing.T) {
		if n := len(resp.Blocks); n > 100 {
			t.Fatalf("%d blocks, more than Slack's 100", n)
		}
		for _, want := range []string{"home_more:deadlines", "home_more:obligations", "home_more:agreements", "home_more:correspondence", "home_more:contacts"} {
			if !slices.Contains(homeButtonIDs(resp), want) {
				t.Errorf("no %s button in %v", want, homeButtonIDs(resp))
			}
		}
		indexOf(t, allText(resp), "Show more (55 more)")
	})
	for _, section := range home.Sections {
		t.Run("More_"+section, func(t *testing.T) {
			more := env.press(i18n.English, home.ActionHomeMore, section)
			if n := len(more.Blocks); n > 100 || !more.Home {
				t.Fatalf("%d blocks (home %v)", n, more.Home)
			}
			text := allText(more)
			if got := strings.Count(text, "\n") + 1; got < home.HomeMoreItems {
				t.Errorf("%d lines, want at least %d", got, home.HomeMoreItems)
			}
			indexOf(t, text, "…and ")
			if !slices.Contains(homeButtonIDs(more), handlers.ActionHomeBack+":") {
				t.Errorf("no way back: %v", homeButtonIDs(more))
			}
		})
	}
	t.Run("Back", func(t *testing.T) {
		back := env.press(i18n.English, handlers.ActionHomeBack, "")
		if got, want := allText(back), allText(resp); got != want {
			t.Errorf("back is not the dashboard:\n%s\nwant\n%s", got, want)
		}
	})
}

// The latest contacts show whatever the size of the directory: here the
// partner last in contact sorts after the first 1,000 by name, which the
// Home once read alone.
func TestHomeRecentContactsLargeDirectory(t *testing.T) {
	env := newHomeEnv(t)
	for i := range 1000 {
		env.partner(t, fmt.Sprintf("Alpha %04d", i), 30+i%100)
	}
	env.partner(t, "Zagreb", 1)
	env.partner(t, "Zwolle", -1)
	text := allText(env.open(i18n.English, "U1"))
	if at := indexOf(t, text, "*Zagreb*"); at > indexOf(t, text, "*Alpha") {
		t.Errorf("Zagreb, in contact yesterday, is not first:\n%s", text)
	}
	indexOf(t, text, "Show more (996 more)")
	if strings.Contains(text, "Zwolle") {
		t.Error("a partner never in contact is listed")
	}
}

func TestHomeRefresh(t *testing.T) {
	env := newHomeEnv(t)
	env.partner(t, "Faenza", 1)
	want := []string{testTeam + "/U1"}
	for _, tt := range []struct {
		name, command, text string
		refresh             bool
	}{
		{"CorrIn", "/corr", `in from:"Stadt Köln" subject:"Einladung"`, true},
		{"CorrList", "/corr", "list", false},
		{"CorrSearch", "/corr", "search Einladung", false},
		{"CorrForm", "/corr", "", false},
		{"PartnerLog", "/partner", "log Faenza kind:video", true},
		{"PartnerShow", "/partner", "show Faenza", false},
		{"CallStatusInvalid", "/call", "status NOPE submitted", false},
		{"Help", "/ir", "help", false},
		{"Lang", "/ir", "lang en", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env.run(t, i18n.English, tt.command, tt.text)
			got := env.home.take()
			if tt.refresh && !slices.Equal(got, want) || !tt.refresh && len(got) > 0 {
				t.Errorf("refreshed %v, want refresh %v", got, tt.refresh)
			}
		})
	}
	t.Run("Form", func(t *testing.T) {
		_, errs := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: partner.ModalCallback, Values: map[string]string{"name": "Köln", "kind": "municipality"}})
		if got := env.home.take(); len(errs) > 0 || !slices.Equal(got, want) {
			t.Errorf("refreshed %v (%v), want %v", got, errs, want)
		}
	})
}

// fakeLanguages is a Languages with a fixed Slack language.
type fakeLanguages struct {
	slack     i18n.Lang // "" when the locale is neither Greek nor English
	forgotten []string
}

func (f *fakeLanguages) SlackLanguage(context.Context, string, string) (i18n.Lang, bool) {
	return f.slack, f.slack != ""
}
func (f *fakeLanguages) ForgetLanguage(team, user string) {
	f.forgotten = append(f.forgotten, team+"/"+user)
}

func TestIRLang(t *testing.T) {
	env := newHomeEnv(t)
	langs := &fakeLanguages{slack: i18n.English}
	env.h.Languages = langs
	for _, tt := range []struct {
		name    string
		slack   i18n.Lang
		def     i18n.Lang
		reqLang i18n.Lang
		text    string
		want    string
	}{
		{"SlackLocale", i18n.English, i18n.Greek, i18n.English, "lang", "Language: *English*, from your Slack language."},
		{"Default", "", i18n.English, i18n.English, "lang", "Language: *English*, the workspace default"},
		{"DefaultGreek", "", "", i18n.Greek, "lang", "Γλώσσα: *ελληνικά*, η προεπιλογή"},
		{"Set", i18n.English, i18n.English, i18n.English, "lang el", "Από τώρα σας μιλώ *ελληνικά*."},
		{"Chosen", i18n.English, i18n.English, i18n.Greek, "γλώσσα", "Γλώσσα: *ελληνικά*, όπως τη διαλέξατε με /ir lang."},
		{"Auto", i18n.English, i18n.Greek, i18n.Greek, "lang auto", "From now on I follow your Slack language: *English*."},
		{"AfterAuto", i18n.English, i18n.Greek, i18n.English, "lang", "Language: *English*, from your Slack language."},
		{"ErrInvalid", i18n.English, i18n.Greek, i18n.English, "lang fr", "I do not know the language “fr”."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			langs.slack, env.h.DefaultLang = tt.slack, tt.def
			if got := env.run(t, tt.reqLang, "/ir", tt.text).Text; !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want it to start %q", got, tt.want)
			}
		})
	}
	t.Run("Persists", func(t *testing.T) {
		env.run(t, i18n.Greek, "/ir", "lang english")
		p, err := env.h.Preferences.FindPreference(env.ctx(), "U1")
		if err != nil || p.Lang != i18n.English {
			t.Fatalf("stored %+v (%v), want English", p, err)
		}
		if got := langs.forgotten[len(langs.forgotten)-1]; got != testTeam+"/U1" {
			t.Errorf("forgot %q, want %s/U1", got, testTeam)
		}
	})
	// The console has no Slack: /ir lang speaks of the office's language.
	t.Run("Console", func(t *testing.T) {
		env.h.Languages, env.h.DefaultLang = nil, i18n.Greek
		defer func() { env.h.Languages = langs }()
		for _, tt := range []struct{ text, want string }{
			{"γλώσσα αυτόματα", "Από τώρα σας μιλώ τη γλώσσα του γραφείου: *ελληνικά*."},
			{"γλώσσα", "Γλώσσα: *ελληνικά*, η γλώσσα του γραφείου. Αλλάξτε τη με /ir lang ελληνικά ή /ir lang αγγλικά."},
			{"γλώσσα ελληνικά", "Από τώρα σας μιλώ *ελληνικά*. Για να επιστρέψετε στη γλώσσα του γραφείου: /ir lang αυτόματα."},
			{"γλώσσα", "Γλώσσα: *ελληνικά*, όπως τη διαλέξατε με /ir lang. Για να επιστρέψετε στη γλώσσα του γραφείου: /ir lang αυτόματα."},
		} {
			if got := env.run(t, i18n.Greek, "/ir", tt.text).Text; got != tt.want {
				t.Errorf("/ir %s = %q, want %q", tt.text, got, tt.want)
			}
		}
	})
	t.Run("NoStore", func(t *testing.T) {
		env.h.Preferences = nil
		defer func() { env.h.Preferences = sqlite.NewPreferenceService(env.db) }()
		if got, want := env.run(t, i18n.English, "/ir", "lang el").Text, i18n.T(i18n.English, "lang.no_store"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// BenchmarkHome builds the dashboard over SQLite holding 1,000 partners,
// 200 calls, 200 agreements with their obligations and 2,000 entries.
func BenchmarkHome(b *testing.B) {
	env := newHomeEnvB(b)
	b.ResetTimer()
	for b.Loop() {
		if resp := env.open(i18n.Greek, "U1"); len(resp.Blocks) == 0 {
			b.Fatal("empty Home")
		}
	}
}

// newHomeEnvB fills a Handler for BenchmarkHome.
func newHomeEnvB(b *testing.B) *homeEnv {
	env := &homeEnv{callEnv: &callEnv{testEnv: newTestEnv(b)}, home: &homeRecorder{}}
	env.calls, env.mous = sqlite.NewCallService(env.db), sqlite.NewAgreementService(env.db)
	env.h.Calls, env.h.Agreements = env.calls, env.mous
	ctx := env.ctx()
	var first string
	for i := range 1000 {
		p := &proxenos.Partner{Name: fmt.Sprintf("Partner %04d", i), Kind: proxenos.KindMunicipality}
		if err := env.h.Partners.CreatePartner(ctx, p); err != nil {
			b.Fatal(err)
		}
		first = cmp.Or(first, p.ID)
		if err := env.h.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactCall,
			Date: handlers.DateOnly(testNow.AddDate(0, 0, -(i % 300)))}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 200 {
		day := testNow.AddDate(0, 0, i%60)
		if err := env.calls.CreateCall(ctx, &proxenos.Call{Identifier: fmt.Sprintf("CERV-%03d", i), Title: "t",
			Programme: proxenos.ProgrammeFromIdentifier("CERV"), Status: proxenos.CallPreparing, CreatedBy: "U1",
			Deadlines: []proxenos.Deadline{{At: time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, brussels)}}}); err != nil {
			b.Fatal(err)
		}
		// Terms end over the next 90 days, a third renewing on their own
		// and half with a month's notice, so that about a third of the
		// agreements have a date on the dashboard.
		a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{first}, Title: "a",
			Status: proxenos.AgreementActive, End: handlers.DateOnly(testNow).AddDate(0, 0, i%90)}
		if i%3 == 0 {
			a.Renewal = proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 2}
		}
		if i%2 == 0 {
			a.Notice = proxenos.Period{Months: 1}
		}
		if err := env.mous.CreateAgreement(ctx, a); err != nil {
			b.Fatal(err)
		}
		if err := env.mous.AddObligation(ctx, &proxenos.Obligation{AgreementID: a.ID, Text: "o", Owner: "U2",
			Due: testNow.AddDate(0, 0, i%60-20), Status: proxenos.ObligationOpen}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 2000 {
		if err := env.corr.CreateCorrespondence(ctx, &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026},
			Direction: proxenos.Outgoing, Date: handlers.DateOnly(testNow.AddDate(0, 0, -(i % 300))), Counterpart: "Faenza",
			Subject: "s", Medium: proxenos.MediumEmail, LoggedBy: "U1"}); err != nil {
			b.Fatal(err)
		}
	}
	return env
}
