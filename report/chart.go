package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/proxenos/proxenos/i18n"
)

// Size of the chart image in pixels.
const (
	ChartWidth  = 1200
	ChartHeight = 600
	chartDPI    = 96
)

// chartTypeface is the name the Go fonts are registered under. They cover
// Greek, so that Greek titles and labels render; gonum/plot's own default
// is a serif face.
const chartTypeface = "Go"

// Colours of the chart: incoming, outgoing, calls.
var (
	colourIn    = color.RGBA{R: 0x1f, G: 0x5f, B: 0x9e, A: 0xff}
	colourOut   = color.RGBA{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff}
	colourCalls = color.RGBA{R: 0x3a, G: 0x8d, B: 0x5c, A: 0xff}
)

// registerFonts adds the Go fonts to gonum/plot's process-wide font
// cache, once: every Chart after the first reuses them.
var registerFonts = sync.OnceValue(func() error {
	var coll font.Collection
	for _, f := range []struct {
		ttf    []byte
		weight font.Font
	}{{goregular.TTF, font.Font{Typeface: chartTypeface}}, {gobold.TTF, font.Font{Typeface: chartTypeface, Weight: 700}}} {
		face, err := opentype.Parse(f.ttf)
		if err != nil {
			return fmt.Errorf("report: parse chart font: %w", err)
		}
		coll = append(coll, font.Face{Font: f.weight, Face: face})
	}
	font.DefaultCache.Add(coll)
	return nil
})

