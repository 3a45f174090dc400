package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/translation"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/translate"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// translateEnv is a testEnv with a translation.Translator talking to a fake model,
// and the glossary and usage in the same SQLite store.
type translateEnv struct {
	*testEnv
	fake  *fakellm.Server
	tr    *translate.Translator
	usage *sqlite.UsageService
	conv  *fakeConversations
}

func newTranslateEnv(t testing.TB, opts fakellm.Options) *translateEnv {
	t.Helper()
	env := &translateEnv{testEnv: newTestEnv(t), fake: fakellm.New(opts), conv: &fakeConversations{}}
	t.Cleanup(env.fake.Close)
	cfg := openai.DefaultConfig("test-key")
	cfg.BaseURL = env.fake.URL
	glossary := sqlite.NewGlossaryService(env.db)
	env.usage = sqlite.NewUsageService(env.db)
	env.tr = &translate.Translator{
		Client: translate.NewClient(cfg), Model: "fake-model", Glossary: glossary, Usage: env.usage,
		Retries: -1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow },
	}
	env.h.Translator, env.h.Glossary, env.h.Usage, env.h.Conversations = env.tr, glossary, env.usage, env.conv
	env.h.ProgressInterval = -1
	return env
}

// translate runs /translate as U1 with a Replier, if one is given.
func (e *translateEnv) translate(t *testing.T, lang i18n.Lang, text string, r chat.Replier) *chat.Response {
	t.Helper()
	return e.h.HandleCommand(context.Background(), &chat.Request{ID: "r1", Team: testTeam, User: "U1", Channel: "C1",
		Lang: lang, Command: "/translate", Text: text, Replier: r})
}

// systemPrompt returns the system message of the fake's last translation request.
func (e *translateEnv) systemPrompt(t *testing.T) string {
	t.Helper()
	reqs := e.fake.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request reached the model")
	}
	return reqs[len(reqs)-1].Body.Messages[0].Content
}

// fakeReplier records early replies and their updates.
type fakeReplier struct {
	mu      sync.Mutex
	replies []*chat.Response
	updates []*chat.Response
	fail    error
}

func (r *fakeReplier) Reply(_ context.Context, resp *chat.Response) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return "", r.fail
	}
	r.replies = append(r.replies, resp)
	return "ts-1", nil
}

func (r *fakeReplier) Update(_ context.Context, id string, resp *chat.Response) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates = append(r.updates, resp)
	return nil
}

// texts returns the texts of the updates, in order.
func (r *fakeReplier) texts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, u := range r.updates {
		out = append(out, u.Text)
	}
	return out
}

// fakeConversations serves seeded messages and file contents.
type fakeConversations struct {
	messages map[string]*chat.Message // by channel/ts
	files    map[string][]byte        // by URL
}

func (c *fakeConversations) FindMessage(_ context.Context, channel, ts string) (*chat.Message, error) {
	if m, ok := c.messages[channel+"/"+ts]; ok {
		return m, nil
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "translate.message_not_found")
}

func (c *fakeConversations) Permalink(_ context.Context, channel, ts string) (string, error) {
	return "https://maroussi.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", ""), nil
}

func (c *fakeConversations) Download(_ context.Context, url string, w io.Writer) error {
	_, err := w.Write(c.files[url])
	return err
}

// buttons returns the buttons of resp by action id.
func buttons(resp *chat.Response) map[string]chat.Button {
	out := map[string]chat.Button{}
	for _, b := range resp.Blocks {
		if a, ok := b.(chat.Actions); ok {
			for _, btn := range a.Buttons {
				out[btn.ActionID] = btn
			}
		}
	}
	return out
}

