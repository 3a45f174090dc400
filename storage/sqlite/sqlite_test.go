package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// MustOpenDB opens a fresh database in a temporary directory, closed when
// tb ends.
func MustOpenDB(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "data", "proxenos.db")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, now func() time.Time) *storage.Store {
		db := MustOpenDB(t, "")
		db.Now = now
		return storage.NewSQLiteStore(db)
	})
}

// TestConformanceMerged runs the register's cases with every query of
// two or more indexed conditions answered by merging their index streams
// rather than by probes: both plans must give the same answers.
func TestConformanceMerged(t *testing.T) {
	defer sqlite.SetProbeBelow(1)()
	open := func(t *testing.T, now func() time.Time) *storage.Store {
		db := MustOpenDB(t, "")
		db.Now = now
		return storage.NewSQLiteStore(db)
	}
	t.Run("Correspondence", func(t *testing.T) { storagetest.RunCorrespondence(t, open) })
	t.Run("Search", func(t *testing.T) { storagetest.RunSearch(t, open) })
}

// TestTwoOpens is two processes' worth of connections on one file, each
// writing at once: numbers stay unique and gap-free, nothing is lost.
func TestTwoOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := MustOpenDB(t, path), MustOpenDB(t, path)
	storagetest.RunConcurrentNumbersOn(t, []*storage.Store{storage.NewSQLiteStore(a), storage.NewSQLiteStore(b)}, 2, 500)
	// A third open of the migrated file finds everything.
	c := MustOpenDB(t, path)
	if _, n, err := sqlite.NewCorrespondenceService(c).FindCorrespondence(storagetest.Ctx(storagetest.Team, "U1"), proxenos.CorrespondenceFilter{}); err != nil || n != 1000 {
		t.Fatalf("reopened file holds %d entries (%v), want 1000", n, err)
	}
}

func TestOpen(t *testing.T) {
	t.Run("ErrNewerSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.db")
		MustOpenDB(t, path)
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`INSERT INTO migrations (version, applied_at) VALUES (999, 0)`); err != nil {
			t.Fatal(err)
		}
		_, err = sqlite.Open(context.Background(), path)
		if got, want := proxenos.ErrorCode(err), proxenos.EUNAVAILABLE; got != want {
			t.Fatalf("code %q (%v), want %q", got, err, want)
		}
		var e *proxenos.Error
		if !errors.As(err, &e) || e.Key != "storage.sqlite.newer_schema" {
			t.Fatalf("error %v, want storage.sqlite.newer_schema", err)
		}
	})
	t.Run("ErrUnavailable", func(t *testing.T) {
		// A directory where the file should be cannot be opened as a database.
		_, err := sqlite.Open(context.Background(), t.TempDir())
		if got, want := proxenos.ErrorCode(err), proxenos.EUNAVAILABLE; got != want {
			t.Fatalf("code %q (%v), want %q", got, err, want)
		}
	})
	t.Run("Ping", func(t *testing.T) {
		db := MustOpenDB(t, "")
		if err := db.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}
