package corr

import (
	"bytes"
	"context"
	"encoding/csv"
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
// order of their protocol numbers, as the register is kept, written as
// the store streams them. Cells are separated as the reader's
// spreadsheet expects unless sep: says otherwise.
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
		from, to, ok := handlers.ParsePeriod(period, h.k.Clock(ctx), h.k.Zone(ctx))
		if !ok {
			return nil, proxenos.Errorf(proxenos.EINVALID, "corr.invalid.period", period)
		}
		f.From, f.To = from, to
		// The name carries the period's last day, not its exclusive end.
		name += "-" + from.Format(time.DateOnly) + "_" + to.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	w, err := h.newCorrCSV(ctx, lang, sep, h.k.UserNames(ctx, req.Team))
	if err != nil {
		return nil, err
	}
	if err := h.Correspondence.EachCorrespondence(ctx, f, w.write); err != nil {
		return nil, err
	}
	if w.rows == 0 {
		return &chat.Response{Text: i18n.T(lang, "corr.list.empty"), Ephemeral: true}, nil
	}
	content, err := w.content()
	if err != nil {
		return nil, err
	}
	text := i18n.T(lang, "corr.export.done", w.rows)
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

// corrCSV writes entries as CSV, one row each as the register streams
// them: UTF-8 with a byte order mark, headers in lang, cells separated by
// sep, who logged an entry by the name nameOf gives.
type corrCSV struct {
	zone       *time.Location // the workspace's: dates are its days
	lang       i18n.Lang
	nameOf     func(user string) string
	dateLayout string
	buf        bytes.Buffer
	w          *csv.Writer
	rows       int // entries written
}

// newCorrCSV returns a CSV holding the headers, for the workspace ctx is
// for.
func (h *Handler) newCorrCSV(ctx context.Context, lang i18n.Lang, sep rune, nameOf func(user string) string) (*corrCSV, error) {
	// Dates as the language's spreadsheets read them.
	x := &corrCSV{zone: h.k.Zone(ctx), lang: lang, nameOf: nameOf, dateLayout: "2006-01-02"}
	if lang == i18n.Greek {
		x.dateLayout = "02/01/2006"
	}
	x.buf.WriteString(utf8BOM)
	x.w = csv.NewWriter(&x.buf)
	x.w.Comma = sep
	header := make([]string, len(corrCSVColumns))
	for i, k := range corrCSVColumns {
		header[i] = i18n.T(lang, k)
	}
	return x, x.w.Write(header)
}

// write adds the row of c.
func (x *corrCSV) write(c *proxenos.Correspondence) error {
	zone, lang := x.zone, x.lang
	medium := ""
	if c.Medium != "" {
		medium = i18n.T(lang, "corr.medium."+string(c.Medium))
	}
	row := []string{
		c.Protocol.String(), i18n.Label(lang, c.Direction), c.Date.In(zone).Format(x.dateLayout), c.Counterpart,
		strings.Join(c.Copies, ", "), iso.CountryName(lang, c.Country), c.Subject, c.Summary,
		iso.LanguageName(lang, c.Language), medium, c.ExternalRef,
		strings.Join(c.Attachments, " "), strings.Join(c.Tags, ", "), c.RelatedID, x.nameOf(c.LoggedBy),
		c.CreatedAt.In(zone).Format(x.dateLayout + " 15:04"),
	}
	for i := range row {
		row[i] = csvSafe(row[i])
	}
	x.rows++
	return x.w.Write(row)
}

// content returns the file's bytes.
func (x *corrCSV) content() ([]byte, error) {
	x.w.Flush()
	return x.buf.Bytes(), x.w.Error()
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
	// Most cells hold no character a formula starts with.
	if !strings.ContainsAny(s, formulaStarts) && (s == "" || s[0] != '\t' && s[0] != '\r') {
		return s
	}
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
