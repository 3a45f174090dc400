package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/corr"
	"github.com/proxenos/proxenos/i18n"
)

// find returns entry n/2026 from the store.
func (e *testEnv) find(t *testing.T, n int) *proxenos.Correspondence {
	t.Helper()
	c, err := e.corr.FindCorrespondenceByNumber(e.ctx(), proxenos.ProtocolNumber{Year: 2026, Number: n})
	if err != nil {
		t.Fatalf("find %d/2026: %v", n, err)
	}
	return c
}

// addPartner stores a partner directly.
func (e *testEnv) addPartner(t *testing.T, p *proxenos.Partner) *proxenos.Partner {
	t.Helper()
	if p.Kind == "" {
		p.Kind = proxenos.KindMunicipality
	}
	if err := e.h.Partners.CreatePartner(e.ctx(), p); err != nil {
		t.Fatalf("create partner %s: %v", p.Name, err)
	}
	return p
}

func TestCorrLog(t *testing.T) {
	env := newTestEnv(t)
	t.Run("OKEnglishKeys", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:"Einladung zum Forum" date:20/11/2026 lang:DE medium:email ref:"ΙΡΙΔΑ 1234" tags:forum,cities attach:https://example.org/a.pdf`)
		if got, want := resp.Text, "Logged 1/2026 IN — Einladung zum Forum"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		if resp.Ephemeral {
			t.Error("a logged entry should be visible to the channel")
		}
		c := env.find(t, 1)
		if c.Direction != proxenos.Incoming || c.Counterpart != "Stadt Köln" || c.Language != "de" ||
			c.Medium != proxenos.MediumEmail || c.ExternalRef != "ΙΡΙΔΑ 1234" || c.LoggedBy != "U1" {
			t.Errorf("stored %+v", c)
		}
		if want := time.Date(2026, 11, 20, 0, 0, 0, 0, athens); !c.Date.Equal(want) {
			t.Errorf("date = %v, want %v", c.Date, want)
		}
		if got, want := strings.Join(c.Tags, "|"), "forum|cities"; got != want {
			t.Errorf("tags = %q, want %q", got, want)
		}
		if got, want := strings.Join(c.Attachments, "|"), "https://example.org/a.pdf"; got != want {
			t.Errorf("attachments = %q, want %q", got, want)
		}
	})
	t.Run("OKGreekKeys", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/corr", `εξ προς:«Comune di Faenza» θέμα:“Πρόγραμμα επίσκεψης” ημ:20 Νοεμβρίου 2026 μέσο:επιστολή`)
		if got, want := resp.Text, "Καταχωρήθηκε 2/2026 ΕΞ — Πρόγραμμα επίσκεψης"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		c := env.find(t, 2)
		if c.Direction != proxenos.Outgoing || c.Counterpart != "Comune di Faenza" || c.Medium != proxenos.MediumLetter {
			t.Errorf("stored %+v", c)
		}
	})
	t.Run("OKDateDefaultsToToday", func(t *testing.T) {
		env.run(t, i18n.English, "/corr", `out to:Niš subject:Thanks`)
		if got, want := env.find(t, 3).Date, time.Date(2026, 11, 26, 0, 0, 0, 0, athens); !got.Equal(want) {
			t.Errorf("date = %v, want %v", got, want)
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrSubjectRequired", `in from:"Stadt Köln"`, "The subject is missing, e.g. subject:\"Invitation to the forum\"."},
		{"ErrCounterpartRequired", `in subject:Forum`, "The sender or recipient is missing, e.g. from:\"Stadt Köln\" or to:\"Comune di Faenza\"."},
		{"ErrImpossibleDate", `in from:x subject:y date:31/02/2026`, "The field “Date” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“31/02/2026” is not)."},
		{"ErrYear", `in from:x subject:y date:01/01/0001`, "The field “Date” needs a date with a year from 1900 to 2076, e.g. 20/11/2026 (“01/01/0001” is not)."},
		{"ErrYearAhead", `in from:x subject:y date:1/1/2077`, "The field “Date” needs a date with a year from 1900 to 2076, e.g. 20/11/2026 (“1/1/2077” is not)."},
		{"ErrLang", `in from:x subject:y lang:klingon`, "The field “Language” needs a language, as a two-letter code or a name, e.g. de or German (“klingon” is not)."},
		{"ErrLangCode", `in from:x subject:y lang:zz`, "The field “Language” needs a language, as a two-letter code or a name, e.g. de or German (“zz” is not)."},
		{"ErrMedium", `in from:x subject:y medium:pigeon`, "The medium “pigeon” does not exist; write email, letter or other, e.g. medium:letter."},
		{"ErrUnknownFieldDidYouMean", `in from:x subjet:y`, "Unknown field “subjet:” — did you mean “subject:”?"},
		{"ErrTooLong", `in from:x subject:"` + strings.Repeat("a", 301) + `"`, "The field “Subject” is too long: 301 characters, and the limit is 300. Please shorten it."},
		{"ErrStrayWords", `in Stadt Köln`, "I do not know which field “Stadt Köln” belongs to. Put it in a field, quoted if it has spaces, e.g. subject:\"Invitation to the forum\"."},
		{"ErrFromAndTo", `in from:a to:b subject:c`, "An incoming letter has a sender: give it with from:, e.g. /corr in from:\"Comune di Faenza\" subject:\"Invitation\". For a letter you send, /corr out to:…."},
		{"ErrToIncoming", `in to:"Comune di Faenza" subject:c`, "An incoming letter has a sender: give it with from:, e.g. /corr in from:\"Comune di Faenza\" subject:\"Invitation\". For a letter you send, /corr out to:…."},
		{"ErrFromOutgoing", `out from:"Comune di Faenza" subject:c`, "An outgoing letter has a recipient: give it with to:, e.g. /corr out to:\"Comune di Faenza\" subject:\"Reply\". For a letter you received, /corr in from:…."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/corr", tt.text)
			if resp.Text != tt.want {
				t.Errorf("got %q, want %q", resp.Text, tt.want)
			}
			if !resp.Ephemeral {
				t.Error("errors should be ephemeral")
			}
		})
	}
	t.Run("ErrGreekMessage", func(t *testing.T) {
		if got, want := env.run(t, i18n.Greek, "/corr", `εισ από:x θέμα:y ημ:31/02/2026`).Text, "Το πεδίο «Ημερομηνία» πρέπει να είναι ημερομηνία, π.χ. 20/11/2026 ή 20 Νοεμβρίου 2026 («31/02/2026» δεν είναι)."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrGreekYear", func(t *testing.T) {
		if got, want := env.run(t, i18n.Greek, "/corr", `εισ από:x θέμα:y ημ:01/01/0001`).Text, "Το πεδίο «Ημερομηνία» θέλει ημερομηνία με έτος από 1900 έως 2076, π.χ. 20/11/2026 («01/01/0001» δεν είναι)."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("NothingStoredOnError", func(t *testing.T) {
		if _, total, _ := env.corr.FindCorrespondence(env.ctx(), proxenos.CorrespondenceFilter{}); total != 3 {
			t.Errorf("total = %d, want 3", total)
		}
	})
}

// TestCorrLogOncePerRequest is a /corr in run again under its request id,
// as the intake does after a crash: the first run's entry and answer,
// and no second entry.
func TestCorrLogOncePerRequest(t *testing.T) {
	env := newTestEnv(t)
	run := func(id string) *chat.Response {
		return env.h.HandleCommand(context.Background(), &chat.Request{ID: id, Team: testTeam, User: "U1", Channel: "C1",
			Lang: i18n.Greek, Command: "/corr", Text: `εισ από:"Stadt Köln" θέμα:"Πρόσκληση στο φόρουμ"`})
	}
	first, again := run("R-crashed"), run("R-crashed")
	if want := "Καταχωρήθηκε 1/2026 ΕΙΣ — Πρόσκληση στο φόρουμ"; first.Text != want || again.Text != want {
		t.Fatalf("answers %q and %q, want %q twice", first.Text, again.Text, want)
	}
	if got, want := run("R-next").Text, "Καταχωρήθηκε 2/2026 ΕΙΣ — Πρόσκληση στο φόρουμ"; got != want {
		t.Fatalf("another request: %q, want %q", got, want)
	}
	if _, total, err := env.corr.FindCorrespondence(env.ctx(), proxenos.CorrespondenceFilter{}); err != nil || total != 2 {
		t.Fatalf("%d entries (%v), want 2", total, err)
	}
}

func TestCorrPartnerLink(t *testing.T) {
	env := newTestEnv(t)
	faenza := env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Country: "IT", Relationship: proxenos.RelSisterCity})
	env.addPartner(t, &proxenos.Partner{Name: "Stadt Köln", Country: "DE"})
	env.addPartner(t, &proxenos.Partner{Name: "Universität zu Köln", Kind: proxenos.KindUniversity, Country: "DE"})
	t.Run("OKExactAltName", func(t *testing.T) {
		env.run(t, i18n.English, "/corr", `out to:"comune di faenza" subject:Visit`)
		c := env.find(t, 1)
		if c.PartnerID != faenza.ID || c.Country != "IT" {
			t.Errorf("partner %q country %q, want %q IT", c.PartnerID, c.Country, faenza.ID)
		}
	})
	t.Run("OKGivenCountryKept", func(t *testing.T) {
		env.run(t, i18n.English, "/corr", `in from:Φαεντσα subject:Reply country:gr`)
		if c := env.find(t, 2); c.PartnerID != faenza.ID || c.Country != "GR" {
			t.Errorf("partner %q country %q", c.PartnerID, c.Country)
		}
	})
	t.Run("Ambiguous", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", `in from:Köln subject:Forum`)
		if !strings.HasPrefix(resp.Text, "Logged 3/2026 IN — Forum") {
			t.Fatalf("got %q", resp.Text)
		}
		for _, want := range []string{"not linked", "Stadt Köln", "Universität zu Köln"} {
			if !strings.Contains(resp.Text, want) {
				t.Errorf("reply lacks %q: %q", want, resp.Text)
			}
		}
		if c := env.find(t, 3); c.PartnerID != "" || c.Counterpart != "Köln" {
			t.Errorf("partner %q counterpart %q, want free text", c.PartnerID, c.Counterpart)
		}
	})
	t.Run("Unknown", func(t *testing.T) {
		env.run(t, i18n.English, "/corr", `in from:"Ville de Lyon" subject:Hello`)
		if c := env.find(t, 4); c.PartnerID != "" {
			t.Errorf("linked to %q", c.PartnerID)
		}
	})
}

