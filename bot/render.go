package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Block Kit limits (see Slack's reference). Texts past a limit are cut with
// "…"; lists past a limit are cut, and messages say how much was left out.
const (
	maxMessageBlocks   = 50
	maxViewBlocks      = 100
	maxMessageText     = 40000
	maxMessageChars    = 12000 // of block text in one message; Slack refuses ~13k
	maxSectionText     = 3000
	maxFields          = 10
	maxFieldText       = 2000
	maxHeaderText      = 150
	maxContextElements = 10
	maxContextText     = 2000
	maxButtons         = 25
	maxButtonText      = 75
	maxButtonValue     = 2000
	maxID              = 255
	maxModalTitle      = 24
	maxMetadata        = 3000
	maxOptions         = 100
	maxOptionText      = 75
	maxOptionValue     = 150
	maxLabel           = 2000
	maxPlaceholder     = 150
)

// renderBlocks turns the neutral blocks into Block Kit, at most limit of
// them; past the limit the last block is a context line saying how many
// were left out.
func renderBlocks(lang i18n.Lang, blocks []chat.Block, limit int) []slack.Block {
	out := make([]slack.Block, 0, len(blocks))
	for _, b := range blocks {
		if r := renderBlock(b); r != nil {
			out = append(out, r)
		}
	}
	// Cut after rendering, so that empty blocks, which are dropped, do not
	// count against the limit.
	if len(out) <= limit {
		return out
	}
	left := len(out) - (limit - 1)
	out = append(out[:limit-1], slack.NewContextBlock("", mrkdwn(i18n.T(lang, "bot.truncated", left))))
	return out
}

// renderBlock renders one block, or returns nil for one with nothing to show.
func renderBlock(b chat.Block) slack.Block {
	switch b := b.(type) {
	case chat.Header:
		if b.Text == "" {
			return nil
		}
		return slack.NewHeaderBlock(plain(truncate(b.Text, maxHeaderText)))
	case chat.Section:
		var text *slack.TextBlockObject
		if b.Text != "" {
			text = mrkdwn(truncate(b.Text, maxSectionText))
		}
		var fields []*slack.TextBlockObject
		for _, f := range b.Fields[:min(len(b.Fields), maxFields)] {
			if f != "" {
				fields = append(fields, mrkdwn(truncate(f, maxFieldText)))
			}
		}
		if text == nil && len(fields) == 0 {
			return nil
		}
		return slack.NewSectionBlock(text, fields, nil)
	case chat.Context:
		var els []slack.MixedElement
		for _, e := range b.Elements[:min(len(b.Elements), maxContextElements)] {
			if e != "" {
				els = append(els, mrkdwn(truncate(e, maxContextText)))
			}
		}
		if len(els) == 0 {
			return nil
		}
		return slack.NewContextBlock("", els...)
	case chat.Divider:
		return slack.NewDividerBlock()
	case chat.Actions:
		var els []slack.BlockElement
		for _, btn := range b.Buttons[:min(len(b.Buttons), maxButtons)] {
			e := slack.NewButtonBlockElement(truncate(btn.ActionID, maxID), truncate(btn.Value, maxButtonValue),
				plain(truncate(btn.Text, maxButtonText)))
			e.URL = btn.URL
			if btn.Style == "primary" || btn.Style == "danger" {
				e.Style = slack.Style(btn.Style)
			}
			els = append(els, e)
		}
		if len(els) == 0 {
			return nil
		}
		return slack.NewActionBlock(truncate(b.ID, maxID), els...)
	}
	return nil
}

// chunkBlocks splits blocks into runs of at most n blocks and about
// maxMessageChars characters of text, since Slack refuses long messages
// (msg_blocks_too_long) well before their block limit.
func chunkBlocks(blocks []chat.Block, n int) [][]chat.Block {
	var out [][]chat.Block
	for len(blocks) > 0 {
		k, chars := 0, 0
		for k < min(n, len(blocks)) {
			size := blockChars(blocks[k])
			if k > 0 && chars+size > maxMessageChars {
				break
			}
			chars += size
			k++
		}
		out = append(out, blocks[:k])
		blocks = blocks[k:]
	}
	return out
}

// blockChars counts the characters of text a block shows.
func blockChars(b chat.Block) int {
	n := 0
	switch b := b.(type) {
	case chat.Header:
		n = utf8.RuneCountInString(b.Text)
	case chat.Section:
		n = utf8.RuneCountInString(b.Text)
		for _, f := range b.Fields {
			n += utf8.RuneCountInString(f)
		}
	case chat.Context:
		for _, e := range b.Elements {
			n += utf8.RuneCountInString(e)
		}
	}
	return n
}

// viewMetadata is the private_metadata bot gives the modals it opens: the
// channel the modal came from, and the handler's own metadata.
type viewMetadata struct {
	Channel  string `json:"c,omitempty"`
	Metadata string `json:"m,omitempty"`
}

// decodeMetadata reads private_metadata written by renderModal. Metadata
// written by anything else is returned whole, with no channel.
func decodeMetadata(s string) viewMetadata {
	var m viewMetadata
	if s == "" || json.Unmarshal([]byte(s), &m) != nil {
		return viewMetadata{Metadata: s}
	}
	return m
}

// renderModal turns a neutral modal into a Block Kit view. Limits that
// would lose a routing id or state are errors, not cuts.
func renderModal(lang i18n.Lang, m *chat.Modal, channel string) (slack.ModalViewRequest, error) {
	var v slack.ModalViewRequest
	switch {
	case m.Title == "":
		return v, errors.New("bot: modal has no title")
	case len(m.CallbackID) > maxID:
		return v, fmt.Errorf("bot: modal callback id is longer than %d", maxID)
	case len(m.Inputs) > maxViewBlocks:
		return v, fmt.Errorf("bot: modal has %d inputs, more than %d", len(m.Inputs), maxViewBlocks)
	}
	meta, err := json.Marshal(viewMetadata{Channel: channel, Metadata: m.Metadata})
	if err != nil {
		return v, err
	}
	if utf8.RuneCount(meta) > maxMetadata {
		return v, fmt.Errorf("bot: modal metadata is longer than %d", maxMetadata)
	}
	submit, closeText := m.Submit, m.Close
	if submit == "" {
		submit = i18n.T(lang, "bot.modal.submit")
	}
	if closeText == "" {
		closeText = i18n.T(lang, "bot.modal.close")
	}
	v = slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain(truncate(m.Title, maxModalTitle)),
		Submit:          plain(truncate(submit, maxModalTitle)),
		Close:           plain(truncate(closeText, maxModalTitle)),
		CallbackID:      m.CallbackID,
		PrivateMetadata: string(meta),
	}
	if b := renderBlock(chat.Context{Elements: m.Notes}); b != nil {
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, b)
	}
	for _, in := range m.Inputs {
		b, err := renderInput(lang, in)
		if err != nil {
			return slack.ModalViewRequest{}, err
		}
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, b)
	}
	return v, nil
}

