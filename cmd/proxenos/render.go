package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/proxenos/proxenos/chat"
)

// unescape turns Slack mrkdwn into text for a terminal: links show their
// text and address, mentions their name, and &amp; &lt; &gt; their
// character.
func unescape(s string) string { return chat.Plain(s) }

// renderer writes Responses as readable text and numbers their buttons,
// from 1 for the session's first, so that the console can press any
// of them: a reminder's buttons keep their numbers after others come.
type renderer struct {
	w       io.Writer
	buttons []chat.Button // button N is buttons[N-1]

	// people names users in mentions: <@UMARIA> reads @maria.
	people *strings.Replacer
}

// unescape is the package's unescape, with mentions of known people
// shown by name.
func (r *renderer) unescape(s string) string {
	if r.people != nil {
		s = r.people.Replace(s)
	}
	return unescape(s)
}

// Render writes resp: its blocks when it has any, otherwise its text.
// Files and modals are the console's business, not the renderer's.
func (r *renderer) Render(resp *chat.Response) {
	if resp == nil {
		return
	}
	// Text is Slack's notification fallback: it repeats the blocks, so it
	// is shown only when there are none.
	if len(resp.Blocks) == 0 {
		if resp.Text != "" {
			fmt.Fprintln(r.w, r.unescape(resp.Text))
		}
		return
	}
	for _, b := range resp.Blocks {
		r.block(b)
	}
}

// block writes one block.
func (r *renderer) block(b chat.Block) {
	// Handlers may build blocks as values or pointers; both render.
	switch b := b.(type) {
	case chat.Header:
		r.header(b.Text)
	case *chat.Header:
		r.header(b.Text)
	case chat.Section:
		r.section(b)
	case *chat.Section:
		r.section(*b)
	case chat.Context:
		r.context(b)
	case *chat.Context:
		r.context(*b)
	case chat.Divider, *chat.Divider:
		fmt.Fprintln(r.w, strings.Repeat("─", 40))
	case chat.Actions:
		r.actions(b)
	case *chat.Actions:
		r.actions(*b)
	}
}

// header writes a title underlined to its width.
func (r *renderer) header(text string) {
	text = r.unescape(text)
	fmt.Fprintf(r.w, "\n%s\n%s\n", text, strings.Repeat("═", max(utf8.RuneCountInString(text), 3)))
}

// section writes a paragraph, then its fields indented.
func (r *renderer) section(s chat.Section) {
	if s.Text != "" {
		fmt.Fprintln(r.w, r.unescape(s.Text))
	}
	for _, f := range s.Fields {
		lines := strings.Split(r.unescape(f), "\n")
		for i, line := range lines {
			if i == 0 {
				fmt.Fprintln(r.w, "  • "+line)
			} else {
				fmt.Fprintln(r.w, "    "+line)
			}
		}
	}
}

// context writes small print on one indented line.
func (r *renderer) context(c chat.Context) {
	parts := make([]string, 0, len(c.Elements))
	for _, e := range c.Elements {
		parts = append(parts, r.unescape(e))
	}
	if len(parts) > 0 {
		fmt.Fprintln(r.w, "  ┊ "+strings.Join(parts, " · "))
	}
}

// actions lists buttons as "[Done] !7": typing !7 presses it. A link
// button shows its address instead.
func (r *renderer) actions(a chat.Actions) {
	for _, b := range a.Buttons {
		if b.URL != "" {
			fmt.Fprintf(r.w, "[%s] %s\n", r.unescape(b.Text), b.URL)
			continue
		}
		r.buttons = append(r.buttons, b)
		fmt.Fprintf(r.w, "[%s] !%d\n", r.unescape(b.Text), len(r.buttons))
	}
}
