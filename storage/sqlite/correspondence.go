package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// CorrespondenceService keeps the correspondence register in SQLite.
type CorrespondenceService struct {
	db *DB
}

var _ proxenos.CorrespondenceService = (*CorrespondenceService)(nil)

// NewCorrespondenceService returns the register stored in db.
func NewCorrespondenceService(db *DB) *CorrespondenceService {
	return &CorrespondenceService{db: db}
}

// FindCorrespondenceByNumber returns one entry. ENOTFOUND if none.
func (s *CorrespondenceService) FindCorrespondenceByNumber(ctx context.Context, p proxenos.ProtocolNumber) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	c, _, err := findEntry(ctx, s.db.db, team, p)
	return c, err
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// findEntry returns an entry and its row id. ENOTFOUND if none.
func findEntry(ctx context.Context, q queryer, team string, p proxenos.ProtocolNumber) (*proxenos.Correspondence, int64, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var id int64
	var doc string
	err := q.QueryRowContext(ctx, `SELECT c.id, d.doc FROM correspondence c JOIN correspondence_docs d ON d.id = c.id
		WHERE c.team = ? AND c.year = ? AND c.number = ?`,
		team, p.Year, p.Number).Scan(&id, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, proxenos.Errorf(proxenos.ENOTFOUND, "storage.corr.not_found", p.String())
	} else if err != nil {
		return nil, 0, translate(err, "find correspondence", team, p.String())
	}
	c, err := decodeEntry(doc, loc)
	return c, id, err
}

// decodeEntry reads an entry's JSON, with its times in loc.
func decodeEntry(doc string, loc *time.Location) (*proxenos.Correspondence, error) {
	var c proxenos.Correspondence
	if err := decodeDoc(doc, &c); err != nil {
		return nil, fmt.Errorf("sqlite: decode correspondence: %w", err)
	}
	c.Date, c.CreatedAt, c.UpdatedAt = search.InZone(c.Date, loc), search.InZone(c.CreatedAt, loc), search.InZone(c.UpdatedAt, loc)
	c.Registered = search.InZone(c.Registered, loc)
	for i := range c.History {
		c.History[i].At = search.InZone(c.History[i].At, loc)
	}
	return &c, nil
}

// CreateCorrespondence validates c, numbers it inside the write
// transaction (so numbers stay unique and gap-free across connections and
// processes), stores it and moves the partner's last contact. A repeated
// request finds its entry in the same transaction, before numbering.
func (s *CorrespondenceService) CreateCorrespondence(ctx context.Context, c *proxenos.Correspondence) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	now := search.Clock(ctx, s.db.Now)
	if c.Registered.IsZero() {
		c.Registered = search.Day(now, loc)
	}
	if err := c.Validate(); err != nil {
		return err
	}
	request := proxenos.RequestFromContext(ctx)
	entry := *c
	var made *proxenos.Correspondence // by an earlier run of the request
	err = s.db.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		if made, err = entryOfRequest(ctx, tx, team, request); made != nil || err != nil {
			return err
		}
		if c.PartnerID != "" {
			if err := requirePartner(ctx, tx, team, c.PartnerID); err != nil {
				return err
			}
		}
		// The write lock is held from BEGIN (IMMEDIATE), so no other
		// connection or process can take this number before the commit.
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM correspondence WHERE team = ? AND year = ?`,
			team, c.Protocol.Year).Scan(&entry.Protocol.Number); err != nil {
			return translate(err, "next protocol number", team, c.Protocol.Year)
		}
		entry.ID = entry.Protocol.String()
		entry.CreatedAt, entry.UpdatedAt, entry.History = now, now, nil
		if err := writeEntry(ctx, tx, team, 0, &entry, nil); err != nil {
			return err
		}
		if err := markRequest(ctx, tx, team, request, entry.Protocol); err != nil {
			return err
		}
		return touchPartnerOf(ctx, tx, team, &entry)
	}, "create correspondence", team, c.Protocol.Year)
	if err != nil {
		return err
	}
	if made != nil {
		*c = *made
		return nil
	}
	*c = entry
	c.Date, c.Registered, c.CreatedAt, c.UpdatedAt = search.InZone(c.Date, loc), search.InZone(c.Registered, loc), now, now
	return nil
}

// entryOfRequest returns the entry the request created, or nil when it
// created none (or there is no request).
func entryOfRequest(ctx context.Context, tx *sql.Tx, team, request string) (*proxenos.Correspondence, error) {
	if request == "" {
		return nil, nil
	}
	var p proxenos.ProtocolNumber
	err := tx.QueryRowContext(ctx, `SELECT year, number FROM correspondence WHERE team = ? AND request_id = ?`,
		team, request).Scan(&p.Year, &p.Number)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, translate(err, "find correspondence of request", team, request)
	}
	c, _, err := findEntry(ctx, tx, team, p)
	return c, err
}

// markRequest records that the request created entry p.
func markRequest(ctx context.Context, tx *sql.Tx, team, request string, p proxenos.ProtocolNumber) error {
	if request == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE correspondence SET request_id = ? WHERE team = ? AND year = ? AND number = ?`,
		request, team, p.Year, p.Number)
	return translate(err, "mark correspondence request", team, p.String())
}

