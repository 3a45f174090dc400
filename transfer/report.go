package transfer

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
)

// Count is one row of a Report: the records of one register of one
// workspace.
type Count struct {
	Team    string
	Kind    string // one of Kinds
	Source  int    // records read (from the source store or the backup)
	Written int    // records the target did not hold as they were
	Target  int    // records the target holds after the transfer; -1 for an export
}

// OK reports whether the target holds every record read: at least as
// many as the source (more when it has been used since).
func (c Count) OK() bool { return c.Target < 0 || c.Target >= c.Source }

// Report is the outcome of a transfer, by workspace and register.
type Report struct {
	Counts []Count
	index  map[string]int
}

// newReport returns an empty report.
func newReport() *Report { return &Report{index: map[string]int{}} }

// row returns the row of team and kind, adding it if needed.
func (r *Report) row(team, kind string) *Count {
	key := team + "\x00" + kind
	i, ok := r.index[key]
	if !ok {
		i = len(r.Counts)
		r.index[key] = i
		r.Counts = append(r.Counts, Count{Team: team, Kind: kind, Target: -1})
	}
	return &r.Counts[i]
}

// add counts n records read, written or not.
func (r *Report) add(team, kind string, n int, wrote bool) {
	c := r.row(team, kind)
	c.Source += n
	if wrote {
		c.Written += n
	}
}

// count fills in the Target column by streaming what to holds in every
// workspace the report names and every workspace to holds.
func (r *Report) count(ctx context.Context, to storage.Registers) error {
	teams, err := to.Teams(ctx)
	if err != nil {
		return err
	}
	for _, c := range r.Counts {
		teams = append(teams, c.Team)
	}
	slices.Sort(teams)
	for _, team := range slices.Compact(teams) {
		tctx := proxenos.NewContextWithTeam(ctx, team)
		for _, k := range to {
			n := 0
			if err := k.Each(tctx, func(any) error { n++; return nil }); err != nil {
				return fmt.Errorf("transfer: count %s of %s: %w", k.Kind(), team, err)
			}
			if _, read := r.index[team+"\x00"+k.Kind()]; n > 0 || read {
				r.row(team, k.Kind()).Target = n
			}
		}
	}
	slices.SortStableFunc(r.Counts, func(a, b Count) int { return strings.Compare(a.Team, b.Team) })
	for i, c := range r.Counts {
		r.index[c.Team+"\x00"+c.Kind] = i
	}
	return nil
}

// OK reports whether every row is OK.
func (r *Report) OK() bool {
	for _, c := range r.Counts {
		if !c.OK() {
			return false
		}
	}
	return true
}

// Totals returns the sums of the Source and Written columns.
func (r *Report) Totals() (source, written int) {
	for _, c := range r.Counts {
		source, written = source+c.Source, written+c.Written
	}
	return source, written
}

// Find returns the row of team and kind, and whether there is one.
func (r *Report) Find(team, kind string) (Count, bool) {
	i, ok := r.index[team+"\x00"+kind]
	if !ok {
		return Count{}, false
	}
	return r.Counts[i], true
}

// WriteTable writes the report as an aligned table in lang, a row per
// workspace and register, marking the rows whose target lacks records.
func (r *Report) WriteTable(w io.Writer, lang i18n.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, i18n.T(lang, "transfer.report.header"))
	for _, c := range r.Counts {
		target, mark := "-", ""
		if c.Target >= 0 {
			target = fmt.Sprint(c.Target)
			mark = i18n.T(lang, "transfer.report.ok")
			if !c.OK() {
				mark = i18n.T(lang, "transfer.report.missing", c.Source-c.Target)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t\n", c.Team, c.Kind, c.Source, c.Written, target, mark)
	}
	source, written := r.Totals()
	fmt.Fprintf(tw, "%s\t\t%d\t%d\t\t\t\n", i18n.T(lang, "transfer.report.total"), source, written)
	return tw.Flush()
}
