package storagetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunPartners checks the partner directory and the contact log.
func RunPartners(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality,
		Country: "Ιταλία", Relationship: proxenos.RelSisterCity, SinceYear: 1996, Tags: []string{"twinning"}, CreatedBy: "U1"})
	nis := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Νις", Kind: proxenos.KindMunicipality, Country: "Σερβία"})
	t.Run("Aliases", func(t *testing.T) { runAliases(t, open) })
	t.Run("OK", func(t *testing.T) {
		got, err := s.Partners.FindPartnerByID(ctx, faenza.ID)
		if err != nil {
			t.Fatal(err)
		}
		if faenza.ID == "" || !got.CreatedAt.Equal(clock.Now()) || !reflect.DeepEqual(got, faenza) {
			t.Fatalf("found %+v, want %+v", got, faenza)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		for _, name := range []string{"Φαέντσα", "ΦΑΕΝΤΣΑ", "φαεντσα"} {
			err := s.Partners.CreatePartner(ctx, &proxenos.Partner{Name: name, Kind: proxenos.KindOther})
			wantCode(t, err, proxenos.ECONFLICT)
		}
		// Another workspace may use the name.
		mustPartner(t, Ctx(OtherTeam, "U2"), s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindOther})
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		wantCode(t, s.Partners.CreatePartner(ctx, &proxenos.Partner{Kind: proxenos.KindOther}), proxenos.EINVALID)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Partners.FindPartnerByID(ctx, "missing")
		wantCode(t, err, proxenos.ENOTFOUND)
		_, err = s.Partners.FindPartnerByID(Ctx(OtherTeam, "U2"), faenza.ID)
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("Update", func(t *testing.T) {
		clock.Set(clock.Now().Add(time.Hour))
		city := "Faenza (RA)"
		got, err := s.Partners.UpdatePartner(ctx, faenza.ID, proxenos.PartnerUpdate{City: &city})
		if err != nil {
			t.Fatal(err)
		}
		if got.City != city || !got.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("City %q UpdatedAt %v", got.City, got.UpdatedAt)
		}
		if _, n, _ := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "ra"}); n != 1 {
			t.Fatalf("search after update: %d matches, want 1", n)
		}
	})
	t.Run("ErrRenameConflict", func(t *testing.T) {
		name := "ΝΙΣ"
		_, err := s.Partners.UpdatePartner(ctx, faenza.ID, proxenos.PartnerUpdate{Name: &name})
		wantCode(t, err, proxenos.ECONFLICT)
		// A change of accents or case of its own name is no conflict.
		own := "ΦΑΈΝΤΣΑ"
		if _, err := s.Partners.UpdatePartner(ctx, faenza.ID, proxenos.PartnerUpdate{Name: &own}); err != nil {
			t.Fatal(err)
		}
		back := "Φαέντσα"
		if _, err := s.Partners.UpdatePartner(ctx, faenza.ID, proxenos.PartnerUpdate{Name: &back}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("AddPerson", func(t *testing.T) {
		person := proxenos.Person{Name: "Giulia Rossi", Role: "Ufficio gemellaggi", Email: "g.rossi@comune.faenza.ra.it", Languages: []string{"it", "en"}}
		got, err := s.Partners.AddPerson(ctx, faenza.ID, person)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.People, []proxenos.Person{person}) {
			t.Fatalf("People = %+v", got.People)
		}
		if _, n, _ := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "rossi"}); n != 1 {
			t.Fatalf("search by person: %d matches, want 1", n)
		}
		_, err = s.Partners.AddPerson(ctx, faenza.ID, proxenos.Person{Name: "x", Email: "not an email"})
		wantCode(t, err, proxenos.EINVALID)
		_, err = s.Partners.AddPerson(ctx, "missing", person)
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("LastContact", func(t *testing.T) {
		last := func() time.Time {
			p, err := s.Partners.FindPartnerByID(ctx, nis.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p.LastContact
		}
		if !last().IsZero() {
			t.Fatalf("new partner has LastContact %v", last())
		}
		steps := []struct {
			name string
			do   func() error
			want time.Time
		}{
			{"Contact", func() error {
				return s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: nis.ID, Kind: proxenos.ContactVideo, Date: Day(2026, 3, 1)})
			}, Day(2026, 3, 1)},
			{"OlderContact", func() error {
				return s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: nis.ID, Kind: proxenos.ContactCall, Date: Day(2026, 2, 1), Notes: "κλήση"})
			}, Day(2026, 3, 1)},
			{"Correspondence", func() error {
				c := Entry(Day(2026, 4, 1), "Επιστολή")
				c.PartnerID = nis.ID
				return s.Correspondence.CreateCorrespondence(ctx, c)
			}, Day(2026, 4, 1)},
			{"OlderCorrespondence", func() error {
				c := Entry(Day(2026, 1, 1), "Παλιά επιστολή")
				c.PartnerID = nis.ID
				return s.Correspondence.CreateCorrespondence(ctx, c)
			}, Day(2026, 4, 1)},
		}
		for _, st := range steps {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got := last(); !got.Equal(st.want) {
				t.Fatalf("after %s LastContact = %v, want %v", st.name, got, st.want)
			}
		}
		contacts, err := s.Partners.FindContacts(ctx, nis.ID, 0)
		if err != nil || len(contacts) != 2 || !contacts[0].Date.Equal(Day(2026, 3, 1)) || contacts[1].Notes != "κλήση" || contacts[0].ID == "" {
			t.Fatalf("contacts %+v (%v)", contacts, err)
		}
		if one, _ := s.Partners.FindContacts(ctx, nis.ID, 1); len(one) != 1 {
			t.Fatalf("limit 1 gave %d contacts", len(one))
		}
		if theirs, _ := s.Partners.FindContacts(Ctx(OtherTeam, "U2"), nis.ID, 0); len(theirs) != 0 {
			t.Fatalf("other workspace sees %d contacts", len(theirs))
		}
	})
	t.Run("ErrContact", func(t *testing.T) {
		err := s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: "missing", Kind: proxenos.ContactCall, Date: Day(2026, 1, 1)})
		wantCode(t, err, proxenos.ENOTFOUND)
		err = s.Partners.LogContact(Ctx(OtherTeam, "U2"), &proxenos.Contact{PartnerID: nis.ID, Kind: proxenos.ContactCall, Date: Day(2026, 12, 1)})
		wantCode(t, err, proxenos.ENOTFOUND)
		err = s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: nis.ID, Kind: "lunch", Date: Day(2026, 1, 1)})
		wantCode(t, err, proxenos.EINVALID)
		c := Entry(Day(2026, 12, 1), "x")
		c.PartnerID = nis.ID
		wantCode(t, s.Correspondence.CreateCorrespondence(Ctx(OtherTeam, "U2"), c), proxenos.EINVALID)
		if p, _ := s.Partners.FindPartnerByID(ctx, nis.ID); !p.LastContact.Equal(Day(2026, 4, 1)) {
			t.Fatalf("another workspace moved LastContact to %v", p.LastContact)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		for _, tt := range []struct {
			filter        proxenos.PartnerFilter
			want, wantLen int
		}{
			{proxenos.PartnerFilter{}, 2, 2},
			{proxenos.PartnerFilter{Country: "ΣΕΡΒΙΑ"}, 1, 1},
			{proxenos.PartnerFilter{Kind: proxenos.KindEmbassy}, 0, 0},
			{proxenos.PartnerFilter{Relationship: proxenos.RelSisterCity}, 1, 1},
			{proxenos.PartnerFilter{Limit: 1}, 2, 1},
		} {
			got, total, err := s.Partners.FindPartners(ctx, tt.filter)
			if err != nil || total != tt.want || len(got) != tt.wantLen {
				t.Errorf("%+v: %d partners, total %d (%v); want %d of %d", tt.filter, len(got), total, err, tt.wantLen, tt.want)
			}
		}
	})
}

