package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// PreferenceService keeps users' preferences in SQLite, one row per
// workspace and user.
type PreferenceService struct {
	db *DB
}

var _ proxenos.PreferenceService = (*PreferenceService)(nil)

// NewPreferenceService returns the preferences stored in db.
func NewPreferenceService(db *DB) *PreferenceService {
	return &PreferenceService{db: db}
}

// FindPreference returns the preferences of user. ENOTFOUND when none.
func (s *PreferenceService) FindPreference(ctx context.Context, user string) (*proxenos.Preference, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	var lang string
	var updated int64
	err = s.db.db.QueryRowContext(ctx, `SELECT lang, updated_at FROM preferences WHERE team = ? AND user = ?`,
		team, user).Scan(&lang, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.preference.not_found")
	} else if err != nil {
		return nil, translate(err, "find preference", team, user)
	}
	return &proxenos.Preference{User: user, Lang: proxenos.Lang(lang), UpdatedAt: search.InZone(time.UnixMilli(updated), loc)}, nil
}

// SetPreference validates p and stores it, replacing the user's previous
// preferences in one statement. EINVALID.
func (s *PreferenceService) SetPreference(ctx context.Context, p *proxenos.Preference) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	if _, err := s.db.w.ExecContext(ctx, `INSERT INTO preferences (team, user, lang, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (team, user) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at`,
		team, p.User, string(p.Lang), now.UnixMilli()); err != nil {
		return translate(err, "set preference", team, p.User)
	}
	p.UpdatedAt = now
	return nil
}