func TestCorrModal(t *testing.T) {
	env := newTestEnv(t)
	resp := env.run(t, i18n.Greek, "/corr", "")
	m := resp.Modal
	if m == nil || m.CallbackID != "corr_new" || m.Metadata != "" {
		t.Fatalf("modal = %+v", m)
	}
	var ids []string
	for _, in := range m.Inputs {
		ids = append(ids, in.ID)
	}
	if got, want := strings.Join(ids, ","), "direction,counterpart,cc,subject,date,summary,country,lang,medium,ref,attach,tags,related"; got != want {
		t.Errorf("inputs = %s, want %s", got, want)
	}
	if len([]rune(m.Title)) > 24 {
		t.Errorf("title %q is longer than Slack allows", m.Title)
	}
	submit := func(meta string, values map[string]string) (*chat.Response, chat.FieldErrors) {
		return env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: "corr_new", Metadata: meta, Values: values})
	}
	valid := func() map[string]string {
		return map[string]string{"direction": "in", "counterpart": "Stadt Köln", "subject": "Forum", "date": "2026-11-20"}
	}
	for _, tt := range []struct {
		name, field, value, wantField, wantMsg string
	}{
		{"ErrSubjectRequired", "subject", " ", "subject", "The subject is missing, e.g. subject:\"Invitation to the forum\"."},
		{"ErrCounterpartRequired", "counterpart", "", "counterpart", "The sender or recipient is missing, e.g. from:\"Stadt Köln\" or to:\"Comune di Faenza\"."},
		{"ErrDateRequired", "date", "", "date", "Date must be a date, e.g. 20/11/2026."},
		{"ErrDateImpossible", "date", "31/02/2026", "date", "The field “Date” must be a date, e.g. 20/11/2026 or 20 Nov 2026 (“31/02/2026” is not)."},
		{"ErrLang", "lang", "$where", "lang", "The field “Language” needs a language, as a two-letter code or a name, e.g. de or German (“$where” is not)."},
		{"ErrDateFuture", "date", "2027-12-07", "date", "The document's date (date:) cannot be after the day it is registered (26 Nov 2026): you wrote 7 Dec 2027. Give the date the document bears, e.g. date:20/11/2026."},
		{"ErrDateYear", "date", "0001-01-01", "date", "The field “Date” needs a date with a year from 1900 to 2076, e.g. 20/11/2026 (“0001-01-01” is not)."},
		{"ErrDirection", "direction", "sideways", "direction", "Choose whether the document is incoming or outgoing, e.g. /corr in or /corr out."},
		{"ErrSummaryTooLong", "summary", strings.Repeat("λ", 4001), "summary", "The field “Summary” is too long: 4001 characters, and the limit is 4000. Please shorten it."},
		{"ErrTooManyTags", "tags", strings.Repeat("t,", 21), "tags", "The field “Tags” has too many items; the limit is 20."},
		{"ErrTooManyCopies", "cc", strings.Repeat("Q-Cities, ", 21), "cc", "The field “Copies” has too many items; the limit is 20."},
		{"ErrCopyTooLong", "cc", "Q-Cities, " + strings.Repeat("Δ", 201), "cc", "The field “Copies” is too long: 201 characters, and the limit is 200. Please shorten it."},
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
	t.Run("OK", func(t *testing.T) {
		resp, fe := submit("", valid())
		if fe != nil || resp == nil || resp.Text != "Logged 1/2026 IN — Forum" {
			t.Fatalf("got %+v, %v", resp, fe)
		}
	})
	t.Run("ErrUnknownCallback", func(t *testing.T) {
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English, CallbackID: "nope"})
		if fe != nil || resp == nil || resp.Text != i18n.T(i18n.English, "help.unknown_form") {
			t.Fatalf("got %+v, %v", resp, fe)
		}
	})
}

