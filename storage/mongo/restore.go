package mongo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
	"github.com/proxenos/proxenos/storage/records"
)

// restorer streams and restores every record in MongoDB, for export,
// import and migration: its methods are the registers Registers returns.
// Restores are by _id: an insert when the record is new (a duplicate key
// is ECONFLICT), else a replacement, skipped when the stored document
// already holds the record. No transactions: a restore that stops half
// way is finished by running it again.
type restorer struct {
	db *DB
}

// Registers returns the registers of db, for export, import and
// migration (see records.Register), in no particular order: the storage
// package puts them in restore order.
func Registers(db *DB) []records.Register {
	return slices.Collect(maps.Values(registers(db)))
}

// registers returns the registers of db by the collection whose team
// field lists their workspaces. TestRegistersCoverCollections fails on a
// collection that is none of them, nor kept with one of them, nor
// transient.
func registers(db *DB) map[string]records.Register {
	s := &restorer{db: db}
	return map[string]records.Register{
		partnersColl:       records.Of("partner", s.teams(partnersColl), s.eachPartner, s.restorePartner),
		contactsColl:       records.Of("contact", s.teams(contactsColl), s.eachContact, s.restoreContact),
		correspondenceColl: records.Of("correspondence", s.teams(correspondenceColl), s.eachCorrespondence, s.restoreCorrespondence),
		callsColl:          records.Of("call", s.teams(callsColl), s.eachCall, s.restoreCall),
		agreementsColl:     records.Of("agreement", s.teams(agreementsColl), s.eachAgreement, s.restoreAgreement),
		obligationsColl:    records.Of("obligation", s.teams(obligationsColl), s.eachObligation, s.restoreObligation),
		glossaryColl:       records.Of("glossary", s.teams(glossaryColl), s.eachGlossaryEntry, s.restoreGlossaryEntry),
		usageColl:          records.Counted("usage", s.teams(usageColl), s.eachUsage, s.restoreUsage),
		preferencesColl:    records.Of("preference", s.teams(preferencesColl), s.eachPreference, s.restorePreference),
		calendarFeedsColl:  records.Of("calendar_feed", s.teams(calendarFeedsColl), s.eachCalendarFeed, s.restoreCalendarFeed),
		deliveriesColl:     records.Of("delivery", s.teams(deliveriesColl), s.eachDelivery, s.restoreDelivery),
		marksColl:          records.Counted("mark", s.teams(marksColl), s.eachMark, s.restoreMark),
		settingsColl:       records.Of("settings", s.teams(settingsColl), s.eachSettings, s.restoreSettings),
	}
}

// teams returns the lister of the workspaces that hold a document of
// coll.
func (s *restorer) teams(coll string) records.Teams {
	return func(ctx context.Context) ([]string, error) {
		var teams []string
		err := s.db.db.Collection(coll).Distinct(ctx, "team", bson.D{}).Decode(&teams)
		if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, translate(err, "list teams", coll)
		}
		return teams, nil
	}
}

// each streams the documents of the workspace in ctx in coll, in the
// order sort gives, converted by conv.
func each[D, T any](ctx context.Context, db *DB, coll string, sort bson.D, conv func(*D, *time.Location) *T, fn func(*T) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	return eachDoc(ctx, db.db.Collection(coll), bson.D{{Key: "team", Value: team}}, options.Find().SetSort(sort).SetProjection(withoutWords), conv, fn,
		"stream records", coll, team)
}

// byID is the order of records that have an id of their own.
var byID = bson.D{{Key: "_id", Value: 1}}

// eachCorrespondence streams the workspace's entries by year and number.
func (s *restorer) eachCorrespondence(ctx context.Context, fn func(*proxenos.Correspondence) error) error {
	return each(ctx, s.db, correspondenceColl, bson.D{{Key: "protocol.year", Value: 1}, {Key: "protocol.number", Value: 1}},
		(*corrDoc).entry, fn)
}

// eachPartner streams the workspace's partners by id.
func (s *restorer) eachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error {
	return each(ctx, s.db, partnersColl, byID, (*partnerDoc).partner, fn)
}

// eachContact streams the workspace's contacts by id.
func (s *restorer) eachContact(ctx context.Context, fn func(*proxenos.Contact) error) error {
	return each(ctx, s.db, contactsColl, byID, (*contactDoc).contact, fn)
}

// eachCall streams the workspace's calls by id.
func (s *restorer) eachCall(ctx context.Context, fn func(*proxenos.Call) error) error {
	return each(ctx, s.db, callsColl, byID, (*callDoc).call, fn)
}

