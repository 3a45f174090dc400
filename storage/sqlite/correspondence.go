package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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
	c, err := decodeEntry(doc)
	return c, id, err
}

// decodeEntry reads an entry's JSON, with its times in the office zone.
func decodeEntry(doc string) (*proxenos.Correspondence, error) {
	var c proxenos.Correspondence
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		return nil, fmt.Errorf("sqlite: decode correspondence: %w", err)
	}
	c.Date, c.CreatedAt, c.UpdatedAt = search.InZone(c.Date), search.InZone(c.CreatedAt), search.InZone(c.UpdatedAt)
	for i := range c.History {
		c.History[i].At = search.InZone(c.History[i].At)
	}
	return &c, nil
}

// FindCorrespondence returns the entries matching filter, ranked as the
// filter's doc comment says, and the total count of matches.
func (s *CorrespondenceService) FindCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	// Every condition is a fixed SQL fragment; user text only ever
	// travels as a bound argument.
	where, args := []string{"c.team = ?"}, []any{team}
	if f.Direction != "" {
		where, args = append(where, "c.direction = ?"), append(args, string(f.Direction))
	}
	if f.PartnerID != "" {
		where, args = append(where, "c.partner_id = ?"), append(args, f.PartnerID)
	}
	if f.Country != "" {
		where, args = append(where, "c.country_key = ?"), append(args, proxenos.SearchKey(f.Country))
	}
	if f.Tag != "" {
		where = append(where, "c.id IN (SELECT entry_id FROM correspondence_tags WHERE team = ? AND tag = ?)")
		args = append(args, team, proxenos.SearchKey(f.Tag))
	}
	// The period is half-open, [From, To), as for usage: a month is
	// From = the 1st, To = the 1st of the next month.
	if !f.From.IsZero() {
		where, args = append(where, "c.date >= ?"), append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		where, args = append(where, "c.date < ?"), append(args, f.To.Unix())
	}
	order := "c.date DESC, c.year DESC, c.number DESC"
	words := search.Query(f.Query)
	if f.Query != "" && len(words) == 0 {
		return nil, 0, nil // only punctuation: nothing can match
	}
	var from string
	var fromArgs []any
	if len(words) == 0 {
		from = "correspondence c"
	} else {
		// CROSS JOIN keeps SQLite from scanning the whole workspace and
		// probing the matches: it starts from the matched words instead.
		m, margs := matchQuery("correspondence_words", "entry_id", team, words)
		from = "(" + m + ") m CROSS JOIN correspondence c ON c.id = m.entry_id"
		fromArgs = margs
		order = "m.exact DESC, " + order
	}
	cond, all := strings.Join(where, " AND "), append(fromArgs, args...)
	// Rank and page on the small rows first; read only the page's
	// documents. Ranked matches are sorted in full anyway, so they are
	// counted in the same pass; a plain list walks an index and stops at
	// the page, so it is counted apart.
	count := "COUNT(*) OVER ()"
	if len(words) == 0 {
		count = "0"
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT c.id, `+count+` FROM `+from+` WHERE `+cond+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(all, limit, offset)...)
	if err != nil {
		return nil, 0, translate(err, "find correspondence", team)
	}
	var ids []int64
	total := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &total); err != nil {
			rows.Close()
			return nil, 0, translate(err, "scan correspondence", team)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err, "find correspondence", team)
	}
	if len(words) == 0 || len(ids) == 0 {
		if err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+cond, all...).Scan(&total); err != nil {
			return nil, 0, translate(err, "count correspondence", team)
		}
	}
	out, err := s.docs(ctx, ids)
	return out, total, err
}

// docs reads the entries with the given row ids, in that order.
func (s *CorrespondenceService) docs(ctx context.Context, ids []int64) ([]*proxenos.Correspondence, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, _ := json.Marshal(ids) // a []int64 always encodes
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, doc FROM correspondence_docs WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, translate(err, "read correspondence")
	}
	defer rows.Close()
	byID := make(map[int64]*proxenos.Correspondence, len(ids))
	for rows.Next() {
		var id int64
		var doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, translate(err, "read correspondence")
		}
		c, err := decodeEntry(doc)
		if err != nil {
			return nil, err
		}
		byID[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "read correspondence")
	}
	out := make([]*proxenos.Correspondence, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// matchQuery returns a subquery yielding (id, exact) for the records of
// team whose words match every query word: exact is 1 when every query
// word equals a whole word, 0 when some only begin one. The table holds
// (team, word, <idCol>). Query words are bound as values, never parsed.
func matchQuery(table, idCol, team string, words []string) (string, []any) {
	var parts []string
	var args []any
	for _, w := range words {
		if search.IsPrefixable(w) {
			parts = append(parts, `SELECT `+idCol+` AS id, MAX(word = ?) AS exact FROM `+table+
				` WHERE team = ? AND word >= ? AND word < ? GROUP BY `+idCol)
			args = append(args, w, team, w, w+"\U0010FFFF")
		} else {
			parts = append(parts, `SELECT `+idCol+` AS id, 1 AS exact FROM `+table+` WHERE team = ? AND word = ?`)
			args = append(args, team, w)
		}
	}
	q := `SELECT id AS ` + idCol + `, MIN(exact) AS exact FROM (` + strings.Join(parts, " UNION ALL ") +
		`) GROUP BY id HAVING COUNT(*) = ?`
	return q, append(args, len(words))
}

// CreateCorrespondence validates c, numbers it inside the write
// transaction (so numbers stay unique and gap-free across connections and
// processes), stores it and moves the partner's last contact.
func (s *CorrespondenceService) CreateCorrespondence(ctx context.Context, c *proxenos.Correspondence) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	now := search.Clock(s.db.Now)
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err, "begin create correspondence", team)
	}
	defer tx.Rollback()
	if c.PartnerID != "" {
		if err := requirePartner(ctx, tx, team, c.PartnerID); err != nil {
			return err
		}
	}
	// The write lock is held from BEGIN (IMMEDIATE), so no other
	// connection or process can take this number before the commit.
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM correspondence WHERE team = ? AND year = ?`,
		team, c.Protocol.Year).Scan(&next); err != nil {
		return translate(err, "next protocol number", team, c.Protocol.Year)
	}
	entry := *c
	entry.Protocol.Number = next
	entry.ID = entry.Protocol.String()
	entry.CreatedAt, entry.UpdatedAt, entry.History = now, now, nil
	if err := writeEntry(ctx, tx, team, 0, &entry, nil); err != nil {
		return err
	}
	if entry.PartnerID != "" {
		if err := touchPartner(ctx, tx, team, entry.PartnerID, entry.Date); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return translate(err, "commit correspondence", team, entry.Protocol.String())
	}
	*c = entry
	c.Date, c.CreatedAt, c.UpdatedAt = search.InZone(c.Date), now, now
	return nil
}

