package mongo

import (
	"cmp"
	"context"
	"errors"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// Collections of agreements, their obligations, the claims on fulfilled
// occurrences (one document per obligation and due date), and the write
// locks of obligations (one document per obligation being written).
const (
	agreementsColl  = "agreements"
	obligationsColl = "obligations"
	claimsColl      = "obligation_claims"
	locksColl       = "obligation_locks"
)

// openEnded sorts after every real end date: open-ended agreements last.
var openEnded = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// AgreementService keeps agreements and their obligations in MongoDB.
type AgreementService struct {
	db *DB
}

var _ proxenos.AgreementService = (*AgreementService)(nil)

// NewAgreementService returns the agreements stored in db.
func NewAgreementService(db *DB) *AgreementService {
	return &AgreementService{db: db}
}

// agreementDoc is an agreement as stored, with the keys it is ordered by.
type agreementDoc struct {
	Key                string `bson:"_id"`
	Team               string `bson:"team"`
	Rev                int    `bson:"rev"`               // bumped by each update
	Request            string `bson:"request,omitempty"` // the request that created it, if any
	proxenos.Agreement `bson:",inline"`
	EndSort            time.Time `bson:"endSort"` // End, or openEnded
	TitleKey           string    `bson:"titleKey"`
	// The reminder dates: the notice deadline (zero without one) and
	// the earlier of it and EndSort, which the reminder engine's
	// queries range over. Documents stored before them lack them until
	// DB.backfillReminderDates fills them in.
	NoticeAt time.Time `bson:"noticeAt"`
	RemindAt time.Time `bson:"remindAt"`
}

// newAgreementDoc returns the stored form of a, its notice deadline
// reckoned in loc, the workspace's zone.
func newAgreementDoc(team string, a *proxenos.Agreement, rev int, loc *time.Location) *agreementDoc {
	end := a.End
	if end.IsZero() {
		end = openEnded
	}
	d := &agreementDoc{Key: a.ID, Team: team, Rev: rev, Agreement: *a, EndSort: end, TitleKey: proxenos.SearchKey(a.Title), RemindAt: end}
	if notice, ok := a.NoticeDeadline(loc); ok {
		d.NoticeAt, d.RemindAt = notice, notice
	}
	return d
}

// backfillReminderDates sets the reminder dates of agreements stored
// before they were kept; the notice deadline is reckoned in the office's
// calendar, which an update pipeline cannot do, so each is set here.
func (db *DB) backfillReminderDates(ctx context.Context) error {
	// A backfill at open is for no workspace: the agreements, all made
	// before a workspace could choose its zone, are reckoned in the
	// deployment's calendar.
	loc := proxenos.OfficeZone()
	coll := db.db.Collection(agreementsColl)
	cur, err := coll.Find(ctx, bson.D{{Key: "remindAt", Value: bson.D{{Key: "$exists", Value: false}}}})
	if err != nil {
		return translate(err, "find agreements without reminder dates")
	}
	var docs []*agreementDoc
	if err := cur.All(ctx, &docs); err != nil {
		return translate(err, "find agreements without reminder dates")
	}
	for _, d := range docs {
		nd := newAgreementDoc(d.Team, d.agreement(loc), d.Rev, loc)
		_, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: d.Key}, {Key: "remindAt", Value: bson.D{{Key: "$exists", Value: false}}}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "noticeAt", Value: nd.NoticeAt}, {Key: "remindAt", Value: nd.RemindAt}}}})
		if err != nil {
			return translate(err, "set reminder dates", d.Team, d.Key)
		}
	}
	return nil
}

// agreement returns the agreement of a stored document, its times in loc.
func (d *agreementDoc) agreement(loc *time.Location) *proxenos.Agreement {
	a := d.Agreement
	stampAgreement(&a, loc)
	return &a
}

// stampAgreement puts every time of a in the form stamp gives in loc.
func stampAgreement(a *proxenos.Agreement, loc *time.Location) {
	a.Signed, a.Start, a.End = stamp(a.Signed, loc), stamp(a.Start, loc), stamp(a.End, loc)
	a.CreatedAt, a.UpdatedAt = stamp(a.CreatedAt, loc), stamp(a.UpdatedAt, loc)
	for i := range a.History {
		a.History[i].At = stamp(a.History[i].At, loc)
	}
}

