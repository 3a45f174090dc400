package mongo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// RestoreService streams and restores every record in MongoDB, for
// export, import and migration (see storage.RestoreService). Restores
// are by _id: an insert when the record is new (a duplicate key is
// ECONFLICT), else a replacement, skipped when the stored document
// already holds the record. No transactions: a restore that stops half
// way is finished by running it again.
type RestoreService struct {
	db *DB
}

// NewRestoreService returns the restore service of db.
func NewRestoreService(db *DB) *RestoreService {
	return &RestoreService{db: db}
}

// teamCollections are the collections that hold a team field; receipts
// and intake are transient, and not among them on purpose.
var teamCollections = []string{correspondenceColl, partnersColl, contactsColl, glossaryColl, usageColl, deliveriesColl,
	marksColl, callsColl, agreementsColl, obligationsColl, preferencesColl, calendarFeedsColl}

// Teams returns every workspace that holds a record, sorted.
func (s *RestoreService) Teams(ctx context.Context) ([]string, error) {
	var out []string
	for _, coll := range teamCollections {
		var teams []string
		err := s.db.db.Collection(coll).Distinct(ctx, "team", bson.D{}).Decode(&teams)
		if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, translate(err, "list teams", coll)
		}
		out = append(out, teams...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// each streams the documents of the workspace in ctx in coll, in the
// order sort gives, converted by conv.
func each[D, T any](ctx context.Context, db *DB, coll string, sort bson.D, conv func(*D) *T, fn func(*T) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	return eachDoc(ctx, db.db.Collection(coll), bson.D{{Key: "team", Value: team}}, options.Find().SetSort(sort), conv, fn,
		"stream records", coll, team)
}

// byID is the order of records that have an id of their own.
var byID = bson.D{{Key: "_id", Value: 1}}

// EachCorrespondence streams the workspace's entries by year and number.
func (s *RestoreService) EachCorrespondence(ctx context.Context, fn func(*proxenos.Correspondence) error) error {
	return each(ctx, s.db, correspondenceColl, bson.D{{Key: "protocol.year", Value: 1}, {Key: "protocol.number", Value: 1}},
		(*corrDoc).entry, fn)
}

// EachPartner streams the workspace's partners by id.
func (s *RestoreService) EachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error {
	return each(ctx, s.db, partnersColl, byID, (*partnerDoc).partner, fn)
}

// EachContact streams the workspace's contacts by id.
func (s *RestoreService) EachContact(ctx context.Context, fn func(*proxenos.Contact) error) error {
	return each(ctx, s.db, contactsColl, byID, (*contactDoc).contact, fn)
}

// EachCall streams the workspace's calls by id.
func (s *RestoreService) EachCall(ctx context.Context, fn func(*proxenos.Call) error) error {
	return each(ctx, s.db, callsColl, byID, (*callDoc).call, fn)
}

// EachAgreement streams the workspace's agreements by id.
func (s *RestoreService) EachAgreement(ctx context.Context, fn func(*proxenos.Agreement) error) error {
	return each(ctx, s.db, agreementsColl, byID, (*agreementDoc).agreement, fn)
}

// EachObligation streams the workspace's obligations by id.
func (s *RestoreService) EachObligation(ctx context.Context, fn func(*proxenos.Obligation) error) error {
	return each(ctx, s.db, obligationsColl, byID, (*obligationDoc).obligation, fn)
}

// EachGlossaryEntry streams the workspace's glossary, oldest first.
func (s *RestoreService) EachGlossaryEntry(ctx context.Context, fn func(*proxenos.GlossaryEntry) error) error {
	return each(ctx, s.db, glossaryColl, glossaryOrder, (*glossaryDoc).entry, fn)
}

// EachUsage streams the workspace's usage in the order recorded.
func (s *RestoreService) EachUsage(ctx context.Context, fn func(*proxenos.Usage) error) error {
	return each(ctx, s.db, usageColl, byID, usageOf, fn)
}

// usageOf returns the record of a usage document.
func usageOf(d *usageDoc) *proxenos.Usage {
	return &proxenos.Usage{User: d.User, Model: d.Model, Characters: d.Characters, PromptTokens: d.PromptTokens,
		CompletionTokens: d.CompletionTokens, Duration: time.Duration(d.DurationMS) * time.Millisecond, At: search.InZone(d.At)}
}

// EachPreference streams the workspace's preferences by user.
func (s *RestoreService) EachPreference(ctx context.Context, fn func(*proxenos.Preference) error) error {
	return each(ctx, s.db, preferencesColl, byID, func(d *preferenceDoc) *proxenos.Preference {
		return &proxenos.Preference{User: d.User, Lang: proxenos.Lang(d.Lang), UpdatedAt: search.InZone(d.UpdatedAt.Time())}
	}, fn)
}

// EachCalendarFeed streams the workspace's feeds, live and revoked.
func (s *RestoreService) EachCalendarFeed(ctx context.Context, fn func(*proxenos.CalendarFeed) error) error {
	return each(ctx, s.db, calendarFeedsColl, bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}, feedOf, fn)
}

// feedOf returns the feed of a stored document.
func feedOf(d *calendarFeedDoc) *proxenos.CalendarFeed {
	f := &proxenos.CalendarFeed{TokenHash: d.TokenHash, Team: d.Team, User: d.User, MineOnly: d.MineOnly,
		Lang: proxenos.Lang(d.Lang), CreatedAt: search.InZone(d.CreatedAt)}
	if d.Revoked {
		f.RevokedAt = search.InZone(d.RevokedAt)
	}
	return f
}

// EachDelivery streams the workspace's delivery attempts by key and
// attempt.
func (s *RestoreService) EachDelivery(ctx context.Context, fn func(*proxenos.Delivery) error) error {
	return each(ctx, s.db, deliveriesColl, deliveryOrder, (*deliveryDoc).delivery, fn)
}

// EachMark streams the workspace's marks in the order FindMarks reads
// them.
func (s *RestoreService) EachMark(ctx context.Context, fn func(*proxenos.ReminderMark) error) error {
	return each(ctx, s.db, marksColl, markOrder, markOf, fn)
}

// put stores doc, whose _id is id, in coll for the workspace team: an
// insert when no document has the id, a replacement when the stored one
// differs (other than in its revision, which the replacement bumps, so
// that an edit racing the restore starts again). ECONFLICT when the id
// belongs to another workspace or a unique key is taken.
func (s *RestoreService) put(ctx context.Context, coll, team, id string, doc any) (bool, error) {
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
	// The request that created an entry stays with it: exports do not
	// carry it, and a restore is no change of the entry.
	if r := field(have, "request"); r != nil {
		want = append(without(want, "request"), bson.E{Key: "request", Value: r})
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

// RestoreCorrespondence stores c under its protocol number.
func (s *RestoreService) RestoreCorrespondence(ctx context.Context, c *proxenos.Correspondence) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	entry := *c
	entry.ID = entry.Protocol.String()
	return s.put(ctx, correspondenceColl, team, entryKey(team, c.Protocol), newCorrDoc(team, &entry, 0))
}

// RestorePartner stores p under its id, with its last contact.
func (s *RestoreService) RestorePartner(ctx context.Context, p *proxenos.Partner) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	// A replacement onto a taken name is no duplicate-key error on
	// FerretDB: look first.
	var other partnerDoc
	err = s.db.db.Collection(partnersColl).FindOne(ctx, bson.D{{Key: "team", Value: team},
		{Key: "nameKey", Value: proxenos.SearchKey(p.Name)}}).Decode(&other)
	if err == nil && other.Key != p.ID {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
	} else if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return false, translate(err, "find partner", team)
	}
	return s.put(ctx, partnersColl, team, p.ID, newPartnerDoc(team, p))
}

