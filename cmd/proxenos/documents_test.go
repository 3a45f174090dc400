package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate"
	"github.com/proxenos/proxenos/translate/hostile"
)

// TestDocumentsConfig checks the document limits: each bad one is refused
// naming its variable, its YAML key and an example, and good ones reach
// the sandbox, empty ones keeping its defaults.
func TestDocumentsConfig(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		want []string // what the English message names; nil for no error
	}{
		{"OK", map[string]string{"PROXENOS_DOCUMENT_TIMEOUT": "45s", "PROXENOS_DOCUMENT_MEMORY_MB": "512"}, nil},
		{"ErrTimeoutShort", map[string]string{"PROXENOS_DOCUMENT_TIMEOUT": "1s"}, []string{"PROXENOS_DOCUMENT_TIMEOUT", "documents.timeout", "e.g. 30s"}},
		{"ErrTimeoutLong", map[string]string{"PROXENOS_DOCUMENT_TIMEOUT": "1h"}, []string{"PROXENOS_DOCUMENT_TIMEOUT"}},
		{"ErrTimeoutUnit", map[string]string{"PROXENOS_DOCUMENT_TIMEOUT": "30"}, []string{"PROXENOS_DOCUMENT_TIMEOUT"}},
		{"ErrMemorySmall", map[string]string{"PROXENOS_DOCUMENT_MEMORY_MB": "64"}, []string{"PROXENOS_DOCUMENT_MEMORY_MB", "documents.memory_mb", "e.g. 1024"}},
		{"ErrMemoryUnit", map[string]string{"PROXENOS_DOCUMENT_MEMORY_MB": "1GB"}, []string{"PROXENOS_DOCUMENT_MEMORY_MB"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.ApplyEnv(env(tt.env))
			err := c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				if sb := c.Documents.sandbox(nil); sb.Timeout != 45*time.Second || sb.Memory != 512<<20 {
					t.Errorf("sandbox limits %v, %d; want 45s, 512 MB", sb.Timeout, sb.Memory)
				}
				return
			}
			if got := proxenos.ErrorCode(err); got != proxenos.EINVALID {
				t.Fatalf("got code %q (%v), want %q", got, err, proxenos.EINVALID)
			}
			msg := i18n.ErrorMessage(i18n.English, err)
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
		})
	}
	d := DefaultConfig()
	if sb := d.Documents.sandbox(nil); sb.Timeout != 0 || sb.Memory != 0 || len(sb.Command) != 0 {
		t.Errorf("defaults changed the sandbox: %+v", sb)
	}
}

// TestExtractCommand runs the hidden `proxenos extract` through the real
// main(): a document on stdin comes back as its blocks, and it is not
// listed in the help.
func TestExtractCommand(t *testing.T) {
	cmd := exec.Command(os.Args[0], translate.ExtractCommand, "-kind", "pdf", "-cpu", "10", "-memory", fmt.Sprint(256<<20))
	cmd.Env = []string{"PROXENOS_TEST_RUN_MAIN=1"}
	cmd.Stdin = bytes.NewReader(hostile.PlainPDF())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	var answer struct{ Blocks []translate.Block }
	if err := json.Unmarshal(out, &answer); err != nil || len(answer.Blocks) != 1 || answer.Blocks[0].Text != "Letter from Faenza" {
		t.Fatalf("answer %s (%v), want the letter's line", out, err)
	}

	var help bytes.Buffer
	m, _, _ := testMain(t, nil, nil)
	m.Stderr = &help
	m.ParseFlags(t.Context(), []string{"help"})
	if strings.Contains(help.String(), "extract") {
		t.Errorf("help lists extract:\n%s", &help)
	}
}

// TestServe_HostileDocuments shares hostile documents with the running
// bot, more of them than it has work slots: each is answered "could not
// be read", and a command sent after them is still answered. Read
// in-process, the first two hang their work slots for ever and the bot
// answers no one (issue 13).
func TestServe_HostileDocuments(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	m, _ := startServe(t, fake, map[string]string{"PROXENOS_MAX_WORK": "2", "PROXENOS_DOCUMENT_TIMEOUT": "5s"})
	client := loadClient(1)
	defer client.CloseIdleConnections()
	v := bot.NewVerifier(testSecret)
	files := []hostile.File{
		{Name: "xref-loop.pdf", Data: hostile.XrefLoopPDF()},
		{Name: "pages-cycle.pdf", Data: hostile.PagesCyclePDF()},
		{Name: "inflate-bomb.pdf", Data: hostile.InflateBombPDF()},
		{Name: "deep.odt", Data: hostile.DeepODT(3 << 20)},
	}
	for i, f := range files {
		id := fmt.Sprintf("F%d", i)
		file, _ := json.Marshal(map[string]any{"id": id, "name": f.Name, "size": len(f.Data),
			"url_private_download": fake.AddFile(slackfake.File{ID: id, Name: f.Name, Content: f.Data})})
		body := fmt.Sprintf(`{"type":"event_callback","team_id":"TFAKE","api_app_id":"A0PROXENOS","event_id":"Ev%d","event_time":1764115200,`+
			`"event":{"type":"app_mention","user":"U0MARIA","channel":"C0OFFICE","text":"<@U0BOT> to:en","ts":"1764115200.00010%d","event_ts":"1764115200.00010%d","files":[%s]}}`, i, i, i, file)
		if _, err := postEvent(client, v, "http://"+m.HTTPAddr()+"/slack/events", body); err != nil {
			t.Fatal(err)
		}
	}
	ru := fake.ResponseURL()
	if code, _ := slashCommand(t, m, testSecret, time.Now(), "/corr", "help", ru); code != http.StatusOK {
		t.Fatalf("/corr help: status %d", code)
	}
	if _, err := waitReply(fake, ru); err != nil {
		t.Errorf("/corr help after the hostile files: %v", err)
	}
	answers, err := fake.WaitFor("chat.postEphemeral", len(files), time.Minute)
	if err != nil {
		t.Fatalf("%d of %d hostile files answered: %v", len(answers), len(files), err)
	}
	for _, f := range files {
		kind := strings.ToUpper(f.Name[strings.LastIndex(f.Name, ".")+1:])
		want := fmt.Sprintf("The %s file %q could not be read (damaged or too complex).", kind, f.Name)
		found := false
		for _, a := range answers {
			found = found || a.Param("text") == want
		}
		if !found {
			t.Errorf("no answer %q among %d", want, len(answers))
		}
	}
}