// renderInput turns a modal field into an input block whose block_id and
// action_id are both the input's id.
func renderInput(lang i18n.Lang, in chat.Input) (*slack.InputBlock, error) {
	if in.ID == "" || len(in.ID) > maxID {
		return nil, fmt.Errorf("bot: input id %q must have 1 to %d characters", in.ID, maxID)
	}
	if in.Label == "" {
		return nil, fmt.Errorf("bot: input %q has no label", in.ID)
	}
	var ph *slack.TextBlockObject
	if in.Placeholder != "" {
		ph = plain(truncate(in.Placeholder, maxPlaceholder))
	}
	var el slack.BlockElement
	switch in.Kind {
	case chat.TextInput, chat.LongTextInput:
		e := slack.NewPlainTextInputBlockElement(ph, in.ID)
		e.InitialValue = in.Initial
		e.Multiline = in.Kind == chat.LongTextInput
		el = e
	case chat.DateInput:
		e := slack.NewDatePickerBlockElement(in.ID)
		e.Placeholder = ph
		if _, err := time.Parse(time.DateOnly, in.Initial); err == nil {
			e.InitialDate = in.Initial
		}
		el = e
	case chat.SelectInput:
		if len(in.Options) == 0 {
			return nil, fmt.Errorf("bot: select %q has no options", in.ID)
		}
		if ph == nil {
			ph = plain(i18n.T(lang, "bot.select.placeholder"))
		}
		var opts []*slack.OptionBlockObject
		var initial *slack.OptionBlockObject
		for _, o := range in.Options[:min(len(in.Options), maxOptions)] {
			ob := slack.NewOptionBlockObject(truncate(o.Value, maxOptionValue), plain(truncate(o.Label, maxOptionText)), nil)
			opts = append(opts, ob)
			if in.Initial != "" && o.Value == in.Initial {
				initial = ob
			}
		}
		e := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, ph, in.ID, opts...)
		e.InitialOption = initial
		el = e
	case chat.UserInput:
		e := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, ph, in.ID)
		e.InitialUser = in.Initial
		el = e
	case chat.ChannelInput:
		e := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, ph, in.ID)
		e.InitialConversation = in.Initial
		e.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true}
		el = e
	case chat.UsersInput:
		e := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, ph, in.ID)
		e.InitialUsers = commaList(in.Initial)
		el = e
	default:
		return nil, fmt.Errorf("bot: input %q has unknown kind %d", in.ID, in.Kind)
	}
	var hint *slack.TextBlockObject
	if in.Hint != "" {
		hint = plain(truncate(in.Hint, maxLabel))
	}
	b := slack.NewInputBlock(in.ID, plain(truncate(in.Label, maxLabel)), hint, el)
	b.Optional = in.Optional
	return b, nil
}

// submissionValues reads a submitted view's values by input id.
func submissionValues(state *slack.ViewState) map[string]string {
	values := map[string]string{}
	if state == nil {
		return values
	}
	for blockID, actions := range state.Values {
		a, ok := actions[blockID]
		if !ok {
			for _, x := range actions {
				a = x
				break
			}
		}
		values[blockID] = actionValue(a)
	}
	return values
}

// renderHome turns a response into a Home tab view.
func renderHome(lang i18n.Lang, resp *chat.Response) slack.HomeTabViewRequest {
	return slack.HomeTabViewRequest{
		Type:   slack.VTHomeTab,
		Blocks: slack.Blocks{BlockSet: renderBlocks(lang, resp.Blocks, maxViewBlocks)},
	}
}

// plain returns a plain_text object; modal titles, labels and buttons need one.
func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// mrkdwn returns a mrkdwn object. Handlers have escaped the text already,
// so verbatim stays off and bot adds nothing of the user's.
func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// truncate cuts s to at most n characters, ending in "…". It does not cut
// through an HTML entity ("&amp;") or a Slack reference ("<@U123>"), which
// would show as raw text.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	cut := string(runes[:n-1])
	if i := strings.LastIndexByte(cut, '&'); i >= 0 && i > strings.LastIndexByte(cut, ';') && len(cut)-i <= 8 {
		cut = cut[:i]
	}
	if i := strings.LastIndexByte(cut, '<'); i >= 0 && i > strings.LastIndexByte(cut, '>') {
		cut = cut[:i]
	}
	return cut + "…"
}
