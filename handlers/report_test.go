package handlers_test

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/report"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestParsePeriodRange covers the ranges /ir report reads, and that the
// single periods still read as before.
func TestParsePeriodRange(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }
	for _, tt := range []struct {
		in       string
		from, to time.Time
	}{
		{"1/9/2026-30/11/2026", day(2026, 9, 1), day(2026, 12, 1)},
		{"1/9/2026 - 30/11/2026", day(2026, 9, 1), day(2026, 12, 1)},
		{"2026-09-01-2026-11-30", day(2026, 9, 1), day(2026, 12, 1)},
		{"1.9.2026–30.11.2026", day(2026, 9, 1), day(2026, 12, 1)},
		{"9/2026 έως 11/2026", day(2026, 9, 1), day(2026, 12, 1)},
		{"2026-Q1 to 2026-Q2", day(2026, 1, 1), day(2026, 7, 1)},
		{"2025-2026", day(2025, 1, 1), day(2027, 1, 1)},
		{"1/9-30/11", day(2026, 9, 1), day(2026, 12, 1)}, // this year
		{"2026-11", day(2026, 11, 1), day(2026, 12, 1)},  // a month, not a range
		{"2026-Q3", day(2026, 7, 1), day(2026, 10, 1)},
		{"2026", day(2026, 1, 1), day(2027, 1, 1)},
	} {
		t.Run(tt.in, func(t *testing.T) {
			from, to, ok := handlers.ParsePeriod(tt.in, testNow, athens)
			if !ok || !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Fatalf("ParsePeriod(%q) = %v, %v, %v; want %v, %v", tt.in, from, to, ok, tt.from, tt.to)
			}
		})
	}
	for _, in := range []string{"30/11/2026-1/9/2026", "2026-Q5-2027", "1/9/2026-someday",
		strings.Repeat("1-", 40) + "2026"} {
		t.Run("Err_"+in, func(t *testing.T) {
			if _, _, ok := handlers.ParsePeriod(in, testNow, athens); ok {
				t.Fatalf("ParsePeriod(%q) accepted", in)
			}
		})
	}
}

// newReportEnv returns a testEnv whose Handler also keeps calls and
// agreements, with 2026-Q3 seeded: correspondence with two partners (one
// added in the quarter, one named "<!channel>"), a call and an overdue
// obligation.
func newReportEnv(t *testing.T) *testEnv {
	t.Helper()
	env := newTestEnv(t)
	env.h.Calls, env.h.Agreements = sqlite.NewCallService(env.db), sqlite.NewAgreementService(env.db)
	ctx := env.ctx()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, athens) }
	env.db.Now = func() time.Time { return day(8, 3) }
	faenza := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "IT"}
	must(env.h.Partners.CreatePartner(ctx, faenza))
	loud := &proxenos.Partner{Name: "<!channel>", Kind: proxenos.KindOther, Country: "FR"}
	must(env.h.Partners.CreatePartner(ctx, loud))
	env.db.Now = func() time.Time { return testNow }
	for _, c := range []struct {
		dir     proxenos.Direction
		date    time.Time
		partner string
	}{
		{proxenos.Incoming, day(7, 3), faenza.ID}, {proxenos.Outgoing, day(8, 20), faenza.ID},
		{proxenos.Incoming, day(9, 1), faenza.ID}, {proxenos.Outgoing, day(9, 30), loud.ID},
	} {
		must(env.corr.CreateCorrespondence(ctx, &proxenos.Correspondence{Direction: c.dir, Date: c.date, Registered: c.date,
			PartnerID: c.partner, Subject: "Πρόσκληση", Protocol: proxenos.ProtocolNumber{Year: 2026}}))
	}
	must(env.h.Calls.CreateCall(ctx, &proxenos.Call{Identifier: "CERV-2026-TOWN", Title: "Αδελφοποίηση πόλεων",
		Programme: proxenos.ProgrammeCERV, Status: proxenos.CallSubmitted,
		Deadlines: []proxenos.Deadline{{At: day(9, 18).Add(18 * time.Hour)}}}))
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{faenza.ID}, Title: "Αδελφοποίηση",
		Status: proxenos.AgreementActive}
	must(env.h.Agreements.CreateAgreement(ctx, a))
	must(env.h.Agreements.AddObligation(ctx, &proxenos.Obligation{AgreementID: a.ID, Text: "Ετήσια έκθεση",
		Due: day(9, 15).Add(12 * time.Hour), Status: proxenos.ObligationOpen}))
	return env
}

