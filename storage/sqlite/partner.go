package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// PartnerService keeps the partner directory and the contact log in SQLite.
type PartnerService struct {
	db *DB
}

var _ proxenos.PartnerService = (*PartnerService)(nil)

// NewPartnerService returns the directory stored in db.
func NewPartnerService(db *DB) *PartnerService {
	return &PartnerService{db: db}
}

// partnerColumns are read by scanPartner, in this order.
const partnerColumns = `p.doc, p.last_contact`

// scanPartner reads a partner row: its JSON and its last contact, which
// lives in its own column so that it can move without rewriting the rest;
// its times in loc.
func scanPartner(scan func(...any) error, loc *time.Location, extra ...any) (*proxenos.Partner, error) {
	var doc string
	var last sql.NullInt64
	if err := scan(append([]any{&doc, &last}, extra...)...); err != nil {
		return nil, err
	}
	var p proxenos.Partner
	if err := decodeDoc(doc, &p); err != nil {
		return nil, fmt.Errorf("sqlite: decode partner: %w", err)
	}
	p.LastContact = time.Time{}
	if last.Valid {
		p.LastContact = search.InZone(time.UnixMilli(last.Int64), loc)
	}
	p.CreatedAt, p.UpdatedAt = search.InZone(p.CreatedAt, loc), search.InZone(p.UpdatedAt, loc)
	return &p, nil
}

// partnersIn returns a scanner of partner rows, their times in loc.
func partnersIn(loc *time.Location) func(func(...any) error) (*proxenos.Partner, error) {
	return func(scan func(...any) error) (*proxenos.Partner, error) { return scanPartner(scan, loc) }
}

// FindPartnerByID returns one partner. ENOTFOUND if none.
func (s *PartnerService) FindPartnerByID(ctx context.Context, id string) (*proxenos.Partner, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	return findPartner(ctx, s.db.db, team, id)
}

func findPartner(ctx context.Context, q queryer, team, id string) (*proxenos.Partner, error) {
	p, err := scanPartner(q.QueryRowContext(ctx, `SELECT `+partnerColumns+` FROM partners p WHERE p.team = ? AND p.id = ?`, team, id).Scan,
		proxenos.ZoneFromContext(ctx))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.partner.not_found", id)
	}
	return p, translate(err, "find partner", team, id)
}

// FindPartners returns the partners matching filter, ranked by how well
// they match the query and then by name, and the total count.
func (s *PartnerService) FindPartners(ctx context.Context, f proxenos.PartnerFilter) ([]*proxenos.Partner, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	where, args := []string{"p.team = ?"}, []any{team}
	if f.Country != "" {
		where, args = append(where, "p.country_key = ?"), append(args, proxenos.SearchKey(f.Country))
	}
	if f.Kind != "" {
		where, args = append(where, "p.kind = ?"), append(args, string(f.Kind))
	}
	if f.Relationship != "" {
		where, args = append(where, "p.relationship = ?"), append(args, string(f.Relationship))
	}
	words := search.Query(f.Query)
	if f.Query != "" && len(words) == 0 {
		return nil, 0, nil
	}
	from, order := "partners p", "p.name_key, p.id"
	var fromArgs []any
	if len(words) > 0 {
		var m string
		m, fromArgs = matchQuery("partner_words", "partner_id", team, words)
		from = "(" + m + ") m CROSS JOIN partners p ON p.id = m.partner_id"
		order = "m.rank DESC, " + order
	}
	cond := strings.Join(where, " AND ")
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+partnerColumns+`, COUNT(*) OVER () FROM `+from+` WHERE `+cond+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(append(fromArgs, args...), limit, offset)...)
	if err != nil {
		return nil, 0, translate(err, "find partners", team)
	}
	defer rows.Close()
	var out []*proxenos.Partner
	total := 0
	for rows.Next() {
		p, err := scanPartner(rows.Scan, proxenos.ZoneFromContext(ctx), &total)
		if err != nil {
			return nil, 0, translate(err, "scan partner", team)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, translate(err, "find partners", team)
	}
	if len(out) == 0 && offset > 0 {
		err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+cond, append(fromArgs, args...)...).Scan(&total)
		if err != nil {
			return nil, 0, translate(err, "count partners", team)
		}
	}
	return out, total, nil
}

// EachPartner calls fn with every partner of the workspace, by name, in
// one pass of the directory.
func (s *PartnerService) EachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	return eachRow(ctx, s.db.db, partnersIn(proxenos.ZoneFromContext(ctx)),
		fn, "each partner", team, `SELECT `+partnerColumns+` FROM partners p WHERE p.team = ? ORDER BY p.name_key`, team)
}