// eachAgreement streams the workspace's agreements by id.
func (s *restorer) eachAgreement(ctx context.Context, fn func(*proxenos.Agreement) error) error {
	return each(ctx, s.db, agreementsColl, byID, (*agreementDoc).agreement, fn)
}

// eachObligation streams the workspace's obligations by id.
func (s *restorer) eachObligation(ctx context.Context, fn func(*proxenos.Obligation) error) error {
	return each(ctx, s.db, obligationsColl, byID, (*obligationDoc).obligation, fn)
}

// eachGlossaryEntry streams the workspace's glossary, oldest first.
func (s *restorer) eachGlossaryEntry(ctx context.Context, fn func(*proxenos.GlossaryEntry) error) error {
	return each(ctx, s.db, glossaryColl, glossaryOrder, (*glossaryDoc).entry, fn)
}

// eachUsage streams the workspace's usage in the order recorded.
func (s *restorer) eachUsage(ctx context.Context, fn func(*proxenos.Usage) error) error {
	return each(ctx, s.db, usageColl, byID, usageOf, fn)
}

// usageOf returns the record of a usage document, its time in loc.
func usageOf(d *usageDoc, loc *time.Location) *proxenos.Usage {
	return &proxenos.Usage{User: d.User, Model: d.Model, Characters: d.Characters, PromptTokens: d.PromptTokens,
		CompletionTokens: d.CompletionTokens, Duration: time.Duration(d.DurationMS) * time.Millisecond, At: search.InZone(d.At, loc)}
}

// eachPreference streams the workspace's preferences by user.
func (s *restorer) eachPreference(ctx context.Context, fn func(*proxenos.Preference) error) error {
	return each(ctx, s.db, preferencesColl, byID, func(d *preferenceDoc, loc *time.Location) *proxenos.Preference {
		return &proxenos.Preference{User: d.User, Lang: proxenos.Lang(d.Lang), UpdatedAt: search.InZone(d.UpdatedAt.Time(), loc)}
	}, fn)
}

// eachCalendarFeed streams the workspace's feeds, live and revoked.
func (s *restorer) eachCalendarFeed(ctx context.Context, fn func(*proxenos.CalendarFeed) error) error {
	return each(ctx, s.db, calendarFeedsColl, bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}, feedOf, fn)
}

// feedOf returns the feed of a stored document, its times in loc.
func feedOf(d *calendarFeedDoc, loc *time.Location) *proxenos.CalendarFeed {
	f := &proxenos.CalendarFeed{TokenHash: d.TokenHash, Team: d.Team, User: d.User, MineOnly: d.MineOnly,
		Lang: proxenos.Lang(d.Lang), CreatedAt: search.InZone(d.CreatedAt, loc)}
	if d.Revoked {
		f.RevokedAt = search.InZone(d.RevokedAt, loc)
	}
	return f
}

// eachDelivery streams the workspace's delivery attempts by key and
// attempt.
func (s *restorer) eachDelivery(ctx context.Context, fn func(*proxenos.Delivery) error) error {
	return each(ctx, s.db, deliveriesColl, deliveryOrder, (*deliveryDoc).delivery, fn)
}

// eachMark streams the workspace's marks in the order FindMarks reads
// them.
func (s *restorer) eachMark(ctx context.Context, fn func(*proxenos.ReminderMark) error) error {
	return each(ctx, s.db, marksColl, markOrder, markOf, fn)
}

// put stores doc, whose _id is id, in coll for the workspace team: an
// insert when no document has the id, a replacement when the stored one
// differs (other than in its revision, which the replacement bumps, so
// that an edit racing the restore starts again). ECONFLICT when the id
// belongs to another workspace or a unique key is taken.
func (s *restorer) put(ctx context.Context, coll, team, id string, doc any) (bool, error) {
	want, err := asD(doc)
	if err != nil {
		return false, err
	}
	c := s.db.db.Collection(coll)
	var have bson.D
	err = c.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&have)
	if errors.Is(err, mongo.ErrNoDocuments) {
		_, err = c.InsertOne(ctx, want)
		return err == nil, translate(err, "restore", coll, team)
	} else if err != nil {
		return false, translate(err, "find restored record", coll, team)
	}
	if t, _ := field(have, "team").(string); t != team {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "storage.conflict")
	}
	// The requests that created a record, or added a person to it, stay
	// with it: exports do not carry them, and a restore is no change.
	for _, key := range []string{"request", "personRequests"} {
		if r := field(have, key); r != nil {
			want = append(without(want, key), bson.E{Key: key, Value: r})
		}
	}
	if equalD(without(have, "rev"), without(want, "rev")) {
		return false, nil
	}
	switch rev := field(have, "rev").(type) {
	case int32:
		want = set(want, "rev", rev+1)
	case int64:
		want = set(want, "rev", rev+1)
	}
	_, err = c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}}, want)
	return true, translate(err, "restore", coll, team)
}

