package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// HTTPHandler serves Slack's HTTP requests:
//
//	POST /slack/commands      slash commands
//	POST /slack/interactions  buttons, modal submissions, shortcuts
//	POST /slack/events        the Events API
//
// Every request must carry a valid signature (else 401, and nothing runs)
// and a body of at most MaxBodyBytes (else 413). A command or interaction
// sent again with the same signature within the signature window is a
// replay: 401, and nothing runs (see signedID). Requests are acknowledged
// at once; the work runs after the response has been written.
func (b *Bot) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/commands", b.signed(b.serveCommand))
	mux.HandleFunc("POST /slack/interactions", b.signed(b.serveInteraction))
	mux.HandleFunc("POST /slack/events", b.signed(b.serveEvent))
	return mux
}

// signedHandler serves a verified request; it returns the status and
// body of the acknowledgement, and the transport closes acked after
// writing them.
type signedHandler func(r *http.Request, body []byte, acked <-chan struct{}) (status int, ack any)

// signed reads the body within the size limit, checks its signature
// before any parsing, acknowledges, and only then lets the work start.
func (b *Bot) signed(h signedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, b.MaxBodyBytes))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "cannot read request", http.StatusBadRequest)
			return
		}
		if err := b.verifier.Verify(r.Header, body); err != nil {
			b.log.Warn("slack request refused", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		// Work scheduled by h waits on acked, closed once the response is
		// written and flushed: nothing runs before Slack has its 200.
		acked := make(chan struct{})
		defer close(acked)
		status, ack := b.guard(r, body, acked, h)
		writeAck(w, status, ack)
	}
}

// guard runs h, turning a panic in parsing or rendering into a 500.
func (b *Bot) guard(r *http.Request, body []byte, acked <-chan struct{}, h signedHandler) (status int, ack any) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("slack request panicked", "path", r.URL.Path, "panic", p, "stack", stack())
			status, ack = http.StatusInternalServerError, nil
		}
	}()
	return h(r, body, acked)
}

// writeAck writes an acknowledgement: empty, a string, or JSON.
func writeAck(w http.ResponseWriter, status int, ack any) {
	switch a := ack.(type) {
	case nil:
		w.WriteHeader(status)
	case string:
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, a)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(a)
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// ackStatus maps an error from scheduling work to the acknowledgement:
// its status, and a body when it refuses the request.
func ackStatus(err error) (int, any) {
	switch {
	case errors.Is(err, ErrShuttingDown):
		return http.StatusServiceUnavailable, nil
	case errors.Is(err, errReplayed):
		return http.StatusUnauthorized, "replayed request"
	case err != nil && !errors.Is(err, errNotInstalled):
		// The installations could not be read: Slack says the app failed.
		return http.StatusServiceUnavailable, nil
	}
	return http.StatusOK, nil
}

// serveCommand parses a slash command (the signed body, read again) and
// schedules it; the acknowledgement is empty.
func (b *Bot) serveCommand(r *http.Request, body []byte, acked <-chan struct{}) (int, any) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	cmd, err := slack.SlashCommandParse(r)
	if err != nil || cmd.Command == "" {
		return http.StatusBadRequest, nil
	}
	err = b.command(cmd, b.signedID(r, body), acked)
	if errors.Is(err, errNotInstalled) {
		return http.StatusOK, notInstalledText()
	}
	return ackStatus(err)
}

// serveInteraction parses the "payload" form field of an interaction.
func (b *Bot) serveInteraction(r *http.Request, body []byte, acked <-chan struct{}) (int, any) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return http.StatusBadRequest, nil
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		return http.StatusBadRequest, nil
	}
	var id string
	if cb.Type != slack.InteractionTypeViewSubmission {
		id = b.signedID(r, body)
	}
	ack, err := b.interaction(&cb, id, acked)
	if err != nil {
		return ackStatus(err)
	}
	return http.StatusOK, ack
}

// serveEvent answers the URL verification challenge, or schedules an
// event. Retries (X-Slack-Retry-Num) are dropped by event id in b.event.
func (b *Bot) serveEvent(r *http.Request, body []byte, acked <-chan struct{}) (int, any) {
	var outer struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
	}
	if err := json.Unmarshal(body, &outer); err != nil {
		return http.StatusBadRequest, nil
	}
	if outer.Type == slackevents.URLVerification {
		return http.StatusOK, outer.Challenge
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event type we do not know: acknowledge it, or Slack retries.
		b.log.Info("slack event ignored", "err", err)
		return http.StatusOK, nil
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		b.log.Info("slack event retry", "retry_num", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	return ackStatus(b.event(ev, acked))
}
