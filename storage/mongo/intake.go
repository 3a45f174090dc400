package mongo

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
)

// intakeColl holds one document per acknowledged request, keyed by _id
// "team/id", so that every update of one is by _id alone (which FerretDB
// serves without reading the collection); claimedAt is the zero time
// when released. intakeClaimsColl holds
// one document per take-over, keyed "id/attempt": its unique _id is what
// lets one claim of a record's attempt through.
const (
	intakeColl       = "intake"
	intakeClaimsColl = "intake_claims"
)

// Records older than proxenos.IntakeRetention are swept at most once per
// intakeSweepEvery by each service, at most intakeSweepMax at a time.
const (
	intakeSweepEvery = time.Minute
	intakeSweepMax   = 500
)

// IntakeService keeps acknowledged requests in MongoDB.
type IntakeService struct {
	db *DB

	// swept is when old records were last deleted, in unix ms.
	swept atomic.Int64
}

var _ proxenos.IntakeService = (*IntakeService)(nil)

// NewIntakeService returns the intake records stored in db.
func NewIntakeService(db *DB) *IntakeService {
	return &IntakeService{db: db}
}

// intakeDoc is an intake record as stored.
type intakeDoc struct {
	ID          string        `bson:"_id"` // team "/" Key
	Key         string        `bson:"id"`
	Team        string        `bson:"team"`
	User        string        `bson:"user"`
	Channel     string        `bson:"channel"`
	Kind        string        `bson:"kind"`
	Payload     []byte        `bson:"payload"`
	ResponseURL string        `bson:"responseURL"`
	ReceivedAt  bson.DateTime `bson:"receivedAt"`
	State       string        `bson:"state"`
	Answer      []byte        `bson:"answer,omitempty"`
	Holder      string        `bson:"holder"`
	ClaimedAt   bson.DateTime `bson:"claimedAt"`
	Attempts    int           `bson:"attempts"`
}

// intake returns the record d stores.
func (d *intakeDoc) intake() *proxenos.Intake {
	return &proxenos.Intake{ID: d.Key, Team: d.Team, User: d.User, Channel: d.Channel, Kind: d.Kind,
		Payload: d.Payload, ResponseURL: d.ResponseURL, ReceivedAt: d.ReceivedAt.Time(),
		State: proxenos.IntakeState(d.State), Answer: d.Answer, Holder: d.Holder, ClaimedAt: d.ClaimedAt.Time(),
		Attempts: d.Attempts}
}

func (s *IntakeService) coll() *mongo.Collection { return s.db.db.Collection(intakeColl) }

// Accept stores rec as accepted in the workspace in ctx. EINVALID,
// ECONFLICT, EUNAVAILABLE.
func (s *IntakeService) Accept(ctx context.Context, rec *proxenos.Intake) error {
	if err := proxenos.ValidateIntake(rec); err != nil {
		return err
	}
	rec.Team = proxenos.TeamFromContext(ctx)
	now := s.db.Now()
	state := proxenos.IntakeAccepted
	if rec.Answer != nil {
		state = proxenos.IntakeDone
	}
	doc := &intakeDoc{ID: rec.Team + "/" + rec.ID, Key: rec.ID, Team: rec.Team, User: rec.User, Channel: rec.Channel, Kind: rec.Kind,
		Payload: nonNil(rec.Payload), ResponseURL: rec.ResponseURL, ReceivedAt: bson.NewDateTimeFromTime(rec.ReceivedAt),
		State: string(state), Answer: rec.Answer, Holder: rec.Holder, ClaimedAt: bson.NewDateTimeFromTime(now), Attempts: 1}
	if _, err := s.coll().InsertOne(ctx, doc); err != nil {
		return translate(err, "accept", rec.Team, rec.ID)
	}
	rec.State, rec.ClaimedAt, rec.Attempts = state, doc.ClaimedAt.Time(), 1
	s.sweep(ctx, now)
	return nil
}

// byIntakeID selects the record id of the workspace in ctx.
func byIntakeID(ctx context.Context, id string) bson.D {
	return bson.D{{Key: "_id", Value: proxenos.TeamFromContext(ctx) + "/" + id}}
}

// Done saves the answer of the record id. ENOTFOUND, EUNAVAILABLE.
func (s *IntakeService) Done(ctx context.Context, id string, answer []byte) error {
	res, err := s.coll().UpdateOne(ctx, byIntakeID(ctx, id), bson.D{{Key: "$set", Value: bson.D{
		{Key: "state", Value: string(proxenos.IntakeDone)}, {Key: "answer", Value: nonNil(answer)}}}})
	if err != nil {
		return translate(err, "save answer", id)
	}
	if res.MatchedCount == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "intake.not_found", id)
	}
	return nil
}

// Close marks the record id closed. EUNAVAILABLE.
func (s *IntakeService) Close(ctx context.Context, id string) error {
	_, err := s.coll().UpdateOne(ctx, byIntakeID(ctx, id), bson.D{{Key: "$set", Value: bson.D{
		{Key: "state", Value: string(proxenos.IntakeClosed)}}}})
	return translate(err, "close", id)
}

