package storagetest

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
)

// RunCorrespondence checks creating, finding, numbering, updating and
// filtering the register.
func RunCorrespondence(t *testing.T, open OpenFunc) {
	created := time.Date(2026, 11, 26, 10, 30, 0, 0, Athens)
	t.Run("OK", func(t *testing.T) {
		s := open(t, NewClock(created).Now)
		ctx := Ctx(Team, "U1")
		in := Entry(Day(2026, 11, 20), "Πρόσκληση στο φόρουμ")
		in.Tags, in.Attachments, in.Summary = []string{"Q-Cities", "φόρουμ"}, []string{"https://example.org/a.pdf"}, "Σύνοψη"
		in.Copies = []string{"Πρεσβεία της Ιταλίας", "Γραφείο Δημάρχου"}
		c := mustCreate(t, ctx, s, in)
		if got, want := c.Protocol, (proxenos.ProtocolNumber{Year: 2026, Number: 1}); got != want {
			t.Fatalf("Protocol = %v, want %v", got, want)
		}
		if c.ID == "" || !c.CreatedAt.Equal(created) || !c.UpdatedAt.Equal(created) {
			t.Fatalf("ID %q, CreatedAt %v, UpdatedAt %v; want an id and %v", c.ID, c.CreatedAt, c.UpdatedAt, created)
		}
		got, err := s.Correspondence.FindCorrespondenceByNumber(ctx, c.Protocol)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("found\n%+v\nwant\n%+v", got, c)
		}
		if got.Date.Format(time.DateOnly) != "2026-11-20" {
			t.Fatalf("Date prints as %s, want 2026-11-20", got.Date.Format(time.DateOnly))
		}
		// A body the letter was copied to finds it.
		if found, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "ΠΡΕΣΒΕΙΑ ιταλ"}); err != nil || n != 1 || !reflect.DeepEqual(found[0], c) {
			t.Fatalf("search by a copy: %v of %d (%v), want 1/2026", numbers(found), n, err)
		}
	})
	t.Run("ErrSubjectRequired", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		wantCode(t, s.Correspondence.CreateCorrespondence(ctx, Entry(Day(2026, 1, 2), " ")), proxenos.EINVALID)
		// A refused entry takes no number.
		c := mustCreate(t, ctx, s, Entry(Day(2026, 1, 2), "ok"))
		if c.Protocol.Number != 1 {
			t.Fatalf("number after a refused entry = %d, want 1", c.Protocol.Number)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t, time.Now)
		_, err := s.Correspondence.FindCorrespondenceByNumber(Ctx(Team, "U1"), proxenos.ProtocolNumber{Year: 2026, Number: 7})
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		s := open(t, time.Now)
		_, _, err := s.Correspondence.FindCorrespondence(proxenos.NewContextWithUser(Ctx("", ""), "U1"), proxenos.CorrespondenceFilter{})
		wantCode(t, err, proxenos.EINTERNAL)
	})
	t.Run("OncePerRequest", func(t *testing.T) { runOncePerRequest(t, open) })
	t.Run("CreatesOncePerRequest", func(t *testing.T) { runCreatesOncePerRequest(t, open) })
	t.Run("NumbersPerYear", func(t *testing.T) {
		s := open(t, time.Now)
		ctx := Ctx(Team, "U1")
		var got []string
		for _, d := range []time.Time{Day(2025, 12, 30), Day(2025, 12, 31), Day(2026, 1, 1), Day(2025, 12, 31), Day(2026, 1, 2)} {
			c := Entry(d, "entry")
			if d.Day()%2 == 0 {
				c.Direction = proxenos.Outgoing // both directions share the serial
			}
			got = append(got, mustCreate(t, ctx, s, c).Protocol.String())
		}
		other := mustCreate(t, Ctx(OtherTeam, "U9"), s, Entry(Day(2026, 3, 3), "other workspace"))
		got = append(got, other.Protocol.String())
		want := []string{"1/2025", "2/2025", "1/2026", "3/2025", "2/2026", "1/2026"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("numbers %v, want %v", got, want)
		}
	})
	t.Run("Update", func(t *testing.T) { runUpdate(t, open) })
	t.Run("TwoDates", func(t *testing.T) { runTwoDates(t, open) })
	t.Run("Sources", func(t *testing.T) { runSources(t, open) })
	t.Run("SourcesAtOnce", func(t *testing.T) { runSourcesAtOnce(t, open) })
	t.Run("SourcesAfterFailure", func(t *testing.T) { runSourcesAfterFailure(t, open) })
	t.Run("SourcesRestore", func(t *testing.T) { runSourcesRestore(t, open) })
	t.Run("Filters", func(t *testing.T) { runFilters(t, open) })
	t.Run("Isolation", func(t *testing.T) {
		s := open(t, time.Now)
		mine, theirs := Ctx(Team, "U1"), Ctx(OtherTeam, "U2")
		c := mustCreate(t, mine, s, Entry(Day(2026, 5, 5), "Επίσκεψη αντιπροσωπείας"))
		if _, err := s.Correspondence.FindCorrespondenceByNumber(theirs, c.Protocol); proxenos.ErrorCode(err) != proxenos.ENOTFOUND {
			t.Fatalf("other workspace found the entry: %v", err)
		}
		subj := "hijack"
		_, err := s.Correspondence.UpdateCorrespondence(theirs, c.Protocol, proxenos.CorrespondenceUpdate{Subject: &subj})
		wantCode(t, err, proxenos.ENOTFOUND)
		for _, f := range []proxenos.CorrespondenceFilter{{}, {Query: "επισκεψη"}, {Country: "Italy"}} {
			got, n, err := s.Correspondence.FindCorrespondence(theirs, f)
			if err != nil || n != 0 || len(got) != 0 {
				t.Fatalf("other workspace listed %d entries (total %d, %v) with %+v", len(got), n, err, f)
			}
		}
	})
	t.Run("LiteralText", func(t *testing.T) { runLiteral(t, open) })
}

