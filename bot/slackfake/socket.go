package slackfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// MethodSocketConnect is the pseudo-method recorded when a Socket Mode
// client opens the websocket; WaitFor(MethodSocketConnect, n, …) waits for
// the n-th connection.
const MethodSocketConnect = "socket.connect"

// socketPing is how often the fake pings its Socket Mode clients, as Slack
// does; clients that hear no ping for their ping interval reconnect.
const socketPing = 50 * time.Millisecond

// socketState holds the open Socket Mode connections.
type socketState struct {
	mu     sync.Mutex
	conns  []*socketConn
	seq    int // the number of the last connection opened
	closed bool
	wg     sync.WaitGroup
}

// socketConn is one websocket, with its writes serialized.
type socketConn struct {
	n    int // numbered from 1 in order of opening, never reused
	ws   *websocket.Conn
	wmu  sync.Mutex
	done chan struct{}
}

// send writes v as one JSON text message.
func (c *socketConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(v)
}

// serveSocket upgrades to a websocket, says hello, pings, and records
// every acknowledgement the client sends.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	s.socket.mu.Lock()
	if s.socket.closed {
		s.socket.mu.Unlock()
		http.Error(w, "closed", http.StatusServiceUnavailable)
		return
	}
	s.socket.wg.Add(1)
	s.socket.mu.Unlock()
	defer s.socket.wg.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{ws: ws, done: make(chan struct{})}
	// The hello goes first: nothing is sent on c until it is written. The
	// connect is recorded before it, so connections a client opens one
	// after another's hello are recorded in that order.
	c.wmu.Lock()
	s.socket.mu.Lock()
	s.socket.seq++
	c.n = s.socket.seq
	s.socket.conns = append(s.socket.conns, c)
	open := len(s.socket.conns)
	s.socket.mu.Unlock()
	defer s.dropSocket(c)

	s.record(Call{Method: MethodSocketConnect, Path: r.URL.Path, Conn: c.n})
	err = ws.WriteJSON(map[string]any{"type": "hello", "num_connections": open})
	c.wmu.Unlock()
	if err != nil {
		return
	}

	go c.ping()
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		s.record(Call{Method: MethodSocketAck, Path: r.URL.Path, JSON: json.RawMessage(data), Conn: c.n})
	}
}

// ping pings the client until the connection ends.
func (c *socketConn) ping() {
	t := time.NewTicker(socketPing)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			if c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
				return
			}
		}
	}
}

// dropSocket closes c and forgets it.
func (s *Server) dropSocket(c *socketConn) {
	s.socket.mu.Lock()
	defer s.socket.mu.Unlock()
	for i, x := range s.socket.conns {
		if x == c {
			s.socket.conns = append(s.socket.conns[:i], s.socket.conns[i+1:]...)
			close(c.done)
			_ = c.ws.Close()
			return
		}
	}
}

// SocketSend writes v as JSON to the newest Socket Mode connection. A
// Slack envelope looks like {"type": "slash_commands", "envelope_id": "1",
// "payload": {...}}.
func (s *Server) SocketSend(v any) error {
	s.socket.mu.Lock()
	var c *socketConn
	if n := len(s.socket.conns); n > 0 {
		c = s.socket.conns[n-1]
	}
	s.socket.mu.Unlock()
	if c == nil {
		return errors.New("slackfake: no Socket Mode connection")
	}
	return c.send(v)
}

// SocketSendTo writes v as JSON to the open Socket Mode connection
// numbered conn: connections are numbered from 1 in order of opening,
// never reusing a number, and Call.Conn of each MethodSocketConnect and
// MethodSocketAck call names its connection. Slack spreads envelopes over
// an app's connections and may re-send one on another; SocketSendTo
// plays that. It fails when that connection is not open.
func (s *Server) SocketSendTo(conn int, v any) error {
	s.socket.mu.Lock()
	var c *socketConn
	for _, x := range s.socket.conns {
		if x.n == conn {
			c = x
		}
	}
	s.socket.mu.Unlock()
	if c == nil {
		return fmt.Errorf("slackfake: no open Socket Mode connection %d", conn)
	}
	return c.send(v)
}

// SocketDrop closes every open Socket Mode connection, as a network
// failure would; clients are expected to reconnect.
func (s *Server) SocketDrop() {
	s.socket.mu.Lock()
	conns := append([]*socketConn(nil), s.socket.conns...)
	s.socket.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
}

// closeSockets refuses new connections and waits for open ones to end.
func (s *Server) closeSockets() {
	s.socket.mu.Lock()
	s.socket.closed = true
	s.socket.mu.Unlock()
	s.SocketDrop()
	s.socket.wg.Wait()
}
