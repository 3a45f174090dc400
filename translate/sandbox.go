package translate

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
)

// ExtractCommand is the hidden subcommand (`proxenos extract`) that reads
// one document for a Sandbox; see ServeExtract.
const ExtractCommand = "extract"

// Defaults of a Sandbox's limits, and the bounds of the settings that
// set them.
const (
	DefaultReadTimeout = 30 * time.Second
	MinReadTimeout     = 5 * time.Second
	MaxReadTimeout     = 10 * time.Minute
	DefaultReadMemory  = 1 << 30 // bytes of address space, on top of the Go runtime's
	MinReadMemory      = 256 << 20
	MaxReadMemory      = 16 << 30
)

// maxExtracted bounds the child's answer, and so what the server reads
// from it: far more text than a translation accepts (DefaultMaxChars).
const maxExtracted = 8 << 20

// Sandbox reads documents in a child process with hard limits, so that a
// hostile file can neither hang nor kill the server: the child limits its
// own CPU time and address space, and is killed when it runs past Timeout
// or its caller gives up. Whatever ends the child early, the user is told
// the file could not be read. Plain text and Markdown, which cannot hang
// the readers, are read in-process. The zero value is ready to use.
type Sandbox struct {
	// Command is the child's command line; empty means this program
	// (os.Executable) with ExtractCommand, which must call ServeExtract.
	Command []string
	Timeout time.Duration // wall-clock and CPU time of one document; DefaultReadTimeout when 0
	Memory  int64         // bytes of address space of the child; DefaultReadMemory when 0
	Logger  *slog.Logger  // slog.Default() when nil; never given content
}

// Extract returns the text of a file as Extract does, reading .docx, .odt
// and .pdf files in a child process. Errors: those of Extract, EINVALID
// "translate.extract.unreadable" naming the kind of file when the child
// failed, ran out of time or memory, or answered nonsense, and ctx's error
// when ctx ends first; the child is then killed at once.
func (s *Sandbox) Extract(ctx context.Context, name string, data []byte) (*Document, error) {
	name = safeName(name)
	kind := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	if !sandboxed[kind] || len(data) > MaxFileSize {
		return Extract(name, data) // safe in-process, or refused before reading
	}
	start := time.Now()
	res, err := s.run(ctx, kind, data)
	if ctx.Err() != nil {
		return nil, fmt.Errorf("translate: reading %s: %w", kind, context.Cause(ctx))
	}
	var doc *Document
	if err == nil {
		if doc, err = res.document(name); !errors.Is(err, errBadAnswer) {
			return doc, err
		}
	}
	s.logger().Warn("document could not be read", "kind", kind, "bytes", len(data),
		"elapsed", time.Since(start).Round(time.Millisecond), "error", err)
	return nil, unreadable(name, kind)
}

// sandboxed lists the kinds of file read in a child process.
var sandboxed = map[string]bool{"docx": true, "odt": true, "pdf": true}

// unreadable is the error of a document the child could not read.
func unreadable(name, kind string) error {
	return proxenos.Errorf(proxenos.EINVALID, "translate.extract.unreadable", strings.ToUpper(kind), name)
}

// run reads data in the child and returns its answer; an error says why
// the child failed, for the logs.
func (s *Sandbox) run(ctx context.Context, kind string, data []byte) (*extraction, error) {
	timeout, memory := cmp.Or(s.Timeout, DefaultReadTimeout), cmp.Or(s.Memory, DefaultReadMemory)
	command := s.Command
	if len(command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		command = []string{exe, ExtractCommand}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cpu := int64((timeout + time.Second - 1) / time.Second)
	cmd := exec.CommandContext(ctx, command[0], append(command[1:],
		"-kind", kind, "-cpu", strconv.FormatInt(cpu, 10), "-memory", strconv.FormatInt(memory, 10))...)
	// The child gets no environment: it needs none, and secrets stay out.
	cmd.Env = []string{}
	cmd.Stdin = bytes.NewReader(data)
	stdout := &cappedBuffer{max: maxExtracted}
	stderr := &cappedBuffer{max: 1024}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	// Killed, the child has no grandchildren to hold its pipes open; this
	// bounds the wait if it ever has.
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("killed after %v: %w", timeout, err)
		}
		return nil, fmt.Errorf("%w: %s", err, firstLine(stderr.buf.String()))
	}
	var res extraction
	if err := json.Unmarshal(stdout.buf.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadAnswer, err)
	}
	return &res, nil
}

