package mongo

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// sourcesColl holds the claims on the messages and e-mails entries are
// logged from: one document per workspace and source, inserted before the
// entry, so that of two people logging the same message at once only one
// logs it. A unique _id on insert is enforced by MongoDB and by FerretDB
// alike; there is no transaction to make the entry and its claim one
// write, hence the rules of sourceClaims.take.
const sourcesColl = "correspondence_sources"

// sourceClaimLife is how long a claim whose entry never appeared (its
// writer stopped, or its insert failed and the claim could not be
// deleted) blocks its source for other requests: a person submitting the
// form again is a new request, and waits at most this. The same request
// run again (the intake's retry after a crash, a lease of 30 s, keeps
// its id) takes it over at once. Slack does not retry a form's
// submission, and the bot drops the retries of an event.
const sourceClaimLife = time.Minute

// A create writes its entry within sourceWriteWindow of its first claim,
// or fails, so that no claim is taken over from a writer still at work:
// the window outlasts a server selection of DefaultServerSelectionTimeout
// (an election ridden out), and sourceClaimLife is twice the window. A
// create that finds a claim without its entry waits up to sourceWait for
// the entry. Variables, so that tests fail a write or wait less.
var (
	sourceWriteWindow = sourceClaimLife / 2
	sourceWait        = 5 * time.Second
)

// sourceClaimDoc is the claim on one source of a workspace.
type sourceClaimDoc struct {
	Key     string `bson:"_id"` // team "/" source
	Team    string `bson:"team"`
	Source  string `bson:"source"`
	Request string `bson:"request,omitempty"`
	// Token names the create or restore that holds the claim: deletes
	// and updates of a claim name it, so that nobody drops another's.
	Token string    `bson:"token"`
	At    time.Time `bson:"at"`
	// Protocol is the entry's number once it is stored, zero before.
	Protocol proxenos.ProtocolNumber `bson:"protocol"`
}

// FindCorrespondenceBySource returns the entry logged from source.
// ENOTFOUND if none.
func (s *CorrespondenceService) FindCorrespondenceBySource(ctx context.Context, source string) (*proxenos.Correspondence, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, err
	}
	d, err := entryBySource(ctx, s.db, team, source)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, proxenos.Errorf(proxenos.ENOTFOUND, "storage.corr.source_not_found")
	}
	return d.entry(proxenos.ZoneFromContext(ctx)), nil
}

// entryBySource returns the stored entry of team logged from source, nil
// if none: read off the entries themselves, by the (team, sources) index.
func entryBySource(ctx context.Context, db *DB, team, source string) (*corrDoc, error) {
	var d corrDoc
	err := db.db.Collection(correspondenceColl).FindOne(ctx, bson.D{{Key: "team", Value: team}, {Key: "sources", Value: source}},
		leanOne()).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	} else if err != nil {
		return nil, translate(err, "find correspondence source", team, source)
	}
	return &d, nil
}

// notLogged refuses source when an entry other than p was logged from
// it: ECONFLICT ("corr.already_logged", with that entry's number). The
// entries are read, not the claims: entries stored before claims were
// kept, or whose claim was deleted while their insert was still landing,
// have none. (A backfill of claims at Open would not cover the second,
// and the read is one index look-up per source.)
func notLogged(ctx context.Context, db *DB, team, source string, p proxenos.ProtocolNumber) error {
	d, err := entryBySource(ctx, db, team, source)
	if err != nil {
		return err
	}
	if d != nil && d.Protocol != p {
		return proxenos.Errorf(proxenos.ECONFLICT, "corr.already_logged", d.Protocol.String())
	}
	return nil
}

// sourceClaims are the claims one create or restore took.
type sourceClaims struct {
	db                   *DB
	team, request, token string
	keys                 []string  // the claims taken, to settle or release
	since                time.Time // when the first was taken, in real time
}

// claimSources claims each of sources in team for the entry numbered p
// (zero for an entry yet to be numbered), in sorted order, so that two
// entries sharing two sources never wait for each other. ECONFLICT
// ("corr.already_logged") when one was logged as another entry, or
// ("corr.being_logged") when another create still holds one after
// sourceWait; the claims taken by then are released.
func claimSources(ctx context.Context, db *DB, team string, sources []string, p proxenos.ProtocolNumber, request string) (*sourceClaims, error) {
	c := &sourceClaims{db: db, team: team, request: request, token: bson.NewObjectID().Hex()}
	for _, src := range slices.Compact(slices.Sorted(slices.Values(sources))) {
		if err := c.take(ctx, src, p); err != nil {
			c.release(ctx)
			return nil, err
		}
	}
	return c, nil
}

