package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

func TestCorrExport(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" κοιν.:"Πρεσβεία της Γερμανίας, Q-Cities" subject:"Einladung zum Forum" date:20/11/2026 tags:forum,cities`)
	env.run(t, i18n.English, "/corr", `out to:"=cmd|' /C calc'!A0" cc:"=HYPERLINK(1), Q-Cities" subject:"+SUM(A1)" summary:"@evil" date:1/7/2026`)
	env.run(t, i18n.English, "/corr", `out to:Niš subject:"-2 days" date:1/1/2026`)
	env.run(t, i18n.English, "/corr", `out to:"Q-Cities - Bonn" subject:"Budget;=1+1" summary:"-1 | @SUM(A1)" date:2/1/2026`)
	read := func(t *testing.T, resp *chat.Response) [][]string {
		t.Helper()
		if len(resp.Files) != 1 {
			t.Fatalf("files = %d (%q)", len(resp.Files), resp.Text)
		}
		content := resp.Files[0].Content
		if !bytes.HasPrefix(content, []byte("\xEF\xBB\xBF")) {
			t.Fatal("CSV lacks the UTF-8 byte order mark")
		}
		rows, err := csv.NewReader(bytes.NewReader(content[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	t.Run("OKGreek", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/corr", "export")
		rows := read(t, resp)
		if len(rows) != 5 {
			t.Fatalf("rows = %d, want header and 4", len(rows))
		}
		if got, want := strings.Join(rows[0][:6], "|"), "Αριθμός πρωτοκόλλου|Κατεύθυνση|Ημερομηνία|Αποστολέας / Παραλήπτης|Κοινοποίηση|Χώρα"; got != want {
			t.Errorf("header = %q, want %q", got, want)
		}
		if got, want := strings.Join(rows[1][:7], "|"), "1/2026|ΕΙΣ|20/11/2026|Stadt Köln|Πρεσβεία της Γερμανίας, Q-Cities||Einladung zum Forum"; got != want {
			t.Errorf("row = %q, want %q", got, want)
		}
		if resp.Text != "Εξαγωγή 4 εγγραφών σε CSV." {
			t.Errorf("text = %q", resp.Text)
		}
	})
	t.Run("OKEnglishPeriod", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "export 2026-Q3")
		rows := read(t, resp)
		if len(rows) != 2 || rows[0][0] != "Protocol number" || rows[0][4] != "Copies" || rows[1][0] != "2/2026" || rows[1][2] != "2026-07-01" {
			t.Fatalf("rows = %q", rows)
		}
		if got, want := resp.Files[0].Name, "correspondence-2026-07-01_2026-09-30.csv"; got != want {
			t.Errorf("name = %q, want %q", got, want)
		}
	})
	t.Run("FormulaGuard", func(t *testing.T) {
		rows := read(t, env.run(t, i18n.English, "/corr", "export"))
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
				t.Errorf("%s column %d = %q, want %q", tt.number, tt.col, got, tt.want)
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
// first page, as a colleague might meanwhile.
type loggingDuringExport struct {
	proxenos.CorrespondenceService
	log func()
}

func (s *loggingDuringExport) FindCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	page, total, err := s.CorrespondenceService.FindCorrespondence(ctx, f)
	if f.Offset == 0 && s.log != nil {
		s.log()
		s.log = nil
	}
	return page, total, err
}

// An entry logged during an export shifts the pages; no row is written
// twice.
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
