package storagetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// runSources checks that an entry is found by what it was logged from, and
// that the same message or e-mail is never logged twice: the second
// attempt is told the first entry's number and takes no number itself.
func runSources(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	msg, mail := proxenos.SlackSource("C0123", "1712345678.000100"), proxenos.EmailSource("<A1B2@stadt-kassel.de>")
	in := Entry(Day(2026, 11, 20), "Einladung zum Städtepartnerschaftstreffen")
	in.Sources = []string{msg, mail}
	in.SourceURL = "https://maroussi.slack.com/archives/C0123/p1712345678000100"
	c := mustCreate(t, ctx, s, in)
	for _, src := range []string{msg, mail, proxenos.EmailSource("a1b2@STADT-KASSEL.DE")} {
		got, err := s.Correspondence.FindCorrespondenceBySource(ctx, src)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Fatalf("by source %s: %+v (%v), want %s", src, got, err, c.Protocol)
		}
	}
	again := Entry(Day(2026, 11, 21), "Forwarded again")
	again.Sources = []string{proxenos.SlackSource("C0999", "1712349999.000200"), mail}
	err := s.Correspondence.CreateCorrespondence(ctx, again)
	wantCode(t, err, proxenos.ECONFLICT)
	if e, ok := err.(*proxenos.Error); !ok || e.Key != "corr.already_logged" || len(e.Args) == 0 || e.Args[0] != c.Protocol.String() {
		t.Fatalf("error %#v, want corr.already_logged naming %s", err, c.Protocol)
	}
	if _, err := s.Correspondence.FindCorrespondenceBySource(ctx, again.Sources[0]); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Fatalf("the refused entry's own source was kept: %v", err)
	}
	if next := mustCreate(t, ctx, s, Entry(Day(2026, 11, 21), "next")); next.Protocol.Number != 2 {
		t.Fatalf("number after a refused entry = %d, want 2", next.Protocol.Number)
	}
	// Another workspace may log the same e-mail (it was sent to both).
	other := Entry(Day(2026, 11, 20), "Einladung")
	other.Sources = []string{mail}
	mustCreate(t, Ctx("T-OTHER", "U9"), s, other)
	if _, err := s.Correspondence.FindCorrespondenceBySource(Ctx("T-THIRD", "U9"), mail); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
		t.Fatalf("a third workspace sees another's source: %v", err)
	}
}

// wantLogged fails t unless err is ECONFLICT "corr.already_logged" naming
// the entry p.
func wantLogged(t *testing.T, err error, p proxenos.ProtocolNumber) {
	t.Helper()
	if e, ok := err.(*proxenos.Error); !ok || e.Code != proxenos.ECONFLICT || e.Key != "corr.already_logged" ||
		len(e.Args) == 0 || e.Args[0] != p.String() {
		t.Fatalf("error %#v, want corr.already_logged naming %s", err, p)
	}
}

// runSourcesAtOnce is several people logging the same message in the same
// instant (the shortcut's form submitted by each, or a retried
// submission): exactly one entry is created, each of the others is told
// its number, and no number is used up by them.
func runSourcesAtOnce(t *testing.T, open OpenFunc) {
	const people = 8
	s := open(t, time.Now)
	msg := proxenos.SlackSource("C0123", "1712345678.000100")
	var (
		wg      sync.WaitGroup
		entries [people]*proxenos.Correspondence
		errs    [people]error
	)
	for i := range people {
		wg.Go(func() {
			c := Entry(Day(2026, 11, 20), fmt.Sprintf("Πρόσκληση (%d)", i))
			c.Sources = []string{msg, proxenos.EmailSource(fmt.Sprintf("<copy-%d@maroussi.gr>", i))}
			ctx := proxenos.NewContextWithRequest(Ctx(Team, fmt.Sprintf("U%d", i)), fmt.Sprintf("req-%d", i))
			errs[i] = s.Correspondence.CreateCorrespondence(ctx, c)
			entries[i] = c
		})
	}
	wg.Wait()
	ctx := Ctx(Team, "U1")
	logged, err := s.Correspondence.FindCorrespondenceBySource(ctx, msg)
	if err != nil {
		t.Fatalf("by source: %v (errors %v)", err, errs)
	}
	created := 0
	for i, err := range errs {
		if err == nil {
			created++
			if entries[i].Protocol != logged.Protocol {
				t.Errorf("person %d got %s, the message is logged as %s", i, entries[i].Protocol, logged.Protocol)
			}
			continue
		}
		wantLogged(t, err, logged.Protocol)
	}
	if _, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{}); created != 1 || err != nil || total != 1 {
		t.Fatalf("%d created, %d stored (%v); want one entry (errors %v)", created, total, err, errs)
	}
	if next := mustCreate(t, ctx, s, Entry(Day(2026, 11, 20), "next")); next.Protocol.Number != 2 {
		t.Fatalf("number after the refused ones = %d, want 2", next.Protocol.Number)
	}
}

