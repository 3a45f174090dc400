package handlers

import (
	"context"
	"io"

	"github.com/proxenos/proxenos/chat"
)

// Conversations reads what users shared: a message and the content of
// its files. *bot.Bot implements it.
type Conversations interface {
	// FindMessage returns the message ts in channel. ENOTFOUND when it is
	// gone.
	FindMessage(ctx context.Context, channel, ts string) (*chat.Message, error)
	// Download writes the content of a shared file (File.URL) to w.
	Download(ctx context.Context, url string, w io.Writer) error
}

// HandlerFunc answers a command.
type HandlerFunc func(ctx context.Context, req *chat.Request) (*chat.Response, error)

// SubmitFunc answers a modal submission. A FieldErrors error is shown on
// the modal's fields; the modal stays open.
type SubmitFunc func(ctx context.Context, sub *chat.Submission) (*chat.Response, error)

// ActionFunc answers a button press.
type ActionFunc func(ctx context.Context, act *chat.Action) (*chat.Response, error)