// runUpdate checks UpdateCorrespondence and the edit history.
func runUpdate(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	first := Entry(Day(2026, 10, 30), "Αρχικό θέμα")
	first.Copies = []string{"Γραφείο Δημάρχου"}
	c := mustCreate(t, ctx, s, first)
	clock.Set(time.Date(2026, 11, 2, 12, 0, 0, 0, Athens))
	subj, country, tags, copies := "Νέο θέμα για Köln", "Germany", []string{"cerv"}, []string{"Πρεσβεία της Γερμανίας", "Q-Cities"}
	got, err := s.Correspondence.UpdateCorrespondence(Ctx(Team, "U2"), c.Protocol,
		proxenos.CorrespondenceUpdate{Subject: &subj, Country: &country, Tags: &tags, Copies: &copies})
	if err != nil {
		t.Fatal(err)
	}
	want := []proxenos.Change{{At: clock.Now(), By: "U2", Fields: []proxenos.FieldChange{
		{Field: "country", Old: "Italy", New: "Germany"},
		{Field: "subject", Old: "Αρχικό θέμα", New: "Νέο θέμα για Köln"},
		{Field: "cc", Old: "Γραφείο Δημάρχου", New: "Πρεσβεία της Γερμανίας, Q-Cities"},
		{Field: "tags", Old: "", New: "cerv"},
	}}}
	if !reflect.DeepEqual(got.History, want) {
		t.Fatalf("History = %+v, want %+v", got.History, want)
	}
	stored, err := s.Correspondence.FindCorrespondenceByNumber(ctx, c.Protocol)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stored, got) {
		t.Fatalf("stored %+v, returned %+v", stored, got)
	}
	if !stored.UpdatedAt.Equal(clock.Now()) || !stored.CreatedAt.Equal(c.CreatedAt) {
		t.Fatalf("CreatedAt %v UpdatedAt %v", stored.CreatedAt, stored.UpdatedAt)
	}
	// Search terms follow the update: the old subject and copies are gone,
	// the new ones found.
	for q, wantN := range map[string]int{"αρχικο": 0, "koln": 1, "Italy": 0, "germany": 1, "δημαρχου": 0, "πρεσβεια": 1} {
		if _, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q}); err != nil || n != wantN {
			t.Errorf("search %q after update: %d matches (%v), want %d", q, n, err, wantN)
		}
	}
	if _, n, _ := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Tag: "CERV"}); n != 1 {
		t.Errorf("tag filter after update: %d matches, want 1", n)
	}
	t.Run("NoChangeNoHistory", func(t *testing.T) {
		again, err := s.Correspondence.UpdateCorrespondence(ctx, c.Protocol, proxenos.CorrespondenceUpdate{Subject: &subj})
		if err != nil || len(again.History) != 1 {
			t.Fatalf("history after a no-op update: %d entries (%v), want 1", len(again.History), err)
		}
	})
	t.Run("ErrSubjectRequired", func(t *testing.T) {
		empty := ""
		_, err := s.Correspondence.UpdateCorrespondence(ctx, c.Protocol, proxenos.CorrespondenceUpdate{Subject: &empty, Country: &country})
		wantCode(t, err, proxenos.EINVALID)
		after, _ := s.Correspondence.FindCorrespondenceByNumber(ctx, c.Protocol)
		if after.Subject != subj || len(after.History) != 1 {
			t.Fatalf("a refused update changed the entry: %q, %d history entries", after.Subject, len(after.History))
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Correspondence.UpdateCorrespondence(ctx, proxenos.ProtocolNumber{Year: 2026, Number: 99}, proxenos.CorrespondenceUpdate{Subject: &subj})
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("ErrUnknownPartner", func(t *testing.T) {
		pid := "no-such-partner"
		_, err := s.Correspondence.UpdateCorrespondence(ctx, c.Protocol, proxenos.CorrespondenceUpdate{PartnerID: &pid})
		wantCode(t, err, proxenos.EINVALID)
	})
}

// runFilters checks every CorrespondenceFilter field, paging and counts.
func runFilters(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	faenza := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Ιταλία"})
	mk := func(d time.Time, dir proxenos.Direction, partner, country string, tags ...string) {
		c := Entry(d, "entry")
		c.Direction, c.PartnerID, c.Country, c.Tags = dir, partner, country, tags
		mustCreate(t, ctx, s, c)
	}
	mk(Day(2026, 1, 10), proxenos.Incoming, faenza.ID, "Ιταλία", "Q-Cities")    // 1/2026
	mk(Day(2026, 2, 10), proxenos.Outgoing, "", "Γερμανία", "cerv")             // 2/2026
	mk(Day(2026, 2, 10), proxenos.Incoming, "", "ΓΕΡΜΑΝΙΑ", "CERV", "q-cities") // 3/2026
	mk(Day(2026, 3, 1), proxenos.Outgoing, faenza.ID, "Italia")                 // 4/2026
	mk(Day(2025, 12, 31), proxenos.Incoming, "", "Romania")                     // 1/2025
	for _, tt := range []struct {
		name   string
		filter proxenos.CorrespondenceFilter
		want   []string
		total  int
	}{
		{"All", proxenos.CorrespondenceFilter{}, []string{"4/2026", "3/2026", "2/2026", "1/2026", "1/2025"}, 5},
		{"Direction", proxenos.CorrespondenceFilter{Direction: proxenos.Outgoing}, []string{"4/2026", "2/2026"}, 2},
		{"Partner", proxenos.CorrespondenceFilter{PartnerID: faenza.ID}, []string{"4/2026", "1/2026"}, 2},
		{"Country", proxenos.CorrespondenceFilter{Country: "γερμανία"}, []string{"3/2026", "2/2026"}, 2},
		{"Tag", proxenos.CorrespondenceFilter{Tag: "Q-CITIES"}, []string{"3/2026", "1/2026"}, 2},
		{"Period", proxenos.CorrespondenceFilter{From: Day(2026, 1, 1), To: Day(2026, 3, 1)}, []string{"3/2026", "2/2026", "1/2026"}, 3},
		{"From", proxenos.CorrespondenceFilter{From: Day(2026, 2, 10)}, []string{"4/2026", "3/2026", "2/2026"}, 3},
		{"Combined", proxenos.CorrespondenceFilter{Direction: proxenos.Incoming, Tag: "cerv", Country: "Germania"}, nil, 0},
		{"Page", proxenos.CorrespondenceFilter{Offset: 1, Limit: 2}, []string{"3/2026", "2/2026"}, 5},
		{"PastEnd", proxenos.CorrespondenceFilter{Offset: 10}, nil, 5},
		{"NegativeOffset", proxenos.CorrespondenceFilter{Offset: -3, Limit: 1}, []string{"4/2026"}, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Correspondence.FindCorrespondence(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(numbers(got), nonNil(tt.want)) || total != tt.total {
				t.Fatalf("got %v (total %d), want %v (total %d)", numbers(got), total, tt.want, tt.total)
			}
		})
	}
	t.Run("Limits", func(t *testing.T) {
		for i := 0; i < proxenos.MaxListLimit+5; i++ {
			mk(Day(2024, 6, 1), proxenos.Incoming, "", "Serbia")
		}
		for _, tt := range []struct{ limit, want int }{{0, proxenos.DefaultListLimit}, {1000, proxenos.MaxListLimit}, {7, 7}} {
			got, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: tt.limit})
			if err != nil || len(got) != tt.want || total != proxenos.MaxListLimit+10 {
				t.Fatalf("Limit %d: %d entries, total %d (%v); want %d of %d", tt.limit, len(got), total, err, tt.want, proxenos.MaxListLimit+10)
			}
		}
	})
}

