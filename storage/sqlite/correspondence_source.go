package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/proxenos/proxenos"
)

// FindCorrespondenceBySource returns the entry logged from source.
// ENOTFOUND if none.
func (s *CorrespondenceService) FindCorrespondenceBySource(ctx context.Context, source string) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	p, err := sourceEntry(ctx, s.db.db, team, source)
	if err != nil {
		return nil, err
	}
	if p.IsZero() {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.corr.source_not_found")
	}
	c, _, err := findEntry(ctx, s.db.db, team, p)
	return c, err
}

// sourceEntry returns the number of the entry logged from source; zero
// when none was.
func sourceEntry(ctx context.Context, q queryer, team, source string) (proxenos.ProtocolNumber, error) {
	var p proxenos.ProtocolNumber
	err := q.QueryRowContext(ctx, `SELECT year, number FROM correspondence_sources WHERE team = ? AND source = ?`,
		team, source).Scan(&p.Year, &p.Number)
	if errors.Is(err, sql.ErrNoRows) {
		return proxenos.ProtocolNumber{}, nil
	}
	return p, translate(err, "find correspondence source", team, source)
}

// claimSources records that c was logged from its sources. ECONFLICT
// ("corr.already_logged") when one of them was logged as another entry.
func claimSources(ctx context.Context, tx *sql.Tx, team string, c *proxenos.Correspondence) error {
	for _, src := range c.Sources {
		p, err := sourceEntry(ctx, tx, team, src)
		if err != nil {
			return err
		}
		if !p.IsZero() && p != c.Protocol {
			return proxenos.Errorf(proxenos.ECONFLICT, "corr.already_logged", p.String())
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO correspondence_sources (team, source, year, number) VALUES (?, ?, ?, ?)`,
			team, src, c.Protocol.Year, c.Protocol.Number); err != nil {
			return translate(err, "claim correspondence source", team, src)
		}
	}
	return nil
}

// reclaimSources records the sources of c, stored over an entry of the
// same number that had others (a restore): those it no longer names are
// free again. ECONFLICT as claimSources.
func reclaimSources(ctx context.Context, tx *sql.Tx, team string, c *proxenos.Correspondence) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM correspondence_sources WHERE team = ? AND year = ? AND number = ?`,
		team, c.Protocol.Year, c.Protocol.Number); err != nil {
		return translate(err, "release correspondence sources", team, c.Protocol.String())
	}
	return claimSources(ctx, tx, team, c)
}
