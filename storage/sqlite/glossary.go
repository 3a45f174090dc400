package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// GlossaryService keeps the office glossary in SQLite.
type GlossaryService struct {
	db *DB
}

var _ proxenos.GlossaryService = (*GlossaryService)(nil)

// NewGlossaryService returns the glossary stored in db.
func NewGlossaryService(db *DB) *GlossaryService {
	return &GlossaryService{db: db}
}

// FindGlossary returns every entry of the workspace, oldest first.
func (s *GlossaryService) FindGlossary(ctx context.Context) ([]*proxenos.GlossaryEntry, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	return readDocs(ctx, s.db.db, zoned(decodeGlossary, loc), "find glossary", team, `SELECT doc FROM glossary WHERE team = ? ORDER BY seq`, team)
}

// CreateGlossaryEntry validates e and stores it with a new id. EINVALID.
// A request run again gets the entry it made.
func (s *GlossaryService) CreateGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	entry := *e
	entry.ID, entry.CreatedAt = search.NewID(), search.Clock(ctx, s.db.Now)
	doc, err := json.Marshal(&entry)
	if err != nil {
		return fmt.Errorf("sqlite: encode glossary entry: %w", err)
	}
	made, err := createOnce(ctx, s.db, "glossary", team, entry.ID, findGlossaryEntry, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO glossary (id, team, doc) VALUES (?, ?, ?)`, entry.ID, team, string(doc))
		return translate(err, "insert glossary entry", team)
	}, "create glossary entry")
	if err != nil {
		return err
	}
	*e = *cmp.Or(made, &entry)
	return nil
}

// findGlossaryEntry returns an entry of team by id. ENOTFOUND if none.
var findGlossaryEntry = docFinder("glossary", "storage.glossary.not_found", decodeGlossary)

// DeleteGlossaryEntry removes an entry of the workspace. ENOTFOUND.
func (s *GlossaryService) DeleteGlossaryEntry(ctx context.Context, id string) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	res, err := s.db.w.ExecContext(ctx, `DELETE FROM glossary WHERE team = ? AND id = ?`, team, id)
	if err != nil {
		return translate(err, "delete glossary entry", team, id)
	}
	if n, err := res.RowsAffected(); err != nil {
		return translate(err, "delete glossary entry", team, id)
	} else if n == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "storage.glossary.not_found", id)
	}
	return nil
}