// asD returns doc as an ordered BSON document, as it would be stored.
func asD(doc any) (bson.D, error) {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var d bson.D
	return d, bson.Unmarshal(raw, &d)
}

// field returns the value of key in d, or nil.
func field(d bson.D, key string) any {
	for _, e := range d {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// without returns d without key.
func without(d bson.D, key string) bson.D {
	return slices.DeleteFunc(slices.Clone(d), func(e bson.E) bool { return e.Key == key })
}

// set returns d with key set to v.
func set(d bson.D, key string, v any) bson.D {
	for i := range d {
		if d[i].Key == key {
			d[i].Value = v
		}
	}
	return d
}

// equalD reports whether two documents hold the same fields and values,
// in whatever order: maps (a glossary's terms) encode in random order,
// and an update may append a field.
func equalD(a, b bson.D) bool {
	ra, erra := bson.Marshal(canonical(a))
	rb, errb := bson.Marshal(canonical(b))
	return erra == nil && errb == nil && bytes.Equal(ra, rb)
}

// canonical returns v with the fields of every document sorted by name.
func canonical(v any) any {
	switch v := v.(type) {
	case bson.D:
		out := make(bson.D, len(v))
		for i, e := range v {
			out[i] = bson.E{Key: e.Key, Value: canonical(e.Value)}
		}
		slices.SortFunc(out, func(x, y bson.E) int { return strings.Compare(x.Key, y.Key) })
		return out
	case bson.A:
		out := make(bson.A, len(v))
		for i, e := range v {
			out[i] = canonical(e)
		}
		return out
	}
	return v
}

// restoreCorrespondence stores c under its protocol number, with claims
// on its sources: ECONFLICT ("corr.already_logged") when one of them was
// logged as another entry, as for a new entry.
func (s *restorer) restoreCorrespondence(ctx context.Context, c *proxenos.Correspondence) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	entry := *c
	entry.ID = entry.Protocol.String()
	entry.Registered = search.Registered(c, loc)
	claims, err := claimSources(ctx, s.db, team, entry.Sources, entry.Protocol, "")
	if err != nil {
		return false, err
	}
	wctx, cancel := claims.writeContext(ctx)
	defer cancel()
	changed, err := s.put(wctx, correspondenceColl, team, entryKey(team, c.Protocol), newCorrDoc(team, &entry, 0))
	if err != nil {
		claims.release(ctx)
	}
	return changed, err
}

// restorePartner stores p under its id, with its last contact.
func (s *restorer) restorePartner(ctx context.Context, p *proxenos.Partner) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	// A replacement onto a taken name is no duplicate-key error on
	// FerretDB: look first.
	var other partnerDoc
	err = s.db.db.Collection(partnersColl).FindOne(ctx, bson.D{{Key: "team", Value: team},
		{Key: "nameKey", Value: proxenos.SearchKey(p.Name)}}, leanOne()).Decode(&other)
	if err == nil && other.Key != p.ID {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
	} else if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return false, translate(err, "find partner", team)
	}
	return s.put(ctx, partnersColl, team, p.ID, newPartnerDoc(team, p))
}

// restoreContact stores c under its id.
func (s *restorer) restoreContact(ctx context.Context, c *proxenos.Contact) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, contactsColl, team, c.ID, &contactDoc{Key: c.ID, Team: team, Contact: *c})
}

// restoreCall stores c under its id.
func (s *restorer) restoreCall(ctx context.Context, c *proxenos.Call) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	var other callDoc
	err = s.db.db.Collection(callsColl).FindOne(ctx, bson.D{{Key: "team", Value: team},
		{Key: "identifierKey", Value: proxenos.IdentifierKey(c.Identifier)}}).Decode(&other)
	if err == nil && other.Key != c.ID {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", c.Identifier)
	} else if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return false, translate(err, "find call", team)
	}
	return s.put(ctx, callsColl, team, c.ID, newCallDoc(team, c, 0))
}

// restoreAgreement stores a under its id.
func (s *restorer) restoreAgreement(ctx context.Context, a *proxenos.Agreement) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, agreementsColl, team, a.ID, newAgreementDoc(team, a, 0, proxenos.ZoneFromContext(ctx)))
}

