package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage"
)

// TestFaults_StoreUnreachable runs the bot on MongoDB (the embedded
// FerretDB) and takes the database away: commands answer within Slack's
// 3 s that the store is unavailable, /readyz says so, and when the
// database is back the bot serves again by itself with nothing lost.
// By default a command waits for a primary for up to
// mongo.DefaultServerSelectionTimeout (20 s, longer than an election);
// the URL's serverSelectionTimeoutMS, set here, shortens the wait, and
// the answer comes within it.
func TestFaults_StoreUnreachable(t *testing.T) {
	db := startFerret(t, t.TempDir(), "127.0.0.1:0")
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, map[string]string{"PROXENOS_STORAGE_URL": db.uri("faults") + "?serverSelectionTimeoutMS=2000"})
	answers := newReplies(t)
	year := strconv.Itoa(time.Now().In(m.Config.Location()).Year())
	// corrIn logs an entry and returns the answer and how long it took.
	n := 0
	corrIn := func(t *testing.T, subject string) (string, time.Duration) {
		t.Helper()
		n++
		path := "/r/" + strconv.Itoa(n)
		start := time.Now()
		if code, _ := slashCommand(t, m, testSecret, start, "/corr", `in from:"Stadt Köln" subject:"`+subject+`"`, answers.srv.URL+path); code != http.StatusOK {
			t.Fatalf("got %d, want 200", code)
		}
		select {
		case got := <-answers.wait(path):
			return got, time.Since(start)
		case <-time.After(30 * time.Second):
			t.Fatal("no answer")
		}
		return "", 0
	}

	if got, _ := corrIn(t, "Before the outage"); !strings.Contains(got, "1/"+year) {
		t.Fatalf("got %.300s, want entry 1/%s", got, year)
	}
	db.stop()
	t.Run("ErrUnavailable", func(t *testing.T) {
		got, took := corrIn(t, "During the outage")
		if want := i18n.T(i18n.English, "error.unavailable"); !strings.Contains(got, want) {
			t.Errorf("got %.300s, want %q", got, want)
		}
		// The bound is the contract: Slack shows nothing after 3 s.
		if took > 3*time.Second {
			t.Errorf("answered after %v, want within 3 s", took)
		}
		if code, body := get(t, m, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "store") {
			t.Errorf("/readyz: got %d %s, want 503 naming the store", code, body)
		}
	})
	startFerret(t, db.dir, db.addr)
	t.Run("OKResumes", func(t *testing.T) {
		for i := 0; ; i++ {
			if code, _ := get(t, m, "/readyz"); code == http.StatusOK {
				break
			}
			if i == 300 {
				t.Fatal("/readyz does not recover after the store returned")
			}
			time.Sleep(100 * time.Millisecond)
		}
		// The failed command took no number; the first entry is intact.
		if got, _ := corrIn(t, "After the outage"); !strings.Contains(got, "2/"+year) {
			t.Errorf("got %.300s, want entry 2/%s", got, year)
		}
		ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
		first, err := m.Store.Correspondence.FindCorrespondenceByNumber(ctx, proxenos.ProtocolNumber{Year: time.Now().In(m.Config.Location()).Year(), Number: 1})
		if err != nil || first.Subject != "Before the outage" {
			t.Errorf("entry 1: got %+v, %v", first, err)
		}
	})
}

// child is `proxenos serve` run by the test binary in its own process, so
// that a test can SIGKILL it.
type child struct {
	cmd  *exec.Cmd
	addr string
	logs *syncBuffer
}

// startChild starts serve in a child process with env and waits until it
// listens.
func startChild(t *testing.T, env []string) *child {
	t.Helper()
	return startBinary(t, os.Args[0], append([]string{"PROXENOS_TEST_RUN_MAIN=1"}, env...))
}

// startBinary starts `bin serve` with env and waits until it listens.
func startBinary(t *testing.T, bin string, env []string) *child {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PROXENOS_HTTP_ADDR=127.0.0.1:0",
		"SLACK_BOT_TOKEN=" + slackfake.BotToken, "SLACK_SIGNING_SECRET=" + testSecret, "PROXENOS_LANGUAGE=en"}, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, logs: &syncBuffer{}}
	t.Cleanup(c.kill)
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			c.logs.Write([]byte(line + "\n"))
			if strings.Contains(line, `"msg":"listening"`) {
				_, rest, _ := strings.Cut(line, `"addr":"`)
				addr, _, _ := strings.Cut(rest, `"`)
				listening <- addr
			}
		}
		close(listening)
	}()
	select {
	case addr, ok := <-listening:
		if !ok {
			t.Fatalf("serve ended before listening:\n%s", c.logs.String())
		}
		c.addr = addr
	case <-time.After(30 * time.Second):
		t.Fatalf("serve does not listen:\n%s", c.logs.String())
	}
	return c
}

