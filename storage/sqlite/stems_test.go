package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestMigrateStems opens a file written before stems were kept: entries
// and partners without stem keys, over several batches. Open gives each
// exactly the keys a write would, so that a search by inflection finds
// them, and a second Open finds nothing left to do.
func TestMigrateStems(t *testing.T) {
	defer func(n int) { stemBatch = n }(stemBatch)
	stemBatch = 2
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var entries []*proxenos.Correspondence
	for i, e := range []struct{ subject, lang string }{
		{"Πρόταση συνεργασίας", ""}, {"Συνάντηση στη Λεμεσό", ""}, {"Einladung zum Forum", "de"},
		{"Einladung nach Bonn", ""}, {"Αδελφοποιήσεις πόλεων", "el"},
	} {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming, Date: time.Date(2026, 3, 1+i, 0, 0, 0, 0, proxenos.OfficeZone()),
			Counterpart: "Δήμος Λεμεσού", Subject: e.subject, Language: e.lang, Medium: proxenos.MediumEmail, LoggedBy: "U1"}
		if err := NewCorrespondenceService(db).CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, c)
	}
	var partners []*proxenos.Partner
	for _, p := range []*proxenos.Partner{
		{Name: "Δήμος Λεμεσού", Kind: proxenos.KindMunicipality, Country: "Κύπρος"},
		{Name: "Verband der Partnerstädte", Kind: proxenos.KindNetwork, Country: "Γερμανία"},
		{Name: "Δήμος Λάρνακας", Kind: proxenos.KindMunicipality},
	} {
		if err := NewPartnerService(db).CreatePartner(ctx, p); err != nil {
			t.Fatal(err)
		}
		partners = append(partners, p)
	}
	// Undo the migration, as in a file written before it (and before the
	// search index, which indexes the entries with their stems).
	for _, q := range undoStems {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db = rollBack(t, db, path, "VALUES ('stems')", nil)
	for i := range 2 {
		if i > 0 { // opened again: nothing left to do, the same answers
			if db, err = Open(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
		}
		for _, p := range partners {
			var got []string
			rows, err := db.db.Query(`SELECT word FROM partner_words WHERE team = 'TMAROUSSI' AND partner_id = ? ORDER BY word`, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var w string
				rows.Scan(&w)
				got = append(got, w)
			}
			rows.Close()
			if want := sorted(partnerTerms(p)); !slices.Equal(got, want) {
				t.Errorf("partner %s: words %q, want %q", p.Name, got, want)
			}
		}
		for q, want := range map[string]int{"συνεργασιες": 1, "λεμεσος": 5, "Einladungen": 1, "αδελφοποιηση": 1} {
			if _, total, err := NewCorrespondenceService(db).FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q}); err != nil || total != want {
				t.Errorf("search %q after Open: %d found (%v), want %d", q, total, err, want)
			}
		}
		for q, want := range map[string]int{"Λεμεσός": 1, "Verbände": 1, "Λάρνακα": 1} {
			if _, total, err := NewPartnerService(db).FindPartners(ctx, proxenos.PartnerFilter{Query: q}); err != nil || total != want {
				t.Errorf("partners %q after Open: %d found (%v), want %d", q, total, err, want)
			}
		}
		var left int
		if err := db.db.QueryRow(`SELECT COUNT(*) FROM backfills`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%d backfills left (%v)", left, err)
		}
	}
}

// sorted returns a sorted copy of list.
func sorted(list []string) []string {
	return slices.Sorted(slices.Values(list))
}

// TestStemSearchReadsInListOrder checks the plans of searches whose words
// match by prefix or stem: the search index reads matches in list order,
// whether it drives and the others are probed or the columns' streams
// are intersected and it is probed, and nothing is sorted.
func TestStemSearchReadsInListOrder(t *testing.T) {
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "T1"), "U1")
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, subject := range []string{"Πρόταση συνεργασίας", "Η συνεργασία με τη Λεμεσό", "Einladung nach Limassol"} {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming,
			Date: time.Date(2026, 3, 1+i, 0, 0, 0, 0, proxenos.OfficeZone()), Counterpart: "Δήμος Λεμεσού", Subject: subject,
			Language: "de", Medium: proxenos.MediumEmail, LoggedBy: "U1"}
		if err := NewCorrespondenceService(db).CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	defer func(n int) { probeBelow = n }(probeBelow)
	for _, probe := range []int{500, 1} { // a word drives; streams merge
		probeBelow = probe
		q, _ := newFinder(db, "T1", proxenos.CorrespondenceFilter{})
		for _, conds := range [][]condition{
			q.withMatch(nil, searchTiers([]string{"συνεργασιας"})[2]),
			q.withMatch(nil, searchTiers([]string{"συνεργασιας", "λεμεσος"})[2]),
			q.withMatch([]condition{colCond{"partner_id", "", "correspondence_partner"}}, searchTiers([]string{"einladungen"})[2]),
			q.withMatch([]condition{q.match(whole("λεμεσου"))}, searchTiers([]string{"einladungen", "λεμεσος"})[2]),
		} {
			q.estimates = map[string]int{}
			sel, args, err := q.plan(context.Background(), conds)
			if err != nil || sel == "" {
				t.Fatalf("plan: %q (%v)", sel, err)
			}
			rows, err := db.db.Query(`EXPLAIN QUERY PLAN `+sel, args...)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(detail, "TEMP B-TREE") {
					t.Errorf("probeBelow %d, %v: %s", probe, conds, detail)
				}
			}
			rows.Close()
		}
	}
}
