package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// TestMigrateTerms opens a file written before correspondence_terms, with
// entries in correspondence_words and correspondence_tags, and checks that
// search, tags and counts work on it once migrated.
func TestMigrateTerms(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	at := slices.IndexFunc(migrations, func(m string) bool { return strings.Contains(m, "CREATE TABLE correspondence_terms") })
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`)
	for i, m := range migrations[:at] {
		mustExec(m)
		mustExec(`INSERT INTO migrations (version, applied_at) VALUES (?, 0)`, i+1)
	}
	entries := []*proxenos.Correspondence{
		{Protocol: proxenos.ProtocolNumber{Year: 2026, Number: 1}, Direction: proxenos.Incoming, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, proxenos.OfficeZone()),
			Counterpart: "Δήμος Νις", Country: "RS", Subject: "Συνάντηση για την Ευρωπαϊκή αδελφοποίηση",
			Summary: "Υπερπολυπολιτισμικότητας και antidisestablishmentarianism", Tags: []string{"CERV", "cerv", "Q-Cities"}},
		{Protocol: proxenos.ProtocolNumber{Year: 2026, Number: 2}, Direction: proxenos.Outgoing, Date: time.Date(2026, 3, 5, 0, 0, 0, 0, proxenos.OfficeZone()),
			Counterpart: "Stadt Köln", Country: "DE", Subject: "Einladung zum Forum"},
	}
	for i, c := range entries {
		c.ID = c.Protocol.String()
		doc, _ := json.Marshal(c)
		mustExec(`INSERT INTO correspondence (id, team, year, number, direction, date, partner_id, country_key) VALUES (?, 'T1', ?, ?, ?, ?, '', ?)`,
			i+1, c.Protocol.Year, c.Protocol.Number, string(c.Direction), c.Date.Unix(), proxenos.SearchKey(c.Country))
		mustExec(`INSERT INTO correspondence_docs (id, doc) VALUES (?, ?)`, i+1, string(doc))
		for _, w := range search.Words(c.SearchText()...) {
			mustExec(`INSERT INTO correspondence_words (team, word, entry_id) VALUES ('T1', ?, ?)`, w, i+1)
		}
		for _, tag := range dedupe(tagKeys(c.Tags)) {
			mustExec(`INSERT INTO correspondence_tags (team, tag, entry_id) VALUES ('T1', ?, ?)`, tag, i+1)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewCorrespondenceService(db)
	tctx := proxenos.NewContextWithTeam(ctx, "T1")
	for _, tt := range []struct {
		name   string
		filter proxenos.CorrespondenceFilter
		want   []string
		total  int
	}{
		{"All", proxenos.CorrespondenceFilter{}, []string{"2/2026", "1/2026"}, 2},
		{"Direction", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing}, []string{"2/2026"}, 1},
		{"Word", proxenos.CorrespondenceFilter{Query: "ΣΥΝΑΝΤΗΣΗ"}, []string{"1/2026"}, 1},
		{"Prefix", proxenos.CorrespondenceFilter{Query: "ευρωπ αδελφ"}, []string{"1/2026"}, 1},
		{"LongWord", proxenos.CorrespondenceFilter{Query: "antidisestablishmentarianism"}, []string{"1/2026"}, 1},
		{"Tag", proxenos.CorrespondenceFilter{Tag: "q-cities"}, []string{"1/2026"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.FindCorrespondence(tctx, tt.filter)
			var nums []string
			for _, c := range got {
				nums = append(nums, c.Protocol.String())
			}
			if err != nil || !reflect.DeepEqual(nums, tt.want) || total != tt.total {
				t.Fatalf("got %v, total %d (%v); want %v, total %d", nums, total, err, tt.want, tt.total)
			}
		})
	}
}