// Chart draws the summary as a PNG of ChartWidth × ChartHeight pixels:
// correspondence per month (incoming and outgoing bars) on the left, and
// calls by programme on the right, titled in lang.
func Chart(lang i18n.Lang, s *Summary) ([]byte, error) {
	if err := registerFonts(); err != nil {
		return nil, err
	}
	// vg measures in points; pixels at chartDPI give a PNG of exactly
	// ChartWidth × ChartHeight.
	w, h := chartSize()
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	if _, err := drawChart(lang, s, draw.New(img)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("report: encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// chartSize is the size of the chart in points.
func chartSize() (w, h vg.Length) {
	return vg.Length(ChartWidth) * vg.Inch / chartDPI, vg.Length(ChartHeight) * vg.Inch / chartDPI
}

// chartLayout is the chart as drawn: its two panels and their areas.
type chartLayout struct {
	months, programmes         *plot.Plot
	monthsArea, programmesArea draw.Canvas
}

// drawChart lays the two panels out side by side on dc and draws them.
func drawChart(lang i18n.Lang, s *Summary, dc draw.Canvas) (*chartLayout, error) {
	months, err := monthsPlot(lang, s)
	if err != nil {
		return nil, err
	}
	programmes, err := programmesPlot(lang, s)
	if err != nil {
		return nil, err
	}
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Millimeter * 8, PadTop: vg.Millimeter * 4,
		PadBottom: vg.Millimeter * 4, PadLeft: vg.Millimeter * 4, PadRight: vg.Millimeter * 6}
	canvases := plot.Align([][]*plot.Plot{{months, programmes}}, tiles, dc)
	l := &chartLayout{months: months, programmes: programmes, monthsArea: canvases[0][0], programmesArea: canvases[0][1]}
	// Both fits need the data area, known once the panels are aligned.
	thinMonthLabels(months, l.monthsArea)
	clearLegend(months, l.monthsArea, busiestMonth(s))
	months.Draw(l.monthsArea)
	programmes.Draw(l.programmesArea)
	return l, nil
}

// monthsPlot draws incoming and outgoing correspondence per month as
// grouped bars, or says in words that the period has none.
func monthsPlot(lang i18n.Lang, s *Summary) (*plot.Plot, error) {
	p := newPlot(i18n.T(lang, "report.chart.months"))
	p.Y.Label.Text = i18n.T(lang, "report.chart.documents")
	in, out := make(plotter.Values, len(s.Months)), make(plotter.Values, len(s.Months))
	for i, m := range s.Months {
		in[i], out[i] = float64(m.In), float64(m.Out)
	}
	// The two bars of every month share about 480 px of plot, at most
	// 40 px each, so a year's 24 bars fit as well as one month's two.
	width := vg.Length(math.Min(40, 480/float64(2*max(1, len(s.Months))))) * vg.Inch / chartDPI
	for i, v := range []struct {
		values plotter.Values
		colour color.Color
		label  string
		offset vg.Length
	}{{in, colourIn, "report.chart.in", -width / 2}, {out, colourOut, "report.chart.out", width / 2}} {
		bars, err := plotter.NewBarChart(v.values, width)
		if err != nil {
			return nil, fmt.Errorf("report: chart bars %d: %w", i, err)
		}
		bars.Color, bars.Offset, bars.LineStyle.Width = v.colour, v.offset, 0
		p.Add(bars)
		p.Legend.Add(i18n.T(lang, v.label), bars)
	}
	p.Legend.Top, p.Legend.Padding = true, vg.Points(3)
	names := make([]string, len(s.Months))
	for i, m := range s.Months {
		names[i] = monthLabel(lang, m, len(s.Months))
	}
	p.NominalX(names...)
	// Past six months the labels would overlap level: tilt them.
	if len(names) > 6 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	}
	p.Y.Min, p.Y.Max = 0, niceMax(busiestMonth(s))
	p.Y.Tick.Marker = intTicks{}
	if busiestMonth(s) == 0 {
		p.Legend = plot.NewLegend()
		return p, emptyNote(p, i18n.T(lang, "report.chart.no_correspondence"))
	}
	return p, nil
}

// busiestMonth returns the largest count of incoming or outgoing
// documents in a month of the period.
func busiestMonth(s *Summary) int {
	top := 0
	for _, m := range s.Months {
		top = max(top, m.In, m.Out)
	}
	return top
}

// thinMonthLabels keeps every n-th month's label on the x axis, n as
// small as keeps neighbouring labels apart: two years of months fit
// along the axis without their labels running into each other.
func thinMonthLabels(p *plot.Plot, area draw.Canvas) {
	ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
	if len(ticks) < 2 {
		return
	}
	data := p.DataCanvas(area)
	spacing := data.X(p.X.Norm(ticks[1].Value)) - data.X(p.X.Norm(ticks[0].Value))
	step := 1
	for !labelsApart(p, ticks, spacing*vg.Length(step)) && step < len(ticks) {
		step++
	}
	names := make([]string, len(ticks))
	for i, t := range ticks {
		if i%step == 0 {
			names[i] = t.Label
		}
	}
	p.NominalX(names...)
}

// labelsApart reports whether x-axis labels, drawn in the axis's style
// with gap between their ticks, keep a clear space between neighbours.
func labelsApart(p *plot.Plot, ticks []plot.Tick, gap vg.Length) bool {
	sty := p.X.Tick.Label
	sin, cos := math.Abs(math.Sin(sty.Rotation)), math.Abs(math.Cos(sty.Rotation))
	sty.Rotation = 0                     // the label's own size, not its tilted bounds
	clear := sty.Rectangle(" ").Size().X // a space's width between labels
	for _, t := range ticks {
		size := sty.Rectangle(t.Label).Size()
		// Rotated alike, two labels clear each other along the text or across it.
		if float64(gap)*cos < float64(size.X+clear) && float64(gap)*sin < float64(size.Y+clear) {
			return false
		}
	}
	return true
}

// clearLegend raises the top of the y axis until the tallest bar stays a
// blank line of legend text below the legend in the corner of the data
// area.
func clearLegend(p *plot.Plot, area draw.Canvas, top int) {
	if top == 0 {
		return
	}
	data := p.DataCanvas(area)
	height := data.Max.Y - data.Min.Y
	room := height - p.Legend.Rectangle(data).Size().Y - legendLine(p)
	if room <= 0 {
		return
	}
	p.Y.Max = math.Max(p.Y.Max, math.Ceil(float64(top)*float64(height/room)))
}

// legendLine is the height of a line of the legend's text.
func legendLine(p *plot.Plot) vg.Length { return p.Legend.TextStyle.Rectangle("Ελ").Size().Y }

// programmesPlot draws the calls of the period by programme as
// horizontal bars, so that long programme names stay readable, or says
// in words that the period has none.
func programmesPlot(lang i18n.Lang, s *Summary) (*plot.Plot, error) {
	p := newPlot(i18n.T(lang, "report.chart.programme"))
	p.X.Label.Text = i18n.T(lang, "report.chart.calls")
	// No calls: an empty panel, saying so, keeps the two-panel layout.
	if len(s.CallsByProgramme) == 0 {
		p.HideY()
		p.X.Min, p.X.Max = 0, 1
		p.Y.Min, p.Y.Max = 0, 1
		p.X.Tick.Marker = plot.ConstantTicks(nil)
		return p, emptyNote(p, i18n.T(lang, "report.chart.none"))
	}
	values := make(plotter.Values, len(s.CallsByProgramme))
	names := make([]string, len(s.CallsByProgramme))
	top := 0
	// The first bar is drawn at the bottom: fill from the end, so that
	// programmes read top-down in menu order.
	for i, pc := range s.CallsByProgramme {
		j := len(values) - 1 - i
		values[j], names[j] = float64(pc.N), i18n.Label(lang, pc.Programme)
		top = max(top, pc.N)
	}
	bars, err := plotter.NewBarChart(values, vg.Length(28)*vg.Inch/chartDPI)
	if err != nil {
		return nil, fmt.Errorf("report: chart programmes: %w", err)
	}
	bars.Horizontal, bars.Color, bars.LineStyle.Width = true, colourCalls, 0
	p.Add(bars)
	p.NominalY(names...)
	p.X.Min, p.X.Max = 0, niceMax(top)
	p.X.Tick.Marker = intTicks{}
	return p, nil
}

// emptyNote writes text in the middle of an empty panel.
func emptyNote(p *plot.Plot, text string) error {
	note, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    plotter.XYs{{X: (p.X.Min + p.X.Max) / 2, Y: (p.Y.Min + p.Y.Max) / 2}},
		Labels: []string{text},
	})
	if err != nil {
		return fmt.Errorf("report: chart note: %w", err)
	}
	note.TextStyle[0].Font = font.Font{Typeface: chartTypeface, Size: 14}
	note.TextStyle[0].Color = color.Gray{Y: 0x55}
	note.TextStyle[0].XAlign, note.TextStyle[0].YAlign = draw.XCenter, draw.YCenter
	p.Add(note)
	return nil
}

