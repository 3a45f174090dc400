package corr

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
)

// utf8BOM lets spreadsheet programs read the CSV as UTF-8, Greek intact.
const utf8BOM = "\uFEFF"

// corrCSVColumns are the catalogue keys of the export's headers, in
// order. Who logged an entry and when have headers of the export's own,
// which read apart in Greek.
var corrCSVColumns = []string{
	"corr.export.column.number", "corr.field.direction", "corr.field.date", "corr.field.counterpart",
	"corr.field.copies", "corr.field.country", "corr.field.subject", "corr.field.summary", "corr.field.lang",
	"corr.field.medium", "corr.field.ref", "corr.field.attachments", "corr.field.tags",
	"corr.field.related", "corr.export.column.logged_by", "corr.export.column.logged_at",
}

// corrExportSpec is what /corr export takes besides its period.
var corrExportSpec = handlers.ArgSpec{"sep": false}

// corrExport answers /corr export [period] [sep:,] with one CSV file of
// the entries of the period (all of them when none is given), in the
// order of their protocol numbers, as the register is kept. Cells are
// separated as the reader's spreadsheet expects unless sep: says
// otherwise.
func (h *Handler) corrExport(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	args, err := handlers.ParseArgs(req.Text, corrExportSpec)
	if err != nil {
		return nil, err
	}
	sep, err := csvSeparator(lang, args)
	if err != nil {
		return nil, err
	}
	var f proxenos.CorrespondenceFilter
	name := "correspondence"
	if period := args.Rest(); period != "" {
		from, to, ok := handlers.ParsePeriod(period, h.k.Clock(), h.k.Zone())
		if !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.period", period)
		}
		f.From, f.To = from, to
		// The name carries the period's last day, not its exclusive end.
		name += "-" + from.Format(time.DateOnly) + "_" + to.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	all, err := h.allCorrespondence(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return &chat.Response{Text: i18n.T(lang, "corr.list.empty"), Ephemeral: true}, nil
	}
	content, err := h.corrCSV(lang, sep, h.k.UserNames(ctx, req.Team), all)
	if err != nil {
		return nil, err
	}
	text := i18n.T(lang, "corr.export.done", len(all))
	return &chat.Response{
		Text:   text,
		Blocks: []chat.Block{chat.Section{Text: text}},
		Files:  []chat.Upload{{Name: name + ".csv", Title: i18n.T(lang, "corr.export.title"), Content: content}},
	}, nil
}

// sepSpellings are the values sep: takes, by SearchKey (which also
// reads the Greek question mark U+037E as ;), and the separator each
// stands for.
var sepSpellings = map[string]rune{
	",": ',', "comma": ',', "κομμα": ',',
	";": ';', "semicolon": ';', "ερωτηματικο": ';',
}

// csvSeparator returns the separator the export's cells take: sep: when
// given, else the list separator of the reader's spreadsheet — a Greek
// Windows has ";", an English one ",".
func csvSeparator(lang i18n.Lang, args *handlers.Args) (rune, error) {
	if !args.Has("sep") {
		if lang == i18n.Greek {
			return ';', nil
		}
		return ',', nil
	}
	sep, ok := sepSpellings[proxenos.SearchKey(args.Get("sep"))]
	if !ok {
		return 0, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.sep", args.Get("sep"))
	}
	return sep, nil
}

// allCorrespondence returns every entry f selects, paging through the
// register (the store returns at most MaxListLimit), in the order of
// their protocol numbers: year, then number.
func (h *Handler) allCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, error) {
	// An entry logged meanwhile shifts the pages (newest first) by one,
	// so an entry seen on the previous page is not written twice.
	var all []*proxenos.Correspondence
	seen := map[string]bool{}
	f.Limit = proxenos.MaxListLimit
	for {
		page, total, err := h.Correspondence.FindCorrespondence(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			if !seen[c.ID] {
				seen[c.ID] = true
				all = append(all, c)
			}
		}
		if len(page) == 0 || len(all) >= total {
			break
		}
		f.Offset += len(page)
	}
	slices.SortFunc(all, func(a, b *proxenos.Correspondence) int {
		return cmp.Or(cmp.Compare(a.Protocol.Year, b.Protocol.Year), cmp.Compare(a.Protocol.Number, b.Protocol.Number))
	})
	return all, nil
}

