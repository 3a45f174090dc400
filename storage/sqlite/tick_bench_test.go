package sqlite

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// discardPoster accepts every message, as a Slack that costs nothing would.
type discardPoster struct{}

func (discardPoster) Post(context.Context, string, *chat.Response) (string, error) {
	return "1.0", nil
}

// fillOpenItems stores n open items of team in db, the mix of an office
// that has run for years: 90% obligations (ten per agreement, one in
// twenty overdue by up to three months, the rest due over three years,
// one in ten with lead times of its own up to 60 days),
// 9% active agreements ending over ten years (one in five open-ended),
// and 1% watched calls with two deadlines over the next year and a
// milestone. The rows go in through the store's own writers, in large
// transactions on one unsynced connection: the benchmark's build only.
func fillOpenItems(tb testing.TB, db *DB, team string, now time.Time, n int) {
	tb.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, uint64(n)))
	day := func(lo, hi int) time.Time { return now.AddDate(0, 0, lo+r.IntN(hi-lo)) }
	conn, err := db.db.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = OFF`); err != nil {
		tb.Fatal(err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	created := stamp(now, proxenos.OfficeZone())
	for i := range n / 100 {
		for j := range 9 {
			a := &proxenos.Agreement{ID: search.NewID(), Kind: proxenos.AgreementMemorandum, PartnerIDs: []string{"p1"},
				Title: fmt.Sprint("Memorandum ", i, "-", j), Status: proxenos.AgreementActive, Notice: proxenos.Period{Months: 6},
				CreatedAt: created, UpdatedAt: created}
			if r.IntN(5) != 0 {
				a.End = stamp(day(0, 3650), proxenos.OfficeZone())
			}
			if err := writeAgreement(ctx, tx, team, a, true); err != nil {
				tb.Fatal(err)
			}
			for k := range 10 {
				o := &proxenos.Obligation{ID: search.NewID(), AgreementID: a.ID, Text: fmt.Sprint("Report ", k), Owner: "U0OWNER",
					Due: stamp(day(0, 3*365), proxenos.OfficeZone()), Status: proxenos.ObligationOpen, CreatedAt: created, UpdatedAt: created}
				switch r.IntN(20) {
				case 0:
					o.Due = stamp(day(-90, 0), proxenos.OfficeZone())
				case 1, 2:
					o.LeadDays = []int{60, 14, 1}
				}
				if err := writeObligation(ctx, tx, team, o, true); err != nil {
					tb.Fatal(err)
				}
			}
		}
		first := stamp(day(-10, 365), proxenos.OfficeZone())
		c := &proxenos.Call{ID: search.NewID(), Identifier: fmt.Sprint("CERV-2027-TT-", i), Title: "Town twinning",
			Programme: proxenos.ProgrammeCERV, Status: proxenos.CallWatching, Owner: "U0OWNER",
			Deadlines:  []proxenos.Deadline{{At: first}, {At: first.AddDate(0, 4, 0)}},
			Milestones: []proxenos.Milestone{{Text: "draft to the resources office", DaysBefore: 10}},
			CreatedAt:  created, UpdatedAt: created}
		if err := writeCall(ctx, tx, team, c, true); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkSchedulerTick measures one tick of the reminder sender over
// the embedded store holding 10k and 100k open items: loading what
// reminders are planned from, planning the last week, checking which
// deliveries are claimed, retries and the digest; everything but Slack.
// The week's backlog is sent before the timer starts, so each tick is the
// steady state of a running sender. The target is 1 s at 100k.
//
//	go test ./storage/sqlite -run XXX -bench SchedulerTick -benchtime 10x
func BenchmarkSchedulerTick(b *testing.B) {
	athens, err := time.LoadLocation("Europe/Athens")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, athens)
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			db, err := Open(context.Background(), filepath.Join(b.TempDir(), "proxenos.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			clock := clockwork.NewFakeClockAt(now)
			db.Now = clock.Now
			start := time.Now()
			fillOpenItems(b, db, benchTeam, now, n)
			b.Logf("stored %d open items in %v", n, time.Since(start).Round(time.Millisecond))
			s, err := scheduler.New(benchTeam, "C0OFFICE", NewReminderService(db), NewCallService(db), NewAgreementService(db), discardPoster{},
				scheduler.WithClock(clock), scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
			if err != nil {
				b.Fatal(err)
			}
			ctx := proxenos.NewContextWithTeam(context.Background(), benchTeam)
			if err := s.Tick(ctx); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := s.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
