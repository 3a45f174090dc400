// Package fakellm is an in-process OpenAI-compatible chat server for tests:
// it answers /v1/chat/completions (plain and streamed) and /v1/models with
// a deterministic "translation", a fixed latency, scripted faults (429 with
// Retry-After, 500s) and a record of the requests it received.
//
// It speaks the conventions of packages translate and letter: the document
// is the text between <document> and </document> in the last user message;
// a request whose response format is a JSON schema asks for structured
// output (package letter's fields); otherwise a system message that
// mentions "ISO 639-1" asks for the document's language.
package fakellm

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sashabaranov/go-openai"
)

// The delimiters of the document in a user message.
const (
	OpenTag  = "<document>"
	CloseTag = "</document>"
)

// Options configure a Server. The zero value answers at once, translates
// with Upper and detects every text as English.
type Options struct {
	Latency    time.Duration // before every answer
	ChunkDelay time.Duration // between the chunks of a streamed answer
	Models     []string      // listed by /v1/models; "fake-model" when empty
	APIKey     string        // when set, requests must bear it, else 401

	// Translate answers a translation request; document is the delimited
	// text (the whole last user message when it has no delimiters).
	Translate func(req openai.ChatCompletionRequest, document string) string
	// Language answers a language detection request; "en" when "".
	Language string
	// Extract answers a request for structured output (its
	// ResponseFormat is a JSON schema, recorded in Request.Body); "{}"
	// when nil.
	Extract func(req openai.ChatCompletionRequest, document string) string
}

// Fault is a scripted failure: the answer's status, optional Retry-After
// header, and optional body (an OpenAI error object when empty).
type Fault struct {
	Status     int
	RetryAfter string
	Body       string
}

// Request is one request the server received.
type Request struct {
	Method   string
	Path     string
	Header   http.Header // the Authorization header is removed
	Body     openai.ChatCompletionRequest
	Document string // the delimited text of the last user message
	At       time.Time
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	URL string // base URL for openai.ClientConfig.BaseURL, ending in /v1

	opts Options
	srv  *httptest.Server

	mu       sync.Mutex
	faults   []Fault
	failOn   map[string]Fault
	requests []Request
	inFlight int
	maxSeen  int
}

// New starts a server; Close it when done.
func New(opts Options) *Server {
	if opts.Translate == nil {
		opts.Translate = func(_ openai.ChatCompletionRequest, doc string) string { return Upper(doc) }
	}
	if opts.Language == "" {
		opts.Language = "en"
	}
	if opts.Extract == nil {
		opts.Extract = func(openai.ChatCompletionRequest, string) string { return "{}" }
	}
	if len(opts.Models) == 0 {
		opts.Models = []string{"fake-model"}
	}
	s := &Server{opts: opts, failOn: map[string]Fault{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("GET /v1/models", s.models)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + "/v1"
	return s
}

// Close stops the server and waits for requests in flight.
func (s *Server) Close() { s.srv.Close() }

// Upper is the default translation: the text in capitals, which keeps
// numbers, punctuation and placeholders such as ⟦1⟧ and changes the rest,
// so that tests see what was translated and what was kept.
func Upper(text string) string { return strings.ToUpper(text) }

// Fail makes the next chat requests fail, one fault each, in order.
func (s *Server) Fail(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// FailOn makes every chat request whose document contains marker fail
// with f, whatever order concurrent requests arrive in.
func (s *Server) FailOn(marker string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failOn[marker] = f
}

// Requests returns the chat requests received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// MaxInFlight returns the most chat requests that were served at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxSeen
}

// models lists the configured models, as OpenAI's /v1/models does.
func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	list := openai.ModelsList{}
	for _, m := range s.opts.Models {
		list.Models = append(list.Models, openai.Model{ID: m, Object: "model", OwnedBy: "fakellm"})
	}
	writeJSON(w, http.StatusOK, list)
}

// chat answers a chat completion: it records the request, waits the
// latency, then fails as scripted or answers the translation or the
// detected language, whole or streamed.
func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	var body openai.ChatCompletionRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&body); err != nil {
		writeError(w, Fault{Status: http.StatusBadRequest, Body: err.Error()})
		return
	}
	doc := document(body)
	fault, failed := s.arrive(r, body, doc)
	defer s.leave()

	if s.opts.Latency > 0 {
		select {
		case <-time.After(s.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	if failed {
		writeError(w, fault)
		return
	}
	var answer string
	switch {
	// First: an extraction's instructions may mention ISO 639-1 too.
	case isStructured(body):
		answer = s.opts.Extract(body, doc)
	case isDetection(body):
		answer = s.opts.Language
	default:
		answer = s.opts.Translate(body, doc)
	}
	if body.Stream {
		s.stream(w, r, body, answer)
		return
	}
	writeJSON(w, http.StatusOK, openai.ChatCompletionResponse{
		ID:      fmt.Sprintf("chatcmpl-fake-%d", len(s.Requests())),
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   body.Model,
		Choices: []openai.ChatCompletionChoice{{
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: answer},
			FinishReason: openai.FinishReasonStop,
		}},
		Usage: usage(body, answer),
	})
}

// arrive records a request and picks its fault, if any.
func (s *Server) arrive(r *http.Request, body openai.ChatCompletionRequest, doc string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := r.Header.Clone()
	h.Del("Authorization")
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Header: h, Body: body, Document: doc, At: time.Now()})
	s.inFlight++
	s.maxSeen = max(s.maxSeen, s.inFlight)
	for marker, f := range s.failOn {
		if strings.Contains(doc, marker) {
			return f, true
		}
	}
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		return f, true
	}
	return Fault{}, false
}