// nonNil returns an empty list for nil, for comparisons.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// runLiteral checks that user text is stored and searched literally.
func runLiteral(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	texts := []string{`{"$gt": ""}`, `.*`, `'; DROP TABLE correspondence; --`, `$where`, `a\u0000b"`, `<@U123> & <!channel>`}
	for _, text := range texts {
		c := Entry(Day(2026, 4, 1), text)
		c.Counterpart, c.Tags, c.Copies = text, []string{text}, []string{text}
		mustCreate(t, ctx, s, c)
	}
	all, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Limit: 100})
	if err != nil || n != len(texts) {
		t.Fatalf("listed %d (%v), want %d", n, err, len(texts))
	}
	var got []string
	for _, c := range all {
		got = append(got, c.Subject)
		if c.Counterpart != c.Subject || len(c.Tags) != 1 || c.Tags[0] != c.Subject || len(c.Copies) != 1 || c.Copies[0] != c.Subject {
			t.Errorf("entry %s does not round-trip: %+v", c.Protocol, c)
		}
	}
	want := append([]string(nil), texts...)
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stored %q, want %q", got, want)
	}
	for _, tt := range []struct {
		query string
		want  int
	}{{".*", 0}, {"$where", 1}, {`{"$gt": ""}`, 1}, {"DROP TABLE", 1}, {"gt", 1}, {"channel", 1}} {
		if _, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: tt.query}); err != nil || n != tt.want {
			t.Errorf("search %q: %d matches (%v), want %d", tt.query, n, err, tt.want)
		}
	}
	for _, tag := range []string{`{"$gt": ""}`, ".*"} {
		if _, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Tag: tag, Country: ".*"}); err != nil || n != 0 {
			t.Errorf("tag %q with country .*: %d matches (%v), want 0", tag, n, err)
		}
		if _, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Tag: tag}); err != nil || n != 1 {
			t.Errorf("tag %q: %d matches (%v), want 1", tag, n, err)
		}
	}
}

