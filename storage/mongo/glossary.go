package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// GlossaryService keeps the office glossary in MongoDB.
type GlossaryService struct {
	db *DB
}

var _ proxenos.GlossaryService = (*GlossaryService)(nil)

// NewGlossaryService returns the glossary stored in db.
func NewGlossaryService(db *DB) *GlossaryService {
	return &GlossaryService{db: db}
}

// glossaryDoc is a glossary entry as stored. Its _id is an ObjectID in
// hex, so ids sort in order of creation.
type glossaryDoc struct {
	Key                    string `bson:"_id"`
	Team                   string `bson:"team"`
	Request                string `bson:"request,omitempty"` // the request that created it, if any
	proxenos.GlossaryEntry `bson:",inline"`
}

// glossaryOrder is the order of the glossary: oldest first.
var glossaryOrder = bson.D{{Key: "createdat", Value: 1}, {Key: "_id", Value: 1}}

// entry returns the glossary entry of a stored document, its times in loc.
func (d *glossaryDoc) entry(loc *time.Location) *proxenos.GlossaryEntry {
	e := d.GlossaryEntry
	e.CreatedAt = search.InZone(e.CreatedAt, loc)
	return &e
}

func (s *GlossaryService) coll() *mongo.Collection { return s.db.db.Collection(glossaryColl) }

// FindGlossary returns every entry of the workspace, oldest first.
func (s *GlossaryService) FindGlossary(ctx context.Context) ([]*proxenos.GlossaryEntry, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	return findDocs(ctx, s.coll(), bson.D{{Key: "team", Value: team}}, options.Find().SetSort(glossaryOrder),
		(*glossaryDoc).entry, "find glossary", team)
}

// CreateGlossaryEntry validates e and stores it with a new id. EINVALID.
// A request run again gets the entry it made.
func (s *GlossaryService) CreateGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := e.Validate(); err != nil {
		return err
	}
	entry := *e
	entry.ID, entry.CreatedAt = bson.NewObjectID().Hex(), search.Clock(ctx, s.db.Now)
	made, err := insertOnce(ctx, s.coll(), team, &glossaryDoc{Key: entry.ID, Team: team, Request: proxenos.RequestFromContext(ctx), GlossaryEntry: entry})
	if err != nil {
		return translate(err, "insert glossary entry", team)
	}
	if made != nil {
		entry = *made.entry(loc)
	}
	*e = entry
	return nil
}

// DeleteGlossaryEntry removes an entry of the workspace. ENOTFOUND.
func (s *GlossaryService) DeleteGlossaryEntry(ctx context.Context, id string) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	res, err := s.coll().DeleteOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}})
	if err != nil {
		return translate(err, "delete glossary entry", team, id)
	}
	if res.DeletedCount == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "storage.glossary.not_found", id)
	}
	return nil
}
