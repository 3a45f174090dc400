package report

import (
	"math"
	"testing"
	"time"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// twoYears returns the summary of 24 months with letters every month,
// busiest in the last: the tallest bars stand under the legend's corner.
func twoYears() *Summary {
	r := &Records{From: date(2025, 1, 1), To: date(2027, 1, 1), Location: athens}
	for m := range 24 {
		day := date(2025, time.January, 10).AddDate(0, m, 0)
		for range 1 + m*19/23 { // up to 20: ten per cent headroom is 22
			r.Correspondence = append(r.Correspondence, corr(proxenos.Incoming, day, "", "Comune di Faenza", "Ιταλία"))
		}
		r.Correspondence = append(r.Correspondence, corr(proxenos.Outgoing, day, "", "Stadt Köln", "Γερμανία"))
	}
	return Summarize(r)
}

// layChart draws s on a recording canvas of the chart's size and returns
// the layout and the texts drawn.
func layChart(t *testing.T, lang i18n.Lang, s *Summary) (*chartLayout, []string) {
	t.Helper()
	if err := registerFonts(); err != nil {
		t.Fatal(err)
	}
	w, h := chartSize()
	rec := &recorder.Canvas{}
	l, err := drawChart(lang, s, draw.NewCanvas(rec, w, h))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, a := range rec.Actions {
		if fs, ok := a.(*recorder.FillString); ok {
			texts = append(texts, fs.String)
		}
	}
	return l, texts
}

// Two years of months: the labels shown along the x axis keep clear of
// each other, and every month keeps its tick.
func TestChartMonthLabelsApart(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		l, _ := layChart(t, lang, twoYears())
		p := l.months
		data := p.DataCanvas(l.monthsArea)
		ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
		if len(ticks) != 24 {
			t.Fatalf("%d ticks, want one per month", len(ticks))
		}
		sty := p.X.Tick.Label
		sin, cos := math.Abs(math.Sin(sty.Rotation)), math.Abs(math.Cos(sty.Rotation))
		angle := sty.Rotation
		sty.Rotation = 0 // the label's own size, not its tilted bounds
		var shown []int
		for i, tk := range ticks {
			if tk.Label != "" {
				shown = append(shown, i)
			}
		}
		if len(shown) < 4 || shown[0] != 0 {
			t.Fatalf("labels shown at %v; want the first month and a label every few months", shown)
		}
		for k := 1; k < len(shown); k++ {
			a, b := ticks[shown[k-1]], ticks[shown[k]]
			gap := float64(data.X(p.X.Norm(b.Value)) - data.X(p.X.Norm(a.Value)))
			size := sty.Rectangle(b.Label).Size()
			// Two labels tilted alike overlap unless apart along the text or across it.
			if gap*cos < float64(size.X) && gap*sin < float64(size.Y) {
				t.Errorf("%q and %q overlap: %.1fpt apart, labels %.1f×%.1fpt at %.0f°",
					a.Label, b.Label, gap, size.X, size.Y, angle*180/math.Pi)
			}
		}
	}
}

// The legend sits in the corner of the data area; the tallest bar stays a
// blank line of text below it.
func TestChartLegendClearOfBars(t *testing.T) {
	for _, s := range []*Summary{twoYears(), busyQuarter()} {
		l, _ := layChart(t, i18n.Greek, s)
		p := l.months
		data := p.DataCanvas(l.monthsArea)
		legendBottom := data.Max.Y - p.Legend.Rectangle(data).Size().Y
		barTop := data.Y(p.Y.Norm(float64(busiestMonth(s))))
		if line := p.Legend.TextStyle.Rectangle("Ελ").Size().Y; barTop+line > legendBottom {
			t.Errorf("%d months: the tallest bar reaches %.1fpt, the legend starts at %.1fpt", len(s.Months), barTop, legendBottom)
		}
	}
}

// An empty panel says so in words; a full one does not.
func TestChartEmptyPanelsSaySo(t *testing.T) {
	quiet := Summarize(&Records{From: date(2026, 1, 1), To: date(2027, 1, 1), Location: athens})
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		notes := []string{i18n.T(lang, "report.chart.no_correspondence"), i18n.T(lang, "report.chart.none")}
		_, texts := layChart(t, lang, quiet)
		for _, note := range notes {
			if !contains(texts, note) {
				t.Errorf("the empty chart does not say %q; it shows %q", note, texts)
			}
		}
		_, texts = layChart(t, lang, busyQuarter())
		for _, note := range notes {
			if contains(texts, note) {
				t.Errorf("a chart with records says %q", note)
			}
		}
	}
}

// contains reports whether texts holds s.
func contains(texts []string, s string) bool {
	for _, t := range texts {
		if t == s {
			return true
		}
	}
	return false
}
