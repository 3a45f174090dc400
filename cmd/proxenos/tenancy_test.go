package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/calendar"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/transfer"
)

// memInstallations keeps installations in memory, for the tests only
// (the stores keep them in distribution mode).
type memInstallations struct {
	mu    sync.Mutex
	insts map[string]proxenos.Installation
}

func (m *memInstallations) FindInstallation(_ context.Context, team string) (*proxenos.Installation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
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

// The two municipalities of the isolation test.
const (
	teamA, tokenA = "TALPHA", "xoxb-alpha-e2e-token"
	teamB, tokenB = "TBETA", "xoxb-beta-e2e-token"
)

// secretsOfA are words only A's records hold; B never types them, so
// that an echo of B's own input cannot pass for a leak.
var secretsOfA = []string{"Alphaburg", "Geheimnisvertrag", "Alphatwinning", "Alphaville", "Alphaperson", "Alphanotes", "Alphamou"}

// tenant sends signed Slack requests as one user of one workspace.
type tenant struct {
	t      *testing.T
	m      *Main
	fake   *slackfake.Server
	team   string
	user   string
	client *http.Client
	n      int
}

func (c *tenant) post(path, contentType, body string) {
	c.t.Helper()
	if _, err := postSignedAs(c.client, bot.NewVerifier(testSecret), "http://"+c.m.HTTPAddr()+path, contentType, body); err != nil {
		c.t.Fatal(err)
	}
}

// command sends a slash command and returns its response_url.
func (c *tenant) command(cmd, text string) string {
	c.t.Helper()
	responseURL := c.fake.ResponseURL()
	c.post("/slack/commands", "application/x-www-form-urlencoded", url.Values{
		"team_id": {c.team}, "user_id": {c.user}, "channel_id": {"C" + c.team}, "command": {cmd}, "text": {text},
		"response_url": {responseURL}, "trigger_id": {"trigger." + c.team}, "api_app_id": {"A0PROXENOS"},
	}.Encode())
	return responseURL
}

// interact sends an interactivity payload of the tenant's workspace.
func (c *tenant) interact(payload map[string]any) {
	c.t.Helper()
	payload["team"] = map[string]any{"id": c.team}
	payload["user"] = map[string]any{"id": c.user}
	raw, _ := json.Marshal(payload)
	c.post("/slack/interactions", "application/x-www-form-urlencoded", url.Values{"payload": {string(raw)}}.Encode())
}

// button presses action id with value.
func (c *tenant) button(id, value string) {
	c.n++
	ts := strconv.Itoa(c.n)
	c.interact(map[string]any{"type": "block_actions", "trigger_id": "trigger." + c.team,
		"response_url": c.fake.ResponseURL(), "channel": map[string]any{"id": "C" + c.team},
		"container": map[string]any{"type": "message", "message_ts": "1." + ts, "channel_id": "C" + c.team},
		"actions":   []any{map[string]any{"type": "button", "action_id": id, "value": value, "action_ts": "2." + ts}}})
}

// submit submits form id with metadata meta and every field set to value.
func (c *tenant) submit(id, meta, value string) {
	c.n++
	values := map[string]any{}
	for _, f := range []string{"id", "number", "partner", "call", "agreement", "subject", "counterpart", "title", "name", "date", "deadline", "direction"} {
		values[f] = map[string]any{f: map[string]any{"type": "plain_text_input", "value": value}}
	}
	c.interact(map[string]any{"type": "view_submission", "view": map[string]any{"id": "V" + c.team + strconv.Itoa(c.n),
		"hash": "h", "callback_id": id, "private_metadata": meta, "state": map[string]any{"values": values}}})
}

// event sends an Events API callback of the tenant's workspace.
func (c *tenant) event(inner map[string]any) {
	c.n++
	raw, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": c.team,
		"event_id": "Ev" + c.team + strconv.Itoa(c.n), "event": inner})
	c.post("/slack/events", "application/json", string(raw))
}

// answer waits for the post to responseURL and returns it.
func (c *tenant) answer(responseURL string) string {
	c.t.Helper()
	return posted(c.t, c.fake, responseURL)
}

// exportOf returns the store's export lines of team, as JSON.
func exportOf(t *testing.T, m *Main, team string) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := transfer.Export(t.Context(), m.Store.Registers, &buf); err != nil {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var l transfer.Line
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Team == team {
			out = append(out, sc.Text())
		}
	}
	return out
}

