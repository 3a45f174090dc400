package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/storage"
)

// TestFaults_KillDuringBurst sends a burst of signed /corr in commands,
// SIGKILLs the bot in the middle of it and starts it again: every
// command that was acknowledged (HTTP 200) is stored and answered on its
// response_url, late if need be. On the embedded store and on MongoDB
// (the embedded FerretDB, in this process: only the bot dies).
// PROXENOS_TEST_KILL_TRIALS sets how many kills per store (1).
//
// Each is stored exactly once: a command whose entry was committed in the
// moment before its answer was saved is run again by recovery under the
// same request id, and the store returns the entry already made.
func TestFaults_KillDuringBurst(t *testing.T) {
	trials := 1
	if n, err := strconv.Atoi(os.Getenv("PROXENOS_TEST_KILL_TRIALS")); err == nil && n > 0 {
		trials = n
	}
	for _, store := range []string{"sqlite", "mongodb"} {
		t.Run(store, func(t *testing.T) {
			var total burstOutcome
			for trial := range trials {
				o := killDuringBurst(t, store, trial)
				total.acked, total.answered, total.stored, total.twice =
					total.acked+o.acked, total.answered+o.answered, total.stored+o.stored, total.twice+o.twice
			}
			t.Logf("%s: %d trials, %d commands acknowledged: %d answered, %d stored, %d of them twice",
				store, trials, total.acked, total.answered, total.stored, total.twice)
		})
	}
}

// burstOutcome counts the commands of kill trials: acknowledged, and of
// those answered, stored, and stored twice.
type burstOutcome struct{ acked, answered, stored, twice int }

// killDuringBurst runs one trial.
func killDuringBurst(t *testing.T, store string, trial int) (o burstOutcome) {
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
	// Two minutes: recovery takes seconds, but a loaded 2-core machine
	// running the MongoDB trial has been seen to need more than one.
	for deadline := time.Now().Add(2 * time.Minute); ; {
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
			t.Errorf("trial %d: entry %d stored %d times, want once", trial, i, times[i])
			o.twice++
		}
		if !ok[i] {
			continue
		}
		o.acked++
		if times[i] > 0 {
			o.stored++
		}
		if answers.has("/r/" + strconv.Itoa(i)) {
			o.answered++
		}
	}
	if len(pending) > 0 || o.stored != o.acked {
		t.Errorf("trial %d: %d acknowledged, %d stored, %d answered; never answered: %v\n%s", trial, o.acked, o.stored,
			o.answered, pending, c.logs.String())
	}
	t.Logf("trial %d: %d of %d acknowledged, %d answered before the kill; after the restart %d answered, %d stored, %d twice",
		trial, o.acked, sent, before, o.answered, o.stored, o.twice)
	return o
}

// has reports whether an answer was posted to path.
func (r *replies) has(path string) bool {
	return len(r.wait(path)) > 0
}

// answerEverything is a Dispatcher that answers every request at once.
type answerEverything struct{}

func (answerEverything) HandleCommand(context.Context, *chat.Request) *chat.Response {
	return &chat.Response{Text: "ok", Ephemeral: true}
}

func (answerEverything) HandleSubmission(context.Context, *chat.Submission) (*chat.Response, chat.FieldErrors) {
	return nil, nil
}

func (answerEverything) HandleAction(context.Context, *chat.Action) *chat.Response {
	return nil
}

// BenchmarkAckIntake measures what keeping requests costs their
// acknowledgement: signed slash commands from 1 and 20 concurrent
// senders to two bots over one store, "before" without receipts or
// intake (no replay check, nothing kept) and "after" with both (the
// replay receipt and the intake record are written before the 200),
// in alternate rounds of the same run, so that both see the same
// machine. The answers (kept: saved, then closed) go to a sink, and
// each round waits for them. On the embedded SQLite store and on
// MongoDB (the embedded FerretDB, or PROXENOS_TEST_MONGODB_URI).
func BenchmarkAckIntake(b *testing.B) {
	for _, store := range []string{"sqlite", "mongodb"} {
		b.Run("store="+store, func(b *testing.B) {
			storeURL := "sqlite:" + b.TempDir() + "/proxenos.db"
			if store == "mongodb" {
				storeURL = os.Getenv("PROXENOS_TEST_MONGODB_URI")
				if storeURL == "" {
					storeURL = startFerret(b, b.TempDir(), "127.0.0.1:0").uri("ackintake")
				}
			}
			s, err := storage.Open(b.Context(), storeURL)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			fake := slackfake.New()
			defer fake.Close()
			sink := newAnswerSink(b)
			modes := []string{"before", "after"}
			targets := map[string]string{}
			for _, mode := range modes {
				cfg := bot.Config{Token: slackfake.BotToken, SigningSecret: testSecret, APIURL: fake.URL(),
					Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
				if mode == "after" {
					cfg.Receipts, cfg.Intake = s.Receipts, s.Intake
				}
				bt, err := bot.New(cfg, answerEverything{})
				if err != nil {
					b.Fatal(err)
				}
				srv := httptest.NewServer(bt.HTTPHandler())
				defer srv.Close()
				defer bt.Shutdown(context.Background())
				targets[mode] = srv.URL + "/slack/commands"
			}
			v := bot.NewVerifier(testSecret)
			var sent int64
			for _, senders := range []int{1, 20} {
				b.Run("senders="+strconv.Itoa(senders), func(b *testing.B) {
					client := loadClient(senders)
					defer client.CloseIdleConnections()
					n := max(b.N, senders*5)
					lat := map[string][]time.Duration{}
					for range 5 {
						for _, mode := range modes {
							l, _ := load(b, n, senders, func(i int) (time.Duration, error) {
								return postSigned(client, v, targets[mode], sink.command(sent+int64(i)))
							})
							sent += int64(n)
							sink.drain(b, sent)
							lat[mode] = append(lat[mode], l...)
						}
					}
					for _, mode := range modes {
						slices.Sort(lat[mode])
						b.ReportMetric(percentile(lat[mode], 50), mode+"-p50-ms")
						b.ReportMetric(percentile(lat[mode], 99), mode+"-p99-ms")
					}
				})
			}
		})
	}
}
