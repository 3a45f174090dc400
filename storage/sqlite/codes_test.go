package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestMigrateCodes reopens a file whose countries and languages were kept
// as typed, with the backfill pending as the migration leaves it, and
// checks that they become codes, batch after batch, and that the ones
// that name nothing are kept and logged; and that a second Open leaves
// the file alone.
func TestMigrateCodes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	storagetest.SeedLegacyCodes(t, storage.NewSQLiteStore(db))
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT OR IGNORE INTO backfills (name) VALUES ('codes')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	defer sqlite.SetCodesBatch(2)()
	log := storagetest.CaptureLog(t)
	db = MustOpenDB(t, path)
	storagetest.CheckCodes(t, storage.NewSQLiteStore(db), log())
	db.Close()

	before := log()
	MustOpenDB(t, path)
	if after := log(); after != before {
		t.Errorf("a second Open logged again:\n%s", after[len(before):])
	}
}