// newPlot returns a plot titled title, with every text in the Go fonts.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	regular := func(size vg.Length) font.Font { return font.Font{Typeface: chartTypeface, Size: size} }
	p.Title.TextStyle.Font = font.Font{Typeface: chartTypeface, Weight: 700, Size: 15}
	p.Title.Padding = vg.Millimeter * 3
	p.X.Label.TextStyle.Font, p.Y.Label.TextStyle.Font = regular(12), regular(12)
	p.X.Tick.Label.Font, p.Y.Tick.Label.Font = regular(11), regular(11)
	p.Legend.TextStyle.Font = regular(12)
	return p
}

// monthLabel names a month on the axis: in full for a short period,
// as "09/2026" when many months must fit.
func monthLabel(lang i18n.Lang, m MonthTally, count int) string {
	if count <= 4 {
		return i18n.FormatMonth(lang, m.Month)
	}
	return m.Month.Format("01/2006")
}

// niceMax returns the axis end for a largest count of top: a little
// headroom, at least 1.
func niceMax(top int) float64 {
	return math.Max(1, math.Ceil(float64(top)*1.1))
}

// intTicks marks whole numbers only: counts of documents and calls.
type intTicks struct{}

// Ticks returns about six whole-number ticks from min to max.
func (intTicks) Ticks(min, max float64) []plot.Tick {
	step := math.Max(1, math.Ceil((max-min)/6))
	var ticks []plot.Tick
	for v := math.Ceil(min); v <= max; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ticks
}
