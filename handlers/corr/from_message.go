package corr

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/letter"
	"github.com/proxenos/proxenos/translate"
)

// Actions of logging from a message.
const (
	// ActionLogMessage is the message shortcut «Καταχώρηση στο
	// πρωτόκολλο» / "Log as correspondence".
	ActionLogMessage = "log_message"
	// ActionLogAgain opens the form of a message when Slack's trigger ran
	// out before it could; Value: the message, as logSource JSON.
	ActionLogAgain = "corr_log_again"
)

// Reader reads what an entry is logged from: an e-mail, a letter's file or
// a message's text, and the fields the form is prefilled with.
type Reader interface {
	// ReadFile reads a shared file (.eml, .pdf, .docx, .odt, .txt).
	// EINVALID for an unreadable or unsupported one.
	ReadFile(ctx context.Context, name string, data []byte) (*letter.Letter, error)
	// Fields finds the form's fields in l: by rules, then by a language
	// model when one is configured. With an error, the fields the rules
	// found are still returned.
	Fields(ctx context.Context, l *letter.Letter) (letter.Fields, error)
	// KnowsOffice reports whether the office's mail domains or names
	// are known (the workspace's in ctx): without them every letter
	// reads as incoming.
	KnowsOffice(ctx context.Context) bool
}

// Conversations reads the messages and files an entry is logged from.
type Conversations interface {
	// FindMessage returns the message ts in channel. ENOTFOUND when gone.
	FindMessage(ctx context.Context, channel, ts string) (*chat.Message, error)
	// Download writes the content of a shared file (File.URL) to w.
	Download(ctx context.Context, url string, w io.Writer) error
	// Permalink returns the address of the message ts in channel.
	Permalink(ctx context.Context, channel, ts string) (string, error)
}

// Origin is what an entry is being logged from: a Slack message (Channel
// and TS, its Text and Files), or a file of the console, and the draft
// translation of it when logged from one.
type Origin struct {
	Channel, TS string
	Text        string
	Files       []chat.File

	// Draft is the message of the draft translation it is logged from
	// (its channel and ts), linked from the entry; Defaults are what the
	// draft gives where the original yields nothing.
	DraftChannel, DraftTS string
	Defaults              letter.Fields
	Summary               string
}

// logSource travels in the form's metadata (after logPrefix), so that the
// submitted entry keeps its sources and links.
type logSource struct {
	Sources        []string `json:"s,omitempty"`
	SourceURL      string   `json:"u,omitempty"`
	TranslationURL string   `json:"t,omitempty"`
}

// logPrefix marks the metadata of a form opened from a message; an
// edited entry's metadata is its number.
const logPrefix = "log:"

// maxLogFiles is how many of a message's files are read.
const maxLogFiles = 3

// logMessage answers the message shortcut: the form opens at once, reads
// "reading the message…", and is filled in when the message and its files
// have been read. A message logged before says so instead.
func (h *Handler) logMessage(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	return h.LogFrom(ctx, act, Origin{Channel: act.Channel, TS: act.MessageTS, Text: act.Value, Files: act.Files})
}

// logAgain answers the button offered when the form could not open.
func (h *Handler) logAgain(ctx context.Context, act *chat.Action) (*chat.Response, error) {
	var o Origin
	if err := json.Unmarshal([]byte(act.Value), &o); err != nil || o.TS == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "translate.source_gone")
	}
	if h.Conversations == nil {
		return nil, errNoConversations
	}
	msg, err := h.Conversations.FindMessage(ctx, o.Channel, o.TS)
	if err != nil {
		return nil, err
	}
	o.Text, o.Files = msg.Text, msg.Files
	return h.LogFrom(ctx, act, o)
}

// LogFrom opens the correspondence form prefilled from o, for act's user
// to check and submit; nothing is logged without that.
func (h *Handler) LogFrom(ctx context.Context, act *chat.Action, o Origin) (*chat.Response, error) {
	lang := handlers.LangOf(act.Lang)
	var src logSource
	if o.TS != "" {
		src.Sources = []string{proxenos.SlackSource(o.Channel, o.TS)}
		if old, err := h.loggedFrom(ctx, src.Sources[0]); old != nil || err != nil {
			return alreadyLogged(lang, old), err
		}
	}
	m := h.Modal(ctx, lang, nil)
	m.Notes = []string{i18n.T(lang, "corr.letter.reading")}
	var formID string
	if act.Forms != nil {
		id, err := act.Forms.OpenForm(ctx, m)
		if err != nil {
			h.k.Log().Warn("correspondence form did not open", "request", act.ID, "error", err)
			return h.openLater(lang, o), nil
		}
		formID = id
	}
	h.fill(ctx, lang, m, o, &src)
	if formID == "" {
		return &chat.Response{Text: i18n.T(lang, "corr.modal.opening"), Ephemeral: true, Modal: m}, nil
	}
	if err := act.Forms.UpdateForm(ctx, formID, m); err != nil {
		return nil, fmt.Errorf("corr: fill the form: %w", err)
	}
	return &chat.Response{}, nil
}

