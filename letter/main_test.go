package letter

import (
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/proxenos/proxenos/translate"
)

func TestMain(m *testing.M) {
	// The test binary is the Sandbox's child as well, as proxenos is.
	if len(os.Args) > 1 && os.Args[1] == translate.ExtractCommand {
		os.Exit(translate.ServeExtract(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// sandboxed returns a Reader that reads documents in a Sandbox, as the
// server does.
func sandboxed(t testing.TB) Reader {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Reader{Documents: &translate.Sandbox{Command: []string{exe, translate.ExtractCommand},
		Timeout: 5 * time.Second, Logger: slog.New(slog.DiscardHandler)}}
}