func TestTranslate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		resp := env.translate(t, i18n.English, "Thank you for the invitation to the forum.", nil)
		if !resp.Ephemeral || resp.InThread {
			t.Errorf("ephemeral, in thread = %v, %v; want a short draft to the user alone", resp.Ephemeral, resp.InThread)
		}
		text := allText(resp)
		for _, want := range []string{"DRAFT translation for review — from English (en) to Greek (el), model fake-model",
			"THANK YOU FOR THE INVITATION TO THE FORUM.", "Translate again", "Log as correspondence"} {
			if !strings.Contains(text, want) {
				t.Errorf("answer lacks %q:\n%s", want, text)
			}
		}
		if b := buttons(resp); b[translation.ActionTranslateAgain].Value == "" || b[translation.ActionTranslateLog].Value == "" {
			t.Errorf("buttons = %+v", b)
		}
	})
	t.Run("GreekToEnglishByDefault", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		resp := env.translate(t, i18n.Greek, "Ευχαριστούμε για την πρόσκληση.", nil)
		if want := "ΠΡΟΣΧΕΔΙΟ μετάφρασης για έλεγχο — από ελληνικά (el) σε αγγλικά (en)"; !strings.Contains(resp.Text, want) {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
		if p := env.systemPrompt(t); !strings.Contains(p, "English (en)") {
			t.Errorf("system prompt does not ask for English:\n%s", p)
		}
	})
	t.Run("ToAndFrom", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		resp := env.translate(t, i18n.English, "to:de from:en Good morning", nil)
		if want := "from English (en) to German (de)"; !strings.Contains(resp.Text, want) {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
		if got := env.fake.Requests()[0].Document; got != "Good morning" {
			t.Errorf("document = %q, want the text without options", got)
		}
	})
	t.Run("LongTextInThread", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		env.tr.PartTokens = 300
		text := strings.TrimSpace(strings.Repeat("The municipality thanks its partners for the visit.\n\n", 80))
		r := &fakeReplier{}
		resp := env.translate(t, i18n.English, text, r)
		if resp.Ephemeral || !resp.InThread {
			t.Fatalf("ephemeral, in thread = %v, %v; want the channel's thread", resp.Ephemeral, resp.InThread)
		}
		if len(r.replies) != 1 || !r.replies[0].InThread || r.replies[0].Text != "⏳ Translating…" {
			t.Fatalf("first reply = %+v", r.replies)
		}
		updates := r.texts()
		if len(updates) < 2 || !slices.ContainsFunc(updates, func(s string) bool { return strings.HasSuffix(s, " parts") }) {
			t.Fatalf("updates = %q, want progress then the header", updates)
		}
		final := r.updates[len(r.updates)-1]
		if !strings.HasPrefix(final.Text, "DRAFT translation") || buttons(final)[translation.ActionTranslateLog].Value == "" {
			t.Errorf("final update = %+v, want the header with buttons", final)
		}
		var draft strings.Builder
		for _, b := range resp.Blocks {
			s, ok := b.(chat.Section)
			if !ok {
				t.Fatalf("thread answer has %T; want only the draft's sections", b)
			}
			if n := len([]rune(s.Text)); n > 3000 {
				t.Errorf("section of %d characters", n)
			}
			draft.WriteString(s.Text + "\n\n")
		}
		if got, want := strings.TrimSpace(draft.String()), strings.ToUpper(text); got != want {
			t.Errorf("draft lost text: got %d characters, want %d", len(got), len(want))
		}
	})
	t.Run("LongTextWithoutReplier", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		resp := env.translate(t, i18n.English, strings.Repeat("Dear colleagues. ", 200), nil)
		if !resp.InThread || !strings.HasPrefix(resp.Text, "DRAFT translation") || buttons(resp)[translation.ActionTranslateLog].Value == "" {
			t.Errorf("got %+v, want header, buttons and draft in a thread", resp)
		}
	})
	t.Run("FailedPartByNumber", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		env.tr.PartTokens = 60
		var paras []string
		for i := range 6 {
			word := "Paragraph"
			if i == 2 {
				word = "Zebra"
			}
			paras = append(paras, strings.Repeat(word+" text of the letter. ", 8))
		}
		text := strings.Join(paras, "\n\n")
		failed := slices.IndexFunc(translate.Split(text, env.tr.PartTokens), func(p string) bool { return strings.Contains(p, "Zebra") }) + 1
		if failed == 0 {
			t.Fatal("fixture: no part has the marker")
		}
		env.fake.FailOn("Zebra", fakellm.Fault{Status: http.StatusInternalServerError})
		resp := env.translate(t, i18n.Greek, text, nil)
		want := "Το τμήμα " + i18n.FormatInt(i18n.Greek, int64(failed)) + " δεν μεταφράστηκε — κρατήθηκε το πρωτότυπο."
		if !strings.Contains(allText(resp), want) {
			t.Errorf("answer = %q, want %q", allText(resp), want)
		}
		if !strings.Contains(allText(resp), "Zebra text") {
			t.Error("the failed part's original is not in the draft")
		}
	})
	t.Run("EscapesModelOutput", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{Translate: func(openai.ChatCompletionRequest, string) string {
			return "<!channel> read this, <@U999> & <https://evil.example|click>"
		}})
		resp := env.translate(t, i18n.English, "Hello", nil)
		got := mrkdwnText(resp)
		if strings.ContainsAny(strings.ReplaceAll(got, "&lt;", ""), "<>") {
			t.Errorf("unescaped mrkdwn reached Slack:\n%s", got)
		}
		if !strings.Contains(got, "&lt;!channel&gt; read this, &lt;@U999&gt; &amp;") {
			t.Errorf("draft not shown escaped:\n%s", got)
		}
	})
	t.Run("ErrBudgetSpent", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		env.tr.MonthlyTokenBudget = 100
		if err := env.usage.RecordUsage(env.ctx(), &proxenos.Usage{User: "U1", PromptTokens: 80, CompletionTokens: 40, At: testNow}); err != nil {
			t.Fatal(err)
		}
		resp := env.translate(t, i18n.English, "Hello", nil)
		if want := "The monthly translation budget is spent (120 of 100 tokens)."; !strings.HasPrefix(resp.Text, want) {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
		if n := len(env.fake.Requests()); n != 0 {
			t.Errorf("%d requests sent over budget", n)
		}
	})
	t.Run("ErrStoppedUpdatesProgress", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		env.fake.FailOn("", fakellm.Fault{Status: http.StatusInternalServerError})
		r := &fakeReplier{}
		resp := env.translate(t, i18n.English, strings.Repeat("Dear colleagues. ", 200), r)
		if want := "The translation service is unavailable right now."; !strings.HasPrefix(resp.Text, want) || !resp.Ephemeral {
			t.Errorf("got %+v, want %q", resp, want)
		}
		if u := r.texts(); len(u) == 0 || u[len(u)-1] != "⚠ The translation did not finish." {
			t.Errorf("updates = %q, want the reply marked as stopped", u)
		}
	})
	t.Run("ErrTextRequired", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		if got := env.translate(t, i18n.English, "to:en", nil).Text; got != "Give the text to translate, or attach a document." {
			t.Errorf("got %q", got)
		}
	})
	t.Run("NoModelConfigured", func(t *testing.T) {
		env := newTestEnv(t)
		for name, resp := range map[string]*chat.Response{
			"command":  env.run(t, i18n.English, "/translate", "Hello"),
			"shortcut": env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.English, ActionID: translation.ActionTranslateMessage, Value: "Hello"}),
			"mention":  env.h.HandleMention(context.Background(), &chat.Event{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.English, Text: "<@UBOT> to en Hallo"}),
		} {
			for _, want := range []string{"OPENAI_API_KEY", "OPENAI_BASE_URL", "PROXENOS_LLM_MODEL"} {
				if !strings.Contains(resp.Text, want) {
					t.Errorf("%s: %q lacks %s", name, resp.Text, want)
				}
			}
		}
	})
}

