package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/i18n"
)

// fakeEngine is a ir.ReminderEngine that remembers what was asked of it.
type fakeEngine struct {
	days    int
	done    []string
	snoozed map[string]time.Time
	gone    bool
	oneOff  bool // the item ends with its completion: found before, gone after
}

func (f *fakeEngine) Digest(_ context.Context, lang i18n.Lang) (*chat.Response, error) {
	return &chat.Response{Text: "digest " + string(lang)}, nil
}

func (f *fakeEngine) Upcoming(_ context.Context, _ i18n.Lang, days int) (*chat.Response, error) {
	f.days = days
	return &chat.Response{Text: "upcoming"}, nil
}

func (f *fakeEngine) FindReminder(_ context.Context, key string) (*proxenos.Reminder, error) {
	if f.gone || f.oneOff && len(f.done) > 0 {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "reminder.item_gone")
	}
	kind, id, sub, occ, _ := proxenos.ParseItemKey(key)
	return &proxenos.Reminder{Kind: kind, ItemID: id, Sub: sub, Occurrence: occ, Title: "<!channel> report", Owner: "U0OWNER"}, nil
}

func (f *fakeEngine) CompleteReminder(_ context.Context, key string) error {
	f.done = append(f.done, key)
	return nil
}

func (f *fakeEngine) SnoozeReminder(_ context.Context, key string, until time.Time) error {
	if f.snoozed == nil {
		f.snoozed = map[string]time.Time{}
	}
	f.snoozed[key] = until
	return nil
}

func newReminderHandler(e ir.ReminderEngine) *office {
	h := newOffice(nil, nil)
	h.Reminders = e
	h.Now = func() time.Time { return time.Date(2026, 11, 26, 9, 0, 0, 0, h.Zone(context.Background())) }
	return h
}

func TestIRReminders(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		wantDays   int
		wantText   string
	}{
		{"OK", "reminders", ir.DefaultUpcomingDays, "upcoming"},
		{"Days", "reminders 30", 30, "upcoming"},
		{"Greek", "υπενθυμίσεις 7", 7, "upcoming"},
		{"ErrDays", "reminders soon", 0, "from 1 to 366"},
		{"Digest", "digest", 0, "digest en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &fakeEngine{}
			resp := newReminderHandler(e).HandleCommand(context.Background(),
				&chat.Request{Team: "T1", User: "U1", Lang: i18n.English, Command: "/ir", Text: tt.text})
			if !strings.Contains(resp.Text, tt.wantText) || e.days != tt.wantDays {
				t.Fatalf("got %q with %d days, want %q with %d", resp.Text, e.days, tt.wantText, tt.wantDays)
			}
		})
	}
	t.Run("ErrNotSetUp", func(t *testing.T) {
		resp := newOffice(nil, nil).HandleCommand(context.Background(),
			&chat.Request{Team: "T1", User: "U1", Lang: i18n.English, Command: "/ir", Text: "digest"})
		if got, want := resp.Text, i18n.T(i18n.English, "reminder.unavailable"); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}

func TestReminderActions(t *testing.T) {
	key := proxenos.ItemKey(proxenos.ReminderObligation, "o1", "a1", time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))
	act := func(h *office, id string) *chat.Response {
		return h.HandleAction(context.Background(), &chat.Action{Team: "T1", User: "U0STAFF", Lang: i18n.English, ActionID: id, Value: key})
	}
	t.Run("Done", func(t *testing.T) {
		e := &fakeEngine{}
		resp := act(newReminderHandler(e), reminder.ActionDone)
		if len(e.done) != 1 || e.done[0] != key || !resp.Replace || !strings.Contains(blocksText(resp), "Marked done by <@U0STAFF>") {
			t.Fatalf("done %v, answer %+v", e.done, resp)
		}
		if strings.Contains(blocksText(resp), "<!channel>") {
			t.Fatal("the title is not escaped")
		}
	})
	// A one-off obligation is gone once done: the message, replaced in
	// place, keeps its title instead of showing the item's id.
	t.Run("DoneOneOffKeepsTitle", func(t *testing.T) {
		e := &fakeEngine{oneOff: true}
		resp := act(newReminderHandler(e), reminder.ActionDone)
		text := blocksText(resp)
		if len(e.done) != 1 || !resp.Replace || !strings.Contains(text, "&lt;!channel&gt; report") || strings.Contains(text, "o1") {
			t.Fatalf("done %v, answer %q: want the title kept", e.done, text)
		}
	})
	t.Run("SnoozeDay", func(t *testing.T) {
		e := &fakeEngine{}
		resp := act(newReminderHandler(e), reminder.ActionSnoozeDay)
		if got, want := e.snoozed[key], time.Date(2026, 11, 27, 9, 0, 0, 0, newReminderHandler(e).Zone(context.Background())); !got.Equal(want) || !resp.Replace {
			t.Fatalf("snoozed until %v, want %v", got, want)
		}
	})
	t.Run("OpenIsEphemeral", func(t *testing.T) {
		resp := act(newReminderHandler(&fakeEngine{}), reminder.ActionOpen)
		if !resp.Ephemeral || resp.Replace {
			t.Fatalf("answer %+v, want ephemeral", resp)
		}
	})
	t.Run("ErrItemGone", func(t *testing.T) {
		resp := act(newReminderHandler(&fakeEngine{gone: true}), reminder.ActionSnoozeWeek)
		if got, want := resp.Text, i18n.T(i18n.English, "reminder.item_gone"); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}

// blocksText joins the text of sections and context lines.
func blocksText(resp *chat.Response) string {
	var parts []string
	for _, b := range resp.Blocks {
		switch b := b.(type) {
		case chat.Section:
			parts = append(parts, b.Text)
		case chat.Context:
			parts = append(parts, b.Elements...)
		}
	}
	return strings.Join(parts, "\n")
}
