package bot

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sashabaranov/go-openai"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/translate"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// translateHarness is the bot over the real handlers, with a fake model
// and a SQLite store, wired as cmd/proxenos wires them.
type translateHarness struct {
	*harness
	h   *handlers.Handler
	llm *fakellm.Server
	tr  *translate.Translator
}

func newTranslateHarness(t *testing.T, opts fakellm.Options) *translateHarness {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	fake := fakellm.New(opts)
	cfg := openai.DefaultConfig("test-key")
	cfg.BaseURL = fake.URL
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tr := &translate.Translator{Client: translate.NewClient(cfg), Model: "fake-model", Retries: -1, Logger: quiet,
		Glossary: sqlite.NewGlossaryService(db), Usage: sqlite.NewUsageService(db)}
	corrs, partners := sqlite.NewCorrespondenceService(db), sqlite.NewPartnerService(db)
	h := handlers.NewHandler()
	h.Logger = quiet
	c := corr.New(h, corrs, partners)
	m := translation.New(h, tr, c, partners)
	m.Glossary, m.Usage, m.ProgressInterval = tr.Glossary, tr.Usage, -1
	h.MustRegister(c.Module(), m.Module())
	d := &dispatcher{onCommand: h.HandleCommand, onAction: h.HandleAction}
	th := &translateHarness{harness: newHarness(t, d, h), h: h, llm: fake, tr: tr}
	m.Conversations = th.bot
	// Cleanups run last first: the bot stops before the model and the store.
	t.Cleanup(func() { db.Close() })
	t.Cleanup(fake.Close)
	return th
}

// officeDOCX returns the office's Greek page as a Word document.
func officeDOCX(t *testing.T) (*translate.Document, []byte) {
	t.Helper()
	text, err := os.ReadFile("testdata/office-duties.el.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := translate.Extract("αρμοδιότητες.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	data, err := translate.WriteDOCX(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, data
}

func TestTranslateDocumentInThread(t *testing.T) {
	var th *translateHarness
	var once sync.Once
	// The first part waits for the first progress update, so that the
	// test sees one whatever the scheduling.
	th = newTranslateHarness(t, fakellm.Options{Translate: func(_ openai.ChatCompletionRequest, doc string) string {
		once.Do(func() { _, _ = th.harness.fake.WaitFor("chat.update", 1, wait) })
		return fakellm.Upper(doc)
	}})
	th.tr.PartTokens = 400
	orig, docx := officeDOCX(t)
	th.harness.fake.AddFile(slackfake.File{ID: "F1", Name: "αρμοδιότητες.docx", Content: docx})
	th.harness.fake.AddMessage(slackfake.Message{Channel: "C1", TS: "100.1", User: "U2", Files: []string{"F1"}})

	th.event("Ev1", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1", "ts": "100.5",
		"thread_ts": "100.1", "text": "<@UBOT> to en"}, nil)
	done := th.waitCalls("files.completeUploadExternal", 1)[0]
	if done.Param("channel_id") != "C1" || done.Param("thread_ts") != "100.1" {
		t.Errorf("file shared in %s/%s, want the document's thread C1/100.1", done.Param("channel_id"), done.Param("thread_ts"))
	}
	uploads := th.harness.fake.Calls(slackfake.MethodUpload)
	if len(uploads) != 1 || uploads[0].Params.Get("filename") != "αρμοδιότητες.en.docx" {
		t.Fatalf("uploads = %+v", uploads)
	}
	got, err := translate.Extract("draft.docx", uploads[0].Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Blocks[0].Text, "ΠΡΟΣΧΕΔΙΟ μετάφρασης για έλεγχο — από ελληνικά (el) σε αγγλικά (en), μοντέλο fake-model") {
		t.Errorf("document starts with %q, want the draft header", got.Blocks[0].Text)
	}
	draft := &translate.Document{Blocks: got.Blocks[1:]}
	if g, w := strings.ToUpper(draft.Text()), strings.ToUpper(orig.Text()); g != w {
		t.Errorf("the draft does not round-trip:\n got %.300q\nwant %.300q", g, w)
	}

	posts := th.harness.fake.Calls("chat.postMessage")
	if len(posts) == 0 || posts[0].Param("thread_ts") != "100.1" || posts[0].Param("text") != "⏳ Μεταφράζω το «αρμοδιότητες.docx»…" {
		t.Errorf("first reply = %+v, want the progress message in the thread", posts)
	}
	updates := th.harness.fake.Calls("chat.update")
	var texts []string
	for _, u := range updates {
		texts = append(texts, u.Param("text"))
	}
	if len(texts) < 2 || !strings.HasSuffix(texts[0], " τμήματα") || !strings.HasPrefix(texts[len(texts)-1], "ΠΡΟΣΧΕΔΙΟ μετάφρασης") {
		t.Errorf("updates = %q, want progress, then the header", texts)
	}
	if last := updates[len(updates)-1]; !strings.Contains(last.Param("blocks"), translation.ActionTranslateLog) {
		t.Errorf("final update lacks the buttons: %s", last.Param("blocks"))
	}
	if n := len(th.harness.fake.Calls("conversations.replies")); n != 1 {
		t.Errorf("conversations.replies called %d times, want 1", n)
	}
}

func TestTranslateShortcut(t *testing.T) {
	th := newTranslateHarness(t, fakellm.Options{Language: "de"})
	th.interact(map[string]any{
		"type": "message_action", "callback_id": translation.ActionTranslateMessage, "team": map[string]any{"id": "T1"},
		"user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": "C1"},
		"response_url": th.harness.fake.ResponseURL(), "trigger_id": "t",
		"message": map[string]any{"ts": "200.1", "text": "Guten Tag, liebe Kollegen &lt;3"},
	})
	posts := th.waitCalls("chat.postMessage", 2)
	for _, p := range posts {
		if p.Param("thread_ts") != "200.1" {
			t.Errorf("posted outside the message's thread: %s", p.Params)
		}
	}
	if texts := strings.Join(blockTexts(t, posts[1].Param("blocks")), "\n"); !strings.Contains(texts, "GUTEN TAG, LIEBE KOLLEGEN &lt;3") {
		t.Errorf("draft = %q", texts)
	}
	th.waitCalls("chat.update", 1)
}

func TestTranslateCommandLongText(t *testing.T) {
	th := newTranslateHarness(t, fakellm.Options{})
	th.command("/translate", strings.Repeat("Η αντιπροσωπεία επισκέπτεται το Μαρούσι.\n\n", 80))
	posts := th.waitCalls("chat.postMessage", 2)
	parent := posts[0]
	if parent.Param("thread_ts") != "" || parent.Param("channel") != "C1" {
		t.Fatalf("first reply %s, want a new message in C1", parent.Params)
	}
	for _, p := range posts[1:] {
		if p.Param("thread_ts") == "" {
			t.Errorf("the draft was posted outside the thread: %s", p.Params)
		}
	}
	if n := len(th.harness.fake.Calls(slackfake.MethodResponseURL)); n != 0 {
		t.Errorf("%d answers through the response_url, want the thread only", n)
	}
}
