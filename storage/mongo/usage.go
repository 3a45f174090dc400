package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// UsageService records LLM usage in MongoDB.
type UsageService struct {
	db *DB
}

var _ proxenos.UsageService = (*UsageService)(nil)

// NewUsageService returns the usage records stored in db.
func NewUsageService(db *DB) *UsageService {
	return &UsageService{db: db}
}

// usageDoc is one request to the LLM as stored.
type usageDoc struct {
	Team             string    `bson:"team"`
	At               time.Time `bson:"at"`
	User             string    `bson:"user"`
	Model            string    `bson:"model"`
	Characters       int       `bson:"characters"`
	PromptTokens     int       `bson:"promptTokens"`
	CompletionTokens int       `bson:"completionTokens"`
	DurationMS       int64     `bson:"durationMs"`
}

// RecordUsage stores u; a zero u.At is now.
func (s *UsageService) RecordUsage(ctx context.Context, u *proxenos.Usage) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	if u.At.IsZero() {
		u.At = search.Clock(ctx, s.db.Now)
	}
	_, err = s.db.db.Collection(usageColl).InsertOne(ctx, &usageDoc{Team: team, At: u.At, User: u.User, Model: u.Model,
		Characters: u.Characters, PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens,
		DurationMS: u.Duration.Milliseconds()})
	return translate(err, "record usage", team)
}

// SumUsage adds up the workspace's usage in [from, to). It adds in Go
// rather than with $group, which FerretDB gets wrong with more than one
// accumulator; a month holds at most a few thousand requests.
func (s *UsageService) SumUsage(ctx context.Context, from, to time.Time) (proxenos.UsageSummary, error) {
	var sum proxenos.UsageSummary
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return sum, err
	}
	cur, err := s.db.db.Collection(usageColl).Find(ctx,
		bson.D{{Key: "team", Value: team}, {Key: "at", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}}},
		options.Find().SetProjection(bson.D{{Key: "characters", Value: 1}, {Key: "promptTokens", Value: 1}, {Key: "completionTokens", Value: 1}}))
	if err != nil {
		return sum, translate(err, "sum usage", team)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d usageDoc
		if err := cur.Decode(&d); err != nil {
			return sum, translate(err, "sum usage", team)
		}
		sum.Requests++
		sum.Characters += d.Characters
		sum.PromptTokens += d.PromptTokens
		sum.CompletionTokens += d.CompletionTokens
	}
	return sum, translate(cur.Err(), "sum usage", team)
}
