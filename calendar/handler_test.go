package calendar_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/calendar"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/sqlite"
)

const team = "TMAROUSSI"

// fixture is a store with a call per user, an agreement with an
// obligation, and a feed per kind.
type fixture struct {
	store   *storage.Store
	clock   *time.Time
	handler *calendar.Handler
	call    *proxenos.Call // owned by U1
	other   *proxenos.Call // owned by U2
	all     string         // token of U1's full feed
	mine    string         // token of U1's mine-only feed
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	athens, _ := time.LoadLocation("Europe/Athens")
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, athens)
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{store: storage.NewSQLiteStore(db), clock: &now}
	db.Now = func() time.Time { return *f.clock }
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")

	deadline, _ := proxenos.ParseDeadline("18/09/2027") // 17:00 Brussels
	f.call = &proxenos.Call{Identifier: "CERV-2027-CITIZENS-TOWN-TT", Title: "Town twinning, Faenza; Maroussi",
		Programme: proxenos.ProgrammeCERV, Status: proxenos.CallPreparing, Owner: "U1",
		Deadlines:  []proxenos.Deadline{{At: deadline}},
		Milestones: []proxenos.Milestone{{Text: "Σχέδιο στο γραφείο προγραμμάτων", DaysBefore: 14}}}
	f.other = &proxenos.Call{Identifier: "CREA-CULT-2027-COOP", Title: "Δημιουργική συνεργασία",
		Programme: proxenos.ProgrammeCreativeEurope, Status: proxenos.CallWatching, Owner: "U2",
		Deadlines: []proxenos.Deadline{{At: deadline.AddDate(0, 1, 0)}}}
	for _, c := range []*proxenos.Call{f.call, f.other} {
		if err := f.store.Calls.CreateCall(ctx, c); err != nil {
			t.Fatalf("CreateCall: %v", err)
		}
	}
	p := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := f.store.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{p.ID}, Title: "Αδελφοποίηση με Φαέντσα",
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, athens), End: time.Date(2027, 12, 31, 0, 0, 0, 0, athens),
		Notice: proxenos.Period{Months: 6}, Status: proxenos.AgreementActive}
	if err := f.store.Agreements.CreateAgreement(ctx, a); err != nil {
		t.Fatal(err)
	}
	o := &proxenos.Obligation{AgreementID: a.ID, Text: "Ετήσια έκθεση", Owner: "U2",
		Due: time.Date(2027, 3, 31, 0, 0, 0, 0, athens), Status: proxenos.ObligationOpen}
	if err := f.store.Agreements.AddObligation(ctx, o); err != nil {
		t.Fatal(err)
	}
	for _, feed := range []struct {
		token *string
		mine  bool
	}{{&f.all, false}, {&f.mine, true}} {
		var hash string
		*feed.token, hash = proxenos.NewCalendarToken()
		if err := f.store.CalendarFeeds.CreateCalendarFeed(ctx, &proxenos.CalendarFeed{TokenHash: hash, MineOnly: feed.mine, Lang: i18n.English}); err != nil {
			t.Fatal(err)
		}
	}
	f.handler = calendar.NewHandler(f.store.CalendarFeeds, f.store.Calls, f.store.Agreements)
	f.handler.Now = func() time.Time { return *f.clock }
	f.handler.Channel = "C0OFFICE"
	f.handler.Logger = slog.New(slog.DiscardHandler)
	return f
}

// get requests the feed with token and returns the response.
func (f *fixture) get(t *testing.T, method, token string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	f.handler.ServeHTTP(w, httptest.NewRequest(method, calendar.Path+"?token="+token, nil))
	return w
}

// feed fetches and parses the feed of token.
func (f *fixture) feed(t *testing.T, token string) (string, map[string]*ics.VEvent) {
	t.Helper()
	w := f.get(t, http.MethodGet, token)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("GET = %d %q: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatalf("ParseCalendar: %v", err)
	}
	byUID := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		byUID[e.Id()] = e
	}
	return w.Body.String(), byUID
}

