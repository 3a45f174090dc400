package translation

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
	"github.com/proxenos/proxenos/translate"
)

// errNoConversations means a file or message was to be read, and the
// Handler was not given Conversations.
var errNoConversations = errors.New("handlers: Conversations is not set")

// leadingMentions matches the mentions a message starts with: "<@U123> ".
var leadingMentions = regexp.MustCompile(`^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>)+`)

// mention translates what a mention asks for.
func (h *Handler) mention(ctx context.Context, ev *chat.Event) (*chat.Response, error) {
	lang := handlers.LangOf(ev.Lang)
	if stop, err := h.unavailable(ctx, lang); stop != nil || err != nil {
		return stop, err
	}
	// The text starts with the bot's own <@U…>; the options follow it.
	opts, err := parseTranslateOptions(leadingMentions.ReplaceAllString(ev.Text, ""), true)
	if err != nil {
		return nil, err
	}
	j := &draftJob{src: Source{From: opts.From, To: opts.To}, lang: lang, user: ev.User, replier: ev.Replier}
	switch {
	case len(ev.Files) > 0:
		j.src.Channel, j.src.TS = ev.Channel, ev.TS
		if j.doc, err = h.readFiles(ctx, ev.Files); err != nil {
			return nil, err
		}
	case strings.TrimSpace(opts.Rest) != "":
		j.text = chat.Plain(opts.Rest)
		j.src.Text = j.text
	case ev.ThreadTS != "" && ev.ThreadTS != ev.TS:
		// A mention in a thread translates the thread's first message.
		j.src.Channel, j.src.TS = ev.Channel, ev.ThreadTS
		if err := h.readMessage(ctx, j); err != nil {
			return nil, err
		}
	default:
		usage := "`" + i18n.T(lang, "translate.help.usage") + "`"
		return &chat.Response{Text: i18n.T(lang, "translate.mention_help", translate.SupportedTypes, usage), Ephemeral: true}, nil
	}
	return h.draft(ctx, j)
}

// translateAction answers the message shortcut and the draft's buttons.
func (h *Handler) translateAction(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	lang := handlers.LangOf(act.Lang)
	if act.ActionID == ActionTranslateLog {
		return h.logDraft(ctx, act)
	}
	if stop, err := h.unavailable(ctx, lang); stop != nil || err != nil {
		return stop, err
	}
	j := &draftJob{lang: lang, user: act.User, replier: act.Replier}
	switch act.ActionID {
	case ActionTranslateMessage:
		j.src = Source{Channel: act.Channel, TS: act.MessageTS}
		if len(act.Files) > 0 {
			doc, err := h.readFiles(ctx, act.Files)
			if err != nil {
				return nil, err
			}
			j.doc = doc
		} else {
			j.text = chat.Plain(act.Value)
		}
	case ActionTranslateAgain:
		if err := json.Unmarshal([]byte(act.Value), &j.src); err != nil {
			return nil, proxenos.Errorf(proxenos.EINVALID, "translate.source_gone")
		}
		switch {
		case j.src.TS != "":
			if err := h.readMessage(ctx, j); err != nil {
				return nil, err
			}
		case j.src.Text != "":
			j.text = j.src.Text
			j.ephemeral = utf8.RuneCountInString(j.text) <= InlineChars
		default:
			return nil, proxenos.Errorf(proxenos.EINVALID, "translate.source_gone")
		}
	}
	if j.doc == nil && strings.TrimSpace(j.text) == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.required.text")
	}
	return h.draft(ctx, j)
}

// logDraft opens the correspondence form prefilled from a draft: for a
// draft of a message, from the original as the message shortcut "Log as
// correspondence" reads it, linked to the draft; else an incoming entry
// with the draft's first line as subject, its first lines as summary,
// and the source language.
func (h *Handler) logDraft(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	var d corrDraft
	if err := json.Unmarshal([]byte(act.Value), &d); err != nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "help.unknown_form")
	}
	o := corr.Origin{DraftChannel: act.Channel, DraftTS: act.MessageTS, Summary: CutRunes(d.Summary, proxenos.MaxSummaryLen),
		Defaults: letter.Fields{Direction: proxenos.Incoming, Subject: CutRunes(d.Subject, proxenos.MaxSubjectLen), Language: d.Lang}}
	if d.TS != "" && h.Conversations != nil {
		msg, err := h.Conversations.FindMessage(ctx, d.Channel, d.TS)
		if err != nil && proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			return nil, err
		}
		if msg != nil {
			o.Channel, o.TS, o.Text, o.Files = d.Channel, d.TS, msg.Text, msg.Files
		}
	}
	return h.Correspondence.LogFrom(ctx, act, o)
}

