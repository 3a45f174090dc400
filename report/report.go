// Package report builds the office's report for the Mayor over a period:
// a summary of the registers (Summarize, a pure function of the records),
// an .xlsx workbook with one sheet per register (Workbook) and a chart
// image (Chart). Load reads the records from the services, one pass each.
package report

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
	"golang.org/x/sync/errgroup"
)

// Records are what a report covers: the period [From, To) and the records
// read for it. Summarize picks from them what falls in the period, so a
// superset does no harm.
type Records struct {
	From, To time.Time      // the period, midnights in Location
	Now      time.Time      // when the report is made
	Location *time.Location // the office zone; dates in the workbook are its days

	Correspondence []*proxenos.Correspondence // entries dated in the period
	Partners       []*proxenos.Partner        // the whole directory, for names and new partners
	Contacts       []*proxenos.Contact        // contacts dated in the period
	Calls          []*proxenos.Call           // calls with a deadline in the period
	Agreements     []*proxenos.Agreement      // every agreement
	Obligations    []*proxenos.Obligation     // every obligation
}

// Source is where Load reads the records. Calls and Agreements may be nil
// where those registers are not set up; the report then leaves them out.
type Source struct {
	Correspondence proxenos.CorrespondenceService
	Partners       proxenos.PartnerService
	Calls          proxenos.CallService
	Agreements     proxenos.AgreementService
}

// Load reads the records of the period [from, to) from src, scoped to the
// workspace in ctx, each register in one pass: the entries and contacts
// of the period, the whole directory, the calls with a deadline in the
// period, every agreement and obligation. The registers are read at once,
// the entries (most of the cost) beside the others; the first error ends
// them all.
func Load(ctx context.Context, src Source, from, to, now time.Time, loc *time.Location) (*Records, error) {
	r := &Records{From: from, To: to, Now: now, Location: loc}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return src.Correspondence.EachCorrespondence(ctx, proxenos.CorrespondenceFilter{From: from, To: to}, collect(&r.Correspondence))
	})
	g.Go(func() error {
		if err := src.Partners.EachPartner(ctx, collect(&r.Partners)); err != nil {
			return err
		}
		return src.Partners.EachContact(ctx, from, to, collect(&r.Contacts))
	})
	if src.Calls != nil {
		g.Go(func() (err error) {
			r.Calls, _, err = src.Calls.FindCalls(ctx, proxenos.CallFilter{Now: now, DeadlineFrom: from, DeadlineTo: to, All: true})
			return err
		})
	}
	if src.Agreements != nil {
		g.Go(func() error { return loadAgreements(ctx, src.Agreements, r) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return r, nil
}

// loadAgreements reads every agreement and obligation into r, in one
// pass each; the summary orders what it shows.
func loadAgreements(ctx context.Context, agreements proxenos.AgreementService, r *Records) (err error) {
	if r.Agreements, _, err = agreements.FindAgreements(ctx, proxenos.AgreementFilter{All: true}); err != nil {
		return err
	}
	proxenos.SortAgreements(r.Agreements)
	r.Obligations, _, err = agreements.FindObligations(ctx, proxenos.ObligationFilter{All: true})
	return err
}

// collect returns a function that appends what it is given to list.
func collect[T any](list *[]T) func(T) error {
	return func(v T) error {
		*list = append(*list, v)
		return nil
	}
}

// inPeriod reports whether t lies in [from, to).
func inPeriod(t, from, to time.Time) bool {
	return !t.Before(from) && t.Before(to)
}
