package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// SettingsService keeps each workspace's settings in SQLite, one row per
// workspace holding them as JSON.
type SettingsService struct {
	db *DB
}

var _ proxenos.SettingsService = (*SettingsService)(nil)

// NewSettingsService returns the settings stored in db.
func NewSettingsService(db *DB) *SettingsService {
	return &SettingsService{db: db}
}

// decodeSettings reads settings as stored.
var decodeSettings = decodeJSON(func(s *proxenos.Settings, loc *time.Location) { s.UpdatedAt = search.InZone(s.UpdatedAt, loc) })

// FindSettings returns the workspace's settings. ENOTFOUND when none.
func (s *SettingsService) FindSettings(ctx context.Context) (*proxenos.Settings, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	var doc string
	err = s.db.db.QueryRowContext(ctx, `SELECT doc FROM workspace_settings WHERE team = ?`, team).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.settings.not_found")
	} else if err != nil {
		return nil, translate(err, "find settings", team)
	}
	return decodeSettings(doc, loc)
}

// SaveSettings validates st and stores it, replacing the workspace's
// settings; it sets UpdatedAt. EINVALID.
func (s *SettingsService) SaveSettings(ctx context.Context, st *proxenos.Settings) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := st.Validate(); err != nil {
		return err
	}
	saved := *st
	saved.UpdatedAt = search.Clock(ctx, s.db.Now)
	doc, err := json.Marshal(&saved)
	if err != nil {
		return fmt.Errorf("sqlite: encode settings of %s: %w", team, err)
	}
	if err := s.db.putSettings(ctx, s.db.w, team, string(doc)); err != nil {
		return translate(err, "save settings", team)
	}
	st.UpdatedAt = saved.UpdatedAt
	return nil
}

// putSettings inserts or replaces the settings of team.
func (db *DB) putSettings(ctx context.Context, x queryer, team, doc string) error {
	_, err := x.ExecContext(ctx, `INSERT INTO workspace_settings (team, doc) VALUES (?, ?)
		ON CONFLICT (team) DO UPDATE SET doc = excluded.doc`, team, doc)
	return err
}

// eachSettings streams the workspace's settings: one record or none.
func (s *restorer) eachSettings(ctx context.Context, fn func(*proxenos.Settings) error) error {
	return each(ctx, s.db, `SELECT doc FROM workspace_settings WHERE team = ?`, docIn(decodeSettings), fn)
}

// restoreSettings stores st as the workspace's settings, with its
// UpdatedAt.
func (s *restorer) restoreSettings(ctx context.Context, st *proxenos.Settings) (bool, error) {
	return s.inTx(ctx, "settings", func(tx *sql.Tx, team string) (bool, error) {
		_, want, err := toRestore(ctx, tx, st, decodeSettings, `SELECT doc FROM workspace_settings WHERE team = ?`, team)
		if want == nil || err != nil {
			return false, err
		}
		doc, _ := json.Marshal(want) // stored has encoded it already
		return true, translate(s.db.putSettings(ctx, tx, team, string(doc)), "restore settings", team)
	})
}
