package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// CalendarService keeps calendar feeds in SQLite.
type CalendarService struct {
	db *DB
}

var _ proxenos.CalendarService = (*CalendarService)(nil)

// NewCalendarService returns the calendar feeds stored in db.
func NewCalendarService(db *DB) *CalendarService {
	return &CalendarService{db: db}
}

// CreateCalendarFeed stores f as a live feed of the workspace and user in
// ctx. EINVALID; ECONFLICT when the token hash is taken. A request run
// again leaves only its latest feed live.
func (s *CalendarService) CreateCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	feed := *f
	feed.Team, feed.User, feed.CreatedAt, feed.RevokedAt = team, proxenos.UserFromContext(ctx), search.Clock(ctx, s.db.Now), time.Time{}
	if err := feed.Validate(); err != nil {
		return err
	}
	request := proxenos.RequestFromContext(ctx)
	err = s.db.writeTx(ctx, func(tx *sql.Tx) error {
		// The feed an earlier run of the request made is revoked: its
		// address was never shown (the answer was lost), this one's will be.
		if request != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = COALESCE(revoked_at, ?), request_id = NULL
				WHERE team = ? AND request_id = ?`, feed.CreatedAt.UnixMilli(), team, request); err != nil {
				return translate(err, "revoke calendar feed of request", team, feed.User)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_feeds (token_hash, team, user, mine_only, lang, created_at, request_id)
			VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''))`, feed.TokenHash, team, feed.User, feed.MineOnly, string(feed.Lang),
			feed.CreatedAt.UnixMilli(), request)
		return translate(err, "insert calendar feed", team, feed.User)
	}, "create calendar feed", team, feed.User)
	if err != nil {
		return err
	}
	*f = feed
	return nil
}

// FindCalendarFeed returns the live feed whose token hashes to hash.
// ENOTFOUND when there is none or it was revoked.
func (s *CalendarService) FindCalendarFeed(ctx context.Context, hash string) (*proxenos.CalendarFeed, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var (
		f       proxenos.CalendarFeed
		lang    string
		created int64
	)
	err := s.db.db.QueryRowContext(ctx, `SELECT token_hash, team, user, mine_only, lang, created_at
		FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`, hash).
		Scan(&f.TokenHash, &f.Team, &f.User, &f.MineOnly, &lang, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "calendar.not_found")
	} else if err != nil {
		// The hash is a credential's digest: keep it out of error text.
		return nil, translate(err, "find calendar feed")
	}
	f.Lang, f.CreatedAt = proxenos.Lang(lang), search.InZone(time.UnixMilli(created), loc)
	return &f, nil
}

// RevokeCalendarFeeds revokes every live feed of the user in ctx and
// returns how many there were.
func (s *CalendarService) RevokeCalendarFeeds(ctx context.Context) (int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return 0, err
	}
	user := proxenos.UserFromContext(ctx)
	res, err := s.db.w.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = ?
		WHERE team = ? AND user = ? AND revoked_at IS NULL`, search.Clock(ctx, s.db.Now).UnixMilli(), team, user)
	if err != nil {
		return 0, translate(err, "revoke calendar feeds", team, user)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, translate(err, "revoke calendar feeds", team, user)
	}
	return int(n), nil
}
