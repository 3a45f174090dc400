package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/handlers/mou"
	"github.com/proxenos/proxenos/i18n"
)

// mouPartners adds the partners the agreement tests name.
func mouPartners(t *testing.T, env *callEnv) (faenza, ploiesti *proxenos.Partner) {
	t.Helper()
	faenza = env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Country: "IT", Relationship: proxenos.RelSisterCity})
	ploiesti = env.addPartner(t, &proxenos.Partner{Name: "Πλοϊέστι", AltName: "Ploiești", Country: "RO"})
	env.addPartner(t, &proxenos.Partner{Name: "Stadt Köln", Country: "DE"})
	env.addPartner(t, &proxenos.Partner{Name: "Universität zu Köln", Kind: proxenos.KindUniversity, Country: "DE"})
	return faenza, ploiesti
}

// agreements returns the stored agreements of a partner.
func (e *callEnv) agreements(t *testing.T, partnerID string) []*proxenos.Agreement {
	t.Helper()
	found, _, err := e.mous.FindAgreements(e.ctx(), proxenos.AgreementFilter{PartnerID: partnerID})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func TestMouAdd(t *testing.T) {
	env := newCallEnv(t)
	faenza, ploiesti := mouPartners(t, env)
	t.Run("OKGreekKeys", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/mou", `νέα είδος:αδελφοποίηση εταίρος:"Φαέντσα" τίτλος:"Αδελφοποίηση Αμαρουσίου – Φαέντσας" `+
			`υπογραφή:12/05/2019 απόφαση:"ΑΔΣ 123/2019" λήξη:open έγγραφα:<https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ|ΑΔΑ>`)
		text := allText(resp)
		for _, want := range []string{"Καταχωρήθηκε η συμφωνία «Αδελφοποίηση Αμαρουσίου – Φαέντσας».", "Αδελφοποίηση · Φαέντσα · αορίστου χρόνου"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		found := env.agreements(t, faenza.ID)
		if len(found) != 1 {
			t.Fatalf("agreements = %d", len(found))
		}
		a := found[0]
		signed := time.Date(2019, 5, 12, 0, 0, 0, 0, athens)
		if a.Kind != proxenos.AgreementTwinning || a.DecisionRef != "ΑΔΣ 123/2019" || !a.End.IsZero() || !a.Signed.Equal(signed) ||
			!a.Start.Equal(signed) || a.Status != proxenos.AgreementActive || a.CreatedBy != "U1" ||
			len(a.Documents) != 1 || a.Documents[0] != "https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ" {
			t.Errorf("stored %+v", a)
		}
	})
	t.Run("OKEnglishAutoRenewal", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/mou", `add kind:memorandum partner:Ploiești title:"MoU on youth exchanges" `+
			`start:1/1/2024 end:31/12/2026 renewal:auto:3 notice:3m`)
		if !strings.HasPrefix(resp.Text, "Added the agreement “MoU on youth exchanges”.") {
			t.Fatalf("got %q", resp.Text)
		}
		if want := "until 31 Dec 2026 (in 35 days) · draft"; !strings.Contains(resp.Text, want) {
			t.Errorf("reply lacks %q: %q", want, resp.Text)
		}
		// The notice deadline, 30 Sep 2026, has passed: lists leave it out.
		if strings.Contains(resp.Text, "notice by") {
			t.Errorf("reply shows a passed notice deadline: %q", resp.Text)
		}
		a := env.agreements(t, ploiesti.ID)[0]
		if a.Renewal != (proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 3}) || a.Notice != (proxenos.Period{Months: 3}) ||
			a.Status != proxenos.AgreementDraft {
			t.Errorf("stored %+v", a)
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrPartnerRequired", `add kind:twinning title:x`, "Give at least one partner from the directory, e.g. partner:Faenza."},
		{"ErrPartnerUnknown", `add kind:twinning partner:Atlantis title:x`, "No partner “Atlantis” was found. See the list with /partner list or add it with /partner add."},
		{"ErrKind", `add kind:alliance partner:Φαέντσα title:x`, "The kind “alliance” is not known. Choose twinning, friendship, memorandum or network."},
		{"ErrRenewal", `add kind:mou partner:Φαέντσα title:x end:1/1/2030 renewal:sometimes`, "The renewal “sometimes” is not known. Write none, automatic with years (e.g. renew:auto:3) or decision."},
		{"ErrRenewalNeedsEnd", `add kind:mou partner:Φαέντσα title:x renewal:decision`, "An agreement that renews needs an end date, e.g. end:31/12/2030."},
		{"ErrEndBeforeStart", `add kind:mou partner:Φαέντσα title:x start:1/1/2026 end:1/1/2025`, "The end is before the start, e.g. start:01/01/2026 end:31/12/2030."},
		{"ErrNotice", `add kind:mou partner:Φαέντσα title:x notice:soon`, "The period “soon” is not understood. Write e.g. 6m, 90d, 6 months or 90 days (up to 10 years)."},
		{"ErrDate", `add kind:mou partner:Φαέντσα title:x signed:31/02/2026`, "The field “Signed” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“31/02/2026” is not)."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, i18n.English, "/mou", tt.text).Text; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("AmbiguousPartnerOffersChoices", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/mou", `add kind:mou partner:Köln title:x`)
		if !strings.HasPrefix(resp.Text, "“Köln” matches 2 partners; choose one:") {
			t.Errorf("got %q", resp.Text)
		}
	})
	t.Run("NothingStoredOnError", func(t *testing.T) {
		if _, total, _ := env.mous.FindAgreements(env.ctx(), proxenos.AgreementFilter{}); total != 2 {
			t.Errorf("agreements = %d, want 2", total)
		}
	})
}