// writeEntry inserts (id 0) or replaces the entry row, its document, its
// search row and the workspace's counts; old is the stored version
// being replaced.
func writeEntry(ctx context.Context, tx *sql.Tx, team string, id int64, c, old *proxenos.Correspondence) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("sqlite: encode correspondence %s: %w", c.Protocol, err)
	}
	slot, err := searchSlot(ctx, tx, team, c.Protocol)
	if err != nil {
		return translate(err, "search slot", team)
	}
	sid, err := searchID(slot, c)
	if err != nil {
		return err
	}
	if id == 0 {
		if err := insertEntry(ctx, tx, team, sid, c, doc); err != nil {
			return err
		}
		return claimSources(ctx, tx, team, c)
	}
	var was sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT search_id FROM correspondence WHERE id = ?`, id).Scan(&was)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE correspondence SET direction = ?, date = ?, partner_id = ?, country_key = ?, search_id = ?
			WHERE id = ?`, string(c.Direction), c.Registered.Unix(), c.PartnerID, proxenos.SearchKey(c.Country), sid, id)
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE correspondence_docs SET doc = ? WHERE id = ?`, string(doc), id)
	}
	if err == nil && old.Direction != c.Direction {
		if err = addCount(ctx, tx, team, old.Direction, -1); err == nil {
			err = addCount(ctx, tx, team, c.Direction, 1)
		}
	}
	if err != nil {
		return translate(err, "update correspondence", team, c.Protocol.String())
	}
	if !slices.Equal(old.Sources, c.Sources) { // a restore over an entry
		if err := reclaimSources(ctx, tx, team, c); err != nil {
			return err
		}
	}
	// The search row moves only when the terms or the place change.
	if was.Valid && was.Int64 == sid && searchText(old) == searchText(c) {
		return nil
	}
	if was.Valid {
		if err := unindexEntry(ctx, tx, was.Int64); err != nil {
			return err
		}
	}
	return indexEntry(ctx, tx, sid, c)
}

// insertEntry inserts the entry row, its document and its search row of
// rowid sid, and counts it.
func insertEntry(ctx context.Context, tx *sql.Tx, team string, sid int64, c *proxenos.Correspondence, doc []byte) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO correspondence (team, year, number, direction, date, partner_id, country_key, search_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, team, c.Protocol.Year, c.Protocol.Number, string(c.Direction), c.Registered.Unix(),
		c.PartnerID, proxenos.SearchKey(c.Country), sid)
	var id int64
	if err == nil {
		id, err = res.LastInsertId()
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `INSERT INTO correspondence_docs (id, doc) VALUES (?, ?)`, id, string(doc))
	}
	if err == nil {
		err = addCount(ctx, tx, team, c.Direction, 1)
	}
	if err != nil {
		return translate(err, "insert correspondence", team, c.Protocol.String())
	}
	return indexEntry(ctx, tx, sid, c)
}

// indexNew indexes the stored entry c of row id, which has no search row.
func indexNew(ctx context.Context, tx *sql.Tx, team string, id int64, c *proxenos.Correspondence) error {
	slot, err := searchSlot(ctx, tx, team, c.Protocol)
	if err != nil {
		return err
	}
	sid, err := searchID(slot, c)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE correspondence SET search_id = ? WHERE id = ?`, sid, id); err != nil {
		return err
	}
	return indexEntry(ctx, tx, sid, c)
}