func TestTranslate_GlossaryAndNames(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	env.run(t, i18n.Greek, "/ir", `glossary add el:"Δήμος Αμαρουσίου" en:"Municipality of Maroussi"`)
	env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Country: "IT"})
	env.addPartner(t, &proxenos.Partner{Name: "Q-Cities", Kind: proxenos.KindNetwork})
	env.translate(t, i18n.Greek, "Ο Δήμος Αμαρουσίου καλωσορίζει την αντιπροσωπεία από τη Φαέντσα.", nil)
	prompt := env.systemPrompt(t)
	for _, want := range []string{`["Δήμος Αμαρουσίου","Municipality of Maroussi"]`, `["Φαέντσα"]`} {
		if !strings.Contains(prompt, want) {
			t.Errorf("system prompt lacks %s:\n%s", want, prompt)
		}
	}
	if strings.Contains(prompt, "Q-Cities") {
		t.Error("a partner not in the text was sent as a name")
	}
}

func TestTranslate_Mention(t *testing.T) {
	doc := &translate.Document{Name: "letter.docx", Blocks: []translate.Block{
		{Level: 1, Text: "Einladung"}, {Text: "Liebe Kolleginnen und Kollegen aus Marousi,"}}}
	docx, err := translate.WriteDOCX(doc)
	if err != nil {
		t.Fatal(err)
	}
	mention := func(env *translateEnv, r chat.Replier, ev chat.Event) *chat.Response {
		ev.Team, ev.User, ev.Channel, ev.Lang, ev.Replier = testTeam, "U1", "C1", i18n.English, r
		return env.h.HandleMention(context.Background(), &ev)
	}
	t.Run("FileInParentOfThread", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{Language: "de"})
		env.conv.messages = map[string]*chat.Message{"C1/100.1": {Files: []chat.File{{ID: "F1", Name: "letter.docx", Size: len(docx), URL: "https://files/F1"}}}}
		env.conv.files = map[string][]byte{"https://files/F1": docx}
		r := &fakeReplier{}
		resp := mention(env, r, chat.Event{Text: "<@UBOT> to en", TS: "100.5", ThreadTS: "100.1"})
		if !resp.InThread || !strings.Contains(allText(resp), "EINLADUNG") {
			t.Fatalf("got %+v", resp)
		}
		if got, want := r.replies[0].Text, "⏳ Translating \"letter.docx\"…"; got != want {
			t.Errorf("first reply %q, want %q", got, want)
		}
		final := r.updates[len(r.updates)-1]
		if !strings.Contains(final.Text, "from German (de) to English (en)") {
			t.Errorf("header = %q", final.Text)
		}
		var src translation.Source
		if err := json.Unmarshal([]byte(buttons(final)[translation.ActionTranslateAgain].Value), &src); err != nil || src.TS != "100.1" || src.To != "en" {
			t.Errorf("again = %+v, %v; want the file's message", src, err)
		}
	})
	t.Run("TextAfterMention", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{Language: "de"})
		mention(env, &fakeReplier{}, chat.Event{Text: "<@UBOT> σε el Guten Tag &amp; willkommen", TS: "1.1"})
		if got := env.fake.Requests()[1].Document; got != "Guten Tag & willkommen" {
			t.Errorf("document = %q", got)
		}
		if p := env.systemPrompt(t); !strings.Contains(p, "Greek (el)") {
			t.Errorf("prompt lacks the target: %s", p)
		}
	})
	t.Run("ErrUnreadableFile", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		env.conv.files = map[string][]byte{"https://files/F3": []byte("%PDF-1.7 hostile")}
		reader := &refusingReader{}
		env.h.Documents = reader
		resp := mention(env, &fakeReplier{}, chat.Event{Text: "<@UBOT>", TS: "1.1", Files: []chat.File{{ID: "F3", Name: "loop.pdf", URL: "https://files/F3"}}})
		if want := `The PDF file "loop.pdf" could not be read (damaged or too complex).`; resp.Text != want {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
		if reader.name != "loop.pdf" || reader.data != "%PDF-1.7 hostile" {
			t.Errorf("the reader got %q %q, want the shared file", reader.name, reader.data)
		}
	})
	t.Run("ErrUnsupportedFile", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		resp := mention(env, &fakeReplier{}, chat.Event{Text: "<@UBOT>", TS: "1.1", Files: []chat.File{{ID: "F2", Name: "photo.jpg", URL: "u"}}})
		if want := `I cannot read files like "photo.jpg". Supported types: .txt, .md, .docx, .odt, .pdf, .eml.`; resp.Text != want {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
	})
	t.Run("NothingToTranslate", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		if resp := mention(env, nil, chat.Event{Text: "<@UBOT>", TS: "1.1"}); !strings.HasPrefix(resp.Text, "To translate: share a document") {
			t.Errorf("got %q", resp.Text)
		}
	})
	t.Run("FilesInChannelWaitForMention", func(t *testing.T) {
		env := newTranslateEnv(t, fakellm.Options{})
		if resp := env.h.HandleFiles(context.Background(), &chat.Event{Team: testTeam, User: "U1", Channel: "C1", Files: []chat.File{{Name: "a.txt"}}}); resp != nil {
			t.Errorf("got %+v, want nil", resp)
		}
	})
}