// kill ends the child with SIGKILL, as the OOM killer or a power cut would.
func (c *child) kill() {
	if c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Signal(syscall.SIGKILL)
		_ = c.cmd.Wait()
	}
}

// fakeSlack is a Web API stand-in for child processes: every method
// answers ok, chat.postMessage calls are recorded and, while hold is set,
// never answered — a post in flight when the process dies.
type fakeSlack struct {
	srv   *httptest.Server
	mu    sync.Mutex
	posts []string
	hold  bool
	held  chan string // receives the channel of a held post
}

// newFakeSlack starts the stand-in.
func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{held: make(chan string, 16)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/auth.test"):
			io.WriteString(w, `{"ok":true,"team_id":"TFAKE","user_id":"UBOT"}`)
		case strings.HasSuffix(r.URL.Path, "/chat.postMessage"):
			body := r.Form.Encode()
			f.mu.Lock()
			hold := f.hold
			f.mu.Unlock()
			if hold {
				f.held <- r.Form.Get("channel")
				<-r.Context().Done() // until the client dies
				return
			}
			f.mu.Lock()
			f.posts = append(f.posts, body)
			f.mu.Unlock()
			io.WriteString(w, `{"ok":true,"channel":"C0OFFICE","ts":"1764115200.000100"}`)
		default:
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// setHold sets whether posts are held; the server reads it under mu.
func (f *fakeSlack) setHold(hold bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hold = hold
}

// postsOf returns the recorded posts to channel that contain s.
func (f *fakeSlack) postsOf(channel, s string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, p := range f.posts {
		if strings.Contains(p, s) && strings.Contains(p, "channel="+channel+"&") {
			out = append(out, p)
		}
	}
	return out
}

// TestFaults_KillDuringEntry SIGKILLs the bot while entries are being
// logged: after a restart every entry is whole, numbers have no gaps or
// repeats, every entry the user was told about is there, and numbering
// goes on.
func TestFaults_KillDuringEntry(t *testing.T) {
	slackAPI := newFakeSlack(t)
	answers := newReplies(t)
	dbPath := t.TempDir() + "/proxenos.db"
	env := []string{"PROXENOS_SLACK_API_URL=" + slackAPI.srv.URL + "/api/", "PROXENOS_STORAGE_URL=sqlite:" + dbPath}
	c := startChild(t, env)
	v := bot.NewVerifier(testSecret)
	client := loadClient(8)
	defer client.CloseIdleConnections()
	const sent = 40
	var wg sync.WaitGroup
	for i := range sent {
		wg.Go(func() {
			text := fmt.Sprintf(`in from:"Stadt Köln" subject:"Entry %d" tags:kill,test summary:"Summary of entry %d"`, i, i)
			_, _ = postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody("/corr", text, answers.srv.URL+"/r/"+strconv.Itoa(i)))
		})
	}
	// Kill once a few entries are confirmed: the rest are being stored
	// or answered, or not yet acknowledged.
	for i := 0; answers.count.Load() < 5; i++ {
		if i == 3000 {
			t.Fatalf("no entries confirmed:\n%s", c.logs.String())
		}
		time.Sleep(time.Millisecond)
	}
	c.kill()
	wg.Wait()

	// What the user was told was logged: entry i as number n.
	told := map[int]string{}
	for i := range sent {
		select {
		case got := <-answers.wait("/r/" + strconv.Itoa(i)):
			told[i] = got
		default:
		}
	}
	store, err := storage.Open(t.Context(), "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	all, total, err := store.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: proxenos.MaxListLimit})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d commands sent, %d stored, %d answered before the kill", sent, total, len(told))
	numbers := map[int]bool{}
	for _, e := range all {
		var i int
		if _, err := fmt.Sscanf(e.Subject, "Entry %d", &i); err != nil || e.Summary != fmt.Sprintf("Summary of entry %d", i) ||
			e.Counterpart != "Stadt Köln" || len(e.Tags) != 2 || e.Protocol.IsZero() {
			t.Errorf("half-written entry: %+v", e)
		}
		if numbers[e.Protocol.Number] {
			t.Errorf("number %s given twice", e.Protocol)
		}
		numbers[e.Protocol.Number] = true
	}
	for n := 1; n <= total; n++ {
		if !numbers[n] {
			t.Errorf("number %d missing among %d entries", n, total)
		}
	}
	for i := range told {
		found := false
		for _, e := range all {
			found = found || e.Subject == fmt.Sprintf("Entry %d", i)
		}
		if !found {
			t.Errorf("entry %d was confirmed to the user but is not stored", i)
		}
	}

	// After a restart numbering goes on from the last stored entry.
	c = startChild(t, env)
	year := strconv.Itoa(time.Now().In(athensZone(t)).Year())
	if _, err := postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody("/corr", `in from:"Faenza" subject:"After restart"`, answers.srv.URL+"/r/after")); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-answers.wait("/r/after"):
		if want := strconv.Itoa(total+1) + "/" + year; !strings.Contains(got, want) {
			t.Errorf("after restart: got %.300s, want %s", got, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no answer after restart:\n%s", c.logs.String())
	}
}

