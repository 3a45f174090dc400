// Package slackfake is an in-process fake of the Slack Web API for tests.
//
// It records every call (method, parameters, time) and implements the
// methods Proxenos uses: auth.test, chat.postMessage, chat.postEphemeral,
// chat.update, chat.getPermalink, conversations.open (a DM with one user, id "D"+user),
// views.open, views.update, views.publish, users.info, usergroups.users.list,
// conversations.replies (of seeded messages), conversations.history (of
// seeded and posted messages, with their metadata), files.info, file downloads, the three steps of a file upload,
// response_url posts and Socket Mode (apps.connections.open and a
// websocket). Point a client at it with slack.OptionAPIURL(fake.URL()).
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Default tokens the fake accepts; change Server.Token and Server.AppToken
// before the first call to use others, and add the tokens of other
// workspaces with AddTeam.
const (
	BotToken = "xoxb-fake-bot-token"
	AppToken = "xapp-fake-app-token"
)

// Pseudo-methods under which calls that are not Web API methods are recorded.
const (
	MethodResponseURL = "response_url" // a post to a URL from ResponseURL
	MethodUpload      = "upload"       // the file body posted to an upload URL
	MethodDownload    = "download"     // a GET of a file's url_private_download
	MethodSocketAck   = "socket.ack"   // a Socket Mode acknowledgement
	MethodHeld        = "held"         // a call done but not answered, see Hold
)

// Call is one recorded request.
type Call struct {
	Method string          // "chat.postMessage", or one of the pseudo-methods
	Path   string          // the request path
	Params url.Values      // form parameters (and multipart fields)
	JSON   json.RawMessage // the body, when it was JSON
	Body   []byte          // the uploaded file, for MethodUpload
	Conn   int             // the Socket Mode connection, from 1, of a connect or ack
	Team   string          // the workspace of the bot token used, "" for an unknown one
	At     time.Time
}

// Param returns a parameter of the call: a form value, or else a top-level
// field of the JSON body (strings as they are, other values as JSON).
func (c Call) Param(name string) string {
	if v, ok := c.Params[name]; ok && len(v) > 0 {
		return v[0]
	}
	if len(c.JSON) == 0 {
		return ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(c.JSON, &m) != nil {
		return ""
	}
	raw, ok := m[name]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// User is a seeded workspace member.
type User struct {
	ID          string
	Name        string   // the user name, e.g. "maria.k"
	RealName    string   // e.g. "Μαρία Κωνσταντίνου"
	DisplayName string   // the name shown in Slack, e.g. "Μαρία"; may be ""
	Locale      string   // "el-GR", "en-US"
	Admin       bool     // an admin of the workspace (users.info is_admin)
	Groups      []string // the user groups (S…) usergroups.users.list lists the user in
}

// File is a seeded uploaded file.
type File struct {
	ID      string
	Name    string
	Content []byte
}

// Message is a seeded or posted message that conversations.replies and
// conversations.history return.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // the parent's ts, for a reply in a thread
	User     string
	Text     string
	Files    []string  // ids of files seeded with AddFile
	Metadata *Metadata // the message metadata it was posted with
}

// Metadata is a message's metadata: an event type and its payload.
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// failure is a canned answer for the next calls of a method.
type failure struct {
	status     int // 429, 200 with ok:false, or another HTTP status
	retryAfter int
	err        string
}

// Server is the fake Slack. It is safe for concurrent use.
type Server struct {
	// Token is the bot token every Web API call must carry.
	Token string
	// AppToken is the app-level token apps.connections.open must carry.
	AppToken string
	// Now, when set, dates posted messages: their ts is its time. By
	// default every ts falls in one second of 26 November 2025.
	Now func() time.Time

	srv *httptest.Server

	mu       sync.Mutex
	changed  *sync.Cond
	calls    []Call
	users    map[string]User
	files    map[string]File
	messages []Message
	failures map[string][]failure
	holds    map[string]int
	released chan struct{} // closed by Close: held answers end
	seq      int
	teams    teams

	socket socketState
	oauth  oauthState
}

// New starts a fake Slack. Close it when done.
func New() *Server {
	s := &Server{
		Token:    BotToken,
		AppToken: AppToken,
		users:    map[string]User{},
		files:    map[string]File{},
		failures: map[string][]failure{},
		holds:    map[string]int{},
		released: make(chan struct{}),
	}
	s.changed = sync.NewCond(&s.mu)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/response/{id}", s.serveResponseURL)
	mux.HandleFunc("/upload/{id}", s.serveUpload)
	mux.HandleFunc("/download/{id}/{name}", s.serveDownload)
	mux.HandleFunc("/socket", s.serveSocket)
	mux.HandleFunc("/oauth/v2/authorize", s.serveAuthorize)
	// Set srv before serving: handlers read it, and a client may learn the
	// URL by a path the race detector cannot see (a child process).
	s.srv = httptest.NewUnstartedServer(mux)
	s.srv.Start()
	return s
}

// URL returns the Web API base URL, ending in "/", for slack.OptionAPIURL.
func (s *Server) URL() string { return s.srv.URL + "/api/" }

// ResponseURL returns a fresh response_url; posts to it are recorded as
// MethodResponseURL calls.
func (s *Server) ResponseURL() string {
	return s.srv.URL + "/response/" + strconv.Itoa(s.next())
}

// Close stops the server and drops every Socket Mode connection.
func (s *Server) Close() {
	close(s.released)
	s.closeSockets()
	s.srv.Close()
}

// AddUser seeds a member that users.info will find.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// AddFile seeds a file that files.info describes and that can be
// downloaded with the bot token. It returns the download URL.
func (s *Server) AddFile(f File) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[f.ID] = f
	return s.downloadURL(f)
}

