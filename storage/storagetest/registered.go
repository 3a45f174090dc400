package storagetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// runTwoDates checks the protocol book's two dates: an entry logged
// without a registration day is registered the day the store logs it;
// lists go by registration (protocol order), periods and streams select
// by it; a document dated after its registration is refused, on create
// and on edit.
func runTwoDates(t *testing.T, open OpenFunc) {
	s := open(t, NewClock(time.Date(2026, 12, 7, 18, 0, 0, 0, Athens)).Now)
	ctx := Ctx(Team, "U1")
	early := mustCreate(t, ctx, s, Entry(Day(2026, 12, 1), "Έγγραφο της 1/12"))
	old := Entry(Day(2026, 11, 30), "Παλιά επιστολή")
	old.Registered = time.Time{} // the store's today
	logged := mustCreate(t, ctx, s, old)
	if !logged.Registered.Equal(Day(2026, 12, 7)) || !logged.Date.Equal(Day(2026, 11, 30)) {
		t.Fatalf("Registered %v, Date %v; want 7/12 and 30/11", logged.Registered, logged.Date)
	}
	// By the documents' dates 1/2026 would come first.
	got, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
	if err != nil || !reflect.DeepEqual(numbers(got), []string{"2/2026", "1/2026"}) || n != 2 {
		t.Fatalf("list: %v of %d (%v), want protocol order 2/2026, 1/2026", numbers(got), n, err)
	}
	december := proxenos.CorrespondenceFilter{From: Day(2026, 12, 1), To: Day(2027, 1, 1)}
	got, n, err = s.Correspondence.FindCorrespondence(ctx, december)
	if err != nil || n != 2 {
		t.Fatalf("December by registration: %v of %d (%v), want both", numbers(got), n, err)
	}
	each, err := eachNumbers(ctx, s.Correspondence, proxenos.CorrespondenceFilter{From: Day(2026, 11, 1), To: Day(2026, 12, 1)})
	if err != nil || len(each) != 0 {
		t.Fatalf("November by registration: %v (%v), want none (documents of November, logged in December)", each, err)
	}
	future := Entry(Day(2026, 12, 7), "Από το μέλλον")
	future.Date = Day(2027, 12, 7)
	err = s.Correspondence.CreateCorrespondence(ctx, future)
	wantCode(t, err, proxenos.EINVALID)
	wantKey(t, err, "corr.invalid.date_future")
	later := Day(2026, 12, 2)
	_, err = s.Correspondence.UpdateCorrespondence(ctx, early.Protocol, proxenos.CorrespondenceUpdate{Date: &later})
	wantKey(t, err, "corr.invalid.date_future")
}

// wantKey fails the test unless err is an error for people with key.
func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var e *proxenos.Error
	if !errors.As(err, &e) || e.Key != key {
		t.Fatalf("error %v, want key %s", err, key)
	}
}