// obligationDoc is an obligation as stored.
type obligationDoc struct {
	Key                 string `bson:"_id"`
	Team                string `bson:"team"`
	Rev                 int    `bson:"rev"`               // bumped by each update
	Request             string `bson:"request,omitempty"` // the request that added it, if any
	proxenos.Obligation `bson:",inline"`
}

// obligation returns the obligation of a stored document, its times in loc.
func (d *obligationDoc) obligation(loc *time.Location) *proxenos.Obligation {
	o := d.Obligation
	stampObligation(&o, loc)
	return &o
}

// stampObligation puts every time of o in the form stamp gives in loc.
func stampObligation(o *proxenos.Obligation, loc *time.Location) {
	o.Due, o.Start, o.CreatedAt, o.UpdatedAt = stamp(o.Due, loc), stamp(o.Start, loc), stamp(o.CreatedAt, loc), stamp(o.UpdatedAt, loc)
	for i := range o.Fulfilments {
		o.Fulfilments[i].Due, o.Fulfilments[i].At = stamp(o.Fulfilments[i].Due, loc), stamp(o.Fulfilments[i].At, loc)
	}
	for i := range o.History {
		o.History[i].At = stamp(o.History[i].At, loc)
	}
}

// claimDoc claims one occurrence of an obligation: its _id is unique, so
// only one completion of the occurrence can insert it.
type claimDoc struct {
	Key        string    `bson:"_id"` // team/obligation/due in unix ms
	Team       string    `bson:"team"`
	Obligation string    `bson:"obligation"`
	Due        time.Time `bson:"due"`
	At         time.Time `bson:"at"`
}

// lockDoc is the write lock of one obligation: whoever inserts it writes
// the obligation until it deletes it again.
type lockDoc struct {
	Key   string    `bson:"_id"` // team/obligation
	Token string    `bson:"token"`
	At    time.Time `bson:"at"`
}

// lockWait bounds how long a write waits for another writer of the same
// obligation, which holds the lock for a few round trips.
const lockWait = 5 * time.Second

// lockObligation takes the write lock of obligation id and returns the
// function that releases it. On a server that loses concurrent updates
// of a document (FerretDB, the test server: see DB.ferretDB), updates
// and completions of an obligation take it, so that they run one after
// the other, as a unique _id holds there. MongoDB needs none: each write
// is a conditional update on the revision read, atomic there. It
// waits for another writer's lock and takes over one older than
// claimTimeout, whose writer stopped. ECONFLICT after lockWait.
func (s *AgreementService) lockObligation(ctx context.Context, team, id string) (func(), error) {
	locks := s.db.db.Collection(locksColl)
	key, token := team+"/"+id, bson.NewObjectID().Hex()
	// Waiting is in real time: tests stop the store's clock.
	deadline, delay := time.Now().Add(lockWait), time.Millisecond
	for {
		now := search.Clock(ctx, s.db.Now)
		_, err := locks.InsertOne(ctx, &lockDoc{Key: key, Token: token, At: now})
		if err == nil {
			return func() {
				// Released even if ctx ended; a lock left behind by a
				// failed delete is taken over after claimTimeout.
				locks.DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: key}, {Key: "token", Value: token}})
			}, nil
		} else if !mongo.IsDuplicateKeyError(err) {
			return nil, translate(err, "lock obligation", team, id)
		}
		var held lockDoc
		err = locks.FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&held)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			continue // released meanwhile
		case err != nil:
			return nil, translate(err, "read obligation lock", team, id)
		case now.Sub(held.At) >= claimTimeout:
			// The delete names the holder's token: of two writers taking
			// it over, one deletes it and the other finds a new lock.
			if _, err := locks.DeleteOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "token", Value: held.Token}}); err != nil {
				return nil, translate(err, "drop stale obligation lock", team, id)
			}
			continue
		case time.Now().After(deadline):
			return nil, proxenos.Errorf(proxenos.ECONFLICT, "storage.obligation.changed")
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 50*time.Millisecond)
	}
}

