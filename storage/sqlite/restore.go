package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
	"github.com/proxenos/proxenos/storage/records"
)

// restorer streams and restores every record in SQLite, for export,
// import and migration: its methods are the registers Registers returns.
type restorer struct {
	db *DB
}

// Registers returns the registers of db, for export, import and
// migration (see records.Register), in no particular order: the storage
// package puts them in restore order.
func Registers(db *DB) []records.Register {
	return slices.Collect(maps.Values(registers(db)))
}

// registers returns the registers of db by the table whose team column
// lists their workspaces. TestRegistersCoverTables fails on a table that
// is none of them, nor kept with one of them, nor transient.
func registers(db *DB) map[string]records.Register {
	s := &restorer{db: db}
	return map[string]records.Register{
		"partners":            records.Of("partner", s.teams("partners"), s.eachPartner, s.restorePartner),
		"contacts":            records.Of("contact", s.teams("contacts"), s.eachContact, s.restoreContact),
		"correspondence":      records.Of("correspondence", s.teams("correspondence"), s.eachCorrespondence, s.restoreCorrespondence),
		"calls":               records.Of("call", s.teams("calls"), s.eachCall, s.restoreCall),
		"agreements":          records.Of("agreement", s.teams("agreements"), s.eachAgreement, s.restoreAgreement),
		"obligations":         records.Of("obligation", s.teams("obligations"), s.eachObligation, s.restoreObligation),
		"glossary":            records.Of("glossary", s.teams("glossary"), s.eachGlossaryEntry, s.restoreGlossaryEntry),
		"usage":               records.Counted("usage", s.teams("usage"), s.eachUsage, s.restoreUsage),
		"preferences":         records.Of("preference", s.teams("preferences"), s.eachPreference, s.restorePreference),
		"calendar_feeds":      records.Of("calendar_feed", s.teams("calendar_feeds"), s.eachCalendarFeed, s.restoreCalendarFeed),
		"reminder_deliveries": records.Of("delivery", s.teams("reminder_deliveries"), s.eachDelivery, s.restoreDelivery),
		"reminder_marks":      records.Counted("mark", s.teams("reminder_marks"), s.eachMark, s.restoreMark),
		"workspace_settings":  records.Of("settings", s.teams("workspace_settings"), s.eachSettings, s.restoreSettings),
	}
}

// teams returns the lister of the workspaces that hold a row of table.
func (s *restorer) teams(table string) records.Teams {
	return func(ctx context.Context) ([]string, error) {
		var out []string
		err := eachRow(ctx, s.db.db, func(scan func(...any) error) (*string, error) {
			var team string
			return &team, scan(&team)
		}, func(team *string) error {
			out = append(out, *team)
			return nil
		}, "list teams", table, "SELECT DISTINCT team FROM "+table)
		return out, err
	}
}

// each runs query (whose first argument is the team in ctx) and calls fn
// with each row, read by scan in the workspace's zone.
func each[T any](ctx context.Context, db *DB, query string, scan func(func(...any) error, *time.Location) (*T, error),
	fn func(*T) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	return eachRow(ctx, db.db, func(row func(...any) error) (*T, error) { return scan(row, loc) }, fn, "stream records", team, query, team)
}

// docIn returns a scanner of rows holding one JSON document, decoded by
// decode in the zone it is given, as each takes scanners.
func docIn[T any](decode func(string, *time.Location) (*T, error)) func(func(...any) error, *time.Location) (*T, error) {
	return func(scan func(...any) error, loc *time.Location) (*T, error) {
		var doc string
		if err := scan(&doc); err != nil {
			return nil, err
		}
		return decode(doc, loc)
	}
}

// docOf returns a scanner of rows holding one JSON document, decoded by
// decode.
func docOf[T any](decode func(string) (*T, error)) func(func(...any) error) (*T, error) {
	return func(scan func(...any) error) (*T, error) {
		var doc string
		if err := scan(&doc); err != nil {
			return nil, err
		}
		return decode(doc)
	}
}