func TestCorrEdit(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:"Einladung" date:20/11/2026 tags:forum`)
	t.Run("OKModalFilledIn", func(t *testing.T) {
		m := env.run(t, i18n.English, "/corr", "edit 1/2026").Modal
		if m == nil || m.CallbackID != "corr_new" || m.Metadata != "1/2026" {
			t.Fatalf("modal = %+v", m)
		}
		initial := map[string]string{}
		for _, in := range m.Inputs {
			initial[in.ID] = in.Initial
		}
		if initial["subject"] != "Einladung" || initial["date"] != "2026-11-20" || initial["direction"] != "in" || initial["tags"] != "forum" {
			t.Errorf("initial values %v", initial)
		}
		initial["subject"] = "Einladung zum Forum"
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U2", Lang: i18n.English,
			CallbackID: m.CallbackID, Metadata: m.Metadata, Values: initial})
		if fe != nil || resp == nil || resp.Text != "Updated 1/2026 IN — Einladung zum Forum" {
			t.Fatalf("got %+v, %v", resp, fe)
		}
	})
	t.Run("OKInline", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/corr", `edit 1 θέμα:"Πρόσκληση σε φόρουμ" μέσο:email`)
		if got, want := resp.Text, "Διορθώθηκε 1/2026 ΕΙΣ — Πρόσκληση σε φόρουμ"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		c := env.find(t, 1)
		if c.Counterpart != "Stadt Köln" || c.Medium != proxenos.MediumEmail || strings.Join(c.Tags, ",") != "forum" {
			t.Errorf("inline edit touched other fields: %+v", c)
		}
	})
	t.Run("ErrModalInvalid", func(t *testing.T) {
		_, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: "corr_new", Metadata: "1/2026", Values: map[string]string{"direction": "in", "counterpart": "x", "subject": "", "date": "2026-11-20"}})
		if fe["subject"] == "" {
			t.Fatalf("field errors = %v", fe)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/corr", "edit 99/2026").Text, "There is no entry with protocol number 99/2026."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrNumber", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/corr", "edit abc").Text, "The protocol number “abc” is not recognised; write e.g. 42/2026."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ShowHistory", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "show 1/2026")
		text := allText(resp)
		for _, want := range []string{"1/2026 IN", "Πρόσκληση σε φόρουμ", "Stadt Köln", "20 Nov 2026", "Edit history",
			"<@U2>: Subject: Einladung → Einladung zum Forum", "Subject: Einladung zum Forum → Πρόσκληση σε φόρουμ", "Medium: — → email", "forum"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
	// A Greek reader reads the history in Greek: labels, dates, and «—»
	// for an empty value.
	t.Run("ShowHistoryGreek", func(t *testing.T) {
		env.run(t, i18n.Greek, "/corr", "edit 1 ημ:19/11/2026")
		defer env.run(t, i18n.Greek, "/corr", "edit 1 ημ:20/11/2026")
		text := allText(env.run(t, i18n.Greek, "/corr", "show 1/2026"))
		for _, want := range []string{"Θέμα: Einladung → Einladung zum Forum", "Μέσο: — → email",
			"Ημερομηνία: 20 Νοεμβρίου 2026 → 19 Νοεμβρίου 2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("ShowByButton", func(t *testing.T) {
		resp := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Lang: i18n.English, ActionID: corr.ActionCorrShow, Value: "1/2026"})
		if !strings.Contains(resp.Text, "Stadt Köln") {
			t.Errorf("got %q", resp.Text)
		}
		resp = env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Lang: i18n.English, ActionID: corr.ActionCorrEdit, Value: "1/2026"})
		if resp.Modal == nil || resp.Modal.Metadata != "1/2026" {
			t.Errorf("edit button: %+v", resp)
		}
	})
}

func TestCorrListAndSearch(t *testing.T) {
	env := newTestEnv(t)
	faenza := env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Country: "IT"})
	ctx := env.ctx()
	add := func(dir proxenos.Direction, date time.Time, counterpart, subject, country string, tags ...string) {
		c := &proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026}, Direction: dir, Date: date, Registered: date,
			Counterpart: counterpart, Subject: subject, Country: country, Tags: tags, LoggedBy: "U1"}
		if counterpart == "Comune di Faenza" {
			c.PartnerID = faenza.ID
		}
		if err := env.corr.CreateCorrespondence(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, athens) }
	add(proxenos.Incoming, day(7, 10), "Stadt Köln", "Einladung zum Forum", "DE", "forum")
	add(proxenos.Outgoing, day(8, 1), "Comune di Faenza", "Programma della visita", "IT")
	add(proxenos.Incoming, day(11, 20), "Comune di Faenza", "Invito al forum", "IT", "forum")
	for i := range 22 {
		add(proxenos.Outgoing, day(3, 1+i), "Q-Cities", "Newsletter", "BE")
	}
	lines := func(resp *chat.Response) []string {
		var out []string
		for _, b := range resp.Blocks {
			if s, ok := b.(chat.Section); ok {
				out = append(out, s.Text)
			}
		}
		return out
	}
	t.Run("OKLatestFirstWithMore", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "list")
		got := lines(resp)
		if len(got) != proxenos.DefaultListLimit || !strings.Contains(got[0], "3/2026") || !strings.Contains(got[1], "2/2026") {
			t.Fatalf("lines = %q", got)
		}
		if !strings.Contains(resp.Text, "Correspondence: 25 entries") || !strings.Contains(resp.Text, "…and 5 more.") {
			t.Errorf("text lacks count or more: %q", resp.Text)
		}
	})
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"OKDirection", "list in", []string{"3/2026", "1/2026"}},
		{"OKGreekDirectionAndPeriod", "list εισ 2026-Q3", []string{"1/2026"}},
		{"OKMonth", "list 2026-11", []string{"3/2026"}},
		{"OKCountry", "list country:de", []string{"1/2026"}},
		{"OKTag", "list tag:forum", []string{"3/2026", "1/2026"}},
		{"OKPartner", "list partner:faenza", []string{"3/2026", "2/2026"}},
		{"OKFromTo", "list from:1/8/2026 to:20/11/2026", []string{"3/2026", "2/2026"}},
		{"OKFromSender", "list from:köln", []string{"1/2026"}},
		{"OKToRecipient", "list προς:faenza", []string{"2/2026"}},
		{"OKSenderAndDate", "list from:faenza to:1/12/2026", []string{"3/2026"}},
		{"OKSearch", "search forum", []string{"3/2026", "1/2026"}},
		{"OKSearchCaseAndAccents", "search KOLN", []string{"1/2026"}},
		{"OKSearchPrefix", "search einlad", []string{"1/2026"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.Greek, "/corr", tt.text)
			got := lines(resp)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %q, want %v (text %q)", len(got), got, tt.want, resp.Text)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], "*"+w+"*") {
					t.Errorf("line %d = %q, want %s", i, got[i], w)
				}
			}
		})
	}
	t.Run("ErrPeriod", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/corr", "list someday").Text, "The period “someday” is not recognised; write e.g. 2026, 2026-11, 2026-Q3, 20/11/2026 or “last month”."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrSearchEmpty", func(t *testing.T) {
		if got := env.run(t, i18n.English, "/corr", "search  ").Text; got != i18n.T(i18n.English, "corr.required.query") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if got := env.run(t, i18n.Greek, "/corr", "list 2020").Text; got != "Δεν βρέθηκαν εγγραφές." {
			t.Errorf("got %q", got)
		}
	})
}

func TestCorrCopies(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/corr", `εξ προς:"Comune di Faenza" Κοιν.: Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου θέμα:"Πρόγραμμα επίσκεψης"`)
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:Einladung cc:"<!channel> & <@U999>"`)
	env.run(t, i18n.English, "/corr", `in from:Niš subject:Thanks`)
	t.Run("OKGreekAbbreviation", func(t *testing.T) {
		if got, want := strings.Join(env.find(t, 1).Copies, "|"), "Πρεσβεία της Ιταλίας|Γραφείο Δημάρχου"; got != want {
			t.Errorf("copies = %q, want %q", got, want)
		}
	})
	for _, tt := range []struct {
		name, text, want string
		lang             i18n.Lang
	}{
		{"ShowGreek", "show 1/2026", "*Κοινοποίηση:* Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου", i18n.Greek},
		{"ShowEnglish", "show 1/2026", "*Copies:* Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου", i18n.English},
		{"ShowEscaped", "show 2/2026", "*Copies:* &lt;!channel&gt; &amp; &lt;@U999&gt;", i18n.English},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, tt.lang, "/corr", tt.text)
			if text := mrkdwnText(resp); !strings.Contains(text, tt.want) || strings.Contains(text, "<!channel>") {
				t.Errorf("show lacks %q or pings:\n%s", tt.want, text)
			}
		})
	}
	t.Run("ShowNoCopiesNoLine", func(t *testing.T) {
		if text := allText(env.run(t, i18n.English, "/corr", "show 3/2026")); strings.Contains(text, "Copies") {
			t.Errorf("show of an entry without copies names them:\n%s", text)
		}
	})
	t.Run("SearchByCopy", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/corr", "search πρεσβεια ιταλιας")
		if !strings.Contains(resp.Text, "Search results: 1") || !strings.Contains(resp.Text, "*1/2026*") {
			t.Errorf("got %q, want 1/2026", resp.Text)
		}
	})
	t.Run("EditInline", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/corr", `edit 1 copies:Q-Cities, "Mayor's office"`).Text, "Updated 1/2026 OUT — Πρόγραμμα επίσκεψης"; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		c := env.find(t, 1)
		if got, want := strings.Join(c.Copies, "|"), "Q-Cities|Mayor's office"; got != want || c.Counterpart != "Comune di Faenza" {
			t.Errorf("copies = %q (counterpart %q), want %q", got, c.Counterpart, want)
		}
		text := allText(env.run(t, i18n.English, "/corr", "show 1/2026"))
		if want := "Copies: Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου → Q-Cities, Mayor's office"; !strings.Contains(text, want) {
			t.Errorf("history lacks %q:\n%s", want, text)
		}
		// The search follows the edit: the old copies no longer find it.
		for q, want := range map[string]string{"πρεσβεια": "No entries found.", "mayor": "Search results: 1"} {
			if got := env.run(t, i18n.English, "/corr", "search "+q).Text; !strings.HasPrefix(got, want) {
				t.Errorf("search %s = %q, want %q", q, got, want)
			}
		}
	})
	t.Run("EditModalClears", func(t *testing.T) {
		m := env.run(t, i18n.English, "/corr", "edit 1/2026").Modal
		values := map[string]string{}
		for _, in := range m.Inputs {
			values[in.ID] = in.Initial
		}
		if got, want := values["cc"], "Q-Cities, Mayor's office"; got != want {
			t.Fatalf("initial copies %q, want %q", got, want)
		}
		values["cc"] = ""
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: m.CallbackID, Metadata: m.Metadata, Values: values})
		if fe != nil || resp == nil {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		if c := env.find(t, 1); c.Copies != nil {
			t.Errorf("copies = %q after clearing, want none", c.Copies)
		}
	})
	t.Run("ErrTooManyCopies", func(t *testing.T) {
		text := `out to:Ghent subject:x cc:` + strings.Repeat("Umeå, ", proxenos.MaxCopies) + "Ghent"
		if got, want := env.run(t, i18n.English, "/corr", text).Text, "The field “Copies” has too many items; the limit is 20."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// TestCorrShowCounterpart checks that an incoming entry names its sender
// and an outgoing one its recipient.
func TestCorrShowCounterpart(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/corr", `εισ από:"Stadt Köln" θέμα:Πρόσκληση`)
	env.run(t, i18n.Greek, "/corr", `εξ προς:"Comune di Faenza" θέμα:Απάντηση`)
	for n, want := range map[string]string{"1/2026": "*Αποστολέας:* Stadt Köln", "2/2026": "*Παραλήπτης:* Comune di Faenza"} {
		if text := allText(env.run(t, i18n.Greek, "/corr", "show "+n)); !strings.Contains(text, want) {
			t.Errorf("show %s lacks %q:\n%s", n, want, text)
		}
	}
}

// TestCorrCounterpartKeyGreek: an outgoing letter logged with από: is
// refused in Greek, saying which key it takes, and nothing is stored.
func TestCorrCounterpartKeyGreek(t *testing.T) {
	env := newTestEnv(t)
	resp := env.run(t, i18n.Greek, "/corr", `εξ από:"Comune di Faenza" θέμα:"Απάντηση"`)
	if !strings.HasPrefix(resp.Text, "Μια εξερχόμενη έχει παραλήπτη: δώστε τον με προς:") {
		t.Fatalf("got %q", resp.Text)
	}
	if _, total, err := env.corr.FindCorrespondence(env.ctx(), proxenos.CorrespondenceFilter{}); err != nil || total != 0 {
		t.Fatalf("stored %d entries (%v), want none", total, err)
	}
}

// TestCorrInReplyTo: σχετ: names the entry a letter answers; it must be
// an entry of the register, and the sender's own number goes under αρ:.
func TestCorrInReplyTo(t *testing.T) {
	env := newTestEnv(t)
	year := testNow.Year()
	first := env.run(t, i18n.Greek, "/corr", `εισ από:"Comune di Faenza" θέμα:"Πρόσκληση" αρ:"Prot. 4521/2026"`)
	if !strings.Contains(first.Text, fmt.Sprintf("1/%d", year)) {
		t.Fatalf("first entry: %q", first.Text)
	}
	reply := env.run(t, i18n.Greek, "/corr", fmt.Sprintf(`εξ προς:"Comune di Faenza" θέμα:"Απάντηση" σχετ:1-%d`, year))
	if !strings.Contains(reply.Text, fmt.Sprintf("2/%d", year)) {
		t.Fatalf("reply: %q", reply.Text)
	}
	if c := env.find(t, 1); c.ExternalRef != "Prot. 4521/2026" || c.RelatedID != "" {
		t.Errorf("1/%d: ref %q related %q, want the sender's number as ref", year, c.ExternalRef, c.RelatedID)
	}
	if c := env.find(t, 2); c.RelatedID != fmt.Sprintf("1/%d", year) || c.ExternalRef != "" {
		t.Errorf("2/%d: related %q ref %q, want in reply to 1/%d", year, c.RelatedID, c.ExternalRef, year)
	}
	resp := env.run(t, i18n.Greek, "/corr", fmt.Sprintf(`εξ προς:"Comune di Faenza" θέμα:"Υπενθύμιση" σχετ:9/%d`, year))
	if want := fmt.Sprintf("Δεν υπάρχει καταχώρηση 9/%d στο πρωτόκολλο.", year); !strings.HasPrefix(resp.Text, want) {
		t.Errorf("missing entry: got %q, want %q…", resp.Text, want)
	}
}

// A document dated after today is refused, naming the field with an
// example, and takes no number (issue 16: 7/12/2027 became 8/2026).
func TestCorrLogFutureDate(t *testing.T) {
	env := newTestEnv(t)
	for lang, want := range map[i18n.Lang]string{
		i18n.Greek:   "Η ημερομηνία του εγγράφου (ημ:) δεν μπορεί να είναι μεταγενέστερη της ημέρας καταχώρησης (26 Νοεμβρίου 2026): γράψατε 7 Δεκεμβρίου 2027. Γράψτε την ημερομηνία που φέρει το έγγραφο, π.χ. ημ:20/11/2026.",
		i18n.English: "The document's date (date:) cannot be after the day it is registered (26 Nov 2026): you wrote 7 Dec 2027. Give the date the document bears, e.g. date:20/11/2026.",
	} {
		resp := env.run(t, lang, "/corr", `εισ από:"Stadt Köln" θέμα:"Πρόσκληση" ημ:7/12/2027`)
		if !strings.Contains(resp.Text, want) {
			t.Errorf("%s: got %q, want %q", lang, resp.Text, want)
		}
	}
	if _, n, err := env.corr.FindCorrespondence(env.ctx(), proxenos.CorrespondenceFilter{}); err != nil || n != 0 {
		t.Fatalf("entries = %d (%v), want none", n, err)
	}
}

// TestCorrTwoDates: an entry shows the day it was registered and the
// document's own date, in its page and in lists, as a protocol book.
func TestCorrTwoDates(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/corr", `εισ από:"Stadt Köln" θέμα:"Πρόσκληση" ημ:20/11/2026`)
	show := allText(env.run(t, i18n.Greek, "/corr", "show 1"))
	for _, want := range []string{"*Καταχώρηση:* 26 Νοεμβρίου 2026", "*Ημερομηνία εγγράφου:* 20 Νοεμβρίου 2026"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if list := allText(env.run(t, i18n.English, "/corr", "list")); !strings.Contains(list, "20 Nov 2026 (logged 26 Nov 2026)") {
		t.Errorf("list: %s", list)
	}
	// Logged on the day of the letter: one date.
	env.run(t, i18n.English, "/corr", `in from:"Stadt Köln" subject:"Programme"`)
	if list := allText(env.run(t, i18n.English, "/corr", "list")); strings.Contains(list, "26 Nov 2026 (logged") {
		t.Errorf("same day shown twice: %s", list)
	}
}
