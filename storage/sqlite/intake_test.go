package sqlite

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// TestIntakeCloseLeavesAnswer checks that closing a request whose long
// answer was saved writes a few pages, not the answer again (issue 17:
// Done and Close were most of the cost of the intake, and held its one
// writer while acknowledgements waited). The pages written are counted
// in the write-ahead log, emptied first; a checkpoint comes only after
// 1,000 of them.
func TestIntakeCloseLeavesAnswer(t *testing.T) {
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := NewIntakeService(db)
	for i := range 20 { // requests kept before, among which the id is looked up
		rec := &proxenos.Intake{ID: string(rune('a'+i)) + "-earlier", Kind: "command", ReceivedAt: time.Now(),
			Payload: []byte(`{}`), Answer: bytes.Repeat([]byte("α"), 8<<10)}
		if err := s.Accept(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	rec := &proxenos.Intake{ID: "m-request", Kind: "command", ReceivedAt: time.Now(), Payload: []byte(`{}`)}
	if err := s.Accept(ctx, rec); err != nil {
		t.Fatal(err)
	}
	answer := bytes.Repeat([]byte("Απάντηση "), 64<<10/len("Απάντηση "))
	if err := s.Done(ctx, rec.ID, answer); err != nil {
		t.Fatal(err)
	}
	before := walPages(t, db, path)
	if err := s.Close(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	if n := walPages(t, db, path) - before; n > 4 {
		t.Errorf("closing the request wrote %d pages, want at most 4 (its answer is %d KiB)", n, len(answer)>>10)
	}
}

// walPages returns how many pages db's write-ahead log holds.
func walPages(t *testing.T, db *DB, path string) int {
	t.Helper()
	var pageSize int64
	if err := db.w.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	const header, frameHeader = 32, 24
	return int(max(fi.Size()-header, 0) / (pageSize + frameHeader))
}

// TestMigrateIntakeAnswers checks that the requests kept before their
// answers were kept apart are still recovered, each with its answer.
func TestMigrateIntakeAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range undoIntakeAnswers {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	received := time.Now().Add(-time.Minute).UnixMilli()
	for _, row := range []struct {
		id, state string
		answer    []byte
	}{{"r-accepted", "accepted", nil}, {"r-done", "done", []byte(`{"text":"Καταχωρίστηκε"}`)}} {
		if _, err := db.db.Exec(`INSERT INTO intake (id, team, user, channel, kind, payload, response_url,
			received_at, state, answer, holder, claimed_at, attempts) VALUES (?, 'TMAROUSSI', 'U1', 'C1', 'command', '{}', '', ?, ?, ?, 'old', 0, 1)`,
			row.id, received, row.state, row.answer); err != nil {
			t.Fatal(err)
		}
	}
	db = rollBack(t, db, path, "intake_answers", nil)
	recs, err := NewIntakeService(db).Claim(context.Background(), proxenos.IntakeClaim{Holder: "new",
		StaleBefore: time.Now(), ReceivedAfter: time.Now().Add(-time.Hour), MaxAttempts: 3, Limit: 10})
	if err != nil || len(recs) != 2 {
		t.Fatalf("claimed %d (%v), want the 2 kept before", len(recs), err)
	}
	answers := map[string]string{}
	for _, rec := range recs {
		answers[rec.ID+" "+string(rec.State)] = string(rec.Answer)
	}
	if want := map[string]string{"r-accepted accepted": "", "r-done done": `{"text":"Καταχωρίστηκε"}`}; !maps.Equal(answers, want) {
		t.Errorf("claimed %q, want %q", answers, want)
	}
}
