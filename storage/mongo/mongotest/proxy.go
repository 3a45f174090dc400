package mongotest

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// opMsg is the opcode of OP_MSG, the message every command and reply of
// a MongoDB 3.6+ client travels in.
const opMsg = 2013

// Proxy forwards MongoDB wire traffic between clients and a server and,
// when told, loses replies: a command named for it reaches the server and
// is done there, and then the connection closes before the reply reaches
// the client, which sees a network error. That is an uncertain outcome,
// as a failover or a broken link gives one: the write committed, and the
// client cannot know.
type Proxy struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	command string // the command whose replies are lost
	coll    string // on this collection only, when set
	lose    int    // how many more of them
	lost    int    // how many were lost
	conns   map[net.Conn]bool
	closed  bool
}

// NewProxy listens on a free local port and forwards to target
// ("host:port"); it closes when tb ends.
func NewProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	go p.accept()
	tb.Cleanup(p.close)
	return p
}

// Addr returns the "host:port" clients connect to.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// LoseReplies makes the proxy lose the replies to the next n commands
// named command ("insert", "update", …); n = 0 stops it. A MongoDB
// replica set client retries a write once on a network error, so losing
// one reply there loses the retry's too only with n = 2.
func (p *Proxy) LoseReplies(command string, n int) { p.LoseRepliesOn(command, "", n) }

// LoseRepliesOn is LoseReplies for the commands named command on the
// collection coll only: "update" of "obligations".
func (p *Proxy) LoseRepliesOn(command, coll string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.command, p.coll, p.lose = command, coll, n
}

// Lost returns how many replies the proxy has lost.
func (p *Proxy) Lost() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lost
}

// close stops listening and closes every connection.
func (p *Proxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
}

// track remembers the connections for close, or closes them when the
// proxy is closed already; false then.
func (p *Proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		if p.closed {
			c.Close()
		} else {
			p.conns[c] = true
		}
	}
	return !p.closed
}

// untrack forgets closed connections.
func (p *Proxy) untrack(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		c.Close()
		delete(p.conns, c)
	}
}

func (p *Proxy) accept() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		if p.track(client, server) {
			go p.serve(client, server)
		}
	}
}

// serve forwards one client connection's messages. Requests whose reply
// is to be lost are remembered by id; when the server answers one, both
// connections close instead.
func (p *Proxy) serve(client, server net.Conn) {
	defer p.untrack(client, server)
	var mu sync.Mutex
	doomed := map[int32]bool{}
	go func() {
		defer client.Close()
		defer server.Close()
		for {
			msg, err := readMessage(client)
			if err != nil {
				return
			}
			if p.loses(msg) {
				mu.Lock()
				doomed[requestID(msg)] = true
				mu.Unlock()
			}
			if _, err := server.Write(msg); err != nil {
				return
			}
		}
	}()
	for {
		msg, err := readMessage(server)
		if err != nil {
			return
		}
		mu.Lock()
		lose := doomed[responseTo(msg)]
		mu.Unlock()
		if lose {
			return // the command was done; its reply goes nowhere
		}
		if _, err := client.Write(msg); err != nil {
			return
		}
	}
}

// loses reports whether the reply to msg is to be lost, and counts it.
func (p *Proxy) loses(msg []byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	name, coll := command(msg)
	if p.lose == 0 || name != p.command || (p.coll != "" && coll != p.coll) {
		return false
	}
	p.lose--
	p.lost++
	return true
}

// readMessage reads one wire protocol message, header included.
func readMessage(r io.Reader) ([]byte, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, err
	}
	n := int(binary.LittleEndian.Uint32(head[:]))
	if n < 16 || n > 48<<20 {
		return nil, errors.New("mongotest: bad message length")
	}
	msg := make([]byte, n)
	copy(msg, head[:])
	_, err := io.ReadFull(r, msg[4:])
	return msg, err
}

func requestID(msg []byte) int32  { return int32(binary.LittleEndian.Uint32(msg[4:])) }
func responseTo(msg []byte) int32 { return int32(binary.LittleEndian.Uint32(msg[8:])) }

// command returns the name of the command an OP_MSG carries — the first
// key of its body section (kind 0) — and the collection it names; "" for
// other messages.
func command(msg []byte) (name, coll string) {
	if binary.LittleEndian.Uint32(msg[12:]) != opMsg || len(msg) < 21 {
		return "", ""
	}
	for rest := msg[20:]; len(rest) > 5; {
		kind := rest[0]
		size := int(binary.LittleEndian.Uint32(rest[1:]))
		if kind == 0 {
			if size > len(rest)-1 {
				return "", ""
			}
			e, err := bson.Raw(rest[1 : 1+size]).IndexErr(0)
			if err != nil {
				return "", ""
			}
			coll, _ := e.Value().StringValueOK()
			return e.Key(), coll
		}
		if size+1 > len(rest) {
			return "", ""
		}
		rest = rest[1+size:] // a document sequence: its size counts itself
	}
	return "", ""
}
