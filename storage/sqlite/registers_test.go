package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// notRegisters are the tables of the schema that are no register of
// their own: each is kept with a register's records, and restoring the
// register rebuilds it, or is transient or bookkeeping, never backed up.
var notRegisters = map[string]string{
	"correspondence_docs":           "kept with correspondence",
	"correspondence_search":         "kept with correspondence",
	"correspondence_search_data":    "kept with correspondence (FTS5)",
	"correspondence_search_idx":     "kept with correspondence (FTS5)",
	"correspondence_search_config":  "kept with correspondence (FTS5)",
	"correspondence_search_docsize": "kept with correspondence (FTS5)",
	"search_slots":                  "kept with correspondence: each workspace's rowids in the search index",
	"correspondence_sources":        "kept with correspondence",
	"correspondence_counts":         "kept with correspondence",
	"partner_words":                 "kept with partners",
	"obligation_claims":             "kept with obligations",
	"person_requests":               "bookkeeping: which request added a person to a partner",
	"leases":                        "transient: which replica runs the reminders",
	"receipts":                      "transient: requests received",
	"intake":                        "transient: requests acknowledged until answered",
	"intake_answers":                "transient: kept with intake",
	"migrations":                    "bookkeeping of the schema",
	"installations":                 "secrets: the provider's tokens of each workspace, never exported; reinstalled instead",
	"backfills":                     "bookkeeping of the schema: rewrites left after a migration",
}

// TestRegistersCoverTables fails when a table holds records that no
// register streams: a table added to the schema must be a register's
// (registers in restore.go, and the registry in storage/registry.go), or
// be listed above with the reason backups leave it out.
func TestRegistersCoverTables(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	registered := registers(db)
	for _, table := range tables {
		if _, ok := registered[table]; !ok && notRegisters[table] == "" {
			t.Errorf("table %s is no register's: export, import and migrate would leave its records out", table)
		}
	}
	for table, r := range registered {
		if !slices.Contains(tables, table) {
			t.Errorf("register %s reads table %s, which the schema lacks", r.Kind(), table)
		}
		if _, err := r.Teams(ctx); err != nil {
			t.Errorf("register %s: %v", r.Kind(), err)
		}
	}
	for table := range notRegisters {
		if !slices.Contains(tables, table) {
			t.Errorf("table %s is listed as no register, but the schema lacks it", table)
		}
	}
}