// RecentPartners returns the partners with a last contact, the latest
// first and then by name, at most limit, and how many have one: both
// off the index of last contacts, which holds only those partners.
func (s *PartnerService) RecentPartners(ctx context.Context, limit int) ([]*proxenos.Partner, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	_, limit = search.Page(0, limit)
	var out []*proxenos.Partner
	err = eachRow(ctx, s.db.db, partnersIn(proxenos.ZoneFromContext(ctx)),
		func(p *proxenos.Partner) error {
			out = append(out, p)
			return nil
		}, "recent partners", team, `SELECT `+partnerColumns+` FROM partners p INDEXED BY partners_last_contact
		WHERE p.team = ? AND p.last_contact IS NOT NULL ORDER BY p.last_contact DESC, p.name_key LIMIT ?`, team, limit)
	if err != nil {
		return nil, 0, err
	}
	var total int
	err = s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM partners INDEXED BY partners_last_contact
		WHERE team = ? AND last_contact IS NOT NULL`, team).Scan(&total)
	return out, total, translate(err, "count recent partners", team)
}

// CreatePartner validates and stores p with a new id. ECONFLICT when the
// name (by SearchKey) is taken in the workspace. A request run again gets
// the partner it made.
func (s *PartnerService) CreatePartner(ctx context.Context, p *proxenos.Partner) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	partner := *p
	partner.ID, partner.CreatedAt, partner.UpdatedAt = search.NewID(), now, now
	made, err := createOnce(ctx, s.db, "partners", team, partner.ID, findPartner, func(tx *sql.Tx) error {
		return writePartner(ctx, tx, team, &partner, nil)
	}, "create partner")
	if err != nil {
		return err
	}
	*p = *cmp.Or(made, &partner)
	return nil
}

// writePartner inserts p (old nil) or replaces old by p, with its search
// words. A taken name is ECONFLICT naming it.
func writePartner(ctx context.Context, tx *sql.Tx, team string, p, old *proxenos.Partner) error {
	stored := *p
	stored.LastContact = time.Time{} // kept in its own column
	doc, err := json.Marshal(&stored)
	if err != nil {
		return fmt.Errorf("sqlite: encode partner %s: %w", p.ID, err)
	}
	var last any
	if !p.LastContact.IsZero() {
		last = p.LastContact.UnixMilli()
	}
	if old == nil {
		_, err = tx.ExecContext(ctx, `INSERT INTO partners (id, team, name_key, country_key, kind, relationship, last_contact, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, team, proxenos.SearchKey(p.Name), proxenos.SearchKey(p.Country),
			string(p.Kind), string(p.Relationship), last, string(doc))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE partners SET name_key = ?, country_key = ?, kind = ?, relationship = ?, doc = ?
			WHERE team = ? AND id = ?`, proxenos.SearchKey(p.Name), proxenos.SearchKey(p.Country),
			string(p.Kind), string(p.Relationship), string(doc), team, p.ID)
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM partner_words WHERE team = ? AND partner_id = ? AND word IN (SELECT value FROM json_each(?))`,
				team, p.ID, jsonList(partnerTerms(old)))
		}
	}
	if err != nil {
		if proxenos.ErrorCode(translate(err, "")) == proxenos.ECONFLICT {
			return proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
		}
		return translate(err, "write partner", team, p.ID)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO partner_words (team, word, partner_id) SELECT ?, value, ? FROM json_each(?)`,
		team, p.ID, jsonList(partnerTerms(p)))
	return translate(err, "write partner words", team, p.ID)
}

// UpdatePartner applies upd and validates the result. ENOTFOUND, EINVALID,
// ECONFLICT when renamed onto another partner's name.
func (s *PartnerService) UpdatePartner(ctx context.Context, id string, upd proxenos.PartnerUpdate) (*proxenos.Partner, error) {
	return s.change(ctx, id, func(p *proxenos.Partner) { upd.Apply(p) })
}

// AddPerson appends a person to the partner. ENOTFOUND, EINVALID. A
// request run again adds nobody and returns the partner.
func (s *PartnerService) AddPerson(ctx context.Context, partnerID string, person proxenos.Person) (*proxenos.Partner, error) {
	request := proxenos.RequestFromContext(ctx)
	return update(ctx, s.db, "partner", partnerID, findPartner, func(tx *sql.Tx, team string, p *proxenos.Partner) error {
		if request != "" {
			res, err := tx.ExecContext(ctx, `INSERT INTO person_requests (team, request_id, partner_id) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, team, request, partnerID)
			if err != nil {
				return translate(err, "mark person of request", team, partnerID)
			}
			// No row: the request added its person already.
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return translate(err, "mark person of request", team, partnerID)
			}
		}
		return s.edit(ctx, tx, team, p, func(p *proxenos.Partner) { p.People = append(p.People, person) })
	})
}

// change reads a partner, edits it, validates and writes it back in one
// transaction.
func (s *PartnerService) change(ctx context.Context, id string, edit func(*proxenos.Partner)) (*proxenos.Partner, error) {
	return update(ctx, s.db, "partner", id, findPartner, func(tx *sql.Tx, team string, p *proxenos.Partner) error {
		return s.edit(ctx, tx, team, p, edit)
	})
}

