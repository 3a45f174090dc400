package mongo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// CorrespondenceService keeps the correspondence register in MongoDB.
type CorrespondenceService struct {
	db *DB
}

var _ proxenos.CorrespondenceService = (*CorrespondenceService)(nil)

// NewCorrespondenceService returns the register stored in db.
func NewCorrespondenceService(db *DB) *CorrespondenceService {
	return &CorrespondenceService{db: db}
}

// corrDoc is an entry as stored: the entry itself plus the keys it is
// found by. Its _id is "<team>/<year>/<number>": inserting it claims the
// number. Request is the id of the request that created it, if any.
type corrDoc struct {
	Key                     string `bson:"_id"`
	Team                    string `bson:"team"`
	Rev                     int    `bson:"rev"` // bumped by each update
	Request                 string `bson:"request,omitempty"`
	proxenos.Correspondence `bson:",inline"`
	CountryKey              string   `bson:"countryKey"`
	TagKeys                 []string `bson:"tagKeys"`
	Words                   []string `bson:"words"` // search terms, see wordsField
}

// entryKey returns the _id of an entry.
func entryKey(team string, p proxenos.ProtocolNumber) string {
	return team + "/" + strconv.Itoa(p.Year) + "/" + strconv.Itoa(p.Number)
}

// newCorrDoc returns the stored form of c, with its search keys.
func newCorrDoc(team string, c *proxenos.Correspondence, rev int) *corrDoc {
	words, stems := search.EntryTerms(c)
	tags := make([]string, 0, len(c.Tags))
	for _, t := range c.Tags {
		tags = append(tags, proxenos.SearchKey(t))
	}
	return &corrDoc{Key: entryKey(team, c.Protocol), Team: team, Rev: rev, Correspondence: *c,
		CountryKey: proxenos.SearchKey(c.Country), TagKeys: tags, Words: append(words, stems...)}
}

// next returns the stored form of c replacing d: the next revision,
// created by the same request.
func (d *corrDoc) next(team string, c *proxenos.Correspondence) *corrDoc {
	n := newCorrDoc(team, c, d.Rev+1)
	n.Request = d.Request
	return n
}

// entry returns the entry of a stored document, times in loc.
func (d *corrDoc) entry(loc *time.Location) *proxenos.Correspondence {
	c := d.Correspondence
	c.Date, c.CreatedAt, c.UpdatedAt = search.InZone(c.Date, loc), search.InZone(c.CreatedAt, loc), search.InZone(c.UpdatedAt, loc)
	c.Registered = search.InZone(c.Registered, loc)
	for i := range c.History {
		c.History[i].At = search.InZone(c.History[i].At, loc)
	}
	return &c
}

func (s *CorrespondenceService) coll() *mongo.Collection {
	return s.db.db.Collection(correspondenceColl)
}

// FindCorrespondenceByNumber returns one entry. ENOTFOUND if none.
func (s *CorrespondenceService) FindCorrespondenceByNumber(ctx context.Context, p proxenos.ProtocolNumber) (*proxenos.Correspondence, error) {
	return findRecord(ctx, p, s.find, (*corrDoc).entry)
}

func (s *CorrespondenceService) find(ctx context.Context, team string, p proxenos.ProtocolNumber) (*corrDoc, error) {
	var d corrDoc
	err := s.coll().FindOne(ctx, bson.D{{Key: "_id", Value: entryKey(team, p)}}, leanOne()).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.corr.not_found", p.String())
	}
	return &d, translate(err, "find correspondence", team, p.String())
}

// FindCorrespondence returns the entries matching filter, ranked as the
// filter's doc comment says, and the total count of matches.
func (s *CorrespondenceService) FindCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	filter := corrFilter(team, f)
	sort := bson.D{{Key: registeredField, Value: -1}, {Key: "protocol.year", Value: -1}, {Key: "protocol.number", Value: -1}}
	var docs []*corrDoc
	total, err := rankedFind(ctx, s.coll(), filter, f.Query, sort, f.Offset, f.Limit, proxenos.MaxSearchCount, &docs)
	if err != nil {
		return nil, 0, translate(err, "find correspondence", team)
	}
	out := make([]*proxenos.Correspondence, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.entry(loc))
	}
	return out, total, nil
}

// corrFilter returns the filter of the entries of team f selects,
// besides its query.
func corrFilter(team string, f proxenos.CorrespondenceFilter) bson.D {
	filter := bson.D{{Key: "team", Value: team}}
	if f.Direction != "" {
		filter = append(filter, bson.E{Key: "direction", Value: string(f.Direction)})
	}
	if f.PartnerID != "" {
		filter = append(filter, bson.E{Key: "partnerid", Value: f.PartnerID})
	}
	if f.Country != "" {
		filter = append(filter, bson.E{Key: "countryKey", Value: proxenos.SearchKey(f.Country)})
	}
	if f.Tag != "" {
		filter = append(filter, bson.E{Key: "tagKeys", Value: proxenos.SearchKey(f.Tag)})
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		period := bson.D{}
		if !f.From.IsZero() {
			period = append(period, bson.E{Key: "$gte", Value: f.From})
		}
		if !f.To.IsZero() {
			period = append(period, bson.E{Key: "$lt", Value: f.To})
		}
		filter = append(filter, bson.E{Key: registeredField, Value: period})
	}
	return filter
}

// EachCorrespondence calls fn with every entry f selects, in the order
// of their protocol numbers, off the export's index (team, year,
// number), through one cursor.
func (s *CorrespondenceService) EachCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter, fn func(*proxenos.Correspondence) error) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if f.Query != "" {
		return errors.New("mongo: each correspondence: a search is not streamed")
	}
	opts := options.Find().SetProjection(withoutWords).
		SetSort(bson.D{{Key: "protocol.year", Value: 1}, {Key: "protocol.number", Value: 1}})
	return eachDoc(ctx, s.coll(), corrFilter(team, f), opts, (*corrDoc).entry, fn, "each correspondence", team)
}