// claimKey returns the _id of the claim on an occurrence.
func claimKey(team, id string, due time.Time) string {
	return team + "/" + id + "/" + strconv.FormatInt(due.UnixMilli(), 10)
}

// ceilMilli returns the first millisecond at or after t, so that a bound
// on a BSON date keeps exactly the instants t's does.
func ceilMilli(t time.Time) time.Time {
	if r := t.Truncate(time.Millisecond); !r.Equal(t) {
		return r.Add(time.Millisecond)
	}
	return t
}

func (s *AgreementService) agreements() *mongo.Collection {
	return s.db.db.Collection(agreementsColl)
}

func (s *AgreementService) obligations() *mongo.Collection {
	return s.db.db.Collection(obligationsColl)
}

// FindAgreementByID returns one agreement. ENOTFOUND if none.
func (s *AgreementService) FindAgreementByID(ctx context.Context, id string) (*proxenos.Agreement, error) {
	return findRecord(ctx, id, s.findAgreement, (*agreementDoc).agreement)
}

// findAgreement returns an agreement of team. ENOTFOUND if none.
func (s *AgreementService) findAgreement(ctx context.Context, team, id string) (*agreementDoc, error) {
	return findByID[agreementDoc](ctx, s.agreements(), team, id, "agreement.notfound")
}

// FindAgreements returns the agreements matching filter, by end date
// (open-ended last), then title and id, as proxenos.SortAgreements orders
// them, and the total count. Filter, order and paging are the server's;
// with filter.All, every match as the server finds it.
func (s *AgreementService) FindAgreements(ctx context.Context, f proxenos.AgreementFilter) ([]*proxenos.Agreement, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	filter := bson.D{{Key: "team", Value: team}}
	if f.Kind != "" {
		filter = append(filter, bson.E{Key: "kind", Value: string(f.Kind)})
	}
	if len(f.Status) > 0 {
		statuses := make(bson.A, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}})
	}
	if f.PartnerID != "" {
		filter = append(filter, bson.E{Key: "partnerids", Value: f.PartnerID})
	}
	if f.ExpiringWithinDays > 0 {
		now := f.Now
		if now.IsZero() {
			now = s.db.Now()
		}
		// From midnight of now's day in the workspace's zone to midnight
		// after the last day: what AgreementFilter.Match counts in
		// calendar days.
		from, to := search.DaySpan(now, f.ExpiringWithinDays, cmp.Or(f.Zone, proxenos.ZoneFromContext(ctx)))
		filter = append(filter, bson.E{Key: "endSort", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}})
	}
	// End or notice deadline in [DatesFrom, DatesTo): as the notice
	// deadline is never after the end, that is remindAt (the earlier)
	// before DatesTo and the end at or after DatesFrom, unless the
	// window lies wholly between the two. A missing notice is the zero
	// time, before any DatesFrom.
	if !f.DatesTo.IsZero() {
		from, to := ceilMilli(f.DatesFrom), ceilMilli(f.DatesTo)
		filter = append(filter, bson.E{Key: "remindAt", Value: bson.D{{Key: "$lt", Value: to}}},
			bson.E{Key: "$and", Value: bson.A{
				bson.D{{Key: "endSort", Value: bson.D{{Key: "$gte", Value: from}}}},
				bson.D{{Key: "$or", Value: bson.A{
					bson.D{{Key: "endSort", Value: bson.D{{Key: "$lt", Value: to}}}},
					bson.D{{Key: "noticeAt", Value: bson.D{{Key: "$gte", Value: from}}}},
				}}},
			}})
	}
	// endSort puts open-ended agreements last; titleKey and _id order
	// equal ends as SortAgreements does.
	return findPage(ctx, s.agreements(), filter, bson.D{{Key: "endSort", Value: 1}, {Key: "titleKey", Value: 1}, {Key: "_id", Value: 1}},
		offset, limit, f.All, (*agreementDoc).agreement, "find agreements", team)
}

