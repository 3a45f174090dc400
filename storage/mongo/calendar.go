package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// calendarFeedsColl holds one document per feed, keyed by its token hash.
const calendarFeedsColl = "calendar_feeds"

// CalendarService keeps calendar feeds in MongoDB.
type CalendarService struct {
	db *DB
}

var _ proxenos.CalendarService = (*CalendarService)(nil)

// NewCalendarService returns the calendar feeds stored in db.
func NewCalendarService(db *DB) *CalendarService {
	return &CalendarService{db: db}
}

// calendarFeedDoc is a feed as stored. Its _id is the token hash, so that
// an insert claims it and a lookup uses the _id index, which FerretDB
// also serves. Revoked is a plain flag for equality filters.
type calendarFeedDoc struct {
	TokenHash string    `bson:"_id"`
	Team      string    `bson:"team"`
	User      string    `bson:"user"`
	MineOnly  bool      `bson:"mineOnly"`
	Lang      string    `bson:"lang"`
	CreatedAt time.Time `bson:"createdAt"`
	Revoked   bool      `bson:"revoked"`
	RevokedAt time.Time `bson:"revokedAt,omitempty"`
	Request   string    `bson:"request,omitempty"` // the request that created it, if any
}

func (s *CalendarService) coll() *mongo.Collection { return s.db.db.Collection(calendarFeedsColl) }

// CreateCalendarFeed stores f as a live feed of the workspace and user in
// ctx. EINVALID; ECONFLICT when the token hash is taken. A request run
// again leaves only its latest feed live.
func (s *CalendarService) CreateCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	feed := *f
	feed.Team, feed.User, feed.CreatedAt, feed.RevokedAt = team, proxenos.UserFromContext(ctx), search.Clock(ctx, s.db.Now), time.Time{}
	if err := feed.Validate(); err != nil {
		return err
	}
	request := proxenos.RequestFromContext(ctx)
	if err := s.revokeOfRequest(ctx, team, request, feed.CreatedAt); err != nil {
		return err
	}
	doc := &calendarFeedDoc{TokenHash: feed.TokenHash, Team: team, User: feed.User, MineOnly: feed.MineOnly,
		Lang: string(feed.Lang), CreatedAt: feed.CreatedAt, Request: request}
	if _, err := s.coll().InsertOne(ctx, doc); err != nil {
		return translate(err, "insert calendar feed", team, feed.User)
	}
	*f = feed
	return nil
}

// revokeOfRequest revokes the feed an earlier run of the request made, if
// any, and unmarks it: its address was never shown (the answer was
// lost), the new feed's will be.
func (s *CalendarService) revokeOfRequest(ctx context.Context, team, request string, at time.Time) error {
	if request == "" {
		return nil
	}
	_, err := s.coll().UpdateMany(ctx, bson.D{{Key: "team", Value: team}, {Key: "request", Value: request}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revoked", Value: true}, {Key: "revokedAt", Value: at}}},
			{Key: "$unset", Value: bson.D{{Key: "request", Value: ""}}}})
	return translate(err, "revoke calendar feed of request", team)
}

// FindCalendarFeed returns the live feed whose token hashes to hash.
// ENOTFOUND when there is none or it was revoked.
func (s *CalendarService) FindCalendarFeed(ctx context.Context, hash string) (*proxenos.CalendarFeed, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var doc calendarFeedDoc
	err := s.coll().FindOne(ctx, bson.D{{Key: "_id", Value: hash}}).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) || err == nil && doc.Revoked {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "calendar.not_found")
	} else if err != nil {
		// The hash is a credential's digest: keep it out of error text.
		return nil, translate(err, "find calendar feed")
	}
	return &proxenos.CalendarFeed{TokenHash: doc.TokenHash, Team: doc.Team, User: doc.User, MineOnly: doc.MineOnly,
		Lang: proxenos.Lang(doc.Lang), CreatedAt: search.InZone(doc.CreatedAt, loc)}, nil
}

// RevokeCalendarFeeds revokes every live feed of the user in ctx and
// returns how many there were. Revoking only sets a flag, so a race
// between two revocations loses nothing.
func (s *CalendarService) RevokeCalendarFeeds(ctx context.Context) (int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return 0, err
	}
	user := proxenos.UserFromContext(ctx)
	res, err := s.coll().UpdateMany(ctx,
		bson.D{{Key: "team", Value: team}, {Key: "user", Value: user}, {Key: "revoked", Value: false}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revoked", Value: true}, {Key: "revokedAt", Value: search.Clock(ctx, s.db.Now)}}}})
	if err != nil {
		return 0, translate(err, "revoke calendar feeds", team, user)
	}
	return int(res.ModifiedCount), nil
}