// Release gives up the claim of the record id. EUNAVAILABLE.
func (s *IntakeService) Release(ctx context.Context, id string) error {
	_, err := s.coll().UpdateOne(ctx, byIntakeID(ctx, id), bson.D{{Key: "$set", Value: bson.D{
		{Key: "holder", Value: ""}, {Key: "claimedAt", Value: bson.NewDateTimeFromTime(time.UnixMilli(0))}}}})
	return translate(err, "release", id)
}

// Renew marks the records holder holds as claimed now. EUNAVAILABLE.
func (s *IntakeService) Renew(ctx context.Context, holder string) error {
	_, err := s.coll().UpdateMany(ctx,
		bson.D{{Key: "holder", Value: holder}, {Key: "state", Value: bson.D{{Key: "$ne", Value: string(proxenos.IntakeClosed)}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "claimedAt", Value: bson.NewDateTimeFromTime(s.db.Now())}}}})
	return translate(err, "renew", holder)
}

// intakeClaimDoc is a take-over of a record at one attempt.
type intakeClaimDoc struct {
	ID     string        `bson:"_id"` // record id "/" attempt
	Holder string        `bson:"holder"`
	At     bson.DateTime `bson:"at"`
}

// Claim takes over the records c selects, in every workspace. Each is
// taken by inserting its next attempt's claim, which the unique _id lets
// through once: of two claimers one wins it, on MongoDB and on FerretDB
// v1 alike (an update conditional on the claim read would not do there:
// FerretDB v1 reads and then writes in an update, see
// ReceiptService.Receive). The winner then moves the record to itself,
// but only while it is not closed and its attempts are those read: a
// record closed meanwhile stays closed. EUNAVAILABLE.
func (s *IntakeService) Claim(ctx context.Context, c proxenos.IntakeClaim) ([]*proxenos.Intake, error) {
	filter := bson.D{
		{Key: "state", Value: bson.D{{Key: "$ne", Value: string(proxenos.IntakeClosed)}}},
		{Key: "claimedAt", Value: bson.D{{Key: "$lt", Value: bson.NewDateTimeFromTime(c.StaleBefore)}}},
		{Key: "receivedAt", Value: bson.D{{Key: "$gt", Value: bson.NewDateTimeFromTime(c.ReceivedAfter)}}},
		{Key: "attempts", Value: bson.D{{Key: "$lt", Value: c.MaxAttempts}}},
	}
	cur, err := s.coll().Find(ctx, filter, options.Find().
		SetSort(bson.D{{Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(c.Limit)))
	if err != nil {
		return nil, translate(err, "claim", c.Holder)
	}
	var docs []intakeDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, "claim", c.Holder)
	}
	var out []*proxenos.Intake
	for _, d := range docs {
		now := bson.NewDateTimeFromTime(s.db.Now())
		claim := &intakeClaimDoc{ID: d.ID + "/" + strconv.Itoa(d.Attempts+1), Holder: c.Holder, At: now}
		if _, err := s.db.db.Collection(intakeClaimsColl).InsertOne(ctx, claim); mongo.IsDuplicateKeyError(err) {
			continue // another replica took this attempt
		} else if err != nil {
			return nil, translate(err, "claim", c.Holder, d.Key)
		}
		res, err := s.coll().UpdateOne(ctx,
			bson.D{{Key: "_id", Value: d.ID}, {Key: "attempts", Value: d.Attempts},
				{Key: "state", Value: bson.D{{Key: "$ne", Value: string(proxenos.IntakeClosed)}}}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "holder", Value: c.Holder}, {Key: "claimedAt", Value: now},
				{Key: "attempts", Value: d.Attempts + 1}}}})
		if err != nil {
			// Give the attempt back, or the record would wait for a
			// claim nobody can take.
			_, _ = s.db.db.Collection(intakeClaimsColl).DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: claim.ID}})
			return nil, translate(err, "claim", c.Holder, d.Key)
		}
		if res.MatchedCount == 0 {
			continue // closed meanwhile
		}
		d.Holder, d.ClaimedAt, d.Attempts = c.Holder, now, d.Attempts+1
		out = append(out, d.intake())
	}
	return out, nil
}

// sweep deletes up to intakeSweepMax records received before the
// retention, when the last sweep is older than intakeSweepEvery.
func (s *IntakeService) sweep(ctx context.Context, now time.Time) {
	last := s.swept.Load()
	if now.UnixMilli()-last < intakeSweepEvery.Milliseconds() || !s.swept.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	old := bson.D{{Key: "receivedAt", Value: bson.D{{Key: "$lt", Value: bson.NewDateTimeFromTime(now.Add(-proxenos.IntakeRetention))}}}}
	cur, err := s.coll().Find(ctx, old, options.Find().SetLimit(intakeSweepMax).SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return
	}
	var docs []intakeDoc
	if err := cur.All(ctx, &docs); err != nil || len(docs) == 0 {
		return
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	_, _ = s.coll().DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
	_, _ = s.db.db.Collection(intakeClaimsColl).DeleteMany(ctx, bson.D{{Key: "at", Value: old[0].Value}})
}

// nonNil returns p, or an empty slice for nil, so that a record always
// has its payload field.
func nonNil(p []byte) []byte {
	if p == nil {
		return []byte{}
	}
	return p
}
