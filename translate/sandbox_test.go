package translate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/hostile"
)

// testChild is the test binary run as a Sandbox's child: mode
// ExtractCommand is the real one, the others misbehave on purpose.
func testChild(mode string, args []string) int {
	switch mode {
	case ExtractCommand:
		return ServeExtract(args, os.Stdin, os.Stdout, os.Stderr)
	case "extract-cpu1": // the kernel's CPU limit ends it, not the deadline
		return ServeExtract(append(args, "-cpu", "1"), os.Stdin, os.Stdout, os.Stderr)
	case "extract-garbage":
		os.Stdout.WriteString("%PDF-1.7 not an answer")
	case "extract-unknown-error":
		os.Stdout.WriteString(`{"error":"error.internal","cause":"x"}`)
	case "extract-heading-level":
		os.Stdout.WriteString(`{"blocks":[{"Level":99,"Text":"x"}]}`)
	case "extract-exit":
		os.Stderr.WriteString("boom\n")
		return 3
	case "extract-panic":
		panic("a bug in a reader")
	case "extract-flood":
		line := bytes.Repeat([]byte("A"), 1<<16)
		for {
			if _, err := os.Stdout.Write(line); err != nil {
				return 1
			}
		}
	case "extract-hang":
		time.Sleep(time.Hour)
	}
	return 0
}

// testSandbox returns a Sandbox whose child is this test binary in mode,
// with a short deadline, logging to logs.
func testSandbox(t testing.TB, mode string, logs *syncBuffer) *Sandbox {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return &Sandbox{Command: []string{exe, mode}, Timeout: 3 * time.Second,
		Logger: slog.New(slog.NewTextHandler(logs, nil))}
}

// syncBuffer is a bytes.Buffer safe for concurrent loggers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// wantUnreadable fails t unless err is the user error for a file of kind
// that could not be read.
func wantUnreadable(t *testing.T, err error, kind, name string) {
	t.Helper()
	var e *proxenos.Error
	if !errors.As(err, &e) || e.Code != proxenos.EINVALID || e.Key != "translate.extract.unreadable" {
		t.Fatalf("err = %v, want EINVALID translate.extract.unreadable", err)
	}
	want := fmt.Sprintf("The %s file %q could not be read (damaged or too complex).", kind, name)
	if got := i18n.ErrorMessage("en", err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

// TestSandbox_Reads checks that the child reads every kind of document
// as Extract does, and that Extract's errors reach the user unchanged.
func TestSandbox_Reads(t *testing.T) {
	sb := testSandbox(t, ExtractCommand, &syncBuffer{})
	for _, tt := range []struct{ name, file string }{{"DOCX", "mou.docx"}, {"ODT", "invitation.odt"}, {"PDF", "duties.pdf"}, {"TXT", "note.txt"}} {
		t.Run(tt.name, func(t *testing.T) {
			data := map[string][]byte{"DOCX": wordDOCX(t), "ODT": writerODT(t), "PDF": greekPDF(t), "TXT": []byte("Καλημέρα\n\nΑθήνα")}[tt.name]
			want, err := Extract(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := sb.Extract(t.Context(), "../"+tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.file || !slices.Equal(got.Blocks, want.Blocks) {
				t.Errorf("got %q %+v\nwant %q %+v", got.Name, got.Blocks, tt.file, want.Blocks)
			}
		})
	}

	emptyPDF := fpdf.New("P", "mm", "A4", "")
	emptyPDF.AddPage()
	var scanned bytes.Buffer
	if err := emptyPDF.Output(&scanned); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		key        string
	}{
		{"ErrCorruptPDF", "broken.pdf", greekPDF(t)[:2000], "translate.extract.corrupt"},
		{"ErrScannedPDF", "scan.pdf", scanned.Bytes(), "translate.extract.empty"},
		{"ErrCorruptDOCX", "broken.docx", []byte("PK\x03\x04 not really"), "translate.extract.corrupt"},
		{"ErrZipBomb", "bomb.odt", forgeSizes(writerODT(t), MaxUnpacked+1), "translate.extract.too_large"},
		{"ErrTooLarge", "big.pdf", make([]byte, MaxFileSize+1), "translate.extract.too_large"},
		{"ErrUnsupported", "setup.exe", []byte("MZ"), "translate.extract.unsupported"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sb.Extract(t.Context(), tt.file, tt.data)
			want := userError(tt.key, tt.file)
			var e *proxenos.Error
			if !errors.As(err, &e) || e.Key != want.Key || !slices.Equal(e.Args, want.Args) {
				t.Fatalf("err = %v, want %v", err, want)
			}
		})
	}
}

// hostileFiles returns hostile.Files, made once: the inflate bomb takes
// a while to make.
var hostileFiles = sync.OnceValue(hostile.Files)

// kindOf returns the kind of a file as the user error names it.
func kindOf(name string) string {
	return strings.ToUpper(name[strings.LastIndex(name, ".")+1:])
}

// TestSandbox_Hostile reads each hostile file through the sandbox: each
// is refused as unreadable instead of hanging or killing the process.
// Read in-process, the xref loop and the pages cycle never end and the
// inflate bomb grows past 5 GB until the process dies (see issue 13).
func TestSandbox_Hostile(t *testing.T) {
	files := hostileFiles()
	logs := &syncBuffer{}
	sb := testSandbox(t, ExtractCommand, logs)
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			doc, err := sb.Extract(t.Context(), f.Name, f.Data)
			t.Logf("%s (%d bytes): refused after %v", f.Name, len(f.Data), time.Since(start).Round(time.Millisecond))
			if f.Name == "deep.pdf" { // the library's own depth limit holds
				if proxenos.ErrorCode(err) != proxenos.EINVALID {
					t.Fatalf("Extract = %v, %v; want EINVALID", doc, err)
				}
				return
			}
			wantUnreadable(t, err, kindOf(f.Name), f.Name)
		})
	}
	t.Cleanup(func() { t.Logf("log:\n%s", logs) })
}

