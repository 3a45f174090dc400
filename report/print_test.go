package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/proxenos/proxenos/i18n"
)

// xlsxParts returns the parts of an xlsx file by name.
func xlsxParts(t *testing.T, content []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// worksheet is what the print test reads of a sheet's XML.
type worksheet struct {
	SheetPr struct {
		FilterMode  string `xml:"filterMode,attr"`
		PageSetUpPr struct {
			FitToPage string `xml:"fitToPage,attr"`
		} `xml:"pageSetUpPr"`
	} `xml:"sheetPr"`
	Dimension struct {
		Ref string `xml:"ref,attr"`
	} `xml:"dimension"`
	Cols []struct {
		Min   int     `xml:"min,attr"`
		Max   int     `xml:"max,attr"`
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		R  int    `xml:"r,attr"`
		Ht string `xml:"ht,attr"`
	} `xml:"sheetData>row"`
	AutoFilter struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
	PageSetup struct {
		Orientation string `xml:"orientation,attr"`
		FitToWidth  string `xml:"fitToWidth,attr"`
		FitToHeight string `xml:"fitToHeight,attr"`
	} `xml:"pageSetup"`
}

// The workbook prints as a table should: landscape, one page wide, the
// header row on every page, headers wrapped between words, the sheet's
// true extent, and no filter marked as applied when none is.
func TestWorkbookPrintLayout(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
		content, err := Workbook(lang, busyQuarter())
		if err != nil {
			t.Fatal(err)
		}
		parts := xlsxParts(t, content)
		// Sheet i is sheetN.xml with N = i+1; every sheet of sheets() is written in order.
		for i, sh := range sheets(lang, busyQuarter()) {
			name := i18n.T(lang, sh.name)
			raw, ok := parts["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"]
			if !ok {
				t.Fatalf("%s: no sheet%d.xml", name, i+1)
			}
			var ws worksheet
			if err := xml.Unmarshal([]byte(raw), &ws); err != nil {
				t.Fatal(err)
			}
			end := colName(len(sh.columns)) + strconv.Itoa(max(1, len(sh.rows)+1))
			if ws.PageSetup.Orientation != "landscape" || ws.PageSetup.FitToWidth != "1" || ws.PageSetup.FitToHeight != "0" {
				t.Errorf("%s: page setup %+v, want landscape, 1 page wide", name, ws.PageSetup)
			}
			if ws.SheetPr.PageSetUpPr.FitToPage != "true" {
				t.Errorf("%s: fitToPage is off: the fit is ignored", name)
			}
			if ws.SheetPr.FilterMode != "" && ws.SheetPr.FilterMode != "false" {
				t.Errorf("%s: filterMode %q without a filter applied", name, ws.SheetPr.FilterMode)
			}
			if ws.Dimension.Ref != "A1:"+end {
				t.Errorf("%s: dimension %q, want A1:%s", name, ws.Dimension.Ref, end)
			}
			if ws.AutoFilter.Ref == "" {
				t.Errorf("%s: no filter buttons", name)
			}
			checkHeaderFits(t, lang, name, sh, ws)
			titles := regexp.MustCompile(`<definedName[^>]*localSheetId="` + strconv.Itoa(i) + `"[^>]*name="_xlnm.Print_Titles"[^>]*>([^<]*)<`)
			if m := titles.FindStringSubmatch(parts["xl/workbook.xml"]); m == nil || !strings.HasSuffix(m[1], "!$1:$1") {
				t.Errorf("%s: the header row is not repeated on every page: %v", name, m)
			}
		}
		checkHeaderWraps(t, parts)
	}
}

// checkHeaderFits checks that the columns are in order, that every
// header's longest word fits its column whole, and that the header row
// is tall enough for its wrapped lines.
func checkHeaderFits(t *testing.T, lang i18n.Lang, name string, sh sheet, ws worksheet) {
	t.Helper()
	width := func(c int) float64 {
		for _, col := range ws.Cols {
			if col.Min <= c && c <= col.Max {
				return col.Width
			}
		}
		return 0
	}
	// Excel repairs a sheet whose columns are out of order.
	for i := 1; i < len(ws.Cols); i++ {
		if ws.Cols[i].Min <= ws.Cols[i-1].Max {
			t.Errorf("%s: columns out of order: %+v", name, ws.Cols)
			break
		}
	}
	lines := 1
	for c, col := range sh.columns {
		header := i18n.T(lang, col.key)
		longest := 0
		for _, w := range strings.Fields(header) {
			longest = max(longest, utf8.RuneCountInString(w))
		}
		// Bold letters run about 15% wider; the filter button takes ~3 characters.
		if got, need := width(c+1), math.Ceil(float64(longest)*1.15)+3; got < need {
			t.Errorf("%s: column %s (%q) is %v wide, breaking a word; want ≥ %v", name, colName(c+1), header, got, need)
		}
		lines = max(lines, headerLines(header, width(c+1)))
	}
	if len(ws.Rows) == 0 || ws.Rows[0].R != 1 {
		t.Fatalf("%s: no header row", name)
	}
	if ht, _ := strconv.ParseFloat(ws.Rows[0].Ht, 64); ht < float64(lines)*headerLineHeight {
		t.Errorf("%s: header row %vpt high for %d lines", name, ws.Rows[0].Ht, lines)
	}
}

// colName is the letter of column n (1 = A); tables here have few columns.
func colName(n int) string { return string(rune('A' + n - 1)) }

// checkHeaderWraps checks that the style of the first sheet's header
// cell wraps its text.
func checkHeaderWraps(t *testing.T, parts map[string]string) {
	t.Helper()
	m := regexp.MustCompile(`<c r="A1" s="(\d+)"`).FindStringSubmatch(parts["xl/worksheets/sheet1.xml"])
	if m == nil {
		t.Fatal("A1 has no style")
	}
	n, _ := strconv.Atoi(m[1])
	xfs := regexp.MustCompile(`(?s)<cellXfs[^>]*>(.*?)</cellXfs>`).FindStringSubmatch(parts["xl/styles.xml"])
	if xfs == nil {
		t.Fatal("no cell styles")
	}
	all := regexp.MustCompile(`(?s)<xf .*?(?:/>|</xf>)`).FindAllString(xfs[1], -1)
	if n >= len(all) || !regexp.MustCompile(`wrapText="(1|true)"`).MatchString(all[n]) {
		t.Errorf("the header style does not wrap its text: %v", all)
	}
}
