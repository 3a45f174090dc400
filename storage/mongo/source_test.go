package mongo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// logFrom logs a new entry from source, as the request req.
func logFrom(s *storage.Store, req, source string) (*proxenos.Correspondence, error) {
	c := storagetest.Entry(storagetest.Day(2027, 3, 1), "Πρόσκληση")
	c.Sources = []string{source}
	ctx := proxenos.NewContextWithRequest(storagetest.Ctx(storagetest.Team, "U1"), req)
	return c, s.Correspondence.CreateCorrespondence(ctx, c)
}

// wantKey fails t unless err is ECONFLICT with the catalogue key key.
func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var perr *proxenos.Error
	if !errors.As(err, &perr) || perr.Code != proxenos.ECONFLICT || perr.Key != key {
		t.Fatalf("got %v, want ECONFLICT %s", err, key)
	}
}

// TestSourceClaims is the claims on the messages entries are logged from
// left as a create that stopped, or failed, leaves them (MongoDB has no
// transaction to undo them): none blocks the message for ever, and a
// claim held by a create still at work, or whose entry was stored, keeps
// the message from being logged twice.
func TestSourceClaims(t *testing.T) {
	defer mongo.SetSourceTimes(200*time.Millisecond, 30*time.Second)()
	clock := storagetest.NewClock(time.Date(2027, 3, 1, 9, 0, 0, 0, storagetest.Athens))
	db := MustOpenDB(t)
	db.Now = clock.Now
	s := storage.NewMongoStore(db)
	ctx := context.Background()
	claims := db.Collection("correspondence_sources")
	// claim leaves a claim on source, taken at at by the request req, as
	// a create that stopped before storing its entry would.
	claim := func(source, req string, at time.Time) {
		t.Helper()
		_, err := claims.InsertOne(ctx, mongo.SourceClaim{Key: storagetest.Team + "/" + source, Team: storagetest.Team,
			Source: source, Request: req, Token: "stopped", At: at})
		if err != nil {
			t.Fatal(err)
		}
	}
	stored := func(source string) *mongo.SourceClaim {
		t.Helper()
		var c mongo.SourceClaim
		err := claims.FindOne(ctx, bson.D{{Key: "_id", Value: storagetest.Team + "/" + source}}).Decode(&c)
		if errors.Is(err, driver.ErrNoDocuments) {
			return nil
		} else if err != nil {
			t.Fatal(err)
		}
		return &c
	}
	msg := proxenos.SlackSource("C0123", "1712345678.000100")
	t.Run("ErrFreshClaim", func(t *testing.T) {
		claim(msg, "req-1", clock.Now().Add(-time.Second))
		_, err := logFrom(s, "req-2", msg)
		wantKey(t, err, "corr.being_logged")
	})
	t.Run("StaleClaim", func(t *testing.T) {
		clock.Set(clock.Now().Add(2 * time.Minute))
		c, err := logFrom(s, "req-2", msg)
		if err != nil {
			t.Fatalf("after the claim went stale: %v", err)
		}
		if got := stored(msg); got == nil || got.Token == "stopped" || got.Request != "req-2" || got.Protocol != c.Protocol {
			t.Fatalf("claim %+v, want req-2's naming %s", got, c.Protocol)
		}
		_, err = logFrom(s, "req-3", msg)
		wantKey(t, err, "corr.already_logged")
	})
	t.Run("SameRequest", func(t *testing.T) {
		mail := proxenos.EmailSource("<run-1@maroussi.gr>")
		claim(mail, "req-4", clock.Now())
		if _, err := logFrom(s, "req-4", mail); err != nil {
			t.Fatalf("the request run again: %v", err)
		}
	})
	t.Run("FailedCreate", func(t *testing.T) {
		mail := proxenos.EmailSource("<failed@maroussi.gr>")
		restore := mongo.SetSourceTimes(200*time.Millisecond, 0) // no time left to write the entry
		_, err := logFrom(s, "req-5", mail)
		restore()
		if err == nil {
			t.Fatal("a create with no time to write its entry succeeded")
		}
		if got := stored(mail); got != nil {
			t.Fatalf("the failed create left its claim %+v", got)
		}
		if _, err := logFrom(s, "req-6", mail); err != nil {
			t.Fatalf("after a failed create: %v", err)
		}
	})
	t.Run("EntryWithoutClaim", func(t *testing.T) {
		// An entry logged before claims were kept, or whose claim was
		// deleted while its insert was landing.
		mail := proxenos.EmailSource("<before-claims@maroussi.gr>")
		c, err := logFrom(s, "req-7", mail)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := claims.DeleteOne(ctx, bson.D{{Key: "_id", Value: storagetest.Team + "/" + mail}}); err != nil {
			t.Fatal(err)
		}
		_, err = logFrom(s, "req-8", mail)
		wantKey(t, err, "corr.already_logged")
		if perr := err.(*proxenos.Error); perr.Args[0] != c.Protocol.String() {
			t.Fatalf("names %v, want %s", perr.Args, c.Protocol)
		}
	})
	t.Run("StaleClaimWithEntry", func(t *testing.T) {
		// The create stored its entry and stopped before writing its
		// number into the claim.
		mail := proxenos.EmailSource("<unsettled@maroussi.gr>")
		if _, err := logFrom(s, "req-9", mail); err != nil {
			t.Fatal(err)
		}
		if _, err := claims.UpdateOne(ctx, bson.D{{Key: "_id", Value: storagetest.Team + "/" + mail}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "protocol", Value: proxenos.ProtocolNumber{}}}}}); err != nil {
			t.Fatal(err)
		}
		clock.Set(clock.Now().Add(2 * time.Minute))
		_, err := logFrom(s, "req-10", mail)
		wantKey(t, err, "corr.already_logged")
	})
}

// TestSourceReplyLost loses the reply to the insert of an entry logged
// from a message: the entry was stored, so its claim stands, and the next
// person to log the message is told its number.
func TestSourceReplyLost(t *testing.T) {
	s, proxy := openThroughProxy(t)
	msg := proxenos.SlackSource("C0123", "1712345678.000100")
	proxy.LoseRepliesOn("insert", "correspondence", 1)
	if _, err := logFrom(s, "req-1", msg); err == nil {
		t.Fatal("the insert's reply was lost, and the create says nothing")
	}
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	c, err := s.Correspondence.FindCorrespondenceBySource(ctx, msg)
	if err != nil {
		t.Fatalf("the entry whose reply was lost: %v", err)
	}
	_, err = logFrom(s, "req-2", msg)
	wantKey(t, err, "corr.already_logged")
	if perr := err.(*proxenos.Error); perr.Args[0] != c.Protocol.String() {
		t.Fatalf("names %v, want %s", perr.Args, c.Protocol)
	}
}
