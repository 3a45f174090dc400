package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// TestFindCalls_AllReadAgain checks the calls read in full, which are
// kept decoded between reads: a caller's change to what it got is not
// seen by the next reader, and a call changed in the store is.
func TestFindCalls_AllReadAgain(t *testing.T) {
	db := MustOpenDB(t, "")
	calls := sqlite.NewCallService(db)
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "T1"), "U0STAFF")
	c := &proxenos.Call{Identifier: "CERV-2027-TT", Title: "Town twinning", Programme: proxenos.ProgrammeCERV,
		Status: proxenos.CallWatching, Deadlines: []proxenos.Deadline{{At: time.Now().AddDate(0, 1, 0)}},
		Milestones: []proxenos.Milestone{{Text: "draft", DaysBefore: 7}}}
	if err := calls.CreateCall(ctx, c); err != nil {
		t.Fatal(err)
	}
	all := func() *proxenos.Call {
		t.Helper()
		got, _, err := calls.FindCalls(ctx, proxenos.CallFilter{All: true})
		if err != nil || len(got) != 1 {
			t.Fatalf("FindCalls: %d calls, %v", len(got), err)
		}
		return got[0]
	}
	first := all()
	first.Title, first.Deadlines[0].Label, first.Milestones[0].Text = "changed", "changed", "changed"
	if again := all(); again.Title != "Town twinning" || again.Deadlines[0].Label != "" || again.Milestones[0].Text != "draft" {
		t.Errorf("a caller's change reached the next read: %q, %q, %q", again.Title, again.Deadlines[0].Label, again.Milestones[0].Text)
	}
	title := "Town twinning 2027"
	if _, err := calls.UpdateCall(ctx, c.ID, proxenos.CallUpdate{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if got := all(); got.Title != title || len(got.History) == 0 {
		t.Errorf("after an update the call read is %q with %d changes, want %q", got.Title, len(got.History), title)
	}
}
