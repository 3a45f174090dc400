package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

func TestRenderBlocks(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		got := renderBlocks(i18n.English, []chat.Block{
			chat.Header{Text: "Correspondence 42/2026"},
			chat.Section{Text: "*Subject:* Twinning visit", Fields: []string{"ΕΙΣ", "email"}},
			chat.Context{Elements: []string{"Logged by <@U1>"}},
			chat.Divider{},
			chat.Actions{ID: "corr", Buttons: []chat.Button{{Text: "Edit", ActionID: "corr.edit", Value: "42/2026", Style: "primary"}}},
		}, maxMessageBlocks)
		want := []slack.MessageBlockType{slack.MBTHeader, slack.MBTSection, slack.MBTContext, slack.MBTDivider, slack.MBTAction}
		if len(got) != len(want) {
			t.Fatalf("got %d blocks, want %d", len(got), len(want))
		}
		for i, b := range got {
			if b.BlockType() != want[i] {
				t.Errorf("block %d: got %s, want %s", i, b.BlockType(), want[i])
			}
		}
		btn := got[4].(*slack.ActionBlock).Elements.ElementSet[0].(*slack.ButtonBlockElement)
		if btn.ActionID != "corr.edit" || btn.Value != "42/2026" || btn.Style != slack.StylePrimary {
			t.Errorf("got button %+v", btn)
		}
	})
	t.Run("TooManyBlocks", func(t *testing.T) {
		var in []chat.Block
		for range 60 {
			in = append(in, chat.Section{Text: "row"})
		}
		got := renderBlocks(i18n.English, in, maxMessageBlocks)
		if len(got) != maxMessageBlocks {
			t.Fatalf("got %d blocks, want %d", len(got), maxMessageBlocks)
		}
		last, ok := got[len(got)-1].(*slack.ContextBlock)
		if !ok {
			t.Fatalf("last block is %s, want context", got[len(got)-1].BlockType())
		}
		text := last.ContextElements.Elements[0].(*slack.TextBlockObject).Text
		if want := i18n.T(i18n.English, "bot.truncated", 11); text != want {
			t.Errorf("got %q, want %q", text, want)
		}
	})
	t.Run("Limits", func(t *testing.T) {
		var buttons []chat.Button
		for range 30 {
			buttons = append(buttons, chat.Button{Text: strings.Repeat("b", 100), ActionID: "a"})
		}
		got := renderBlocks(i18n.Greek, []chat.Block{
			chat.Section{Text: strings.Repeat("α", 5000), Fields: make12Fields()},
			chat.Actions{Buttons: buttons},
		}, maxMessageBlocks)
		sec := got[0].(*slack.SectionBlock)
		if n := utf8.RuneCountInString(sec.Text.Text); n != maxSectionText {
			t.Errorf("section text has %d characters, want %d", n, maxSectionText)
		}
		if n := len(sec.Fields); n != maxFields {
			t.Errorf("section has %d fields, want %d", n, maxFields)
		}
		act := got[1].(*slack.ActionBlock)
		if n := len(act.Elements.ElementSet); n != maxButtons {
			t.Errorf("actions has %d buttons, want %d", n, maxButtons)
		}
		if n := utf8.RuneCountInString(act.Elements.ElementSet[0].(*slack.ButtonBlockElement).Text.Text); n > maxButtonText {
			t.Errorf("button text has %d characters, want ≤%d", n, maxButtonText)
		}
	})
	t.Run("EmptyBlocksDropped", func(t *testing.T) {
		got := renderBlocks(i18n.English, []chat.Block{chat.Section{}, chat.Context{}, chat.Header{}}, maxMessageBlocks)
		if len(got) != 0 {
			t.Fatalf("got %d blocks, want 0: Slack refuses empty ones", len(got))
		}
	})
}

