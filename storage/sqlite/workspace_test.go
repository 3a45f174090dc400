package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// noTeamColumn are the tables without a team column, and why deleting a
// workspace may pass them by (or how it deletes their rows).
var noTeamColumn = map[string]string{
	"correspondence_docs":           "deleted with correspondence, by row id",
	"correspondence_search":         "deleted with correspondence, by search id",
	"correspondence_search_data":    "FTS5's own, follows correspondence_search",
	"correspondence_search_idx":     "FTS5's own, follows correspondence_search",
	"correspondence_search_docsize": "FTS5's own, follows correspondence_search",
	"correspondence_search_config":  "FTS5's own, follows correspondence_search",
	"intake_answers":                "deleted with intake (ON DELETE CASCADE)",
	"leases":                        "which replica runs the reminders: no workspace's",
	"migrations":                    "bookkeeping of the schema",
	"backfills":                     "bookkeeping of the schema",
}

// TestDeleteWorkspaceCoversTables fails when a workspace's rows are left
// in any table once it is deleted, or when a table without a team column
// is added that the delete does not know how to empty: the conformance
// case sees only the registers.
func TestDeleteWorkspaceCoversTables(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db := MustOpenDB(t, path)
	db.Now = storagetest.NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, storagetest.Athens)).Now
	s := storage.NewSQLiteStore(db)
	storagetest.Seed(t, s)
	for _, team := range []string{storagetest.Team, storagetest.OtherTeam} {
		if err := s.Installations.SaveInstallation(ctx, storagetest.NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteWorkspace(ctx, storagetest.Team); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	tables := query[string](t, raw, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	withTeam := map[string]bool{}
	for _, table := range query[string](t, raw, `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'team'`) {
		withTeam[table] = true
	}
	for _, table := range tables {
		switch {
		case withTeam[table]:
			n := query[int](t, raw, fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE team = ?`, table), storagetest.Team)[0]
			other := query[int](t, raw, fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE team = ?`, table), storagetest.OtherTeam)[0]
			if n != 0 {
				t.Errorf("table %s: %d rows of the deleted workspace", table, n)
			}
			if other == 0 && table != "receipts" && table != "intake" && table != "obligation_claims" && table != "person_requests" {
				t.Errorf("table %s: no row of the other workspace (was the seed enough?)", table)
			}
		case noTeamColumn[table] == "":
			t.Errorf("table %s has no team column: DeleteWorkspace cannot empty it; delete its rows and list it in noTeamColumn", table)
		}
	}
	if orphans := query[int](t, raw, `SELECT COUNT(*) FROM correspondence_docs WHERE id NOT IN (SELECT id FROM correspondence)`)[0]; orphans != 0 {
		t.Errorf("%d documents of deleted entries left", orphans)
	}
	if orphans := query[int](t, raw, `SELECT COUNT(*) FROM intake_answers WHERE seq NOT IN (SELECT seq FROM intake)`)[0]; orphans != 0 {
		t.Errorf("%d answers of deleted requests left", orphans)
	}
	if orphans := query[int](t, raw, `SELECT COUNT(*) FROM correspondence_search
		WHERE rowid NOT IN (SELECT search_id FROM correspondence WHERE search_id IS NOT NULL)`)[0]; orphans != 0 {
		t.Errorf("%d search rows of deleted entries left", orphans)
	}
}

// query returns the first column of every row of q.
func query[T any](t *testing.T, db *sql.DB, q string, args ...any) []T {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