func uids(events map[string]*ics.VEvent) []string {
	var out []string
	for uid := range events {
		out = append(out, uid)
	}
	slices.Sort(out)
	return out
}

func TestFeed(t *testing.T) {
	f := newFixture(t)
	body, events := f.feed(t, f.all)
	deadlineUID := "call-" + f.call.ID + "-deadline-0@proxenos"

	t.Run("OK", func(t *testing.T) {
		for _, want := range []string{deadlineUID, "call-" + f.call.ID + "-milestone-0@proxenos", "call-" + f.other.ID + "-deadline-0@proxenos"} {
			if events[want] == nil {
				t.Errorf("no event %s in %v", want, uids(events))
			}
		}
		// Deadlines, a milestone, an obligation, the end and the notice day.
		if len(events) != 6 {
			t.Errorf("%d events %v, want 6", len(events), uids(events))
		}
		summary := events[deadlineUID].GetProperty(ics.ComponentPropertySummary).Value
		if want := "Deadline: CERV-2027-CITIZENS-TOWN-TT — Town twinning, Faenza; Maroussi"; summary != want {
			t.Errorf("SUMMARY = %q, want %q", summary, want)
		}
		if got := events[deadlineUID].GetProperty(ics.ComponentPropertyUrl).Value; got != "https://slack.com/app_redirect?channel=C0OFFICE&team="+team {
			t.Errorf("URL = %q, want a link to the office channel", got)
		}
	})
	t.Run("DeadlineAt18Athens", func(t *testing.T) {
		// 17:00 in Brussels is 18:00 in Athens, with the zone named.
		p := events[deadlineUID].GetProperty(ics.ComponentPropertyDtStart)
		if p.Value != "20270918T180000" || strings.Join(p.ICalParameters["TZID"], ",") != "Europe/Athens" {
			t.Fatalf("DTSTART = %q %v, want 20270918T180000 in Europe/Athens", p.Value, p.ICalParameters)
		}
	})
	t.Run("AllDay", func(t *testing.T) {
		for _, e := range events {
			uid := e.Id()
			if uid == deadlineUID || strings.Contains(uid, "-deadline-") {
				continue
			}
			// Milestones, obligations due at midnight and agreement
			// dates are days, not instants.
			if p := e.GetProperty(ics.ComponentPropertyDtStart); strings.Join(p.ICalParameters["VALUE"], "") != "DATE" {
				t.Errorf("%s: DTSTART %q %v is not a date", uid, p.Value, p.ICalParameters)
			}
		}
		if p := events[deadlineUID].GetProperty(ics.ComponentPropertyDtStart); len(p.ICalParameters["VALUE"]) != 0 {
			t.Errorf("deadline is all-day: %v", p.ICalParameters)
		}
	})
	t.Run("StableUIDs", func(t *testing.T) {
		again, _ := f.feed(t, f.all)
		if again != body {
			t.Fatalf("two renders of unchanged records differ:\n%s\n---\n%s", body, again)
		}
	})
	t.Run("SequenceBumped", func(t *testing.T) {
		before, _ := strconv.Atoi(events[deadlineUID].GetProperty(ics.ComponentPropertySequence).Value)
		*f.clock = f.clock.Add(time.Minute)
		ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")
		later, _ := proxenos.ParseDeadline("25/09/2027 12:00")
		if _, err := f.store.Calls.UpdateCall(ctx, f.call.ID, proxenos.CallUpdate{Deadlines: &[]proxenos.Deadline{{At: later}}}); err != nil {
			t.Fatal(err)
		}
		_, after := f.feed(t, f.all)
		e := after[deadlineUID]
		if e == nil {
			t.Fatalf("deadline's UID changed: %v", uids(after))
		}
		seq, _ := strconv.Atoi(e.GetProperty(ics.ComponentPropertySequence).Value)
		if seq <= before {
			t.Errorf("SEQUENCE = %d after an update, want more than %d", seq, before)
		}
		if got := e.GetProperty(ics.ComponentPropertyDtStart).Value; got != "20270925T130000" {
			t.Errorf("DTSTART = %q, want the new deadline 20270925T130000", got)
		}
	})
	t.Run("MineOnly", func(t *testing.T) {
		_, mine := f.feed(t, f.mine)
		for uid := range mine {
			// U1 owns one call; the obligation and so the agreement are U2's.
			if !strings.HasPrefix(uid, "call-"+f.call.ID+"-") {
				t.Errorf("mine-only feed has %s", uid)
			}
		}
		if len(mine) != 2 {
			t.Errorf("mine-only feed has %v, want the deadline and the milestone", uids(mine))
		}
	})
	t.Run("Conditional", func(t *testing.T) {
		w := f.get(t, http.MethodGet, f.all)
		req := httptest.NewRequest(http.MethodGet, calendar.Path+"?token="+f.all, nil)
		req.Header.Set("If-None-Match", w.Header().Get("ETag"))
		w2 := httptest.NewRecorder()
		f.handler.ServeHTTP(w2, req)
		if w2.Code != http.StatusNotModified {
			t.Errorf("If-None-Match with the ETag = %d, want 304", w2.Code)
		}
	})
}

