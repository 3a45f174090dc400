package mongo

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// PartnerService keeps the partner directory and the contact log in
// MongoDB.
type PartnerService struct {
	db *DB
}

var _ proxenos.PartnerService = (*PartnerService)(nil)

// NewPartnerService returns the directory stored in db.
func NewPartnerService(db *DB) *PartnerService {
	return &PartnerService{db: db}
}

// partnerDoc is a partner as stored, with the keys it is found by.
// Request is the id of the request that created it, if any;
// PersonRequests those of the requests that added a person to it.
type partnerDoc struct {
	Key              string   `bson:"_id"`
	Team             string   `bson:"team"`
	Request          string   `bson:"request,omitempty"`
	PersonRequests   []string `bson:"personRequests,omitempty"`
	proxenos.Partner `bson:",inline"`
	NameKey          string   `bson:"nameKey"`
	CountryKey       string   `bson:"countryKey"`
	Words            []string `bson:"words"` // search terms, see wordsField
}

// newPartnerDoc returns the stored form of p.
func newPartnerDoc(team string, p *proxenos.Partner) *partnerDoc {
	words, stems := search.PartnerTerms(p)
	return &partnerDoc{Key: p.ID, Team: team, Partner: *p, NameKey: proxenos.SearchKey(p.Name),
		CountryKey: proxenos.SearchKey(p.Country), Words: append(words, stems...)}
}

// partner returns the partner of a stored document, its times in loc.
func (d *partnerDoc) partner(loc *time.Location) *proxenos.Partner {
	p := d.Partner
	p.LastContact, p.CreatedAt, p.UpdatedAt = search.InZone(p.LastContact, loc), search.InZone(p.CreatedAt, loc), search.InZone(p.UpdatedAt, loc)
	return &p
}

func (s *PartnerService) coll() *mongo.Collection { return s.db.db.Collection(partnersColl) }

// FindPartnerByID returns one partner. ENOTFOUND if none.
func (s *PartnerService) FindPartnerByID(ctx context.Context, id string) (*proxenos.Partner, error) {
	find := func(ctx context.Context, team, id string) (*partnerDoc, error) {
		return findPartner(ctx, s.db, team, id)
	}
	return findRecord(ctx, id, find, (*partnerDoc).partner)
}

// findPartner returns a partner of team by id. ENOTFOUND if none.
func findPartner(ctx context.Context, db *DB, team, id string) (*partnerDoc, error) {
	var d partnerDoc
	err := db.db.Collection(partnersColl).FindOne(ctx, bson.D{{Key: "_id", Value: id}}, leanOne()).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && d.Team != team) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.partner.not_found", id)
	}
	return &d, translate(err, "find partner", team, id)
}

// requirePartner returns EINVALID unless the partner exists in team.
func requirePartner(ctx context.Context, db *DB, team, id string) error {
	_, err := findPartner(ctx, db, team, id)
	if proxenos.ErrorCode(err) == proxenos.ENOTFOUND {
		return proxenos.Errorf(proxenos.EINVALID, "storage.partner.unknown", id)
	}
	return err
}

// touchPartner moves the partner's last contact to d if d is later, in one
// conditional update (no read-modify-write). It follows the write of the
// record that is the contact, which stands whatever happens here: a
// failure is logged, not returned, so that the user is told the record
// was saved. The move is idempotent, and the partner's next contact, or
// an edit of this record, makes it again.
func touchPartner(ctx context.Context, db *DB, team, id string, d time.Time) {
	_, err := db.db.Collection(partnersColl).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}, {Key: "lastcontact", Value: bson.D{{Key: "$lt", Value: d}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "lastcontact", Value: d}}}})
	if err != nil {
		slog.WarnContext(ctx, "partner's last contact not moved; the record is saved, and the next contact or an edit of it moves it",
			"team", team, "partner", id, "date", d, "error", err)
	}
}

// FindPartners returns the partners matching filter, ranked by how well
// they match the query and then by name, and the total count.
func (s *PartnerService) FindPartners(ctx context.Context, f proxenos.PartnerFilter) ([]*proxenos.Partner, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	filter := bson.D{{Key: "team", Value: team}}
	if f.Country != "" {
		filter = append(filter, bson.E{Key: "countryKey", Value: proxenos.SearchKey(f.Country)})
	}
	if f.Kind != "" {
		filter = append(filter, bson.E{Key: "kind", Value: string(f.Kind)})
	}
	if f.Relationship != "" {
		filter = append(filter, bson.E{Key: "relationship", Value: string(f.Relationship)})
	}
	var docs []*partnerDoc
	// Names are unique in a workspace (the unique index on nameKey), so
	// they order the list alone, off that index.
	total, err := rankedFind(ctx, s.coll(), filter, f.Query, bson.D{{Key: "nameKey", Value: 1}}, f.Offset, f.Limit, 0, &docs)
	if err != nil {
		return nil, 0, translate(err, "find partners", team)
	}
	out := make([]*proxenos.Partner, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.partner(loc))
	}
	return out, total, nil
}

