package storagetest

import (
	"reflect"
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
