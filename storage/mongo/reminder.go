package mongo

import (
	"context"
	"errors"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// ReminderService records reminder deliveries, marks and the sender lease
// in MongoDB. Every claim is an insert on _id ("team/key#attempt",
// "name/term"): replicas sharing the database never both win one, and
// FerretDB, which can lose one of two concurrent updates, keeps it right.
// The only update is the claimer's own, to record the outcome.
type ReminderService struct {
	db *DB
}

var _ proxenos.ReminderService = (*ReminderService)(nil)

// NewReminderService returns the reminder records stored in db.
func NewReminderService(db *DB) *ReminderService {
	return &ReminderService{db: db}
}

// deliveryDoc is one delivery attempt as stored.
type deliveryDoc struct {
	ID        string            `bson:"_id"`
	Team      string            `bson:"team"`
	Key       string            `bson:"key"`
	Attempt   int               `bson:"attempt"`
	State     string            `bson:"state"`
	Kind      string            `bson:"kind"`
	Holder    string            `bson:"holder"`
	ClaimedAt time.Time         `bson:"claimedAt"`
	Delivery  proxenos.Delivery `bson:"delivery"`
}

// markDoc is one mark as stored; Seq orders marks of the same instant.
type markDoc struct {
	Team    string                `bson:"team"`
	ItemKey string                `bson:"itemKey"`
	Mark    proxenos.ReminderMark `bson:"mark"`
}

// The orders of deliveries, by key and attempt, and of marks, by time;
// a mark's _id is an ObjectID, which grows with insertion within a process.
var (
	deliveryOrder = bson.D{{Key: "key", Value: 1}, {Key: "attempt", Value: 1}}
	markOrder     = bson.D{{Key: "mark.at", Value: 1}, {Key: "_id", Value: 1}}
)

// delivery returns the attempt of a stored document, its times in loc.
func (d *deliveryDoc) delivery(loc *time.Location) *proxenos.Delivery {
	out := d.Delivery
	normalizeDelivery(&out, loc)
	return &out
}

// markOf returns the mark of a stored document, its times in loc.
func markOf(d *markDoc, loc *time.Location) *proxenos.ReminderMark {
	m := d.Mark
	m.At, m.Until = search.InZone(m.At.Truncate(time.Millisecond), loc), search.InZone(m.Until.Truncate(time.Millisecond), loc)
	return &m
}

// leaseDoc is one lease term as stored.
type leaseDoc struct {
	ID      string    `bson:"_id"`
	Name    string    `bson:"name"`
	Term    int64     `bson:"term"`
	Holder  string    `bson:"holder"`
	Expires time.Time `bson:"expires"`
}

// deliveryID is the _id of an attempt.
func deliveryID(team, key string, attempt int) string {
	return team + "/" + key + "#" + strconv.Itoa(attempt)
}

// normalizeDelivery keeps milliseconds, as BSON does, and puts d's times in loc.
func normalizeDelivery(d *proxenos.Delivery, loc *time.Location) {
	for _, t := range []*time.Time{&d.LeaseUntil, &d.NextAttempt, &d.ClaimedAt, &d.SentAt, &d.Reminder.At, &d.Reminder.Occurrence,
		&d.Reminder.MovedFrom} {
		*t = search.InZone(t.Truncate(time.Millisecond), loc)
	}
}

// ClaimDelivery inserts the attempt d. ECONFLICT when it is taken.
func (s *ReminderService) ClaimDelivery(ctx context.Context, d *proxenos.Delivery) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	normalizeDelivery(d, loc)
	_, err = s.db.db.Collection(deliveriesColl).InsertOne(ctx, &deliveryDoc{ID: deliveryID(team, d.Key, d.Attempt), Team: team,
		Key: d.Key, Attempt: d.Attempt, State: string(d.State), Kind: string(d.Reminder.Kind), Holder: d.Holder,
		ClaimedAt: d.ClaimedAt, Delivery: *d})
	return translate(err, "claim delivery", team, d.Key, d.Attempt)
}

// FinishDelivery records the outcome of d.Holder's attempt.
func (s *ReminderService) FinishDelivery(ctx context.Context, d *proxenos.Delivery) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	normalizeDelivery(d, loc)
	res, err := s.db.db.Collection(deliveriesColl).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: deliveryID(team, d.Key, d.Attempt)}, {Key: "holder", Value: d.Holder}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "state", Value: string(d.State)}, {Key: "delivery", Value: *d}}}})
	if err != nil {
		return translate(err, "finish delivery", team, d.Key, d.Attempt)
	}
	if res.MatchedCount == 0 {
		return proxenos.Errorf(proxenos.ENOTFOUND, "reminder.not_found")
	}
	return nil
}