// RunConcurrentNumbers creates writers×each entries from writers
// goroutines at once and checks that the protocol numbers are exactly
// 1…writers×each: unique and gap-free.
func RunConcurrentNumbers(t *testing.T, s *storage.Store, writers, each int) {
	RunConcurrentNumbersOn(t, []*storage.Store{s}, writers, each)
}

// RunConcurrentNumbersOn is RunConcurrentNumbers with writer i using
// stores[i%len(stores)], e.g. two stores opened on one file.
func RunConcurrentNumbersOn(t *testing.T, stores []*storage.Store, writers, each int) {
	ctx := Ctx(Team, "U1")
	nums := make(chan int, writers*each)
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(s *storage.Store) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				c := Entry(Day(2026, 6, 1), fmt.Sprintf("entry %d", i))
				if err := s.Correspondence.CreateCorrespondence(ctx, c); err != nil {
					errs <- err
					return
				}
				nums <- c.Protocol.Number
			}
		}(stores[w%len(stores)])
	}
	wg.Wait()
	close(nums)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var got []int
	for n := range nums {
		got = append(got, n)
	}
	sort.Ints(got)
	for i, n := range got {
		if n != i+1 {
			t.Fatalf("numbers not 1…%d: position %d holds %d", writers*each, i, n)
		}
	}
	if len(got) != writers*each {
		t.Fatalf("%d numbers, want %d", len(got), writers*each)
	}
	_, total, err := stores[0].Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{})
	if err != nil || total != writers*each {
		t.Fatalf("stored %d entries (%v), want %d", total, err, writers*each)
	}
}