// restoreObligation stores o under its id, then the claims on its
// fulfilled occurrences (a claim already there is kept).
func (s *restorer) restoreObligation(ctx context.Context, o *proxenos.Obligation) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	wrote, err := s.put(ctx, obligationsColl, team, o.ID, &obligationDoc{Key: o.ID, Team: team, Obligation: *o})
	if err != nil {
		return false, err
	}
	for _, f := range o.Fulfilments {
		due := f.Due.Truncate(time.Millisecond)
		_, err := s.db.db.Collection(claimsColl).InsertOne(ctx, &claimDoc{Key: claimKey(team, o.ID, due), Team: team,
			Obligation: o.ID, Due: due, At: f.At})
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return wrote, translate(err, "restore obligation claim", team, o.ID)
		}
	}
	return wrote, nil
}

// restoreGlossaryEntry stores e under its id.
func (s *restorer) restoreGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, glossaryColl, team, e.ID, &glossaryDoc{Key: e.ID, Team: team, GlossaryEntry: *e})
}

// restoreUsage stores u unless more than n equal records are stored.
func (s *restorer) restoreUsage(ctx context.Context, u *proxenos.Usage, n int) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	doc := &usageDoc{Team: team, At: u.At.Truncate(time.Millisecond), User: u.User, Model: u.Model, Characters: u.Characters,
		PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, DurationMS: u.Duration.Milliseconds()}
	filter, err := asD(doc)
	if err != nil {
		return false, err
	}
	have, err := s.db.db.Collection(usageColl).CountDocuments(ctx, filter)
	if err != nil {
		return false, translate(err, "count usage", team)
	}
	if have > int64(n) {
		return false, nil
	}
	_, err = s.db.db.Collection(usageColl).InsertOne(ctx, doc)
	return err == nil, translate(err, "restore usage", team)
}

// restorePreference stores p for its user, with its UpdatedAt.
func (s *restorer) restorePreference(ctx context.Context, p *proxenos.Preference) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	key := preferenceKey(team, p.User)
	return s.put(ctx, preferencesColl, team, key, &preferenceDoc{Key: key, Team: team, User: p.User, Lang: string(p.Lang),
		UpdatedAt: bson.NewDateTimeFromTime(p.UpdatedAt)})
}

// restoreCalendarFeed stores f under its token hash, in the workspace in
// ctx.
func (s *restorer) restoreCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, calendarFeedsColl, team, f.TokenHash, &calendarFeedDoc{TokenHash: f.TokenHash, Team: team, User: f.User,
		MineOnly: f.MineOnly, Lang: string(f.Lang), CreatedAt: f.CreatedAt, Revoked: !f.RevokedAt.IsZero(), RevokedAt: f.RevokedAt})
}

// restoreDelivery stores d under its key and attempt, in its state.
func (s *restorer) restoreDelivery(ctx context.Context, d *proxenos.Delivery) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	out := *d
	normalizeDelivery(&out, loc)
	id := deliveryID(team, d.Key, d.Attempt)
	return s.put(ctx, deliveriesColl, team, id, &deliveryDoc{ID: id, Team: team, Key: out.Key, Attempt: out.Attempt,
		State: string(out.State), Kind: string(out.Reminder.Kind), Holder: out.Holder, ClaimedAt: out.ClaimedAt, Delivery: out})
}

// restoreMark stores m unless more than n equal marks are stored.
func (s *restorer) restoreMark(ctx context.Context, m *proxenos.ReminderMark, n int) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	want := markOf(&markDoc{Mark: *m}, loc)
	wantJSON, err := json.Marshal(want)
	if err != nil {
		return false, err
	}
	cur, err := s.db.db.Collection(marksColl).Find(ctx, bson.D{{Key: "team", Value: team}, {Key: "itemKey", Value: m.ItemKey}})
	if err != nil {
		return false, translate(err, "find marks", team, m.ItemKey)
	}
	var docs []*markDoc
	if err := cur.All(ctx, &docs); err != nil {
		return false, translate(err, "find marks", team, m.ItemKey)
	}
	have := 0
	for _, d := range docs {
		if b, err := json.Marshal(markOf(d, loc)); err == nil && bytes.Equal(b, wantJSON) {
			have++
		}
	}
	if have > n {
		return false, nil
	}
	_, err = s.db.db.Collection(marksColl).InsertOne(ctx, &markDoc{Team: team, ItemKey: m.ItemKey, Mark: *want})
	return err == nil, translate(err, "restore mark", team, m.ItemKey)
}
