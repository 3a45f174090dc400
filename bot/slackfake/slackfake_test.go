package slackfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"go.uber.org/goleak"

	"github.com/proxenos/proxenos/bot/slackfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// newClient returns a client of fake whose idle connections close with the test.
func newClient(t *testing.T, fake *slackfake.Server, token string) *slack.Client {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return slack.New(token, slack.OptionAPIURL(fake.URL()), slack.OptionHTTPClient(&http.Client{Transport: tr}))
}

func TestServer(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	api := newClient(t, fake, slackfake.BotToken)
	ctx := context.Background()

	t.Run("Records", func(t *testing.T) {
		if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("Γεια", false)); err != nil {
			t.Fatal(err)
		}
		calls := fake.Calls("chat.postMessage")
		if len(calls) != 1 || calls[0].Param("channel") != "C1" || calls[0].Param("text") != "Γεια" || calls[0].At.IsZero() {
			t.Fatalf("got %+v", calls)
		}
	})
	t.Run("ErrInvalidAuth", func(t *testing.T) {
		_, err := newClient(t, fake, "xoxb-wrong").AuthTestContext(ctx)
		var se slack.SlackErrorResponse
		if !errors.As(err, &se) || se.Err != "invalid_auth" {
			t.Fatalf("got %v, want invalid_auth", err)
		}
	})
	t.Run("RateLimit", func(t *testing.T) {
		fake.RateLimit("auth.test", 1, 3)
		_, err := api.AuthTestContext(ctx)
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
			t.Fatalf("got %v, want a 3 s rate limit", err)
		}
		if _, err := api.AuthTestContext(ctx); err != nil {
			t.Fatalf("second call: %v", err)
		}
	})
	t.Run("Fail", func(t *testing.T) {
		fake.Fail("chat.update", 1, "message_not_found")
		_, _, _, err := api.UpdateMessageContext(ctx, "C1", "1.1", slack.MsgOptionText("x", false))
		if err == nil || err.Error() != "message_not_found" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("UsersInfo", func(t *testing.T) {
		fake.AddUser(slackfake.User{ID: "U1", Name: "eleni", Locale: "el-GR"})
		u, err := api.GetUserInfoContext(ctx, "U1", slack.GetUserInfoOptionIncludeLocale(true))
		if err != nil || u.Locale != "el-GR" {
			t.Fatalf("got %+v, %v", u, err)
		}
	})
	t.Run("Download", func(t *testing.T) {
		fake.AddFile(slackfake.File{ID: "F1", Name: "letter.txt", Content: []byte("Dear Mayor")})
		f, _, _, err := api.GetFileInfoContext(ctx, "F1", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := api.GetFileContext(ctx, f.URLPrivateDownload, &buf); err != nil || buf.String() != "Dear Mayor" {
			t.Fatalf("got %q, %v", buf.String(), err)
		}
		if err := newClient(t, fake, "xoxb-wrong").GetFileContext(ctx, f.URLPrivateDownload, &buf); err == nil {
			t.Fatal("a download without the bot token succeeded")
		}
	})
	t.Run("Upload", func(t *testing.T) {
		_, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Filename: "a.csv", FileSize: 4, Content: "a;b\n", Channel: "C1"})
		if err != nil {
			t.Fatal(err)
		}
		if up := fake.Calls(slackfake.MethodUpload); len(up) != 1 || string(up[0].Body) != "a;b\n" {
			t.Fatalf("got %+v", up)
		}
	})
	t.Run("ErrWaitForTimeout", func(t *testing.T) {
		if _, err := fake.WaitFor("views.open", 1, 10*time.Millisecond); err == nil {
			t.Fatal("got nil error")
		}
	})
}