// EachPartner calls fn with every partner of the workspace, by name,
// through one cursor on the unique index of names.
func (s *PartnerService) EachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	opts := options.Find().SetProjection(withoutWords).SetSort(bson.D{{Key: "nameKey", Value: 1}})
	return eachDoc(ctx, s.coll(), bson.D{{Key: "team", Value: team}}, opts, (*partnerDoc).partner, fn, "each partner", team)
}

// RecentPartners returns the partners with a last contact, the latest
// first and then by name, at most limit, and how many have one: both off
// the index (team, lastcontact, nameKey). A partner never in contact
// keeps the zero time.
func (s *PartnerService) RecentPartners(ctx context.Context, limit int) ([]*proxenos.Partner, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	_, limit = search.Page(0, limit)
	filter := bson.D{{Key: "team", Value: team}, {Key: "lastcontact", Value: bson.D{{Key: "$gt", Value: time.Time{}}}}}
	out, err := findDocs(ctx, s.coll(), filter, options.Find().SetProjection(withoutWords).
		SetSort(bson.D{{Key: "lastcontact", Value: -1}, {Key: "nameKey", Value: 1}}).SetLimit(int64(limit)),
		(*partnerDoc).partner, "recent partners", team)
	if err != nil {
		return nil, 0, err
	}
	n, err := count(ctx, s.coll(), filter, 0)
	return out, n, translate(err, "count recent partners", team)
}

// CreatePartner validates and stores p with a new id. ECONFLICT when the
// name (by SearchKey) is taken in the workspace. A request run again gets
// the partner it made.
func (s *PartnerService) CreatePartner(ctx context.Context, p *proxenos.Partner) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := p.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	partner := *p
	partner.ID, partner.CreatedAt, partner.UpdatedAt = bson.NewObjectID().Hex(), now, now
	doc := newPartnerDoc(team, &partner)
	doc.Request = proxenos.RequestFromContext(ctx)
	made, err := insertOnce(ctx, s.coll(), team, doc)
	switch {
	case made != nil:
		*p = *made.partner(loc)
		return nil
	case mongo.IsDuplicateKeyError(err):
		return proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
	case err != nil:
		return translate(err, "insert partner", team)
	}
	partner.LastContact = search.InZone(partner.LastContact, loc)
	*p = partner
	return nil
}

// UpdatePartner applies upd and validates the result. ENOTFOUND, EINVALID,
// ECONFLICT when renamed onto another partner's name.
func (s *PartnerService) UpdatePartner(ctx context.Context, id string, upd proxenos.PartnerUpdate) (*proxenos.Partner, error) {
	return s.change(ctx, id, func(p *proxenos.Partner) { upd.Apply(p) }, "")
}

// AddPerson appends a person to the partner. ENOTFOUND, EINVALID. A
// request run again adds nobody and returns the partner.
func (s *PartnerService) AddPerson(ctx context.Context, partnerID string, person proxenos.Person) (*proxenos.Partner, error) {
	return s.change(ctx, partnerID, func(p *proxenos.Partner) { p.People = append(p.People, person) }, proxenos.RequestFromContext(ctx))
}

// change reads a partner, edits it, validates it and writes back every
// field but the last contact (which moves on its own) in one update. With
// a request, the update is also conditional on the request not having
// changed the partner yet, and remembers it: a request run again returns
// the partner as it is.
func (s *PartnerService) change(ctx context.Context, id string, edit func(*proxenos.Partner), request string) (*proxenos.Partner, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	d, err := findPartner(ctx, s.db, team, id)
	if err != nil {
		return nil, err
	}
	if request != "" && slices.Contains(d.PersonRequests, request) {
		return d.partner(loc), nil
	}
	p := d.partner(loc)
	edit(p)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.UpdatedAt = search.Clock(ctx, s.db.Now)
	nd := newPartnerDoc(team, p)
	if nd.NameKey != d.NameKey {
		// FerretDB reports a unique violation caused by an update as an
		// internal error, not 11000: look first.
		err := s.coll().FindOne(ctx, bson.D{{Key: "team", Value: team}, {Key: "nameKey", Value: nd.NameKey}},
			options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		if err == nil {
			return nil, proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
		} else if !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, translate(err, "check partner name", team, id)
		}
	}
	raw, err := bson.Marshal(nd)
	if err != nil {
		return nil, translate(err, "encode partner", team, id)
	}
	var set bson.D
	if err := bson.Unmarshal(raw, &set); err != nil {
		return nil, translate(err, "encode partner", team, id)
	}
	fields := set[:0]
	for _, e := range set {
		if e.Key != "_id" && e.Key != "team" && e.Key != "lastcontact" {
			fields = append(fields, e)
		}
	}
	filter, update := bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}}, bson.D{{Key: "$set", Value: fields}}
	if request != "" {
		filter = append(filter, bson.E{Key: "personRequests", Value: bson.D{{Key: "$ne", Value: request}}})
		update = append(update, bson.E{Key: "$push", Value: bson.D{{Key: "personRequests", Value: request}}})
	}
	res, err := s.coll().UpdateOne(ctx, filter, update)
	switch {
	case mongo.IsDuplicateKeyError(err) || (nd.NameKey != d.NameKey && s.db.ferretDB && isRefusal(err)):
		// Renamed onto a name taken since the check above: 11000 on
		// MongoDB, any refusal on FerretDB.
		return nil, proxenos.Errorf(proxenos.ECONFLICT, "storage.partner.name_taken", p.Name)
	case err != nil:
		return nil, translate(err, "update partner", team, id)
	case res.MatchedCount == 0 && request != "":
		// Gone, or changed by a run of the same request in between.
		return s.change(ctx, id, edit, request)
	case res.MatchedCount == 0:
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.partner.not_found", id)
	}
	return p, nil
}

