package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestMigrateSearch opens a file written before the search index, with
// entries of two workspaces over several batches: Open indexes each, so
// that words, prefixes, stems, tags and periods find them in protocol
// order, each in its own workspace only, and a second Open finds nothing left to do.
func TestMigrateSearch(t *testing.T) {
	defer func(n int) { stemBatch = n }(stemBatch)
	stemBatch = 2
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	zone := proxenos.OfficeZone()
	for _, team := range []string{"T1", "T2"} {
		ctx := proxenos.NewContextWithTeam(context.Background(), team)
		for i := range 5 {
			day := time.Date(2026, 3, 1+i/2, 0, 0, 0, 0, zone)
			c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming, Date: day,
				Registered: day, Counterpart: "Δήμος Λεμεσού", Subject: fmt.Sprintf("Πρόταση συνεργασίας %s %d", team, i),
				Tags: []string{"Q-Cities"}, Medium: proxenos.MediumEmail, LoggedBy: "U1"}
			if err := NewCorrespondenceService(db).CreateCorrespondence(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	db = rollBack(t, db, path, "VALUES ('search')", undoSearch)
	for i := range 2 {
		if i > 0 {
			db.Close()
			if db, err = Open(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
		}
		var left int
		if err := db.db.QueryRow(`SELECT COUNT(*) FROM backfills`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("Open %d: %d backfills left (%v)", i+1, left, err)
		}
		ctx := proxenos.NewContextWithTeam(context.Background(), "T2")
		for _, tt := range []struct {
			name string
			f    proxenos.CorrespondenceFilter
			want []int
		}{
			{"Word", proxenos.CorrespondenceFilter{Query: "t2"}, []int{5, 4, 3, 2, 1}},
			{"Prefix", proxenos.CorrespondenceFilter{Query: "συνεργ"}, []int{5, 4, 3, 2, 1}},
			{"Stem", proxenos.CorrespondenceFilter{Query: "συνεργασιες"}, []int{5, 4, 3, 2, 1}},
			{"Tag", proxenos.CorrespondenceFilter{Tag: "q-cities"}, []int{5, 4, 3, 2, 1}},
			{"Period", proxenos.CorrespondenceFilter{Query: "προταση", From: time.Date(2026, 3, 2, 0, 0, 0, 0, zone),
				To: time.Date(2026, 3, 3, 0, 0, 0, 0, zone)}, []int{4, 3}},
			{"OtherWorkspace", proxenos.CorrespondenceFilter{Query: "t1"}, nil},
		} {
			got, total, err := NewCorrespondenceService(db).FindCorrespondence(ctx, tt.f)
			var nums []int
			for _, c := range got {
				nums = append(nums, c.Protocol.Number)
			}
			if err != nil || fmt.Sprint(nums) != fmt.Sprint(tt.want) || total != len(tt.want) {
				t.Errorf("Open %d, %s: %v of %d (%v), want %v", i+1, tt.name, nums, total, err, tt.want)
			}
		}
	}
}

// TestEntryWritesFewPages logs entries of some forty words each and
// counts the pages they add to the WAL: an entry's search terms are one
// row of the index, so an entry writes about as many pages as its row,
// document and indexes need (17 here), where a row per prefix of every
// word (the index before) wrote 46 on a file of ten entries.
func TestEntryWritesFewPages(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewCorrespondenceService(db)
	ctx := proxenos.NewContextWithTeam(context.Background(), "T1")
	words := vocabulary()
	var frames [2]int
	for i := range 2 {
		// Row 2 of wal_checkpoint: the frames now in the WAL.
		var busy, log, done int
		if err := db.w.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
			t.Fatal(err)
		}
		const entries = 10
		for j := range entries {
			day := time.Date(2026, 3, 2, 0, 0, 0, 0, proxenos.OfficeZone())
			c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming, Date: day,
				Registered: day, Counterpart: "Δήμος Λεμεσού", Subject: "Πρόταση", Medium: proxenos.MediumEmail, LoggedBy: "U1"}
			for k := range 40 {
				c.Summary += words[(i*entries+j)*40+k] + " "
			}
			if err := s.CreateCorrespondence(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.w.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil {
			t.Fatal(err)
		}
		frames[i] = log / entries
	}
	if frames[1] > 25 {
		t.Errorf("an entry adds %d pages to the WAL (first ten entries: %d), want at most 25", frames[1], frames[0])
	}
	t.Logf("pages per entry: %v", frames)
}

// TestSearchSyntaxIsText searches with FTS5's query syntax (operators,
// quotes, column filters, prefixes, NEAR, initial tokens) in the query
// and the tag: it is text like any other, never an error, and finds
// only the entries that have those words.
func TestSearchSyntaxIsText(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewCorrespondenceService(db)
	ctx := proxenos.NewContextWithTeam(context.Background(), "T1")
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, proxenos.OfficeZone())
	for _, subject := range []string{"Forum or not", "Πρόσκληση near Αθήνα"} {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming, Date: day,
			Registered: day, Counterpart: "Δήμος", Subject: subject, Tags: []string{`"a" OR *`}, Medium: proxenos.MediumEmail, LoggedBy: "U1"}
		if err := s.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{
		`NOT`: 1, `or AND`: 0, `OR forum`: 1, `"forum`: 1, `forum*`: 1, `terms:forum`: 0, `NEAR(πρόσκληση αθήνα)`: 1,
		`^forum`: 1, `-forum`: 1, `{terms}: forum`: 0, `forum NOT not`: 1, `*`: 0,
	} {
		if _, total, err := s.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q}); err != nil || total != want {
			t.Errorf("search %q: %d found (%v), want %d", q, total, err, want)
		}
	}
	for tag, want := range map[string]int{`"a" OR *`: 2, `*`: 0, `a`: 0, `" OR "`: 0} {
		if _, total, err := s.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Tag: tag}); err != nil || total != want {
			t.Errorf("tag %q: %d found (%v), want %d", tag, total, err, want)
		}
	}
}
