package translation

import (
	"context"
	"encoding/json"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
	"github.com/proxenos/proxenos/translate"
)

// Action ids of the translation. ActionTranslateMessage is the callback id
// of the message shortcut "Translate (draft)".
const (
	ActionTranslateMessage = "translate_message"
	ActionTranslateAgain   = "translate_again" // Value: the source, as JSON
	ActionTranslateLog     = "translate_log"   // Value: subject, language and summary, as JSON
)

// DefaultProgressInterval is the least time between two progress updates
// of a long translation's first reply.
const DefaultProgressInterval = 2 * time.Second

// Sizes that decide where a draft goes. A draft up to InlineChars is a
// message (ephemeral for a short /translate); up to threadChars, messages
// in a thread; longer, or a document past InlineChars, a file. Slack
// refuses long markdown well before its 40,000-character limit (about
// 13k, msg_blocks_too_long), hence threadChars.
const (
	InlineChars  = 2500
	threadChars  = 12000
	sectionChars = 2900 // of escaped text per section; Slack allows 3000
	buttonChars  = 1900 // of a button's value; Slack allows 2000
	summaryLines = 5    // of the draft, in the correspondence summary
)

// Translator drafts translations; *translate.Translator is one.
type Translator interface {
	Translate(ctx context.Context, req translate.Request, progress func(done, total int)) (*translate.Result, error)
}

// DocumentReader returns the text of a shared file, as translate.Extract
// does, where a hostile file cannot harm the server. *translate.Sandbox
// implements it.
type DocumentReader interface {
	Extract(ctx context.Context, name string, data []byte) (*translate.Document, error)
}

// translateCommand is /translate [to:xx] [from:xx] text.
func (h *Handler) translateCommand() *handlers.Command {
	return &handlers.Command{
		Name:        "/translate",
		Usage:       "translate.help.usage",
		Description: "translate.help.description",
		Examples:    []string{"translate.help.example"},
		Handler:     h.translateText,
	}
}

// translateText answers /translate: a short draft to the user alone, a
// long one in a thread of the channel.
func (h *Handler) translateText(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	if stop, err := h.unavailable(ctx, lang); stop != nil || err != nil {
		return stop, err
	}
	opts, err := parseTranslateOptions(req.Text, false)
	if err != nil {
		return nil, err
	}
	text := chat.Plain(opts.Rest)
	if strings.TrimSpace(text) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.required.text")
	}
	return h.draft(ctx, &draftJob{
		src:  Source{Text: text, From: opts.From, To: opts.To},
		text: text, lang: lang, user: req.User, replier: req.Replier,
		ephemeral: utf8.RuneCountInString(text) <= InlineChars,
	})
}

// translateOptions are the options before the text: to: and from:.
type translateOptions struct {
	From, To string
	Rest     string // the text after the options, as given
}

// parseTranslateOptions reads leading to:xx and from:xx (also προς:,
// σε:, από:) and leaves the rest of text as it is, line breaks included.
// Loose, as in a mention, also reads "to en" without the colon.
func parseTranslateOptions(text string, loose bool) (translateOptions, error) {
	var o translateOptions
	rest := strings.TrimSpace(text)
	for rest != "" {
		word, after := handlers.CutWord(rest)
		key, val, colon := strings.Cut(word, ":")
		if colon && val == "" { // "to: en"
			val, after = handlers.CutWord(after)
		}
		// Without a colon only a mention reads "to en"; the word after must
		// look like a language, so that "to the point" stays text.
		if !colon {
			if !loose {
				break
			}
			val, after = handlers.CutWord(after)
			if _, ok := iso.Language(val); !ok {
				break
			}
		}
		var dst *string
		var field proxenos.Field
		switch proxenos.SearchKey(key) {
		case "to", "προσ", "σε": // SearchKey folds ς to σ
			dst, field = &o.To, "target_lang"
		case "from", "απο":
			dst, field = &o.From, "source_lang"
		}
		// The first word that is not an option starts the text.
		if dst == nil || val == "" {
			break
		}
		if *dst != "" {
			return o, proxenos.Errorf(proxenos.EINVALID, "input.duplicate_field", field)
		}
		code, err := handlers.ParseLanguage(string(field), val)
		if err != nil {
			return o, err
		}
		*dst = code
		rest = strings.TrimSpace(after)
	}
	o.Rest = rest
	return o, nil
}

// notConfigured says how to configure the model.
func notConfigured(lang i18n.Lang) *chat.Response {
	return &chat.Response{Text: i18n.T(lang, "translate.not_configured"), Ephemeral: true}
}

// unavailable returns what to answer instead of a translation, nil
// when one may be drafted: how to configure the model when there is
// none, and that the workspace turned it off (/ir setup) when it did.
func (h *Handler) unavailable(ctx context.Context, lang i18n.Lang) (*chat.Response, error) {
	if h.Translator == nil {
		return notConfigured(lang), nil
	}
	off, _, err := h.k.Model(ctx)
	if err != nil || !off {
		return nil, err
	}
	return &chat.Response{Text: i18n.T(lang, "model.off"), Ephemeral: true}, nil
}