// CreateAgreement validates a, gives it an id and stores it. EINVALID,
// also for a partner not in the directory. A request run again gets the
// agreement it made.
func (s *AgreementService) CreateAgreement(ctx context.Context, a *proxenos.Agreement) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := a.Validate(); err != nil {
		return err
	}
	if err := requireNewPartners(ctx, s.db, team, nil, a.PartnerIDs); err != nil {
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused agreement leaves a as it was.
	agreement := *a
	agreement.ID, agreement.CreatedAt, agreement.UpdatedAt, agreement.History = bson.NewObjectID().Hex(), now, now, nil
	stampAgreement(&agreement, loc)
	doc := newAgreementDoc(team, &agreement, 0, loc)
	doc.Request = proxenos.RequestFromContext(ctx)
	made, err := insertOnce(ctx, s.agreements(), team, doc)
	if err != nil {
		return translate(err, "insert agreement", team)
	}
	if made != nil {
		agreement = *made.agreement(loc)
	}
	*a = agreement
	return nil
}

// UpdateAgreement applies upd, validates the result and appends a Change
// by the user in ctx to the history, replacing the document only if
// nobody changed it since it was read (else it reads again). No change,
// no history. ENOTFOUND, EINVALID; ECONFLICT when it kept changing.
func (s *AgreementService) UpdateAgreement(ctx context.Context, id string, upd proxenos.AgreementUpdate) (*proxenos.Agreement, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	return retryChanged(func() (*proxenos.Agreement, bool, error) {
		d, err := s.findAgreement(ctx, team, id)
		if err != nil {
			return nil, false, err
		}
		a := d.agreement(loc)
		changes := upd.Apply(a)
		if len(changes) == 0 {
			return a, true, nil
		}
		if err := a.Validate(); err != nil {
			return nil, false, err
		}
		if err := requireNewPartners(ctx, s.db, team, d.PartnerIDs, a.PartnerIDs); err != nil {
			return nil, false, err
		}
		now := search.Clock(ctx, s.db.Now)
		a.UpdatedAt = now
		a.History = append(a.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		stampAgreement(a, loc)
		// Replace only the revision read; else read again and reapply.
		nd := newAgreementDoc(team, a, d.Rev+1, loc)
		nd.Request = d.Request
		done, err := replaceRev(ctx, s.agreements(), team, d.Key, d.Rev, nd)
		return a, done, translate(err, "update agreement", team, id)
	}, "storage.agreement.changed")
}

// FindObligationByID returns one obligation. ENOTFOUND if none.
func (s *AgreementService) FindObligationByID(ctx context.Context, id string) (*proxenos.Obligation, error) {
	return findRecord(ctx, id, s.findObligation, (*obligationDoc).obligation)
}

// findObligation returns an obligation of team. ENOTFOUND if none.
func (s *AgreementService) findObligation(ctx context.Context, team, id string) (*obligationDoc, error) {
	return findByID[obligationDoc](ctx, s.obligations(), team, id, "obligation.notfound")
}

// claim inserts the claim on (obligation, due). ECONFLICT when it exists:
// the occurrence was already fulfilled.
func (s *AgreementService) claim(ctx context.Context, team, id string, due, at time.Time) error {
	_, err := s.db.db.Collection(claimsColl).InsertOne(ctx, &claimDoc{Key: claimKey(team, id, due), Team: team, Obligation: id, Due: due, At: at})
	if mongo.IsDuplicateKeyError(err) {
		return proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.fulfilled")
	}
	return translate(err, "claim obligation occurrence", team, id)
}

// AddObligation validates o, gives it an id and stores it under its
// agreement, with claims on the occurrences it arrives fulfilled.
// ENOTFOUND when the agreement does not exist in the workspace; EINVALID.
func (s *AgreementService) AddObligation(ctx context.Context, o *proxenos.Obligation) error {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if err := o.Validate(); err != nil {
		return err
	}
	if _, err := s.findAgreement(ctx, team, o.AgreementID); err != nil {
		return err
	}
	// A request run again finds its obligation before it claims anything.
	request := proxenos.RequestFromContext(ctx)
	if made, err := ofRequest[obligationDoc](ctx, s.obligations(), team, request); made != nil || err != nil {
		if made != nil {
			*o = *made.obligation(loc)
		}
		return err
	}
	now := search.Clock(ctx, s.db.Now)
	// Work on a copy, so that a refused obligation leaves o as it was.
	ob := *o
	ob.ID, ob.CreatedAt, ob.UpdatedAt = bson.NewObjectID().Hex(), now, now
	ob.Fulfilments = append([]proxenos.Fulfilment(nil), o.Fulfilments...)
	stampObligation(&ob, loc)
	// Past fulfilments it arrives with are claimed before the
	// obligation exists, so no completion can meet them again.
	for _, f := range ob.Fulfilments {
		if err := s.claim(ctx, team, ob.ID, f.Due, now); err != nil {
			return err
		}
	}
	made, err := insertOnce(ctx, s.obligations(), team, &obligationDoc{Key: ob.ID, Team: team, Request: request, Obligation: ob})
	if err != nil {
		return translate(err, "insert obligation", team, o.AgreementID)
	}
	if made != nil {
		ob = *made.obligation(loc)
	}
	*o = ob
	return nil
}

// UpdateObligation checks upd against the stored obligation, applies it,
// validates the result and appends a Change by the user in ctx to its
// history. It sets the changed fields and the history (never the
// fulfilments) only if the obligation is still at the revision and
// status read, so the status upd.Check saw is the one the write replaces;
// else it reads again and checks again. No change, no history (nor a
// write). It holds the obligation's write lock throughout (see
// lockObligation). ENOTFOUND, EINVALID; ECONFLICT from Check, or when it
// kept changing.
func (s *AgreementService) UpdateObligation(ctx context.Context, id string, upd proxenos.ObligationUpdate) (*proxenos.Obligation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.changeObligation(ctx, id, func(team string, d *obligationDoc, o *proxenos.Obligation) (bool, error) {
		if err := upd.Check(o); err != nil {
			return false, err
		}
		changes := upd.Apply(o)
		if len(changes) == 0 {
			return true, nil
		}
		now := search.Clock(ctx, s.db.Now)
		o.History = append(o.History, proxenos.Change{At: now, By: proxenos.UserFromContext(ctx), Fields: changes})
		if err := o.Validate(); err != nil {
			return false, err
		}
		o.UpdatedAt = now
		stampObligation(o, loc)
		// Set the fields an update may change, never the fulfilments,
		// which only the holder of a claim writes.
		set := bson.D{{Key: "text", Value: o.Text}, {Key: "owner", Value: o.Owner}, {Key: "due", Value: o.Due},
			{Key: "start", Value: o.Start}, {Key: "recurrence", Value: o.Recurrence}, {Key: "leaddays", Value: o.LeadDays},
			{Key: "status", Value: string(o.Status)}, {Key: "waiverreason", Value: o.WaiverReason},
			{Key: "history", Value: o.History}, {Key: "updatedat", Value: o.UpdatedAt}}
		// The revision read, and the status checked: a completion in
		// between bumps the one and may change the other.
		res, err := s.obligations().UpdateOne(ctx,
			bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}, {Key: "rev", Value: d.Rev}, {Key: "status", Value: string(d.Status)}},
			bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}})
		if err != nil {
			return false, translate(err, "update obligation", team, id)
		}
		return res.MatchedCount == 1, nil
	})
}