// isRefusal reports whether the server answered the command with an
// error (as FerretDB answers a unique violation by update, with
// InternalError), not that the answer was lost on the way.
func isRefusal(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && !mongo.IsNetworkError(err) && !mongo.IsTimeout(err)
}

// LogContact validates and stores c, and moves the partner's last contact
// to c.Date if later. ENOTFOUND for an unknown partner. A request run
// again gets the contact it logged (and moves the last contact, in case
// its first run did not get that far).
func (s *PartnerService) LogContact(ctx context.Context, c *proxenos.Contact) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := c.Validate(); err != nil {
		return err
	}
	if _, err := findPartner(ctx, s.db, team, c.PartnerID); err != nil {
		return err
	}
	contact := *c
	contact.ID, contact.CreatedAt = bson.NewObjectID().Hex(), search.Clock(ctx, s.db.Now)
	doc := contactDoc{Key: contact.ID, Team: team, Request: proxenos.RequestFromContext(ctx), Contact: contact}
	made, err := insertOnce(ctx, s.db.db.Collection(contactsColl), team, &doc)
	if err != nil {
		return translate(err, "insert contact", team, c.PartnerID)
	}
	if made != nil {
		contact = *made.contact(loc)
	}
	touchPartner(ctx, s.db, team, contact.PartnerID, contact.Date)
	*c = contact
	return nil
}

// contactDoc is a contact as stored.
type contactDoc struct {
	Key              string `bson:"_id"`
	Team             string `bson:"team"`
	Request          string `bson:"request,omitempty"` // the request that logged it, if any
	proxenos.Contact `bson:",inline"`
}

// contact returns the contact of a stored document, its times in loc.
func (d *contactDoc) contact(loc *time.Location) *proxenos.Contact {
	c := d.Contact
	c.Date, c.CreatedAt = search.InZone(c.Date, loc), search.InZone(c.CreatedAt, loc)
	return &c
}

// FindContacts returns a partner's contacts, latest first, at most limit
// (DefaultListLimit when 0, at most MaxListLimit).
func (s *PartnerService) FindContacts(ctx context.Context, partnerID string, limit int) ([]*proxenos.Contact, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	_, limit = search.Page(0, limit)
	return findDocs(ctx, s.db.db.Collection(contactsColl), bson.D{{Key: "team", Value: team}, {Key: "partnerid", Value: partnerID}},
		options.Find().SetSort(bson.D{{Key: "date", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(limit)),
		(*contactDoc).contact, "find contacts", team, partnerID)
}

// EachContact calls fn with every contact of the workspace dated in
// [from, to), the earliest first, through one cursor on the index
// (team, date, _id).
func (s *PartnerService) EachContact(ctx context.Context, from, to time.Time, fn func(*proxenos.Contact) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	filter := bson.D{{Key: "team", Value: team}}
	period := bson.D{}
	if !from.IsZero() {
		period = append(period, bson.E{Key: "$gte", Value: from})
	}
	if !to.IsZero() {
		period = append(period, bson.E{Key: "$lt", Value: to})
	}
	if len(period) > 0 {
		filter = append(filter, bson.E{Key: "date", Value: period})
	}
	opts := options.Find().SetSort(bson.D{{Key: "date", Value: 1}, {Key: "_id", Value: 1}})
	return eachDoc(ctx, s.db.db.Collection(contactsColl), filter, opts, (*contactDoc).contact, fn, "each contact", team)
}