// TestSandbox_Limits checks that the child's own limits end it, not only
// the deadline: CPU time, memory, and the length of the text it answers
// with; and that a normal document fits in the least memory the setting
// allows.
func TestSandbox_Limits(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the child limits itself on Linux only")
	}
	t.Run("CPU", func(t *testing.T) {
		logs := &syncBuffer{}
		sb := testSandbox(t, "extract-cpu1", logs)
		sb.Timeout = 5 * time.Minute
		_, err := sb.Extract(t.Context(), "pages-cycle.pdf", hostile.PagesCyclePDF())
		wantUnreadable(t, err, "PDF", "pages-cycle.pdf")
		if log := logs.String(); !strings.Contains(log, "signal: killed") || strings.Contains(log, "killed after") {
			t.Errorf("the child was not killed by its CPU limit:\n%s", log)
		}
	})
	t.Run("Memory", func(t *testing.T) {
		if raceDetector {
			t.Skip("a child built with -race cannot run in a limited address space")
		}
		logs := &syncBuffer{}
		sb := testSandbox(t, ExtractCommand, logs)
		sb.Timeout, sb.Memory = 5*time.Minute, MinReadMemory
		_, err := sb.Extract(t.Context(), "inflate-bomb.pdf", hostile.InflateBombPDF())
		wantUnreadable(t, err, "PDF", "inflate-bomb.pdf")
		if log := logs.String(); !strings.Contains(log, "out of memory") {
			t.Errorf("the child did not run out of memory:\n%s", log)
		}
	})
	t.Run("Text", func(t *testing.T) {
		logs := &syncBuffer{}
		sb := testSandbox(t, ExtractCommand, logs)
		sb.Timeout = 5 * time.Minute
		_, err := sb.Extract(t.Context(), "paragraphs.docx", hostile.ParagraphsDOCX(1<<19))
		wantUnreadable(t, err, "DOCX", "paragraphs.docx")
		if log := logs.String(); !strings.Contains(log, "bytes of text and more") {
			t.Errorf("the child did not refuse the text as too long:\n%s", log)
		}
	})
	t.Run("NormalDocumentInLeastMemory", func(t *testing.T) {
		sb := testSandbox(t, ExtractCommand, &syncBuffer{})
		sb.Memory = MinReadMemory
		for name, data := range map[string][]byte{"duties.pdf": greekPDF(t), "mou.docx": wordDOCX(t), "invitation.odt": writerODT(t)} {
			if _, err := sb.Extract(t.Context(), name, data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

// TestSandbox_ChildFails checks that whatever goes wrong in the child,
// the user is told the file could not be read, and the cause is logged.
func TestSandbox_ChildFails(t *testing.T) {
	for mode, cause := range map[string]string{
		"extract-garbage":       "bad answer",
		"extract-unknown-error": "unknown error",
		"extract-heading-level": "heading level",
		"extract-exit":          "exit status 3: boom",
		"extract-panic":         "panic: a bug in a reader",
		"extract-flood":         "broken pipe", // the server stopped reading
		"extract-hang":          "killed after 3s",
		"extract-missing":       "bad answer", // an unknown mode answers nothing
	} {
		t.Run(mode, func(t *testing.T) {
			logs := &syncBuffer{}
			_, err := testSandbox(t, mode, logs).Extract(t.Context(), "letter.docx", wordDOCX(t))
			wantUnreadable(t, err, "DOCX", "letter.docx")
			if !strings.Contains(logs.String(), cause) {
				t.Errorf("log lacks %q:\n%s", cause, logs)
			}
		})
	}
	t.Run("NoExecutable", func(t *testing.T) {
		sb := &Sandbox{Command: []string{"/nonexistent/proxenos", ExtractCommand}, Logger: slog.New(slog.DiscardHandler)}
		_, err := sb.Extract(t.Context(), "letter.odt", writerODT(t))
		wantUnreadable(t, err, "ODT", "letter.odt")
	})
}

// TestSandbox_Cancel checks that the caller giving up (the work timeout,
// a shutdown) kills the child at once and frees the caller.
func TestSandbox_Cancel(t *testing.T) {
	sb := testSandbox(t, "extract-hang", &syncBuffer{})
	sb.Timeout = time.Hour
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	if _, err := sb.Extract(ctx, "a.pdf", hostile.PlainPDF()); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// procStatus returns a field of /proc/self/status in MB.
func procStatus(t *testing.T, field string) float64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb / 1024
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// TestSandbox_ServerMemoryStaysFlat reads 20 hostile files, four at a
// time as the bot's work slots would, and checks that the server's peak
// resident size grew by less than the smallest document limit: the
// files' weight stays in the children.
func TestSandbox_ServerMemoryStaysFlat(t *testing.T) {
	files := hostileFiles()
	sb := testSandbox(t, ExtractCommand, &syncBuffer{})
	runtime.GC()
	rss, peak := procStatus(t, "VmRSS"), procStatus(t, "VmHWM")
	start := time.Now()
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for i := range 20 {
		f := files[i%len(files)]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if _, err := sb.Extract(t.Context(), f.Name, f.Data); proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Errorf("%s: err = %v, want EINVALID", f.Name, err)
			}
		})
	}
	wg.Wait()
	runtime.GC()
	rss2, peak2 := procStatus(t, "VmRSS"), procStatus(t, "VmHWM")
	t.Logf("20 hostile files in %v: server RSS %.0f → %.0f MB, peak %.0f → %.0f MB",
		time.Since(start).Round(time.Millisecond), rss, rss2, peak, peak2)
	if peak2-peak > MinReadMemory>>20 {
		t.Errorf("the server's peak RSS grew by %.0f MB", peak2-peak)
	}
}

// BenchmarkSandbox compares reading a small document in the child with
// reading it in-process, interleaved in each iteration so that both see
// the same load; ratio is the child's time over the in-process time. The
// child is this test binary, or the program PROXENOS_EXTRACT_BINARY names
// (e.g. a built proxenos).
func BenchmarkSandbox(b *testing.B) {
	sb := testSandbox(b, ExtractCommand, &syncBuffer{})
	sb.Timeout = DefaultReadTimeout
	if bin := os.Getenv("PROXENOS_EXTRACT_BINARY"); bin != "" {
		sb.Command = []string{bin, ExtractCommand}
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"duties.pdf", greekPDF(b)}, {"mou.docx", wordDOCX(b)}} {
		b.Run(strings.ToUpper(f.name[strings.LastIndex(f.name, ".")+1:]), func(b *testing.B) {
			var inProcess, child time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := Extract(f.name, f.data); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if _, err := sb.Extract(b.Context(), f.name, f.data); err != nil {
					b.Fatal(err)
				}
				inProcess, child = inProcess+mid.Sub(start), child+time.Since(mid)
			}
			b.ReportMetric(float64(inProcess.Microseconds())/float64(b.N), "µs-in-process/op")
			b.ReportMetric(float64(child.Microseconds())/float64(b.N), "µs-child/op")
			b.ReportMetric(float64(child)/float64(inProcess), "ratio")
		})
	}
}