// logger returns s.Logger or the default.
func (s *Sandbox) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// firstLine returns the first line of s, for a log.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// cappedBuffer keeps the first max bytes written to it and fails the
// write that passes them, which ends a child that writes without end.
// The buffer is a field, not embedded: io.Copy would use its ReadFrom,
// which knows no limit.
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

// Write appends p, or as much of it as fits and an error.
func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); len(p) > room {
		b.buf.Write(p[:max(room, 0)])
		return max(room, 0), errors.New("translate: child wrote too much")
	}
	return b.buf.Write(p)
}

// extraction is the child's answer: the blocks of the document, or the
// catalogue key of the user error Extract gave and its cause.
type extraction struct {
	Blocks []Block `json:"blocks,omitempty"`
	Error  string  `json:"error,omitempty"`
	Cause  string  `json:"cause,omitempty"`
}

// errBadAnswer marks an answer of the child that makes no sense.
var errBadAnswer = errors.New("translate: bad answer from the child")

// document returns the answer as the document named name, or as the user
// error it reports; an answer that is neither is an error.
func (res *extraction) document(name string) (*Document, error) {
	if res.Error != "" {
		user := userError(res.Error, name)
		if user == nil {
			return nil, fmt.Errorf("%w: unknown error %q", errBadAnswer, res.Error)
		}
		return nil, &extractError{user, errors.New(res.Cause)}
	}
	doc := &Document{Name: name, Blocks: res.Blocks}
	for _, b := range doc.Blocks {
		if b.Level < 0 || b.Level > 6 {
			return nil, fmt.Errorf("%w: heading level %d", errBadAnswer, b.Level)
		}
	}
	if strings.TrimSpace(doc.Text()) == "" {
		return nil, fmt.Errorf("%w: no text", errBadAnswer)
	}
	return doc, nil
}

// ServeExtract is the child's side of a Sandbox, run by `proxenos extract
// -kind pdf -cpu 30 -memory 1073741824`: it limits its own CPU time
// (seconds) and address space (bytes) first, then reads the file from
// stdin and writes what Extract made of it, as JSON, to stdout. It returns
// the exit status: 0 when it answered, whatever the answer.
func ServeExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(ExtractCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "", "docx, odt or pdf")
	cpu := fs.Int64("cpu", int64(DefaultReadTimeout/time.Second), "CPU seconds")
	memory := fs.Int64("memory", DefaultReadMemory, "bytes of address space")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !sandboxed[*kind] || *cpu < 1 || *memory < MinReadMemory {
		fmt.Fprintln(stderr, "extract: bad arguments")
		return 2
	}
	if err := limitSelf(*cpu, *memory); err != nil {
		fmt.Fprintln(stderr, "extract: limits:", err)
		return 2
	}
	data, err := io.ReadAll(io.LimitReader(stdin, MaxFileSize+1))
	if err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 2
	}
	out, err := json.Marshal(extract("document."+*kind, data))
	if err == nil && len(out) > maxExtracted {
		// A few kilobytes that unpack to millions of paragraphs.
		err = fmt.Errorf("%d bytes of text and more", maxExtracted)
	}
	if err == nil {
		_, err = stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 2
	}
	return 0
}

// extract reads a file for ServeExtract.
func extract(name string, data []byte) *extraction {
	doc, err := Extract(name, data)
	if err == nil {
		return &extraction{Blocks: doc.Blocks}
	}
	res := &extraction{Cause: err.Error()}
	var e *proxenos.Error
	if errors.As(err, &e) {
		res.Error = e.Key
	}
	return res
}