// idsIn returns the ids of the records in export lines.
func idsIn(lines []string) []string {
	var ids []string
	for _, line := range lines {
		var l struct {
			Record struct {
				ID string `json:"id"`
			} `json:"record"`
		}
		if json.Unmarshal([]byte(line), &l) == nil && l.Record.ID != "" {
			ids = append(ids, l.Record.ID)
		}
	}
	return ids
}

// callText returns what a call carried to Slack, unzipping uploaded
// spreadsheets and documents so that their text can be searched.
func callText(c slackfake.Call) string {
	text := string(c.JSON) + c.Params.Encode() + string(c.Body)
	if zr, err := zip.NewReader(bytes.NewReader(c.Body), int64(len(c.Body))); err == nil {
		for _, f := range zr.File {
			if rc, err := f.Open(); err == nil {
				b, _ := io.ReadAll(rc)
				rc.Close()
				text += string(b)
			}
		}
	}
	return text
}

// leaks returns the secrets of A in text.
func leaks(text string) []string {
	var out []string
	for _, s := range secretsOfA {
		if strings.Contains(text, s) {
			out = append(out, s)
		}
	}
	return out
}

// feedURL finds a calendar feed's address in an answer.
var feedURL = regexp.MustCompile(`https?://[^\s"<>|\\` + "`" + `]*` + regexp.QuoteMeta(calendar.Path) + `\?[^\s"<>|\\` + "`" + `]*`)

// fetchFeed fetches a calendar feed answered as rawURL from m.
func fetchFeed(t *testing.T, m *Main, rawURL string) (int, string) {
	t.Helper()
	u, err := url.Parse(strings.ReplaceAll(rawURL, `\u0026`, "&"))
	if err != nil {
		t.Fatal(err)
	}
	return get(t, m, u.RequestURI())
}

