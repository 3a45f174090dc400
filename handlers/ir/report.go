package ir

import (
	"context"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/iso"
	"github.com/proxenos/proxenos/report"
)

// Limits of /ir report.
const (
	maxReportYears    = 10 // the longest period a report covers
	reportTopN        = 5  // countries, partners and overdue obligations listed in the message
	reportNewPartners = 10 // new partners named in the message
)

// reportSub is `/ir report <period>`: the summary for the Mayor, with the
// workbook and the chart as files.
func (h *Handler) reportSub() handlers.Subcommand {
	return handlers.Subcommand{Name: "report", Aliases: []string{"αναφορά"},
		Usage: "help.ir.report.usage", Description: "help.ir.report.description",
		Examples: []string{"help.ir.report.example", "help.ir.report.example2"},
		Handler:  h.irReport}
}

// irReport reads every record of the period, a register at a time, and answers
// with the summary blocks and two files: the .xlsx workbook and the PNG
// chart. The bot has acknowledged the command before this runs.
func (h *Handler) irReport(ctx context.Context, req *chat.Request) (*chat.Response, error) {
	lang := handlers.LangOf(req.Lang)
	text := strings.TrimSpace(req.Text)
	if text == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "report.required.period")
	}
	now := h.k.Clock(ctx)
	from, to, ok := handlers.ParsePeriod(text, now, h.k.Zone(ctx))
	if !ok {
		return nil, proxenos.Errorf(proxenos.EINVALID, "report.invalid.period", text)
	}
	if to.After(from.AddDate(maxReportYears, 0, 0)) {
		return nil, proxenos.Errorf(proxenos.EINVALID, "report.invalid.span", maxReportYears)
	}
	src := h.Report
	records, err := report.Load(ctx, src, from, to, now, h.k.Zone(ctx))
	if err != nil {
		return nil, err
	}
	s := report.Summarize(records)
	label := periodLabel(lang, from, to)
	if s.Empty() {
		return &chat.Response{Text: i18n.T(lang, "report.empty", label), Ephemeral: true}, nil
	}
	// The chart is drawn while the workbook is written: both only read s.
	var workbook, chart []byte
	var g errgroup.Group
	g.Go(func() (err error) {
		workbook, err = report.Workbook(lang, s)
		return err
	})
	g.Go(func() (err error) {
		chart, err = report.Chart(lang, s)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	resp := reportMessage(lang, s, label, report.Cutoff(records))
	name := "report-" + from.Format(time.DateOnly) + "_" + to.AddDate(0, 0, -1).Format(time.DateOnly)
	resp.Files = []chat.Upload{
		{Name: name + ".xlsx", Title: i18n.T(lang, "report.file.workbook", label), Content: workbook},
		{Name: name + ".png", Title: i18n.T(lang, "report.file.chart", label), Content: chart},
	}
	return resp, nil
}

// reportMessage writes the summary as blocks, with the same lines as text.
func reportMessage(lang i18n.Lang, s *report.Summary, label string, cutoff time.Time) *chat.Response {
	title := i18n.T(lang, "report.title", label)
	var sections []string
	// Correspondence, and where it went or came from.
	corr := []string{i18n.T(lang, "report.corr", s.Incoming+s.Outgoing, s.Incoming, s.Outgoing)}
	for _, t := range []struct {
		key     string
		tallies []report.Tally
		name    func(string) string
	}{
		{"report.by_country", s.ByCountry, func(code string) string { return iso.CountryName(lang, code) }},
		{"report.by_partner", s.ByPartner, func(name string) string { return name }},
	} {
		if len(t.tallies) == 0 {
			continue
		}
		corr = append(corr, i18n.T(lang, t.key))
		for _, tl := range t.tallies[:min(reportTopN, len(t.tallies))] {
			name := chat.Escape(t.name(tl.Name))
			if name == "" {
				name = i18n.T(lang, "report.unknown")
			}
			corr = append(corr, "• "+i18n.T(lang, "report.tally", name, tl.Total(), tl.In, tl.Out))
		}
		if more := len(t.tallies) - reportTopN; more > 0 {
			corr = append(corr, i18n.T(lang, "report.more", more))
		}
	}
	sections = append(sections, strings.Join(corr, "\n"))
	// New partners and contacts.
	partners := []string{i18n.T(lang, "report.partners", len(s.NewPartners), len(s.Contacts))}
	var names []string
	for _, p := range s.NewPartners[:min(reportNewPartners, len(s.NewPartners))] {
		names = append(names, chat.Escape(p.Name))
	}
	if len(names) > 0 {
		line := strings.Join(names, ", ")
		if more := len(s.NewPartners) - reportNewPartners; more > 0 {
			line += " " + i18n.T(lang, "report.more", more)
		}
		partners = append(partners, line)
	}
	sections = append(sections, strings.Join(partners, "\n"))
	// Calls by status and programme.
	calls := []string{i18n.T(lang, "report.calls", len(s.Calls))}
	if len(s.Calls) > 0 {
		var statuses, programmes []string
		for _, c := range s.CallsByStatus {
			statuses = append(statuses, i18n.T(lang, "report.count", i18n.Label(lang, c.Status), c.N))
		}
		for _, c := range s.CallsByProgramme {
			programmes = append(programmes, i18n.T(lang, "report.count", i18n.Label(lang, c.Programme), c.N))
		}
		calls = append(calls, strings.Join(statuses, " · "), strings.Join(programmes, " · "))
	}
	sections = append(sections, strings.Join(calls, "\n"))
	// Agreements and obligations.
	mous := []string{i18n.T(lang, "report.agreements", len(s.AgreementsSigned)),
		i18n.T(lang, "report.obligations", len(s.Met), len(s.Overdue), i18n.FormatDateOrdinal(lang, cutoff.In(s.Location)))}
	for _, o := range s.Overdue[:min(reportTopN, len(s.Overdue))] {
		mous = append(mous, "• "+i18n.T(lang, "report.overdue_item", chat.Escape(o.Obligation.Text), i18n.FormatDate(lang, o.Due.In(s.Location))))
	}
	if more := len(s.Overdue) - reportTopN; more > 0 {
		mous = append(mous, i18n.T(lang, "report.more", more))
	}
	sections = append(sections, strings.Join(mous, "\n"))

	notes := []string{i18n.T(lang, "report.files")}
	blocks := []chat.Block{chat.Header{Text: title}}
	for _, sec := range sections {
		blocks = append(blocks, chat.Section{Text: sec})
	}
	blocks = append(blocks, chat.Context{Elements: notes})
	text := title + "\n\n" + strings.Join(sections, "\n\n") + "\n\n" + strings.Join(notes, "\n")
	return &chat.Response{Text: text, Blocks: blocks}
}

// periodLabel names a period for titles: "Σεπτέμβριος 2026" for a
// calendar month, "2026" for a year, else its first and last day.
func periodLabel(lang i18n.Lang, from, to time.Time) string {
	// to is exclusive: the last day named is the one before it.
	last := to.AddDate(0, 0, -1)
	switch {
	case from.Day() == 1 && from.Month() == 1 && to.Equal(from.AddDate(1, 0, 0)):
		return from.Format("2006")
	case from.Day() == 1 && to.Equal(from.AddDate(0, 1, 0)):
		return i18n.FormatMonth(lang, from)
	case to.Equal(from.AddDate(0, 0, 1)):
		return i18n.FormatDate(lang, from)
	}
	return i18n.T(lang, "report.period.range", i18n.FormatDate(lang, from), i18n.FormatDate(lang, last))
}