// FindDeliveries returns the attempts matching filter, by key and attempt.
// Keys are matched with $in on plain strings: no user text becomes an
// operator.
func (s *ReminderService) FindDeliveries(ctx context.Context, f proxenos.DeliveryFilter) ([]*proxenos.Delivery, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	filter := bson.D{{Key: "team", Value: team}}
	if len(f.Keys) > 0 {
		filter = append(filter, bson.E{Key: "key", Value: bson.D{{Key: "$in", Value: f.Keys}}})
	}
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, st := range f.States {
			states[i] = string(st)
		}
		filter = append(filter, bson.E{Key: "state", Value: bson.D{{Key: "$in", Value: states}}})
	}
	if !f.Since.IsZero() {
		filter = append(filter, bson.E{Key: "claimedAt", Value: bson.D{{Key: "$gte", Value: f.Since}}})
	}
	if f.Kind != "" {
		filter = append(filter, bson.E{Key: "kind", Value: string(f.Kind)})
	}
	return findDocs(ctx, s.db.db.Collection(deliveriesColl), filter, options.Find().SetSort(deliveryOrder),
		(*deliveryDoc).delivery, "find deliveries", team)
}

// AddMark validates and stores m; a zero m.At is now.
func (s *ReminderService) AddMark(ctx context.Context, m *proxenos.ReminderMark) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := m.Validate(); err != nil {
		return err
	}
	if m.At.IsZero() {
		m.At = search.Clock(ctx, s.db.Now)
	}
	m.At, m.Until = search.InZone(m.At.Truncate(time.Millisecond), loc), search.InZone(m.Until.Truncate(time.Millisecond), loc)
	_, err = s.db.db.Collection(marksColl).InsertOne(ctx, &markDoc{Team: team, ItemKey: m.ItemKey, Mark: *m})
	return translate(err, "add mark", team, m.ItemKey)
}

// FindMarks returns the marks of itemKeys (all when none), oldest first.
func (s *ReminderService) FindMarks(ctx context.Context, itemKeys ...string) ([]*proxenos.ReminderMark, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	filter := bson.D{{Key: "team", Value: team}}
	if len(itemKeys) > 0 {
		filter = append(filter, bson.E{Key: "itemKey", Value: bson.D{{Key: "$in", Value: itemKeys}}})
	}
	return findDocs(ctx, s.db.db.Collection(marksColl), filter, options.Find().SetSort(markOrder), markOf, "find marks", team)
}

// ClaimLease inserts the term l. ECONFLICT when it is taken.
func (s *ReminderService) ClaimLease(ctx context.Context, l *proxenos.Lease) error {
	_, err := s.db.db.Collection(leasesColl).InsertOne(ctx, &leaseDoc{ID: l.Name + "/" + strconv.FormatInt(l.Term, 10),
		Name: l.Name, Term: l.Term, Holder: l.Holder, Expires: l.Expires.Truncate(time.Millisecond)})
	return translate(err, "claim lease", l.Name, l.Term)
}

// FindLease returns the latest term of the named lease. ENOTFOUND if none.
func (s *ReminderService) FindLease(ctx context.Context, name string) (*proxenos.Lease, error) {
	loc := proxenos.ZoneFromContext(ctx)
	var doc leaseDoc
	err := s.db.db.Collection(leasesColl).FindOne(ctx, bson.D{{Key: "name", Value: name}},
		options.FindOne().SetSort(bson.D{{Key: "term", Value: -1}})).Decode(&doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "reminder.lease.not_found")
	} else if err != nil {
		return nil, translate(err, "find lease", name)
	}
	return &proxenos.Lease{Name: doc.Name, Term: doc.Term, Holder: doc.Holder, Expires: search.InZone(doc.Expires, loc)}, nil
}

// DeleteLeases removes the terms of name before term.
func (s *ReminderService) DeleteLeases(ctx context.Context, name string, before int64) error {
	_, err := s.db.db.Collection(leasesColl).DeleteMany(ctx,
		bson.D{{Key: "name", Value: name}, {Key: "term", Value: bson.D{{Key: "$lt", Value: before}}}})
	return translate(err, "delete leases", name)
}
