package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// DeleteWorkspace deletes every record of team, in every table that keeps
// a team column, and its installation, in one write transaction: what
// `proxenos workspace delete` does once the office's data is exported.
// Tables are found in the schema, so that one added later is not left
// behind; TestDeleteWorkspaceCoversTables checks the few without a team
// column.
func (db *DB) DeleteWorkspace(ctx context.Context, team string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		// The rows of a team reference each other (contacts their
		// partner); checked at commit, the order of deletes is free.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return translate(err, "delete workspace", team)
		}
		// Kept with correspondence by its row id or search id, without a
		// team column.
		for _, q := range []string{
			`DELETE FROM correspondence_docs WHERE id IN (SELECT id FROM correspondence WHERE team = ?)`,
			`DELETE FROM correspondence_search WHERE rowid IN (SELECT search_id FROM correspondence WHERE team = ? AND search_id IS NOT NULL)`,
		} {
			if _, err := tx.ExecContext(ctx, q, team); err != nil {
				return translate(err, "delete workspace", team)
			}
		}
		tables, err := teamTables(ctx, tx)
		if err != nil {
			return translate(err, "delete workspace", team)
		}
		for _, table := range tables {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM %q WHERE team = ?`, table), team); err != nil {
				return translate(err, "delete workspace", team, table)
			}
		}
		return nil
	}, "delete workspace", team)
}

// teamTables returns the tables of the schema that have a team column.
func teamTables(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'team' ORDER BY m.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
