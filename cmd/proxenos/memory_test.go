package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot"
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

// TestMemory reports the resident size of `proxenos serve` (run by the
// test binary, which adds its test code) idle and after logging entries.
// It measures, it does not judge: set PROXENOS_MEASURE_MEMORY=1 (and
// PROXENOS_MEASURE_ENTRIES, default 2000) to run it.
func TestMemory(t *testing.T) {
	if os.Getenv("PROXENOS_MEASURE_MEMORY") != "1" {
		t.Skip("set PROXENOS_MEASURE_MEMORY=1 to measure")
	}
	entries := 2000
	if n, err := strconv.Atoi(os.Getenv("PROXENOS_MEASURE_ENTRIES")); err == nil {
		entries = n
	}
	slackAPI := newFakeSlack(t)
	answers := newReplies(t)
	c := startChild(t, []string{"PROXENOS_SLACK_API_URL=" + slackAPI.srv.URL + "/api/", "PROXENOS_STORAGE_URL=sqlite:" + t.TempDir() + "/proxenos.db"})
	time.Sleep(2 * time.Second) // let start-up garbage be collected
	cur, peak := rss(t, c.cmd.Process.Pid)
	t.Logf("idle: RSS %.1f MB (peak %.1f MB)", cur, peak)
	v := bot.NewVerifier(testSecret)
	client := loadClient(4)
	defer client.CloseIdleConnections()
	for i := range entries {
		text := fmt.Sprintf(`in from:"Stadt Köln" subject:"Einladung zum Forum %d" tags:forum summary:"%s"`, i, strings.Repeat("λόγος ", 40))
		if _, err := postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody("/corr", text, answers.srv.URL+"/m/"+strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
		<-answers.wait("/m/" + strconv.Itoa(i))
	}
	for _, q := range []string{"list", "search Einladung", "search forum 2026"} {
		if _, err := postSigned(client, v, "http://"+c.addr+"/slack/commands", commandBody("/corr", q, answers.srv.URL+"/q/"+q)); err != nil {
			t.Fatal(err)
		}
		<-answers.wait("/q/" + q)
	}
	cur, peak = rss(t, c.cmd.Process.Pid)
	t.Logf("after %d entries, a list and two searches: RSS %.1f MB (peak %.1f MB)", entries, cur, peak)
}
