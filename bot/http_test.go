package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

func TestHTTPSignature(t *testing.T) {
	body := url.Values{"team_id": {"T1"}, "user_id": {"U1"}, "command": {"/corr"}, "text": {"list"}}.Encode()
	ts := strconv.FormatInt(testNow.Unix(), 10)
	stale := strconv.FormatInt(testNow.Add(-10*time.Minute).Unix(), 10)
	for _, tt := range []struct {
		name   string
		header http.Header
	}{
		{"ErrNoSignature", http.Header{"X-Slack-Request-Timestamp": {ts}}},
		{"ErrBadSignature", http.Header{"X-Slack-Request-Timestamp": {ts},
			"X-Slack-Signature": {NewVerifier("wrong secret").Sign(ts, []byte(body))}}},
		{"ErrStaleTimestamp", http.Header{"X-Slack-Request-Timestamp": {stale},
			"X-Slack-Signature": {NewVerifier(testSecret).Sign(stale, []byte(body))}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := &dispatcher{}
			h := newHarness(t, d, nil)
			for _, path := range []string{"/slack/commands", "/slack/interactions", "/slack/events"} {
				if got, _ := h.postWith(path, "application/x-www-form-urlencoded", body, tt.header); got != http.StatusUnauthorized {
					t.Errorf("%s: got %d, want 401", path, got)
				}
			}
			if err := h.bot.Shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := d.count(); n != 0 {
				t.Errorf("dispatcher ran %d times for unsigned requests", n)
			}
			if calls := h.fake.Calls(""); len(calls) != 0 {
				t.Errorf("Slack was called %d times for unsigned requests", len(calls))
			}
		})
	}
}

func TestHTTPBodyTooLarge(t *testing.T) {
	d := &dispatcher{}
	h := newHarness(t, d, nil)
	h.bot.MaxBodyBytes = 1024
	if got, _ := h.post("/slack/commands", "application/x-www-form-urlencoded", "text="+strings.Repeat("a", 2048)); got != http.StatusRequestEntityTooLarge {
		t.Fatalf("got %d, want 413", got)
	}
}