// take claims source for the entry numbered p. A claim held already is
// for this entry when it names p (a restore run again); otherwise its
// entry is looked for by source. Without one, the claim is taken over
// when its writer cannot be at work any more: its request is this one
// (run again), or it is older than sourceClaimLife (its writer stopped,
// or a restore took the source off the entry it names). Else its writer
// is at work: wait for its entry, up to sourceWait.
//
// A takeover deletes the claim by its token, then inserts anew: of two
// takers, MongoDB lets one delete it and the unique _id lets one insert.
// FerretDB v1 reads before it writes in a delete as in an update (see
// DB.ferretDB), so there a takeover racing another takeover of the same
// claim is not proven to leave one holder; a first claim, by insert, is.
func (c *sourceClaims) take(ctx context.Context, source string, p proxenos.ProtocolNumber) error {
	claims := c.db.db.Collection(sourcesColl)
	key := c.team + "/" + source
	// Waiting is in real time: tests stop the store's clock.
	deadline, delay := time.Now().Add(sourceWait), time.Millisecond
	for {
		if err := notLogged(ctx, c.db, c.team, source, p); err != nil {
			return err
		}
		now := search.Clock(ctx, c.db.Now)
		_, err := claims.InsertOne(ctx, &sourceClaimDoc{Key: key, Team: c.team, Source: source, Request: c.request,
			Token: c.token, At: now, Protocol: p})
		if err == nil {
			c.taken(key)
			return nil
		} else if !mongo.IsDuplicateKeyError(err) {
			return translate(err, "claim correspondence source", c.team, source)
		}
		var held sourceClaimDoc
		err = claims.FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&held)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			continue // released meanwhile
		case err != nil:
			return translate(err, "read correspondence source claim", c.team, source)
		case !p.IsZero() && held.Protocol == p:
			return nil // this entry's own, restored before: not ours to release
		case c.request != "" && held.Request == c.request, now.Sub(held.At) >= sourceClaimLife:
			// Its entry may have been stored since the read above.
			if err := notLogged(ctx, c.db, c.team, source, p); err != nil {
				return err
			}
			if _, err := claims.DeleteOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "token", Value: held.Token}}); err != nil {
				return translate(err, "take over correspondence source claim", c.team, source)
			}
			continue
		case time.Now().After(deadline):
			if err := notLogged(ctx, c.db, c.team, source, p); err != nil {
				return err
			}
			return proxenos.Errorf(proxenos.ECONFLICT, "corr.being_logged")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 50*time.Millisecond)
	}
}

// taken records the claim key as taken.
func (c *sourceClaims) taken(key string) {
	if len(c.keys) == 0 {
		c.since = time.Now()
	}
	c.keys = append(c.keys, key)
}

// writeContext returns ctx ending sourceWriteWindow after the first claim
// was taken (ctx itself when none was): the entry is written within it or
// not at all, so that its claims are not taken over meanwhile.
func (c *sourceClaims) writeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if len(c.keys) == 0 {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, c.since.Add(sourceWriteWindow))
}

// settle writes the number of the stored entry into the claims, so that
// the next create from the same source is told it at once. Best effort:
// a claim without it is settled by reading the entries.
func (c *sourceClaims) settle(ctx context.Context, p proxenos.ProtocolNumber) {
	ctx = context.WithoutCancel(ctx)
	for _, key := range c.keys {
		_, _ = c.db.db.Collection(sourcesColl).UpdateOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "token", Value: c.token}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "protocol", Value: p}}}})
	}
}

// release deletes the claims of an entry that was not stored, so that its
// sources can be logged at once. Best effort, and not where an entry
// from the source is found (an insert whose answer was lost may have
// stored it): a claim left behind is taken over after sourceClaimLife.
func (c *sourceClaims) release(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	for _, key := range c.keys {
		if d, err := entryBySource(ctx, c.db, c.team, key[len(c.team)+1:]); d != nil || err != nil {
			continue
		}
		_, _ = c.db.db.Collection(sourcesColl).DeleteOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "token", Value: c.token}})
	}
}
