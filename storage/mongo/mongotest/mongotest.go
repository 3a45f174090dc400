// Package mongotest runs a test binary against a MongoDB-wire server: the
// one PROXENOS_TEST_MONGODB_URI names, else an embedded FerretDB on a
// temporary directory. Only tests import it, so FerretDB stays out of the
// shipped binary.
package mongotest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Main sets *uri to the server's URI, runs m and returns its exit code;
// call it from TestMain as os.Exit(mongotest.Main(m, &uri)).
func Main(m *testing.M, uri *string) int {
	if *uri = os.Getenv("PROXENOS_TEST_MONGODB_URI"); *uri != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "proxenos-ferretdb-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// FerretDB logs every connection and failed command unless silenced.
	f, err := ferretdb.New(&ferretdb.Config{Handler: "sqlite", SQLiteURL: "file:" + dir + "/",
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	*uri = f.MongoDBURI()
	return m.Run()
}
