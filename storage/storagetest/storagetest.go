// Package storagetest is the conformance suite every store of Proxenos
// passes: the same cases, in Greek and English, run against SQLite and
// MongoDB, so that both give the same answers.
package storagetest

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// OpenFunc opens a fresh, empty store whose records take their times from
// now; the store is closed (and its data dropped) when t ends.
type OpenFunc func(t *testing.T, now func() time.Time) *storage.Store

// Team and OtherTeam are the workspaces the suite writes to.
const (
	Team      = "TMAROUSSI"
	OtherTeam = "TOTHER"
)

// Athens is the office zone the suite writes dates in: the default
// proxenos.OfficeZone, which RunOfficeZone changes for its cases only.
var Athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Run runs the whole suite against the stores open returns.
func Run(t *testing.T, open OpenFunc) {
	t.Run("Correspondence", func(t *testing.T) { RunCorrespondence(t, open) })
	t.Run("Search", func(t *testing.T) { RunSearch(t, open) })
	t.Run("Partners", func(t *testing.T) { RunPartners(t, open) })
	t.Run("Streams", func(t *testing.T) { RunStreams(t, open) })
	t.Run("Glossary", func(t *testing.T) { RunGlossary(t, open) })
	t.Run("Usage", func(t *testing.T) { RunUsage(t, open) })
	t.Run("Calls", func(t *testing.T) { RunCalls(t, open) })
	t.Run("Agreements", func(t *testing.T) { RunAgreements(t, open) })
	t.Run("LeadDays", func(t *testing.T) { RunLeadDays(t, open) })
	t.Run("Reminders", func(t *testing.T) { RunReminders(t, open) })
	t.Run("CalendarFeeds", func(t *testing.T) { RunCalendarFeeds(t, open) })
	t.Run("Preferences", func(t *testing.T) { RunPreferences(t, open) })
	t.Run("Receipts", func(t *testing.T) { RunReceipts(t, open) })
	t.Run("Intake", func(t *testing.T) { RunIntake(t, open) })
	t.Run("Restore", func(t *testing.T) { RunRestore(t, open) })
	t.Run("NumbersAfterGaps", func(t *testing.T) { RunNumbersAfterGaps(t, open) })
	t.Run("OfficeZone", func(t *testing.T) { RunOfficeZone(t, open) })
	t.Run("WorkspaceZones", func(t *testing.T) { RunWorkspaceZones(t, open) })
	t.Run("Installations", func(t *testing.T) { RunInstallations(t, open) })
	t.Run("Settings", func(t *testing.T) { RunSettings(t, open) })
	t.Run("DeleteWorkspace", func(t *testing.T) { RunDeleteWorkspace(t, open) })
	t.Run("ConcurrentNumbers", func(t *testing.T) { RunConcurrentNumbers(t, open(t, time.Now), 2, 500) })
}

// Clock is a settable clock for the store's Now.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Ctx returns a context scoped to team, acting as user.
func Ctx(team, user string) context.Context {
	return proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), user)
}

// Day returns midnight of a day in the office zone.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, Athens)
}

// Entry returns a valid entry registered on day d, of a document of that
// date, with the subject given.
func Entry(d time.Time, subject string) *proxenos.Correspondence {
	return &proxenos.Correspondence{
		Protocol:    proxenos.ProtocolNumber{Year: d.Year()},
		Direction:   proxenos.Incoming,
		Date:        d,
		Registered:  d,
		Counterpart: "Comune di Faenza",
		Country:     "Italy",
		Subject:     subject,
		Medium:      proxenos.MediumEmail,
		LoggedBy:    "U1",
	}
}

// mustCreate stores c or fails the test.
func mustCreate(t *testing.T, ctx context.Context, s *storage.Store, c *proxenos.Correspondence) *proxenos.Correspondence {
	t.Helper()
	if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
		t.Fatalf("CreateCorrespondence(%q): %v", c.Subject, err)
	}
	return c
}

// mustPartner stores p or fails the test.
func mustPartner(t *testing.T, ctx context.Context, s *storage.Store, p *proxenos.Partner) *proxenos.Partner {
	t.Helper()
	if err := s.Partners.CreatePartner(ctx, p); err != nil {
		t.Fatalf("CreatePartner(%q): %v", p.Name, err)
	}
	return p
}

// wantFound fails the test unless find, given filter f, reads the records
// named want (as names writes them), in any order, and counts them: what
// a filter with All set must do.
func wantFound[F, T any](t *testing.T, ctx context.Context, find func(context.Context, F) ([]T, int, error), f F,
	names func([]T) []string, want []string) {
	t.Helper()
	got, total, err := find(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	ts, want := names(got), slices.Clone(want)
	slices.Sort(ts)
	slices.Sort(want)
	if !reflect.DeepEqual(ts, want) || total != len(want) {
		t.Fatalf("got %q of %d, want %q", ts, total, want)
	}
}

// wantCode fails the test unless err has the code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := proxenos.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

// numbers returns the protocol numbers of entries, as "n/yyyy".
func numbers(entries []*proxenos.Correspondence) []string {
	out := make([]string, 0, len(entries))
	for _, c := range entries {
		out = append(out, c.Protocol.String())
	}
	return out
}
