package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/handlers/home"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/report"
)

// scaleDB returns benchDB(n) with a directory of n/10 partners, each last
// in contact on a day of 2024–2026 with a logged contact that day, and
// n/10 calls with a deadline in 2025: at 100k, the 10k partners and 10k
// calls of the measurements. The first 300 partners are the ones
// the entries name.
func scaleDB(b *testing.B, n int) *DB {
	db := benchDB(b, n)
	ctx := context.Background()
	var have int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM partners WHERE team = ?`, benchTeam).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have > 0 {
		return db
	}
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, proxenos.OfficeZone())
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		for i := range n / 10 {
			id := fmt.Sprintf("p%03d", i)
			if i >= 300 {
				id = fmt.Sprintf("q%06d", i)
			}
			p := &proxenos.Partner{ID: id, Name: fmt.Sprintf("Φορέας %06d", i), Kind: proxenos.KindMunicipality, Country: "Ιταλία",
				CreatedAt: day0, UpdatedAt: day0}
			if err := writePartner(ctx, tx, benchTeam, p, nil); err != nil {
				return err
			}
			d := day0.AddDate(0, 0, (i*7919)%1095)
			c := &proxenos.Contact{ID: "c" + id, PartnerID: id, Kind: proxenos.ContactCall, Date: d, Notes: "κλήση", CreatedAt: d}
			if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (id, team, partner_id, date, doc) VALUES (?, ?, ?, ?, ?)`,
				c.ID, benchTeam, id, d.UnixMilli(), fmt.Sprintf(`{"ID":%q,"PartnerID":%q,"Kind":"call","Date":%q,"Notes":"κλήση"}`,
					c.ID, id, d.Format(time.RFC3339))); err != nil {
				return err
			}
			if err := touchPartner(ctx, tx, benchTeam, id, d); err != nil {
				return err
			}
			at := time.Date(2025, 1, 1, 17, 0, 0, 0, proxenos.OfficeZone()).AddDate(0, 0, i%365)
			call := &proxenos.Call{ID: fmt.Sprintf("k%06d", i), Identifier: fmt.Sprintf("CERV-2025-%06d", i), Title: "Πρόσκληση",
				Programme: proxenos.ProgrammeCERV, Status: proxenos.CallPreparing, Deadlines: []proxenos.Deadline{{At: at}},
				CreatedAt: day0, UpdatedAt: day0}
			stampCall(call, proxenos.OfficeZone())
			if err := writeCall(ctx, tx, benchTeam, call, true); err != nil {
				return err
			}
		}
		return nil
	}, "build scale database", n)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkScale measures what reads a whole register, or the latest of
// one, at 1k, 10k and 100k entries (with a tenth as many partners and
// calls, see scaleDB), through the handlers: the latest entries
// (/corr list), the export of everything and of 2025 (a third),
// /ir report 2025, and the Home tab. Each reports ms per operation.
//
//	go test ./storage/sqlite -run '^$' -bench BenchmarkScale -benchtime 5x
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, tc := range []struct {
			name string
			run  func(k *handlers.Handler) *chat.Response
		}{
			{"List", command("/corr", "list")},
			{"Export", command("/corr", "export")},
			{"Export2025", command("/corr", "export 2025")},
			{"Report2025", command("/ir", "report 2025")},
			{"Home", func(k *handlers.Handler) *chat.Response {
				return k.HandleHomeOpened(context.Background(), &chat.Event{Team: benchTeam, User: "U1", Lang: i18n.Greek})
			}},
		} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, tc.name), func(b *testing.B) {
				k := office(scaleDB(b, n))
				b.ResetTimer()
				cpu0 := cpuTime(b)
				for b.Loop() {
					if resp := tc.run(k); resp == nil || strings.Contains(resp.Text, "σφάλμα") {
						b.Fatalf("%s: %+v", tc.name, resp)
					}
				}
				// The process's CPU time, which other work on a shared
				// machine does not inflate as it does the wall clock.
				b.ReportMetric(float64((cpuTime(b)-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// command returns a run of a slash command in Greek.
func command(name, text string) func(k *handlers.Handler) *chat.Response {
	return func(k *handlers.Handler) *chat.Response {
		return k.HandleCommand(context.Background(), &chat.Request{Team: benchTeam, User: "U1", Channel: "C1", Lang: i18n.Greek,
			Command: name, Text: text})
	}
}

// office returns a kernel with the correspondence, report and Home
// modules over db.
func office(db *DB) *handlers.Handler {
	k := handlers.NewHandler()
	corrs, partners, calls, mous := NewCorrespondenceService(db), NewPartnerService(db), NewCallService(db), NewAgreementService(db)
	h := home.New(k, corrs, partners)
	h.Calls, h.Agreements = calls, mous
	k.MustRegister(corr.New(k, corrs, partners).Module(), h.Module(),
		ir.New(k, report.Source{Correspondence: corrs, Partners: partners, Calls: calls, Agreements: mous}).Module())
	return k
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
