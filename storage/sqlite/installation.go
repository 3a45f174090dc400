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

// InstallationService keeps the installations of a distribution-mode
// deployment in SQLite, one row per workspace. It stores the tokens as it
// is given them: wrap it in a secret.Installations so that they are
// sealed.
type InstallationService struct {
	db *DB
}

var _ proxenos.InstallationService = (*InstallationService)(nil)

// NewInstallationService returns the installations stored in db.
func NewInstallationService(db *DB) *InstallationService {
	return &InstallationService{db: db}
}

// SaveInstallation validates inst and stores it, replacing the team's
// installation. It sets UpdatedAt, and InstalledAt when zero. EINVALID.
func (s *InstallationService) SaveInstallation(ctx context.Context, inst *proxenos.Installation) error {
	if err := inst.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	saved := *inst
	saved.UpdatedAt = now
	if saved.InstalledAt.IsZero() {
		saved.InstalledAt = now
	}
	doc, err := json.Marshal(&saved)
	if err != nil {
		return fmt.Errorf("sqlite: encode installation %s: %w", inst.Team, err)
	}
	if _, err := s.db.w.ExecContext(ctx, `INSERT INTO installations (team, doc) VALUES (?, ?)
		ON CONFLICT (team) DO UPDATE SET doc = excluded.doc`, inst.Team, string(doc)); err != nil {
		return translate(err, "save installation", inst.Team)
	}
	inst.UpdatedAt, inst.InstalledAt = saved.UpdatedAt, saved.InstalledAt
	return nil
}

// FindInstallation returns the installation of team. ENOTFOUND when none.
func (s *InstallationService) FindInstallation(ctx context.Context, team string) (*proxenos.Installation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var doc string
	err := s.db.db.QueryRowContext(ctx, `SELECT doc FROM installations WHERE team = ?`, team).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.installation.not_found")
	} else if err != nil {
		return nil, translate(err, "find installation", team)
	}
	return decodeInstallation(doc, loc)
}

// MarkUninstalled records that team removed the app at. ENOTFOUND when
// the team has no installation.
func (s *InstallationService) MarkUninstalled(ctx context.Context, team string, at time.Time) error {
	day, _ := json.Marshal(at) // a time of years 0-9999 always encodes
	res, err := s.db.w.ExecContext(ctx, `UPDATE installations SET doc = json_set(doc, '$.Uninstalled', json(?)) WHERE team = ?`,
		string(day), team)
	if err != nil {
		return translate(err, "mark uninstalled", team)
	}
	if n, err := res.RowsAffected(); err != nil {
		return translate(err, "mark uninstalled", team)
	} else if n == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "storage.installation.not_found")
	}
	return nil
}

// EachInstallation calls f with every installation in team order.
func (s *InstallationService) EachInstallation(ctx context.Context, f func(*proxenos.Installation) error) error {
	loc := proxenos.ZoneFromContext(ctx)
	return eachRow(ctx, s.db.db, docOf(zoned(decodeInstallation, loc)), f, "list installations", "",
		`SELECT doc FROM installations ORDER BY team`)
}

// decodeInstallation decodes an installation's row, its times in loc.
func decodeInstallation(doc string, loc *time.Location) (*proxenos.Installation, error) {
	var inst proxenos.Installation
	if err := json.Unmarshal([]byte(doc), &inst); err != nil {
		return nil, fmt.Errorf("sqlite: decode installation: %w", err)
	}
	inst.InstalledAt, inst.UpdatedAt = search.InZone(inst.InstalledAt, loc), search.InZone(inst.UpdatedAt, loc)
	return &inst, nil
}