// edit applies edit to the partner p read in tx, validates it and
// writes it back.
func (s *PartnerService) edit(ctx context.Context, tx *sql.Tx, team string, p *proxenos.Partner, edit func(*proxenos.Partner)) error {
	old := *p
	old.Aliases, old.Tags = append([]string(nil), p.Aliases...), append([]string(nil), p.Tags...)
	old.People = append([]proxenos.Person(nil), p.People...)
	edit(p)
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = search.Clock(ctx, s.db.Now)
	return writePartner(ctx, tx, team, p, &old)
}

// LogContact validates and stores c, and moves the partner's last contact
// to c.Date if later. ENOTFOUND for an unknown partner. A request run
// again gets the contact it logged.
func (s *PartnerService) LogContact(ctx context.Context, c *proxenos.Contact) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	contact := *c
	contact.ID, contact.CreatedAt = search.NewID(), search.Clock(ctx, s.db.Now)
	doc, err := json.Marshal(&contact)
	if err != nil {
		return fmt.Errorf("sqlite: encode contact: %w", err)
	}
	made, err := createOnce(ctx, s.db, "contacts", team, contact.ID, findContact, func(tx *sql.Tx) error {
		if _, err := findPartner(ctx, tx, team, c.PartnerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (id, team, partner_id, date, doc) VALUES (?, ?, ?, ?, ?)`,
			contact.ID, team, contact.PartnerID, contact.Date.UnixMilli(), string(doc)); err != nil {
			return translate(err, "insert contact", team, c.PartnerID)
		}
		return touchPartner(ctx, tx, team, c.PartnerID, c.Date)
	}, "log contact")
	if err != nil {
		return err
	}
	*c = *cmp.Or(made, &contact)
	return nil
}

// findContact returns a contact of team by id. ENOTFOUND if none.
var findContact = docFinder("contacts", "storage.contact.not_found", decodeContact)

// FindContacts returns a partner's contacts, latest first, at most limit
// (DefaultListLimit when 0, at most MaxListLimit).
func (s *PartnerService) FindContacts(ctx context.Context, partnerID string, limit int) ([]*proxenos.Contact, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	_, limit = search.Page(0, limit)
	return readDocs(ctx, s.db.db, zoned(decodeContact, loc), "find contacts", team, `SELECT doc FROM contacts WHERE team = ? AND partner_id = ?
		ORDER BY date DESC, seq DESC LIMIT ?`, team, partnerID, limit)
}

// EachContact calls fn with every contact of the workspace dated in
// [from, to), the earliest first, off the index of contacts by date.
func (s *PartnerService) EachContact(ctx context.Context, from, to time.Time, fn func(*proxenos.Contact) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	// Contact dates are kept in unix milliseconds.
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = ceilMillis(from)
	}
	if !to.IsZero() {
		hi = ceilMillis(to)
	}
	return eachRow(ctx, s.db.db, docOf(zoned(decodeContact, loc)), fn, "each contact", team, `SELECT doc FROM contacts INDEXED BY contacts_date
		WHERE team = ? AND date >= ? AND date < ? ORDER BY date, seq`, team, lo, hi)
}

// partnerTerms returns the rows of p in partner_words: its words and
// their stem keys.
func partnerTerms(p *proxenos.Partner) []string {
	words, stems := search.PartnerTerms(p)
	return append(words, stems...)
}

// matchQuery returns a subquery yielding (id, rank) for the records of
// team whose words match every query word: rank is 2 when every query
// word equals a whole word, 1 when every one begins one, 0 when some
// only shares a stem with one (the tiers of a search). The table holds
// (team, word, <idCol>), stem keys among the words. Query words are
// bound as values, never parsed.
func matchQuery(table, idCol, team string, words []string) (string, []any) {
	var parts []string
	var args []any
	for _, w := range words {
		begins, bargs := `word = ?`, []any{w} // longer than any prefix kept: whole only
		if search.IsPrefixable(w) {
			begins, bargs = `word >= ? AND word < ?`, []any{w, w + "\U0010FFFF"}
		}
		parts = append(parts, `SELECT `+idCol+` AS id, MAX(CASE WHEN word = ? THEN 2 WHEN `+begins+` THEN 1 ELSE 0 END) AS rank FROM `+table+
			` WHERE team = ? AND (`+begins+` OR word IN (SELECT value FROM json_each(?))) GROUP BY `+idCol)
		args = append(append(args, w), bargs...)
		args = append(append(append(args, team), bargs...), jsonList(search.QueryStems(w)))
	}
	q := `SELECT id AS ` + idCol + `, MIN(rank) AS rank FROM (` + strings.Join(parts, " UNION ALL ") +
		`) GROUP BY id HAVING COUNT(*) = ?`
	return q, append(args, len(words))
}
