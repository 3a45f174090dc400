package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// callsColl holds the calls the office follows.
const callsColl = "calls"

// maxAttempts is how often an update re-reads a record that changed
// under it before giving up with ECONFLICT.
const maxAttempts = 5

// CallService keeps the calls the office follows in MongoDB.
type CallService struct {
	db *DB
}

var _ proxenos.CallService = (*CallService)(nil)

// NewCallService returns the calls stored in db.
func NewCallService(db *DB) *CallService {
	return &CallService{db: db}
}

// callDoc is a call as stored, with the keys it is found by. The unique
// index on (team, identifierKey) refuses a second call of a topic.
type callDoc struct {
	Key           string `bson:"_id"`
	Team          string `bson:"team"`
	Rev           int    `bson:"rev"`               // bumped by each update
	Request       string `bson:"request,omitempty"` // the request that created it, if any
	proxenos.Call `bson:",inline"`
	IdentifierKey string    `bson:"identifierKey"`
	FirstDeadline time.Time `bson:"firstDeadline"`
	LastDeadline  time.Time `bson:"lastDeadline"`
}

// newCallDoc returns the stored form of c.
func newCallDoc(team string, c *proxenos.Call, rev int) *callDoc {
	d := &callDoc{Key: c.ID, Team: team, Rev: rev, Call: *c, IdentifierKey: proxenos.IdentifierKey(c.Identifier)}
	for i, dl := range c.Deadlines {
		if i == 0 || dl.At.Before(d.FirstDeadline) {
			d.FirstDeadline = dl.At
		}
		if dl.At.After(d.LastDeadline) {
			d.LastDeadline = dl.At
		}
	}
	return d
}

// call returns the call of a stored document, times in loc.
func (d *callDoc) call(loc *time.Location) *proxenos.Call {
	c := d.Call
	stampCall(&c, loc)
	return &c
}

// stamp returns t as both stores keep it: to the millisecond (as BSON
// dates are), in loc, the workspace's zone; the zero time stays zero.
func stamp(t time.Time, loc *time.Location) time.Time {
	return search.InZone(t.Truncate(time.Millisecond), loc)
}

// stampCall puts every time of c in the form stamp gives in loc.
func stampCall(c *proxenos.Call, loc *time.Location) {
	c.OpeningDate, c.CreatedAt, c.UpdatedAt = stamp(c.OpeningDate, loc), stamp(c.CreatedAt, loc), stamp(c.UpdatedAt, loc)
	for i := range c.Deadlines {
		c.Deadlines[i].At = stamp(c.Deadlines[i].At, loc)
	}
	for i := range c.Milestones {
		c.Milestones[i].At = stamp(c.Milestones[i].At, loc)
	}
	for i := range c.History {
		c.History[i].At = stamp(c.History[i].At, loc)
	}
}

func (s *CallService) coll() *mongo.Collection { return s.db.db.Collection(callsColl) }

// FindCallByID returns one call by its id or its topic identifier.
// ENOTFOUND if none.
func (s *CallService) FindCallByID(ctx context.Context, id string) (*proxenos.Call, error) {
	return findRecord(ctx, id, s.find, (*callDoc).call)
}

// find looks a call up by _id, then by identifier key. ENOTFOUND if none.
func (s *CallService) find(ctx context.Context, team, id string) (*callDoc, error) {
	for _, filter := range []bson.D{
		{{Key: "_id", Value: id}, {Key: "team", Value: team}},
		{{Key: "team", Value: team}, {Key: "identifierKey", Value: proxenos.IdentifierKey(id)}},
	} {
		var d callDoc
		err := s.coll().FindOne(ctx, filter).Decode(&d)
		if err == nil {
			return &d, nil
		} else if !errors.Is(err, mongo.ErrNoDocuments) {
			return nil, translate(err, "find call", team, id)
		}
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "call.notfound", id)
}

// FindCalls returns the calls matching filter, soonest next deadline
// first (as proxenos.SortCalls orders them at filter.Now), and the total
// count. The query narrows the candidates by workspace, status, owner,
// programme, partner and deadline span; Match and SortCalls decide on
// them, since "next deadline after now" is no field. With filter.All
// the matches are returned as read, unsorted.
func (s *CallService) FindCalls(ctx context.Context, f proxenos.CallFilter) ([]*proxenos.Call, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	now := f.Now
	if now.IsZero() {
		now = s.db.Now()
	}
	// Values only: user text is compared for equality, never an operator.
	filter := bson.D{{Key: "team", Value: team}}
	if len(f.Status) > 0 {
		statuses := make(bson.A, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}})
	}
	if f.Owner != "" {
		filter = append(filter, bson.E{Key: "owner", Value: f.Owner})
	}
	if f.Programme != "" {
		filter = append(filter, bson.E{Key: "programme", Value: string(f.Programme)})
	}
	if f.PartnerID != "" {
		filter = append(filter, bson.E{Key: "partnerids", Value: f.PartnerID})
	}
	// BSON dates round down to the millisecond, so these keep a
	// superset; Match makes the exact cut.
	if !f.DeadlineFrom.IsZero() {
		filter = append(filter, bson.E{Key: "lastDeadline", Value: bson.D{{Key: "$gte", Value: f.DeadlineFrom}}})
	}
	if !f.DeadlineTo.IsZero() {
		filter = append(filter, bson.E{Key: "firstDeadline", Value: bson.D{{Key: "$lte", Value: f.DeadlineTo}}})
	}
	matched, err := s.match(ctx, team, filter, f)
	if err != nil {
		return nil, 0, err
	}
	if f.All {
		return matched, len(matched), nil
	}
	// One workspace's calls in the chosen statuses: few enough to
	// sort and page here, as the server cannot order by "next deadline".
	proxenos.SortCalls(matched, now)
	total := len(matched)
	if offset >= total {
		return nil, total, nil
	}
	return matched[offset:min(offset+limit, total)], total, nil
}

