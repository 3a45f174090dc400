package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// preferencesColl holds one document per workspace and user, keyed by
// _id "team/user", so that every lookup and write uses the _id index.
const preferencesColl = "preferences"

// PreferenceService keeps users' preferences in MongoDB.
type PreferenceService struct {
	db *DB
}

var _ proxenos.PreferenceService = (*PreferenceService)(nil)

// NewPreferenceService returns the preferences stored in db.
func NewPreferenceService(db *DB) *PreferenceService {
	return &PreferenceService{db: db}
}

// preferenceDoc is a preference as stored.
type preferenceDoc struct {
	Key       string        `bson:"_id"`
	Team      string        `bson:"team"`
	User      string        `bson:"user"`
	Lang      string        `bson:"lang"`
	UpdatedAt bson.DateTime `bson:"updatedAt"`
}

func (s *PreferenceService) coll() *mongo.Collection { return s.db.db.Collection(preferencesColl) }

// preferenceKey is the _id of user's preferences in team.
func preferenceKey(team, user string) string { return team + "/" + user }

// FindPreference returns the preferences of user. ENOTFOUND when none.
func (s *PreferenceService) FindPreference(ctx context.Context, user string) (*proxenos.Preference, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	var d preferenceDoc
	err = s.coll().FindOne(ctx, bson.D{{Key: "_id", Value: preferenceKey(team, user)}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.preference.not_found")
	} else if err != nil {
		return nil, translate(err, "find preference", team, user)
	}
	return &proxenos.Preference{User: d.User, Lang: proxenos.Lang(d.Lang), UpdatedAt: search.InZone(d.UpdatedAt.Time(), loc)}, nil
}

// SetPreference validates p and replaces the user's document, creating
// it when missing. Two first writes at once may both try to insert; the
// loser of the unique _id retries once, as a replacement. EINVALID.
func (s *PreferenceService) SetPreference(ctx context.Context, p *proxenos.Preference) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	key := preferenceKey(team, p.User)
	doc := &preferenceDoc{Key: key, Team: team, User: p.User, Lang: string(p.Lang), UpdatedAt: bson.NewDateTimeFromTime(now)}
	replace := func() error {
		_, err := s.coll().ReplaceOne(ctx, bson.D{{Key: "_id", Value: key}}, doc, options.Replace().SetUpsert(true))
		return err
	}
	err = replace()
	if mongo.IsDuplicateKeyError(err) {
		err = replace()
	}
	if err != nil {
		return translate(err, "set preference", team, p.User)
	}
	p.UpdatedAt = now
	return nil
}