// CreateCorrespondence validates c, claims its sources (see sourceClaims.take),
// claims the next protocol number of its year by inserting the entry
// under it (see insertNext), and moves the partner's last contact. A
// repeated request finds its entry first, so that it claims no number;
// two runs of one request at once are told apart by the unique index on
// the request (where the server has partial indexes).
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
	if made, err := s.entryOfRequest(ctx, team, request); made != nil || err != nil {
		if made != nil {
			*c = *made
		}
		return err
	}
	if c.PartnerID != "" {
		if err := requirePartner(ctx, s.db, team, c.PartnerID); err != nil {
			return err
		}
	}
	claims, err := claimSources(ctx, s.db, team, c.Sources, proxenos.ProtocolNumber{}, request)
	if err != nil {
		return err
	}
	entry := *c
	entry.CreatedAt, entry.UpdatedAt, entry.History = now, now, nil
	wctx, cancel := claims.writeContext(ctx)
	defer cancel()
	stored, err := s.insertNext(wctx, team, &entry, request)
	if err != nil {
		claims.release(ctx)
		return err
	}
	claims.settle(ctx, stored.Protocol)
	if stored != &entry { // made by an earlier run of the request
		*c = *stored
		return nil
	}
	if entry.PartnerID != "" {
		touchPartner(ctx, s.db, team, entry.PartnerID, entry.Date)
	}
	*c = entry
	c.Date, c.Registered = search.InZone(c.Date, loc), search.InZone(c.Registered, loc)
	return nil
}

// insertNext claims the next protocol number of entry's year by inserting
// entry under it (a duplicate key means another writer took it: try the
// next one) and returns entry, numbered; or, when the request made an
// entry meanwhile (another run of it), that entry. The claim and the
// record are one insert: a failed insert leaves no gap.
func (s *CorrespondenceService) insertNext(ctx context.Context, team string, entry *proxenos.Correspondence, request string) (*proxenos.Correspondence, error) {
	last, err := s.lastTaken(ctx, team, entry.Protocol.Year, 0)
	if err != nil {
		return nil, err
	}
	for {
		entry.Protocol.Number = last + 1
		entry.ID = entry.Protocol.String()
		doc := newCorrDoc(team, entry, 0)
		doc.Request = request
		_, err := s.coll().InsertOne(ctx, doc)
		if err == nil {
			return entry, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return nil, translate(err, "insert correspondence", team, entry.Protocol.String())
		}
		if made, err := s.entryOfRequest(ctx, team, request); made != nil || err != nil {
			return made, err
		}
		if last, err = s.lastTaken(ctx, team, entry.Protocol.Year, last+1); err != nil {
			return nil, err
		}
	}
}

// entryOfRequest returns the entry the request created, or nil when it
// created none (or there is no request).
func (s *CorrespondenceService) entryOfRequest(ctx context.Context, team, request string) (*proxenos.Correspondence, error) {
	loc := proxenos.ZoneFromContext(ctx)
	d, err := ofRequest[corrDoc](ctx, s.coll(), team, request)
	if d == nil {
		return nil, err
	}
	return d.entry(loc), nil
}

// lastTaken returns the highest protocol number taken in year, and at
// least known (a number seen taken). A legacy register imported with
// voided numbers has gaps: the next number comes after the highest, as in
// SQLite, never in a hole. One backwards read of the export's index
// (team, protocol.year, protocol.number).
func (s *CorrespondenceService) lastTaken(ctx context.Context, team string, year, known int) (int, error) {
	var d struct {
		Protocol proxenos.ProtocolNumber `bson:"protocol"`
	}
	err := s.coll().FindOne(ctx, bson.D{{Key: "team", Value: team}, {Key: "protocol.year", Value: year}},
		options.FindOne().SetSort(bson.D{{Key: "protocol.number", Value: -1}}).SetProjection(bson.D{{Key: "protocol", Value: 1}})).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return known, nil
	} else if err != nil {
		return 0, translate(err, "find last protocol number", team, year)
	}
	return max(known, d.Protocol.Number), nil
}

// UpdateCorrespondence applies upd, validates the result and records the
// change in the history, replacing the document in one write that only
// succeeds if nobody else changed it since it was read (else it retries).
func (s *CorrespondenceService) UpdateCorrespondence(ctx context.Context, p proxenos.ProtocolNumber, upd proxenos.CorrespondenceUpdate) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	for attempt := 0; ; attempt++ {
		d, err := s.find(ctx, team, p)
		if err != nil {
			return nil, err
		}
		c := d.entry(loc)
		oldPartner := c.PartnerID
		changes := upd.Apply(c)
		if len(changes) == 0 {
			return c, nil
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		if c.PartnerID != "" && c.PartnerID != oldPartner {
			if err := requirePartner(ctx, s.db, team, c.PartnerID); err != nil {
				return nil, err
			}
		}
		now := search.Clock(ctx, s.db.Now)
		c.UpdatedAt = now
		c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		res, err := s.coll().ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.Key}, {Key: "rev", Value: d.Rev}}, d.next(team, c))
		if err != nil {
			return nil, translate(err, "update correspondence", team, p.String())
		}
		if res.MatchedCount == 0 {
			if attempt < 5 {
				continue // changed under us: read again and reapply
			}
			return nil, fmt.Errorf("mongo: update correspondence %s %s: kept changing under us", team, p)
		}
		if c.PartnerID != "" {
			touchPartner(ctx, s.db, team, c.PartnerID, c.Date)
		}
		return c, nil
	}
}
