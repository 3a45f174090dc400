package sqlite

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// Statements that undo the migrations for the reminder tick, and the
// receipts, intake, requests, stems and the search index after them, latest first, as in
// a file written before them. A test of an older migration undoes the
// newer ones too.
var (
	// The search index: the entries' terms rows come back empty, and
	// backfillSearch indexes the entries from their documents. The intake
	// answers' migration, the last, is undone first.
	undoIntakeAnswers = []string{`DROP TABLE intake_answers`, `DROP TABLE intake`, intakeBefore()}
	undoSearch        = append(slices.Clone(undoIntakeAnswers), `DROP TABLE correspondence_search`, `DROP TABLE search_slots`,
		`DROP INDEX correspondence_search_id`, `ALTER TABLE correspondence DROP COLUMN search_id`, `CREATE TABLE correspondence_terms (team TEXT NOT NULL,
		kind INTEGER NOT NULL, term TEXT NOT NULL, date INTEGER NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
		PRIMARY KEY (team, kind, term, date, year, number)) WITHOUT ROWID`)
	undoStems          = append(slices.Clone(undoSearch), `DELETE FROM partner_words WHERE word LIKE '~%'`, `DROP TABLE backfills`)
	undoListIndexes    = []string{`DROP INDEX contacts_date`, `DROP INDEX partners_last_contact`, `DROP INDEX correspondence_direction`}
	undoCreates        = append(append(slices.Clone(undoStems), undoListIndexes...), undoCreateRequests()...)
	undoRequests       = append(slices.Clone(undoCreates), `DROP INDEX correspondence_request`, `ALTER TABLE correspondence DROP COLUMN request_id`)
	undoIntake         = append(slices.Clone(undoRequests), `DROP TABLE intake`)
	undoReceipts       = append(slices.Clone(undoIntake), `DROP TABLE receipts`)
	undoAgreementDates = append(slices.Clone(undoReceipts), `DROP INDEX agreements_remind`,
		`ALTER TABLE agreements DROP COLUMN remind_at`, `ALTER TABLE agreements DROP COLUMN notice_at`)
	undoCallsOrder = append(slices.Clone(undoAgreementDates), `DROP INDEX calls_order`,
		`ALTER TABLE calls DROP COLUMN deadlines`, `ALTER TABLE calls DROP COLUMN identifier`)
)

// intakeBefore is the migration that made the intake as it was before
// its answers were kept apart.
func intakeBefore() string {
	return migrations[slices.IndexFunc(migrations, func(m string) bool { return strings.HasPrefix(m, "CREATE TABLE intake (") })]
}

// undoCreateRequests undoes the migration keeping the request of every
// record but correspondence.
func undoCreateRequests() []string {
	undo := []string{`DROP TABLE person_requests`}
	for _, table := range append(slices.Sorted(maps.Keys(requestKeys)), "calendar_feeds") {
		undo = append(undo, `DROP INDEX `+table+`_request`, `ALTER TABLE `+table+` DROP COLUMN request_id`)
	}
	return undo
}

// rollBack undoes the migration containing marker and those after it with
// undo, as in a file written before them, then closes db and opens path
// again, so that Open migrates it. The reopened DB closes when t ends.
func rollBack(t *testing.T, db *DB, path, marker string, undo []string) *DB {
	t.Helper()
	version := 1 + slices.IndexFunc(migrations, func(m string) bool { return strings.Contains(m, marker) })
	for _, q := range undo {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.db.Exec(`DELETE FROM migrations WHERE version >= ?`, version); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMigrateCallsOrder checks that the migration adding calls'
// identifier and deadlines columns fills them in as a write would, so
// that calls stored before it are still found, filtered and ordered.
func TestMigrateCallsOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	brussels := proxenos.DeadlineLocation()
	cs := NewCallService(db)
	for _, c := range []*proxenos.Call{
		{Identifier: "CERV-2027-A", Title: "A", Programme: proxenos.ProgrammeCERV, Status: proxenos.CallWatching,
			Deadlines: []proxenos.Deadline{{At: time.Date(2027, 3, 26, 17, 0, 0, 0, brussels)},
				{At: time.Date(2026, 10, 1, 17, 0, 0, 123_000_000, brussels)}}},
		{Identifier: "CERV-2027-B", Title: "B", Programme: proxenos.ProgrammeCERV, Status: proxenos.CallWatching,
			Deadlines: []proxenos.Deadline{{At: time.Date(2027, 1, 15, 17, 0, 0, 0, brussels)}}},
	} {
		if err := cs.CreateCall(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{}
	rows, err := db.db.Query(`SELECT id, identifier || ' ' || deadlines FROM calls`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, cols string
		if err := rows.Scan(&id, &cols); err != nil {
			t.Fatal(err)
		}
		want[id] = cols
	}
	rows.Close()
	db = rollBack(t, db, path, "calls_order", undoCallsOrder)
	t.Run("SameColumnsAsAWrite", func(t *testing.T) {
		for id, w := range want {
			var got string
			if err := db.db.QueryRow(`SELECT identifier || ' ' || deadlines FROM calls WHERE id = ?`, id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != w {
				t.Errorf("call %s: migrated %q, want %q", id, got, w)
			}
		}
	})
	t.Run("Order", func(t *testing.T) {
		now := time.Date(2026, 11, 26, 9, 0, 0, 0, brussels)
		got, total, err := NewCallService(db).FindCalls(ctx, proxenos.CallFilter{Now: now,
			DeadlineFrom: time.Date(2027, 1, 1, 0, 0, 0, 0, brussels)})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range got {
			ids = append(ids, c.Identifier)
		}
		if want := []string{"CERV-2027-B", "CERV-2027-A"}; total != 2 || !slices.Equal(ids, want) {
			t.Fatalf("got %v of %d, want %v", ids, total, want)
		}
	})
}

// TestMigrateAgreementDates checks that agreements stored before their
// reminder dates were columns get them when the file is opened, so that
// the reminder engine still finds those with a notice deadline or an
// end near its window.
func TestMigrateAgreementDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality}
	if err := NewPartnerService(db).CreatePartner(ctx, partner); err != nil {
		t.Fatal(err)
	}
	end := time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, a := range []*proxenos.Agreement{
		{Title: "notice", Notice: proxenos.Period{Months: 6}, End: end},
		{Title: "end only", End: end},
		{Title: "open-ended"},
	} {
		a.Kind, a.PartnerIDs, a.Status = proxenos.AgreementTwinning, []string{partner.ID}, proxenos.AgreementActive
		if err := NewAgreementService(db).CreateAgreement(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	db = rollBack(t, db, path, "agreements_remind", undoAgreementDates)
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"Notice", time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 7, 31, 0, 0, 0, 0, time.UTC), []string{"notice"}},
		{"End", time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 31, 0, 0, 0, 0, time.UTC), []string{"end only", "notice"}},
		{"Between", time.Date(2027, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 9, 1, 0, 0, 0, 0, time.UTC), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := NewAgreementService(db).FindAgreements(ctx, proxenos.AgreementFilter{DatesFrom: tt.from, DatesTo: tt.to})
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, a := range got {
				titles = append(titles, a.Title)
			}
			if total != len(tt.want) || !slices.Equal(titles, tt.want) {
				t.Fatalf("got %q of %d, want %q", titles, total, tt.want)
			}
		})
	}
}

