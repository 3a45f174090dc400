package chat

import (
	"context"

	"github.com/proxenos/proxenos/i18n"
)

// Request is a slash command as the handlers see it, whatever the transport.
type Request struct {
	ID      string // request id, for logs and apologies
	Team    string // Slack workspace id
	User    string // Slack user id
	Channel string
	Lang    i18n.Lang
	Command string  // "/corr"
	Text    string  // everything after the command
	Replier Replier // answers before the handler returns; nil where the transport cannot
}

// Submission is a submitted modal: its callback id, metadata and values
// by input id.
type Submission struct {
	ID         string
	Team       string
	User       string
	Channel    string // where the modal was opened from, if known
	Lang       i18n.Lang
	CallbackID string
	Metadata   string
	Values     map[string]string
}

// Action is a pressed button.
type Action struct {
	ID       string
	Team     string
	User     string
	Channel  string
	Lang     i18n.Lang
	ActionID string
	Value    string

	// A message shortcut also carries the message it was used on: its
	// files and timestamps (Value is its text). Buttons carry the
	// timestamps of the message they are in.
	Files     []File
	MessageTS string
	ThreadTS  string
	Replier   Replier // nil where the transport cannot answer early
	Forms     Forms   // nil where the transport cannot open a form early
}

// Event is a message addressed to the bot: a mention, or files shared
// with it in a direct message. bot.Event is this type.
type Event struct {
	ID       string // request id, for logs and apologies
	Team     string
	User     string
	Channel  string
	Lang     i18n.Lang
	Text     string // the message text, as Slack sent it (mrkdwn, unescaped)
	TS       string // the message's timestamp
	ThreadTS string // the thread it belongs to, if any
	Files    []File
	Replier  Replier // nil where the transport cannot answer early
}

// File is a file shared in a message. Its content is read with
// Conversations.Download. bot.File is this type.
type File struct {
	ID       string
	Name     string
	Mimetype string
	Size     int
	URL      string // url_private_download; needs the bot token
	Email    *Email // the e-mail, when the file is one forwarded to Slack
}

// Email is an e-mail forwarded to Slack, as Slack keeps it in the file:
// its headers and its plain text.
type Email struct {
	From, To, Cc []Mailbox
	Subject      string
	Date         string // the Date header, as sent
	MessageID    string
	Text         string
}

// Mailbox is an e-mail address and its display name.
type Mailbox struct {
	Name    string
	Address string
}

// Message is a message read back from a conversation.
type Message struct {
	Text  string // mrkdwn, as Slack stores it
	Files []File
}

// Replier lets a slow handler answer before it returns, and change that
// answer as work goes on, e.g. "4/12 parts". The transport sets it on the
// Request, Action or Event; the console may print instead.
type Replier interface {
	// Reply posts resp as a message everyone in the conversation sees (in
	// the request's thread when resp.InThread) and returns its id for
	// Update. A slash command has no message: with InThread, the reply
	// starts a thread, and the handler's final InThread answer goes in it.
	Reply(ctx context.Context, resp *Response) (id string, err error)
	// Update replaces the text and blocks of the message Reply posted.
	Update(ctx context.Context, id string, resp *Response) error
}

// Forms opens a form at once and fills it in later: the form a message
// shortcut opens must be on screen within Slack's 3 s, before the message
// and its files have been read, and is updated when reading ends.
type Forms interface {
	// OpenForm opens m with the request's trigger and returns its id.
	OpenForm(ctx context.Context, m *Modal) (id string, err error)
	// UpdateForm replaces the form OpenForm opened with m.
	UpdateForm(ctx context.Context, id string, m *Modal) error
}

// FieldErrors are validation messages keyed by modal input id.
type FieldErrors map[string]string

// Error lists the fields, for logs.
func (e FieldErrors) Error() string {
	s := "invalid fields:"
	for k := range e {
		s += " " + k
	}
	return s
}
