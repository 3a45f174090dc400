package handlers

import (
	"strings"

	"github.com/proxenos/proxenos/chat"
)

// User text is cleaned where it enters the handlers, before any command,
// form, button or message reads it:
//
//   - NUL bytes are removed from all of it: no one types them, and some
//     readers of an export or a log cut the text there.
//   - Bidirectional controls (embeddings, overrides and isolates,
//     U+202A–U+202E and U+2066–U+2069) are removed from every short
//     single-line field — names, senders and recipients, subjects,
//     titles, tags, references — and from file names: shown, they reorder
//     the text after them, so that a file "report\u202Efdp.exe" reads
//     "reportexe.pdf" and a subject can hide what it says. Free text of
//     several lines (summary:, notes:) keeps them, as right-to-left
//     writing may need them.

// longTextFields are the fields and form inputs that hold free text.
var longTextFields = map[string]bool{"summary": true, "notes": true}

// IsBidiControl reports whether r is a bidirectional embedding, override
// or isolate.
func IsBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// cleanText returns s without NUL bytes.
func cleanText(s string) string {
	return strings.ReplaceAll(s, "\x00", "")
}

// CleanLine returns s without NUL bytes and bidirectional controls.
func CleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0 || IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// cleanField cleans the value of a field or form input by its key: free
// text loses its NUL bytes, every other field its bidirectional controls
// too.
func cleanField(key, value string) string {
	if longTextFields[key] {
		return cleanText(value)
	}
	return CleanLine(value)
}

// cleanRequest removes NUL bytes from the command's text; ParseArgs
// cleans each field further.
func cleanRequest(req *chat.Request) {
	req.Text = cleanText(req.Text)
}

// cleanSubmission cleans every value of the form by its input.
func cleanSubmission(sub *chat.Submission) {
	values := make(map[string]string, len(sub.Values))
	for id, v := range sub.Values {
		values[id] = cleanField(id, v)
	}
	sub.Values = values
}

// cleanAction removes NUL bytes from the button's value or the
// shortcut's message; readFiles cleans file names.
func cleanAction(act *chat.Action) {
	act.Value = cleanText(act.Value)
}

// cleanEvent removes NUL bytes from the message; readFiles cleans file
// names.
func cleanEvent(ev *chat.Event) {
	ev.Text = cleanText(ev.Text)
}

// CleanFiles returns files with their names cleaned as lines.
func CleanFiles(files []chat.File) []chat.File {
	out := make([]chat.File, len(files))
	for i, f := range files {
		f.Name = CleanLine(f.Name)
		out[i] = f
	}
	return out
}