func TestTranslate_Shortcut(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{Language: "de"})
	r := &fakeReplier{}
	resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
		ActionID: translation.ActionTranslateMessage, Value: "Sehr geehrte Damen und Herren,\n\nwir laden Sie ein.", MessageTS: "200.1", Replier: r})
	if !resp.InThread || !strings.Contains(allText(resp), "SEHR GEEHRTE DAMEN UND HERREN,") {
		t.Fatalf("got %+v", resp)
	}
	final := r.updates[len(r.updates)-1]
	if !strings.Contains(final.Text, "από γερμανικά (de) σε ελληνικά (el)") {
		t.Errorf("header = %q", final.Text)
	}

	t.Run("LogAsCorrespondence", func(t *testing.T) {
		resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
			ActionID: translation.ActionTranslateLog, Value: buttons(final)[translation.ActionTranslateLog].Value})
		if resp.Modal == nil || resp.Modal.CallbackID != corr.ModalCallback {
			t.Fatalf("got %+v, want the correspondence modal", resp)
		}
		got := map[string]string{}
		for _, in := range resp.Modal.Inputs {
			got[in.ID] = in.Initial
		}
		want := map[string]string{"direction": "in", "subject": "SEHR GEEHRTE DAMEN UND HERREN,", "lang": "de",
			"summary": "SEHR GEEHRTE DAMEN UND HERREN,\nWIR LADEN SIE EIN."}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%s = %q, want %q", id, got[id], w)
			}
		}
	})
	t.Run("Again", func(t *testing.T) {
		env.conv.messages = map[string]*chat.Message{"C1/200.1": {Text: "Bis bald"}}
		resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
			ActionID: translation.ActionTranslateAgain, Value: buttons(final)[translation.ActionTranslateAgain].Value})
		if !strings.Contains(allText(resp), "BIS BALD") {
			t.Errorf("got %q, want the message translated again", allText(resp))
		}
	})
}