// withSource gives c the sources and links of the form's metadata.
func withSource(c *proxenos.Correspondence, metadata string) error {
	var src logSource
	if err := json.Unmarshal([]byte(metadata), &src); err != nil {
		return proxenos.Errorf(proxenos.EINVALID, "help.unknown_form")
	}
	c.Sources, c.SourceURL, c.TranslationURL = src.Sources, src.SourceURL, src.TranslationURL
	return nil
}

// loggedFrom returns the entry logged from source, or nil.
func (h *Handler) loggedFrom(ctx context.Context, source string) (*proxenos.Correspondence, error) {
	c, err := h.Correspondence.FindCorrespondenceBySource(ctx, source)
	if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		return nil, nil
	}
	return c, err
}

// alreadyLogged tells the user the message is in the register already.
func alreadyLogged(lang i18n.Lang, c *proxenos.Correspondence) *chat.Response {
	if c == nil {
		return nil
	}
	text := i18n.T(lang, "corr.already_logged", c.Protocol.String())
	return &chat.Response{Text: text, Ephemeral: true, Blocks: []chat.Block{
		chat.Section{Text: text},
		chat.Actions{ID: "corr_logged", Buttons: []chat.Button{
			{Text: i18n.T(lang, "corr.button.show"), ActionID: ActionCorrShow, Value: c.Protocol.String()}}},
	}}
}

// openLater offers a button that opens the form, for when Slack's trigger
// expired before the form could open.
func (h *Handler) openLater(lang i18n.Lang, o Origin) *chat.Response {
	value, _ := json.Marshal(Origin{Channel: o.Channel, TS: o.TS, DraftChannel: o.DraftChannel, DraftTS: o.DraftTS})
	text := i18n.T(lang, "corr.letter.open_later")
	return &chat.Response{Text: text, Ephemeral: true, Blocks: []chat.Block{
		chat.Section{Text: text},
		chat.Actions{ID: "corr_log_again", Buttons: []chat.Button{
			{Text: i18n.T(lang, "corr.letter.open_button"), ActionID: ActionLogAgain, Value: string(value), Style: "primary"}}},
	}}
}

// fill reads o and fills m with what was found, noting what to check; src
// gains the e-mail's Message-ID and the message's link, and goes into the
// form's metadata. Reading that fails leaves the form as it was, with a
// note saying why: the person can still type the entry.
func (h *Handler) fill(ctx context.Context, lang i18n.Lang, m *chat.Modal, o Origin, src *logSource) {
	m.Notes = nil
	l, names, err := h.readOrigin(ctx, o)
	if err != nil {
		h.k.Log().Info("letter not read", "error", err)
		m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.unread", i18n.ErrorMessage(lang, err)))
		l = letter.FromText(o.Text)
	}
	src.SourceURL = h.permalink(ctx, o.Channel, o.TS)
	src.TranslationURL = h.permalink(ctx, o.DraftChannel, o.DraftTS)
	h.fillLetter(ctx, lang, m, l, names, o.Defaults, src)
	if o.Summary != "" {
		setInitial(m, "summary", o.Summary)
	}
}

// fillLetter fills m with the fields of l (files names, and defaults where
// nothing was found), noting what to check, and puts src with the
// e-mail's Message-ID (and a forwarded e-mail's own) in the form's
// metadata.
func (h *Handler) fillLetter(ctx context.Context, lang i18n.Lang, m *chat.Modal, l *letter.Letter, names []string, defaults letter.Fields, src *logSource) {
	var f letter.Fields
	if h.Reader != nil {
		var err error
		switch f, err = h.Reader.Fields(ctx, l); {
		case errors.Is(err, letter.ErrBudgetSpent):
			m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.budget_spent"))
		case err != nil:
			h.k.Log().Warn("letter fields by the model failed", "error", err)
			m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.model_failed"))
		}
	}
	f.Attachments = append(names, f.Attachments...)
	if cut := len(names) + len(l.Attachments) - proxenos.MaxAttachments; cut > 0 {
		f.Attachments = f.Attachments[:min(len(f.Attachments), proxenos.MaxAttachments)]
		m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.attachments_cut", cut, proxenos.MaxAttachments))
	}
	// An e-mail forwarded as an attachment is also the e-mail itself,
	// which may have been logged on its own.
	for _, id := range []string{f.MessageID, f.ForwardedID} {
		if id == "" {
			continue
		}
		mail := proxenos.EmailSource(id)
		src.Sources = append(src.Sources, mail)
		if old, err := h.loggedFrom(ctx, mail); err == nil && old != nil {
			if note := i18n.T(lang, "corr.already_logged", old.Protocol.String()); !slices.Contains(m.Notes, note) {
				m.Notes = append(m.Notes, note)
			}
		}
	}
	if h.Reader != nil && !h.Reader.KnowsOffice(ctx) {
		m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.office_unknown"))
	}
	h.prefill(ctx, lang, m, l, withDefaults(f, defaults))
	meta, _ := json.Marshal(src)
	m.Metadata = logPrefix + string(meta)
}

