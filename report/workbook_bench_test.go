package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// BenchmarkWorkbook writes the workbook of a year with 33,000 entries
// (what a year of 100k entries over three years holds), 1,000 partners
// and 500 calls:
//
//	go test ./report -run '^$' -bench Workbook -benchtime 5x
func BenchmarkWorkbook(b *testing.B) {
	s := Summarize(yearRecords(1000))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Workbook(i18n.Greek, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummarize summarizes a year of 33,000 entries with 10,000
// partners in the directory, a tenth of the entries naming their
// counterpart as written:
//
//	go test ./report -run '^$' -bench Summarize -benchtime 5x
func BenchmarkSummarize(b *testing.B) {
	r := yearRecords(10_000)
	for b.Loop() {
		Summarize(r)
	}
}

// yearRecords returns the records of 2025 with 33,000 entries, the given
// number of partners (each added in some month of the year) and 500
// calls. Every tenth entry names an unlinked counterpart, as written.
func yearRecords(partners int) *Records {
	r := &Records{From: date(2025, 1, 1), To: date(2026, 1, 1), Now: date(2026, 1, 10), Location: athens}
	for i := range partners {
		r.Partners = append(r.Partners, &proxenos.Partner{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Φορέας ", i),
			Kind: proxenos.KindMunicipality, Country: "IT", CreatedAt: date(2025, 1+time.Month(i%12), 1)})
	}
	for i := range 33_000 {
		dir := proxenos.Incoming
		if i%2 == 1 {
			dir = proxenos.Outgoing
		}
		c := corr(dir, date(2025, 1, 1).AddDate(0, 0, i%365), fmt.Sprint("p", i%1000), "", "IT")
		if i%10 == 0 {
			c.PartnerID, c.Counterpart, c.Country = "", fmt.Sprint("Δήμος Ελευσίνας ", i%500), "Ελλάδα"
		}
		c.Subject = fmt.Sprintf("Πρόσκληση σε συνάντηση εργασίας για το πρόγραμμα αδελφοποίησης %d", i)
		c.Tags = []string{"αδελφοποίηση", "CERV"}
		r.Correspondence = append(r.Correspondence, c)
	}
	for i := range 500 {
		r.Calls = append(r.Calls, &proxenos.Call{ID: fmt.Sprint("c", i), Identifier: fmt.Sprint("CERV-2025-", i),
			Title: "Αδελφοποίηση πόλεων", Programme: proxenos.ProgrammeCERV, Status: proxenos.CallSubmitted, Budget: 150_000,
			PartnerIDs: []string{"p1", "p2"}, Deadlines: []proxenos.Deadline{{At: date(2025, 3, 1).Add(17 * time.Hour)}}})
	}
	return r
}
