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
	// Undo the migration, as in a file written before it.
	for _, q := range undoStems {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, total, err := NewCorrespondenceService(db).FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "συνεργασιες"}); err != nil || total != 0 {
		t.Fatalf("without stems: %d found (%v), want none", total, err)
	}
	db = rollBack(t, db, path, "VALUES ('stems')", nil)
	for i := range 2 {
		if i > 0 { // opened again: nothing left to do, the same answers
			if db, err = Open(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
		}
		for _, c := range entries {
			if got, want := storedTerms(t, db, c)[termStem], termsOf(c)[termStem]; !slices.Equal(got, sorted(want)) {
				t.Errorf("%s: stems %q, want %q", c.Protocol, got, want)
			}
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

// storedTerms returns the rows of c in correspondence_terms, by kind,
// each kind sorted.
func storedTerms(t *testing.T, db *DB, c *proxenos.Correspondence) entryTerms {
	t.Helper()
	var got entryTerms
	rows, err := db.db.Query(`SELECT kind, term FROM correspondence_terms WHERE year = ? AND number = ? ORDER BY kind, term`,
		c.Protocol.Year, c.Protocol.Number)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind int
		var term string
		if err := rows.Scan(&kind, &term); err != nil {
			t.Fatal(err)
		}
		got[kind] = append(got[kind], term)
	}
	return got
}

// sorted returns a sorted copy of list.
func sorted(list []string) []string {
	return slices.Sorted(slices.Values(list))
}

// TestStemSearchReadsInListOrder checks the plans of searches whose words
// match by prefix or stem: each word's terms are merged in list order,
// whether a word drives and the others are probed or the words' streams
// are intersected, and nothing is sorted.
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
		for _, conds := range [][]condition{
			searchTiers([]string{"συνεργασιας"})[2],
			searchTiers([]string{"συνεργασιας", "λεμεσος"})[2],
			append(searchTiers([]string{"einladungen"})[2], colCond{"partner_id", "", "correspondence_partner"}),
			append(searchTiers([]string{"einladungen", "λεμεσος"})[2], termCond{termWord, "λεμεσου"}),
		} {
			q := &finder{db: db, team: "T1", estimates: map[string]int{}}
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
