package handlers_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
)

// endless serves n bytes for any file, counting what it was asked.
type endless struct {
	n     int
	calls int
}

func (e *endless) Download(_ context.Context, _ string, w io.Writer) error {
	e.calls++
	_, err := io.Copy(w, io.LimitReader(zeroes{}, int64(e.n)))
	return err
}

type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestDownload: a file is read up to the limit whatever size Slack said;
// past it, the user is told the file is too large, and a file Slack says
// is too large is not downloaded at all.
func TestDownload(t *testing.T) {
	d := &endless{n: 5000}
	data, err := handlers.Download(context.Background(), d, chat.File{ID: "F1", Name: "a.pdf", Size: 10}, 5000)
	if err != nil || !bytes.Equal(data, make([]byte, 5000)) {
		t.Fatalf("got %d bytes (%v), want 5000", len(data), err)
	}
	d.n = 5001
	if _, err := handlers.Download(context.Background(), d, chat.File{ID: "F1", Name: "a.pdf", Size: 10}, 5000); proxenos.ErrorCode(err) != proxenos.EINVALID {
		t.Fatalf("a file larger than it said: %v, want EINVALID", err)
	}
	before := d.calls
	if _, err := handlers.Download(context.Background(), d, chat.File{ID: "F1", Name: "a.pdf", Size: 6000}, 5000); proxenos.ErrorCode(err) != proxenos.EINVALID || d.calls != before {
		t.Fatalf("a file Slack says is too large: %v, downloaded %d times", err, d.calls-before)
	}
}
