package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/call"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/portal"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// brussels is where EU deadlines are set.
var brussels = mustLoad("Europe/Brussels")

// townTT is the topic the portal fixture holds.
const townTT = "CERV-2027-CITIZENS-TOWN-TT"

// callEnv is a testEnv whose Handler also keeps calls and agreements in
// the same SQLite store, and imports from a fake EU portal.
type callEnv struct {
	*testEnv
	calls    *sqlite.CallService
	mous     *sqlite.AgreementService
	requests *atomic.Int32 // requests the fake portal answered
}

// newCallEnv returns a callEnv whose portal knows townTT and the topics of
// the real records in testdata/portal (see portal/testdata/README.md), and
// no other topic.
func newCallEnv(t *testing.T) *callEnv {
	t.Helper()
	env := &callEnv{testEnv: newTestEnv(t), requests: &atomic.Int32{}}
	env.calls, env.mous = sqlite.NewCallService(env.db), sqlite.NewAgreementService(env.db)
	env.h.Calls, env.h.Agreements = env.calls, env.mous
	answers := map[string][]byte{}
	for text, fixture := range map[string]string{
		townTT:                                   "cerv-town-tt.json",
		"HORIZON-MISS-2027-05-SOIL-01-TWO-STAGE": "horizon-page.json",
		"HORIZON-INFRA-2024-EOSC-01-03":          "horizon-page.json",
		"HORIZON-CL2-2024-TRANSFORMATIONS-01-08": "transformations-closed.json",
		"":                                       "empty.json",
	} {
		body, err := os.ReadFile("testdata/portal/" + fixture)
		if err != nil {
			t.Fatal(err)
		}
		answers[text] = body
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if body, ok := answers[r.URL.Query().Get("text")]; ok {
			w.Write(body)
			return
		}
		w.Write(answers[""])
	}))
	t.Cleanup(srv.Close)
	env.h.Portal = &portal.Client{BaseURL: srv.URL, HTTP: srv.Client()}
	return env
}

// call returns the stored call by its identifier.
func (e *callEnv) call(t *testing.T, id string) *proxenos.Call {
	t.Helper()
	c, err := e.calls.FindCallByID(e.ctx(), id)
	if err != nil {
		t.Fatalf("find call %s: %v", id, err)
	}
	return c
}