// AddMessage seeds a message, with files seeded by AddFile, for
// conversations.replies.
func (s *Server) AddMessage(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
}

// replies answers conversations.replies: the thread of ts in channel, its
// parent first, within oldest and latest (inclusive) when given; the
// parent is always included, as Slack does.
func (s *Server) replies(c Call) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	channel, ts := c.Param("channel"), c.Param("ts")
	var parent *Message
	for i := range s.messages {
		if m := &s.messages[i]; m.Channel == channel && m.TS == ts {
			parent = m
		}
	}
	if parent == nil {
		return map[string]any{"ok": false, "error": "thread_not_found"}
	}
	if parent.ThreadTS != "" {
		ts = parent.ThreadTS
	}
	oldest, latest := c.Param("oldest"), c.Param("latest")
	var out []map[string]any
	for _, m := range s.messages {
		inThread := m.TS == ts || m.ThreadTS == ts
		inBounds := (oldest == "" || m.TS >= oldest) && (latest == "" || m.TS <= latest)
		if m.Channel != channel || !inThread || (m.TS != ts && !inBounds) {
			continue
		}
		msg := map[string]any{"type": "message", "ts": m.TS, "user": m.User, "text": m.Text}
		if m.ThreadTS != "" {
			msg["thread_ts"] = m.ThreadTS
		}
		var files []map[string]any
		for _, id := range m.Files {
			if f, ok := s.files[id]; ok {
				files = append(files, map[string]any{"id": f.ID, "name": f.Name, "size": len(f.Content),
					"url_private_download": s.downloadURL(f)})
			}
		}
		if len(files) > 0 {
			msg["files"] = files
		}
		out = append(out, msg)
	}
	return map[string]any{"ok": true, "messages": out, "has_more": false}
}

// Hold makes the next n calls of method do their work — a posted message
// is kept and conversations.history shows it — and then not answer: each
// is recorded again as MethodHeld once done, and its answer waits until
// the client goes away or the server closes, as when the caller dies
// after Slack accepted its message.
func (s *Server) Hold(method string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.holds[method] += n
}

// takeHold reports whether the call of method now served is to be held.
func (s *Server) takeHold(method string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holds[method] == 0 {
		return false
	}
	s.holds[method]--
	return true
}

// RateLimit makes the next n calls of method answer HTTP 429 with a
// Retry-After of retryAfter seconds.
func (s *Server) RateLimit(method string, n, retryAfter int) {
	s.queue(method, n, failure{status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

// Fail makes the next n calls of method answer ok:false with the Slack
// error code slackErr, e.g. "not_in_channel".
func (s *Server) Fail(method string, n int, slackErr string) {
	s.queue(method, n, failure{status: http.StatusOK, err: slackErr})
}

// FailHTTP makes the next n calls of method answer the HTTP status,
// e.g. 500 for a response_url that fails, or 404 for one that expired.
func (s *Server) FailHTTP(method string, n, status int) {
	s.queue(method, n, failure{status: status})
}

// queue appends n copies of f to method's canned answers.
func (s *Server) queue(method string, n int, f failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures[method] = append(s.failures[method], f)
	}
}

// Calls returns the recorded calls of method, oldest first; "" returns all.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

// callsLocked filters the calls by method; s.mu must be held.
func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitFor waits until at least n calls of method were recorded and returns
// them, or returns an error after timeout.
func (s *Server) WaitFor(method string, n int, timeout time.Duration) ([]Call, error) {
	deadline := time.Now().Add(timeout)
	// A timer wakes the waiter at the deadline; Cond has no timed wait.
	t := time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.changed.Broadcast()
		s.mu.Unlock()
	})
	defer t.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if calls := s.callsLocked(method); len(calls) >= n {
			return calls, nil
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("slackfake: %d calls of %s after %s, want %d", len(s.callsLocked(method)), method, timeout, n)
		}
		s.changed.Wait()
	}
}