// readMessage loads the message j.src names: its files, or else its text.
func (h *Handler) readMessage(ctx context.Context, j *draftJob) error {
	if h.Conversations == nil {
		return errNoConversations
	}
	msg, err := h.Conversations.FindMessage(ctx, j.src.Channel, j.src.TS)
	if err != nil {
		return err
	}
	if len(msg.Files) > 0 {
		j.doc, err = h.readFiles(ctx, msg.Files)
		return err
	}
	j.text = chat.Plain(msg.Text)
	if strings.TrimSpace(j.text) == "" {
		return proxenos.Errorf(proxenos.EINVALID, "translate.required.text")
	}
	return nil
}

// extractable lists the extensions translate.Extract reads.
var extractable = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true, ".docx": true, ".odt": true, ".pdf": true,
	letter.EmailType: true}

// readFiles downloads the first file of a type translate.Extract reads
// and returns its text. EINVALID, naming the supported types, when none is.
func (h *Handler) readFiles(ctx context.Context, files []chat.File) (*translate.Document, error) {
	files = handlers.CleanFiles(files)
	var f *chat.File
	for i := range files {
		if e := files[i].Email; e != nil {
			return translate.ParseMarkdown(files[i].Name, emailText(e.Subject, e.Text)), nil
		}
		if extractable[strings.ToLower(path.Ext(files[i].Name))] {
			f = &files[i]
			break
		}
	}
	if f == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.extract.unsupported", files[0].Name, translate.SupportedTypes+", "+letter.EmailType)
	}
	if h.Conversations == nil {
		return nil, errNoConversations
	}
	data, err := handlers.Download(ctx, h.Conversations, *f, translate.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(path.Ext(f.Name), letter.EmailType) {
		l, err := letter.Reader{Documents: h.Documents}.Read(ctx, f.Name, data)
		if err != nil {
			return nil, err
		}
		return translate.ParseMarkdown(f.Name, emailText(l.Subject, letterText(l))), nil
	}
	if h.Documents == nil {
		return translate.Extract(f.Name, data)
	}
	return h.Documents.Extract(ctx, f.Name, data)
}

// emailText is the text of an e-mail to translate: its subject, then its body.
func emailText(subject, body string) string {
	if subject == "" {
		return body
	}
	return "# " + subject + "\n\n" + body
}

// letterText is an e-mail's body followed by the text of its readable
// attachments, each under its name.
func letterText(l *letter.Letter) string {
	text := l.Text
	for _, a := range l.Attachments {
		if a.Text != "" {
			text += "\n\n## " + a.Name + "\n\n" + a.Text
		}
	}
	return text
}

// maxPartnersScanned bounds the directory read for names in a text.
const maxPartnersScanned = 2000

// namesInText returns the names (name, original name, aliases) of the
// partners in the directory whose words all occur in text, to be kept as
// written.
func (h *Handler) namesInText(ctx context.Context, text string) ([]string, error) {
	if h.Partners == nil {
		return nil, nil
	}
	words := map[string]bool{}
	for _, w := range proxenos.SearchWords(text) {
		words[w] = true
	}
	in := func(name string) bool {
		ws := proxenos.SearchWords(name)
		for _, w := range ws {
			if !words[w] {
				return false
			}
		}
		return len(ws) > 0
	}
	var names []string
	for offset := 0; offset < maxPartnersScanned; offset += proxenos.MaxListLimit {
		ps, total, err := h.Partners.FindPartners(ctx, proxenos.PartnerFilter{Offset: offset, Limit: proxenos.MaxListLimit})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			for _, n := range p.Names() {
				if in(n) {
					names = append(names, n)
				}
			}
		}
		if len(ps) == 0 || offset+len(ps) >= total {
			break
		}
	}
	return names, nil
}

// Conversations reads what users shared: a message and the content of
// its files. *bot.Bot implements it.
type Conversations interface {
	// FindMessage returns the message ts in channel. ENOTFOUND when it is
	// gone.
	FindMessage(ctx context.Context, channel, ts string) (*chat.Message, error)
	// Download writes the content of a shared file (File.URL) to w.
	Download(ctx context.Context, url string, w io.Writer) error
}