// CompleteObligation records f as fulfilling the occurrence due at due,
// which must be the one now due, and moves a recurring obligation to its
// next occurrence. It first inserts the claim on (obligation, due): a
// duplicate means another completion of that occurrence got there first
// (ECONFLICT). Only the claim's holder then moves the obligation on from
// that due date and the revision read, so completions never race each
// other nor an update. Should the obligation have changed in between, the
// claim is given back and the obligation read again. Should the write
// fail, the obligation is read again before the claim is given back: a
// write whose reply was lost may have committed, and its claim must stand
// (see settleClaim). A claim left by a writer that stopped half-way is
// taken over after claimTimeout. The fulfilment is the record of who met
// it: no Change is added. ENOTFOUND; ECONFLICT when it is not open or no
// longer due at due; EINVALID.
func (s *AgreementService) CompleteObligation(ctx context.Context, id string, due time.Time, f proxenos.Fulfilment) (*proxenos.Obligation, error) {
	loc := proxenos.ZoneFromContext(ctx)
	return s.changeObligation(ctx, id, func(team string, d *obligationDoc, o *proxenos.Obligation) (bool, error) {
		if err := o.Complete(due, f, loc); err != nil {
			return false, err
		}
		now := search.Clock(ctx, s.db.Now)
		if err := s.claim(ctx, team, id, due, now); err != nil {
			if proxenos.ErrorCode(err) != proxenos.ECONFLICT {
				return false, err
			}
			if dropped, derr := s.dropStaleClaim(ctx, team, id, due, now); derr != nil {
				return false, derr
			} else if !dropped {
				return false, err
			}
			return false, nil // the claim of a writer that died: claim again
		}
		o.UpdatedAt = now
		stampObligation(o, loc)
		// Move on only from the claimed date and the revision read: only
		// this claim's holder can match, so the fulfilment list is never
		// written twice, nor over an update's changes.
		res, err := s.obligations().UpdateOne(ctx,
			bson.D{{Key: "_id", Value: id}, {Key: "team", Value: team}, {Key: "rev", Value: d.Rev},
				{Key: "due", Value: d.Due}, {Key: "status", Value: string(proxenos.ObligationOpen)}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "due", Value: o.Due}, {Key: "start", Value: o.Start}, {Key: "status", Value: string(o.Status)},
				{Key: "fulfilments", Value: o.Fulfilments}, {Key: "updatedat", Value: now}}},
				// Bumped, not set to the revision read: an update that read
				// the revision in between must not match afterwards.
				{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}})
		if err == nil && res.MatchedCount == 1 {
			return true, nil
		}
		return s.settleClaim(ctx, team, id, due, o, translate(err, "complete obligation", team, id))
	})
}