// runSourcesAfterFailure is a create refused for another reason, and the
// same request run again: neither leaves the message unloggable.
func runSourcesAfterFailure(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	msg := proxenos.SlackSource("C0123", "1712345678.000100")
	ctx := proxenos.NewContextWithRequest(Ctx(Team, "U1"), "req-1")
	bad := Entry(Day(2026, 11, 20), "Πρόσκληση")
	bad.Sources, bad.PartnerID = []string{msg}, "no-such-partner"
	wantCode(t, s.Correspondence.CreateCorrespondence(Ctx(Team, "U2"), bad), proxenos.EINVALID)
	in := Entry(Day(2026, 11, 20), "Πρόσκληση")
	in.Sources = []string{msg}
	c := mustCreate(t, ctx, s, in)
	again := Entry(Day(2026, 11, 20), "Πρόσκληση")
	again.Sources = []string{msg}
	if err := s.Correspondence.CreateCorrespondence(ctx, again); err != nil || again.Protocol != c.Protocol {
		t.Fatalf("the request run again: %s, %v; want its entry %s", again.Protocol, err, c.Protocol)
	}
}

// runSourcesRestore checks that an import keeps the rule: an entry
// imported from a message is not logged again, an import that names a
// message another entry was logged from is refused, and the same import
// run again is no conflict.
func runSourcesRestore(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	mail := proxenos.EmailSource("<invite-7@comune.faenza.ra.it>")
	old := Entry(Day(2026, 2, 1), "Παλαιό")
	old.Protocol.Number, old.CreatedAt, old.UpdatedAt, old.Sources = 7, Day(2026, 2, 1), Day(2026, 2, 1), []string{mail}
	restoreIn := func(ctx context.Context, c *proxenos.Correspondence) error {
		copy := *c
		_, err := register(t, s, "correspondence").Restore(ctx, &copy, 0)
		return err
	}
	restore := func(c *proxenos.Correspondence) error { return restoreIn(ctx, c) }
	for range 2 {
		if err := restore(old); err != nil {
			t.Fatalf("import 7/2026: %v", err)
		}
	}
	in := Entry(Day(2026, 3, 1), "Again")
	in.Sources = []string{mail}
	wantLogged(t, s.Correspondence.CreateCorrespondence(ctx, in), old.Protocol)
	// Another number from the same e-mail, as a new entry and over an
	// entry without it.
	dup := *old
	dup.Protocol.Number = 8
	wantLogged(t, restore(&dup), old.Protocol)
	plain := mustCreate(t, ctx, s, Entry(Day(2026, 3, 1), "Χωρίς πηγή"))
	over := *plain
	over.Sources = []string{mail}
	wantLogged(t, restore(&over), old.Protocol)
	// An entry created from a message, imported elsewhere: logged there.
	msg := proxenos.SlackSource("C0123", "1712345678.000100")
	made := Entry(Day(2026, 3, 2), "Από το Slack")
	made.Sources = []string{msg}
	mustCreate(t, ctx, s, made)
	other := Ctx(OtherTeam, "U9")
	if err := restoreIn(other, made); err != nil {
		t.Fatalf("import into another workspace: %v", err)
	}
	again := Entry(Day(2026, 3, 3), "Again")
	again.Sources = []string{msg}
	wantLogged(t, s.Correspondence.CreateCorrespondence(other, again), made.Protocol)
}