func TestCommand(t *testing.T) {
	t.Run("AckBeforeWork", func(t *testing.T) {
		release := make(chan struct{})
		started := make(chan *chat.Request, 1)
		d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
			started <- req
			<-release
			return &chat.Response{Text: "Καταχωρίστηκε 42/2026", Ephemeral: true}
		}}
		h := newHarness(t, d, nil)
		h.fake.AddUser(slackfake.User{ID: "U1", Name: "maria", Locale: "en-US"})
		status, responseURL := h.command("/corr", "list")
		if status != http.StatusOK {
			t.Fatalf("got %d, want 200", status)
		}
		// The acknowledgement came back while the handler is still blocked.
		var req *chat.Request
		select {
		case req = <-started:
		case <-time.After(wait):
			t.Fatal("the handler never ran")
		}
		if n := len(h.fake.Calls(slackfake.MethodResponseURL)); n != 0 {
			t.Fatalf("%d replies before the handler finished", n)
		}
		close(release)
		c := h.waitCalls(slackfake.MethodResponseURL, 1)[0]
		if u, _ := url.Parse(responseURL); c.Path != u.Path {
			t.Errorf("posted to %s, want %s", c.Path, responseURL)
		}
		if got, want := c.Param("text"), "Καταχωρίστηκε 42/2026"; got != want {
			t.Errorf("text: got %q, want %q", got, want)
		}
		if got := c.Param("response_type"); got != "ephemeral" {
			t.Errorf("response_type: got %q, want ephemeral", got)
		}
		want := chat.Request{ID: req.ID, Team: "T1", User: "U1", Channel: "C1", Lang: i18n.English, Command: "/corr", Text: "list", Replier: req.Replier}
		if *req != want || req.ID == "" || req.Replier == nil {
			t.Errorf("got request %+v, want %+v", *req, want)
		}
	})
	t.Run("EscapedText", func(t *testing.T) {
		got := make(chan string, 1)
		d := &dispatcher{onCommand: func(_ context.Context, req *chat.Request) *chat.Response {
			got <- req.Text
			return &chat.Response{Text: "ok"}
		}}
		h := newHarness(t, d, nil)
		h.command("/call", `owner CERV-1 <@U012ABCDEF|maria> link:<https://ec.europa.eu|ec.europa.eu> notes:"Q&amp;A"`)
		select {
		case text := <-got:
			if want := `owner CERV-1 <@U012ABCDEF|maria> link:https://ec.europa.eu notes:"Q&A"`; text != want {
				t.Errorf("handler got %q, want %q", text, want)
			}
		case <-time.After(wait):
			t.Fatal("the handler never ran")
		}
	})
	t.Run("InChannel", func(t *testing.T) {
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "Εβδομαδιαία σύνοψη", Blocks: []chat.Block{chat.Header{Text: "Σύνοψη"}}}
		}}
		h := newHarness(t, d, nil)
		h.command("/digest", "")
		c := h.waitCalls(slackfake.MethodResponseURL, 1)[0]
		if got := c.Param("response_type"); got != "in_channel" {
			t.Errorf("response_type: got %q, want in_channel", got)
		}
		if texts := blockTexts(t, c.Param("blocks")); !slices.Contains(texts, "Σύνοψη") {
			t.Errorf("blocks lack the header: %q", texts)
		}
	})
	t.Run("Lang", func(t *testing.T) {
		d := &dispatcher{}
		h := newHarness(t, d, nil)
		h.fake.AddUser(slackfake.User{ID: "U1", Name: "jean", Locale: "fr-FR"})
		h.command("/corr", "a")
		h.waitCalls(slackfake.MethodResponseURL, 1)
		h.command("/corr", "b")
		h.waitCalls(slackfake.MethodResponseURL, 2)
		for _, req := range d.requests {
			if req.Lang != i18n.Greek {
				t.Errorf("French locale: got %s, want the default (el)", req.Lang)
			}
		}
		if n := len(h.fake.Calls("users.info")); n != 1 {
			t.Errorf("users.info called %d times for one user, want 1 (cached)", n)
		}
	})
	t.Run("Modal", func(t *testing.T) {
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "form", Modal: &chat.Modal{CallbackID: "corr.new", Title: "Νέα καταχώριση",
				Inputs: []chat.Input{{ID: "subject", Label: "Θέμα"}}}}
		}}
		h := newHarness(t, d, nil)
		h.command("/corr", "new")
		c := h.waitCalls("views.open", 1)[0]
		if got := c.Param("trigger_id"); got != "trigger-1" {
			t.Errorf("trigger_id: got %q", got)
		}
		var view struct {
			CallbackID      string `json:"callback_id"`
			PrivateMetadata string `json:"private_metadata"`
		}
		jsonField(t, c, "view", &view)
		if view.CallbackID != "corr.new" || decodeMetadata(view.PrivateMetadata).Channel != "C1" {
			t.Errorf("got view %+v", view)
		}
	})
	t.Run("ModalTriggerExpired", func(t *testing.T) {
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "form", Modal: &chat.Modal{Title: "Νέα", Inputs: []chat.Input{{ID: "s", Label: "S"}}}}
		}}
		h := newHarness(t, d, nil)
		h.fake.Fail("views.open", 1, "expired_trigger_id")
		h.command("/corr", "new")
		c := h.waitCalls(slackfake.MethodResponseURL, 1)[0]
		if got, want := c.Param("text"), i18n.T(i18n.Greek, "bot.modal.failed"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("Files", func(t *testing.T) {
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "Εξαγωγή έτοιμη", Ephemeral: true,
				Files: []chat.Upload{{Name: "corr-2026.csv", Title: "Αλληλογραφία 2026", Content: []byte("42;Visit\n")}}}
		}}
		h := newHarness(t, d, nil)
		h.command("/corr", "export")
		done := h.waitCalls("files.completeUploadExternal", 1)[0]
		up := h.fake.Calls(slackfake.MethodUpload)
		if len(up) != 1 || string(up[0].Body) != "42;Visit\n" || up[0].Param("filename") != "corr-2026.csv" {
			t.Fatalf("got uploads %+v", up)
		}
		if got := done.Param("channel_id"); got != "DU1" {
			t.Errorf("channel_id: got %q, want the user's DM: an ephemeral answer's files are private", got)
		}
		var files []map[string]string
		jsonField(t, done, "files", &files)
		if len(files) != 1 || files[0]["id"] != up[0].Param("file_id") || files[0]["title"] != "Αλληλογραφία 2026" {
			t.Errorf("got files %v", files)
		}
	})
	t.Run("NotInChannel", func(t *testing.T) {
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "csv", Files: []chat.Upload{{Name: "a.csv", Content: []byte("a")}}}
		}}
		h := newHarness(t, d, nil)
		h.fake.Fail("files.completeUploadExternal", 1, "not_in_channel")
		h.command("/corr", "export")
		calls := h.waitCalls(slackfake.MethodResponseURL, 2)
		if got, want := calls[1].Param("text"), i18n.T(i18n.Greek, "bot.not_in_channel"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("InThread", func(t *testing.T) {
		var blocks []chat.Block
		for range 60 {
			blocks = append(blocks, chat.Section{Text: "παράγραφος"})
		}
		d := &dispatcher{onCommand: func(context.Context, *chat.Request) *chat.Response {
			return &chat.Response{Text: "Μετάφραση", InThread: true, Blocks: blocks}
		}}
		h := newHarness(t, d, nil)
		h.command("/translate", "en long text")
		calls := h.waitCalls("chat.postMessage", 3)
		if calls[0].Param("thread_ts") != "" || calls[0].Param("text") != "Μετάφραση" {
			t.Errorf("parent: got %+v", calls[0].Params)
		}
		var replies int
		for _, c := range calls[1:] {
			if c.Param("thread_ts") == "" {
				t.Errorf("reply without thread_ts")
			}
			var b []any
			jsonField(t, c, "blocks", &b)
			replies += len(b)
		}
		if replies != 60 {
			t.Errorf("thread carries %d blocks, want all 60", replies)
		}
	})
}

