package mongo_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/mongo/mongotest"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestUncertainWrites creates records through a proxy that lets the
// insert reach the server and then drops the connection before its reply
// reaches the driver: the record is stored, and the command sees a network
// error. The user is told the store did not confirm it (not "internal
// error", not "nothing saved"), and the request run again under the same
// id gets the stored record: exactly one.
func TestUncertainWrites(t *testing.T) {
	direct := MustOpenDB(t)
	u, err := url.Parse(serverURI)
	if err != nil {
		t.Fatal(err)
	}
	proxy := mongotest.NewProxy(t, u.Host)
	u.Host, u.Path, u.RawQuery = proxy.Addr(), "/"+direct.Name(), "directConnection=true"
	db, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	via, store := storage.NewMongoStore(db), storage.NewMongoStore(direct)
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	nis := &proxenos.Partner{Name: "Δήμος Νις", Kind: proxenos.KindMunicipality}
	if err := store.Partners.CreatePartner(ctx, nis); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		create func(ctx context.Context, s *storage.Store) (id string, err error)
		ids    func(ctx context.Context, s *storage.Store) ([]string, error)
	}{
		{"Correspondence", func(ctx context.Context, s *storage.Store) (string, error) {
			c := storagetest.Entry(storagetest.Day(2026, 3, 2), "Πρόσκληση σε φόρουμ")
			err := s.Correspondence.CreateCorrespondence(ctx, c)
			return c.ID, err
		}, func(ctx context.Context, s *storage.Store) ([]string, error) {
			cs, _, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
			return idsOf(cs, func(c *proxenos.Correspondence) string { return c.ID }), err
		}},
		{"Partner", func(ctx context.Context, s *storage.Store) (string, error) {
			p := &proxenos.Partner{Name: "Comune di Faenza", Kind: proxenos.KindMunicipality}
			err := s.Partners.CreatePartner(ctx, p)
			return p.ID, err
		}, func(ctx context.Context, s *storage.Store) ([]string, error) {
			ps, _, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "Faenza"})
			return idsOf(ps, func(p *proxenos.Partner) string { return p.ID }), err
		}},
		{"Contact", func(ctx context.Context, s *storage.Store) (string, error) {
			c := &proxenos.Contact{PartnerID: nis.ID, Kind: proxenos.ContactVideo, Date: storagetest.Day(2026, 3, 2), LoggedBy: "U1"}
			err := s.Partners.LogContact(ctx, c)
			return c.ID, err
		}, func(ctx context.Context, s *storage.Store) ([]string, error) {
			cs, err := s.Partners.FindContacts(ctx, nis.ID, 0)
			return idsOf(cs, func(c *proxenos.Contact) string { return c.ID }), err
		}},
		{"Call", func(ctx context.Context, s *storage.Store) (string, error) {
			c := storagetest.NewCall("CERV-2026-CITIZENS-TOWN-TT", time.Date(2026, 9, 18, 17, 0, 0, 0, storagetest.Brussels))
			err := s.Calls.CreateCall(ctx, c)
			return c.ID, err
		}, func(ctx context.Context, s *storage.Store) ([]string, error) {
			cs, _, err := s.Calls.FindCalls(ctx, proxenos.CallFilter{})
			return idsOf(cs, func(c *proxenos.Call) string { return c.ID }), err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := proxenos.NewContextWithRequest(ctx, "R-"+tc.name)
			lost := proxy.Lost()
			// Two: a replica set's driver retries the write once.
			proxy.LoseReplies("insert", 2)
			_, err := tc.create(ctx, via)
			proxy.LoseReplies("", 0)
			var perr *proxenos.Error
			if !errors.As(err, &perr) || perr.Code != proxenos.EUNAVAILABLE || perr.Key != "error.unavailable_unconfirmed" {
				t.Fatalf("create with its reply lost: %v (%+v), want EUNAVAILABLE error.unavailable_unconfirmed", err, perr)
			}
			if proxy.Lost() == lost {
				t.Fatal("no reply was lost")
			}
			// The write was done all the same.
			stored, err := tc.ids(ctx, store)
			if err != nil || len(stored) != 1 {
				t.Fatalf("records %q after the lost reply (%v), want 1", stored, err)
			}
			id, err := tc.create(ctx, via)
			if err != nil || id != stored[0] {
				t.Fatalf("request run again got %q (%v), want the stored %q", id, err, stored[0])
			}
			if ids, err := tc.ids(ctx, store); err != nil || len(ids) != 1 {
				t.Fatalf("records %q after the request ran again (%v), want 1", ids, err)
			}
		})
	}
}

// idsOf returns the ids of records, in order.
func idsOf[T any](records []*T, id func(*T) string) []string {
	out := make([]string, 0, len(records))
	for _, r := range records {
		out = append(out, id(r))
	}
	return out
}
