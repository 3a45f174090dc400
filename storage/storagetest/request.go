package storagetest

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// creation is one way of creating a record, for runCreatesOncePerRequest:
// make creates the record numbered n (records of different n do not
// clash) and returns it; count tells how many records the workspace has.
type creation struct {
	name  string
	make  func(ctx context.Context, s *storage.Store, n int) (any, error)
	count func(ctx context.Context, s *storage.Store) (int, error)
}

// creations returns every create of the store but correspondence (see
// runOncePerRequest), given a partner and an agreement of Team to add to.
func creations(partner, agreement string) []creation {
	return []creation{
		{"Partner", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			p := &proxenos.Partner{Name: "Φαέντσα " + strconv.Itoa(n), Kind: proxenos.KindMunicipality, CreatedBy: "U1"}
			return p, s.Partners.CreatePartner(ctx, p)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			_, n, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{})
			return n - 1, err // the partner the others are added to
		}},
		{"Contact", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			c := &proxenos.Contact{PartnerID: partner, Kind: proxenos.ContactCall, Date: Day(2026, 3, n), LoggedBy: "U1"}
			return c, s.Partners.LogContact(ctx, c)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			cs, err := s.Partners.FindContacts(ctx, partner, 0)
			return len(cs), err
		}},
		{"Person", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			p, err := s.Partners.AddPerson(ctx, partner, proxenos.Person{Name: "Giulia Rossi " + strconv.Itoa(n)})
			if p != nil {
				p.UpdatedAt = time.Time{} // a repeat need not tell when the person was added
			}
			return p, err
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			p, err := s.Partners.FindPartnerByID(ctx, partner)
			if err != nil {
				return 0, err
			}
			return len(p.People), nil
		}},
		{"Call", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			c := NewCall("HORIZON-CL2-2026-0"+strconv.Itoa(n), brussels(2026, 9, 1, 17, 0))
			return c, s.Calls.CreateCall(ctx, c)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			_, n, err := s.Calls.FindCalls(ctx, proxenos.CallFilter{})
			return n, err
		}},
		{"Agreement", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			a := NewAgreement("Μνημόνιο "+strconv.Itoa(n), partner, Day(2028, 1, 1))
			return a, s.Agreements.CreateAgreement(ctx, a)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			_, n, err := s.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{})
			return n - 1, err // the agreement obligations are added to
		}},
		{"Obligation", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			o := NewObligation(agreement, "Ετήσια έκθεση "+strconv.Itoa(n), Day(2026, 6, n))
			return o, s.Agreements.AddObligation(ctx, o)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			_, n, err := s.Agreements.FindObligations(ctx, proxenos.ObligationFilter{AgreementID: agreement})
			return n, err
		}},
		{"GlossaryEntry", func(ctx context.Context, s *storage.Store, n int) (any, error) {
			e := &proxenos.GlossaryEntry{Terms: map[string]string{"el": "όρος " + strconv.Itoa(n), "en": "term " + strconv.Itoa(n)}, CreatedBy: "U1"}
			return e, s.Glossary.CreateGlossaryEntry(ctx, e)
		}, func(ctx context.Context, s *storage.Store) (int, error) {
			es, err := s.Glossary.FindGlossary(ctx)
			return len(es), err
		}},
	}
}

// runCreatesOncePerRequest checks that every create run again under the
// same request id (after a crash, or when the answer to its write was
// lost) gets the record its first run made, and makes no other; another
// request, or the same id in another workspace, makes its own.
func runCreatesOncePerRequest(t *testing.T, open OpenFunc) {
	s := open(t, NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, Athens)).Now)
	ctx := Ctx(Team, "U1")
	partner := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Comune di Faenza", Kind: proxenos.KindMunicipality})
	agreement := mustAgreement(t, ctx, s, NewAgreement("Αδελφοποίηση", partner.ID, time.Time{}))
	other := Ctx(OtherTeam, "U2")
	otherPartner := mustPartner(t, other, s, &proxenos.Partner{Name: "Comune di Faenza", Kind: proxenos.KindMunicipality})
	otherAgreement := mustAgreement(t, other, s, NewAgreement("Αδελφοποίηση", otherPartner.ID, time.Time{}))
	elsewhere := creations(otherPartner.ID, otherAgreement.ID)
	for i, c := range creations(partner.ID, agreement.ID) {
		t.Run(c.name, func(t *testing.T) {
			r1, r2 := c.name+"-R1", c.name+"-R2"
			first, err := c.make(proxenos.NewContextWithRequest(ctx, r1), s, 1)
			if err != nil {
				t.Fatal(err)
			}
			again, err := c.make(proxenos.NewContextWithRequest(ctx, r1), s, 1)
			if err != nil || !reflect.DeepEqual(again, first) {
				t.Fatalf("request run again got\n%+v (%v)\nwant the first run's\n%+v", again, err, first)
			}
			if _, err := c.make(proxenos.NewContextWithRequest(ctx, r2), s, 2); err != nil {
				t.Fatal(err)
			}
			if _, err := c.make(ctx, s, 3); err != nil {
				t.Fatal(err)
			}
			if n, err := c.count(ctx, s); err != nil || n != 3 {
				t.Fatalf("%d records (%v), want 3: one per request, one without", n, err)
			}
			if _, err := elsewhere[i].make(proxenos.NewContextWithRequest(other, r1), s, 1); err != nil {
				t.Fatalf("the same request id in another workspace: %v", err)
			}
			if n, err := elsewhere[i].count(other, s); err != nil || n != 1 {
				t.Fatalf("%d records in the other workspace (%v), want 1", n, err)
			}
		})
	}
	t.Run("CalendarFeed", func(t *testing.T) { runFeedOncePerRequest(t, s) })
}

// runFeedOncePerRequest checks calendar feeds: the token is new on each
// run and only its hash is stored, so a request run again keeps one live
// feed, its own, and the one made before (whose address nobody saw, its
// answer lost) no longer answers.
func runFeedOncePerRequest(t *testing.T, s *storage.Store) {
	ctx := proxenos.NewContextWithRequest(Ctx(Team, "U1"), "Feed-R1")
	_, firstHash := proxenos.NewCalendarToken()
	_, againHash := proxenos.NewCalendarToken()
	for _, h := range []string{firstHash, againHash} {
		if err := s.CalendarFeeds.CreateCalendarFeed(ctx, &proxenos.CalendarFeed{TokenHash: h, Lang: "el"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CalendarFeeds.FindCalendarFeed(context.Background(), firstHash); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Fatalf("the first run's feed: %v, want ENOTFOUND", err)
	}
	if f, err := s.CalendarFeeds.FindCalendarFeed(context.Background(), againHash); err != nil || f.User != "U1" {
		t.Fatalf("the feed of the run again: %+v (%v)", f, err)
	}
	// Another request's feed is another feed.
	_, otherHash := proxenos.NewCalendarToken()
	if err := s.CalendarFeeds.CreateCalendarFeed(proxenos.NewContextWithRequest(Ctx(Team, "U1"), "Feed-R2"),
		&proxenos.CalendarFeed{TokenHash: otherHash, Lang: "el"}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CalendarFeeds.RevokeCalendarFeeds(Ctx(Team, "U1")); err != nil || n != 2 {
		t.Fatalf("revoked %d feeds (%v), want 2", n, errors.Join(err))
	}
}
