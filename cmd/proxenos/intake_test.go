package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/storage"
)

// TestFaults_KillDuringBurst sends a burst of signed /corr in commands,
// SIGKILLs the bot in the middle of it and starts it again: every
// command that was acknowledged (HTTP 200) is stored exactly once and
// answered on its response_url, late if need be. On the embedded store
// and on MongoDB (the embedded FerretDB, in this process: only the bot
// dies). PROXENOS_TEST_KILL_TRIALS sets how many kills per store (1).
func TestFaults_KillDuringBurst(t *testing.T) {
	trials := 1
	if n, err := strconv.Atoi(getenv("PROXENOS_TEST_KILL_TRIALS")); err == nil && n > 0 {
		trials = n
	}
	for _, store := range []string{"sqlite", "mongodb"} {
		t.Run(store, func(t *testing.T) {
			var acked, answered, stored int
			for trial := range trials {
				a, n, s := killDuringBurst(t, store, trial)
				acked, answered, stored = acked+a, answered+n, stored+s
			}
			t.Logf("%s: %d trials, %d commands acknowledged, %d of them answered, %d stored", store, trials, acked, answered, stored)
		})
	}
}

// killDuringBurst runs one trial and returns how many commands were
// acknowledged, and how many of those were answered and stored.
func killDuringBurst(t *testing.T, store string, trial int) (acked, answered, stored int) {
	slackAPI := newFakeSlack(t)
	answers := newReplies(t)
	storeURL := "sqlite:" + t.TempDir() + "/proxenos.db"
	if store == "mongodb" {
		storeURL = startFerret(t, t.TempDir(), "127.0.0.1:0").uri("kill" + strconv.Itoa(trial))
	}
	// A dead replica's claims go stale within 3 s; the next one looks
	// every second.
	env := []string{"PROXENOS_SLACK_API_URL=" + slackAPI.srv.URL + "/api/", "PROXENOS_STORAGE_URL=" + storeURL,
		"PROXENOS_LEASE_TTL=3s"}
	c := startChild(t, env)
	v := bot.NewVerifier(testSecret)
	client := loadClient(8)
	defer client.CloseIdleConnections()
	const sent = 40
	ok := make([]bool, sent)
	var wg sync.WaitGroup
	for i := range sent {
		wg.Go(func() {
			text := fmt.Sprintf(`in from:"Stadt Köln" subject:"Entry %d" tags:kill,test`, i)
			_, err := postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody("/corr", text, answers.srv.URL+"/r/"+strconv.Itoa(i)))
			ok[i] = err == nil
		})
	}
	for i := 0; answers.count.Load() < 5; i++ {
		if i == 3000 {
			t.Fatalf("no entries confirmed:\n%s", c.logs.String())
		}
		time.Sleep(time.Millisecond)
	}
	c.kill()
	wg.Wait()
	before := answers.count.Load()

	c = startChild(t, env)
	var pending []int
	for deadline := time.Now().Add(time.Minute); ; {
		pending = pending[:0]
		for i := range sent {
			if ok[i] && !answers.has("/r/"+strconv.Itoa(i)) {
				pending = append(pending, i)
			}
		}
		if len(pending) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	s, err := storage.Open(t.Context(), storeURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	all, _, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: proxenos.MaxListLimit})
	if err != nil {
		t.Fatal(err)
	}
	c.kill()
	times := map[int]int{}
	for _, e := range all {
		var i int
		if _, err := fmt.Sscanf(e.Subject, "Entry %d", &i); err == nil {
			times[i]++
		}
	}
	for i := range sent {
		if times[i] > 1 {
			t.Errorf("trial %d: entry %d stored %d times", trial, i, times[i])
		}
		if !ok[i] {
			continue
		}
		acked++
		if times[i] == 1 {
			stored++
		}
		if answers.has("/r/" + strconv.Itoa(i)) {
			answered++
		}
	}
	if len(pending) > 0 || stored != acked {
		t.Errorf("trial %d: %d acknowledged, %d stored, %d answered; never answered: %v\n%s", trial, acked, stored,
			answered, pending, c.logs.String())
	}
	t.Logf("trial %d: %d of %d acknowledged, %d answered before the kill; after the restart %d answered, %d stored",
		trial, acked, sent, before, answered, stored)
	return acked, answered, stored
}

// has reports whether an answer was posted to path.
func (r *replies) has(path string) bool {
	return len(r.wait(path)) > 0
}

// getenv is os.Getenv, trimmed.
func getenv(name string) string {
	return strings.TrimSpace(lookupEnv(name))
}

var _ = http.StatusOK
