package scheduler_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// benchSizes returns the open items the digest benchmarks run over:
// 1k and 10k, and 100k with PROXENOS_BENCH_100K=1 (a slower build).
func benchSizes() []int {
	sizes := []int{1_000, 10_000}
	if os.Getenv("PROXENOS_BENCH_100K") == "1" {
		sizes = append(sizes, 100_000)
	}
	return sizes
}

// BenchmarkDigest builds the daily digest (/ir digest, and the 08:30
// post) over 1k and 10k watched calls on the embedded store: loading
// every open item, picking this week's deadlines, overdue milestones and
// openings, and rendering the message.
func BenchmarkDigest(b *testing.B) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens)
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := newEnv(b, start)
			calls := sqlite.NewCallService(e.db)
			for i := range n {
				at := start.Add(time.Duration(i%60) * 24 * time.Hour)
				c := &proxenos.Call{Identifier: fmt.Sprintf("CERV-2027-%06d", i), Title: fmt.Sprint("Town twinning ", i),
					Programme: proxenos.ProgrammeCERV, Status: proxenos.CallPreparing, Owner: owner,
					Deadlines:  []proxenos.Deadline{{At: at}},
					Milestones: []proxenos.Milestone{{Text: "draft", DaysBefore: 10}}}
				if err := calls.CreateCall(ctx(), c); err != nil {
					b.Fatal(err)
				}
			}
			benchDigest(b, e)
		})
	}
}

// BenchmarkDigestAgreements builds the daily digest over 1k and 10k
// active agreements, ending over the next ten years, on the embedded
// store.
func BenchmarkDigestAgreements(b *testing.B) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens)
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := newEnv(b, start)
			partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Italy"}
			if err := sqlite.NewPartnerService(e.db).CreatePartner(ctx(), partner); err != nil {
				b.Fatal(err)
			}
			agreements := sqlite.NewAgreementService(e.db)
			for i := range n {
				a := &proxenos.Agreement{Kind: proxenos.AgreementMemorandum, PartnerIDs: []string{partner.ID},
					Title: fmt.Sprint("Memorandum ", i), Status: proxenos.AgreementActive,
					End: start.AddDate(0, 0, i%3650), Notice: proxenos.Period{Months: 6}}
				if err := agreements.CreateAgreement(ctx(), a); err != nil {
					b.Fatal(err)
				}
			}
			benchDigest(b, e)
		})
	}
}

// BenchmarkDigestObligations builds the daily digest over 1k and 10k
// open obligations, ten per agreement, due over the next three years
// (one in twenty overdue), on the embedded store.
func BenchmarkDigestObligations(b *testing.B) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens)
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := newEnv(b, start)
			partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Italy"}
			if err := sqlite.NewPartnerService(e.db).CreatePartner(ctx(), partner); err != nil {
				b.Fatal(err)
			}
			agreements := sqlite.NewAgreementService(e.db)
			var a *proxenos.Agreement
			for i := range n {
				if i%10 == 0 {
					a = &proxenos.Agreement{Kind: proxenos.AgreementMemorandum, PartnerIDs: []string{partner.ID},
						Title: fmt.Sprint("Memorandum ", i), Status: proxenos.AgreementActive}
					if err := agreements.CreateAgreement(ctx(), a); err != nil {
						b.Fatal(err)
					}
				}
				due := start.AddDate(0, 0, i%1095)
				if i%20 == 0 {
					due = start.AddDate(0, 0, -1-i%90)
				}
				o := &proxenos.Obligation{AgreementID: a.ID, Text: fmt.Sprint("Report ", i), Owner: owner, Due: due,
					Status: proxenos.ObligationOpen}
				if err := agreements.AddObligation(ctx(), o); err != nil {
					b.Fatal(err)
				}
			}
			benchDigest(b, e)
		})
	}
}

// benchDigest times building the digest over what e holds.
func benchDigest(b *testing.B, e *env) {
	s := e.scheduler(b, "bench", &poster{})
	for b.Loop() {
		resp, err := s.Digest(ctx(), i18n.Greek)
		if err != nil || resp == nil {
			b.Fatal(resp, err)
		}
	}
}
