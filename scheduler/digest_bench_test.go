package scheduler_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// BenchmarkDigest builds the daily digest (/ir digest, and the 08:30
// post) over 1k and 10k watched calls on the embedded store: loading
// every open item page by page, picking this week's deadlines, overdue
// milestones and openings, and rendering the message.
func BenchmarkDigest(b *testing.B) {
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, athens)
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := newEnv(b, start)
			calls := sqlite.NewCallService(e.db)
			for i := range n {
				at := start.Add(time.Duration(i%60) * 24 * time.Hour)
				c := &proxenos.Call{Identifier: fmt.Sprintf("CERV-2027-%05d", i), Title: fmt.Sprint("Town twinning ", i),
					Programme: proxenos.ProgrammeCERV, Status: proxenos.CallPreparing, Owner: owner,
					Deadlines:  []proxenos.Deadline{{At: at}},
					Milestones: []proxenos.Milestone{{Text: "draft", DaysBefore: 10}}}
				if err := calls.CreateCall(ctx(), c); err != nil {
					b.Fatal(err)
				}
			}
			s := e.scheduler(b, "bench", &poster{})
			for b.Loop() {
				resp, err := s.Digest(ctx(), i18n.Greek)
				if err != nil || resp == nil {
					b.Fatal(resp, err)
				}
			}
		})
	}
}