// corrCSV writes entries as CSV with sep between cells: UTF-8 with a
// byte order mark, headers in lang, one row per entry, who logged it by
// the name nameOf gives.
func (h *Handler) corrCSV(lang i18n.Lang, sep rune, nameOf func(user string) string, entries []*proxenos.Correspondence) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Comma = sep
	header := make([]string, len(corrCSVColumns))
	for i, k := range corrCSVColumns {
		header[i] = i18n.T(lang, k)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	// Dates as the language's spreadsheets read them.
	dateLayout := "2006-01-02"
	if lang == i18n.Greek {
		dateLayout = "02/01/2006"
	}
	for _, c := range entries {
		medium := ""
		if c.Medium != "" {
			medium = i18n.T(lang, "corr.medium."+string(c.Medium))
		}
		row := []string{
			c.Protocol.String(), i18n.Label(lang, c.Direction), c.Date.In(h.k.Zone()).Format(dateLayout), c.Counterpart,
			strings.Join(c.Copies, ", "), iso.CountryName(lang, c.Country), c.Subject, c.Summary,
			iso.LanguageName(lang, c.Language), medium, c.ExternalRef,
			strings.Join(c.Attachments, " "), strings.Join(c.Tags, ", "), c.RelatedID, nameOf(c.LoggedBy),
			c.CreatedAt.In(h.k.Zone()).Format(dateLayout + " 15:04"),
		}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvSeparators are the characters a spreadsheet program may split a
// cell's text on, when it opens the file with another separator than
// ours or the text is pasted: the list separators of the locales (, ;),
// tab, pipe and line breaks.
const csvSeparators = ",;\t|\r\n"

// formulaStarts make a spreadsheet read the text that follows as a
// formula (OWASP, "CSV injection").
const formulaStarts = "=+-@"

// csvSafe guards against formula injection: wherever a piece of the cell,
// after the start or after any of csvSeparators and spaces, would start a
// formula, it is prefixed with a quote ', the spreadsheet's mark of text
// ("x;=1+1" becomes "x;'=1+1"), and a cell starting with a tab or a
// carriage return is prefixed too. A plain number such as -1 or +2.5 is
// no formula and is left as it is, and so is a dash inside text
// ("Q-Cities - meeting"). Protocol numbers and dates never need it.
func csvSafe(s string) string {
	var b strings.Builder
	if s != "" && (s[0] == '\t' || s[0] == '\r') {
		b.WriteByte('\'')
	}
	pieceStart, last := true, 0
	for i, r := range s {
		switch {
		case strings.ContainsRune(csvSeparators, r):
			pieceStart = true
		// Some programs trim the spaces before a formula.
		case pieceStart && unicode.IsSpace(r):
		case pieceStart:
			if strings.ContainsRune(formulaStarts, r) && !((r == '-' || r == '+') && plainNumber(s[i:])) {
				// The bytes go through as they are, even invalid UTF-8.
				b.WriteString(s[last:i])
				b.WriteByte('\'')
				last = i
			}
			pieceStart = false
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// plainNumber reports whether s starts with a signed number, in ASCII
// digits with an optional decimal point, that runs (but for spaces) to
// its end or to a separator: "-1", "+2.5;x", "-1 | y". Spreadsheets read
// it as that number.
func plainNumber(s string) bool {
	end := strings.IndexAny(s, csvSeparators)
	if end < 0 {
		end = len(s)
	}
	num := strings.TrimRightFunc(s[1:end], unicode.IsSpace) // after the sign
	whole, frac, dot := strings.Cut(num, ".")
	return digitsOnly(whole) && (!dot || digitsOnly(frac))
}

// digitsOnly reports whether s is one or more ASCII digits.
func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
