package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/storage"
)

// killTrials is how many times TestFaults_KillAfterSlackAccepted kills
// the bot; -short runs fewer.
const killTrials = 10

// TestFaults_KillAfterSlackAccepted SIGKILLs the bot after Slack
// accepted a reminder but before Slack's answer came, so that the store
// still has the delivery pending; once its lease has run out the
// restarted bot retries it. Every delivery must reach Slack exactly once,
// in every trial.
func TestFaults_KillAfterSlackAccepted(t *testing.T) {
	trials := killTrials
	if testing.Short() {
		trials = 2
	}
	perDelivery := map[int]int{} // messages per delivery → deliveries
	for i := range trials {
		t.Run(strconv.Itoa(i+1), func(t *testing.T) {
			for _, n := range killAfterAccepted(t) {
				perDelivery[n]++
			}
		})
	}
	var report []string
	for _, n := range slices.Sorted(maps.Keys(perDelivery)) {
		report = append(report, fmt.Sprintf("%d deliveries with %d message(s)", perDelivery[n], n))
	}
	t.Logf("%d trials: %s", trials, strings.Join(report, ", "))
}

// killAfterAccepted runs one trial and returns how many messages each
// delivery of the reminder (the office channel, the owner's DM) got.
func killAfterAccepted(t *testing.T) []int {
	fake := slackfake.New()
	defer fake.Close()
	fake.Now = time.Now // message ts as Slack's, for the look in its history
	dbPath := t.TempDir() + "/proxenos.db"
	store, err := storage.Open(t.Context(), "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	morning := reminderTime(t)
	dueCall(t, store, "TFAKE", "CALL-A", morning)
	env := []string{"PROXENOS_SLACK_API_URL=" + fake.URL(), "PROXENOS_STORAGE_URL=sqlite:" + dbPath,
		"PROXENOS_OFFICE_CHANNEL=C0OFFICE", fmt.Sprintf("PROXENOS_REMINDER_TIME=%02d:%02d", morning.Hour, morning.Minute),
		"PROXENOS_DIGEST_TIME=23:59", // no digest among the posts
		"PROXENOS_LEASE_TTL=3s", "PROXENOS_REMINDER_TICK=1s"}

	// Slack keeps the first post and never answers it; the bot dies.
	fake.Hold("chat.postMessage", 1)
	c := startChild(t, env)
	if _, err := fake.WaitFor(slackfake.MethodHeld, 1, 30*time.Second); err != nil {
		t.Fatalf("%v:\n%s", err, c.logs.String())
	}
	c.kill()

	// The claim of the post in flight is still pending. Its lease would
	// run out 10 minutes later; the dead holder's record is made to say
	// so now.
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	pending, err := store.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryPending}})
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending deliveries after the kill: %+v, %v; want the one in flight", pending, err)
	}
	stale := pending[0]
	stale.LeaseUntil = time.Now().Add(-time.Second)
	if err := store.Reminders.FinishDelivery(ctx, stale); err != nil {
		t.Fatal(err)
	}

	c = startChild(t, env)
	for i := 0; !allDone(t, store, ctx, fake); i++ {
		if i == 300 {
			t.Fatalf("the restarted bot did not finish the deliveries:\n%s", c.logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.kill()
	var got []int
	for _, where := range []string{"C0OFFICE", "U0MARIA"} {
		n := reached(fake, where)
		if n != 1 {
			t.Errorf("the reminder reached %s %d times, want once (the held post: %s)", where, n, stale.Destination)
		}
		got = append(got, n)
	}
	return got
}

// allDone reports whether the reminder reached the channel and the DM,
// and every delivery claimed has a final latest attempt: sent, or missed
// (older ones, which only the digest lists).
func allDone(t *testing.T, store *storage.Store, ctx context.Context, fake *slackfake.Server) bool {
	t.Helper()
	all, err := store.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	latest := map[string]*proxenos.Delivery{}
	for _, d := range all {
		if l, ok := latest[d.Key]; !ok || d.Attempt > l.Attempt {
			latest[d.Key] = d
		}
	}
	for _, d := range latest {
		if d.State == proxenos.DeliveryPending || d.State == proxenos.DeliveryFailed {
			return false
		}
	}
	return reached(fake, "C0OFFICE") > 0 && reached(fake, "U0MARIA") > 0
}

// reached counts the reminders of CALL-A posted to where.
func reached(fake *slackfake.Server, where string) int {
	n := 0
	for _, m := range fake.Messages(where) {
		if strings.Contains(m.Text, "CALL-A") {
			n++
		}
	}
	return n
}
