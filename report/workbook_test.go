package report

import (
	"bytes"
	"image/png"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// busyQuarter returns the summary of a quarter with one record of each
// register, and a subject that looks like a formula.
func busyQuarter() *Summary {
	r := q3()
	r.Partners = []*proxenos.Partner{{ID: "p1", Name: "Φαέντσα", AltName: "Comune di Faenza",
		Aliases: []string{"Ville de Faenza", "Δήμος Φαέντσας"}, Kind: proxenos.KindMunicipality,
		Country: "IT", Relationship: proxenos.RelSisterCity, CreatedAt: date(2026, 8, 14).Add(9 * time.Hour)}}
	c := corr(proxenos.Incoming, date(2026, 9, 5), "p1", "", "IT")
	c.Language = "it"
	c.Subject = "Πρόσκληση σε φεστιβάλ"
	c.Copies = []string{"Πρεσβεία της Ιταλίας", "Q-Cities"}
	evil := corr(proxenos.Outgoing, date(2026, 9, 6), "", "=HYPERLINK(\"http://x\")", "")
	evil.Subject = "=cmd|' /C calc'!A0"
	r.Correspondence = []*proxenos.Correspondence{c, evil}
	r.Contacts = []*proxenos.Contact{{PartnerID: "p1", Kind: proxenos.ContactVisit, Date: date(2026, 9, 10), Notes: "Επίσκεψη αντιπροσωπείας"}}
	r.Calls = []*proxenos.Call{{ID: "c1", Identifier: "CERV-2026-TOWN", Title: "Αδελφοποίηση πόλεων", Programme: proxenos.ProgrammeCERV,
		Status: proxenos.CallSubmitted, Budget: 1_500_000, PartnerIDs: []string{"p1"},
		Deadlines: []proxenos.Deadline{{At: time.Date(2026, 9, 18, 17, 0, 0, 0, proxenos.DeadlineLocation())}}}}
	r.Agreements = []*proxenos.Agreement{{ID: "a1", Kind: proxenos.AgreementTwinning, Title: "Αδελφοποίηση με Φαέντσα",
		PartnerIDs: []string{"p1"}, Signed: date(2026, 8, 5), Start: date(2026, 8, 5), Status: proxenos.AgreementActive}}
	r.Obligations = []*proxenos.Obligation{{ID: "o1", AgreementID: "a1", Text: "Ετήσια έκθεση", Status: proxenos.ObligationOpen,
		Due: date(2026, 9, 1).Add(12 * time.Hour)}}
	return Summarize(r)
}

func TestWorkbook(t *testing.T) {
	for _, tt := range []struct {
		name      string
		lang      i18n.Lang
		sheets    []string
		header    string // A1 of the first sheet
		date      string // C2 of the first sheet, as shown
		dateTime  string // E2 of the calls sheet, as shown
		direction string
		country   string // G2 of the first sheet and E2 of the partners sheet: a name, not the code
		language  string // I2 of the first sheet
	}{
		{"Greek", i18n.Greek, []string{"Αλληλογραφία", "Νέοι φορείς", "Επαφές", "Προσκλήσεις", "Συμφωνίες", "Υποχρεώσεις"},
			"Αρ. πρωτοκόλλου", "05/09/2026", "18/09/2026 18:00", "ΕΙΣ", "Ιταλία", "ιταλικά"},
		{"English", i18n.English, []string{"Correspondence", "New partners", "Contacts", "Calls", "Agreements", "Obligations"},
			"Protocol number", "2026-09-05", "2026-09-18 18:00", "IN", "Italy", "Italian"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			content, err := Workbook(tt.lang, busyQuarter())
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(content))
			if err != nil {
				t.Fatalf("the workbook does not open: %v", err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, tt.sheets) {
				t.Fatalf("sheets: got %q, want %q", got, tt.sheets)
			}
			if got := f.GetActiveSheetIndex(); got != 0 {
				t.Errorf("active sheet %d, want the first", got)
			}
			first := tt.sheets[0]
			cell := func(sheet, ref string) string {
				t.Helper()
				v, err := f.GetCellValue(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for _, c := range []struct{ sheet, ref, want string }{
				{first, "A1", tt.header},
				{first, "B2", tt.direction},
				{first, "C2", tt.date},
				{first, "D2", "Φαέντσα"},
				{first, "F1", i18n.T(tt.lang, "report.col.copies")},
				{first, "F2", "Πρεσβεία της Ιταλίας, Q-Cities"},
				{first, "G2", tt.country},
				{first, "H2", "Πρόσκληση σε φεστιβάλ"},
				{first, "I2", tt.language},
				{tt.sheets[1], "C1", i18n.T(tt.lang, "report.col.aliases")},
				{tt.sheets[1], "C2", "Ville de Faenza, Δήμος Φαέντσας"},
				{tt.sheets[1], "E2", tt.country},
				{first, "H3", "=cmd|' /C calc'!A0"},
				{tt.sheets[3], "E2", tt.dateTime}, // 17:00 Brussels is 18:00 in Athens
				{tt.sheets[5], "A2", "Ετήσια έκθεση"},
			} {
				if got := cell(c.sheet, c.ref); got != c.want {
					t.Errorf("%s!%s: got %q, want %q", c.sheet, c.ref, got, c.want)
				}
			}
			// A date is a number with a date format, not text.
			raw, err := f.GetCellValue(first, "C2", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := raw, "46270"; got != want {
				t.Errorf("C2 raw value: got %q, want the serial %q of 5/9/2026", got, want)
			}
			if typ, _ := f.GetCellType(first, "C2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("C2 is a string cell")
			}
			// The formula-like subject is a string cell without a formula.
			if formula, _ := f.GetCellFormula(first, "H3"); formula != "" {
				t.Errorf("H3 became a formula: %q", formula)
			}
			if typ, _ := f.GetCellType(first, "H3"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("H3 type: got %v, want a string", typ)
			}
			for _, sheet := range tt.sheets {
				panes, err := f.GetPanes(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("%s: header row not frozen: %+v", sheet, panes)
				}
			}
			if w, _ := f.GetColWidth(first, "H"); w < 40 {
				t.Errorf("subject column width %v, want a wide column", w)
			}
		})
	}
}

func TestChart(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		s    *Summary
	}{
		{"Greek", i18n.Greek, busyQuarter()},
		{"English", i18n.English, busyQuarter()},
		{"NoCalls", i18n.Greek, Summarize(&Records{From: date(2026, 1, 1), To: date(2027, 1, 1), Location: athens})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			content, err := Chart(tt.lang, tt.s)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(content))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if got, want := img.Bounds().Size(), (struct{ X, Y int }{ChartWidth, ChartHeight}); got.X != want.X || got.Y != want.Y {
				t.Fatalf("size: got %v, want %dx%d", got, want.X, want.Y)
			}
			if dir := os.Getenv("PROXENOS_REPORT_CHART_DIR"); dir != "" {
				// Keep the image to look at: PROXENOS_REPORT_CHART_DIR=/tmp go test ./report
				if err := os.WriteFile(dir+"/chart-"+tt.name+".png", content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestChartFontCoversGreek checks that the chart's font has a glyph for
// every letter of the Greek texts a chart shows.
func TestChartFontCoversGreek(t *testing.T) {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰΆΈΉΊΌΎΏ"}
	for _, key := range []string{"report.chart.months", "report.chart.programme", "report.chart.in", "report.chart.out",
		"report.chart.documents", "report.chart.calls", "report.chart.none", "report.chart.no_correspondence"} {
		texts = append(texts, i18n.T(i18n.Greek, key))
	}
	for _, p := range proxenos.Programmes {
		texts = append(texts, i18n.Label(i18n.Greek, p))
	}
	for _, m := range i18n.GreekMonthsNominative() {
		texts = append(texts, m)
	}
	var buf sfnt.Buffer
	for _, text := range texts {
		for _, r := range text {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("no glyph for %q in %q", r, text)
			}
		}
	}
}

// TestSetDate_MidnightIsADay: an instant at midnight in the office zone
// (an obligation due on a date) is written as the day, without 00:00; any
// other keeps its time.
func TestSetDate_MidnightIsADay(t *testing.T) {
	athens, _ := time.LoadLocation("Europe/Athens")
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f, i18n.Greek)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, athens), "01/10/2026"},
		{time.Date(2026, 10, 1, 12, 30, 0, 0, athens), "01/10/2026 12:30"},
	}
	for i, tt := range tests {
		v, err := cellValue(instant(tt.at), st, athens)
		if err != nil {
			t.Fatal(err)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), []any{v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		ref := "A" + strconv.Itoa(i+1)
		if got, _ := f.GetCellValue("Sheet1", ref); got != tt.want {
			t.Errorf("%s: got %q, want %q", ref, got, tt.want)
		}
	}
}
