package storagetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/records"
)

// Seed fills s with at least one record of every kind, in both
// workspaces: entries with copies and an edit history, a partner with
// people and a contact, a call, an agreement with a fulfilled obligation
// and a waived one with a history, glossary, two equal usage records, a
// preference, a live and a revoked calendar feed, a sent delivery,
// marks and the workspace's settings.
func Seed(t *testing.T, s *storage.Store) {
	t.Helper()
	for _, team := range []string{Team, OtherTeam} {
		ctx := Ctx(team, "U1")
		p := mustPartner(t, ctx, s, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality,
			Aliases: []string{"Ville de Faenza", "Δήμος Φαέντσας"}, Country: "Italy", Relationship: proxenos.RelSisterCity, SinceYear: 1994, Tags: []string{"twinning"},
			People: []proxenos.Person{{Name: "Giulia Rossi", Role: "Relazioni internazionali", Email: "g.rossi@example.it", Languages: []string{"it", "en"}}}})
		for i, subject := range []string{"Πρόσκληση σε συνέδριο", "Invitation to the Q-Cities assembly", "Ευχαριστήρια επιστολή"} {
			c := Entry(Day(2026, time.Month(3+i), 10+i), subject)
			c.PartnerID, c.Tags = p.ID, []string{"q-cities"}
			if i == 0 {
				c.Copies = []string{"Πρεσβεία της Ιταλίας", "Γραφείο Δημάρχου"}
				c.Sources = []string{proxenos.SlackSource("C0123", "1712345678.000100"), proxenos.EmailSource("<invite-1@comune.faenza.ra.it>")}
				c.SourceURL = "https://maroussi.slack.com/archives/C0123/p1712345678000100"
			}
			mustCreate(t, ctx, s, c)
		}
		summary := "Υπογραφή πρωτοκόλλου φιλίας"
		if _, err := s.Correspondence.UpdateCorrespondence(ctx, proxenos.ProtocolNumber{Year: 2026, Number: 2},
			proxenos.CorrespondenceUpdate{Summary: &summary}); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, ctx, s, Entry(Day(2025, 12, 30), "Season's greetings"))
		if err := s.Partners.LogContact(ctx, &proxenos.Contact{PartnerID: p.ID, Kind: proxenos.ContactVideo, Date: Day(2026, 4, 2),
			Notes: "Κοινή πρόταση CERV", LoggedBy: "U1"}); err != nil {
			t.Fatal(err)
		}
		call := NewCall("CERV-2027-CITIZENS-TOWN-TT", brussels(2027, 2, 18, 17, 0))
		call.PartnerIDs = []string{p.ID}
		call.Milestones = []proxenos.Milestone{{Text: "draft to the resources office", DaysBefore: 14}}
		mustCall(t, ctx, s, call)
		a := mustAgreement(t, ctx, s, NewAgreement("Πρωτόκολλο αδελφοποίησης", p.ID, Day(2028, 6, 30)))
		o := mustObligation(t, ctx, s, NewObligation(a.ID, "Annual report", Day(2026, 5, 1)))
		if _, err := completeNow(ctx, s, o.ID, fulfilment(Day(2026, 4, 20))); err != nil {
			t.Fatal(err)
		}
		// An obligation with a history of changes and a waiver's reason.
		w := mustObligation(t, ctx, s, NewObligation(a.ID, "Exchange visit", Day(2027, 5, 1)))
		owner, waived, reason := "U0MARIA", proxenos.ObligationWaived, "Καταργήθηκε με την απόφαση 45/2026"
		for _, upd := range []proxenos.ObligationUpdate{{Owner: &owner}, {Status: &waived, WaiverReason: &reason}} {
			if _, err := s.Agreements.UpdateObligation(ctx, w.ID, upd); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Glossary.CreateGlossaryEntry(ctx, &proxenos.GlossaryEntry{Terms: map[string]string{"el": "Δήμος Αμαρουσίου",
			"en": "Municipality of Maroussi"}, CreatedBy: "U1"}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // two equal records: usage has no id
			if err := s.Usage.RecordUsage(ctx, &proxenos.Usage{User: "U1", Model: "gpt-4o-mini", Characters: 1200, PromptTokens: 400,
				CompletionTokens: 380, Duration: 1500 * time.Millisecond, At: time.Date(2026, 4, 3, 10, 0, 0, 0, Athens)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Preferences.SetPreference(ctx, &proxenos.Preference{User: "U1", Lang: i18n.English}); err != nil {
			t.Fatal(err)
		}
		if err := s.Settings.SaveSettings(ctx, NewSettings(i18n.Greek)); err != nil {
			t.Fatal(err)
		}
		for _, user := range []string{"U1", "U2"} {
			_, hash := proxenos.NewCalendarToken()
			if err := s.CalendarFeeds.CreateCalendarFeed(Ctx(team, user), &proxenos.CalendarFeed{TokenHash: hash, Lang: i18n.Greek}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CalendarFeeds.RevokeCalendarFeeds(Ctx(team, "U2")); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 4, 3, 9, 0, 0, 0, Athens)
		d := delivery("call/"+call.ID+"//20270218T160000Z/7d/channel", "A", now)
		if err := s.Reminders.ClaimDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		d.State, d.SentAt, d.Channel, d.TS = proxenos.DeliverySent, now.Add(time.Second), "C0OFFICE", "1712134800.000100"
		if err := s.Reminders.FinishDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		item := proxenos.ItemKey(proxenos.ReminderCallDeadline, call.ID, "", call.Deadlines[0].At)
		for _, m := range []*proxenos.ReminderMark{
			{ItemKey: item, Kind: proxenos.MarkSnoozed, Until: now.Add(48 * time.Hour), By: "U1", At: now},
			{ItemKey: item, Kind: proxenos.MarkDone, By: "U1", At: now.Add(time.Hour)},
		} {
			if err := s.Reminders.AddMark(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Dump returns every record of s as JSON, by "team/kind", in the order
// its registers stream them: two stores holding the same records dump
// alike.
func Dump(t *testing.T, s *storage.Store) map[string][]string {
	t.Helper()
	teams, err := s.Registers.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, team := range teams {
		ctx := Ctx(team, "")
		for _, r := range s.Registers {
			key := team + "/" + r.Kind()
			if err := r.Each(ctx, func(v any) error {
				b, err := json.Marshal(v)
				out[key] = append(out[key], string(b))
				return err
			}); err != nil {
				t.Fatalf("stream %s: %v", team, err)
			}
		}
	}
	return out
}

// copyAll restores every record of from into to, register by register in
// restore order, and returns how many were written.
func copyAll(t *testing.T, from, to *storage.Store) int {
	t.Helper()
	teams, err := from.Registers.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	written := 0
	for _, team := range teams {
		ctx := Ctx(team, "")
		seen := map[string]int{} // equal usage records and marks so far
		for _, r := range from.Registers {
			w := register(t, to, r.Kind())
			if err := r.Each(ctx, func(v any) error {
				n := 0
				if r.Counted() {
					b, _ := json.Marshal(v)
					n = seen[r.Kind()+string(b)]
					seen[r.Kind()+string(b)]++
				}
				wrote, err := w.Restore(ctx, v, n)
				if wrote {
					written++
				}
				return err
			}); err != nil {
				t.Fatalf("restore %s: %v", team, err)
			}
		}
	}
	return written
}

// register returns the register of s called kind.
func register(t *testing.T, s *storage.Store, kind string) records.Register {
	t.Helper()
	r := s.Registers.Find(kind)
	if r == nil {
		t.Fatalf("the store has no register %q", kind)
	}
	return r
}

// RunRestore checks the restore service: every record streams out and
// restores into an empty store as it was, a second restore writes
// nothing, and the restored store goes on working (numbers, claims,
// search, feeds).
func RunRestore(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, Athens))
	src := open(t, clock.Now)
	Seed(t, src)
	want := Dump(t, src)
	dst := open(t, clock.Now)
	written := copyAll(t, src, dst)
	t.Run("OK", func(t *testing.T) {
		total := 0
		for _, records := range want {
			total += len(records)
		}
		if written != total {
			t.Errorf("written %d records, want %d", written, total)
		}
		got := Dump(t, dst)
		for key, records := range want {
			if !slices.Equal(got[key], records) {
				t.Errorf("%s restored as\n%v\nwant\n%v", key, got[key], records)
			}
		}
		if len(got) != len(want) {
			t.Errorf("restored kinds %d, want %d", len(got), len(want))
		}
		if teams, err := dst.Registers.Teams(context.Background()); err != nil || !slices.Equal(teams, []string{Team, OtherTeam}) {
			t.Errorf("Teams = %v (%v), want [%s %s]", teams, err, Team, OtherTeam)
		}
	})
	t.Run("RerunWritesNothing", func(t *testing.T) {
		if n := copyAll(t, src, dst); n != 0 {
			t.Fatalf("second restore wrote %d records, want 0", n)
		}
		if n := copyAll(t, dst, dst); n != 0 {
			t.Fatalf("restore onto itself wrote %d records, want 0", n)
		}
	})
	ctx := Ctx(Team, "U1")
	t.Run("NumbersContinue", func(t *testing.T) {
		c := mustCreate(t, ctx, dst, Entry(Day(2026, 6, 1), "Next entry after the restore"))
		if got, want := c.Protocol.String(), "4/2026"; got != want {
			t.Fatalf("next number %s, want %s", got, want)
		}
		c = mustCreate(t, ctx, dst, Entry(Day(2025, 12, 31), "Late entry of last year"))
		if got, want := c.Protocol.String(), "2/2025"; got != want {
			t.Fatalf("next number %s, want %s", got, want)
		}
	})
	t.Run("HistoryAndSearch", func(t *testing.T) {
		c, err := dst.Correspondence.FindCorrespondenceByNumber(ctx, proxenos.ProtocolNumber{Year: 2026, Number: 2})
		if err != nil || len(c.History) != 1 || c.History[0].Fields[0].Field != "summary" {
			t.Fatalf("restored 2/2026 = %+v (%v), want its edit history", c, err)
		}
		found, n, err := dst.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "πρωτοκολλου"})
		if err != nil || n != 1 || numbers(found)[0] != "2/2026" {
			t.Fatalf("search after restore = %v, %d (%v), want 2/2026", numbers(found), n, err)
		}
		found, n, err = dst.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "πρεσβεια"})
		if err != nil || n != 1 || numbers(found)[0] != "1/2026" || len(found[0].Copies) != 2 {
			t.Fatalf("search by a copy after restore = %v, %d (%v), want 1/2026 with its two copies", numbers(found), n, err)
		}
		_, n, err = dst.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Tag: "Q-Cities"})
		if err != nil || n != 3 {
			t.Fatalf("tag count after restore = %d (%v), want 3", n, err)
		}
		parts, _, err := dst.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: "rossi"})
		if err != nil || len(parts) != 1 || !parts[0].LastContact.Equal(Day(2026, 5, 12)) {
			t.Fatalf("partner search after restore = %+v (%v), want Φαέντσα last met 12/5/2026", parts, err)
		}
		// Its aliases come back, and find it: "δήμου" by the stem of «Δήμος».
		for _, q := range []string{"ville", "δήμου φαέντσας"} {
			parts, _, err := dst.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: q})
			if err != nil || len(parts) != 1 || !slices.Equal(parts[0].Aliases, []string{"Ville de Faenza", "Δήμος Φαέντσας"}) {
				t.Fatalf("partner search %q after restore = %+v (%v), want Φαέντσα with its aliases", q, parts, err)
			}
		}
	})
	t.Run("ErrFulfilledTwice", func(t *testing.T) {
		obls, _, err := dst.Agreements.FindObligations(ctx, proxenos.ObligationFilter{Status: []proxenos.ObligationStatus{proxenos.ObligationDone}})
		if err != nil || len(obls) != 1 {
			t.Fatalf("obligations %v (%v)", obls, err)
		}
		// Reopen the fulfilled occurrence without its fulfilment: only
		// the restored claim can now refuse completing it again.
		o := *obls[0]
		o.Status, o.Due = proxenos.ObligationOpen, o.Fulfilments[0].Due
		o.Fulfilments = nil
		if _, err := register(t, dst, "obligation").Restore(ctx, &o, 0); err != nil {
			t.Fatal(err)
		}
		_, err = completeNow(ctx, dst, o.ID, fulfilment(Day(2026, 4, 21)))
		wantCode(t, err, proxenos.ECONFLICT)
	})
	t.Run("FeedsAndUsage", func(t *testing.T) {
		var live, revoked int
		if err := register(t, dst, "calendar_feed").Each(ctx, func(v any) error {
			f := v.(*proxenos.CalendarFeed)
			_, err := dst.CalendarFeeds.FindCalendarFeed(context.Background(), f.TokenHash)
			switch {
			case f.RevokedAt.IsZero() && err == nil:
				live++
			case !f.RevokedAt.IsZero() && proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
				revoked++
			}
			return nil
		}); err != nil || live != 1 || revoked != 1 {
			t.Fatalf("feeds live %d, revoked %d (%v), want 1 and 1", live, revoked, err)
		}
		sum, err := dst.Usage.SumUsage(ctx, Day(2026, 4, 1), Day(2026, 5, 1))
		if err != nil || sum.Requests != 2 {
			t.Fatalf("usage %+v (%v), want 2 requests", sum, err)
		}
		if p, err := dst.Preferences.FindPreference(ctx, "U1"); err != nil || p.Lang != i18n.English {
			t.Fatalf("preference %+v (%v)", p, err)
		}
	})
	t.Run("ErrNameTaken", func(t *testing.T) {
		_, err := register(t, dst, "partner").Restore(ctx, &proxenos.Partner{ID: "otherid", Name: "ΦΑΕΝΤΣΑ", Kind: proxenos.KindMunicipality}, 0)
		wantCode(t, err, proxenos.ECONFLICT)
	})
}

