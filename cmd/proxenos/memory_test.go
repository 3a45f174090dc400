package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// rss returns the resident and peak resident size of process pid in MB,
// from /proc/<pid>/status.
func rss(t *testing.T, pid int) (cur, peak float64) {
	t.Helper()
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kb float64
		if _, err := fmt.Sscanf(line, "VmRSS: %f kB", &kb); err == nil {
			cur = kb / 1024
		} else if _, err := fmt.Sscanf(line, "VmHWM: %f kB", &kb); err == nil {
			peak = kb / 1024
		}
	}
	return cur, peak
}

// buildBinary builds the real proxenos binary, without test code, and
// returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "proxenos")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fillStore logs n entries straight into the SQLite store at path, as
// the bot would, and closes it.
func fillStore(t *testing.T, path string, n int) {
	t.Helper()
	ctx := proxenos.NewContextWithTeam(context.Background(), "TFAKE")
	store, err := storage.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	words := strings.Fields("Einladung Forum Städtepartnerschaft Kultur Jugend Austausch Sport Bildung Umwelt Verkehr Gemellaggio incontro")
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		c := &proxenos.Correspondence{
			Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming, Date: day.AddDate(0, 0, i%330), Counterpart: "Stadt Köln",
			Subject: fmt.Sprintf("%s %s %d", words[i%len(words)], words[(i/7)%len(words)], i),
			Summary: strings.Repeat("λόγος ", 40), Tags: []string{"forum"}, LoggedBy: "U0MARIA", CreatedAt: day, UpdatedAt: day,
		}
		if err := store.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
}

// waitLog waits until the child has logged a line containing s.
func waitLog(t *testing.T, c *child, s string, sample func()) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Minute); !strings.Contains(c.logs.String(), s); {
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %s", s)
		}
		sample()
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMemory reports the resident size of the real `proxenos serve`
// binary, built by the test: idle on an empty store, on a store of
// PROXENOS_MEASURE_ENTRIES entries (default 100,000) idle and after a
// list and two searches, and during the translation of a 10,000-word
// /translate against a fake model. It measures, it does not judge: set
// PROXENOS_MEASURE_MEMORY=1 to run it.
func TestMemory(t *testing.T) {
	if os.Getenv("PROXENOS_MEASURE_MEMORY") != "1" {
		t.Skip("set PROXENOS_MEASURE_MEMORY=1 to measure")
	}
	entries := 100_000
	if n, err := strconv.Atoi(os.Getenv("PROXENOS_MEASURE_ENTRIES")); err == nil {
		entries = n
	}
	bin := buildBinary(t)
	slackAPI := slackfake.New()
	defer slackAPI.Close()
	answers := newReplies(t)
	v := bot.NewVerifier(testSecret)
	client := loadClient(1)
	defer client.CloseIdleConnections()
	base := []string{"PROXENOS_SLACK_API_URL=" + slackAPI.URL()}
	settle := func() { time.Sleep(2 * time.Second) } // start-up garbage collected
	command := func(t *testing.T, c *child, cmd, text, path string) {
		t.Helper()
		if _, err := postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody(cmd, text, answers.srv.URL+path)); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Idle", func(t *testing.T) {
		c := startBinary(t, bin, append(base, "PROXENOS_STORAGE_URL=sqlite:"+t.TempDir()+"/proxenos.db"))
		settle()
		cur, peak := rss(t, c.cmd.Process.Pid)
		t.Logf("idle, empty store: RSS %.1f MB (peak %.1f MB)", cur, peak)
	})

	t.Run("Entries", func(t *testing.T) {
		path := t.TempDir() + "/proxenos.db"
		start := time.Now()
		fillStore(t, path, entries)
		t.Logf("%d entries stored in %v", entries, time.Since(start).Round(time.Second))
		c := startBinary(t, bin, append(base, "PROXENOS_STORAGE_URL=sqlite:"+path))
		settle()
		cur, peak := rss(t, c.cmd.Process.Pid)
		t.Logf("idle, %d entries: RSS %.1f MB (peak %.1f MB)", entries, cur, peak)
		for _, q := range []string{"list", "search Einladung", "search forum Kultur"} {
			command(t, c, "/corr", q, "/q/"+q)
			<-answers.wait("/q/" + q)
		}
		cur, peak = rss(t, c.cmd.Process.Pid)
		t.Logf("%d entries, after a list and two searches: RSS %.1f MB (peak %.1f MB)", entries, cur, peak)
	})

	t.Run("Translation", func(t *testing.T) {
		// 10,000 words in paragraphs, as a long letter pasted in; the fake
		// model answers each part after 200 ms, so the draft is in flight
		// for seconds.
		llm := fakellm.New(fakellm.Options{Language: "de", Latency: 200 * time.Millisecond})
		defer llm.Close()
		c := startBinary(t, bin, append(base, "PROXENOS_STORAGE_URL=sqlite:"+t.TempDir()+"/proxenos.db", "OPENAI_BASE_URL="+llm.URL, "PROXENOS_LLM_MODEL=fake-model"))
		settle()
		paragraph := strings.Repeat("Die Stadt Köln lädt die Delegation aus Marousi herzlich zum Forum ein. ", 10) // 120 words
		text := "to:en " + strings.Repeat(paragraph+"\n\n", 10_000/120+1)
		command(t, c, "/translate", text, "/t")
		most := 0.0
		sample := func() { cur, _ := rss(t, c.cmd.Process.Pid); most = max(most, cur) }
		waitLog(t, c, `"name":"/translate"`, sample)
		cur, peak := rss(t, c.cmd.Process.Pid)
		if !strings.Contains(c.logs.String(), `"outcome":"ok"`) {
			t.Errorf("the translation failed:\n%s", c.logs.String())
		}
		t.Logf("during a 10,000-word /translate (%d model requests, %d files uploaded): RSS at most %.1f MB sampled, peak %.1f MB; after %.1f MB",
			len(llm.Requests()), len(slackAPI.Calls(slackfake.MethodUpload)), most, peak, cur)
	})
}
