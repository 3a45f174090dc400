package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestMigrateRegistered opens a file written before the register kept
// two dates: entries without a registration day, their rows and search
// terms keyed by the document's date. Open gives each the day it was
// created, in its document, its row and its terms, over several batches,
// so that periods and order go by registration; a second Open does
// nothing.
func TestMigrateRegistered(t *testing.T) {
	defer func(n int) { stemBatch = n }(stemBatch)
	stemBatch = 2
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	zone := proxenos.OfficeZone()
	logged := time.Date(2026, 12, 3, 10, 0, 0, 0, zone)
	db.Now = func() time.Time { return logged }
	// Letters of 2025 logged in December 2026: the old rows dated them in 2025.
	for i, subject := range []string{"Πρόσκληση", "Πρόγραμμα", "Απάντηση"} {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming,
			Date: time.Date(2025, 6, 10-i, 0, 0, 0, 0, zone), Registered: time.Date(2026, 12, 3, 0, 0, 0, 0, zone),
			Counterpart: "Stadt Köln", Subject: subject, Medium: proxenos.MediumEmail, LoggedBy: "U1"}
		if err := NewCorrespondenceService(db).CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// As a file written before: no registration day, rows and terms by the document's date.
	for _, q := range []string{
		`UPDATE correspondence_docs SET doc = json_remove(doc, '$.Registered')`,
		`UPDATE correspondence SET date = (SELECT unixepoch(json_extract(d.doc, '$.Date')) FROM correspondence_docs d WHERE d.id = correspondence.id)`,
		`UPDATE correspondence_terms SET date = (SELECT c.date FROM correspondence c WHERE c.team = correspondence_terms.team
			AND c.year = correspondence_terms.year AND c.number = correspondence_terms.number)`,
	} {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	december := proxenos.CorrespondenceFilter{From: time.Date(2026, 12, 1, 0, 0, 0, 0, zone), To: time.Date(2027, 1, 1, 0, 0, 0, 0, zone)}
	if _, total, _ := NewCorrespondenceService(db).FindCorrespondence(ctx, december); total != 0 {
		t.Fatalf("before the upgrade December has %d entries; the test does not show the old rows", total)
	}
	db = rollBack(t, db, path, "VALUES ('registered')", undoIntakeAnswers)
	for i := range 2 {
		s := NewCorrespondenceService(db)
		got, total, err := s.FindCorrespondence(ctx, december)
		if err != nil || total != 3 {
			t.Fatalf("Open %d: December holds %d entries (%v), want the 3 registered then", i+1, total, err)
		}
		for _, c := range got {
			if !c.Registered.Equal(time.Date(2026, 12, 3, 0, 0, 0, 0, zone)) || c.Date.Year() != 2025 {
				t.Errorf("Open %d: %s registered %v, dated %v", i+1, c.Protocol, c.Registered, c.Date)
			}
		}
		// Protocol order: the newest number first.
		if got[0].Protocol.Number != 3 || got[2].Protocol.Number != 1 {
			t.Errorf("Open %d: order %v %v %v", i+1, got[0].Protocol, got[1].Protocol, got[2].Protocol)
		}
		if found, _, err := s.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "Πρόσκληση", From: december.From, To: december.To}); err != nil || len(found) != 1 {
			t.Errorf("Open %d: search in December found %d (%v), want 1 by its terms", i+1, len(found), err)
		}
		db.Close()
		if db, err = Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
}
