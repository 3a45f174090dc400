// Package report builds the office's report for the Mayor over a period:
// a summary of the registers (Summarize, a pure function of the records),
// an .xlsx workbook with one sheet per register (Workbook) and a chart
// image (Chart). Load reads the records from the services, page by page.
package report

import (
	"context"
	"time"

	"github.com/proxenos/proxenos"
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
	// ContactsCapped is set when some partner had more contacts in the
	// period than the store returns at once, so Contacts may miss some.
	ContactsCapped bool
	Calls          []*proxenos.Call       // calls with a deadline in the period
	Agreements     []*proxenos.Agreement  // every agreement
	Obligations    []*proxenos.Obligation // every obligation
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
// workspace in ctx. It pages through every Find* result, so a year's
// register is read whole. Contacts are read per partner, latest first;
// see Records.ContactsCapped.
func Load(ctx context.Context, src Source, from, to, now time.Time, loc *time.Location) (*Records, error) {
	r := &Records{From: from, To: to, Now: now, Location: loc}
	var err error
	if r.Correspondence, err = pages(func(offset int) ([]*proxenos.Correspondence, int, error) {
		return src.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{
			From: from, To: to, Offset: offset, Limit: proxenos.MaxListLimit})
	}); err != nil {
		return nil, err
	}
	if r.Partners, err = pages(func(offset int) ([]*proxenos.Partner, int, error) {
		return src.Partners.FindPartners(ctx, proxenos.PartnerFilter{Offset: offset, Limit: proxenos.MaxListLimit})
	}); err != nil {
		return nil, err
	}
	for _, p := range r.Partners {
		// Contacts come latest first, at most MaxListLimit: a full page
		// whose oldest contact is still in the period may hide more.
		cs, err := src.Partners.FindContacts(ctx, p.ID, proxenos.MaxListLimit)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if inPeriod(c.Date, from, to) {
				r.Contacts = append(r.Contacts, c)
			}
		}
		if len(cs) == proxenos.MaxListLimit && !cs[len(cs)-1].Date.Before(from) {
			r.ContactsCapped = true
		}
	}
	if src.Calls != nil {
		if r.Calls, err = pages(func(offset int) ([]*proxenos.Call, int, error) {
			return src.Calls.FindCalls(ctx, proxenos.CallFilter{Now: now, DeadlineFrom: from, DeadlineTo: to,
				Offset: offset, Limit: proxenos.MaxListLimit})
		}); err != nil {
			return nil, err
		}
	}
	if src.Agreements != nil {
		// Every agreement and obligation, in one pass each; the summary
		// orders what it shows.
		if r.Agreements, _, err = src.Agreements.FindAgreements(ctx, proxenos.AgreementFilter{All: true}); err != nil {
			return nil, err
		}
		proxenos.SortAgreements(r.Agreements)
		if r.Obligations, _, err = src.Agreements.FindObligations(ctx, proxenos.ObligationFilter{All: true}); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// pages calls find with growing offsets until it has every match the
// store counted, or the store returns an empty page.
func pages[T any](find func(offset int) ([]T, int, error)) ([]T, error) {
	var all []T
	for {
		page, total, err := find(len(all))
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		// An empty page also ends the loop: entries deleted while paging leave
		// the total too high, and asking again would never catch up.
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// inPeriod reports whether t lies in [from, to).
func inPeriod(t, from, to time.Time) bool {
	return !t.Before(from) && t.Before(to)
}
