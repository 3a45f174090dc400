package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
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
	db, s, path := openIntake(t)
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

// TestIntakeAcceptTogether checks that requests accepted while the
// writer is busy are kept together, in one transaction, once it is free
// (group commit: before, each waited for the commits of all those before
// it, and 20 requests wrote 20 transactions), and that a replayed id
// among them is refused alone. The pages written are counted in the
// write-ahead log, emptied first.
func TestIntakeAcceptTogether(t *testing.T) {
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	db, s, path := openIntake(t)
	request := func(id string) *proxenos.Intake {
		return &proxenos.Intake{ID: id, Kind: "command", ReceivedAt: time.Now(), Payload: []byte(`{"command":"/corr"}`)}
	}
	if err := s.Accept(ctx, request("replayed")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	// An entry being written holds the writer.
	free, busy := make(chan struct{}), make(chan struct{})
	go func() {
		_ = db.writeTx(context.Background(), func(*sql.Tx) error {
			close(busy)
			<-free
			return nil
		}, "hold")
	}()
	<-busy
	ids := []string{"replayed"}
	for i := range 19 {
		ids = append(ids, fmt.Sprint("request-", i))
	}
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = s.Accept(ctx, request(id)) })
	}
	for pendingAccepts(s) < len(ids) {
		runtime.Gosched()
	}
	close(free)
	wg.Wait()
	if code := proxenos.ErrorCode(errs[0]); code != proxenos.ECONFLICT {
		t.Errorf("replayed request: %v (%s), want ECONFLICT", errs[0], code)
	}
	for i, err := range errs[1:] {
		if err != nil {
			t.Errorf("%s: %v", ids[i+1], err)
		}
	}
	var kept int
	if err := db.db.QueryRow(`SELECT COUNT(*) FROM intake`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept != len(ids) {
		t.Errorf("%d requests kept, want %d", kept, len(ids))
	}
	if n := walPages(t, db, path); n > 8 {
		t.Errorf("keeping %d requests together wrote %d pages, want at most 8 (one transaction)", len(ids)-1, n)
	}
}

// TestIntakeAcceptGivesUp checks that a request whose context ends while
// it waits for the writer is not kept, and that the others still are.
func TestIntakeAcceptGivesUp(t *testing.T) {
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	db, s, _ := openIntake(t)
	free, busy := make(chan struct{}), make(chan struct{})
	go func() {
		_ = db.writeTx(context.Background(), func(*sql.Tx) error {
			close(busy)
			<-free
			return nil
		}, "hold")
	}()
	<-busy
	quit, cancel := context.WithCancel(ctx)
	var gaveUp, kept error
	var wg sync.WaitGroup
	wg.Go(func() {
		gaveUp = s.Accept(quit, &proxenos.Intake{ID: "late", Kind: "command", ReceivedAt: time.Now(), Payload: []byte(`{}`)})
	})
	for pendingAccepts(s) < 1 {
		runtime.Gosched()
	}
	wg.Go(func() {
		kept = s.Accept(ctx, &proxenos.Intake{ID: "kept", Kind: "command", ReceivedAt: time.Now(), Payload: []byte(`{}`)})
	})
	for pendingAccepts(s) < 2 {
		runtime.Gosched()
	}
	cancel()
	for pendingAccepts(s) > 1 {
		runtime.Gosched()
	}
	close(free)
	wg.Wait()
	if !errors.Is(gaveUp, context.Canceled) || kept != nil {
		t.Fatalf("Accept: %v and %v, want context.Canceled and nil", gaveUp, kept)
	}
	var ids []string
	rows, err := db.db.Query(`SELECT id FROM intake`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if !slices.Equal(ids, []string{"kept"}) {
		t.Fatalf("kept %v, want [kept]", ids)
	}
}

// openIntake opens a new database, closed when t ends, and its intake;
// path is the database file's.
func openIntake(t *testing.T) (db *DB, s *IntakeService, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "proxenos.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, NewIntakeService(db), path
}

// pendingAccepts returns how many records wait to be written.
func pendingAccepts(s *IntakeService) int {
	s.accepted.mu.Lock()
	defer s.accepted.mu.Unlock()
	return len(s.accepted.pending)
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

// TestCommitsLeaveCheckpoints checks that no write transaction copies
// the write-ahead log into the file (SQLite's automatic checkpoint did,
// in the commit that filled 1,000 pages, while the writers behind it
// and the acknowledgements waiting for the intake waited): after 1,200
// pages written in fewer transactions than make the checkpointer run,
// the log still holds them all.
func TestCommitsLeaveCheckpoints(t *testing.T) {
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	db, s, _ := openIntake(t)
	for i := range checkpointEvery - 4 {
		rec := &proxenos.Intake{ID: fmt.Sprint("request-", i), Kind: "command", ReceivedAt: time.Now(),
			Payload: []byte(`{}`), Answer: bytes.Repeat([]byte("α"), 40<<10)} // about 20 pages each
		if err := s.Accept(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	var busy, frames, copied int
	if err := db.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
		t.Fatal(err)
	}
	if frames < 1000 {
		t.Fatalf("the log holds %d pages after about 1,200 written: a commit checkpointed it", frames)
	}
}
