package scheduler_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// countingPoster counts posts, as a Slack that answers at once would.
type countingPoster struct{ n atomic.Int64 }

func (p *countingPoster) Post(context.Context, string, *chat.Response) (string, error) {
	return strconv.FormatInt(p.n.Add(1), 10), nil
}

// scaleWorkspaces is how many workspaces BenchmarkTickWorkspaces plans:
// PROXENOS_BENCH_WORKSPACES (332, every Greek municipality), else 10.
func scaleWorkspaces(b *testing.B) int {
	if v := os.Getenv("PROXENOS_BENCH_WORKSPACES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("PROXENOS_BENCH_WORKSPACES=%q", v)
		}
		return n
	}
	return 10
}

// BenchmarkTickWorkspaces is one deployment serving many municipalities
// on the embedded store, each with 1,000 watched calls whose deadlines
// fall over the next 60 days, sharing one store: every workspace's
// scheduler ticks in turn, as one process planning them all would.
// After a catch-up tick at 08:00, ms/first-tick is the 09:00 tick that
// plans and sends the morning's reminders of every workspace (to a Slack
// that answers at once; posts/first-tick counts them); the timed loop
// is a later tick of the same morning, planning only (everything
// already claimed). One workspace is inactive (uninstalled) and costs
// nothing.
func BenchmarkTickWorkspaces(b *testing.B) {
	const items = 1000
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens) // a Thursday
	teams := scaleWorkspaces(b)
	e := newEnv(b, start.Add(-time.Hour))
	seedCalls(b, e, items)
	copyTeams(b, e, teams)
	p := &countingPoster{}
	inactive := fmt.Sprintf("T%03d", teams-1)
	active := func(_ context.Context, team string) bool { return team != inactive }
	// One process, one store: every workspace's scheduler shares it.
	reminders, calls, agreements := sqlite.NewReminderService(e.db), sqlite.NewCallService(e.db), sqlite.NewAgreementService(e.db)
	var ss []*scheduler.Scheduler
	for i := range teams {
		s, err := scheduler.New(fmt.Sprintf("T%03d", i), channel, reminders, calls, agreements, p, scheduler.WithClock(e.clock), scheduler.WithHolder("bench"),
			scheduler.WithActive(active), scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
		if err != nil {
			b.Fatal(err)
		}
		ss = append(ss, s)
	}
	tickAll := func(b *testing.B) {
		for _, s := range ss {
			if err := s.Tick(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	}
	// 08:00: a first tick catches up on what fell due before the
	// deployment started (recorded as missed, for the digest).
	tickAll(b)
	catchUp := p.n.Load()
	e.clock.Advance(time.Hour) // 09:00: the morning's reminders fall due
	begin := time.Now()
	tickAll(b)
	first := time.Since(begin)
	posts := p.n.Load() - catchUp
	e.clock.Advance(time.Minute)
	b.ReportAllocs()
	cpu := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		tickAll(b)
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime(b)-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(first.Milliseconds()), "ms/first-tick")
	b.ReportMetric(float64(posts), "posts/first-tick")
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "MiB-heap")
	runtime.KeepAlive(ss) // what the schedulers and the store keep counts in the heap
	if sent := p.n.Load() - catchUp; sent != posts {
		b.Fatalf("the steady ticks posted %d more", sent-posts)
	}
}

