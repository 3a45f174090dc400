package handlers

import (
	"context"

	"github.com/proxenos/proxenos/chat"
)

// HandlerFunc answers a command.
type HandlerFunc func(ctx context.Context, req *chat.Request) (*chat.Response, error)

// SubmitFunc answers a modal submission. A FieldErrors error is shown on
// the modal's fields; the modal stays open.
type SubmitFunc func(ctx context.Context, sub *chat.Submission) (*chat.Response, error)

// ActionFunc answers a button press.
type ActionFunc func(ctx context.Context, act *chat.Action) (*chat.Response, error)