// TestSandbox_Measure reports, with the default limits, how long each
// hostile file takes to be refused, and the server's resident size
// before and after 20 of them read four at a time. It measures, it does
// not judge: set PROXENOS_MEASURE_SANDBOX=1 to run it, and
// PROXENOS_EXTRACT_BINARY to use a built proxenos as the child.
func TestSandbox_Measure(t *testing.T) {
	if os.Getenv("PROXENOS_MEASURE_SANDBOX") != "1" {
		t.Skip("set PROXENOS_MEASURE_SANDBOX=1 to measure")
	}
	files := hostileFiles()
	logs := &syncBuffer{}
	sb := testSandbox(t, ExtractCommand, logs)
	sb.Timeout = 0
	if bin := os.Getenv("PROXENOS_EXTRACT_BINARY"); bin != "" {
		sb.Command = []string{bin, ExtractCommand}
	}
	for _, f := range files {
		start := time.Now()
		_, err := sb.Extract(t.Context(), f.Name, f.Data)
		t.Logf("%-16s %7d bytes: refused after %v (%s)", f.Name, len(f.Data), time.Since(start).Round(time.Millisecond), i18n.ErrorMessage("en", err))
	}
	runtime.GC()
	rss, peak := procStatus(t, "VmRSS"), procStatus(t, "VmHWM")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap := ms.HeapInuse >> 20
	start := time.Now()
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for i := range 20 {
		f := files[i%len(files)]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			sb.Extract(t.Context(), f.Name, f.Data)
		})
	}
	wg.Wait()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("20 hostile files, 4 at a time, in %v: RSS %.0f → %.0f MB, peak RSS %.0f → %.0f MB, heap in use %d → %d MB",
		time.Since(start).Round(time.Millisecond), rss, procStatus(t, "VmRSS"), peak, procStatus(t, "VmHWM"), heap, ms.HeapInuse>>20)
	t.Logf("causes:\n%s", logs)
}