// decodeJSON returns a decoder of T's JSON that puts the value in the
// stored form with norm, its times in the zone the decoder is given.
func decodeJSON[T any](norm func(*T, *time.Location)) func(string, *time.Location) (*T, error) {
	return func(doc string, loc *time.Location) (*T, error) {
		var v T
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, fmt.Errorf("sqlite: decode %T: %w", v, err)
		}
		norm(&v, loc)
		return &v, nil
	}
}

// Decoders of the records kept as one JSON document, in stored form.
var (
	decodeContact = decodeJSON(func(c *proxenos.Contact, loc *time.Location) {
		c.Date, c.CreatedAt = search.InZone(c.Date, loc), search.InZone(c.CreatedAt, loc)
	})
	decodeAgreement = decodeJSON(stampAgreement)
	decodePartner   = decodeJSON(func(p *proxenos.Partner, loc *time.Location) {
		p.CreatedAt, p.UpdatedAt = search.InZone(p.CreatedAt, loc), search.InZone(p.UpdatedAt, loc)
	})
	decodeGlossary = decodeJSON(func(e *proxenos.GlossaryEntry, loc *time.Location) { e.CreatedAt = search.InZone(e.CreatedAt, loc) })
	decodeDelivery = decodeJSON(normalizeDelivery)
	decodeMark     = decodeJSON(func(m *proxenos.ReminderMark, loc *time.Location) {
		m.At, m.Until = search.InZone(m.At.Truncate(time.Millisecond), loc), search.InZone(m.Until.Truncate(time.Millisecond), loc)
	})
)

// stored returns v as the store would return it after writing it, to a
// workspace of zone loc: encoded and decoded again, so that it compares
// with a stored record.
func stored[T any](v *T, decode func(string, *time.Location) (*T, error), loc *time.Location) (*T, error) {
	doc, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sqlite: encode %T: %w", v, err)
	}
	return decode(string(doc), loc)
}

// same reports whether a and b encode alike.
func same(a, b any) bool {
	ja, erra := json.Marshal(a)
	jb, errb := json.Marshal(b)
	return erra == nil && errb == nil && bytes.Equal(ja, jb)
}

// eachCorrespondence streams the workspace's entries by year and number.
func (s *restorer) eachCorrespondence(ctx context.Context, fn func(*proxenos.Correspondence) error) error {
	return each(ctx, s.db, `SELECT d.doc FROM correspondence c JOIN correspondence_docs d ON d.id = c.id
		WHERE c.team = ? ORDER BY c.year, c.number`, docIn(decodeEntry), fn)
}

// eachPartner streams the workspace's partners by id.
func (s *restorer) eachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error {
	return each(ctx, s.db, `SELECT `+partnerColumns+` FROM partners p WHERE p.team = ? ORDER BY p.id`,
		func(scan func(...any) error, loc *time.Location) (*proxenos.Partner, error) {
			return scanPartner(scan, loc)
		}, fn)
}

// eachContact streams the workspace's contacts in the order logged.
func (s *restorer) eachContact(ctx context.Context, fn func(*proxenos.Contact) error) error {
	return each(ctx, s.db, `SELECT doc FROM contacts WHERE team = ? ORDER BY seq`, docIn(decodeContact), fn)
}

// eachCall streams the workspace's calls by id.
func (s *restorer) eachCall(ctx context.Context, fn func(*proxenos.Call) error) error {
	return each(ctx, s.db, `SELECT doc FROM calls WHERE team = ? ORDER BY id`, docIn(decodeCall), fn)
}

// eachAgreement streams the workspace's agreements by id.
func (s *restorer) eachAgreement(ctx context.Context, fn func(*proxenos.Agreement) error) error {
	return each(ctx, s.db, `SELECT doc FROM agreements WHERE team = ? ORDER BY id`, docIn(decodeAgreement), fn)
}

// eachObligation streams the workspace's obligations by id.
func (s *restorer) eachObligation(ctx context.Context, fn func(*proxenos.Obligation) error) error {
	return each(ctx, s.db, `SELECT doc FROM obligations WHERE team = ? ORDER BY id`, docIn(decodeObligation), fn)
}