func make12Fields() []string {
	var f []string
	for range 12 {
		f = append(f, "field")
	}
	return f
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"OK", "Maroussi", 10, "Maroussi"},
		{"Cut", "Μαρούσι Αθήνα", 8, "Μαρούσι…"},
		{"KeepsEntityWhole", "Q-Cities &amp; partners", 12, "Q-Cities …"},
		{"KeepsMentionWhole", "Ask <@U12345678> now", 10, "Ask …"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncate(tt.in, tt.n); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRenderModal(t *testing.T) {
	m := &chat.Modal{
		CallbackID: "corr.new",
		Title:      "Νέα αλληλογραφία εξερχόμενη",
		Metadata:   "42/2026",
		Inputs: []chat.Input{
			{ID: "subject", Label: "Θέμα", Kind: chat.TextInput, Initial: "Visit"},
			{ID: "summary", Label: "Περίληψη", Kind: chat.LongTextInput, Optional: true},
			{ID: "date", Label: "Ημερομηνία", Kind: chat.DateInput, Initial: "2026-11-26"},
			{ID: "dir", Label: "Κατεύθυνση", Kind: chat.SelectInput, Initial: "out",
				Options: []chat.Option{{Value: "in", Label: "ΕΙΣ"}, {Value: "out", Label: "ΕΞ"}}},
			{ID: "owner", Label: "Υπεύθυνος", Kind: chat.UserInput, Initial: "U1"},
			{ID: "channel", Label: "Κανάλι", Kind: chat.ChannelInput, Initial: "C0OFFICE"},
			{ID: "users", Label: "Χρήστες", Kind: chat.UsersInput, Initial: "U1, U2"},
		},
	}
	t.Run("OK", func(t *testing.T) {
		v, err := renderModal(i18n.Greek, m, "C1")
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(v.Title.Text); n > maxModalTitle {
			t.Errorf("title has %d characters, want ≤%d", n, maxModalTitle)
		}
		if got, want := v.Submit.Text, i18n.T(i18n.Greek, "bot.modal.submit"); got != want {
			t.Errorf("submit: got %q, want %q", got, want)
		}
		if got := decodeMetadata(v.PrivateMetadata); got != (viewMetadata{Channel: "C1", Metadata: "42/2026"}) {
			t.Errorf("metadata: got %+v", got)
		}
		raw, _ := json.Marshal(v)
		var parsed struct {
			Blocks []struct {
				BlockID  string `json:"block_id"`
				Optional bool   `json:"optional"`
				Element  struct {
					Type        string   `json:"type"`
					ActionID    string   `json:"action_id"`
					Multiline   bool     `json:"multiline"`
					InitialDate string   `json:"initial_date"`
					InitialUser string   `json:"initial_user"`
					InitialConv string   `json:"initial_conversation"`
					Users       []string `json:"initial_users"`
					InitialOpt  *struct {
						Value string `json:"value"`
					} `json:"initial_option"`
				} `json:"element"`
			} `json:"blocks"`
		}
		if err := json.Unmarshal(raw, &parsed); err != nil {
			t.Fatal(err)
		}
		wantTypes := []string{"plain_text_input", "plain_text_input", "datepicker", "static_select", "users_select",
			"conversations_select", "multi_users_select"}
		for i, b := range parsed.Blocks {
			if b.BlockID != m.Inputs[i].ID || b.Element.ActionID != m.Inputs[i].ID {
				t.Errorf("input %d: block_id %q, action_id %q, want both %q", i, b.BlockID, b.Element.ActionID, m.Inputs[i].ID)
			}
			if b.Element.Type != wantTypes[i] {
				t.Errorf("input %d: got %s, want %s", i, b.Element.Type, wantTypes[i])
			}
		}
		if !parsed.Blocks[1].Element.Multiline || !parsed.Blocks[1].Optional {
			t.Error("summary should be an optional multiline input")
		}
		if parsed.Blocks[2].Element.InitialDate != "2026-11-26" || parsed.Blocks[4].Element.InitialUser != "U1" ||
			parsed.Blocks[3].Element.InitialOpt == nil || parsed.Blocks[3].Element.InitialOpt.Value != "out" {
			t.Error("initial values were not carried to the inputs")
		}
		if parsed.Blocks[5].Element.InitialConv != "C0OFFICE" || !slices.Equal(parsed.Blocks[6].Element.Users, []string{"U1", "U2"}) {
			t.Errorf("pickers' initial values: %q and %q", parsed.Blocks[5].Element.InitialConv, parsed.Blocks[6].Element.Users)
		}
	})
	for _, tt := range []struct {
		name   string
		change func(*chat.Modal)
	}{
		{"ErrNoTitle", func(m *chat.Modal) { m.Title = "" }},
		{"ErrMetadataTooLong", func(m *chat.Modal) { m.Metadata = strings.Repeat("x", 3000) }},
		{"ErrSelectWithoutOptions", func(m *chat.Modal) {
			m.Inputs = []chat.Input{{ID: "dir", Label: "Dir", Kind: chat.SelectInput}}
		}},
		{"ErrInputWithoutID", func(m *chat.Modal) { m.Inputs = []chat.Input{{Label: "Subject"}} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := *m
			tt.change(&c)
			if _, err := renderModal(i18n.Greek, &c, "C1"); err == nil {
				t.Fatal("got nil error")
			}
		})
	}
}

func TestSubmissionValues(t *testing.T) {
	state := &slack.ViewState{Values: map[string]map[string]slack.BlockAction{
		"subject": {"subject": {Type: "plain_text_input", Value: "Visit"}},
		"date":    {"date": {Type: "datepicker", SelectedDate: "2026-12-01"}},
		"dir":     {"dir": {Type: "static_select", SelectedOption: slack.OptionBlockObject{Value: "in"}}},
		"owner":   {"owner": {Type: "users_select", SelectedUser: "U2"}},
		"channel": {"channel": {Type: "conversations_select", SelectedConversation: "C0OFFICE"}},
		"public":  {"public": {Type: "channels_select", SelectedChannel: "C0PUBLIC"}},
		"users":   {"users": {Type: "multi_users_select", SelectedUsers: []string{"U1", "U2"}}},
	}}
	got := submissionValues(state)
	want := map[string]string{"subject": "Visit", "date": "2026-12-01", "dir": "in", "owner": "U2", "channel": "C0OFFICE",
		"public": "C0PUBLIC", "users": "U1,U2"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func TestDecodeMetadata(t *testing.T) {
	if got := decodeMetadata("plain state"); got != (viewMetadata{Metadata: "plain state"}) {
		t.Fatalf("metadata from another source: got %+v", got)
	}
}