// match reads the calls the query filter selects, one document at a
// time, and keeps those that pass f.Match.
func (s *CallService) match(ctx context.Context, team string, filter bson.D, f proxenos.CallFilter) ([]*proxenos.Call, error) {
	var matched []*proxenos.Call
	err := eachDoc(ctx, s.coll(), filter, options.Find(), (*callDoc).call, func(c *proxenos.Call) error {
		if f.Match(c) {
			matched = append(matched, c)
		}
		return nil
	}, "find calls", team)
	if err != nil {
		return nil, err
	}
	return matched, nil
}

// CreateCall validates c, gives it an id and stores it. ECONFLICT when the
// workspace has a call with the same identifier key (the unique index
// refuses the insert); EINVALID, also for a partner not in the directory.
// A request run again gets the call it made.
func (s *CallService) CreateCall(ctx context.Context, c *proxenos.Call) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := c.Validate(); err != nil {
		return err
	}
	if err := requireNewPartners(ctx, s.db, team, nil, c.PartnerIDs); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused call leaves c as it was.
	call := *c
	call.ID, call.CreatedAt, call.UpdatedAt, call.History = bson.NewObjectID().Hex(), now, now, nil
	call.Deadlines = append([]proxenos.Deadline(nil), c.Deadlines...)
	call.Milestones = append([]proxenos.Milestone(nil), c.Milestones...)
	stampCall(&call, loc)
	// The unique index decides between two creations of one topic;
	// an insert-caused violation is 11000 on MongoDB and FerretDB alike.
	doc := newCallDoc(team, &call, 0)
	doc.Request = proxenos.RequestFromContext(ctx)
	made, err := insertOnce(ctx, s.coll(), team, doc)
	switch {
	case made != nil:
		*c = *made.call(loc)
		return nil
	case mongo.IsDuplicateKeyError(err):
		return proxenos.Errorf(proxenos.ECONFLICT, "call.conflict.identifier", c.Identifier)
	case err != nil:
		return translate(err, "insert call", team, c.Identifier)
	}
	*c = call
	return nil
}

// UpdateCall applies upd, validates the result and appends a Change by the
// user in ctx to the history, replacing the document only if nobody
// changed it since it was read (else it reads again). No change, no
// history. ENOTFOUND, EINVALID; ECONFLICT when it kept changing.
func (s *CallService) UpdateCall(ctx context.Context, id string, upd proxenos.CallUpdate) (*proxenos.Call, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	return retryChanged(func() (*proxenos.Call, bool, error) {
		d, err := s.find(ctx, team, id)
		if err != nil {
			return nil, false, err
		}
		c := d.call(loc)
		changes := upd.Apply(c)
		if len(changes) == 0 {
			return c, true, nil
		}
		if err := c.Validate(); err != nil {
			return nil, false, err
		}
		if err := requireNewPartners(ctx, s.db, team, d.PartnerIDs, c.PartnerIDs); err != nil {
			return nil, false, err
		}
		now := search.Clock(ctx, s.db.Now)
		c.UpdatedAt = now
		c.History = append(c.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		stampCall(c, loc)
		// Replace only the revision read; a miss means a concurrent
		// update won, so read it again and reapply upd on top.
		nd := newCallDoc(team, c, d.Rev+1)
		nd.Request = d.Request
		done, err := replaceRev(ctx, s.coll(), team, d.Key, d.Rev, nd)
		return c, done, translate(err, "update call", team, id)
	}, "storage.call.changed", id)
}

// DeleteCall removes a call by its id or topic identifier. ENOTFOUND.
func (s *CallService) DeleteCall(ctx context.Context, id string) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	// Resolve an identifier to the _id first.
	d, err := s.find(ctx, team, id)
	if err != nil {
		return err
	}
	res, err := s.coll().DeleteOne(ctx, bson.D{{Key: "_id", Value: d.Key}, {Key: "team", Value: team}})
	if err != nil {
		return translate(err, "delete call", team, id)
	}
	if res.DeletedCount == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "call.notfound", id)
	}
	return nil
}
