package storage_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/sqlite"

	_ "modernc.org/sqlite" // the driver, for the checkpoint
)

// TestPing_DiskFull fills the disk under the SQLite store — a file size
// limit at the size its files have, so that reads work and no write can
// grow a file, as on a full disk — and checks that Ping, which /readyz
// asks, reports the store unavailable.
func TestPing_DiskFull(t *testing.T) {
	ctx := proxenos.NewContextWithTeam(context.Background(), "T1")
	path := filepath.Join(t.TempDir(), "proxenos.db")
	s, err := storage.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A fresh store has answered a write: Ping is fine.
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("healthy store: %v", err)
	}
	fillDisk(t, path)
	// A new Store over the same database has no earlier probe to trust.
	full := storage.NewSQLiteStore(s.Backend.(*sqlite.DB))
	if err := full.Ping(ctx); proxenos.ErrorCode(err) != proxenos.EUNAVAILABLE {
		t.Fatalf("full disk: Ping = %v, want EUNAVAILABLE", err)
	}
	// It is the write that fails: reads still answer.
	if err := s.Backend.Ping(ctx); err != nil {
		t.Errorf("reads fail too (%v): the test does not show the write probe", err)
	}
}

// fillDisk fills the disk under the SQLite databases at paths, until the
// test ends: it empties their write-ahead logs, as a checkpoint does,
// and limits the size of every file this process writes to the sizes
// they have, so that the next write, which must grow the log, fails with
// EFBIG as on a full disk it fails with ENOSPC (Go ignores the SIGXFSZ
// that comes with it). Reads are not limited.
func fillDisk(t *testing.T, paths ...string) {
	t.Helper()
	var size uint64
	for _, path := range paths {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(path + "-wal"); err == nil {
			size = max(size, uint64(info.Size()))
		}
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: size, Max: old.Max}); err != nil {
		t.Skipf("cannot limit file sizes: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Errorf("restore the file size limit: %v", err)
		}
	})
}

// TestPing_WriteProbeCached checks that Pings in a row write once: probes
// of every replica every few seconds do not hammer the store.
func TestPing_WriteProbeCached(t *testing.T) {
	ctx := context.Background()
	s, err := storage.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count := &countingReceipts{ReceiptService: s.Receipts}
	s.Receipts = count
	for range 3 {
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if count.n != 1 {
		t.Errorf("3 Pings wrote %d times, want once per %v", count.n, storage.WriteProbeEvery)
	}
}

// countingReceipts counts the receipts asked for.
type countingReceipts struct {
	proxenos.ReceiptService
	n int
}

func (c *countingReceipts) Receive(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	c.n++
	return c.ReceiptService.Receive(ctx, key, ttl)
}

// TestPing_DiskFullFerretDB is TestPing_DiskFull on MongoDB: an embedded
// FerretDB keeping its data in SQLite files of its own, in this process.
func TestPing_DiskFullFerretDB(t *testing.T) {
	dir := t.TempDir()
	f, err := ferretdb.New(&ferretdb.Config{Handler: "sqlite", SQLiteURL: "file:" + dir + "/",
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(runCtx)
	}()
	defer func() { cancel(); <-done }()
	ctx := proxenos.NewContextWithTeam(context.Background(), "T1")
	s, err := storage.Open(ctx, f.MongoDBURI()+"proxenos")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("healthy store: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if len(files) == 0 {
		t.Fatal("FerretDB wrote no SQLite file")
	}
	fillDisk(t, files...)
	full := storage.NewMongoStore(s.Backend.(*mongo.DB))
	if err := full.Ping(ctx); proxenos.ErrorCode(err) != proxenos.EUNAVAILABLE {
		t.Fatalf("full disk: Ping = %v, want EUNAVAILABLE", err)
	}
	if err := s.Backend.Ping(ctx); err != nil {
		t.Errorf("reads fail too (%v): the test does not show the write probe", err)
	}
}
