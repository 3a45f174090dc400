package main

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// TestConfig_MaxWork checks PROXENOS_MAX_WORK: a positive whole number,
// refused otherwise with a message that names it and gives an example,
// and set on the bot by serve.
func TestConfig_MaxWork(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value string
		want  int // 0: the bot's default
		err   bool
	}{
		{"OK", "12", 12, false},
		{"OKSpaces", " 3 ", 3, false},
		{"OKEmpty", "", 0, false},
		{"ErrZero", "0", 0, true},
		{"ErrNegative", "-4", 0, true},
		{"ErrFraction", "2.5", 0, true},
		{"ErrWord", "many", 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.ApplyEnv(env(map[string]string{"PROXENOS_MAX_WORK": tt.value}))
			err := c.Validate()
			if got := err != nil; got != tt.err {
				t.Fatalf("Validate() = %v, want an error: %v", err, tt.err)
			}
			if err != nil {
				msg := i18n.ErrorMessage("en", err)
				for _, want := range []string{"PROXENOS_MAX_WORK", "slack.max_work", strconv.Quote(tt.value), "e.g. 16"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q does not mention %s", msg, want)
					}
				}
				return
			}
			if got, _ := c.MaxWork(); got != tt.want {
				t.Errorf("MaxWork() = %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("YAML", func(t *testing.T) {
		c := DefaultConfig()
		if err := decodeConfig(&c, "proxenos.yaml", []byte("slack:\n  max_work: \"7\"\n")); err != nil {
			t.Fatal(err)
		}
		if got, err := c.MaxWork(); got != 7 || err != nil {
			t.Errorf("MaxWork() = %d, %v; want 7", got, err)
		}
	})
	t.Run("Serve", func(t *testing.T) {
		fake := slackfake.New()
		defer fake.Close()
		m, _ := startServe(t, fake, map[string]string{"PROXENOS_MAX_WORK": "5"})
		if got, want := m.Bot.MaxWork, 5; got != want {
			t.Errorf("Bot.MaxWork = %d, want %d", got, want)
		}
	})
}

// TestServe_Receipts runs two replicas of serve on one store, as behind
// a load balancer, and delivers the same event and the same modal
// submission to each, as Slack's retries and repeated deliveries can:
// the event is handled once (one translation, one usage record) and the
// submission stores one entry. On the embedded store (one SQLite file)
// and on MongoDB (the embedded FerretDB).
func TestServe_Receipts(t *testing.T) {
	for _, store := range []string{"sqlite", "mongodb"} {
		t.Run(store, func(t *testing.T) {
			url := "sqlite:" + t.TempDir() + "/shared.db"
			if store == "mongodb" {
				url = startFerret(t, t.TempDir(), "127.0.0.1:0").uri("receipts")
			}
			runReceipts(t, url)
		})
	}
}

func runReceipts(t *testing.T, storageURL string) {
	fake := slackfake.New()
	defer fake.Close()
	llm := fakellm.New(fakellm.Options{Language: "de"})
	defer llm.Close()
	extra := map[string]string{"PROXENOS_STORAGE_URL": storageURL, "OPENAI_BASE_URL": llm.URL}
	a, logsA := startServe(t, fake, extra)
	b, logsB := startServe(t, fake, extra)
	replicas := []*Main{a, b}
	ctx := proxenos.NewContextWithTeam(t.Context(), "TFAKE")
	client := loadClient(1)
	defer client.CloseIdleConnections()
	v := bot.NewVerifier(testSecret)

	t.Run("EventOnce", func(t *testing.T) {
		body := `{"type":"event_callback","team_id":"TFAKE","api_app_id":"A0PROXENOS","event_id":"Ev0TWICE","event_time":1764115200,` +
			`"event":{"type":"app_mention","user":"U0MARIA","channel":"C0OFFICE","text":"<@U0BOT> from:de to:en Guten Tag aus Köln","ts":"1764115200.000100","event_ts":"1764115200.000100"}}`
		for _, m := range replicas {
			if _, err := postEvent(client, v, "http://"+m.HTTPAddr()+"/slack/events", body); err != nil {
				t.Fatal(err)
			}
		}
		// Each replica logs the event's job once it is done: handled on
		// one, dropped as a repeat on the other.
		for _, logs := range []*syncBuffer{logsA, logsB} {
			waitRequestLog(t, logs, `"kind":"event"`)
		}
		sum, err := a.Store.Usage.SumUsage(ctx, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Requests != 1 || len(llm.Requests()) != 1 {
			t.Errorf("%d usage records, %d requests to the model; want 1 and 1", sum.Requests, len(llm.Requests()))
		}
		if n := strings.Count(logsA.String()+logsB.String(), "slack request received by another replica"); n != 1 {
			t.Errorf("%d repeats logged, want 1", n)
		}
	})
	t.Run("SubmissionOnce", func(t *testing.T) {
		body := corrSubmission(t, "V0TWICE", "1764151200.zWcE", "Zweimal zugestellt")
		for i, m := range replicas {
			// Both close the modal: the first after storing, the second
			// as a repeat.
			ack, err := postAck(client, v, "http://"+m.HTTPAddr()+"/slack/interactions", body)
			if err != nil || ack != "" {
				t.Fatalf("replica %d: ack %q (%v), want an empty 200", i, ack, err)
			}
		}
		filter := proxenos.CorrespondenceFilter{Query: "Zweimal", Limit: 10}
		_, total, err := a.Store.Correspondence.FindCorrespondence(ctx, filter)
		for i := 0; err == nil && total == 0 && i < 100; i++ { // an overrun stores after the ack
			time.Sleep(50 * time.Millisecond)
			_, total, err = a.Store.Correspondence.FindCorrespondence(ctx, filter)
		}
		if err != nil || total != 1 {
			t.Errorf("got %d entries (%v), want 1", total, err)
		}
	})
}

// postEvent posts a signed Events API body, as Slack does, and returns
// the acknowledgement's body.
func postEvent(client *http.Client, v *bot.Verifier, target, body string) (string, error) {
	return postSignedAs(client, v, target, "application/json", body)
}

// postAck posts a signed form body and returns the acknowledgement's body.
func postAck(client *http.Client, v *bot.Verifier, target, body string) (string, error) {
	return postSignedAs(client, v, target, "application/x-www-form-urlencoded", body)
}

// postSignedAs posts body signed with testSecret and returns the body of
// a 200 answer; any other status is an error.
func postSignedAs(client *http.Client, v *bot.Verifier, target, contentType, body string) (string, error) {
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return "", err
	}
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", v.Sign(stamp, []byte(body)))
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out strings.Builder
	if _, err := io.Copy(&out, resp.Body); err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	return out.String(), nil
}

// waitRequestLog waits until logs hold a "slack request" line containing want.
func waitRequestLog(t *testing.T, logs *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, `"msg":"slack request"`) && strings.Contains(line, want) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no slack request %s logged:\n%s", want, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
