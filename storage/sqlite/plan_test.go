package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// wholeWorkspace matches a plan line that reads a table whole, or every
// entry of the workspace along an index: a list that filters must not.
var wholeWorkspace = regexp.MustCompile(`^SCAN (correspondence|correspondence_docs|d|x\d*|c)\b|\(team=\?\)$`)

// TestListPlans explains the queries of every list shape of the
// register (each filter, each pair of them, each with a period, and the
// count of each) with the planner's own EXPLAIN QUERY PLAN, both when a
// condition drives and the others are probed and when index streams
// are merged. A list that filters must narrow its index search by a
// filter: a walk of the whole workspace, or a table scan, costs every
// entry of the register at 100k (as a list of outgoing letters did when
// direction had no index), and a temporary sort orders every match.
func TestListPlans(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := proxenos.NewContextWithTeam(context.Background(), "T")
	s, partners := NewCorrespondenceService(db), NewPartnerService(db)
	p := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := partners.CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, proxenos.OfficeZone())
	for i := range 40 {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2025}, Direction: proxenos.Incoming,
			Date: day.AddDate(0, 0, i*7), Registered: day.AddDate(0, 0, i*7), Counterpart: "Δήμος", Subject: fmt.Sprint("Θέμα ", i), Country: "Ιταλία", Tags: []string{"cerv"}}
		if i%2 == 0 {
			c.Direction, c.PartnerID, c.Country = proxenos.Outgoing, p.ID, "Γαλλία"
		}
		if err := s.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	filters := map[string]func(*proxenos.CorrespondenceFilter){
		"direction": func(f *proxenos.CorrespondenceFilter) { f.Direction = proxenos.Outgoing },
		"partner":   func(f *proxenos.CorrespondenceFilter) { f.PartnerID = p.ID },
		"country":   func(f *proxenos.CorrespondenceFilter) { f.Country = "γαλλια" },
		"tag":       func(f *proxenos.CorrespondenceFilter) { f.Tag = "cerv" },
	}
	period := func(f *proxenos.CorrespondenceFilter) {
		f.From, f.To = day.AddDate(0, 2, 0), day.AddDate(0, 5, 0)
	}
	shapes := map[string]proxenos.CorrespondenceFilter{}
	for a, fa := range filters {
		for b, fb := range filters {
			if a > b {
				continue
			}
			var f, g proxenos.CorrespondenceFilter
			fa(&f)
			fb(&f)
			fa(&g)
			fb(&g)
			period(&g)
			name := strings.Join(uniq(a, b), "+")
			shapes[name], shapes[name+"+period"] = f, g
		}
	}
	var onlyPeriod proxenos.CorrespondenceFilter
	period(&onlyPeriod)
	shapes["period"] = onlyPeriod
	// The stream of a period reads the whole workspace on purpose, in
	// protocol order, with no sort.
	q, _ := newFinder(db, "T", onlyPeriod)
	if plan := strings.Join(explain(t, db, inPeriod(q), append([]any{"T"}, q.periodArgs...)), "\n"); strings.Contains(plan, "TEMP B-TREE") ||
		!strings.Contains(plan, "sqlite_autoindex_correspondence_1") {
		t.Errorf("stream of a period:\n%s", plan)
	}
	for _, probes := range []int{probeBelow, 1} {
		restore := SetProbeBelow(probes)
		for name, f := range shapes {
			q, conds := newFinder(db, "T", f)
			sel, args, err := q.plan(ctx, conds)
			if err != nil || sel == "" {
				t.Fatalf("%s: plan %q (%v)", name, sel, err)
			}
			for what, query := range map[string]string{"page": sel + ` LIMIT 20`, "count": `SELECT COUNT(*) FROM (` + sel + `)`} {
				lines := explain(t, db, query, args)
				coroutines := map[string]bool{}
				for _, line := range lines {
					if name, ok := strings.CutPrefix(line, "CO-ROUTINE "); ok {
						coroutines[name] = true
					}
				}
				for _, line := range lines {
					// Rows of a subquery the plan made itself, already narrowed.
					if scan, ok := strings.CutPrefix(line, "SCAN "); ok && coroutines[scan] {
						continue
					}
					// The workspace's slot of the search index: one row.
					if strings.HasPrefix(line, "SEARCH search_slots USING PRIMARY KEY") {
						continue
					}
					if wholeWorkspace.MatchString(line) || strings.Contains(line, "TEMP B-TREE") {
						t.Errorf("%s (%s, probes below %d): %q\nplan:\n  %s", name, what, probes, line, strings.Join(lines, "\n  "))
					}
				}
			}
		}
		restore()
	}
}

// uniq returns a and b, or a alone when they are the same.
func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// explain returns the detail lines of query's plan.
func explain(t *testing.T, db *DB, query string, args []any) []string {
	t.Helper()
	rows, err := db.db.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