// TestMigrateRequests opens a file written before entries kept their
// request: its entries stay as they were, and a request run twice then
// makes one entry, numbered after them.
func TestMigrateRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	entry := func(subject string) *proxenos.Correspondence {
		return &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: proxenos.Incoming,
			Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Counterpart: "Stadt Köln", Subject: subject}
	}
	if err := NewCorrespondenceService(db).CreateCorrespondence(ctx, entry("Πριν")); err != nil {
		t.Fatal(err)
	}
	db = rollBack(t, db, path, "correspondence_request", undoRequests)
	cs := NewCorrespondenceService(db)
	var got []string
	for range 2 {
		c := entry("Μετά")
		if err := cs.CreateCorrespondence(proxenos.NewContextWithRequest(ctx, "R1"), c); err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Protocol.String())
	}
	if want := []string{"2/2026", "2/2026"}; !slices.Equal(got, want) {
		t.Fatalf("a request run twice got %v, want %v", got, want)
	}
	if _, total, err := cs.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{}); err != nil || total != 2 {
		t.Fatalf("%d entries (%v), want 2", total, err)
	}
}

// TestMigrateCreateRequests opens a file written before records other than
// correspondence kept their request: its partners stay as they were, and
// a request run twice then makes one partner.
func TestMigrateCreateRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := NewPartnerService(db).CreatePartner(ctx, &proxenos.Partner{Name: "Πριν", Kind: proxenos.KindMunicipality}); err != nil {
		t.Fatal(err)
	}
	db = rollBack(t, db, path, "person_requests", undoCreates)
	ps := NewPartnerService(db)
	var ids []string
	for range 2 {
		p := &proxenos.Partner{Name: "Μετά", Kind: proxenos.KindMunicipality}
		if err := ps.CreatePartner(proxenos.NewContextWithRequest(ctx, "R1"), p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if ids[0] != ids[1] {
		t.Fatalf("a request run twice made partners %v, want one", ids)
	}
	if _, total, err := ps.FindPartners(ctx, proxenos.PartnerFilter{}); err != nil || total != 2 {
		t.Fatalf("%d partners (%v), want 2", total, err)
	}
}

// TestMigrateListIndexes opens a file written before the indexes of
// lists and reports: a partner already in contact is among the recent
// ones, read off the new index.
func TestMigrateListIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	ctx := proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI"), "U1")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxenos.Partner{Name: "Πριν", Kind: proxenos.KindMunicipality}
	if err := NewPartnerService(db).CreatePartner(ctx, p); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, proxenos.OfficeZone())
	if err := NewPartnerService(db).LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactCall, Date: day}); err != nil {
		t.Fatal(err)
	}
	db = rollBack(t, db, path, "partners_last_contact", append(slices.Clone(undoSearch), undoListIndexes...))
	got, total, err := NewPartnerService(db).RecentPartners(ctx, 5)
	if err != nil || total != 1 || len(got) != 1 || !got[0].LastContact.Equal(day) {
		t.Fatalf("got %d of %d (%v), want Πριν in contact on %v", len(got), total, err, day)
	}
	n := 0
	if err := NewPartnerService(db).EachContact(ctx, day, day.AddDate(0, 0, 1), func(*proxenos.Contact) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("%d contacts of the day (%v), want 1", n, err)
	}
}
