package mongo_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestStaleClaim is a completion that stopped between inserting its claim
// and moving the obligation on (MongoDB has no transaction to undo it): a
// minute later the occurrence can be completed again; a fresh claim still
// refuses a second completion.
func TestStaleClaim(t *testing.T) {
	clock := storagetest.NewClock(time.Date(2027, 3, 1, 9, 0, 0, 0, storagetest.Athens))
	db := MustOpenDB(t)
	db.Now = clock.Now
	s := storage.NewMongoStore(db)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	p := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := s.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	a := storagetest.NewAgreement("Αδελφοποίηση", p.ID, time.Time{})
	if err := s.Agreements.CreateAgreement(ctx, a); err != nil {
		t.Fatal(err)
	}
	o := storagetest.NewObligation(a.ID, "Ετήσια έκθεση", time.Date(2027, 3, 31, 9, 0, 0, 0, storagetest.Athens))
	o.Recurrence = proxenos.Recurrence{Months: 12}
	if err := s.Agreements.AddObligation(ctx, o); err != nil {
		t.Fatal(err)
	}
	client, err := driver.Connect(options.Client().ApplyURI(serverURI))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	claims := client.Database(db.Name()).Collection("obligation_claims")
	// claim leaves a claim on the occurrence due at due, made at at, as a
	// writer that stopped would.
	claim := func(due, at time.Time) {
		t.Helper()
		_, err := claims.InsertOne(ctx, map[string]any{
			"_id":  storagetest.Team + "/" + o.ID + "/" + strconv.FormatInt(due.UnixMilli(), 10),
			"team": storagetest.Team, "obligation": o.ID, "due": due, "at": at,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	f := proxenos.Fulfilment{At: clock.Now(), By: "U0MARIA"}
	t.Run("ErrFreshClaim", func(t *testing.T) {
		claim(o.Due, clock.Now().Add(-time.Second))
		_, err := s.Agreements.CompleteObligation(ctx, o.ID, o.Due, f)
		// Not fulfilled: the user is told it is being recorded, or stopped.
		var perr *proxenos.Error
		if !errors.As(err, &perr) || perr.Code != proxenos.ECONFLICT || perr.Key != "obligation.conflict.pending" {
			t.Fatalf("got %v, want ECONFLICT obligation.conflict.pending", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		clock.Set(clock.Now().Add(2 * time.Minute))
		got, err := s.Agreements.CompleteObligation(ctx, o.ID, o.Due, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Fulfilments) != 1 || !got.Fulfilments[0].Due.Equal(o.Due) || !got.Due.Equal(o.Due.AddDate(1, 0, 0)) {
			t.Fatalf("after taking over the stale claim: %+v", got)
		}
		_, err = s.Agreements.CompleteObligation(ctx, o.ID, got.Due, f)
		if err != nil {
			t.Fatalf("next occurrence: %v", err)
		}
	})
}