// TestSocketSendTo checks that an envelope reaches the connection it is
// addressed to, and that acknowledgements name their connection.
func TestSocketSendTo(t *testing.T) {
	fake := slackfake.New()
	defer fake.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	api := slack.New(slackfake.BotToken, slack.OptionAppLevelToken(slackfake.AppToken),
		slack.OptionAPIURL(fake.URL()), slack.OptionHTTPClient(&http.Client{Transport: tr}))
	var conns []*websocket.Conn
	for i := range 2 {
		_, url, err := api.StartSocketModeContext(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ws, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		var hello struct {
			Type           string `json:"type"`
			NumConnections int    `json:"num_connections"`
		}
		if err := ws.ReadJSON(&hello); err != nil || hello.Type != "hello" || hello.NumConnections != i+1 {
			t.Fatalf("connection %d: got %+v, %v; want hello with num_connections %d", i+1, hello, err, i+1)
		}
		conns = append(conns, ws)
	}
	calls, err := fake.WaitFor(slackfake.MethodSocketConnect, 2, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if calls[0].Conn != 1 || calls[1].Conn != 2 {
		t.Fatalf("connections numbered %d, %d; want 1, 2", calls[0].Conn, calls[1].Conn)
	}

	t.Run("OK", func(t *testing.T) {
		if err := fake.SocketSendTo(2, map[string]any{"type": "events_api", "envelope_id": "env-2"}); err != nil {
			t.Fatal(err)
		}
		var env struct {
			EnvelopeID string `json:"envelope_id"`
		}
		if err := conns[1].ReadJSON(&env); err != nil || env.EnvelopeID != "env-2" {
			t.Fatalf("connection 2: got %+v, %v", env, err)
		}
		if err := conns[1].WriteJSON(map[string]any{"envelope_id": "env-2"}); err != nil {
			t.Fatal(err)
		}
		acks, err := fake.WaitFor(slackfake.MethodSocketAck, 1, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := acks[0].Conn, 2; got != want {
			t.Errorf("ack recorded on connection %d, want %d", got, want)
		}
	})
	t.Run("ErrNotOpen", func(t *testing.T) {
		if err := fake.SocketSendTo(3, map[string]any{"type": "events_api"}); err == nil {
			t.Fatal("got nil error for a connection never opened")
		}
	})
}

func Example() {
	fake := slackfake.New()
	defer fake.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	api := slack.New(slackfake.BotToken, slack.OptionAPIURL(fake.URL()), slack.OptionHTTPClient(&http.Client{Transport: tr}))

	fake.RateLimit("chat.postMessage", 1, 2) // the next call answers 429, Retry-After: 2
	_, _, err := api.PostMessage("C1", slack.MsgOptionText("Καλημέρα", false))
	fmt.Println(err)
	_, _, err = api.PostMessage("C1", slack.MsgOptionText("Καλημέρα", false))
	fmt.Println(err)

	calls, _ := fake.WaitFor("chat.postMessage", 2, time.Second)
	fmt.Println(len(calls), calls[1].Param("text"))
	// Output:
	// slack rate limit exceeded, retry after 2s
	// <nil>
	// 2 Καλημέρα
}

func TestTeams(t *testing.T) {
	s := slackfake.New()
	defer s.Close()
	s.AddTeam("TB", "xoxb-b")
	s.AddChannel("TB", "CB")
	post := func(token, channel string) error {
		_, _, err := slack.New(token, slack.OptionAPIURL(s.URL())).PostMessage(channel, slack.MsgOptionText("hi", false))
		return err
	}
	if err := post(slackfake.BotToken, "CA"); err != nil {
		t.Fatal(err)
	}
	if err := post("xoxb-b", "CB"); err != nil {
		t.Fatal(err)
	}
	if err := post(slackfake.BotToken, "CB"); err == nil || err.Error() != "channel_not_found" {
		t.Errorf("another team's channel: %v, want channel_not_found", err)
	}
	if err := post("xoxb-unknown", "CA"); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("unknown token: %v, want invalid_auth", err)
	}
	s.Revoke("TB")
	if err := post("xoxb-b", "CB"); err == nil || err.Error() != "token_revoked" {
		t.Errorf("revoked: %v, want token_revoked", err)
	}
	if got := len(s.CallsOf("TB", "chat.postMessage")); got != 2 {
		t.Errorf("TB made %d calls, want 2", got)
	}
	if got := len(s.CallsOf(slackfake.DefaultTeam, "chat.postMessage")); got != 2 {
		t.Errorf("%s made %d calls, want 2", slackfake.DefaultTeam, got)
	}
	var ev struct {
		Type   string `json:"type"`
		TeamID string `json:"team_id"`
		Event  struct {
			Type   string                 `json:"type"`
			Tokens struct{ Bot []string } `json:"tokens"`
		} `json:"event"`
	}
	if err := json.Unmarshal(s.TokensRevoked("TB", []string{"UBOT"}, nil), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Type != "event_callback" || ev.TeamID != "TB" || ev.Event.Type != "tokens_revoked" || len(ev.Event.Tokens.Bot) != 1 {
		t.Errorf("tokens_revoked = %+v", ev)
	}
}