// eachGlossaryEntry streams the workspace's glossary, oldest first.
func (s *restorer) eachGlossaryEntry(ctx context.Context, fn func(*proxenos.GlossaryEntry) error) error {
	return each(ctx, s.db, `SELECT doc FROM glossary WHERE team = ? ORDER BY seq`, docIn(decodeGlossary), fn)
}

// eachUsage streams the workspace's usage in the order recorded.
func (s *restorer) eachUsage(ctx context.Context, fn func(*proxenos.Usage) error) error {
	return each(ctx, s.db, `SELECT at, user, model, characters, prompt_tokens, completion_tokens, duration_ms
		FROM usage WHERE team = ? ORDER BY seq`, func(scan func(...any) error, loc *time.Location) (*proxenos.Usage, error) {
		var u proxenos.Usage
		var at, ms int64
		if err := scan(&at, &u.User, &u.Model, &u.Characters, &u.PromptTokens, &u.CompletionTokens, &ms); err != nil {
			return nil, err
		}
		u.At, u.Duration = search.InZone(time.UnixMilli(at), loc), time.Duration(ms)*time.Millisecond
		return &u, nil
	}, fn)
}

// eachPreference streams the workspace's preferences by user.
func (s *restorer) eachPreference(ctx context.Context, fn func(*proxenos.Preference) error) error {
	return each(ctx, s.db, `SELECT user, lang, updated_at FROM preferences WHERE team = ? ORDER BY user`,
		func(scan func(...any) error, loc *time.Location) (*proxenos.Preference, error) {
			var p proxenos.Preference
			var lang string
			var updated int64
			if err := scan(&p.User, &lang, &updated); err != nil {
				return nil, err
			}
			p.Lang, p.UpdatedAt = proxenos.Lang(lang), search.InZone(time.UnixMilli(updated), loc)
			return &p, nil
		}, fn)
}

// eachCalendarFeed streams the workspace's feeds, live and revoked.
func (s *restorer) eachCalendarFeed(ctx context.Context, fn func(*proxenos.CalendarFeed) error) error {
	return each(ctx, s.db, `SELECT token_hash, team, user, mine_only, lang, created_at, revoked_at
		FROM calendar_feeds WHERE team = ? ORDER BY created_at, token_hash`, scanFeed, fn)
}

// scanFeed reads a calendar_feeds row, its times in loc.
func scanFeed(scan func(...any) error, loc *time.Location) (*proxenos.CalendarFeed, error) {
	var f proxenos.CalendarFeed
	var lang string
	var created int64
	var revoked sql.NullInt64
	if err := scan(&f.TokenHash, &f.Team, &f.User, &f.MineOnly, &lang, &created, &revoked); err != nil {
		return nil, err
	}
	f.Lang, f.CreatedAt = proxenos.Lang(lang), search.InZone(time.UnixMilli(created), loc)
	if revoked.Valid {
		f.RevokedAt = search.InZone(time.UnixMilli(revoked.Int64), loc)
	}
	return &f, nil
}

// eachDelivery streams the workspace's delivery attempts by key and
// attempt.
func (s *restorer) eachDelivery(ctx context.Context, fn func(*proxenos.Delivery) error) error {
	return each(ctx, s.db, `SELECT doc FROM reminder_deliveries WHERE team = ? ORDER BY key, attempt`, docIn(decodeDelivery), fn)
}

// eachMark streams the workspace's marks in the order added.
func (s *restorer) eachMark(ctx context.Context, fn func(*proxenos.ReminderMark) error) error {
	return each(ctx, s.db, `SELECT doc FROM reminder_marks WHERE team = ? ORDER BY seq`, docIn(decodeMark), fn)
}

// inTx runs fn in a write transaction of the workspace in ctx and
// reports whether it wrote something.
func (s *restorer) inTx(ctx context.Context, what string, fn func(tx *sql.Tx, team string) (bool, error)) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	var wrote bool
	err = s.db.writeTx(ctx, func(tx *sql.Tx) (err error) {
		wrote, err = fn(tx, team)
		return err
	}, "restore "+what, team)
	return wrote && err == nil, err
}