// RestoreContact stores c under its id.
func (s *RestoreService) RestoreContact(ctx context.Context, c *proxenos.Contact) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, contactsColl, team, c.ID, &contactDoc{Key: c.ID, Team: team, Contact: *c})
}

// RestoreCall stores c under its id.
func (s *RestoreService) RestoreCall(ctx context.Context, c *proxenos.Call) (bool, error) {
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

// RestoreAgreement stores a under its id.
func (s *RestoreService) RestoreAgreement(ctx context.Context, a *proxenos.Agreement) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, agreementsColl, team, a.ID, newAgreementDoc(team, a, 0))
}

// RestoreObligation stores o under its id, then the claims on its
// fulfilled occurrences (a claim already there is kept).
func (s *RestoreService) RestoreObligation(ctx context.Context, o *proxenos.Obligation) (bool, error) {
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

// RestoreGlossaryEntry stores e under its id.
func (s *RestoreService) RestoreGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, glossaryColl, team, e.ID, &glossaryDoc{Key: e.ID, Team: team, GlossaryEntry: *e})
}

// RestoreUsage stores u unless more than n equal records are stored.
func (s *RestoreService) RestoreUsage(ctx context.Context, u *proxenos.Usage, n int) (bool, error) {
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

// RestorePreference stores p for its user, with its UpdatedAt.
func (s *RestoreService) RestorePreference(ctx context.Context, p *proxenos.Preference) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	key := preferenceKey(team, p.User)
	return s.put(ctx, preferencesColl, team, key, &preferenceDoc{Key: key, Team: team, User: p.User, Lang: string(p.Lang),
		UpdatedAt: bson.NewDateTimeFromTime(p.UpdatedAt)})
}

// RestoreCalendarFeed stores f under its token hash, in the workspace in
// ctx.
func (s *RestoreService) RestoreCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	return s.put(ctx, calendarFeedsColl, team, f.TokenHash, &calendarFeedDoc{TokenHash: f.TokenHash, Team: team, User: f.User,
		MineOnly: f.MineOnly, Lang: string(f.Lang), CreatedAt: f.CreatedAt, Revoked: !f.RevokedAt.IsZero(), RevokedAt: f.RevokedAt})
}

// RestoreDelivery stores d under its key and attempt, in its state.
func (s *RestoreService) RestoreDelivery(ctx context.Context, d *proxenos.Delivery) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	out := *d
	normalizeDelivery(&out)
	id := deliveryID(team, d.Key, d.Attempt)
	return s.put(ctx, deliveriesColl, team, id, &deliveryDoc{ID: id, Team: team, Key: out.Key, Attempt: out.Attempt,
		State: string(out.State), Kind: string(out.Reminder.Kind), Holder: out.Holder, ClaimedAt: out.ClaimedAt, Delivery: out})
}

// RestoreMark stores m unless more than n equal marks are stored.
func (s *RestoreService) RestoreMark(ctx context.Context, m *proxenos.ReminderMark, n int) (bool, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return false, err
	}
	want := markOf(&markDoc{Mark: *m})
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
		if b, err := json.Marshal(markOf(d)); err == nil && bytes.Equal(b, wantJSON) {
			have++
		}
	}
	if have > n {
		return false, nil
	}
	_, err = s.db.db.Collection(marksColl).InsertOne(ctx, &markDoc{Team: team, ItemKey: m.ItemKey, Mark: *want})
	return err == nil, translate(err, "restore mark", team, m.ItemKey)
}