// countCalls returns how many calls the store holds.
func (e *callEnv) countCalls(t *testing.T) int {
	t.Helper()
	_, total, err := e.calls.FindCalls(e.ctx(), proxenos.CallFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// addCall stores a call directly, due days after testNow at 17:00
// Brussels time (negative: already passed).
func (e *callEnv) addCall(t *testing.T, id string, days int, status proxenos.CallStatus, owner string) {
	t.Helper()
	day := testNow.AddDate(0, 0, days)
	c := &proxenos.Call{Identifier: id, Title: "Title of " + id, Programme: proxenos.ProgrammeFromIdentifier(id),
		Status: status, Owner: owner, CreatedBy: "U1",
		Deadlines: []proxenos.Deadline{{At: time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, brussels)}}}
	if err := e.calls.CreateCall(e.ctx(), c); err != nil {
		t.Fatalf("create call %s: %v", id, err)
	}
}

// sectionTexts returns the text of the Section blocks of resp.
func sectionTexts(resp *chat.Response) []string {
	var out []string
	for _, b := range resp.Blocks {
		if s, ok := b.(chat.Section); ok {
			out = append(out, s.Text)
		}
	}
	return out
}

func TestCallAdd(t *testing.T) {
	env := newCallEnv(t)
	t.Run("OKEnglishKeys", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/call", `add id:`+townTT+` title:"Town twinning 2027" deadline:"18/09/2027 17:00" `+
			`grant:8.5k-51k budget:"4.500.000" owner:<@U2|maria> link:<https://ec.europa.eu/topic|portal> notes:"Ask Faenza"`)
		text := allText(resp)
		for _, want := range []string{"Added call " + townTT + " — Town twinning 2027",
			"Deadline: 18 Sep 2027, 18:00 (17:00 Brussels time)", "in 296 days", "CERV"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		if resp.Ephemeral {
			t.Error("an added call should be visible to the channel")
		}
		c := env.call(t, townTT)
		if want := time.Date(2027, 9, 18, 15, 0, 0, 0, time.UTC); len(c.Deadlines) != 1 || !c.Deadlines[0].At.Equal(want) {
			t.Errorf("deadlines = %v, want %v", c.Deadlines, want)
		}
		if c.Programme != proxenos.ProgrammeCERV || c.Status != proxenos.CallWatching || c.Owner != "U2" ||
			c.GrantMin != 8500 || c.GrantMax != 51000 || c.Budget != 4_500_000 || c.Link != "https://ec.europa.eu/topic" ||
			c.Notes != "Ask Faenza" || c.CreatedBy != "U1" {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("OKGreekKeysAndZone", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/call", `νέα κωδικός:erasmus-2027-pcoop τίτλος:"Συνεργασίες" `+
			`προθεσμίες:"04/03/2027 12:00 Αθήνα; 18/09/2027" πρόγραμμα:"Δημιουργική Ευρώπη" κατάσταση:"σε προετοιμασία"`)
		text := allText(resp)
		for _, want := range []string{"Προστέθηκε η πρόσκληση ERASMUS-2027-PCOOP — Συνεργασίες",
			"4 Μαρτίου 2027, 12:00 (11:00 ώρα Βρυξελλών)", "σε 98 ημέρες", "Δημιουργική Ευρώπη"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		c := env.call(t, "ERASMUS-2027-PCOOP")
		if c.Programme != proxenos.ProgrammeCreativeEurope || c.Status != proxenos.CallPreparing || len(c.Deadlines) != 2 {
			t.Errorf("stored %+v", c)
		}
		if want := time.Date(2027, 3, 4, 10, 0, 0, 0, time.UTC); !c.Deadlines[0].At.Equal(want) {
			t.Errorf("first deadline = %v, want %v (noon in Athens)", c.Deadlines[0].At, want)
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrIdentifierRequired", `add title:x deadline:18/09/2027`, "Give the topic identifier, e.g. id:CERV-2027-CITIZENS-TOWN-TT."},
		{"ErrDeadlineRequired", `add id:X-1 title:x`, "Give at least one deadline, e.g. deadline:\"18/09/2027 17:00\" (Brussels time)."},
		{"ErrDeadline", `add id:X-1 title:x deadline:"31/02/2027"`, "The deadline “31/02/2027” is not a date. Write e.g. 18/09/2027 17:00 (Brussels time; a date alone means 17:00)."},
		{"ErrDeadlineYear", `add id:X-1 title:x deadline:"18/09/0001 17:00"`, "The deadline “18/09/0001 17:00” needs a year from 1900 to 2076. Write e.g. 18/09/2027 17:00 (Brussels time)."},
		{"ErrAmount", `add id:X-1 title:x deadline:18/09/2027 budget:lots`, "The field “Budget” must be a sum in euro, e.g. budget:4500000 or grant:8500-51000 (“lots” is not)."},
		{"ErrGrantRange", `add id:X-1 title:x deadline:18/09/2027 grant:51000-8500`, "The smallest grant is larger than the largest, e.g. write 8500–51000."},
		{"ErrOwnerNotMention", `add id:X-1 title:x deadline:18/09/2027 owner:@maria`, "The owner must be a Slack user, e.g. owner:@maria."},
		{"ErrProgramme", `add id:X-1 title:x deadline:18/09/2027 programme:marshall`, "The programme “marshall” is not known. Choose CERV, Erasmus+, Creative Europe, LIFE, Horizon Europe, Interreg, URBACT or other."},
		{"ErrDuplicate", `add id:` + strings.ToLower(townTT) + ` title:again deadline:18/09/2027`, "The call " + townTT + " already exists. See it with /call show " + townTT + "."},
		{"ErrUnknownPartner", `add id:X-1 title:x deadline:18/09/2027 partners:Atlantis`, "No partner “Atlantis” was found. See the list with /partner list or add it with /partner add."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/call", tt.text)
			if resp.Text != tt.want {
				t.Errorf("got %q, want %q", resp.Text, tt.want)
			}
			if !resp.Ephemeral {
				t.Error("errors should be ephemeral")
			}
		})
	}
	t.Run("NothingStoredOnError", func(t *testing.T) {
		if got := env.countCalls(t); got != 2 {
			t.Errorf("calls = %d, want 2", got)
		}
	})
}

func TestCallList(t *testing.T) {
	env := newCallEnv(t)
	env.addCall(t, "CERV-A", 12, proxenos.CallPreparing, "")
	env.addCall(t, "CERV-TODAY", 0, proxenos.CallWatching, "")
	env.addCall(t, "CERV-PASSED", -3, proxenos.CallWatching, "")
	env.addCall(t, "CERV-SUBMITTED", 30, proxenos.CallSubmitted, "U1")
	env.addCall(t, "ERASMUS-TOMORROW", 1, proxenos.CallWatching, "U1")
	for _, tt := range []struct {
		name, text, title string
		want              []string // identifier and days left, in order
	}{
		{"OKOpenSoonestFirst", "list", "Open calls: 3",
			[]string{"CERV-TODAY* — Title of CERV-TODAY · CERV · 26 Nov 2026, 18:00 (17:00 Brussels time) · today",
				"ERASMUS-TOMORROW* — Title of ERASMUS-TOMORROW · Erasmus+ · 27 Nov 2026, 18:00 (17:00 Brussels time) · in 1 day",
				"CERV-A* — Title of CERV-A · CERV · 8 Dec 2026, 18:00 (17:00 Brussels time) · in 12 days"}},
		{"OKAllPassedLast", "list all", "All calls: 5",
			[]string{"CERV-TODAY*", "ERASMUS-TOMORROW*", "CERV-A*", "CERV-SUBMITTED*", "CERV-PASSED* — Title of CERV-PASSED · CERV · 23 Nov 2026, 18:00 (17:00 Brussels time) · ended 3 days ago"}},
		{"OKMine", "list mine", "My calls: 2", []string{"ERASMUS-TOMORROW*", "CERV-SUBMITTED* — Title of CERV-SUBMITTED · CERV · 26 Dec 2026, 18:00 (17:00 Brussels time) · in 30 days · submitted · <@U1>"}},
		{"OKProgramme", "list Erasmus+", "Erasmus+ calls: 1", []string{"ERASMUS-TOMORROW*"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/call", tt.text)
			if !strings.HasPrefix(resp.Text, tt.title) {
				t.Errorf("title: got %q, want %q", resp.Text, tt.title)
			}
			got := sectionTexts(resp)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], "*"+w) {
					t.Errorf("line %d = %q, want prefix %q", i, got[i], "*"+w)
				}
			}
		})
	}
	t.Run("OKGreekDaysLeft", func(t *testing.T) {
		text := env.run(t, i18n.Greek, "/call", "λίστα όλες").Text
		for _, want := range []string{"Όλες οι προσκλήσεις: 5", "26 Νοεμβρίου 2026, 18:00 (17:00 ώρα Βρυξελλών) · σήμερα",
			"σε 1 ημέρα", "σε 12 ημέρες", "έληξε πριν από 3 ημέρες", "υποβλήθηκε"} {
			if !strings.Contains(text, want) {
				t.Errorf("list lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("ErrFilter", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/call", "list soon").Text, "I do not understand “soon”. Write /call list open, mine, all or a programme, e.g. /call list cerv."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		// The filter that left nothing is named, with the way to see all.
		if got, want := env.run(t, i18n.English, "/call", "list life").Text, "No LIFE call. Every call: /call list all."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// A part of a code, or words of a title, name a call when they name one.
func TestCallShowByPart(t *testing.T) {
	env := newCallEnv(t)
	env.addCall(t, "CERV-2027-CITIZENS-TOWN-TT", 12, proxenos.CallWatching, "")
	env.addCall(t, "CERV-2027-CITIZENS-NET", 30, proxenos.CallWatching, "")
	env.addCall(t, "ERASMUS-2027-YOUTH", 40, proxenos.CallWatching, "")
	for _, tt := range []struct{ name, which, want string }{
		{"OKPartOfCode", "town-tt", "CERV-2027-CITIZENS-TOWN-TT"},
		{"OKOtherCase", "Erasmus", "ERASMUS-2027-YOUTH"},
		{"OKTitleWords", "title of citizens-net", "CERV-2027-CITIZENS-NET"},
		{"ErrAmbiguous", "cerv", "More than one call matches “cerv”: CERV-2027-CITIZENS-TOWN-TT, CERV-2027-CITIZENS-NET. Write the whole code."},
		{"ErrNotFound", "horizon", "No call “horizon” was found. See the calls with /call list all."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, i18n.English, "/call", "show "+tt.which).Text; !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestCallStatusOwnerMilestone(t *testing.T) {
	env := newCallEnv(t)
	env.run(t, i18n.English, "/call", `add id:`+townTT+` title:"Town twinning" deadline:"18/09/2027"`)
	for _, tt := range []struct {
		name, text, want string
		lang             i18n.Lang
		check            func(c *proxenos.Call) bool
	}{
		{"OKStatusGreek", "status " + townTT + " υποβληθηκε", "Η κατάσταση της πρόσκλησης " + townTT + " άλλαξε σε «Υποβλήθηκε».", i18n.Greek,
			func(c *proxenos.Call) bool { return c.Status == proxenos.CallSubmitted }},
		{"OKStatusEnglishTwoWords", "κατάσταση " + strings.ToLower(townTT) + " σε προετοιμασία", "Call " + townTT + " is now “Preparing”.", i18n.English,
			func(c *proxenos.Call) bool { return c.Status == proxenos.CallPreparing }},
		{"ErrStatus", "status " + townTT + " dreaming", "The status “dreaming” is not known. Choose: watching, preparing, submitted, awarded, rejected, withdrawn, closed.", i18n.English,
			func(c *proxenos.Call) bool { return c.Status == proxenos.CallPreparing }},
		{"ErrStatusMissing", "status " + townTT, i18n.T(i18n.English, "call.required.status"), i18n.English, nil},
		{"OKOwnerMention", "owner " + townTT + " <@U777|maria>", "The owner of call " + townTT + " is now <@U777>.", i18n.English,
			func(c *proxenos.Call) bool { return c.Owner == "U777" }},
		{"ErrOwnerPlainName", "owner " + townTT + " @maria", "The owner must be a Slack user, e.g. owner:@maria.", i18n.English,
			func(c *proxenos.Call) bool { return c.Owner == "U777" }},
		{"OKOwnerNone", "υπεύθυνος " + townTT + " κανείς", "Η πρόσκληση " + townTT + " δεν έχει πλέον υπεύθυνο.", i18n.Greek,
			func(c *proxenos.Call) bool { return c.Owner == "" }},
		{"OKOwnerMe", "owner " + townTT + " me", "The owner of call " + townTT + " is now <@U1>.", i18n.English,
			func(c *proxenos.Call) bool { return c.Owner == "U1" }},
		{"OKMilestoneDaysBefore", "milestone " + townTT + ` "draft to the resources office" 14d`,
			"New milestone for call " + townTT + ": “draft to the resources office”, due 4 Sep 2027 (14 days before the deadline).", i18n.English,
			func(c *proxenos.Call) bool { return len(c.Milestones) == 1 && c.Milestones[0].DaysBefore == 14 }},
		{"OKMilestoneAt", "ορόσημο " + townTT + ` "συνάντηση με εταίρους" στις:1/7/2027`,
			"Νέο ορόσημο στην πρόσκληση " + townTT + ": «συνάντηση με εταίρους», έως 1 Ιουλίου 2027.", i18n.Greek,
			func(c *proxenos.Call) bool {
				return len(c.Milestones) == 2 && c.Milestones[1].At.Equal(time.Date(2027, 7, 1, 0, 0, 0, 0, athens))
			}},
		{"ErrMilestoneMonths", "milestone " + townTT + ` "draft" before:2m`, "Days before the deadline go from 1 to 365, e.g. before:14.", i18n.English,
			func(c *proxenos.Call) bool { return len(c.Milestones) == 2 }},
		{"ErrMilestoneWhen", "milestone " + townTT + ` "draft"`, i18n.T(i18n.English, "milestone.required.when"), i18n.English, nil},
		{"ErrNotFound", "status CERV-1999-NONE submitted", "No call “CERV-1999-NONE” was found. See the calls with /call list all.", i18n.English, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, tt.lang, "/call", tt.text).Text; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.check != nil && !tt.check(env.call(t, townTT)) {
				t.Errorf("stored %+v", env.call(t, townTT))
			}
		})
	}
	t.Run("ShowMilestonesAndHistory", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/call", "show "+strings.ToLower(townTT)))
		for _, want := range []string{"Title of", "*Deadline:* 18 Sep 2027, 18:00 (17:00 Brussels time) — in 296 days",
			"*Status:* preparing", "*Owner:* <@U1>", "• draft to the resources office — 4 Sep 2027 (14 days before the deadline) · in 282 days",
			"• συνάντηση με εταίρους — 1 Jul 2027", "Edit history", "Status: watching → submitted"} {
			if want == "Title of" {
				want = "Town twinning"
			}
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
}

func TestCallImport(t *testing.T) {
	env := newCallEnv(t)
	t.Run("OK", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/call", "import "+strings.ToLower(townTT))
		text := allText(resp)
		for _, want := range []string{"Imported from the EU portal: " + townTT + " — Town-Twinning",
			"Deadline: 4 Mar 2027, 18:00 (17:00 Brussels time)", "in 98 days"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		c := env.call(t, townTT)
		if len(c.Deadlines) != 2 || c.GrantMax != 51000 || c.CreatedBy != "U1" || c.Status != proxenos.CallWatching {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("ErrDuplicateAsksNothing", func(t *testing.T) {
		before := env.requests.Load()
		if got, want := env.run(t, i18n.Greek, "/call", "εισαγωγή "+townTT).Text, "Η πρόσκληση "+townTT+" υπάρχει ήδη. Δείτε την με /call show "+townTT+"."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if env.requests.Load() != before {
			t.Error("a tracked topic was asked of the portal again")
		}
		if got := env.lastOutcome(); got != "/call conflict" {
			t.Errorf("outcome = %q", got)
		}
	})
	t.Run("ErrUnknownTopic", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/call", "import CERV-2027-NOPE").Text, "The EU portal has no topic CERV-2027-NOPE. Check the identifier, e.g. CERV-2027-CITIZENS-TOWN-TT."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrIdentifier", func(t *testing.T) {
		before := env.requests.Load()
		resp := env.run(t, i18n.English, "/call", "import CERV 2027")
		if !strings.HasPrefix(resp.Text, "The identifier “CERV 2027” is not valid") || env.requests.Load() != before {
			t.Errorf("got %q after %d requests", resp.Text, env.requests.Load()-before)
		}
	})
	t.Run("ErrNetworkDown", func(t *testing.T) {
		down := httptest.NewServer(http.NotFoundHandler())
		down.Close()
		env.h.Portal = &portal.Client{BaseURL: down.URL}
		env.h.Calls.DeleteCall(env.ctx(), townTT)
		resp := env.run(t, i18n.Greek, "/call", "import "+townTT)
		if got, want := resp.Text, i18n.T(i18n.Greek, "portal.unavailable"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if strings.Contains(resp.Text, "127.0.0.1") || !strings.Contains(env.logs.String(), "127.0.0.1") {
			t.Errorf("the cause should be logged, not shown: %q", resp.Text)
		}
	})
	t.Run("NothingStoredOnError", func(t *testing.T) {
		if got := env.countCalls(t); got != 0 {
			t.Errorf("calls = %d, want 0", got)
		}
	})
	t.Run("NotConfigured", func(t *testing.T) {
		env.h.Portal = nil
		if got, want := env.run(t, i18n.English, "/call", "import "+townTT).Text, i18n.T(i18n.English, "call.portal_not_configured"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestCallModal(t *testing.T) {
	env := newCallEnv(t)
	env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Country: "IT"})
	env.addPartner(t, &proxenos.Partner{Name: "Stadt Köln", Country: "DE"})
	env.addPartner(t, &proxenos.Partner{Name: "Universität zu Köln", Kind: proxenos.KindUniversity, Country: "DE"})
	m := env.run(t, i18n.Greek, "/call", "").Modal
	if m == nil || m.CallbackID != call.ModalCallback || m.Metadata != "" {
		t.Fatalf("modal = %+v", m)
	}
	var ids []string
	for _, in := range m.Inputs {
		ids = append(ids, in.ID)
		if len([]rune(in.Label)) > 48 {
			t.Errorf("label %q is too long for Slack", in.Label)
		}
	}
	if got, want := strings.Join(ids, ","), "id,title,deadline,programme,status,owner,call,opening,link,budget,grant,partner,notes"; got != want {
		t.Errorf("inputs = %s, want %s", got, want)
	}
	if len([]rune(m.Title)) > 24 {
		t.Errorf("title %q is longer than Slack allows", m.Title)
	}
	submit := func(meta string, values map[string]string) (*chat.Response, chat.FieldErrors) {
		return env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: call.ModalCallback, Metadata: meta, Values: values})
	}
	valid := func() map[string]string {
		return map[string]string{"id": townTT, "title": "Town twinning", "deadline": "18/09/2027 17:00", "status": "watching",
			"owner": "U2", "opening": "2026-12-10", "partner": "Φαέντσα"}
	}
	for _, tt := range []struct {
		name, field, value, wantField, wantMsg string
	}{
		{"ErrIdentifierRequired", "id", "", "id", "Give the topic identifier, e.g. id:CERV-2027-CITIZENS-TOWN-TT."},
		{"ErrTitleRequired", "title", " ", "title", "Give a title, e.g. title:\"Town-Twinning 2027\"."},
		{"ErrDeadline", "deadline", "soon", "deadline", "The deadline “soon” is not a date. Write e.g. 18/09/2027 17:00 (Brussels time; a date alone means 17:00)."},
		{"ErrDeadlineYear", "deadline", "2027-09-18; 1/1/2999", "deadline", "The deadline “1/1/2999” needs a year from 1900 to 2076. Write e.g. 18/09/2027 17:00 (Brussels time)."},
		{"ErrOpeningYear", "opening", "1/1/1066", "opening", "The field “Opening” needs a date with a year from 1900 to 2076, e.g. 20/11/2026 (“1/1/1066” is not)."},
		{"ErrOpeningAfterDeadline", "opening", "2027-10-01", "opening", "The opening date is after a deadline. Check the dates, e.g. opening 20/01/2027, deadline 18/09/2027."},
		{"ErrBudget", "budget", "-5", "budget", "The field “Budget” must be a sum in euro, e.g. budget:4500000 or grant:8500-51000 (“-5” is not)."},
		{"ErrGrant", "grant", "a-b", "grant", "The field “Grant” must be a sum in euro, e.g. budget:4500000 or grant:8500-51000 (“a” is not)."},
		{"ErrLink", "link", "ec.europa.eu", "link", "The link “ec.europa.eu” is not a web address, e.g. https://ec.europa.eu/…"},
		{"ErrPartnerUnknown", "partner", "Atlantis", "partner", "No partner “Atlantis” was found. See the list with /partner list or add it with /partner add."},
		{"ErrPartnerAmbiguous", "partner", "Köln", "partner", "“Köln” matches several partners: Stadt Köln, Universität zu Köln. Write the full name."},
		{"ErrTitleTooLong", "title", strings.Repeat("t", 301), "title", "The field “Title” is too long: 301 characters, and the limit is 300. Please shorten it."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := valid()
			v[tt.field] = tt.value
			resp, fe := submit("", v)
			if resp != nil || fe == nil {
				t.Fatalf("got %+v, %v; want field errors", resp, fe)
			}
			if got := fe[tt.wantField]; got != tt.wantMsg {
				t.Errorf("%s: got %q, want %q (all: %v)", tt.wantField, got, tt.wantMsg, fe)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		resp, fe := submit("", valid())
		if fe != nil || resp == nil || !strings.HasPrefix(resp.Text, "Added call "+townTT+" — Town twinning") {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		c := env.call(t, townTT)
		if c.Owner != "U2" || len(c.PartnerIDs) != 1 || !c.OpeningDate.Equal(time.Date(2026, 12, 10, 0, 0, 0, 0, athens)) {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("ErrDuplicateOnIdentifier", func(t *testing.T) {
		_, fe := submit("", valid())
		if got, want := fe["id"], "The call "+townTT+" already exists. See it with /call show "+townTT+"."; got != want {
			t.Errorf("got %q, want %q (all: %v)", got, want, fe)
		}
	})
	t.Run("OKEdit", func(t *testing.T) {
		m := env.run(t, i18n.English, "/call", "edit "+townTT).Modal
		if m == nil || m.Metadata != env.call(t, townTT).ID || m.Inputs[0].ID != "title" {
			t.Fatalf("edit modal = %+v", m)
		}
		values := map[string]string{}
		for _, in := range m.Inputs {
			values[in.ID] = in.Initial
		}
		if values["partner"] != "Φαέντσα" || values["deadline"] != "18/09/2027 17:00" || values["owner"] != "U2" || values["opening"] != "2026-12-10" {
			t.Errorf("initial values %v", values)
		}
		values["title"], values["status"] = "Town twinning 2027", "preparing"
		resp, fe := submit(m.Metadata, values)
		if fe != nil || resp == nil || !strings.HasPrefix(resp.Text, "Updated call "+townTT+" — Town twinning 2027") {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		if c := env.call(t, townTT); c.Status != proxenos.CallPreparing || c.Owner != "U2" || len(c.PartnerIDs) != 1 || len(c.History) != 1 {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("OKEditInline", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/call", "edit "+townTT+" budget:4.5m").Text, "Updated call "+townTT+" — Town twinning 2027"; !strings.HasPrefix(got, want) {
			t.Errorf("got %q, want prefix %q", got, want)
		}
		if c := env.call(t, townTT); c.Budget != 4_500_000 || c.Title != "Town twinning 2027" || len(c.Deadlines) != 1 {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("ShowButton", func(t *testing.T) {
		resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Lang: i18n.English, ActionID: call.ActionCallShow, Value: townTT})
		if !strings.Contains(allText(resp), "*Partners:* Φαέντσα") {
			t.Errorf("got %q", allText(resp))
		}
	})
}

func TestCallParsers(t *testing.T) {
	t.Run("Amounts", func(t *testing.T) {
		for in, want := range map[string]int64{"": 0, "4500000": 4_500_000, "4.500.000": 4_500_000, "4,500,000": 4_500_000,
			"€51k": 51_000, "8.5k": 8500, "4,5 εκ.": 4_500_000, "51 χιλ": 51_000, "EUR 1 000": 1000} {
			if got, err := handlers.ParseAmount("budget", in); err != nil || got != want {
				t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
			}
		}
		for _, in := range []string{"lots", "-5", "1e20", "2000000000000"} {
			if _, err := handlers.ParseAmount("budget", in); proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Errorf("ParseAmount(%q): err %v, want EINVALID", in, err)
			}
		}
	})
	t.Run("Users", func(t *testing.T) {
		for _, tt := range []struct {
			in, want string
			ok       bool
		}{
			{"<@U123|maria>", "U123", true}, {"<@W42>", "W42", true}, {"U0G9QF9C6", "U0G9QF9C6", true},
			{"me", "USELF", true}, {"Κανείς", "", true}, {"@maria", "", false}, {"<!channel>", "", false},
			{"<@U1|x> <@U2|y>", "", false},
		} {
			got, ok := handlers.ParseUser(tt.in, "USELF")
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseUser(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		}
	})
}

func TestCallMentionEscaping(t *testing.T) {
	env := newCallEnv(t)
	hostile := "<!channel> ping <@U999> & <https://evil.example|click>"
	for _, tt := range []struct {
		name, cmd, text string
	}{
		{"Created", "/call", `add id:CERV-X title:"` + hostile + `" deadline:18/09/2027 notes:"<!here>"`},
		{"List", "/call", "list"},
		{"Show", "/call", "show CERV-X"},
		{"Milestone", "/call", `milestone CERV-X "` + hostile + `" 7d`},
		{"NotFound", "/call", "show <!subteam^S1>"},
		{"BadStatus", "/call", "status CERV-X <!channel>"},
		{"MouCreated", "/mou", `add kind:network partner:Q-Cities title:"` + hostile + `"`},
		{"MouList", "/mou", "list"},
		{"MouNotFound", "/mou", "show <!everyone>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "MouCreated" {
				env.addPartner(t, &proxenos.Partner{Name: "Q-Cities", Kind: proxenos.KindNetwork})
			}
			text := mrkdwnText(env.run(t, i18n.English, tt.cmd, tt.text))
			for _, bad := range []string{"<!", "<@U999", "<https"} {
				if strings.Contains(text, bad) {
					t.Errorf("answer contains %q unescaped:\n%s", bad, text)
				}
			}
			if !strings.Contains(text, "&lt;") {
				t.Errorf("answer does not echo the input escaped:\n%s", text)
			}
		})
	}
}

// BenchmarkCallList measures `/call list all` over 100 calls (three
// partners each): the store's ordering by next deadline and the first
// page of 20 rendered.
func BenchmarkCallList(b *testing.B) {
	env := &callEnv{testEnv: newTestEnv(b)}
	env.calls = sqlite.NewCallService(env.db)
	env.h.Calls = env.calls
	var ids []string
	for i := range 3 {
		p := &proxenos.Partner{Name: "Partner " + string(rune('A'+i)), Kind: proxenos.KindMunicipality}
		if err := env.h.Partners.CreatePartner(env.ctx(), p); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	for i := range 100 {
		day := testNow.AddDate(0, 0, i-10)
		c := &proxenos.Call{Identifier: "CERV-2027-" + strconv.Itoa(i), Title: "Call", Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, PartnerIDs: ids,
			Deadlines: []proxenos.Deadline{{At: time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, brussels)}}}
		if err := env.calls.CreateCall(env.ctx(), c); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if resp := env.run(b, i18n.English, "/call", "list all"); !strings.HasPrefix(resp.Text, "All calls: 100") {
			b.Fatalf("got %q", resp.Text)
		}
	}
}

// TestCallListEmptyFiltered: when every call is submitted, /call list
// does not claim there are none: it names the filter and how to see all.
func TestCallListEmptyFiltered(t *testing.T) {
	env := newCallEnv(t)
	env.addCall(t, "CERV-2027-CITIZENS-TOWN", 20, proxenos.CallSubmitted, "")
	for _, tt := range []struct {
		lang       i18n.Lang
		text, want string
	}{
		{i18n.English, "list", "No open call with a deadline still ahead. Every call, submitted ones too: /call list all."},
		{i18n.Greek, "list δικές μου", "Δεν είστε υπεύθυνος/η καμίας πρόσκλησης. Όλες: /call list όλες."},
	} {
		if got := env.run(t, tt.lang, "/call", tt.text).Text; got != tt.want {
			t.Errorf("/call %s: got %q, want %q", tt.text, got, tt.want)
		}
	}
	if got := env.run(t, i18n.English, "/call", "list all").Text; !strings.Contains(got, "CERV-2027-CITIZENS-TOWN") {
		t.Errorf("/call list all: got %q, want the submitted call", got)
	}
}

// Real portal records: the identifier keeps the portal's spelling and
// matches in any case, the portal's status is shown, and a call that no
// longer takes proposals is imported with a warning.
func TestCallImport_RealRecords(t *testing.T) {
	env := newCallEnv(t)
	const soil = "HORIZON-MISS-2027-05-SOIL-01-two-stage"
	t.Run("PortalSpellingAndStatus", func(t *testing.T) {
		// The portal's English title is data, not an internal word.
		env.mu.Lock()
		env.typed = append(env.typed, strings.Fields("Living labs to enhance soil health in Continental, Black Sea")...)
		env.mu.Unlock()
		text := allText(env.run(t, i18n.Greek, "/call", "εισαγωγή horizon-miss-2027-05-soil-01-TWO-STAGE"))
		for _, want := range []string{"Εισήχθη από την πύλη της ΕΕ: " + soil, "Στην πύλη: προσεχώς", "Ορίζων Ευρώπη"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "⚠️") {
			t.Errorf("a forthcoming call got a warning:\n%s", text)
		}
		c := env.call(t, strings.ToUpper(soil))
		if c.Identifier != soil || c.Link != "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"+soil {
			t.Errorf("stored %q linked to %q", c.Identifier, c.Link)
		}
		// Matched in any case: the topic is tracked already.
		if got, want := env.run(t, i18n.English, "/call", "import "+strings.ToLower(soil)).Text, "The call "+strings.ToUpper(soil)+" already exists."; !strings.HasPrefix(got, want) {
			t.Errorf("got %q, want %q…", got, want)
		}
	})
	t.Run("ClosedWarns", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/call", "import HORIZON-CL2-2024-TRANSFORMATIONS-01-08"))
		for _, want := range []string{"On the portal: closed", i18n.T(i18n.English, "call.imported.closed")} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("PastDeadlinesWarn", func(t *testing.T) {
		// The portal still says forthcoming; its only deadline was 12/3/2024, 17:00 Brussels time.
		text := allText(env.run(t, i18n.English, "/call", "import HORIZON-INFRA-2024-EOSC-01-03"))
		for _, want := range []string{i18n.T(i18n.English, "call.imported.deadlines_passed"), "12 Mar 2024, 18:00 (17:00 Brussels time)"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
	})
}
