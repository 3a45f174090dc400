package mongo_test

import (
	"encoding/binary"
	"io"
	"net"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// faultProxy stands between the store and the test server and forwards
// the wire protocol both ways, except that it can lose the reply to a
// command after the server has run it: the store sees the connection
// drop, as in a failover, while the write stands.
type faultProxy struct {
	ln       net.Listener
	upstream string

	mu    sync.Mutex
	drops []dropRule
}

// dropRule loses the replies to the next n commands named cmd on coll.
type dropRule struct {
	cmd, coll string
	n         int
}

// newFaultProxy starts a proxy to the server at upstream (host:port),
// closed when tb ends.
func newFaultProxy(tb testing.TB, upstream string) *faultProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &faultProxy{ln: ln, upstream: upstream}
	tb.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

// Addr is the proxy's host:port.
func (p *faultProxy) Addr() string { return p.ln.Addr().String() }

// dropReplies loses the replies to the next n commands cmd on coll.
func (p *faultProxy) dropReplies(cmd, coll string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drops = append(p.drops, dropRule{cmd, coll, n})
}

// armed reports whether the reply to this command is to be lost, and
// counts it.
func (p *faultProxy) armed(cmd, coll string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.drops {
		if r := &p.drops[i]; r.cmd == cmd && r.coll == coll && r.n > 0 {
			r.n--
			return true
		}
	}
	return false
}

func (p *faultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.relay(c)
	}
}

// relay forwards one client connection, losing the armed replies: the
// connection is closed instead, after the server answered.
func (p *faultProxy) relay(client net.Conn) {
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		client.Close()
		return
	}
	defer server.Close()
	defer client.Close()
	var mu sync.Mutex
	lose := map[int32]bool{} // request ids whose reply is lost
	go func() {
		defer server.Close()
		for {
			msg, err := readMessage(client)
			if err != nil {
				return
			}
			if cmd, coll := command(msg); cmd != "" && p.armed(cmd, coll) {
				mu.Lock()
				lose[int32(binary.LittleEndian.Uint32(msg[4:]))] = true
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
		lost := lose[int32(binary.LittleEndian.Uint32(msg[8:]))]
		mu.Unlock()
		if lost {
			return
		}
		if _, err := client.Write(msg); err != nil {
			return
		}
	}
}

// readMessage reads one wire-protocol message, header included.
func readMessage(r io.Reader) ([]byte, error) {
	var size [4]byte
	if _, err := io.ReadFull(r, size[:]); err != nil {
		return nil, err
	}
	msg := make([]byte, binary.LittleEndian.Uint32(size[:]))
	copy(msg, size[:])
	_, err := io.ReadFull(r, msg[4:])
	return msg, err
}

// command returns the command an OP_MSG runs and the collection it names:
// the first field of its body (kind 0 section).
func command(msg []byte) (cmd, coll string) {
	const opMsg = 2013
	if len(msg) < 21 || binary.LittleEndian.Uint32(msg[12:]) != opMsg || msg[20] != 0 {
		return "", ""
	}
	elems, err := bson.Raw(msg[21:]).Elements()
	if err != nil || len(elems) == 0 {
		return "", ""
	}
	name, _ := elems[0].Value().StringValueOK()
	return elems[0].Key(), name
}