// toRestore returns the stored document query finds ("" when none) and
// v in stored form, which is nil when that document already holds v;
// both in the zone of the workspace in ctx, as they are compared.
func toRestore[T any](ctx context.Context, tx *sql.Tx, v *T, decode func(string, *time.Location) (*T, error),
	query string, args ...any) (old string, want *T, err error) {
	err = tx.QueryRowContext(ctx, query, args...).Scan(&old)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", nil, translate(err, "find restored record", args...)
	}
	loc := proxenos.ZoneFromContext(ctx)
	if want, err = stored(v, decode, loc); err != nil || old == "" {
		return old, want, err
	}
	was, err := decode(old, loc)
	if err != nil || same(was, want) {
		return old, nil, err
	}
	return old, want, nil
}

// restoreCorrespondence stores c under its protocol number, with its
// search terms and counts.
func (s *restorer) restoreCorrespondence(ctx context.Context, c *proxenos.Correspondence) (bool, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.inTx(ctx, "correspondence", func(tx *sql.Tx, team string) (bool, error) {
		old, id, err := findEntry(ctx, tx, team, c.Protocol)
		if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
			old, id, err = nil, 0, nil
		}
		if err != nil {
			return false, err
		}
		entry := *c
		entry.ID = entry.Protocol.String()
		entry.Registered = search.Registered(c, loc)
		want, err := stored(&entry, decodeEntry, loc)
		if err != nil || (old != nil && same(old, want)) {
			return false, err
		}
		return true, writeEntry(ctx, tx, team, id, want, old)
	})
}

// restorePartner stores p under its id, with its last contact.
func (s *restorer) restorePartner(ctx context.Context, p *proxenos.Partner) (bool, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.inTx(ctx, "partner", func(tx *sql.Tx, team string) (bool, error) {
		old, err := findPartner(ctx, tx, team, p.ID)
		if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
			old, err = nil, nil
		}
		if err != nil {
			return false, err
		}
		// The JSON leaves the last contact to its own column.
		want := *p
		want.LastContact = time.Time{}
		is, err := stored(&want, decodePartner, loc)
		if err != nil {
			return false, err
		}
		var last any
		if !p.LastContact.IsZero() {
			is.LastContact = search.InZone(time.UnixMilli(p.LastContact.UnixMilli()), loc)
			last = p.LastContact.UnixMilli()
		}
		if old != nil && same(old, is) {
			return false, nil
		}
		if err := writePartner(ctx, tx, team, is, old); err != nil {
			return false, err
		}
		// An update leaves last_contact to touchPartner; a restore sets it.
		_, err = tx.ExecContext(ctx, `UPDATE partners SET last_contact = ? WHERE team = ? AND id = ?`, last, team, p.ID)
		return true, translate(err, "restore last contact", team, p.ID)
	})
}

// restoreContact stores c under its id.
func (s *restorer) restoreContact(ctx context.Context, c *proxenos.Contact) (bool, error) {
	return s.inTx(ctx, "contact", func(tx *sql.Tx, team string) (bool, error) {
		_, want, err := toRestore(ctx, tx, c, decodeContact, `SELECT doc FROM contacts WHERE team = ? AND id = ?`, team, c.ID)
		if want == nil || err != nil {
			return false, err
		}
		doc, _ := json.Marshal(c) // stored has encoded it already
		_, err = tx.ExecContext(ctx, `INSERT INTO contacts (id, team, partner_id, date, doc) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET partner_id = excluded.partner_id, date = excluded.date, doc = excluded.doc`,
			c.ID, team, c.PartnerID, c.Date.UnixMilli(), string(doc))
		return true, translate(err, "restore contact", team, c.ID)
	})
}

// restoreCall stores c under its id.
func (s *restorer) restoreCall(ctx context.Context, c *proxenos.Call) (bool, error) {
	return s.inTx(ctx, "call", func(tx *sql.Tx, team string) (bool, error) {
		old, want, err := toRestore(ctx, tx, c, decodeCall, `SELECT doc FROM calls WHERE team = ? AND id = ?`, team, c.ID)
		if want == nil || err != nil {
			return false, err
		}
		if err := writeCall(ctx, tx, team, want, old == ""); err != nil || old == "" {
			return err == nil, err
		}
		// writeCall keeps the identifier of an existing call; a restore
		// may bring another.
		_, err = tx.ExecContext(ctx, `UPDATE calls SET identifier_key = ? WHERE team = ? AND id = ?`,
			proxenos.IdentifierKey(c.Identifier), team, c.ID)
		if proxenos.ErrorCode(translate(err, "")) == proxenos.ECONFLICT {
			return false, proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", c.Identifier)
		}
		return true, translate(err, "restore call identifier", team, c.ID)
	})
}