// settleClaim decides the claim on (obligation, due) after the write that
// was to move the obligation on did not report success, and returns what
// the completion's attempt returns. The write may have committed all the
// same: a failover loses its reply (werr), and a server without retryable
// writes runs the driver's retry again, matching nothing. So the
// obligation is read again first. Fulfilled at due, the completion
// succeeded and o becomes the stored obligation. Unreadable, the claim
// stays and the error is returned: a claim is never given back for a
// write that may stand (dropStaleClaim takes it over later if it did
// not). Otherwise the claim is given back and werr returned, or, when
// the write matched nothing, the obligation changed since it was read
// and is read again.
func (s *AgreementService) settleClaim(ctx context.Context, team, id string, due time.Time, o *proxenos.Obligation, werr error) (bool, error) {
	loc := proxenos.ZoneFromContext(ctx)
	d, err := s.findObligation(ctx, team, id)
	if err != nil {
		return false, cmp.Or(werr, err)
	}
	// Only the claim's holder writes the fulfilment of due.
	if _, ok := d.FulfilmentOf(due); ok {
		*o = *d.obligation(loc)
		return true, nil
	}
	// Give the claim back, so that the occurrence can still be met.
	if _, err := s.db.db.Collection(claimsColl).DeleteOne(ctx, bson.D{{Key: "_id", Value: claimKey(team, id, due)}}); err != nil {
		return false, translate(err, "release obligation claim", team, id)
	}
	return false, werr
}