// A feed holds every record, past the stores' page size, and the same
// records give the same feed whatever order the store reads them in.
func TestFeedEveryRecord(t *testing.T) {
	f := newFixture(t)
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")
	deadline, _ := proxenos.ParseDeadline("18/09/2027")
	n := proxenos.MaxListLimit + 20
	for i := range n {
		c := &proxenos.Call{Identifier: fmt.Sprintf("CERV-2027-BULK-%03d", i), Title: "Bulk", Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, Deadlines: []proxenos.Deadline{{At: deadline.AddDate(0, 0, -i)}}}
		if err := f.store.Calls.CreateCall(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	body, events := f.feed(t, f.all)
	if want := 6 + n; len(events) != want {
		t.Errorf("%d events, want %d", len(events), want)
	}
	again, _ := f.feed(t, f.all)
	if again != body {
		t.Error("two renders of the same records differ")
	}
}

func TestFeedNotFound(t *testing.T) {
	f := newFixture(t)
	wrong := f.get(t, http.MethodGet, "wrong-token")
	if wrong.Code != http.StatusNotFound {
		t.Fatalf("wrong token = %d, want 404", wrong.Code)
	}
	revoked := func(t *testing.T) string {
		ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")
		if _, err := f.store.CalendarFeeds.RevokeCalendarFeeds(ctx); err != nil {
			t.Fatal(err)
		}
		return f.all
	}
	for _, tt := range []struct {
		name  string
		token func(t *testing.T) string
		setup func()
	}{
		{"ErrMissing", func(*testing.T) string { return "" }, nil},
		{"ErrTooLong", func(*testing.T) string { return strings.Repeat("a", 200) }, nil},
		{"ErrNotAllowed", func(*testing.T) string { return f.mine }, func() {
			f.handler.Allowed = func(context.Context, string) error {
				return proxenos.Errorf(proxenos.EUNAUTHORIZED, "error.unauthorized")
			}
		}},
		{"ErrRevoked", revoked, func() { f.handler.Allowed = nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup()
			}
			w := f.get(t, http.MethodGet, tt.token(t))
			// Nothing tells a revoked or refused token from a wrong one.
			if w.Code != wrong.Code || w.Body.String() != wrong.Body.String() ||
				w.Header().Get("Content-Type") != wrong.Header().Get("Content-Type") {
				t.Fatalf("got %d %q %q, want %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body,
					wrong.Code, wrong.Header().Get("Content-Type"), wrong.Body)
			}
		})
	}
	t.Run("ErrMethod", func(t *testing.T) {
		if w := f.get(t, http.MethodPost, f.mine); w.Code != http.StatusMethodNotAllowed {
			t.Fatalf("POST = %d, want 405", w.Code)
		}
	})
}

// failingFeeds is a CalendarService whose store is down.
type failingFeeds struct{ proxenos.CalendarService }

func (failingFeeds) FindCalendarFeed(context.Context, string) (*proxenos.CalendarFeed, error) {
	return nil, errors.New("disk I/O error")
}

func TestFeedStoreDown(t *testing.T) {
	var logs bytes.Buffer
	h := calendar.NewHandler(failingFeeds{}, nil, nil)
	h.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	token, _ := proxenos.NewCalendarToken()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, calendar.Path+"?token="+token, nil))
	body, _ := io.ReadAll(w.Body)
	if w.Code != http.StatusInternalServerError || strings.Contains(string(body), "disk") {
		t.Fatalf("got %d %q, want 500 without detail", w.Code, body)
	}
	if !strings.Contains(logs.String(), "disk I/O error") || strings.Contains(logs.String(), token) {
		t.Fatalf("logs %q: want the error and never the token", logs.String())
	}
}