// restoreAgreement stores a under its id.
func (s *restorer) restoreAgreement(ctx context.Context, a *proxenos.Agreement) (bool, error) {
	return s.inTx(ctx, "agreement", func(tx *sql.Tx, team string) (bool, error) {
		old, want, err := toRestore(ctx, tx, a, decodeAgreement,
			`SELECT doc FROM agreements WHERE team = ? AND id = ?`, team, a.ID)
		if want == nil || err != nil {
			return false, err
		}
		return true, writeAgreement(ctx, tx, team, want, old == "")
	})
}

// restoreObligation stores o under its id, and claims its fulfilled
// occurrences.
func (s *restorer) restoreObligation(ctx context.Context, o *proxenos.Obligation) (bool, error) {
	return s.inTx(ctx, "obligation", func(tx *sql.Tx, team string) (bool, error) {
		old, want, err := toRestore(ctx, tx, o, decodeObligation,
			`SELECT doc FROM obligations WHERE team = ? AND id = ?`, team, o.ID)
		if want == nil || err != nil {
			return false, err
		}
		if err := writeObligation(ctx, tx, team, want, old == ""); err != nil {
			return false, err
		}
		for _, f := range want.Fulfilments {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO obligation_claims (obligation_id, due, team) VALUES (?, ?, ?)`,
				o.ID, f.Due.UnixMilli(), team); err != nil {
				return false, translate(err, "restore obligation claim", team, o.ID)
			}
		}
		return true, nil
	})
}

// restoreGlossaryEntry stores e under its id.
func (s *restorer) restoreGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) (bool, error) {
	return s.inTx(ctx, "glossary entry", func(tx *sql.Tx, team string) (bool, error) {
		_, want, err := toRestore(ctx, tx, e, decodeGlossary, `SELECT doc FROM glossary WHERE team = ? AND id = ?`, team, e.ID)
		if want == nil || err != nil {
			return false, err
		}
		doc, _ := json.Marshal(e) // stored has encoded it already
		_, err = tx.ExecContext(ctx, `INSERT INTO glossary (id, team, doc) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`, e.ID, team, string(doc))
		return true, translate(err, "restore glossary entry", team, e.ID)
	})
}

// restoreUsage stores u unless more than n equal records are stored.
func (s *restorer) restoreUsage(ctx context.Context, u *proxenos.Usage, n int) (bool, error) {
	return s.inTx(ctx, "usage", func(tx *sql.Tx, team string) (bool, error) {
		args := []any{team, u.At.UnixMilli(), u.User, u.Model, u.Characters, u.PromptTokens, u.CompletionTokens, u.Duration.Milliseconds()}
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM usage WHERE team = ? AND at = ? AND user = ? AND model = ?
			AND characters = ? AND prompt_tokens = ? AND completion_tokens = ? AND duration_ms = ?`, args...).Scan(&have); err != nil {
			return false, translate(err, "count usage", team)
		}
		if have > n {
			return false, nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO usage (team, at, user, model, characters, prompt_tokens, completion_tokens, duration_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		return true, translate(err, "restore usage", team)
	})
}

// restorePreference stores p for its user, with its UpdatedAt.
func (s *restorer) restorePreference(ctx context.Context, p *proxenos.Preference) (bool, error) {
	return s.inTx(ctx, "preference", func(tx *sql.Tx, team string) (bool, error) {
		var lang string
		var updated int64
		err := tx.QueryRowContext(ctx, `SELECT lang, updated_at FROM preferences WHERE team = ? AND user = ?`, team, p.User).Scan(&lang, &updated)
		if err == nil && lang == string(p.Lang) && updated == p.UpdatedAt.UnixMilli() {
			return false, nil
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, translate(err, "find preference", team, p.User)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO preferences (team, user, lang, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (team, user) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at`,
			team, p.User, string(p.Lang), p.UpdatedAt.UnixMilli())
		return true, translate(err, "restore preference", team, p.User)
	})
}

// restoreCalendarFeed stores f under its token hash, in the workspace in
// ctx.
func (s *restorer) restoreCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) (bool, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.inTx(ctx, "calendar feed", func(tx *sql.Tx, team string) (bool, error) {
		want := *f
		want.Team = team
		want.CreatedAt, want.RevokedAt = stamp(want.CreatedAt, loc), stamp(want.RevokedAt, loc)
		old, err := scanFeed(tx.QueryRowContext(ctx, `SELECT token_hash, team, user, mine_only, lang, created_at, revoked_at
			FROM calendar_feeds WHERE token_hash = ?`, f.TokenHash).Scan, loc)
		if err == nil && same(old, &want) {
			return false, nil
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			// The hash is a credential's digest: keep it out of error text.
			return false, translate(err, "find calendar feed")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_feeds (token_hash, team, user, mine_only, lang, created_at, revoked_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET team = excluded.team, user = excluded.user,
			mine_only = excluded.mine_only, lang = excluded.lang, created_at = excluded.created_at, revoked_at = excluded.revoked_at`,
			want.TokenHash, team, want.User, want.MineOnly, string(want.Lang), want.CreatedAt.UnixMilli(), millis(want.RevokedAt))
		return true, translate(err, "restore calendar feed", team)
	})
}

// restoreDelivery stores d under its key and attempt, in its state.
func (s *restorer) restoreDelivery(ctx context.Context, d *proxenos.Delivery) (bool, error) {
	return s.inTx(ctx, "delivery", func(tx *sql.Tx, team string) (bool, error) {
		_, want, err := toRestore(ctx, tx, d, decodeDelivery,
			`SELECT doc FROM reminder_deliveries WHERE team = ? AND key = ? AND attempt = ?`, team, d.Key, d.Attempt)
		if want == nil || err != nil {
			return false, err
		}
		doc, _ := json.Marshal(want) // stored has encoded it already
		_, err = tx.ExecContext(ctx, `INSERT INTO reminder_deliveries (team, key, attempt, state, kind, holder, claimed_at, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (team, key, attempt) DO UPDATE SET state = excluded.state,
			kind = excluded.kind, holder = excluded.holder, claimed_at = excluded.claimed_at, doc = excluded.doc`,
			team, want.Key, want.Attempt, want.State, want.Reminder.Kind, want.Holder, want.ClaimedAt.UnixMilli(), string(doc))
		return true, translate(err, "restore delivery", team, d.Key, d.Attempt)
	})
}

// restoreMark stores m unless more than n equal marks are stored.
func (s *restorer) restoreMark(ctx context.Context, m *proxenos.ReminderMark, n int) (bool, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.inTx(ctx, "mark", func(tx *sql.Tx, team string) (bool, error) {
		want, err := stored(m, decodeMark, loc)
		if err != nil {
			return false, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT doc FROM reminder_marks WHERE team = ? AND item_key = ?`, team, m.ItemKey)
		if err != nil {
			return false, translate(err, "find marks", team, m.ItemKey)
		}
		have := 0
		for rows.Next() {
			var doc string
			if err := rows.Scan(&doc); err != nil {
				rows.Close()
				return false, translate(err, "find marks", team, m.ItemKey)
			}
			if was, err := decodeMark(doc, loc); err == nil && same(was, want) {
				have++
			}
		}
		if err := rows.Close(); err != nil {
			return false, translate(err, "find marks", team, m.ItemKey)
		}
		if have > n {
			return false, nil
		}
		doc, _ := json.Marshal(want) // stored has encoded it already
		_, err = tx.ExecContext(ctx, `INSERT INTO reminder_marks (team, item_key, doc) VALUES (?, ?, ?)`, team, m.ItemKey, string(doc))
		return true, translate(err, "restore mark", team, m.ItemKey)
	})
}