// runAliases checks that a partner's other names are kept, changed by
// an update and found by search, inflected Greek included.
func runAliases(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	aliases := []string{"Stadt Esslingen am Neckar", "Δήμος Έσλινγκεν"}
	p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Έσλινγκεν", AltName: "Esslingen am Neckar", Aliases: aliases,
		Kind: proxenos.KindMunicipality, Country: "DE", Relationship: proxenos.RelSisterCity})
	mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality, Country: "IT"})
	found := func(t *testing.T, q string) []string {
		t.Helper()
		got, total, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: q})
		if err != nil || total != len(got) {
			t.Fatalf("search %q: %d of %d (%v)", q, len(got), total, err)
		}
		var names []string
		for _, g := range got {
			names = append(names, g.Name)
		}
		return names
	}
	t.Run("Stored", func(t *testing.T) {
		got, err := s.Partners.FindPartnerByID(ctx, p.ID)
		if err != nil || !reflect.DeepEqual(got.Aliases, aliases) || !reflect.DeepEqual(got, p) {
			t.Fatalf("found %+v (%v), want %+v", got, err, p)
		}
	})
	t.Run("Searchable", func(t *testing.T) {
		// «Δήμου Έσλινγκεν» is the genitive the office writes.
		for _, q := range []string{"stadt", "stadt esslingen", "δήμου έσλινγκεν", "ΔΗΜΟΣ"} {
			if got := found(t, q); !reflect.DeepEqual(got, []string{"Έσλινγκεν"}) {
				t.Errorf("search %q: got %v, want [Έσλινγκεν]", q, got)
			}
		}
	})
	t.Run("Updated", func(t *testing.T) {
		now := []string{"Große Kreisstadt Esslingen", "EUROCITIES"}
		got, err := s.Partners.UpdatePartner(ctx, p.ID, proxenos.PartnerUpdate{Aliases: &now})
		if err != nil || !reflect.DeepEqual(got.Aliases, now) {
			t.Fatalf("updated %+v (%v), want aliases %q", got, err, now)
		}
		if again, err := s.Partners.FindPartnerByID(ctx, p.ID); err != nil || !reflect.DeepEqual(again.Aliases, now) {
			t.Fatalf("read back %+v (%v), want aliases %q", again, err, now)
		}
		if got := found(t, "eurocities"); !reflect.DeepEqual(got, []string{"Έσλινγκεν"}) {
			t.Errorf("search by the new alias: got %v", got)
		}
		// The old aliases no longer find it.
		for _, q := range []string{"stadt", "δήμου"} {
			if got := found(t, q); len(got) != 0 {
				t.Errorf("search %q by a dropped alias: got %v, want none", q, got)
			}
		}
		// Other fields' updates keep them.
		city := "Esslingen"
		if got, err := s.Partners.UpdatePartner(ctx, p.ID, proxenos.PartnerUpdate{City: &city}); err != nil || !reflect.DeepEqual(got.Aliases, now) {
			t.Fatalf("after a city update: %+v (%v), want aliases %q", got, err, now)
		}
		var none []string
		if got, err := s.Partners.UpdatePartner(ctx, p.ID, proxenos.PartnerUpdate{Aliases: &none}); err != nil || got.Aliases != nil {
			t.Fatalf("emptied: %+v (%v), want no aliases", got, err)
		}
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		many := make([]string, proxenos.MaxAliases+1)
		for i := range many {
			many[i] = fmt.Sprintf("Esslingen %d", i)
		}
		_, err := s.Partners.UpdatePartner(ctx, p.ID, proxenos.PartnerUpdate{Aliases: &many})
		wantCode(t, err, proxenos.EINVALID)
	})
}