func TestTranslate_OfficeDocument(t *testing.T) {
	// The real Greek page of the office, as a .txt shared in a DM.
	text, err := os.ReadFile("testdata/office-duties.el.txt")
	if err != nil {
		t.Fatal(err)
	}
	env := newTranslateEnv(t, fakellm.Options{})
	env.tr.PartTokens = 400
	env.conv.files = map[string][]byte{"https://files/F9": text}
	resp := env.h.HandleFiles(context.Background(), &chat.Event{Team: testTeam, User: "U1", Channel: "D1", Lang: i18n.Greek, TS: "5.5",
		Files: []chat.File{{ID: "F9", Name: "αρμοδιότητες.txt", Size: len(text), URL: "https://files/F9"}}})
	if len(resp.Files) != 1 {
		t.Fatalf("got %+v, want the draft as a file", resp)
	}
	f := resp.Files[0]
	if f.Name != "αρμοδιότητες.en.md" {
		t.Errorf("file name = %q", f.Name)
	}
	header, draft, _ := strings.Cut(string(f.Content), "\n\n")
	if !strings.HasPrefix(header, "ΠΡΟΣΧΕΔΙΟ μετάφρασης") {
		t.Errorf("file does not start with the draft header: %q", header)
	}
	if !strings.Contains(draft, "Emailinternational@maroussi.gr") || !strings.Contains(draft, "ΓΡΑΦΕΊΟ ΔΙΕΘΝΏΝ ΣΧΈΣΕΩΝ") {
		t.Errorf("draft lost the document: %.300s", draft)
	}
}

