package fakellm_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/translate/fakellm"
	"github.com/sashabaranov/go-openai"
)

func client(s *fakellm.Server, key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = s.URL
	return openai.NewClientWithConfig(cfg)
}

func ask(text string) openai.ChatCompletionRequest {
	return openai.ChatCompletionRequest{Model: "fake-model", Messages: []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: "Translate."},
		{Role: openai.ChatMessageRoleUser, Content: fakellm.OpenTag + "\n" + text + "\n" + fakellm.CloseTag},
	}}
}

func TestServer(t *testing.T) {
	s := fakellm.New(fakellm.Options{APIKey: "k1", Models: []string{"m1", "m2"}, Language: "de"})
	defer s.Close()
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		resp, err := client(s, "k1").CreateChatCompletion(ctx, ask("Καλημέρα ⟦1⟧"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := resp.Choices[0].Message.Content, "ΚΑΛΗΜΈΡΑ ⟦1⟧"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if resp.Usage.TotalTokens == 0 {
			t.Error("no usage reported")
		}
		last := s.Requests()[len(s.Requests())-1]
		if last.Document != "Καλημέρα ⟦1⟧" || last.Path != "/v1/chat/completions" || last.Header.Get("Authorization") != "" {
			t.Errorf("recorded %+v", last)
		}
	})

	t.Run("Detect", func(t *testing.T) {
		req := ask("Guten Tag")
		req.Messages[0].Content = "Reply with the ISO 639-1 code."
		resp, err := client(s, "k1").CreateChatCompletion(ctx, req)
		if err != nil || resp.Choices[0].Message.Content != "de" {
			t.Fatalf("got %v, %v", resp.Choices, err)
		}
	})

	t.Run("Models", func(t *testing.T) {
		list, err := client(s, "k1").ListModels(ctx)
		if err != nil || len(list.Models) != 2 || list.Models[1].ID != "m2" {
			t.Fatalf("got %+v, %v", list, err)
		}
	})

	t.Run("ErrUnauthorized", func(t *testing.T) {
		_, err := client(s, "wrong").CreateChatCompletion(ctx, ask("x"))
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusUnauthorized {
			t.Fatalf("err = %v, want 401", err)
		}
	})

	t.Run("Faults", func(t *testing.T) {
		s.Fail(fakellm.Fault{Status: 429, RetryAfter: "3"}, fakellm.Fault{Status: 500})
		s.FailOn("poison", fakellm.Fault{Status: 503})
		for _, tt := range []struct {
			text       string
			status     int
			retryAfter string
		}{{"a", 429, "3"}, {"b", 500, ""}, {"c", 200, ""}, {"a poison pill", 503, ""}} {
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/chat/completions",
				strings.NewReader(`{"model":"m1","messages":[{"role":"user","content":"<document>`+tt.text+`</document>"}]}`))
			req.Header.Set("Authorization", "Bearer k1")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || resp.Header.Get("Retry-After") != tt.retryAfter {
				t.Errorf("%q: status %d, Retry-After %q; want %d, %q", tt.text, resp.StatusCode, resp.Header.Get("Retry-After"), tt.status, tt.retryAfter)
			}
		}
	})

	t.Run("Stream", func(t *testing.T) {
		req := ask("one two three")
		req.Stream = true
		stream, err := client(s, "k1").CreateChatCompletionStream(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		defer stream.Close()
		var got strings.Builder
		chunks := 0
		for {
			resp, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatal(err)
			}
			chunks++
			got.WriteString(resp.Choices[0].Delta.Content)
		}
		if got.String() != "ONE TWO THREE" || chunks != 3 {
			t.Errorf("got %q in %d chunks", got.String(), chunks)
		}
	})
}

func TestServerExtract(t *testing.T) {
	var gotDoc string
	s := fakellm.New(fakellm.Options{Extract: func(_ openai.ChatCompletionRequest, doc string) string {
		gotDoc = doc
		return `{"language":"de"}`
	}})
	defer s.Close()
	req := ask("Sehr geehrte Damen und Herren")
	// The instructions mention ISO 639-1, as a detection's do: the schema decides.
	req.Messages[0].Content = "Reply with the fields; language as an ISO 639-1 code."
	req.ResponseFormat = &openai.ChatCompletionResponseFormat{
		Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
		JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
			Name: "letter_fields", Strict: true, Schema: json.RawMessage(`{"type":"object"}`)},
	}
	resp, err := client(s, "").CreateChatCompletion(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.Content; got != `{"language":"de"}` || gotDoc != "Sehr geehrte Damen und Herren" {
		t.Errorf("answer %q for document %q", got, gotDoc)
	}
	rf := s.Requests()[0].Body.ResponseFormat
	if rf == nil || rf.JSONSchema == nil || rf.JSONSchema.Name != "letter_fields" || !rf.JSONSchema.Strict {
		t.Fatalf("recorded response format %+v", rf)
	}
	if b, _ := json.Marshal(rf.JSONSchema.Schema); string(b) != `{"type":"object"}` {
		t.Errorf("recorded schema %s", b)
	}

	t.Run("Default", func(t *testing.T) {
		s := fakellm.New(fakellm.Options{})
		defer s.Close()
		resp, err := client(s, "").CreateChatCompletion(context.Background(), req)
		if err != nil || resp.Choices[0].Message.Content != "{}" {
			t.Fatalf("got %v, %v", resp.Choices, err)
		}
	})
}