// runOncePerRequest checks that a request run again (after a crash, under
// the same id) gets the entry its first run created: same number, no
// number used up, one entry. Other requests, and creates without a
// request, each make an entry; an update and a restore keep the link.
func runOncePerRequest(t *testing.T, open OpenFunc) {
	s := open(t, NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, Athens)).Now)
	ctx := Ctx(Team, "U1")
	first := mustCreate(t, proxenos.NewContextWithRequest(ctx, "R1"), s, Entry(Day(2026, 3, 1), "Επίσκεψη αντιπροσωπείας"))
	again := mustCreate(t, proxenos.NewContextWithRequest(ctx, "R1"), s, Entry(Day(2026, 3, 1), "Επίσκεψη αντιπροσωπείας"))
	if !reflect.DeepEqual(again, first) {
		t.Fatalf("request run again got\n%+v\nwant the first run's entry\n%+v", again, first)
	}
	other := mustCreate(t, proxenos.NewContextWithRequest(ctx, "R2"), s, Entry(Day(2026, 3, 1), "Επίσκεψη αντιπροσωπείας"))
	plain := mustCreate(t, ctx, s, Entry(Day(2026, 3, 1), "Χωρίς αίτημα"))
	plain2 := mustCreate(t, ctx, s, Entry(Day(2026, 3, 1), "Χωρίς αίτημα"))
	// The same id in another workspace is another request.
	elsewhere := mustCreate(t, proxenos.NewContextWithRequest(Ctx(OtherTeam, "U2"), "R1"), s, Entry(Day(2026, 3, 1), "Άλλος δήμος"))
	got := []int{first.Protocol.Number, other.Protocol.Number, plain.Protocol.Number, plain2.Protocol.Number, elsewhere.Protocol.Number}
	if want := []int{1, 2, 3, 4, 1}; !reflect.DeepEqual(got, want) {
		t.Fatalf("numbers %v, want %v", got, want)
	}
	if _, n, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{}); err != nil || n != 4 {
		t.Fatalf("%d entries (%v), want 4", n, err)
	}
	// An edit, and a restore of the entry as exported, keep the request's
	// entry; a restore writes nothing new.
	upd, err := s.Correspondence.UpdateCorrespondence(ctx, first.Protocol, proxenos.CorrespondenceUpdate{Summary: new("Ημερομηνία προς επιβεβαίωση")})
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := register(t, s, "correspondence").Restore(ctx, upd, 0); err != nil || changed {
		t.Fatalf("restore of the entry as stored: changed %v (%v), want nothing written", changed, err)
	}
	again = mustCreate(t, proxenos.NewContextWithRequest(ctx, "R1"), s, Entry(Day(2026, 3, 1), "Επίσκεψη αντιπροσωπείας"))
	if !reflect.DeepEqual(again, upd) {
		t.Fatalf("request run again after an edit got\n%+v\nwant\n%+v", again, upd)
	}
	next := mustCreate(t, proxenos.NewContextWithRequest(ctx, "R3"), s, Entry(Day(2026, 3, 1), "Επόμενο"))
	if next.Protocol.Number != 5 {
		t.Fatalf("next entry numbered %d, want 5: a repeat uses up no number", next.Protocol.Number)
	}
}