// athensZone returns the office zone.
func athensZone(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Athens")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// reminderTime returns a time of day for day reminders an hour ago in
// the office zone, so that some reminder is always due, whatever the
// hour the test runs at.
func reminderTime(t *testing.T) scheduler.TimeOfDay {
	at := time.Now().In(athensZone(t)).Add(-time.Hour)
	return scheduler.TimeOfDay{Hour: at.Hour(), Minute: at.Minute()}
}

// dueCall stores a watched call whose deadline gives a reminder due now
// at day reminder time morning, as the scheduler's planner reckons it.
func dueCall(t *testing.T, store *storage.Store, team, id string, morning scheduler.TimeOfDay) {
	t.Helper()
	loc := athensZone(t)
	now := time.Now()
	p := &scheduler.Planner{Offsets: scheduler.DefaultOffsets(), Morning: morning, Location: loc, Workdays: scheduler.DefaultWorkdays}
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U0MARIA")
	for h := 1; h < 24*40; h++ {
		c := &proxenos.Call{Identifier: id, Title: "Town twinning " + id, Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, Owner: "U0MARIA", Deadlines: []proxenos.Deadline{{At: now.Add(time.Duration(h) * time.Hour)}}}
		c.ID = id
		if due := p.Plan(scheduler.Items{Calls: []*proxenos.Call{c}}, now.Add(-2*time.Hour), now); len(due) == 0 {
			continue
		}
		c.ID = ""
		if err := store.Calls.CreateCall(ctx, c); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("no deadline gives a reminder due now")
}

// TestFaults_KillDuringReminder SIGKILLs the bot while a reminder is
// being posted: the delivery stays claimed in the store (not lost, and
// retried once its lease runs out, see scheduler's
// TestTick_StaleClaimRetried), and the restarted bot, which sends the
// other reminders due, does not post it a second time.
func TestFaults_KillDuringReminder(t *testing.T) {
	slackAPI := newFakeSlack(t)
	dbPath := t.TempDir() + "/proxenos.db"
	store, err := storage.Open(t.Context(), "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	morning := reminderTime(t)
	dueCall(t, store, "TFAKE", "CALL-A", morning)
	env := []string{"PROXENOS_SLACK_API_URL=" + slackAPI.srv.URL + "/api/", "PROXENOS_STORAGE_URL=sqlite:" + dbPath,
		"PROXENOS_OFFICE_CHANNEL=C0OFFICE", fmt.Sprintf("PROXENOS_REMINDER_TIME=%02d:%02d", morning.Hour, morning.Minute),
		"PROXENOS_DIGEST_TIME=23:59", // no digest among the posts
		// The dead sender's lease runs out soon, then a tick comes.
		"PROXENOS_LEASE_TTL=3s", "PROXENOS_REMINDER_TICK=1s"}
	slackAPI.setHold(true)
	c := startChild(t, env)
	var heldIn string
	select {
	case heldIn = <-slackAPI.held:
	case <-time.After(30 * time.Second):
		t.Fatalf("the reminder was not posted:\n%s", c.logs.String())
	}
	c.kill()

	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	pending, err := store.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryPending}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 {
		t.Fatalf("got %d pending deliveries after the kill, want the one in flight: %+v", len(pending), pending)
	}
	// Another reminder falls due while the bot is down.
	dueCall(t, store, "TFAKE", "CALL-B", morning)
	store.Close()

	slackAPI.setHold(false)
	c = startChild(t, env)
	// The first tick sends CALL-B; by then it has seen CALL-A's claim too.
	for i := 0; len(slackAPI.postsOf("C0OFFICE", "CALL-B")) == 0 || len(slackAPI.postsOf("U0MARIA", "CALL-B")) == 0; i++ {
		if i == 300 {
			t.Fatalf("the restarted bot did not send the other reminder:\n%s", c.logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.kill()
	// Reminders go to the office channel and to the owner, each its own
	// delivery: only the one in flight at the kill waits for its lease.
	if got := slackAPI.postsOf(heldIn, "CALL-A"); len(got) != 0 {
		t.Errorf("the reminder in flight at the kill was posted again to %s while its claim holds: %q", heldIn, got)
	}
	for _, where := range []string{"C0OFFICE", "U0MARIA"} {
		if got := slackAPI.postsOf(where, "CALL-B"); len(got) != 1 {
			t.Errorf("the other reminder was posted %d times to %s, want once", len(got), where)
		}
	}
}