// Source is what was translated, kept in the "Translate again" button:
// text given directly, or a message whose files (or else text) are
// translated.
type Source struct {
	Text    string `json:"x,omitempty"`
	Channel string `json:"c,omitempty"`
	TS      string `json:"t,omitempty"`
	From    string `json:"f,omitempty"`
	To      string `json:"o,omitempty"`
}

// draftJob is one translation to draft and answer.
type draftJob struct {
	src       Source
	text      string              // the plain text, when not a document
	doc       *translate.Document // the document, when a file
	lang      i18n.Lang
	user      string
	replier   chat.Replier
	ephemeral bool // a short answer goes to the user alone
}

// draft translates j and builds the answer: the draft header, failed
// parts, the buttons, and the draft as sections or as a file. With a
// Replier, a first reply shows progress and becomes the header.
func (h *Handler) draft(ctx context.Context, j *draftJob) (*chat.Response, error) {
	text := j.text
	if j.doc != nil {
		text = j.doc.Markdown() // headings survive as "#" lines
	}
	names, err := h.namesInText(ctx, text)
	if err != nil {
		return nil, err
	}
	_, budget, err := h.k.Model(ctx) // the workspace's own, in distribution mode
	if err != nil {
		return nil, err
	}
	// Answers in a thread start with a reply that shows progress; an
	// ephemeral answer cannot be updated, and a short one needs none.
	var p *progress
	if !j.ephemeral && j.replier != nil {
		working := i18n.T(j.lang, "translate.working")
		if j.doc != nil {
			working = i18n.T(j.lang, "translate.working_file", chat.Escape(j.doc.Name))
		}
		id, err := j.replier.Reply(ctx, &chat.Response{Text: working, InThread: true})
		if err != nil {
			// The answer can still come at the end; only progress is lost.
			h.k.Log().WarnContext(ctx, "translate: first reply failed", "error", err)
		} else {
			p = newProgress(ctx, j.replier, id, j.lang, h.progressInterval())
		}
	}
	// p may be nil (no progress to show): its methods then do nothing.
	res, err := h.Translator.Translate(ctx, translate.Request{
		Text: text, From: j.src.From, To: j.src.To, Names: names, User: j.user, Lang: j.lang, MonthlyTokens: budget,
	}, p.report)
	p.stop()
	if err != nil {
		if p != nil {
			_ = p.finish(ctx, &chat.Response{Text: i18n.T(j.lang, "translate.stopped")})
		}
		return nil, err
	}
	// Without progress, one answer carries it all; with it, the reply
	// becomes the header and the draft follows in its thread.
	head, body, files, err := answer(j, res)
	if err != nil {
		return nil, err
	}
	if p == nil {
		resp := &chat.Response{Text: head.Text, Blocks: append(head.Blocks, body...), Files: files, InThread: !j.ephemeral, Ephemeral: j.ephemeral}
		if j.ephemeral {
			resp.Text = head.Text + "\n\n" + chat.Escape(res.Text)
		}
		return resp, nil
	}
	if err := p.finish(ctx, head); err != nil {
		// Without the header message, the header goes with the draft.
		h.k.Log().WarnContext(ctx, "translate: final update failed", "error", err)
		body = append(head.Blocks, body...)
	}
	return &chat.Response{Text: head.Text, Blocks: body, Files: files, InThread: true}, nil
}

// answer builds the header message (header, failed parts, buttons) and the
// draft: sections, or a file with a note when too long for messages.
func answer(j *draftJob, res *translate.Result) (head *chat.Response, body []chat.Block, files []chat.Upload, err error) {
	plainHeader := i18n.T(j.lang, "translate.draft_header", langLabel(j.lang, res.From), langLabel(j.lang, res.To), res.Model)
	header := chat.Escape(plainHeader)
	head = &chat.Response{Text: header, Blocks: []chat.Block{chat.Context{Elements: []string{"*" + header + "*"}}}}
	if n := len(res.FailedParts); n > 0 {
		nums := make([]string, n)
		for i, part := range res.FailedParts {
			nums[i] = i18n.FormatInt(j.lang, int64(part))
		}
		note := "⚠ " + i18n.T(j.lang, "translate.failed_parts", n, strings.Join(nums, ", "))
		head.Blocks = append(head.Blocks, chat.Section{Text: note})
		head.Text += "\n" + note
	}
	head.Blocks = append(head.Blocks, draftButtons(j, res))

	chars := utf8.RuneCountInString(res.Text)
	if chars > threadChars || (j.doc != nil && chars > InlineChars) {
		f, err := draftFile(j, res, plainHeader)
		if err != nil {
			return nil, nil, nil, err
		}
		note := i18n.T(j.lang, "translate.attached", chat.Escape(f.Name))
		return head, []chat.Block{chat.Context{Elements: []string{note}}}, []chat.Upload{f}, nil
	}
	for _, s := range sections(res.Text, sectionChars) {
		body = append(body, chat.Section{Text: s})
	}
	return head, body, nil, nil
}