// addCount adds delta to the workspace's count of entries in direction d.
func addCount(ctx context.Context, tx *sql.Tx, team string, d proxenos.Direction, delta int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO correspondence_counts (team, direction, n) VALUES (?, ?, ?)
		ON CONFLICT (team, direction) DO UPDATE SET n = n + excluded.n`, team, string(d), delta)
	return err
}

// tagKeys returns the search keys of tags.
func tagKeys(tags []string) []string {
	keys := make([]string, 0, len(tags))
	for _, t := range tags {
		keys = append(keys, proxenos.SearchKey(t))
	}
	return keys
}

// jsonList encodes a list of strings for json_each, so that a whole list
// is one bound value.
func jsonList(items []string) string {
	if items == nil {
		return "[]"
	}
	b, _ := json.Marshal(items) // a []string always encodes
	return string(b)
}

// UpdateCorrespondence applies upd, validates the result and records the
// change in the history, all in one transaction. No change, no history.
func (s *CorrespondenceService) UpdateCorrespondence(ctx context.Context, p proxenos.ProtocolNumber, upd proxenos.CorrespondenceUpdate) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	var c *proxenos.Correspondence
	err = s.db.writeTx(ctx, func(tx *sql.Tx) error {
		var id int64
		if c, id, err = findEntry(ctx, tx, team, p); err != nil {
			return err
		}
		// Keep the stored version: its words and tags are deleted by value.
		old := *c
		old.Tags = append([]string(nil), c.Tags...)
		changes := upd.Apply(c)
		if len(changes) == 0 {
			return nil
		}
		if err := c.Validate(); err != nil {
			return err
		}
		now := search.Clock(ctx, s.db.Now)
		c.UpdatedAt = now
		c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		if c.PartnerID != "" && c.PartnerID != old.PartnerID {
			if err := requirePartner(ctx, tx, team, c.PartnerID); err != nil {
				return err
			}
		}
		if err := writeEntry(ctx, tx, team, id, c, &old); err != nil {
			return err
		}
		return touchPartnerOf(ctx, tx, team, c)
	}, "update correspondence", team, p.String())
	if err != nil {
		return nil, err
	}
	return c, nil
}

// requirePartner returns EINVALID unless the partner exists in team.
func requirePartner(ctx context.Context, q queryer, team, id string) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM partners WHERE team = ? AND id = ?`, team, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return proxenos.Errorf(proxenos.EINVALID, "storage.partner.unknown", id)
	}
	return translate(err, "find partner", team, id)
}

// touchPartner moves the partner's last contact to d if d is later.
func touchPartner(ctx context.Context, q queryer, team, id string, d time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE partners SET last_contact = ? WHERE team = ? AND id = ? AND (last_contact IS NULL OR last_contact < ?)`,
		d.UnixMilli(), team, id, d.UnixMilli())
	return translate(err, "update last contact", team, id)
}

// touchPartnerOf moves the last contact of c's partner, if it has one,
// to c's date if that is later.
func touchPartnerOf(ctx context.Context, q queryer, team string, c *proxenos.Correspondence) error {
	if c.PartnerID == "" {
		return nil
	}
	return touchPartner(ctx, q, team, c.PartnerID, c.Date)
}
