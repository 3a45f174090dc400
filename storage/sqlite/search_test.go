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