func TestReport(t *testing.T) {
	env := newReportEnv(t)
	t.Run("OK", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/ir", "report 2026-Q3")
		if resp.Ephemeral {
			t.Fatalf("the report is ephemeral: %s", resp.Text)
		}
		text := allText(resp)
		for _, want := range []string{
			"Αναφορά διεθνών σχέσεων · 1 Ιουλίου 2026 – 30 Σεπτεμβρίου 2026",
			"4 έγγραφα — εισερχόμενα 2, εξερχόμενα 2",
			"Ιταλία: 3 (εισ. 2, εξ. 1)",
			"*Νέοι φορείς:* 2",
			"υποβλήθηκε: 1", "CERV: 1",
			"εκπληρωμένες στην περίοδο: 0 · εκπρόθεσμες την 1η Οκτωβρίου 2026: 1",
			"Ετήσια έκθεση — προθεσμία 15 Σεπτεμβρίου 2026",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(mrkdwnText(resp), "<!channel>") {
			t.Errorf("a partner's name pings the channel:\n%s", mrkdwnText(resp))
		}
		if got := len(resp.Files); got != 2 {
			t.Fatalf("files: got %d, want the workbook and the chart", got)
		}
		xlsx, chart := resp.Files[0], resp.Files[1]
		if got, want := xlsx.Name, "report-2026-07-01_2026-09-30.xlsx"; got != want {
			t.Errorf("workbook name: got %q, want %q", got, want)
		}
		f, err := excelize.OpenReader(bytes.NewReader(xlsx.Content))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows("Αλληλογραφία")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rows), 5; got != want {
			t.Errorf("correspondence sheet rows: got %d, want a header and 4 entries", got)
		}
		img, err := png.Decode(bytes.NewReader(chart.Content))
		if err != nil {
			t.Fatalf("the chart is not a PNG: %v", err)
		}
		if got := img.Bounds().Size(); got.X != report.ChartWidth || got.Y != report.ChartHeight {
			t.Errorf("chart size %v", got)
		}
	})
	t.Run("English", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/ir", "report 9/2026")
		for _, want := range []string{"International relations report · September 2026", "2 documents — 1 in, 1 out",
			"France: 1 (in 0, out 1)", "Italy: 1 (in 1, out 0)"} {
			if !strings.Contains(allText(resp), want) {
				t.Errorf("the report lacks %q:\n%s", want, allText(resp))
			}
		}
		f, err := excelize.OpenReader(bytes.NewReader(resp.Files[0].Content))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got, _ := f.GetCellValue("Correspondence", "A1"); got != "Protocol number" {
			t.Errorf("English header: got %q", got)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/ir", "report 2020")
		want := i18n.T(i18n.Greek, "report.empty", "2020")
		if resp.Text != want || !resp.Ephemeral || len(resp.Files) != 0 {
			t.Fatalf("got %q (ephemeral %v, %d files), want %q", resp.Text, resp.Ephemeral, len(resp.Files), want)
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrPeriodRequired", "report", i18n.T(i18n.Greek, "report.required.period")},
		{"ErrPeriod", "report someday", i18n.T(i18n.Greek, "report.invalid.period", "someday")},
		{"ErrSpan", "report 2001-2026", i18n.T(i18n.Greek, "report.invalid.span", 10)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.Greek, "/ir", tt.text)
			if resp.Text != tt.want || len(resp.Files) != 0 {
				t.Fatalf("got %q, want %q", resp.Text, tt.want)
			}
		})
	}
	t.Run("ErrUnauthorized", func(t *testing.T) {
		env.h.Access = handlers.Access{Users: []string{"U2"}}
		defer func() { env.h.Access = handlers.Access{} }()
		resp := env.run(t, i18n.Greek, "/ir", "report 2026-Q3")
		if len(resp.Files) != 0 || env.lastOutcome() != "/ir "+handlers.OutcomeUnauthorized {
			t.Fatalf("a user without access got the report: %q (%s)", resp.Text, env.lastOutcome())
		}
	})
}

// TestReportPaging shows that a report reads past the first page.
func TestReportPaging(t *testing.T) {
	env := newTestEnv(t)
	ctx := proxenos.NewContextWithTeam(context.Background(), testTeam)
	const entries = proxenos.MaxListLimit + 30
	for i := range entries {
		if err := env.corr.CreateCorrespondence(ctx, &proxenos.Correspondence{Direction: proxenos.Incoming,
			Date: time.Date(2026, 3, 1+i%28, 0, 0, 0, 0, athens), Registered: time.Date(2026, 3, 1+i%28, 0, 0, 0, 0, athens), Counterpart: "Köln", Subject: "Θέμα",
			Protocol: proxenos.ProtocolNumber{Year: 2026}}); err != nil {
			t.Fatal(err)
		}
	}
	resp := env.run(t, i18n.English, "/ir", "report 3/2026")
	if want := "130 documents — 130 in, 0 out"; !strings.Contains(resp.Text, want) {
		t.Fatalf("got %q, want %q", resp.Text, want)
	}
}
