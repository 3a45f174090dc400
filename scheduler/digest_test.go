package scheduler_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestDigest checks which calls the daily digest lists, as read from the
// store in one pass: every active call, past one list page; this week's
// deadlines by time, equal times by title whatever order the store
// gives; none the office has stopped working on or due later.
func TestDigest(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, athens) // a Thursday
	deadline := time.Date(2026, 11, 30, 17, 0, 0, 0, proxenos.DeadlineLocation())
	lang := i18n.English
	// line is how the digest lists a call of title due at deadline.
	line := func(title string) string {
		return i18n.T(lang, "digest.line", i18n.T(lang, "digest.kind.call"), title, i18n.FormatDateTime(lang, deadline.In(athens)))
	}
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, e *env)
		want  []string // in this order
		none  []string // absent
	}{
		{"OKSameTimeByTitle", func(t *testing.T, e *env) {
			// Zeta stored first and being prepared: a store reading rows
			// as stored, or by status, gives it first.
			zeta := e.addCall(t, "CERV-ZETA", deadline)
			e.addCall(t, "CERV-ALPHA", deadline)
			st := proxenos.CallPreparing
			if _, err := sqlite.NewCallService(e.db).UpdateCall(ctx(), zeta.ID, proxenos.CallUpdate{Status: &st}); err != nil {
				t.Fatal(err)
			}
		}, []string{line("Town twinning CERV-ALPHA"), line("Town twinning CERV-ZETA")}, nil},
		{"OKPastOnePage", func(t *testing.T, e *env) {
			for i := range proxenos.MaxListLimit + 20 {
				e.addCall(t, fmt.Sprintf("CERV-%03d", i), deadline)
			}
		}, []string{line("Town twinning CERV-000"), i18n.T(lang, "digest.more", proxenos.MaxListLimit+20-15)}, nil},
		{"OKActiveThisWeekOnly", func(t *testing.T, e *env) {
			e.addCall(t, "CERV-WATCHED", deadline)
			e.addCall(t, "CERV-NEXT-WEEK", deadline.AddDate(0, 0, 7))
			submitted := e.addCall(t, "CERV-SUBMITTED", deadline)
			st := proxenos.CallSubmitted
			if _, err := sqlite.NewCallService(e.db).UpdateCall(ctx(), submitted.ID, proxenos.CallUpdate{Status: &st}); err != nil {
				t.Fatal(err)
			}
		}, []string{line("Town twinning CERV-WATCHED")}, []string{"CERV-NEXT-WEEK", "CERV-SUBMITTED"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, now)
			tt.setup(t, e)
			resp, err := e.scheduler(t, "R1", &poster{}).Digest(ctx(), lang)
			if err != nil {
				t.Fatal(err)
			}
			rest := resp.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("digest lacks %q after what came before, or has it out of order:\n%s", w, resp.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.none {
				if strings.Contains(resp.Text, n) {
					t.Errorf("digest lists %s:\n%s", n, resp.Text)
				}
			}
		})
	}
}
