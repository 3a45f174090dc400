package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/bot/slackfake"
	"github.com/proxenos/proxenos/chat"
)

func TestFindMessage(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	h.fake.AddFile(slackfake.File{ID: "F1", Name: "Einladung.pdf", Content: []byte("%PDF")})
	h.fake.AddMessage(slackfake.Message{Channel: "C1", TS: "100.1", User: "U2", Text: "Anbei die Einladung", Files: []string{"F1"}})
	h.fake.AddMessage(slackfake.Message{Channel: "C1", TS: "100.2", ThreadTS: "100.1", User: "U3", Text: "Danke!"})
	for _, tt := range []struct {
		name, ts, text string
		files          int
	}{
		{"Parent", "100.1", "Anbei die Einladung", 1},
		{"ReplyInThread", "100.2", "Danke!", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := h.bot.FindMessage(context.Background(), "C1", tt.ts)
			if err != nil {
				t.Fatal(err)
			}
			if m.Text != tt.text || len(m.Files) != tt.files {
				t.Errorf("got %+v, want %q with %d files", m, tt.text, tt.files)
			}
			if tt.files > 0 && (m.Files[0].Name != "Einladung.pdf" || !strings.Contains(m.Files[0].URL, "/download/F1/")) {
				t.Errorf("file = %+v", m.Files[0])
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := h.bot.FindMessage(context.Background(), "C1", "999.9")
		if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
}

func TestReplier(t *testing.T) {
	h := newHarness(t, &dispatcher{}, nil)
	t.Run("CommandStartsThread", func(t *testing.T) {
		to := &target{Channel: "C1", User: "U1"}
		r := &replier{b: h.bot, to: to}
		id, err := r.Reply(context.Background(), &chat.Response{Text: "⏳", InThread: true})
		if err != nil {
			t.Fatal(err)
		}
		if to.MessageTS != id || parentOf(to) != id {
			t.Errorf("message ts = %q, want the reply %q as the thread's parent", to.MessageTS, id)
		}
		if err := r.Update(context.Background(), id, &chat.Response{Text: "1/2"}); err != nil {
			t.Fatal(err)
		}
		if c := h.fake.Calls("chat.update"); len(c) != 1 || c[0].Param("ts") != id || c[0].Param("channel") != "C1" {
			t.Errorf("updates = %+v", c)
		}
	})
	t.Run("InExistingThread", func(t *testing.T) {
		to := &target{Channel: "C1", User: "U1", MessageTS: "5.5", ThreadTS: "5.1"}
		if _, err := (&replier{b: h.bot, to: to}).Reply(context.Background(), &chat.Response{Text: "⏳", InThread: true}); err != nil {
			t.Fatal(err)
		}
		posts := h.fake.Calls("chat.postMessage")
		if got := posts[len(posts)-1].Param("thread_ts"); got != "5.1" || to.MessageTS != "5.5" {
			t.Errorf("thread_ts = %q, message ts = %q; want the thread 5.1, unchanged", got, to.MessageTS)
		}
	})
	t.Run("ErrEphemeral", func(t *testing.T) {
		if _, err := (&replier{b: h.bot, to: &target{Channel: "C1"}}).Reply(context.Background(), &chat.Response{Ephemeral: true}); err == nil {
			t.Error("an ephemeral early reply was accepted")
		}
	})
}

func TestChunkBlocks(t *testing.T) {
	long := chat.Section{Text: strings.Repeat("α", 2900)}
	blocks := make([]chat.Block, 10)
	for i := range blocks {
		blocks[i] = long
	}
	chunks := chunkBlocks(blocks, maxMessageBlocks)
	if got, want := len(chunks), 3; got != want {
		t.Fatalf("%d messages, want %d: at most %d characters each", got, want, maxMessageChars)
	}
	for _, c := range chunks {
		n := 0
		for _, b := range c {
			n += blockChars(b)
		}
		if n > maxMessageChars {
			t.Errorf("a message of %d characters", n)
		}
	}
	if got := chunkBlocks(make([]chat.Block, 120), maxMessageBlocks); len(got) != 3 || len(got[0]) != 50 {
		t.Errorf("120 empty blocks in %d messages, want 3 of at most 50", len(got))
	}
}
