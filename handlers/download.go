package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
)

// Downloader reads the content of shared files (the bot, by File.URL).
type Downloader interface {
	Download(ctx context.Context, url string, w io.Writer) error
}

// Download returns the content of f, of at most max bytes. The size Slack
// reports may be missing or wrong: the limit holds whatever it said.
// EINVALID "translate.extract.too_large" naming the file past it.
func Download(ctx context.Context, d Downloader, f chat.File, max int) ([]byte, error) {
	tooLarge := proxenos.Errorf(proxenos.EINVALID, "translate.extract.too_large", f.Name, max>>20)
	if f.Size > max {
		return nil, tooLarge
	}
	buf := &cappedBuffer{max: max}
	if err := d.Download(ctx, f.URL, buf); err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, tooLarge
		}
		return nil, fmt.Errorf("handlers: download file %s: %w", f.ID, err)
	}
	return buf.buf.Bytes(), nil
}

// errTooLarge stops a download past its limit.
var errTooLarge = errors.New("handlers: file too large")

// cappedBuffer is a writer that refuses to grow past max bytes. It keeps
// its bytes.Buffer as a field, not embedded: embedded, the buffer's
// ReadFrom would be what io.Copy calls, past the limit.
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.max {
		return 0, errTooLarge
	}
	return b.buf.Write(p)
}