// BenchmarkFeed renders a feed of 200 calls with two deadlines and a
// milestone each.
func BenchmarkFeed(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "proxenos.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s := storage.NewSQLiteStore(db)
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U1")
	deadline, _ := proxenos.ParseDeadline("18/09/2027")
	for i := range 200 {
		c := &proxenos.Call{Identifier: "CERV-2027-" + strconv.Itoa(i), Title: "Κλήση αριθμός " + strconv.Itoa(i),
			Programme: proxenos.ProgrammeCERV, Status: proxenos.CallPreparing, Owner: "U1",
			Deadlines:  []proxenos.Deadline{{At: deadline.AddDate(0, 0, i)}, {At: deadline.AddDate(0, 1, i), Label: "stage 2"}},
			Milestones: []proxenos.Milestone{{Text: "Σχέδιο", DaysBefore: 14}}}
		if err := s.Calls.CreateCall(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	token, hash := proxenos.NewCalendarToken()
	if err := s.CalendarFeeds.CreateCalendarFeed(ctx, &proxenos.CalendarFeed{TokenHash: hash, Lang: i18n.Greek}); err != nil {
		b.Fatal(err)
	}
	h := calendar.NewHandler(s.CalendarFeeds, s.Calls, s.Agreements)
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, calendar.Path+"?token="+token, nil))
		if w.Code != http.StatusOK {
			b.Fatalf("GET = %d", w.Code)
		}
	}
}

// TestFeedWorkspaceOffice checks that a feed of a workspace with an
// office of its own (a deployment serving many) links to its channel and
// is written in its zone.
func TestFeedWorkspaceOffice(t *testing.T) {
	f := newFixture(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	var asked string
	f.handler.Office = func(ctx context.Context, ws string) (string, *time.Location) {
		asked = ws
		return "C0TOKYO", tokyo
	}
	body, events := f.feed(t, f.all)
	if asked != team {
		t.Errorf("Office asked for %q, want the feed's workspace %s", asked, team)
	}
	uid := "call-" + f.call.ID + "-deadline-0@proxenos"
	// 17:00 in Brussels on 18 September is midnight of the 19th in Tokyo.
	p := events[uid].GetProperty(ics.ComponentPropertyDtStart)
	if p.Value != "20270919T000000" || strings.Join(p.ICalParameters["TZID"], ",") != "Asia/Tokyo" {
		t.Errorf("DTSTART = %q %v, want 20270919T000000 in Asia/Tokyo", p.Value, p.ICalParameters)
	}
	if !strings.Contains(body, "X-WR-TIMEZONE:Asia/Tokyo") {
		t.Error("the calendar does not name the workspace's zone")
	}
	if got := events[uid].GetProperty(ics.ComponentPropertyUrl).Value; got != "https://slack.com/app_redirect?channel=C0TOKYO&team="+team {
		t.Errorf("URL = %q, want a link to the workspace's office channel", got)
	}
}