func TestGlossary(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	t.Run("AddListRemove", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/ir", `glossary add el:"Δήμος Αμαρουσίου" en:Municipality of Maroussi`)
		if !strings.HasPrefix(resp.Text, "Added to the glossary (id ") || !strings.Contains(resp.Text, "el: Δήμος Αμαρουσίου · en: Municipality of Maroussi") {
			t.Fatalf("add = %q", resp.Text)
		}
		env.run(t, i18n.Greek, "/ir", `γλωσσάριο add en:"<Sister City>" el:"Αδελφή Πόλη"`)
		list := env.run(t, i18n.Greek, "/ir", "glossary list")
		text := mrkdwnText(list)
		for _, want := range []string{"Γλωσσάριο (2 όροι)", "en: Municipality of Maroussi", "el: Αδελφή Πόλη · en: &lt;Sister City&gt;"} {
			if !strings.Contains(allText(list), want) {
				t.Errorf("list lacks %q:\n%s", want, text)
			}
		}
		entries, err := env.h.Glossary.FindGlossary(env.ctx())
		if err != nil || len(entries) != 2 {
			t.Fatalf("entries = %v, %v", entries, err)
		}
		if got := env.run(t, i18n.English, "/ir", "glossary remove "+entries[0].ID).Text; got != "Entry "+entries[0].ID+" was removed from the glossary." {
			t.Errorf("remove = %q", got)
		}
		if entries, _ := env.h.Glossary.FindGlossary(env.ctx()); len(entries) != 1 {
			t.Errorf("%d entries after remove, want 1", len(entries))
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrOneLanguage", `glossary add el:"Δήμος"`, "A glossary term needs at least two languages"},
		{"ErrNotALanguage", `glossary add greek:"Δήμος" en:"Municipality"`, "“greek:” is not a language code."},
		{"ErrTextWithoutLanguage", `glossary add Δήμος en:"Municipality"`, "I do not know which language “Δήμος” is in."},
		{"ErrUnknownVerb", "glossary show", "/ir glossary takes add, list or remove"},
		{"ErrIDRequired", "glossary remove", "Give the entry's id"},
		{"ErrNotFound", "glossary remove 0123", "The glossary entry was not found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, i18n.English, "/ir", tt.text).Text; !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	env.h.MonthlyTokenBudget = 1_000_000
	// Last month's usage does not count.
	if err := env.usage.RecordUsage(env.ctx(), &proxenos.Usage{Characters: 99, PromptTokens: 5000, At: testNow.AddDate(0, -1, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := env.usage.RecordUsage(env.ctx(), &proxenos.Usage{Characters: 12345, PromptTokens: 4000, CompletionTokens: 3500, At: testNow}); err != nil {
		t.Fatal(err)
	}
	env.translate(t, i18n.Greek, "Ευχαριστούμε.", nil)
	sum, err := env.usage.SumUsage(env.ctx(), testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	n := func(lang i18n.Lang, v int) string { return i18n.FormatInt(lang, int64(v)) }
	for _, tt := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.Greek, []string{"Χρήση μεταφράσεων — Νοέμβριος 2026", "Αιτήματα: 2", "Χαρακτήρες: " + n(i18n.Greek, sum.Characters),
			"Tokens: " + n(i18n.Greek, sum.Tokens()), "Μηνιαίο όριο: 1.000.000 tokens· απομένουν " + n(i18n.Greek, 1_000_000-sum.Tokens())}},
		{i18n.English, []string{"Translation usage — November 2026", "Requests: 2", "Characters: 12,3", "Monthly budget: 1,000,000 tokens"}},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			text := allText(env.run(t, tt.lang, "/ir", "usage"))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("usage lacks %q:\n%s", w, text)
				}
			}
		})
	}
	t.Run("NoBudget", func(t *testing.T) {
		env.h.MonthlyTokenBudget = 0
		if text := env.run(t, i18n.English, "/ir", "usage").Text; !strings.Contains(text, "No monthly token budget is set.") {
			t.Errorf("got %q", text)
		}
	})
}

// BenchmarkTranslateDocument drafts the office's Greek page (about 7,000
// characters, 11 parts) through /translate against the fake model, with
// the glossary, partner names and usage in SQLite: the cost of everything
// around the model.
func BenchmarkTranslateDocument(b *testing.B) {
	text, err := os.ReadFile("testdata/office-duties.el.txt")
	if err != nil {
		b.Fatal(err)
	}
	env := newTranslateEnv(b, fakellm.Options{})
	env.tr.PartTokens = 400
	env.tr.Cache = nil
	for b.Loop() {
		resp := env.h.HandleCommand(context.Background(), &chat.Request{ID: "r1", Team: testTeam, User: "U1", Channel: "C1",
			Lang: i18n.Greek, Command: "/translate", Text: string(text)})
		if len(resp.Blocks) < 3 {
			b.Fatalf("got %+v", resp)
		}
	}
}

// refusingReader is a translation.DocumentReader that refuses every file as the
// sandbox refuses a hostile one, and keeps what it was given.
type refusingReader struct{ name, data string }

func (r *refusingReader) Extract(_ context.Context, name string, data []byte) (*translate.Document, error) {
	r.name, r.data = name, string(data)
	return nil, proxenos.Errorf(proxenos.EINVALID, "translate.extract.unreadable", "PDF", name)
}

// TestTranslate_WorkspaceModel checks that in distribution mode a
// workspace that turned the model off gets no translation and is told
// so, and that one with a budget of its own is held to it, and /ir usage
// shows it.
func TestTranslate_WorkspaceModel(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	env.h.MonthlyTokenBudget = 1_000_000 // the deployment's
	env.h.Workspaces = &handlers.Workspaces{Store: sqlite.NewSettingsService(env.db)}
	save := func(s *proxenos.Settings) {
		t.Helper()
		if err := env.h.Workspaces.Save(env.ctx(), s); err != nil {
			t.Fatal(err)
		}
	}
	save(&proxenos.Settings{LLMOff: true})
	if got := env.translate(t, i18n.English, "Ευχαριστούμε.", nil).Text; got != i18n.T(i18n.English, "model.off") {
		t.Errorf("model off: %q", got)
	}
	if n := len(env.fake.Requests()); n != 0 {
		t.Fatalf("%d requests reached the model of a workspace that turned it off", n)
	}
	save(&proxenos.Settings{MonthlyTokens: 10})
	if got := env.translate(t, i18n.English, "Ευχαριστούμε πολύ για την πρόσκληση.", nil).Text; !strings.Contains(got, "remain") {
		t.Errorf("over the workspace's budget of 10 tokens: %q", got)
	}
	if text := env.run(t, i18n.English, "/ir", "usage").Text; !strings.Contains(text, "Monthly budget: 10 tokens") {
		t.Errorf("usage does not show the workspace's budget: %q", text)
	}
}