// leave marks a request as no longer in flight.
func (s *Server) leave() {
	s.mu.Lock()
	s.inFlight--
	s.mu.Unlock()
}

// stream sends answer as server-sent events, a word per chunk.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, body openai.ChatCompletionRequest, answer string) {
	w.Header().Set("Content-Type", "text/event-stream")
	flusher, _ := w.(http.Flusher)
	send := func(chunk openai.ChatCompletionStreamResponse) {
		b, _ := json.Marshal(chunk)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	words := strings.SplitAfter(answer, " ")
	for i, word := range words {
		chunk := openai.ChatCompletionStreamResponse{ID: "chatcmpl-fake-stream", Object: "chat.completion.chunk", Model: body.Model,
			Choices: []openai.ChatCompletionStreamChoice{{Delta: openai.ChatCompletionStreamChoiceDelta{Content: word}}}}
		if i == len(words)-1 {
			chunk.Choices[0].FinishReason = openai.FinishReasonStop
		}
		send(chunk)
		if s.opts.ChunkDelay > 0 && i < len(words)-1 {
			select {
			case <-time.After(s.opts.ChunkDelay):
			case <-r.Context().Done():
				return
			}
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// authorized checks the bearer key when one is configured, answering 401
// as OpenAI does when it is wrong.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.APIKey == "" || r.Header.Get("Authorization") == "Bearer "+s.opts.APIKey {
		return true
	}
	writeError(w, Fault{Status: http.StatusUnauthorized, Body: `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`})
	return false
}

// document returns the delimited text of the last user message.
func document(body openai.ChatCompletionRequest) string {
	var last string
	for _, m := range body.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			last = m.Content
		}
	}
	i := strings.Index(last, OpenTag)
	j := strings.LastIndex(last, CloseTag)
	if i < 0 || j < i {
		return last
	}
	return strings.TrimSuffix(strings.TrimPrefix(last[i+len(OpenTag):j], "\n"), "\n")
}

// isStructured reports whether the request asks for an answer against a
// JSON schema.
func isStructured(body openai.ChatCompletionRequest) bool {
	return body.ResponseFormat != nil && body.ResponseFormat.Type == openai.ChatCompletionResponseFormatTypeJSONSchema
}

// isDetection reports whether the system message asks for a language code.
func isDetection(body openai.ChatCompletionRequest) bool {
	for _, m := range body.Messages {
		if m.Role == openai.ChatMessageRoleSystem && strings.Contains(m.Content, "ISO 639-1") {
			return true
		}
	}
	return false
}

// usage counts about four characters per token, as a stand-in.
func usage(body openai.ChatCompletionRequest, answer string) openai.Usage {
	prompt := 0
	for _, m := range body.Messages {
		prompt += utf8.RuneCountInString(m.Content)/4 + 4
	}
	completion := utf8.RuneCountInString(answer)/4 + 1
	return openai.Usage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
}

// writeError answers with a fault: OpenAI's error object unless the
// fault gives its own body.
func writeError(w http.ResponseWriter, f Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	body := f.Body
	if body == "" {
		b, _ := json.Marshal(map[string]any{"error": map[string]any{
			"message": http.StatusText(f.Status), "type": "fake_error", "code": f.Status}})
		body = string(b)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	fmt.Fprint(w, body)
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
