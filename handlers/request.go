package handlers

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
	Command string // "/corr"
	Text    string // everything after the command
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
}

// HandlerFunc answers a command.
type HandlerFunc func(ctx context.Context, req *Request) (*Response, error)

// SubmitFunc answers a modal submission. A FieldErrors error is shown on
// the modal's fields; the modal stays open.
type SubmitFunc func(ctx context.Context, sub *Submission) (*Response, error)

// ActionFunc answers a button press.
type ActionFunc func(ctx context.Context, act *Action) (*Response, error)

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