// changeObligation runs attempt on the obligation id as read, and reads it
// again while attempt reports that its conditional write lost to another
// writer. On a server that loses concurrent updates it holds the
// obligation's write lock throughout (see lockObligation). It returns the
// obligation as attempt left it.
func (s *AgreementService) changeObligation(ctx context.Context, id string,
	attempt func(team string, d *obligationDoc, o *proxenos.Obligation) (done bool, err error)) (*proxenos.Obligation, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	loc := proxenos.ZoneFromContext(ctx)
	if s.db.ferretDB {
		unlock, err := s.lockObligation(ctx, team, id)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	return retryChanged(func() (*proxenos.Obligation, bool, error) {
		d, err := s.findObligation(ctx, team, id)
		if err != nil {
			return nil, false, err
		}
		o := d.obligation(loc)
		done, err := attempt(team, d, o)
		return o, done, err
	}, "storage.obligation.changed")
}

// claimTimeout is how long a claim may stand while its obligation is
// still open at the claimed date, not fulfilled there, before a completion
// takes it over: the writer that inserted it stopped between the claim and
// the update (the two are not one transaction on MongoDB), or could not
// tell whether its update committed.
const claimTimeout = time.Minute

// dropStaleClaim is called when the claim on (obligation, due) exists. It
// reads the obligation again: fulfilled at due, the occurrence was met
// (ECONFLICT "obligation.conflict.fulfilled"). Otherwise the claim's
// writer is still at work or stopped: a claim younger than claimTimeout is
// ECONFLICT "obligation.conflict.pending", an older one on an obligation
// still open at due is deleted. It reports whether it deleted the claim;
// the delete names the claim's time, so two completions cannot both take
// it over.
func (s *AgreementService) dropStaleClaim(ctx context.Context, team, id string, due, now time.Time) (bool, error) {
	d, err := s.findObligation(ctx, team, id)
	if err != nil {
		return false, err
	}
	if _, ok := d.FulfilmentOf(due); ok {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.fulfilled")
	}
	claims := s.db.db.Collection(claimsColl)
	var c claimDoc
	err = claims.FindOne(ctx, bson.D{{Key: "_id", Value: claimKey(team, id, due)}}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return true, nil // released meanwhile: claim again
	} else if err != nil {
		return false, translate(err, "read obligation claim", team, id)
	}
	if now.Sub(c.At) < claimTimeout {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.pending")
	}
	if d.Status != proxenos.ObligationOpen || !d.Due.Equal(due) {
		return false, proxenos.Errorf(proxenos.ECONFLICT, "obligation.conflict.moved")
	}
	res, err := claims.DeleteOne(ctx, bson.D{{Key: "_id", Value: c.Key}, {Key: "at", Value: c.At}})
	if err != nil {
		return false, translate(err, "drop stale obligation claim", team, id)
	}
	return res.DeletedCount == 1, nil
}

// FindObligations returns the obligations matching filter, earliest due
// first (ties by id), and the total count; filter, order and paging are
// the server's.
func (s *AgreementService) FindObligations(ctx context.Context, f proxenos.ObligationFilter) ([]*proxenos.Obligation, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	filter := bson.D{{Key: "team", Value: team}}
	if f.AgreementID != "" {
		filter = append(filter, bson.E{Key: "agreementid", Value: f.AgreementID})
	}
	if f.Owner != "" {
		filter = append(filter, bson.E{Key: "owner", Value: f.Owner})
	}
	if len(f.Status) > 0 {
		statuses := make(bson.A, len(f.Status))
		for i, st := range f.Status {
			statuses[i] = string(st)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}})
	}
	if !f.DueFrom.IsZero() || !f.DueTo.IsZero() {
		period := bson.D{}
		if !f.DueFrom.IsZero() {
			period = append(period, bson.E{Key: "$gte", Value: ceilMilli(f.DueFrom)})
		}
		if !f.DueTo.IsZero() {
			period = append(period, bson.E{Key: "$lt", Value: ceilMilli(f.DueTo)})
		}
		filter = append(filter, bson.E{Key: "due", Value: period})
	}
	// A comparison with an array matches when one element passes.
	if f.LeadDaysOver > 0 {
		filter = append(filter, bson.E{Key: "leaddays", Value: bson.D{{Key: "$gt", Value: f.LeadDaysOver}}})
	}
	return findPage(ctx, s.obligations(), filter, bson.D{{Key: "due", Value: 1}, {Key: "_id", Value: 1}},
		offset, limit, f.All, (*obligationDoc).obligation, "find obligations", team)
}