// writeEntry inserts (id 0) or replaces the entry row, its tags and its
// search words; old is the stored version being replaced.
func writeEntry(ctx context.Context, tx *sql.Tx, team string, id int64, c, old *proxenos.Correspondence) error {
	doc, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("sqlite: encode correspondence %s: %w", c.Protocol, err)
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO correspondence (team, year, number, direction, date, partner_id, country_key)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, team, c.Protocol.Year, c.Protocol.Number, string(c.Direction), c.Date.Unix(),
			c.PartnerID, proxenos.SearchKey(c.Country))
		if err != nil {
			return translate(err, "insert correspondence", team, c.Protocol.String())
		}
		if id, err = res.LastInsertId(); err != nil {
			return translate(err, "insert correspondence", team, c.Protocol.String())
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO correspondence_docs (id, doc) VALUES (?, ?)`, id, string(doc)); err != nil {
			return translate(err, "insert correspondence", team, c.Protocol.String())
		}
	} else {
		_, err := tx.ExecContext(ctx, `UPDATE correspondence SET direction = ?, date = ?, partner_id = ?, country_key = ?
			WHERE id = ?`, string(c.Direction), c.Date.Unix(), c.PartnerID, proxenos.SearchKey(c.Country), id)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE correspondence_docs SET doc = ? WHERE id = ?`, string(doc), id)
		}
		if err != nil {
			return translate(err, "update correspondence", team, c.Protocol.String())
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM correspondence_tags WHERE team = ? AND entry_id = ? AND tag IN (SELECT value FROM json_each(?))`,
			team, id, jsonList(tagKeys(old.Tags))); err != nil {
			return translate(err, "update correspondence tags", team, c.Protocol.String())
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM correspondence_words WHERE team = ? AND entry_id = ? AND word IN (SELECT value FROM json_each(?))`,
			team, id, jsonList(search.Words(old.SearchText()...))); err != nil {
			return translate(err, "update correspondence words", team, c.Protocol.String())
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO correspondence_tags (team, tag, entry_id) SELECT ?, value, ? FROM json_each(?)`,
		team, id, jsonList(tagKeys(c.Tags))); err != nil {
		return translate(err, "insert correspondence tags", team, c.Protocol.String())
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO correspondence_words (team, word, entry_id) SELECT ?, value, ? FROM json_each(?)`,
		team, id, jsonList(search.Words(c.SearchText()...))); err != nil {
		return translate(err, "insert correspondence words", team, c.Protocol.String())
	}
	return nil
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
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, translate(err, "begin update correspondence", team, p.String())
	}
	defer tx.Rollback()
	c, id, err := findEntry(ctx, tx, team, p)
	if err != nil {
		return nil, err
	}
	// Keep the stored version: its words and tags are deleted by value.
	old := *c
	old.Tags = append([]string(nil), c.Tags...)
	changes := upd.Apply(c)
	if len(changes) == 0 {
		return c, nil
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	now := search.Clock(s.db.Now)
	c.UpdatedAt = now
	c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
	if c.PartnerID != "" && c.PartnerID != old.PartnerID {
		if err := requirePartner(ctx, tx, team, c.PartnerID); err != nil {
			return nil, err
		}
	}
	if err := writeEntry(ctx, tx, team, id, c, &old); err != nil {
		return nil, err
	}
	if c.PartnerID != "" {
		if err := touchPartner(ctx, tx, team, c.PartnerID, c.Date); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, translate(err, "commit correspondence update", team, p.String())
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