// cpuTime returns the CPU time the process has used, which a machine
// busy with other work changes less than the wall-clock time.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// seedCalls stores n watched calls in team T000, deadlines over 60 days.
func seedCalls(b *testing.B, e *env, n int) {
	b.Helper()
	calls := sqlite.NewCallService(e.db)
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "T000"), "U0STAFF")
	for i := range n {
		at := time.Date(2026, 11, 26, 17, 0, 0, 0, proxenos.DeadlineLocation()).AddDate(0, 0, i%60)
		c := &proxenos.Call{Identifier: fmt.Sprintf("CERV-2027-%06d", i), Title: fmt.Sprint("Town twinning ", i),
			Programme: proxenos.ProgrammeCERV, Status: proxenos.CallWatching, Owner: owner,
			Deadlines: []proxenos.Deadline{{At: at}}}
		if err := calls.CreateCall(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// copyTeams copies the calls of T000 to T001…T(n-1) with SQL, which is
// much faster than creating them one by one: the scheduler reads only
// the calls table.
func copyTeams(b *testing.B, e *env, n int) {
	b.Helper()
	db, err := sql.Open("sqlite", e.path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM pragma_table_info('calls')`)
	if err != nil {
		b.Fatal(err)
	}
	var cols, sel []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			b.Fatal(err)
		}
		cols = append(cols, c)
		switch c {
		case "id":
			sel = append(sel, "id || ?1")
		case "team":
			sel = append(sel, "?1")
		case "doc": // the document names its row: the sender reads the call again by it
			sel = append(sel, "json_set(doc, '$.ID', id || ?1)")
		default:
			sel = append(sel, c)
		}
	}
	rows.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	q := `INSERT INTO calls (` + strings.Join(cols, ", ") + `) SELECT ` + strings.Join(sel, ", ") + ` FROM calls WHERE team = 'T000'`
	for i := 1; i < n; i++ {
		if _, err := tx.Exec(q, fmt.Sprintf("T%03d", i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFleetTick is BenchmarkTickWorkspaces through the Fleet of a
// distribution-mode deployment: the workspaces are installations with
// their own office channels in their settings, served Workers at a time
// by one tick; one workspace is uninstalled and one has no channel, and
// neither costs anything. PROXENOS_BENCH_WORKERS sets Workers.
func BenchmarkFleetTick(b *testing.B) {
	const items = 1000
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens) // a Thursday
	teams := scaleWorkspaces(b)
	e := newEnv(b, start.Add(-time.Hour))
	seedCalls(b, e, items)
	copyTeams(b, e, teams)
	installs := sqlite.NewInstallationService(e.db)
	settings := &settingsFake{set: map[string]*proxenos.Settings{}}
	for i := range teams {
		team := fmt.Sprintf("T%03d", i)
		if err := installs.SaveInstallation(context.Background(), &proxenos.Installation{Team: team, BotToken: "xoxb-" + team}); err != nil {
			b.Fatal(err)
		}
		if i != teams-2 { // one workspace has not set its channel
			settings.set[team] = &proxenos.Settings{Channel: "C" + team}
		}
	}
	if err := installs.MarkUninstalled(context.Background(), fmt.Sprintf("T%03d", teams-1), start); err != nil {
		b.Fatal(err)
	}
	p := &countingPoster{}
	f, err := scheduler.NewFleet(installs, settings, sqlite.NewReminderService(e.db), sqlite.NewCallService(e.db),
		sqlite.NewAgreementService(e.db), p, scheduler.WithClock(e.clock), scheduler.WithHolder("bench"),
		scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		b.Fatal(err)
	}
	if w := os.Getenv("PROXENOS_BENCH_WORKERS"); w != "" {
		f.Workers, _ = strconv.Atoi(w)
	}
	tick := func(b *testing.B) {
		if err := f.Tick(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	tick(b) // 08:00: the catch-up
	catchUp := p.n.Load()
	e.clock.Advance(time.Hour) // 09:00: the morning's reminders fall due
	begin := time.Now()
	tick(b)
	first := time.Since(begin)
	posts := p.n.Load() - catchUp
	e.clock.Advance(time.Minute)
	b.ReportAllocs()
	cpu := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		tick(b)
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime(b)-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(first.Milliseconds()), "ms/first-tick")
	b.ReportMetric(float64(posts), "posts/first-tick")
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "MiB-heap")
	runtime.KeepAlive(f) // what the fleet and the store keep counts in the heap
	if sent := p.n.Load() - catchUp; sent != posts {
		b.Fatalf("the steady ticks posted %d more", sent-posts)
	}
}
