package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// people names U1 and counts the lookups, as users.info would.
type people struct {
	mu      sync.Mutex
	names   map[string]string
	lookups map[string]int
}

func (p *people) UserName(_ context.Context, team, user string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lookups[team+"/"+user]++
	name, ok := p.names[user]
	return name, ok
}

// WorkspaceAdmin names nobody: the tests of /ir setup have their own.
func (p *people) WorkspaceAdmin(context.Context, string, string) bool { return false }

// readCSV returns the rows of an export's one file, its cells separated
// by sep.
func readCSV(t *testing.T, resp *chat.Response, sep rune) [][]string {
	t.Helper()
	if len(resp.Files) != 1 {
		t.Fatalf("files = %d (%q)", len(resp.Files), resp.Text)
	}
	content := resp.Files[0].Content
	if !bytes.HasPrefix(content, []byte("\xEF\xBB\xBF")) {
		t.Fatal("CSV lacks the UTF-8 byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(content[3:]))
	r.Comma = sep
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCorrExport(t *testing.T) {
	env := newTestEnv(t)
	names := &people{names: map[string]string{"U1": "Μαρία Κ."}, lookups: map[string]int{}}
	env.h.People = names
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" κοιν.:"Πρεσβεία της Γερμανίας, Q-Cities" subject:"Einladung zum Forum" date:20/11/2026 tags:forum,cities`)
	env.run(t, i18n.English, "/corr", `out to:"=cmd|' /C calc'!A0" cc:"=HYPERLINK(1), Q-Cities" subject:"+SUM(A1)" summary:"@evil" date:1/7/2026`)
	env.run(t, i18n.English, "/corr", `out to:Niš subject:"-2 days" date:1/1/2026`)
	env.runAs(t, "U2", i18n.English, "/corr", `out to:"Q-Cities - Bonn" subject:"Budget;=1+1" summary:"-1 | @SUM(A1)" date:2/1/2026`)
	t.Run("OKGreek", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/corr", "export")
		// A Greek Windows separates a list with ";", and so does Excel there.
		rows := readCSV(t, resp, ';')
		if len(rows) != 5 {
			t.Fatalf("rows = %d, want header and 4", len(rows))
		}
		if got, want := strings.Join(rows[0][:6], "|"), "Αρ. πρωτοκόλλου|Κατεύθυνση|Ημερομηνία εγγράφου|Αποστολέας / Παραλήπτης|Κοινοποίηση|Χώρα"; got != want {
			t.Errorf("header = %q, want %q", got, want)
		}
		if got, want := strings.Join(rows[0][14:], "|"), "Καταχωρήθηκε από|Ημερομηνία καταχώρησης"; got != want {
			t.Errorf("header = %q, want %q", got, want)
		}
		if got, want := strings.Join(rows[1][:7], "|"), "1/2026|ΕΙΣ|20/11/2026|Stadt Köln|Πρεσβεία της Γερμανίας, Q-Cities||Einladung zum Forum"; got != want {
			t.Errorf("row = %q, want %q", got, want)
		}
		if resp.Text != "Εξαγωγή 4 εγγραφών σε CSV." {
			t.Errorf("text = %q", resp.Text)
		}
	})
	t.Run("ProtocolOrder", func(t *testing.T) {
		// Lists go by the letters' dates (3/2026 is dated before 4/2026);
		// the file goes by protocol number, as the register is kept.
		var got []string
		for _, r := range readCSV(t, env.run(t, i18n.Greek, "/corr", "export"), ';')[1:] {
			got = append(got, r[0])
		}
		if want := []string{"1/2026", "2/2026", "3/2026", "4/2026"}; !slices.Equal(got, want) {
			t.Errorf("order = %q, want %q", got, want)
		}
	})
	t.Run("LoggedByName", func(t *testing.T) {
		clear(names.lookups)
		rows := readCSV(t, env.run(t, i18n.Greek, "/corr", "export"), ';')
		byNumber := map[string]string{}
		for _, r := range rows[1:] {
			byNumber[r[0]] = r[14]
		}
		// U2 has no known name: the id stands for it.
		if want := map[string]string{"1/2026": "Μαρία Κ.", "2/2026": "Μαρία Κ.", "3/2026": "Μαρία Κ.", "4/2026": "U2"}; !maps.Equal(byNumber, want) {
			t.Errorf("logged by = %q, want %q", byNumber, want)
		}
		if want := map[string]int{testTeam + "/U1": 1, testTeam + "/U2": 1}; !maps.Equal(names.lookups, want) {
			t.Errorf("lookups = %v, want each user once", names.lookups)
		}
	})
	t.Run("Separator", func(t *testing.T) {
		for _, tt := range []struct {
			lang i18n.Lang
			text string
			sep  rune
			rows int
		}{
			{i18n.English, "export", ',', 5},
			{i18n.Greek, "export sep:,", ',', 5},
			{i18n.Greek, "export διαχωριστικό:, 2026-Q4", ',', 5},
			{i18n.Greek, "export 2026-Q4 ΔΙΑΧΩΡΙΣΤΙΚΟ:κόμμα", ',', 5},
			{i18n.English, "export separator:; 2026", ';', 5},
			{i18n.English, "export sep:semicolon", ';', 5},
		} {
			resp := env.run(t, tt.lang, "/corr", tt.text)
			if rows := readCSV(t, resp, tt.sep); len(rows) != tt.rows || len(rows[0]) != 16 {
				t.Errorf("%s: got %d rows of %d cells, want %d of 16", tt.text, len(rows), len(rows[0]), tt.rows)
			}
		}
	})
	t.Run("ErrSeparator", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/corr", "export διαχωριστικό:|")
		if len(resp.Files) != 0 || !strings.Contains(resp.Text, "«|»") || !strings.Contains(resp.Text, "διαχωριστικό:,") {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("OKEnglishPeriod", func(t *testing.T) {
		// A period selects by registration: all four were logged on
		// 26/11/2026, whatever their documents' dates.
		if resp := env.run(t, i18n.English, "/corr", "export 2026-Q3"); len(resp.Files) != 0 {
			t.Fatalf("Q3: %d files, want none (no entry was registered then)", len(resp.Files))
		}
		resp := env.run(t, i18n.English, "/corr", "export 2026-Q4")
		rows := readCSV(t, resp, ',')
		if len(rows) != 5 || rows[0][0] != "Protocol number" || rows[0][4] != "Copies" || rows[2][0] != "2/2026" || rows[2][2] != "2026-07-01" {
			t.Fatalf("rows = %q", rows)
		}
		if got, want := resp.Files[0].Name, "correspondence-2026-10-01_2026-12-31.csv"; got != want {
			t.Errorf("name = %q, want %q", got, want)
		}
	})
	t.Run("FormulaGuard", func(t *testing.T) {
		for _, lang := range []i18n.Lang{i18n.English, i18n.Greek} {
			rows := readCSV(t, env.run(t, lang, "/corr", "export"), map[i18n.Lang]rune{i18n.English: ',', i18n.Greek: ';'}[lang])
			byNumber := map[string][]string{}
			for _, r := range rows[1:] {
				byNumber[r[0]] = r
			}
			for _, tt := range []struct {
				number string
				col    int
				want   string
			}{
				{"2/2026", 3, "'=cmd|' /C calc'!A0"},
				{"2/2026", 4, "'=HYPERLINK(1), Q-Cities"},
				{"2/2026", 6, "'+SUM(A1)"},
				{"2/2026", 7, "'@evil"},
				{"3/2026", 4, ""},
				{"3/2026", 6, "'-2 days"},
				{"1/2026", 12, "forum, cities"},
				// After a separator of another locale; honest dashes stay.
				{"4/2026", 3, "Q-Cities - Bonn"},
				{"4/2026", 6, "Budget;'=1+1"},
				{"4/2026", 7, "-1 | '@SUM(A1)"},
			} {
				if got := byNumber[tt.number][tt.col]; got != tt.want {
					t.Errorf("%s: %s column %d = %q, want %q", lang, tt.number, tt.col, got, tt.want)
				}
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "export 2020")
		if len(resp.Files) != 0 || resp.Text != "No entries found." {
			t.Errorf("got %+v", resp)
		}
	})
	t.Run("ErrPeriod", func(t *testing.T) {
		if resp := env.run(t, i18n.English, "/corr", "export soon"); len(resp.Files) != 0 || !strings.Contains(resp.Text, "“soon”") {
			t.Errorf("got %+v", resp)
		}
	})
}

// loggingDuringExport logs a new entry right after the export reads its
// first entry, as a colleague might meanwhile.
type loggingDuringExport struct {
	proxenos.CorrespondenceService
	log func()
}

func (s *loggingDuringExport) EachCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter, fn func(*proxenos.Correspondence) error) error {
	return s.CorrespondenceService.EachCorrespondence(ctx, f, func(c *proxenos.Correspondence) error {
		if s.log != nil {
			s.log()
			s.log = nil
		}
		return fn(c)
	})
}

// An entry logged during an export is no reason to write a row twice.
func TestCorrExportWhileLogging(t *testing.T) {
	env := newTestEnv(t)
	for i := range proxenos.MaxListLimit + 5 {
		env.run(t, i18n.English, "/corr", fmt.Sprintf(`in from:Bonn subject:"Letter %d" date:1/2/2026`, i))
	}
	env.h.Correspondence = &loggingDuringExport{CorrespondenceService: env.corr, log: func() {
		env.run(t, i18n.English, "/corr", `in from:Bonn subject:"Logged meanwhile" date:1/2/2026`)
	}}
	resp := env.run(t, i18n.English, "/corr", "export")
	if len(resp.Files) != 1 {
		t.Fatalf("no file: %q", resp.Text)
	}
	rows, err := csv.NewReader(bytes.NewReader(resp.Files[0].Content[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if seen[r[0]] {
			t.Errorf("entry %s written twice", r[0])
		}
		seen[r[0]] = true
	}
	if want := proxenos.MaxListLimit + 5; len(seen) < want {
		t.Errorf("%d entries exported, want at least %d", len(seen), want)
	}
}