// permalink returns the address of a message, or "" when there is none
// or Slack cannot tell it (the entry is logged without the link).
func (h *Handler) permalink(ctx context.Context, channel, ts string) string {
	if ts == "" || h.Conversations == nil {
		return ""
	}
	u, err := h.Conversations.Permalink(ctx, channel, ts)
	if err != nil {
		h.k.Log().Warn("no link to the message", "error", err)
		return ""
	}
	return u
}

// withDefaults fills the fields f lacks from d.
func withDefaults(f, d letter.Fields) letter.Fields {
	for _, v := range []struct{ dst, src *string }{
		{&f.Subject, &d.Subject}, {&f.Language, &d.Language}, {&f.Counterpart, &d.Counterpart},
	} {
		if *v.dst == "" {
			*v.dst = *v.src
		}
	}
	if f.Direction == "" {
		f.Direction = d.Direction
	}
	return f
}

// setInitial sets the initial value of m's input id.
func setInitial(m *chat.Modal, id, value string) {
	for i := range m.Inputs {
		if m.Inputs[i].ID == id {
			m.Inputs[i].Initial = value
		}
	}
}

// readOrigin reads o's first e-mail, or else its text and the text of its
// first readable file; names lists every file's name.
func (h *Handler) readOrigin(ctx context.Context, o Origin) (*letter.Letter, []string, error) {
	files := handlers.CleanFiles(o.Files)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if len(files) > maxLogFiles {
		files = files[:maxLogFiles]
	}
	// An e-mail carries its own headers: it is the letter.
	for _, f := range files {
		if f.Email != nil {
			return forwarded(f.Email), names, nil
		}
		if strings.EqualFold(path.Ext(f.Name), ".eml") {
			l, err := h.readFile(ctx, f)
			return l, names, err
		}
	}
	l := letter.FromText(chat.Plain(o.Text))
	for _, f := range files {
		doc, err := h.readFile(ctx, f)
		if proxenos.ErrorCode(err) == proxenos.EINVALID {
			continue // not a letter: an image, a spreadsheet
		}
		if err != nil {
			return nil, names, err
		}
		l.Text = strings.TrimSpace(l.Text + "\n\n" + doc.Text)
		break
	}
	return l, names, nil
}

// forwarded returns the letter of an e-mail forwarded to Slack.
func forwarded(e *chat.Email) *letter.Letter {
	l := &letter.Letter{Subject: e.Subject, MessageID: strings.Trim(e.MessageID, "<> "), Text: e.Text}
	if d, err := mail.ParseDate(e.Date); err == nil {
		l.Date = d
	}
	addresses := func(in []chat.Mailbox) []letter.Address {
		var out []letter.Address
		for _, m := range in {
			out = append(out, letter.Address{Name: m.Name, Email: m.Address})
		}
		return out
	}
	if from := addresses(e.From); len(from) > 0 {
		l.From = from[0]
	}
	l.To, l.Cc = addresses(e.To), addresses(e.Cc)
	return l
}

