package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
)

// FindCorrespondenceBySource returns the entry logged from source.
// ENOTFOUND if none.
func (s *CorrespondenceService) FindCorrespondenceBySource(ctx context.Context, source string) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	var d corrDoc
	err = s.coll().FindOne(ctx, bson.D{{Key: "team", Value: team}, {Key: "sources", Value: source}}, leanOne()).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.corr.source_not_found")
	}
	if err != nil {
		return nil, translate(err, "find correspondence source", team, source)
	}
	return d.entry(loc), nil
}

// checkSources refuses an entry logged from a source logged before:
// ECONFLICT ("corr.already_logged"). Unlike SQLite's, the check is not
// atomic with the insert: two people logging the same message in the
// same instant could both succeed (MongoDB has no transaction here, and a
// unique index on a list would refuse every entry without sources).
func (s *CorrespondenceService) checkSources(ctx context.Context, c *proxenos.Correspondence) error {
	for _, src := range c.Sources {
		old, err := s.FindCorrespondenceBySource(ctx, src)
		if err == nil {
			return proxenos.Errorf(proxenos.ECONFLICT, "corr.already_logged", old.Protocol.String())
		}
		if proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			return err
		}
	}
	return nil
}