// draftFile writes a long draft as a file named after the source and the
// target language, with the draft header as its first paragraph: a .docx
// for a Word, OpenDocument or PDF source, else Markdown.
func draftFile(j *draftJob, res *translate.Result, header string) (chat.Upload, error) {
	base, ext := "translation", ".md"
	if j.doc != nil {
		ext = strings.ToLower(path.Ext(j.doc.Name))
		base = strings.TrimSuffix(j.doc.Name, path.Ext(j.doc.Name))
	}
	name := base + "." + res.To
	// A PDF cannot be written back: Word is the nearest form staff can edit.
	if ext == ".docx" || ext == ".odt" || ext == ".pdf" {
		doc := translate.ParseMarkdown(name+".docx", res.Text)
		doc.Blocks = append([]translate.Block{{Text: header}}, doc.Blocks...)
		data, err := translate.WriteDOCX(doc)
		if err != nil {
			return chat.Upload{}, err
		}
		return chat.Upload{Name: doc.Name, Title: i18n.T(j.lang, "translate.file_title", doc.Name), Content: data}, nil
	}
	name += ".md"
	return chat.Upload{Name: name, Title: i18n.T(j.lang, "translate.file_title", name), Content: []byte(header + "\n\n" + res.Text)}, nil
}

// draftButtons offers "Translate again" (when the source fits in the
// button) and "Log as correspondence".
func draftButtons(j *draftJob, res *translate.Result) chat.Actions {
	row := chat.Actions{ID: "translate_draft"}
	src := j.src
	if src.From == "" {
		// The detected source is pinned: translating again asks no detection
		// and cannot come back in another source language.
		src.From = res.From
	}
	if v, err := jsonValue(src); err == nil && utf8.RuneCountInString(v) <= buttonChars {
		row.Buttons = append(row.Buttons, chat.Button{Text: i18n.T(j.lang, "translate.button.again"), ActionID: ActionTranslateAgain, Value: v})
	}
	row.Buttons = append(row.Buttons, chat.Button{Text: i18n.T(j.lang, "translate.button.log"), ActionID: ActionTranslateLog,
		Value: logValue(j.src, res), Style: "primary"})
	return row
}

// corrDraft is what "Log as correspondence" prefills.
type corrDraft struct {
	Subject string `json:"s"`
	Lang    string `json:"l,omitempty"`
	Summary string `json:"m,omitempty"`
	// The original message, when the draft is of one: logging reads it
	// as the message shortcut does.
	Channel string `json:"c,omitempty"`
	TS      string `json:"t,omitempty"`
}

// logValue returns the button value of "Log as correspondence": the
// original message of src, the draft's first line as the subject, its
// first lines as the summary, and the source language, within the
// button's limit.
func logValue(src Source, res *translate.Result) string {
	var lines []string
	for _, line := range strings.Split(res.Text, "\n") {
		if line = strings.TrimSpace(strings.TrimLeft(line, "#")); line != "" {
			lines = append(lines, line)
		}
	}
	d := corrDraft{Lang: res.From, Channel: src.Channel, TS: src.TS}
	if len(lines) > 0 {
		d.Subject = CutRunes(lines[0], proxenos.MaxSubjectLen/2)
		d.Summary = strings.Join(lines[:min(len(lines), summaryLines)], "\n")
	}
	v, _ := jsonValue(d)
	// Shorten the summary until the value fits; Greek takes one rune per
	// letter, and JSON keeps it as is.
	for utf8.RuneCountInString(v) > buttonChars && d.Summary != "" {
		d.Summary = CutRunes(d.Summary, utf8.RuneCountInString(d.Summary)*3/4)
		v, _ = jsonValue(d)
	}
	return v
}

// jsonValue encodes v for a button, without HTML escapes.
func jsonValue(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	// Escaped, each < > & would cost six of the button's characters.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

// CutRunes returns s cut to at most n runes, ending in "…" when cut.
func CutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:max(n-1, 0)]) + "…"
}

// langLabel names a language code in lang: "γερμανικά (de)".
func langLabel(lang i18n.Lang, code string) string {
	if code == "" {
		return i18n.T(lang, "translate.lang_unknown")
	}
	if name := iso.LanguageName(lang, code); name != code {
		return name + " (" + code + ")"
	}
	return code
}

// sections splits text into mrkdwn sections of at most max escaped
// characters, at paragraph breaks where it can, at line breaks or
// anywhere where it must. Every piece is escaped, so that the model's
// output can never ping or link.
func sections(text string, max int) []string {
	var out []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
		curLen = 0
	}
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		for _, piece := range cutEscaped(para, max) {
			n := utf8.RuneCountInString(piece)
			if curLen > 0 && curLen+2+n > max {
				flush()
			}
			if curLen > 0 {
				cur.WriteString("\n\n")
				curLen += 2
			}
			cur.WriteString(piece)
			curLen += n
		}
	}
	flush()
	return out
}

// cutEscaped escapes s and cuts it into pieces of at most max runes,
// never through an entity such as &amp;.
func cutEscaped(s string, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	for _, r := range s {
		e := chat.Escape(string(r))
		k := utf8.RuneCountInString(e)
		if n+k > max {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
		cur.WriteString(e)
		n += k
	}
	return append(out, cur.String())
}