// readFile downloads f, at most the size the readers accept, and reads it.
func (h *Handler) readFile(ctx context.Context, f chat.File) (*letter.Letter, error) {
	if h.Reader == nil || h.Conversations == nil {
		return nil, errNoConversations
	}
	data, err := handlers.Download(ctx, h.Conversations, f, translate.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return h.Reader.ReadFile(ctx, f.Name, data)
}

// prefill writes f into m's inputs, and notes which fields a model read.
func (h *Handler) prefill(ctx context.Context, lang i18n.Lang, m *chat.Modal, l *letter.Letter, f letter.Fields) {
	counterpart, country := f.Counterpart, f.Country
	if p := h.partnerOf(ctx, f); p != nil {
		// The partner's country where the letter names none.
		counterpart, country = p.Name, cmp.Or(country, p.Country)
	}
	medium := proxenos.MediumLetter
	if l.MessageID != "" || !l.Date.IsZero() {
		medium = proxenos.MediumEmail
	}
	values := map[string]string{
		"direction": string(f.Direction), "counterpart": counterpart, "subject": handlers.Truncate(f.Subject, proxenos.MaxSubjectLen),
		"lang": f.Language, "country": country, "ref": f.Reference, "medium": string(medium),
		"attach": strings.Join(f.Attachments, ", "), "summary": summaryOf(l.Text),
	}
	if !f.Date.IsZero() {
		values["date"] = f.Date.In(h.k.Zone(ctx)).Format(time.DateOnly)
	}
	for id, v := range values {
		if v != "" {
			setInitial(m, id, v)
		}
	}
	if len(f.ByModel) > 0 {
		var labels []string
		for _, field := range f.ByModel {
			labels = append(labels, i18n.T(lang, "field."+string(field)))
		}
		m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.by_model", strings.Join(labels, ", ")))
	}
	m.Notes = append(m.Notes, i18n.T(lang, "corr.letter.check"))
}

// partnerOf returns the partner of the directory the letter is from: the
// one whose people write from the sender's e-mail domain, else the one
// its name means (a name, original name or alias; lookup.Partners.Match),
// else the one the name's first part means ("Comune di Faenza" of
// "Comune di Faenza — Ufficio Gemellaggi"); nil when none or several fit.
func (h *Handler) partnerOf(ctx context.Context, f letter.Fields) *proxenos.Partner {
	if domain := (letter.Address{Email: f.Email}).Domain(); domain != "" {
		// On gmail.com and the like the domain is everyone's: only the
		// address itself can be a partner's.
		find, key := h.Partners.ByDomain, domain
		if letter.PersonalMail(domain) {
			find, key = h.Partners.ByEmail, f.Email
		}
		if p, err := find(ctx, key); err == nil && p != nil {
			return p
		}
	}
	for _, name := range []string{f.Counterpart, bodyOf(f.Counterpart)} {
		if strings.TrimSpace(name) == "" {
			continue
		}
		found, err := h.Partners.Match(ctx, name)
		if err != nil {
			return nil
		}
		if len(found) == 1 {
			return found[0]
		}
	}
	return nil
}

// bodyOf returns the body a sender's name begins with when a unit of it
// follows, after a dash, a bar or a comma; "" when there is none.
func bodyOf(name string) string {
	head := ""
	for _, sep := range []string{" — ", " – ", " - ", " | ", ", "} {
		if i := strings.Index(name, sep); i > 0 && (head == "" || i < len(head)) {
			head = name[:i]
		}
	}
	return head
}

// unquote returns s without the quotes around it, if it is quoted: a
// path with spaces is often typed "like this", «έτσι» or, after Slack or
// a word processor, “like this”.
func unquote(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"'", "'"}, {"«", "»"}, {"“", "”"}} {
		if inner, ok := strings.CutPrefix(s, q[0]); ok && len(inner) > len(q[1]) {
			if inner, ok := strings.CutSuffix(inner, q[1]); ok {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}

// summaryOf returns the start of a letter's text for the summary field.
func summaryOf(text string) string {
	return handlers.Truncate(strings.Join(strings.Fields(text), " "), 600)
}

// errNoConversations: the transport cannot read messages (the console
// reads files itself).
var errNoConversations = proxenos.Errorf(proxenos.EUNAVAILABLE, "corr.letter.no_files")

// corrFromFile answers /corr from-file PATH in the console: the form,
// prefilled from an e-mail or letter on the server's disk. In Slack the
// message shortcut does this; there is no disk to read.
func (h *Handler) corrFromFile(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	if h.LocalFiles == nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.console_only")
	}
	name := unquote(strings.TrimSpace(req.Text))
	if name == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "corr.from_file.required")
	}
	data, err := h.LocalFiles(name)
	if err != nil {
		return nil, err
	}
	if h.Reader == nil {
		return nil, errNoConversations
	}
	l, err := h.Reader.ReadFile(ctx, path.Base(name), data)
	if err != nil {
		return nil, err
	}
	lang := handlers.LangOf(req.Lang)
	m := h.Modal(ctx, lang, nil)
	h.fillLetter(ctx, lang, m, l, []string{path.Base(name)}, letter.Fields{}, &logSource{})
	return &chat.Response{Text: i18n.T(lang, "corr.modal.opening"), Ephemeral: true, Modal: m}, nil
}