func TestMouShowAndList(t *testing.T) {
	env := newCallEnv(t)
	faenza, _ := mouPartners(t, env)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, athens) }
	add := func(title string, kind proxenos.AgreementKind, partner *proxenos.Partner, end time.Time, notice proxenos.Period) *proxenos.Agreement {
		a := &proxenos.Agreement{Kind: kind, PartnerIDs: []string{partner.ID}, Title: title, Status: proxenos.AgreementActive,
			Signed: day(2019, 5, 12), Start: day(2019, 5, 12), End: end, Notice: notice}
		if !end.IsZero() {
			a.Renewal = proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 2}
		}
		if err := env.mous.CreateAgreement(env.ctx(), a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	twinning := add("Twinning Maroussi – Faenza", proxenos.AgreementTwinning, faenza, time.Time{}, proxenos.Period{})
	ploiesti := env.agreementsPartner(t, "Ploiești")
	soon := add("Youth exchanges", proxenos.AgreementMemorandum, ploiesti, day(2027, 3, 31), proxenos.Period{Months: 3})
	add("Culture protocol", proxenos.AgreementFriendship, ploiesti, day(2030, 12, 31), proxenos.Period{Months: 6})

	t.Run("OKShowByPartnerName", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/mou", "show comune di faenza"))
		for _, want := range []string{"Twinning Maroussi – Faenza", "*Kind:* Twinning", "*Partners:* Φαέντσα", "*Status:* active",
			"*Signed:* 12 May 2019", "*End:* open-ended", "`" + twinning.ID + "`", "Obligations (0)"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("OKShowByID", func(t *testing.T) {
		text := allText(env.run(t, i18n.Greek, "/mou", "show "+soon.ID))
		for _, want := range []string{"*Λήξη:* 31 Μαρτίου 2027 — σε 125 ημέρες", "*Ανανέωση:* αυτόματη ανανέωση ανά 2 έτη",
			"*Προειδοποίηση καταγγελίας:* 3 μήνες — καταγγελία έως 31 Δεκεμβρίου 2026", "*Λήξη μετά την ανανέωση:* 31 Μαρτίου 2029"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("PartnerWithSeveralListsThem", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/mou", "show Ploiești")
		if got := sectionTexts(resp); len(got) != 3 || !strings.HasPrefix(got[0], "“Ploiești” has 2 agreements; give the id of one:") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/mou", "show Atlantis").Text, "No agreement “Atlantis” was found. See the agreements with /mou list."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	for _, tt := range []struct {
		name, text, title string
		want              []string
	}{
		{"OKAllEndingFirst", "list", "Agreements: 3", []string{"*Youth exchanges* · Memorandum of understanding · Πλοϊέστι · until 31 Mar 2027 (in 125 days) · notice by 31 Dec 2026",
			"*Culture protocol*", "*Twinning Maroussi – Faenza* · Twinning · Φαέντσα · open-ended"}},
		{"OKExpiring", "list expiring", "Active agreements ending within 180 days: 1", []string{"*Youth exchanges*"}},
		{"OKExpiringDays", "list λήγουν 90", "Active agreements ending within 90 days: 0", nil},
		{"OKPartner", "list Πλοϊέστι", "Agreements with Πλοϊέστι: 2", []string{"*Youth exchanges*", "*Culture protocol*"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/mou", tt.text)
			if tt.want == nil {
				// Nothing within the days asked: it says so, and how to see all.
				if got := resp.Text; got != i18n.T(i18n.English, "mou.list.empty_expiring", 90) {
					t.Errorf("got %q", got)
				}
				return
			}
			got := sectionTexts(resp)
			if len(got) != len(tt.want)+1 || got[0] != tt.title {
				t.Fatalf("got %q, want title %q and %d lines", got, tt.title, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i+1], w) {
					t.Errorf("line %d = %q, want prefix %q", i, got[i+1], w)
				}
			}
		})
	}
	t.Run("PartnerShowListsAgreements", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/partner", "show Ploiești"))
		for _, want := range []string{"*Agreements: 2*", "• *Youth exchanges* · Memorandum of understanding · until 31 Mar 2027 (in 125 days)",
			"• *Culture protocol* · Protocol of friendship and cooperation · until 31 Dec 2030"} {
			if !strings.Contains(text, want) {
				t.Errorf("/partner show lacks %q:\n%s", want, text)
			}
		}
	})
}

// agreementsPartner returns the partner named name.
func (e *callEnv) agreementsPartner(t *testing.T, name string) *proxenos.Partner {
	t.Helper()
	p, _, err := lookup.Partners{PartnerService: e.h.Partners}.Resolve(e.ctx(), name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMouObligations(t *testing.T) {
	env := newCallEnv(t)
	mouPartners(t, env)
	env.run(t, i18n.English, "/mou", `add kind:twinning partner:Φαέντσα title:"Twinning Maroussi – Faenza" signed:12/05/2019`)
	var recurring, once *proxenos.Obligation
	t.Run("OKRecurring", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/mou", `oblige Faenza text:"Annual progress report" due:31/03/2027 every:1y owner:<@U5|eleni> lead:30d,7d`)
		if !strings.HasPrefix(resp.Text, "New obligation “Annual progress report” under “Twinning Maroussi – Faenza”.") ||
			!strings.Contains(resp.Text, "Annual progress report — 31 Mar 2027 · in 125 days · every year · <@U5> · reminders 30, 7 days before") {
			t.Fatalf("got %q", resp.Text)
		}
		if strings.Contains(resp.Text, "overdue") {
			t.Errorf("a future obligation is not overdue: %q", resp.Text)
		}
		found, _, err := env.mous.FindObligations(env.ctx(), proxenos.ObligationFilter{})
		if err != nil || len(found) != 1 {
			t.Fatalf("obligations %v, %v", found, err)
		}
		recurring = found[0]
		if recurring.Owner != "U5" || recurring.Recurrence.Months != 12 || fmt.Sprint(recurring.LeadDays) != "[30 7]" ||
			!recurring.Due.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, athens)) {
			t.Errorf("stored %+v", recurring)
		}
	})
	t.Run("OKOnceGreek", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/mou", `υποχρέωση Φαέντσα κείμενο:"Επίσκεψη αντιπροσωπείας" έως:20/11/2026`)
		if !strings.Contains(resp.Text, "Επίσκεψη αντιπροσωπείας — 20 Νοεμβρίου 2026 · εκπρόθεσμη κατά 6 ημέρες") {
			t.Fatalf("got %q", resp.Text)
		}
		// Due before it was logged: taken, with a word on how late it is.
		if !strings.Contains(resp.Text, "⚠️ Η προθεσμία της έχει ήδη περάσει, πριν από 6 ημέρες (20 Νοεμβρίου 2026)") {
			t.Errorf("no overdue warning: %q", resp.Text)
		}
		found, _, _ := env.mous.FindObligations(env.ctx(), proxenos.ObligationFilter{})
		for _, o := range found {
			if o.ID != recurring.ID {
				once = o
			}
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrTextRequired", `oblige Faenza due:31/03/2027`, "Describe the obligation, e.g. text:\"Annual progress report\"."},
		{"ErrDueRequired", `oblige Faenza text:x`, "Give a due date, for recurring ones the first, e.g. due:31/03/2027 every:1y."},
		{"ErrRecurrence", `oblige Faenza text:x due:1/1/2027 every:often`, "The recurrence “often” is not understood. Write e.g. 1y, 6m, yearly, every 6 months or RRULE:FREQ=YEARLY (up to every 10 years)."},
		{"ErrLead", `oblige Faenza text:x due:1/1/2027 lead:1m`, "Reminders are given in days before the due date, 0 to 365, e.g. remind:30,7,1."},
		{"ErrOwner", `oblige Faenza text:x due:1/1/2027 owner:eleni`, "The owner must be a Slack user, e.g. owner:@maria."},
		{"ErrAgreementRequired", `oblige text:x due:1/1/2027`, "Give the agreement the obligation belongs to, e.g. /mou oblige faenza text:\"Annual report\"."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, i18n.English, "/mou", tt.text).Text; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("OKDoneMovesRecurring", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/mou", "done "+recurring.ID+" <https://example.org/report-2026.pdf|report>")
		if got, want := resp.Text, "Recorded the obligation “Annual progress report” (Twinning Maroussi – Faenza) as fulfilled. Next due: 31 Mar 2028 (in 491 days)."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		resp = env.run(t, i18n.Greek, "/mou", "έγινε "+recurring.ID+" ΕΞ 258/2026")
		if got, want := resp.Text, "Καταγράφηκε ότι εκπληρώθηκε η υποχρέωση «Annual progress report» (Twinning Maroussi – Faenza). Επόμενη προθεσμία: 31 Μαρτίου 2029 (σε 856 ημέρες)."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		found, _, _ := env.mous.FindObligations(env.ctx(), proxenos.ObligationFilter{})
		for _, o := range found {
			if o.ID == recurring.ID && (len(o.Fulfilments) != 2 || o.Fulfilments[0].Evidence != "https://example.org/report-2026.pdf" ||
				o.Fulfilments[1].Evidence != "ΕΞ 258/2026" || o.Fulfilments[0].By != "U1" || o.Status != proxenos.ObligationOpen) {
				t.Errorf("stored %+v", o)
			}
		}
	})
	t.Run("OKDoneOnce", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/mou", "done "+once.ID).Text, "Recorded the obligation “Επίσκεψη αντιπροσωπείας” (Twinning Maroussi – Faenza) as fulfilled. It is not due again."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrDoneTwice", func(t *testing.T) {
		// The user learns which occurrence was met, and when.
		if got, want := env.run(t, i18n.English, "/mou", "done "+once.ID).Text, "The occurrence due on 20 Nov 2026 was already recorded as fulfilled (on 26 Nov 2026); nothing was recorded again."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got, want := env.run(t, i18n.Greek, "/mou", "done "+once.ID).Text, "Η προθεσμία της 20 Νοεμβρίου 2026 έχει ήδη καταγραφεί ως εκπληρωμένη (στις 26 Νοεμβρίου 2026)· δεν καταγράφηκε τίποτα ξανά."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrDoneUnknown", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/mou", "done nope").Text, "No obligation “nope” was found. See the obligations with /mou show."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ShowListsObligations", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/mou", "show Faenza"))
		for _, want := range []string{"Obligations (2)", "`" + recurring.ID + "` Annual progress report — 31 Mar 2029 · in 856 days · every year · <@U5>",
			"`" + once.ID + "` Επίσκεψη αντιπροσωπείας — 20 Nov 2026 · done"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
}

func TestMouModal(t *testing.T) {
	env := newCallEnv(t)
	faenza, _ := mouPartners(t, env)
	m := env.run(t, i18n.English, "/mou", "").Modal
	if m == nil || m.CallbackID != mou.ModalCallback || len([]rune(m.Title)) > 24 {
		t.Fatalf("modal = %+v", m)
	}
	submit := func(meta string, values map[string]string) (*chat.Response, chat.FieldErrors) {
		return env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: mou.ModalCallback, Metadata: meta, Values: values})
	}
	valid := func() map[string]string {
		return map[string]string{"kind": "twinning", "partner": "Φαέντσα", "title": "Twinning Maroussi – Faenza",
			"signed": "2019-05-12", "end": "2030-12-31", "renewal": "auto 2", "notice": "6m"}
	}
	for _, tt := range []struct {
		name, field, value, wantField, wantMsg string
	}{
		{"ErrPartnerRequired", "partner", "", "partner", "Give at least one partner from the directory, e.g. partner:Faenza."},
		{"ErrPartnerUnknown", "partner", "Atlantis", "partner", "No partner “Atlantis” was found. See the list with /partner list or add it with /partner add."},
		{"ErrPartnerAmbiguous", "partner", "Köln", "partner", "“Köln” matches several partners: Stadt Köln, Universität zu Köln. Write the full name."},
		{"ErrTitleRequired", "title", "", "title", "Give a title, e.g. title:\"Twinning Maroussi – Faenza\"."},
		{"ErrKind", "kind", "alliance", "kind", "The kind “alliance” is not known. Choose twinning, friendship, memorandum or network."},
		{"ErrEnd", "end", "2018-01-01", "end", "The end is before the start, e.g. start:01/01/2026 end:31/12/2030."},
		{"ErrRenewalYears", "renewal", "auto 50", "renewal", "An automatic renewal runs 1 to 20 years, e.g. renew:auto:3."},
		{"ErrNotice", "notice", "often", "notice", "The period “often” is not understood. Write e.g. 6m, 90d, 6 months or 90 days (up to 10 years)."},
		{"ErrSigned", "signed", "someday", "signed", "The field “Signed” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“someday” is not)."},
		{"ErrDocument", "docs", "diavgeia", "docs", "The document “diavgeia” is not a web link, e.g. https://diavgeia.gov.gr/doc/6ΜΟΜΩΡΦ-56Δ."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := valid()
			v[tt.field] = tt.value
			resp, fe := submit("", v)
			if resp != nil || fe == nil {
				t.Fatalf("got %+v, %v; want field errors", resp, fe)
			}
			if got := fe[tt.wantField]; got != tt.wantMsg {
				t.Errorf("%s: got %q, want %q (all: %v)", tt.wantField, got, tt.wantMsg, fe)
			}
		})
	}
	t.Run("OKCreateThenEdit", func(t *testing.T) {
		resp, fe := submit("", valid())
		if fe != nil || resp == nil || !strings.HasPrefix(resp.Text, "Added the agreement “Twinning Maroussi – Faenza”.") {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		m := env.run(t, i18n.English, "/mou", "edit Faenza").Modal
		if m == nil || m.Metadata == "" {
			t.Fatalf("edit modal = %+v", m)
		}
		values := map[string]string{}
		for _, in := range m.Inputs {
			values[in.ID] = in.Initial
		}
		if values["renewal"] != "auto 2" || values["notice"] != "6m" || values["end"] != "2030-12-31" || values["start"] != "2019-05-12" {
			t.Errorf("initial values %v", values)
		}
		values["notes"], values["status"] = "Renewed by ΑΔΣ 45/2025", "active"
		if resp, fe := submit(m.Metadata, values); fe != nil || resp == nil || !strings.HasPrefix(resp.Text, "Updated the agreement") {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		a := env.agreements(t, faenza.ID)[0]
		if a.Notes != "Renewed by ΑΔΣ 45/2025" || a.Renewal.Years != 2 || len(a.History) != 1 {
			t.Errorf("stored %+v", a)
		}
	})
	t.Run("OKEditInline", func(t *testing.T) {
		if got := env.run(t, i18n.Greek, "/mou", "διόρθωση Φαέντσα προειδοποίηση:90d").Text; !strings.HasPrefix(got, "Διορθώθηκε η συμφωνία") {
			t.Errorf("got %q", got)
		}
		if a := env.agreements(t, faenza.ID)[0]; a.Notice != (proxenos.Period{Days: 90}) || a.Notes == "" {
			t.Errorf("stored %+v", a)
		}
	})
}