// TestIsolation_TwoWorkspaces serves two municipalities from one
// process (distribution mode, embedded store, fake Slack). A keeps
// correspondence, a call, a partner with a person and a contact, an
// agreement and a calendar feed; then B runs every command and
// subcommand of the handlers' table, bare and with each of A's record
// ids and protocol numbers, presses every button and submits every form
// with them, opens its Home tab, mentions the bot, fetches its calendar
// feed and has its reminders planned and sent. Nothing B receives
// holds any of A's words, every Web API call for B uses B's token, and
// A's records are exactly as they were. Requests with a workspace that
// is not installed are refused without running.
func TestIsolation_TwoWorkspaces(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	fake.AddTeam(teamA, tokenA)
	fake.AddTeam(teamB, tokenB)
	fake.AddChannel(teamA, "C"+teamA)
	fake.AddChannel(teamB, "C"+teamB)
	insts := &memInstallations{insts: map[string]proxenos.Installation{
		teamA: {Team: teamA, BotToken: tokenA}, teamB: {Team: teamB, BotToken: tokenB}}}
	m, logs := startServeWith(t, fake, map[string]string{"PROXENOS_PUBLIC_URL": "https://proxenos.example"},
		func(m *Main) { m.Installations = insts })
	m.Bot.Pacing = nil // Slack's pace is tested in bot; here it would only slow the walk
	client := loadClient(4)
	defer client.CloseIdleConnections()
	a := &tenant{t: t, m: m, fake: fake, team: teamA, user: "UALPHA", client: client}
	b := &tenant{t: t, m: m, fake: fake, team: teamB, user: "UBETA", client: client}

	year := time.Now().In(m.Config.Location()).Year()
	deadline := time.Now().In(m.Config.Location()).AddDate(0, 0, 3).Format("02/01/2006") + " 17:00"
	for _, c := range [][2]string{
		{"/corr", `in from:"Stadt Alphaburg" subject:"Geheimnisvertrag Alphaburg" summary:Alphanotes`},
		{"/call", `add id:CERV-2027-ISOLATION title:"Alphatwinning call" deadline:"` + deadline + `" notes:Alphanotes`},
		{"/partner", `add name:"Alphaville" country:IT city:Faenza`},
		{"/partner", `person Alphaville name:"Alphaperson" role:mayor`},
		{"/partner", `log Alphaville kind:meeting notes:Alphanotes`},
		{"/mou", `add kind:twinning partner:"Alphaville" title:"Alphamou agreement" signed:12/05/2019 end:open`},
	} {
		if got := a.answer(a.command(c[0], c[1])); len(leaks(got)) == 0 && !strings.Contains(got, "CERV-2027-ISOLATION") &&
			!strings.Contains(got, "1/"+strconv.Itoa(year)) {
			t.Logf("A's %s %s answered %.300s", c[0], c[1], got)
		}
	}
	feedA := feedURL.FindString(a.answer(a.command("/ir", "calendar")))
	if feedA == "" {
		t.Fatal("A got no calendar feed")
	}
	if _, body := fetchFeed(t, m, feedA); len(leaks(body)) == 0 {
		t.Fatalf("A's own feed %s lacks A's call: the test would prove nothing\n%.500s", feedA, body)
	}
	if got := a.answer(a.command("/corr", "list")); len(leaks(got)) == 0 {
		t.Fatalf("A's own list lacks A's entry: the test would prove nothing\n%.500s", got)
	}
	before := exportOf(t, m, teamA)
	if len(before) < 5 {
		t.Fatalf("A holds %d records, want its correspondence, call, partner, person, contact and agreement", len(before))
	}
	args := append(idsIn(before), "", "zzz", "CERV-2027-ISOLATION", fmt.Sprintf("1/%d", year), fmt.Sprintf("2/%d", year))
	from := len(fake.Calls(""))

	// B walks the whole table with A's ids.
	for _, c := range m.Handler.Commands() {
		for _, arg := range args {
			b.command(c.Name, arg)
			for _, s := range c.Subcommands {
				b.command(c.Name, strings.TrimSpace(s.Name+" "+arg))
			}
		}
	}
	for _, id := range m.Handler.ButtonIDs() {
		for _, arg := range args {
			b.button(id, arg)
		}
	}
	for _, id := range m.Handler.FormIDs() {
		for _, arg := range args {
			b.submit(id, arg, arg)
		}
	}
	b.event(map[string]any{"type": "app_home_opened", "user": b.user, "channel": "D" + b.user, "tab": "home"})
	b.event(map[string]any{"type": "app_mention", "user": b.user, "channel": "C" + teamB, "text": "<@UBOT> help", "ts": "9.9"})
	feedB := feedURL.FindString(b.answer(b.command("/ir", "calendar")))
	remindB, err := scheduler.New(teamB, "C"+teamB, m.Store.Reminders, m.Store.Calls, m.Store.Agreements, m.Bot,
		scheduler.WithCorrespondence(m.Store.Correspondence), scheduler.WithPartners(m.Store.Partners),
		scheduler.WithActive(m.Bot.Active), scheduler.WithLogger(m.Logger))
	if err != nil {
		t.Fatal(err)
	}
	if err := remindB.Tick(t.Context()); err != nil {
		t.Error(err)
	}
	if _, err := remindB.Digest(proxenos.NewContextWithTeam(t.Context(), teamB), "en"); err != nil {
		t.Error(err)
	}

	// Forged workspaces: one never installed, and none at all.
	for _, forged := range []string{"TFORGED", ""} {
		f := &tenant{t: t, m: m, fake: fake, team: forged, user: "UALPHA", client: client}
		f.command("/corr", "list")
		f.button("home_help", "")
	}

	if err := m.Bot.Shutdown(t.Context()); err != nil { // every answer is out
		t.Fatal(err)
	}
	calls := fake.Calls("")[from:]
	if len(calls) < 100 {
		t.Fatalf("B's walk made %d calls: it did not run", len(calls))
	}
	for _, c := range calls {
		if c.Team == teamA && c.Method == "views.publish" && c.Param("user_id") == a.user {
			continue // A's own Home tab, refreshed after A's changes (debounced)
		}
		if got := leaks(callText(c)); len(got) > 0 {
			t.Errorf("B got A's %v through %s: %.400s", got, c.Method, callText(c))
		}
		if c.Method != slackfake.MethodResponseURL && c.Team != teamB {
			t.Errorf("%s made with the token of %q during B's walk", c.Method, c.Team)
		}
	}
	if feedB == "" {
		t.Error("B got no calendar feed")
	} else if status, body := fetchFeed(t, m, feedB); status != http.StatusOK || len(leaks(body)) > 0 {
		t.Errorf("B's feed: %d, leaks %v", status, leaks(body))
	}
	if _, body := fetchFeed(t, m, feedA); len(leaks(body)) == 0 {
		t.Error("B's walk revoked or emptied A's calendar feed")
	}
	if n := len(fake.CallsOf(teamB, "chat.postMessage")); n == 0 {
		t.Error("B's reminders and mention posted nothing: the walk did not reach them")
	}
	after := exportOf(t, m, teamA)
	if strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("B's walk changed A's records:\nbefore %d lines\nafter %d lines", len(before), len(after))
	}
	for _, team := range []string{"TFORGED"} {
		if !strings.Contains(logs.String(), `"team":"`+team+`"`) {
			t.Errorf("the refusal of %s was not logged", team)
		}
	}
	for _, secret := range []string{tokenA, tokenB} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("a bot token reached the logs")
		}
	}
}