// RunNumbersAfterGaps imports a legacy register with voided numbers, 1–10
// and 20–30 of 2026: the next entry is 31/2026, after the highest, not
// the first hole, whichever store a process opened before the import, and
// the missing numbers can still be imported afterwards.
func RunNumbersAfterGaps(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	// A number of 2026 taken first, as a running office would have.
	mustCreate(t, ctx, s, Entry(Day(2026, 1, 5), "Πρώτη του έτους"))
	restore := func(n int) {
		t.Helper()
		c := Entry(Day(2026, 2, 1), fmt.Sprintf("Παλαιό %d", n))
		c.Protocol.Number, c.CreatedAt, c.UpdatedAt = n, Day(2026, 2, 1), Day(2026, 2, 1)
		if ok, err := register(t, s, "correspondence").Restore(ctx, c, 0); err != nil || !ok {
			t.Fatalf("import %d/2026: %v, %v", n, ok, err)
		}
	}
	for n := 2; n <= 30; n++ {
		if n <= 10 || n >= 20 {
			restore(n)
		}
	}
	for _, want := range []string{"31/2026", "32/2026"} {
		if got := mustCreate(t, ctx, s, Entry(Day(2026, 3, 1), "Νέο")).Protocol.String(); got != want {
			t.Fatalf("next number %s, want %s", got, want)
		}
	}
	restore(11) // a voided number found later still imports
}
