package portal_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/portal"
)

var brussels, athens = mustLoad("Europe/Brussels"), mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// fakePortal serves a recorded-style answer after checking that the
// request has the shape the real API needs. It counts the requests.
type fakePortal struct {
	t        *testing.T
	status   int
	body     []byte
	wantText string
	requests atomic.Int32
	block    bool // wait for the client to give up
}

func newFakePortal(t *testing.T, fixture, wantText string) (*fakePortal, *portal.Client) {
	t.Helper()
	f := &fakePortal{t: t, status: http.StatusOK, wantText: wantText}
	if fixture != "" {
		body, err := os.ReadFile("testdata/" + fixture)
		if err != nil {
			t.Fatal(err)
		}
		f.body = body
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, &portal.Client{BaseURL: srv.URL + "/search-api/prod/rest/search", HTTP: srv.Client()}
}

func (f *fakePortal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	if err := checkRequest(r, f.wantText); err != nil {
		f.t.Errorf("bad request: %v", err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if f.block {
		<-r.Context().Done()
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	w.Write(f.body)
}

// checkRequest checks method, path, query parameters and the multipart
// part "query" holding the JSON filter.
func checkRequest(r *http.Request, wantText string) error {
	q := r.URL.Query()
	switch {
	case r.Method != http.MethodPost:
		return errors.New("method " + r.Method)
	case r.URL.Path != "/search-api/prod/rest/search":
		return errors.New("path " + r.URL.Path)
	case q.Get("apiKey") != "SEDIA":
		return errors.New("apiKey " + q.Get("apiKey"))
	case q.Get("text") != wantText:
		return errors.New("text " + q.Get("text"))
	case q.Get("pageNumber") != "1" || q.Get("pageSize") == "":
		return errors.New("paging " + r.URL.RawQuery)
	}
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return errors.New("content type " + r.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	part, err := mr.NextPart()
	if err != nil {
		return err
	}
	if part.FormName() != "query" || part.Header.Get("Content-Type") != "application/json" {
		return errors.New("part " + part.FormName() + " " + part.Header.Get("Content-Type"))
	}
	var filter struct {
		Bool struct {
			Must []struct {
				Terms map[string][]string `json:"terms"`
			} `json:"must"`
		} `json:"bool"`
	}
	body, _ := io.ReadAll(part)
	if err := json.Unmarshal(body, &filter); err != nil {
		return errors.New("query JSON: " + err.Error())
	}
	terms := map[string][]string{}
	for _, m := range filter.Bool.Must {
		for k, v := range m.Terms {
			terms[k] = v
		}
	}
	if !slices.Equal(terms["type"], []string{"1", "2", "8"}) || !slices.Contains(terms["status"], "31094502") {
		return errors.New("query filter " + string(body))
	}
	return nil
}

func TestFindTopic(t *testing.T) {
	_, client := newFakePortal(t, "cerv-town-tt.json", "CERV-2027-CITIZENS-TOWN-TT")
	// Staff may type the identifier in lower case.
	topic, err := client.FindTopic(context.Background(), " cerv-2027-citizens-town-tt ")
	if err != nil {
		t.Fatal(err)
	}
	got := topic.Call
	march := time.Date(2027, 3, 4, 17, 0, 0, 0, brussels)
	sept := time.Date(2027, 9, 21, 17, 0, 0, 0, brussels)
	want := &proxenos.Call{
		Identifier:     "CERV-2027-CITIZENS-TOWN-TT",
		Title:          "Town-Twinning", // the English version, not the German listed first
		Programme:      proxenos.ProgrammeCERV,
		CallIdentifier: "CERV-2027-CITIZENS-TOWN",
		OpeningDate:    time.Date(2026, 12, 10, 0, 0, 0, 0, brussels),
		Deadlines:      []proxenos.Deadline{{At: march}, {At: sept}},
		Link:           "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/CERV-2027-CITIZENS-TOWN-TT",
		Budget:         4_500_000, // this topic's line of the overview, not the networks'
		GrantMin:       8500,
		GrantMax:       51000,
		ExpectedGrants: 95,
		Status:         proxenos.CallWatching,
	}
	if diff := diffCall(got, want); diff != "" {
		t.Fatal(diff)
	}
	if topic.Status != portal.StatusOpen {
		t.Fatalf("portal status %q, want open", topic.Status)
	}
	// After the March cut-off, the next deadline is September's, at 18:00 in Athens.
	next, ok := got.NextDeadline(time.Date(2027, 5, 1, 12, 0, 0, 0, athens))
	if !ok || !next.At.Equal(sept) {
		t.Fatalf("next deadline: got %v, %v; want %v", next.At, ok, sept)
	}
	if s, want := i18n.FormatDateTime(i18n.Greek, next.At.In(athens)), "21 Σεπτεμβρίου 2027, 18:00"; s != want {
		t.Fatalf("shown as %q, want %q", s, want)
	}
}

func TestFindTopic_OtherLanguageAndExactTime(t *testing.T) {
	_, client := newFakePortal(t, "cerv-town-nt-de.json", "CERV-2027-CITIZENS-TOWN-NT")
	topic, err := client.FindTopic(context.Background(), "CERV-2027-CITIZENS-TOWN-NT")
	if err != nil {
		t.Fatal(err)
	}
	got := topic.Call
	// 15:00 written into the UTC field is 15:00 Brussels time.
	want := time.Date(2027, 9, 21, 15, 0, 0, 0, brussels)
	if got.Title != "Netzwerke von Städten" || len(got.Deadlines) != 1 || !got.Deadlines[0].At.Equal(want) {
		t.Fatalf("got title %q deadlines %v; want the German title and %v", got.Title, got.Deadlines, want)
	}
	if got.Budget != 0 || got.GrantMax != 0 {
		t.Fatalf("a malformed budget overview gave budget %d, grants up to %d; want none", got.Budget, got.GrantMax)
	}
}

func TestFindTopic_Errors(t *testing.T) {
	for _, tt := range []struct {
		name     string
		fixture  string
		status   int
		body     string
		block    bool
		id       string
		code     string
		key      string
		requests int32
	}{
		{name: "ErrNotFound", fixture: "empty.json", id: "CERV-2099-NOTHING", code: proxenos.ENOTFOUND, key: "portal.notfound", requests: 1},
		// The search finds related topics; none is the one asked for.
		{name: "ErrNotFoundOnlyRelated", fixture: "cerv-town-tt.json", id: "CERV-2027-CITIZENS-TOWN", code: proxenos.ENOTFOUND, key: "portal.notfound", requests: 1},
		{name: "ErrServerError", fixture: "empty.json", status: http.StatusServiceUnavailable, id: "CERV-2027-CITIZENS-TOWN-TT", code: proxenos.EUNAVAILABLE, key: "portal.unavailable", requests: 1},
		{name: "ErrMalformedJSON", body: `{"totalResults": 1, "results": [`, id: "CERV-2027-CITIZENS-TOWN-TT", code: proxenos.EUNAVAILABLE, key: "portal.unavailable", requests: 1},
		{name: "ErrHTMLPage", body: `<html>maintenance</html>`, id: "CERV-2027-CITIZENS-TOWN-TT", code: proxenos.EUNAVAILABLE, key: "portal.unavailable", requests: 1},
		{name: "ErrTimeout", block: true, id: "CERV-2027-CITIZENS-TOWN-TT", code: proxenos.EUNAVAILABLE, key: "portal.unavailable", requests: 1},
		// Text that is no identifier is never sent.
		{name: "ErrInvalidIdentifier", id: `CERV" OR "*`, code: proxenos.EINVALID, key: "call.invalid.identifier", requests: 0},
		{name: "ErrEmptyIdentifier", id: " ", code: proxenos.EINVALID, key: "call.required.identifier", requests: 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := newFakePortal(t, tt.fixture, proxenos.IdentifierKey(tt.id))
			if tt.status != 0 {
				fake.status = tt.status
			}
			if tt.body != "" {
				fake.body = []byte(tt.body)
			}
			fake.block = tt.block
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if tt.block {
				ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
			}
			defer cancel()
			got, err := client.FindTopic(ctx, tt.id)
			if got != nil {
				t.Fatalf("got a call %+v with the error; want none", got)
			}
			var e *proxenos.Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Key != tt.key {
				t.Fatalf("got %v, want %s %s", err, tt.code, tt.key)
			}
			if n := fake.requests.Load(); n != tt.requests {
				t.Fatalf("sent %d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestFindTopic_NetworkDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens there any more
	client := &portal.Client{BaseURL: srv.URL}
	_, err := client.FindTopic(context.Background(), "CERV-2027-CITIZENS-TOWN-TT")
	if got := proxenos.ErrorCode(err); got != proxenos.EUNAVAILABLE {
		t.Fatalf("got %v, want %s", err, proxenos.EUNAVAILABLE)
	}
	// The user reads the catalogue message, never the transport error.
	if got, want := i18n.ErrorMessage(i18n.English, err), i18n.T(i18n.English, "portal.unavailable"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// diffCall returns "" when got has want's fields, or what differs.
func diffCall(got, want *proxenos.Call) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	same := got.OpeningDate.Equal(want.OpeningDate) &&
		slices.EqualFunc(got.Deadlines, want.Deadlines, func(a, b proxenos.Deadline) bool { return a.At.Equal(b.At) && a.Label == b.Label })
	gc, wc := *got, *want
	gc.OpeningDate, wc.OpeningDate, gc.Deadlines, wc.Deadlines = time.Time{}, time.Time{}, nil, nil
	g2, _ := json.Marshal(gc)
	w2, _ := json.Marshal(wc)
	if same && string(g2) == string(w2) {
		return ""
	}
	return "got\n" + string(g) + "\nwant\n" + string(w)
}