// record stores a call and wakes WaitFor.
func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.At = time.Now()
	s.calls = append(s.calls, c)
	s.changed.Broadcast()
}

// next returns a fresh sequence number, for ids and timestamps.
func (s *Server) next() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return s.seq
}

// takeFailure pops the next canned failure for method, if any.
func (s *Server) takeFailure(method string) (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.failures[method]
	if len(q) == 0 {
		return failure{}, false
	}
	s.failures[method] = q[1:]
	return q[0], true
}

// readCall parses a request into a Call: form, multipart or JSON.
func readCall(r *http.Request, method string) (Call, error) {
	c := Call{Method: method, Path: r.URL.Path, Params: url.Values{}}
	for k, v := range r.URL.Query() {
		c.Params[k] = v
	}
	mediatype, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case mediatype == "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return c, err
		}
		c.JSON = body
	case strings.HasPrefix(mediatype, "multipart/"):
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			} else if err != nil {
				return c, err
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return c, err
			}
			if p.FileName() != "" {
				c.Body = data
				c.Params.Set("filename", p.FileName())
			} else {
				c.Params.Add(p.FormName(), string(data))
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return c, err
		}
		for k, v := range r.PostForm {
			c.Params[k] = v
		}
	}
	return c, nil
}

// token returns the token a request carries, in the form or the header.
func token(r *http.Request, c Call) string {
	if t := c.Params.Get("token"); t != "" {
		return t
	}
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers a canned failure; it reports whether there was one.
func (s *Server) fail(w http.ResponseWriter, method string) bool {
	f, ok := s.takeFailure(method)
	if !ok {
		return false
	}
	switch f.status {
	case http.StatusTooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(f.retryAfter))
		writeJSON(w, f.status, map[string]any{"ok": false, "error": "ratelimited"})
		return true
	case http.StatusOK:
	default:
		http.Error(w, http.StatusText(f.status), f.status)
		return true
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": f.err})
	return true
}

// serveAPI answers /api/{method}.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	c, err := readCall(r, method)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// Every call is recorded before it is answered, failures included, so
	// that tests can count retries.
	c.Team = s.teamOf(token(r, c))
	s.record(c)
	if s.fail(w, method) {
		return
	}
	if method == "oauth.v2.access" { // the app's credentials, not a token
		writeJSON(w, http.StatusOK, s.oauthAccess(c))
		return
	}
	if !s.authorized(method, token(r, c), c.Team) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	if refusal := s.refuse(c, token(r, c)); refusal != "" {
		writeJSON(w, http.StatusOK, map[string]any{"ok": false, "error": refusal})
		return
	}
	answer, ok := s.methods()[method]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"ok": false, "error": "unknown_method"})
		return
	}
	out := answer(c)
	if s.takeHold(method) {
		c.Method = MethodHeld
		c.Params.Set("method", method)
		s.record(c)
		select {
		case <-r.Context().Done():
		case <-s.released:
		}
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// authorized reports whether a call of method may use token: the app
// token for apps.connections.open, else a bot token of a known team.
func (s *Server) authorized(method, token, team string) bool {
	if method == "apps.connections.open" {
		return token == s.AppToken
	}
	return team != ""
}

// methods maps each implemented Web API method to its answer.
func (s *Server) methods() map[string]func(Call) map[string]any {
	return map[string]func(Call) map[string]any{
		"auth.test": func(c Call) map[string]any {
			return map[string]any{"ok": true, "url": s.srv.URL + "/", "team": "Fake", "user": "proxenos",
				"team_id": c.Team, "user_id": "UBOT", "bot_id": "BBOT"}
		},
		"chat.postMessage": func(c Call) map[string]any {
			ts := s.ts()
			s.keep(c, ts)
			return map[string]any{"ok": true, "channel": c.Param("channel"), "ts": ts,
				"message": map[string]any{"text": c.Param("text"), "ts": ts}}
		},
		"chat.postEphemeral": func(Call) map[string]any {
			return map[string]any{"ok": true, "message_ts": s.ts()}
		},
		"chat.update": func(c Call) map[string]any {
			return map[string]any{"ok": true, "channel": c.Param("channel"), "ts": c.Param("ts"), "text": c.Param("text")}
		},
		"chat.getPermalink": func(c Call) map[string]any {
			return map[string]any{"ok": true, "channel": c.Param("channel"),
				"permalink": "https://fake.slack.com/archives/" + c.Param("channel") + "/p" + strings.ReplaceAll(c.Param("message_ts"), ".", "")}
		},
		"views.open":    s.view,
		"views.update":  s.view,
		"views.publish": s.view,
		"users.info": func(c Call) map[string]any {
			s.mu.Lock()
			u, ok := s.users[c.Param("user")]
			s.mu.Unlock()
			if !ok {
				return map[string]any{"ok": false, "error": "user_not_found"}
			}
			user := map[string]any{"id": u.ID, "name": u.Name, "real_name": u.RealName,
				"profile": map[string]any{"real_name": u.RealName, "display_name": u.DisplayName}}
			if c.Param("include_locale") == "true" {
				user["locale"] = u.Locale
			}
			user["is_admin"] = u.Admin
			return map[string]any{"ok": true, "user": user}
		},
		"usergroups.users.list": s.groupMembers,
		"files.info": func(c Call) map[string]any {
			s.mu.Lock()
			f, ok := s.files[c.Param("file")]
			s.mu.Unlock()
			if !ok {
				return map[string]any{"ok": false, "error": "file_not_found"}
			}
			return map[string]any{"ok": true, "file": map[string]any{"id": f.ID, "name": f.Name,
				"size": len(f.Content), "url_private_download": s.downloadURL(f)}}
		},
		"files.getUploadURLExternal": func(c Call) map[string]any {
			id := "F" + strconv.Itoa(s.next())
			return map[string]any{"ok": true, "file_id": id, "upload_url": s.srv.URL + "/upload/" + id}
		},
		"files.completeUploadExternal": func(c Call) map[string]any {
			var files []map[string]any
			_ = json.Unmarshal([]byte(c.Param("files")), &files)
			return map[string]any{"ok": true, "files": files}
		},
		"conversations.replies": s.replies,
		"conversations.history": s.history,
		"conversations.open": func(c Call) map[string]any {
			return map[string]any{"ok": true, "channel": map[string]any{"id": "D" + strings.Split(c.Param("users"), ",")[0]}}
		},
		"apps.connections.open": func(Call) map[string]any {
			return map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/socket"}
		},
	}
}

// view answers views.open, views.update and views.publish.
func (s *Server) view(Call) map[string]any {
	return map[string]any{"ok": true, "view": map[string]any{"id": "V" + strconv.Itoa(s.next())}}
}

// ts returns a fresh message timestamp: the second of Now, or a fixed
// one, and a sequence number.
func (s *Server) ts() string {
	sec := int64(1764115200)
	if s.Now != nil {
		sec = s.Now().Unix()
	}
	return fmt.Sprintf("%d.%06d", sec, s.next()%1000000)
}

// downloadURL is the url_private_download of f.
func (s *Server) downloadURL(f File) string {
	return s.srv.URL + "/download/" + f.ID + "/" + url.PathEscape(f.Name)
}

// serveResponseURL records a post to a response_url; Slack answers "ok".
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	c, err := readCall(r, MethodResponseURL)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.record(c)
	if s.fail(w, MethodResponseURL) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true})
}

// serveUpload records the file body posted to an upload URL.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	c, err := readCall(r, MethodUpload)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.Params.Set("file_id", r.PathValue("id"))
	s.record(c)
	if s.fail(w, MethodUpload) {
		return
	}
	if s.teamOf(token(r, c)) == "" {
		http.Error(w, "invalid_auth", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "OK - %d", len(c.Body))
}

// serveDownload sends a seeded file to a client with the bot token.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	s.record(Call{Method: MethodDownload, Path: r.URL.Path, Params: url.Values{"file": {r.PathValue("id")}}})
	if s.teamOf(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")) == "" {
		http.Error(w, "not authorized", http.StatusForbidden)
		return
	}
	s.mu.Lock()
	f, ok := s.files[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(f.Content)
}

// upgrader accepts the Origin header slack-go sends.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// groupMembers answers usergroups.users.list: the seeded users whose
// Groups name the group, sorted.
func (s *Server) groupMembers(c Call) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	users := []string{}
	for _, u := range s.users {
		if slices.Contains(u.Groups, c.Param("usergroup")) {
			users = append(users, u.ID)
		}
	}
	slices.Sort(users)
	return map[string]any{"ok": true, "users": users}
}
