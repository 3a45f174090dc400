package mongo_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/mongo/mongotest"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// openThroughProxy opens a fresh database on the test server through a
// fault proxy.
func openThroughProxy(t *testing.T) (*storage.Store, *mongotest.Proxy) {
	t.Helper()
	first := MustOpenDB(t) // dropped when t ends
	u, err := url.Parse(serverURI)
	if err != nil {
		t.Fatal(err)
	}
	p := mongotest.NewProxy(t, u.Host)
	u.Host, u.Path = p.Addr(), "/"+first.Name()
	db, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return storage.NewMongoStore(db), p
}

// TestCompleteReplyLost completes an occurrence whose write commits but
// whose reply is lost, as in a failover: the completion stands (its claim
// is not given back), a retry of it is refused and the next occurrence
// stays open.
func TestCompleteReplyLost(t *testing.T) {
	s, proxy := openThroughProxy(t)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	p := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := s.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	a := storagetest.NewAgreement("Αδελφοποίηση", p.ID, time.Time{})
	if err := s.Agreements.CreateAgreement(ctx, a); err != nil {
		t.Fatal(err)
	}
	first := time.Date(2027, 3, 31, 9, 0, 0, 0, storagetest.Athens)
	o := storagetest.NewObligation(a.ID, "Ετήσια έκθεση", first)
	o.Recurrence = proxenos.Recurrence{Months: 12}
	if err := s.Agreements.AddObligation(ctx, o); err != nil {
		t.Fatal(err)
	}
	f := proxenos.Fulfilment{At: time.Date(2027, 3, 20, 12, 0, 0, 0, storagetest.Athens), By: "U0MARIA"}
	next := first.AddDate(1, 0, 0)
	proxy.LoseRepliesOn("update", "obligations", 1)
	got, err := s.Agreements.CompleteObligation(ctx, o.ID, first, f)
	if err != nil || !got.Due.Equal(next) || len(got.Fulfilments) != 1 {
		t.Fatalf("completion with its reply lost: %+v (%v), want it done, next due %v", got, err, next)
	}
	_, err = s.Agreements.CompleteObligation(ctx, o.ID, first, f)
	if code := proxenos.ErrorCode(err); code != proxenos.ECONFLICT {
		t.Fatalf("retry: %v, want ECONFLICT", err)
	}
	stored, err := s.Agreements.FindObligationByID(ctx, o.ID)
	if err != nil || len(stored.Fulfilments) != 1 || !stored.Due.Equal(next) {
		t.Fatalf("stored %+v (%v): want one fulfilment, next due %v", stored, err, next)
	}
}

// TestPartnerReplyLost loses the replies to writes of a partner: moving
// its last contact after a new entry does not fail the entry, which is
// saved, and a rename whose answer is lost is not "name taken".
func TestPartnerReplyLost(t *testing.T) {
	s, proxy := openThroughProxy(t)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	p := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := s.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	t.Run("EntrySaved", func(t *testing.T) {
		c := storagetest.Entry(storagetest.Day(2026, 3, 2), "Πρόσκληση")
		c.PartnerID = p.ID
		proxy.LoseRepliesOn("update", "partners", 1)
		if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
			t.Fatalf("entry with its partner's update lost: %v, want it saved", err)
		}
		if _, err := s.Correspondence.FindCorrespondenceByNumber(ctx, c.Protocol); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrRenameUnavailable", func(t *testing.T) {
		proxy.LoseRepliesOn("update", "partners", 1)
		_, err := s.Partners.UpdatePartner(ctx, p.ID, proxenos.PartnerUpdate{Name: new("Comune di Faenza")})
		if code := proxenos.ErrorCode(err); code != proxenos.EUNAVAILABLE {
			t.Fatalf("rename with its reply lost: %v, want EUNAVAILABLE", err)
		}
	})
}
