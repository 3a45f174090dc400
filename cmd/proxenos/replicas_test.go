package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage"
)

// senderLease is the name of the scheduler's sender lease.
const senderLease = "reminder-sender"

// TestReplicas runs three `proxenos serve` processes on one MongoDB-wire
// server (the embedded FerretDB) and a fake Slack, sends commands to all
// of them, SIGKILLs the holder of the sender lease, and checks that every
// reminder was posted exactly once (by the holder before the kill, by a
// survivor after it), every entry stored once, numbered without gaps,
// and an event delivered to two replicas handled once.
// The processes are this test binary running the real main (see
// TestMain), so that no build is needed.
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three processes")
	}
	uri := startFerret(t, t.TempDir(), "127.0.0.1:0").uri("replicas")
	// Opening the store first creates the indexes once, before three
	// processes would race to.
	store, err := storage.Open(t.Context(), uri)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	fake := slackfake.New()
	defer fake.Close()

	batchA := []string{"REPL-A1", "REPL-A2", "REPL-A3"}
	for _, id := range batchA {
		replicaCall(t, store, id)
	}
	env := []string{"PROXENOS_SLACK_API_URL=" + fake.URL(), "PROXENOS_STORAGE_URL=" + uri,
		"PROXENOS_OFFICE_CHANNEL=C0OFFICE", "PROXENOS_LEASE_TTL=3s", "PROXENOS_REMINDER_TICK=1s"}
	replicas := make([]*child, 3)
	for i := range replicas {
		replicas[i] = startChild(t, env)
	}

	// Commands go to every replica at once; each entry is answered once.
	var mu sync.Mutex
	subjects := map[string]bool{}
	client := &http.Client{Timeout: 20 * time.Second} // a stuck replica fails the test, not hangs it
	send := func(t *testing.T, targets []*child, perReplica int) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, len(targets)*perReplica)
		for r, c := range targets {
			for i := range perReplica {
				wg.Add(1)
				go func() {
					defer wg.Done()
					subject := fmt.Sprintf("Replica %d letter %d %d", c.cmd.Process.Pid, r, i)
					reply := fake.ResponseURL()
					if _, err := postSigned(client, bot.NewVerifier(testSecret), "http://"+c.addr+"/slack/commands",
						commandBody("/corr", `in from:"Stadt Köln" subject:"`+subject+`"`, reply)); err != nil {
						errs <- err
						return
					}
					got, err := waitReply(fake, reply)
					if err != nil || !strings.Contains(got, "/"+strconv.Itoa(time.Now().Year())) {
						errs <- fmt.Errorf("answer to %q: %.200s (%v)\nlogs:\n%s", subject, got, err, c.logs.String())
						return
					}
					mu.Lock()
					subjects[subject] = true
					mu.Unlock()
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
	send(t, replicas, 4)

	// The leader sends batch A; then it is killed while idle.
	waitSent(t, store, batchA, replicas)
	lease, err := store.Reminders.FindLease(ctx, senderLease)
	if err != nil {
		t.Fatal(err)
	}
	leader := -1
	for i, c := range replicas {
		if strings.Contains(lease.Holder, "-"+strconv.Itoa(c.cmd.Process.Pid)+"-") {
			leader = i
		}
	}
	if leader < 0 {
		t.Fatalf("lease holder %q is none of the replicas", lease.Holder)
	}
	replicas[leader].kill()
	survivors := append(append([]*child(nil), replicas[:leader]...), replicas[leader+1:]...)

	// New work arrives while the lease runs out; a survivor takes over.
	batchB := []string{"REPL-B1", "REPL-B2", "REPL-B3"}
	for _, id := range batchB {
		replicaCall(t, store, id)
	}
	send(t, survivors, 3)
	waitSent(t, store, batchB, survivors)

	t.Run("RemindersOnce", func(t *testing.T) {
		all, err := store.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		sent := 0
		perItem := map[string]int{} // call identifier and destination → sent attempts
		for _, d := range all {
			if d.State == proxenos.DeliverySent {
				sent++
				perItem[d.Reminder.Title+" → "+d.Destination]++
			}
			if strings.HasPrefix(d.Reminder.Title, "Town twinning REPL-B") && d.Holder == lease.Holder {
				t.Errorf("%s was sent by the killed replica", d.Key)
			}
			if d.Attempt != 1 {
				t.Errorf("delivery %s has attempt %d: it was tried again", d.Key, d.Attempt)
			}
		}
		for _, id := range append(batchA, batchB...) {
			for _, dest := range []string{proxenos.DestinationChannel, proxenos.DestinationOwner} {
				if n := perItem["Town twinning "+id+" → "+dest]; n != 1 {
					t.Errorf("%s to %s: %d sent deliveries, want 1", id, dest, n)
				}
			}
			if n := reminderPosts(fake, id); n != 2 {
				t.Errorf("%s: %d reminder posts, want 2 (channel and owner)", id, n)
			}
		}
		// Every post to Slack is a delivery recorded as sent, and the
		// other way round: nothing was posted twice.
		if posts := len(fake.Calls("chat.postMessage")); posts != sent {
			t.Errorf("%d posts to Slack, %d deliveries sent", posts, sent)
		}
		after, err := store.Reminders.FindLease(ctx, senderLease)
		if err != nil || after.Holder == lease.Holder {
			t.Errorf("lease after the kill held by %q (%v), want a survivor", after.Holder, err)
		}
	})
	t.Run("EntriesOnce", func(t *testing.T) {
		year := time.Now().In(athensZone(t)).Year()
		entries, total, err := store.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: proxenos.MaxListLimit})
		if err != nil {
			t.Fatal(err)
		}
		if want := len(subjects); total != want || want != 3*4+2*3 {
			t.Fatalf("%d entries stored, %d answered, want %d", total, want, 3*4+2*3)
		}
		numbers := map[int]bool{}
		for _, c := range entries {
			if c.Protocol.Year != year || numbers[c.Protocol.Number] || !subjects[c.Subject] {
				t.Errorf("entry %s %q repeated or unknown", c.Protocol, c.Subject)
			}
			numbers[c.Protocol.Number] = true
			delete(subjects, c.Subject)
		}
		for n := 1; n <= total; n++ {
			if !numbers[n] {
				t.Errorf("number %d/%d is missing", n, year)
			}
		}
	})
	t.Run("EventOnce", func(t *testing.T) {
		// Slack's retry of an event reaches another replica than the
		// first delivery: the Home tab is published once.
		body := `{"type":"event_callback","team_id":"TFAKE","api_app_id":"A0PROXENOS","event_id":"Ev0REPLICAS","event_time":1764115200,` +
			`"event":{"type":"app_home_opened","user":"U0ELENI","channel":"D0ELENI","tab":"home","event_ts":"1764115200.000100"}}`
		for _, c := range survivors[:2] {
			if _, err := postEvent(client, bot.NewVerifier(testSecret), "http://"+c.addr+"/slack/events", body); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range survivors[:2] {
			waitRequestLog(t, c.logs, `"kind":"event"`)
		}
		n := 0
		for _, c := range fake.Calls("views.publish") {
			if c.Param("user_id") == "U0ELENI" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("the Home tab was published %d times, want 1", n)
		}
	})
}

// waitSent waits until every call of ids has its reminders sent to the
// channel and the owner, and no delivery is pending.
func waitSent(t *testing.T, store *storage.Store, ids []string, running []*child) {
	t.Helper()
	ctx := proxenos.NewContextWithTeam(context.Background(), "TFAKE")
	for i := 0; ; i++ {
		all, err := store.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		sent, pending := map[string]bool{}, 0
		for _, d := range all {
			switch d.State {
			case proxenos.DeliverySent:
				sent[d.Reminder.Title+" → "+d.Destination] = true
			case proxenos.DeliveryPending:
				pending++
			}
		}
		done := pending == 0
		for _, id := range ids {
			done = done && sent["Town twinning "+id+" → "+proxenos.DestinationChannel] && sent["Town twinning "+id+" → "+proxenos.DestinationOwner]
		}
		if done {
			return
		}
		if i == 300 {
			var logs strings.Builder
			for _, c := range running {
				logs.WriteString(c.logs.String())
			}
			t.Fatalf("reminders of %v not sent within 30 s (%d pending):\n%s", ids, pending, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// reminderPosts counts the posts to Slack that are reminders of the call
// with identifier id: they carry its title and the Done button.
func reminderPosts(fake *slackfake.Server, id string) int {
	n := 0
	for _, c := range fake.Calls("chat.postMessage") {
		if blocks := c.Param("blocks"); strings.Contains(blocks, "reminder_done") && strings.Contains(blocks, "Town twinning "+id+" ") {
			n++
		}
	}
	return n
}

// replicaCall stores a watched call, owned by U0MARIA, whose deadline
// gives a reminder due now: within the last 23 hours, so that the
// scheduler (which sends reminders up to 24 hours late) sends it whatever
// the time of day the test runs at.
func replicaCall(t *testing.T, store *storage.Store, id string) {
	t.Helper()
	now := time.Now()
	p := &scheduler.Planner{Offsets: scheduler.DefaultOffsets(), Morning: scheduler.DefaultMorning, Location: athensZone(t),
		Workdays: scheduler.DefaultWorkdays}
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TFAKE"), "U0MARIA")
	for h := 1; h < 24*40; h++ {
		c := &proxenos.Call{ID: id, Identifier: id, Title: "Town twinning " + id, Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, Owner: "U0MARIA", Deadlines: []proxenos.Deadline{{At: now.Add(time.Duration(h) * time.Hour)}}}
		if due := p.Plan(scheduler.Items{Calls: []*proxenos.Call{c}}, now.Add(-23*time.Hour), now); len(due) == 0 {
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

// waitReply waits up to 20 s for the answer posted to the response URL
// reply of the fake Slack, and returns its body.
func waitReply(fake *slackfake.Server, reply string) (string, error) {
	u, err := url.Parse(reply)
	if err != nil {
		return "", err
	}
	for i := 0; i < 1000; i++ {
		for _, c := range fake.Calls(slackfake.MethodResponseURL) {
			if c.Path == u.Path {
				return string(c.JSON), nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", fmt.Errorf("no answer at %s", reply)
}