func TestPanic(t *testing.T) {
	d := &dispatcher{onCommand: func(ctx context.Context, req *chat.Request) *chat.Response {
		if req.Text == "boom" {
			panic("handler bug")
		}
		return &chat.Response{Text: "fine", Ephemeral: true}
	}}
	h := newHarness(t, d, nil)
	h.command("/corr", "boom")
	apology := h.waitCalls(slackfake.MethodResponseURL, 1)[0]
	d.mu.Lock()
	id := d.requests[0].ID
	d.mu.Unlock()
	if got, want := apology.Param("text"), i18n.T(i18n.Greek, "error.panic", id); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if apology.Param("response_type") != "ephemeral" {
		t.Error("the apology should be ephemeral")
	}
	if !strings.Contains(h.logs.String(), "request_id="+id) || !strings.Contains(h.logs.String(), "handler bug") {
		t.Error("the panic was not logged with its request id")
	}
	// The bot keeps serving.
	if status, _ := h.command("/corr", "again"); status != http.StatusOK {
		t.Fatalf("after a panic: got %d, want 200", status)
	}
	if got := h.waitCalls(slackfake.MethodResponseURL, 2)[1].Param("text"); got != "fine" {
		t.Errorf("got %q, want fine", got)
	}
}

func TestInteraction(t *testing.T) {
	t.Run("BlockActionReplace", func(t *testing.T) {
		d := &dispatcher{onAction: func(ctx context.Context, act *chat.Action) *chat.Response {
			return &chat.Response{Text: "Ολοκληρώθηκε", Replace: true}
		}}
		h := newHarness(t, d, nil)
		responseURL := h.fake.ResponseURL()
		status, _ := h.interact(map[string]any{
			"type": "block_actions", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
			"channel": map[string]any{"id": "C1"}, "response_url": responseURL, "trigger_id": "t",
			"container": map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "C1"},
			"actions":   []any{map[string]any{"type": "button", "action_id": "reminder.done", "block_id": "b", "value": "r-7"}},
		})
		if status != http.StatusOK {
			t.Fatalf("got %d", status)
		}
		c := h.waitCalls(slackfake.MethodResponseURL, 1)[0]
		if c.Param("replace_original") != "true" || c.Param("text") != "Ολοκληρώθηκε" {
			t.Errorf("got %s", c.JSON)
		}
		if act := d.actions[0]; act.ActionID != "reminder.done" || act.Value != "r-7" || act.Channel != "C1" {
			t.Errorf("got action %+v", act)
		}
	})
	t.Run("MessageShortcut", func(t *testing.T) {
		d := &dispatcher{onAction: func(ctx context.Context, act *chat.Action) *chat.Response {
			return &chat.Response{Text: "draft", Ephemeral: true}
		}}
		h := newHarness(t, d, nil)
		h.interact(map[string]any{
			"type": "message_action", "callback_id": "translate", "team": map[string]any{"id": "T1"},
			"user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": "C1"},
			"response_url": h.fake.ResponseURL(), "trigger_id": "t",
			"message": map[string]any{"ts": "1.2", "text": "Dear colleagues"},
		})
		h.waitCalls(slackfake.MethodResponseURL, 1)
		if act := d.actions[0]; act.ActionID != "translate" || act.Value != "Dear colleagues" {
			t.Errorf("got action %+v", act)
		}
	})
	submission := func(meta string) map[string]any {
		return map[string]any{
			"type": "view_submission", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
			"view": map[string]any{"callback_id": "corr.new", "private_metadata": meta, "state": map[string]any{
				"values": map[string]any{"subject": map[string]any{"subject": map[string]any{"type": "plain_text_input", "value": ""}}}}},
		}
	}
	t.Run("ViewSubmissionErrors", func(t *testing.T) {
		d := &dispatcher{onSubmission: func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			return nil, chat.FieldErrors{"subject": "Το θέμα είναι υποχρεωτικό."}
		}}
		h := newHarness(t, d, nil)
		status, body := h.interact(submission(`{"c":"C1","m":"x"}`))
		if status != http.StatusOK {
			t.Fatalf("got %d", status)
		}
		var got struct {
			ResponseAction string            `json:"response_action"`
			Errors         map[string]string `json:"errors"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("body %q: %v", body, err)
		}
		if got.ResponseAction != "errors" || got.Errors["subject"] != "Το θέμα είναι υποχρεωτικό." {
			t.Errorf("got %+v", got)
		}
		if sub := d.submissions[0]; sub.Channel != "C1" || sub.Metadata != "x" || sub.CallbackID != "corr.new" {
			t.Errorf("got submission %+v", sub)
		}
	})
	t.Run("ViewSubmissionOK", func(t *testing.T) {
		d := &dispatcher{}
		h := newHarness(t, d, nil)
		status, body := h.interact(submission(`{"c":"C9"}`))
		if status != http.StatusOK || body != "" {
			t.Fatalf("got %d %q, want an empty 200 that closes the modal", status, body)
		}
		c := h.waitCalls("chat.postMessage", 1)[0]
		if c.Param("channel") != "C9" || c.Param("text") != "saved" {
			t.Errorf("got %v", c.Params)
		}
	})
	t.Run("ViewSubmissionDM", func(t *testing.T) {
		d := &dispatcher{}
		h := newHarness(t, d, nil)
		h.interact(submission(""))
		if c := h.waitCalls("chat.postMessage", 1)[0]; c.Param("channel") != "U1" {
			t.Errorf("got channel %q, want the user's DM", c.Param("channel"))
		}
	})
	t.Run("ViewSubmissionSlow", func(t *testing.T) {
		release := make(chan struct{})
		d := &dispatcher{onSubmission: func(ctx context.Context, sub *chat.Submission) (*chat.Response, chat.FieldErrors) {
			<-release
			return &chat.Response{Text: "late but saved"}, nil
		}}
		h := newHarness(t, d, nil)
		h.bot.SubmissionTimeout = 50 * time.Millisecond
		status, body := h.interact(submission(`{"c":"C1"}`))
		if status != http.StatusOK || body != "" {
			t.Fatalf("got %d %q, want an empty 200 within the budget", status, body)
		}
		close(release)
		if c := h.waitCalls("chat.postMessage", 1)[0]; c.Param("text") != "late but saved" {
			t.Errorf("got %q", c.Param("text"))
		}
	})
}

func TestEvents(t *testing.T) {
	t.Run("Challenge", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		status, body := h.post("/slack/events", "application/json", `{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`)
		if status != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
			t.Fatalf("got %d %q", status, body)
		}
	})
	t.Run("DedupeRetries", func(t *testing.T) {
		ev := &eventHandler{}
		h := newHarness(t, &dispatcher{}, ev)
		mention := map[string]any{"type": "app_mention", "user": "U1", "text": "<@UBOT> help", "ts": "1.1", "channel": "C1"}
		for i := range 3 {
			var hdr http.Header
			if i > 0 {
				hdr = http.Header{"X-Slack-Retry-Num": {strconv.Itoa(i)}, "X-Slack-Retry-Reason": {"http_timeout"}}
			}
			if status, _ := h.event("Ev1", mention, hdr); status != http.StatusOK {
				t.Fatalf("delivery %d: got %d", i, status)
			}
		}
		h.event("Ev2", mention, nil)
		calls := h.waitCalls("chat.postMessage", 2)
		if err := h.bot.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := ev.mentions(); n != 2 {
			t.Errorf("2 events in 4 deliveries: handled %d", n)
		}
		if len(h.fake.Calls("chat.postMessage")) != 2 || calls[0].Param("thread_ts") != "1.1" {
			t.Errorf("want two replies in the mention's thread, got %+v", calls)
		}
	})
	t.Run("HomeOpened", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, &eventHandler{})
		h.event("Ev3", map[string]any{"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}, nil)
		c := h.waitCalls("views.publish", 1)[0]
		var view struct {
			Type string `json:"type"`
		}
		jsonField(t, c, "view", &view)
		if c.Param("user_id") != "U1" || view.Type != "home" {
			t.Errorf("got %s", c.JSON)
		}
	})
	t.Run("Files", func(t *testing.T) {
		ev := &eventHandler{}
		h := newHarness(t, &dispatcher{}, ev)
		h.event("Ev4", map[string]any{"type": "message", "subtype": "file_share", "user": "U1", "channel": "C1", "ts": "2.2",
			"files": []any{map[string]any{"id": "F1", "name": "letter.docx", "url_private_download": "https://files.slack.com/F1"}}}, nil)
		h.waitCalls("chat.postMessage", 1)
		ev.mu.Lock()
		defer ev.mu.Unlock()
		if len(ev.files) != 1 || ev.files[0].ID != "F1" || ev.files[0].Name != "letter.docx" {
			t.Errorf("got files %+v", ev.files)
		}
	})
	t.Run("NoHandler", func(t *testing.T) {
		h := newHarness(t, &dispatcher{}, nil)
		if status, _ := h.event("Ev5", map[string]any{"type": "app_mention", "user": "U1", "channel": "C1"}, nil); status != http.StatusOK {
			t.Fatalf("got %d", status)
		}
	})
}

// eventHandler is a fake EventHandler.
type eventHandler struct {
	mu      sync.Mutex
	mention int
	files   []File
}

func (e *eventHandler) mentions() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mention
}

func (e *eventHandler) HandleMention(ctx context.Context, ev *Event) *chat.Response {
	e.mu.Lock()
	e.mention++
	e.mu.Unlock()
	return &chat.Response{Text: "Γεια", InThread: true}
}

func (e *eventHandler) HandleHomeOpened(ctx context.Context, ev *Event) *chat.Response {
	return &chat.Response{Text: "home", Blocks: []chat.Block{chat.Header{Text: "Proxenos"}}}
}

func (e *eventHandler) HandleFiles(ctx context.Context, ev *Event) *chat.Response {
	e.mu.Lock()
	e.files = append(e.files, ev.Files...)
	e.mu.Unlock()
	return &chat.Response{Text: "Λήφθηκε"}
}
