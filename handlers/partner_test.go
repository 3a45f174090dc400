package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers/lookup"
	"github.com/proxenos/proxenos/i18n"
)

// partnerNamed returns the one partner with exactly that name.
func (e *testEnv) partnerNamed(t *testing.T, name string) *proxenos.Partner {
	t.Helper()
	found, _, err := e.h.Partners.FindPartners(e.ctx(), proxenos.PartnerFilter{Query: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range found {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no partner %q among %d", name, len(found))
	return nil
}

func TestPartnerAdd(t *testing.T) {
	env := newTestEnv(t)
	t.Run("OKGreek", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/partner", `add όνομα:"Φαέντσα" πρωτότυπο:"Comune di Faenza" είδος:δήμος χώρα:it πόλη:Faenza σχέση:αδελφοποίηση έτος:1990 ετικέτες:q-cities, ιταλία`)
		if got, want := resp.Text, "Προστέθηκε ο φορέας *Φαέντσα* (δήμος)."; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		p := env.partnerNamed(t, "Φαέντσα")
		if p.AltName != "Comune di Faenza" || p.Kind != proxenos.KindMunicipality || p.Country != "IT" ||
			p.Relationship != proxenos.RelSisterCity || p.SinceYear != 1990 || strings.Join(p.Tags, "|") != "q-cities|ιταλία" || p.CreatedBy != "U1" {
			t.Errorf("stored %+v", p)
		}
	})
	t.Run("OKEnglishPositionalName", func(t *testing.T) {
		env.run(t, i18n.English, "/partner", `add Q-Cities kind:network rel:network_member web:https://q-cities.example`)
		if p := env.partnerNamed(t, "Q-Cities"); p.Kind != proxenos.KindNetwork || p.Relationship != proxenos.RelNetworkMember {
			t.Errorf("stored %+v", p)
		}
	})
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrNameRequired", `add kind:network`, "The partner's name is missing, e.g. name:\"Faenza\"."},
		{"ErrKind", `add name:X kind:castle`, "The kind “castle” does not exist; write one of: municipality, network, embassy, university, eu_body, ngo, company, other."},
		{"ErrRelationship", `add name:X rel:enemy`, "The relationship “enemy” does not exist; write one of: sister_city, memorandum, network_member, prospect."},
		{"ErrYear", `add name:X since:nineteen`, "The year must have four digits, e.g. since:1990."},
		{"ErrNameTaken", `add name:"ΦΑΕΝΤΣΑ"`, ""},
		{"ErrUnknownFieldDidYouMean", `add name:X contry:IT`, "Unknown field “contry:” — did you mean “country:”?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/partner", tt.text)
			if tt.want == "" {
				if !strings.Contains(resp.Text, "ΦΑΕΝΤΣΑ") || !resp.Ephemeral {
					t.Errorf("got %q", resp.Text)
				}
				return
			}
			if resp.Text != tt.want {
				t.Errorf("got %q, want %q", resp.Text, tt.want)
			}
		})
	}
	t.Run("OKModal", func(t *testing.T) {
		m := env.run(t, i18n.English, "/partner", "add").Modal
		if m == nil || m.CallbackID != "partner_edit" || m.Metadata != "" {
			t.Fatalf("modal = %+v", m)
		}
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: m.CallbackID, Values: map[string]string{"name": "Ploiești", "kind": "municipality", "country": "RO", "rel": "sister_city"}})
		if fe != nil || resp == nil || resp.Text != "Added the partner *Ploiești* (municipality)." {
			t.Fatalf("got %+v, %v", resp, fe)
		}
	})
	t.Run("ErrModalFields", func(t *testing.T) {
		for _, tt := range []struct {
			values    map[string]string
			wantField string
		}{
			{map[string]string{"name": "", "kind": "municipality"}, "name"},
			{map[string]string{"name": "Niš", "kind": "municipality", "since": "soon"}, "since"},
			{map[string]string{"name": "Niš", "kind": "municipality", "country": strings.Repeat("x", 61)}, "country"},
			{map[string]string{"name": "Niš", "kind": "municipality", "country": "Βαλκάνια"}, "country"},
			{map[string]string{"name": "ploiesti", "kind": "municipality"}, "name"},
		} {
			_, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.Greek,
				CallbackID: "partner_edit", Values: tt.values})
			if fe[tt.wantField] == "" {
				t.Errorf("%v: field errors %v, want one on %s", tt.values, fe, tt.wantField)
			}
		}
	})
}

func TestPartnerShowAndAmbiguity(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/partner", `add name:"Stadt Köln" kind:municipality country:DE rel:prospect`)
	env.run(t, i18n.English, "/partner", `add name:"Universität zu Köln" kind:university country:DE`)
	env.run(t, i18n.English, "/partner", `add name:Köln alt:"Köln Tourismus" kind:other country:DE`)
	env.run(t, i18n.English, "/partner", `add name:Φαέντσα alt:"Comune di Faenza" country:IT rel:sister_city since:1990`)
	env.run(t, i18n.English, "/partner", `person Φαέντσα name:"Maria Rossi" role:"Ufficio Gemellaggi" email:m.rossi@example.it langs:IT,en`)
	env.run(t, i18n.English, "/partner", `log Faenza kind:video date:20/11/2026 notes:"CERV preparation"`)
	env.run(t, i18n.English, "/corr", `in from:"Comune di Faenza" subject:"Invito al forum" date:21/11/2026`)

	t.Run("OKShow", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/partner", "show faenza"))
		for _, want := range []string{"Φαέντσα", "Comune di Faenza", "sister city since 1990", "Maria Rossi · Ufficio Gemellaggi · m.rossi@example.it · Italian, English",
			"Correspondence (1 entry)", "*1/2026* IN · 21 Nov 2026", "Latest contacts", "20 Nov 2026 · video call — CERV preparation", "Last contact:* 21 Nov 2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
	})
	// A partner without letters says so once, without "0 in all, latest first".
	t.Run("OKShowNoCorrespondence", func(t *testing.T) {
		text := allText(env.run(t, i18n.Greek, "/partner", "show zu"))
		if want := "*Αλληλογραφία: καμία εγγραφή ακόμη*"; !strings.Contains(text, want) || strings.Contains(text, "συνολικά") {
			t.Errorf("show lacks %q:\n%s", want, text)
		}
	})
	t.Run("OKExactNameWins", func(t *testing.T) {
		resp := env.run(t, i18n.English, "/partner", "show köln")
		if !strings.HasPrefix(resp.Text, "*Köln*") {
			t.Errorf("got %q", resp.Text)
		}
	})
	t.Run("OKSingleWordMatch", func(t *testing.T) {
		if resp := env.run(t, i18n.English, "/partner", "show zu"); !strings.HasPrefix(resp.Text, "*Universität zu Köln*") {
			t.Errorf("got %q", resp.Text)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/partner", "show Lyon").Text, "No partner “Lyon” was found. See the list with /partner list or add it with /partner add."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrWhich", func(t *testing.T) {
		if got := env.run(t, i18n.English, "/partner", "show").Text; got != i18n.T(i18n.English, "partner.required.which") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("FindAndList", func(t *testing.T) {
		for _, tt := range []struct {
			text string
			want []string
		}{
			{"find köln", []string{"Köln", "Stadt Köln", "Universität zu Köln"}},
			{"list", []string{"Köln", "Stadt Köln", "Universität zu Köln", "Φαέντσα"}},
			{"list it", []string{"Φαέντσα"}},
			{"list πανεπιστήμιο", []string{"Universität zu Köln"}},
			{"list αδελφοποίηση", []string{"Φαέντσα"}},
			{"list prospect", []string{"Stadt Köln"}},
		} {
			resp := env.run(t, i18n.Greek, "/partner", tt.text)
			var got []string
			for _, b := range resp.Blocks {
				if s, ok := b.(chat.Section); ok {
					got = append(got, strings.SplitN(strings.TrimPrefix(s.Text, "*"), "*", 2)[0])
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%s: got %q, want %q", tt.text, got, tt.want)
			}
		}
	})
}

func TestPartnerChoices(t *testing.T) {
	env := newTestEnv(t)
	env.addPartner(t, &proxenos.Partner{Name: "Stadt Köln", Country: "DE"})
	env.addPartner(t, &proxenos.Partner{Name: "Universität zu Köln", Kind: proxenos.KindUniversity, Country: "DE"})
	for _, tt := range []struct{ name, text string }{
		{"Show", "show Köln"},
		{"Edit", "edit koln"},
		{"Person", "person Köln name:X"},
		{"Log", "log Köln kind:call"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := env.run(t, i18n.English, "/partner", tt.text)
			if !strings.HasPrefix(resp.Text, "“Köln” matches 2 partners; choose one:") && !strings.HasPrefix(resp.Text, "“koln” matches 2 partners") {
				t.Fatalf("got %q", resp.Text)
			}
			var buttons []chat.Button
			for _, b := range resp.Blocks {
				if a, ok := b.(chat.Actions); ok {
					buttons = a.Buttons
				}
			}
			if len(buttons) != 2 || buttons[0].ActionID != lookup.ActionPartnerShow {
				t.Fatalf("buttons = %+v", buttons)
			}
			shown := env.h.HandleAction(context.Background(), &chat.Action{Team: testTeam, User: "U1", Lang: i18n.English, ActionID: buttons[0].ActionID, Value: buttons[0].Value})
			if !strings.HasPrefix(shown.Text, "*"+buttons[0].Text+"*") {
				t.Errorf("button shows %q", shown.Text)
			}
		})
	}
	t.Run("NothingChanged", func(t *testing.T) {
		if p := env.partnerNamed(t, "Stadt Köln"); len(p.People) != 0 {
			t.Errorf("a person was added to a guessed partner: %+v", p.People)
		}
	})
}

func TestPartnerEditPersonLog(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/partner", `add name:Niš country:RS kind:municipality`)
	t.Run("OKInlineEdit", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/partner", `edit Niš city:Niš rel:memorandum since:2005`).Text, "Updated the partner *Niš*."; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
		if p := env.partnerNamed(t, "Niš"); p.Relationship != proxenos.RelMemorandum || p.SinceYear != 2005 || p.Country != "RS" {
			t.Errorf("stored %+v", p)
		}
	})
	t.Run("OKModalEdit", func(t *testing.T) {
		m := env.run(t, i18n.English, "/partner", "edit nis").Modal
		if m == nil || m.CallbackID != "partner_edit" || m.Metadata == "" {
			t.Fatalf("modal = %+v", m)
		}
		values := map[string]string{}
		for _, in := range m.Inputs {
			values[in.ID] = in.Initial
		}
		if values["name"] != "Niš" || values["since"] != "2005" || values["rel"] != "memorandum" {
			t.Errorf("initial %v", values)
		}
		values["notes"] = "Twinning talks"
		resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.English,
			CallbackID: m.CallbackID, Metadata: m.Metadata, Values: values})
		if fe != nil || resp.Text != "Updated the partner *Niš*." {
			t.Fatalf("got %+v, %v", resp, fe)
		}
		if p := env.partnerNamed(t, "Niš"); p.Notes != "Twinning talks" || p.SinceYear != 2005 {
			t.Errorf("stored %+v", p)
		}
	})
	t.Run("OKPerson", func(t *testing.T) {
		resp := env.run(t, i18n.Greek, "/partner", `person nis όνομα:"Jelena Petrović" ρόλος:Protocol email:j.p@example.rs γλώσσες:sr, en`)
		if got, want := resp.Text, "Προστέθηκε το πρόσωπο επαφής Jelena Petrović στον φορέα «Niš»."; got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrPersonEmail", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/partner", `person Niš name:X email:nope`).Text, "The email “nope” is not valid; write e.g. email:m.rossi@comune.faenza.ra.it."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("OKLog", func(t *testing.T) {
		if got, want := env.run(t, i18n.Greek, "/partner", `log Niš είδος:συνάντηση ημ:χθες σημειώσεις:"Πρόγραμμα 2027"`).Text, "Καταγράφηκε συνάντηση με τον φορέα «Niš», 25 Νοεμβρίου 2026."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrLogKind", func(t *testing.T) {
		if got, want := env.run(t, i18n.English, "/partner", `log Niš kind:party`).Text, "The kind of contact “party” does not exist; write meeting, call, visit, video or event."; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("ErrLogDate", func(t *testing.T) {
		if got := env.run(t, i18n.English, "/partner", `log Niš kind:call date:30/02/2026`).Text; !strings.Contains(got, "“30/02/2026” is not") {
			t.Errorf("got %q", got)
		}
	})
}

// TestPartnerLinksOlderLetters: letters logged before their partner was
// in the directory — under its original name — are linked when it is
// added, said in the answer, and shown on its page; so are those under a
// name it is given later.
func TestPartnerLinksOlderLetters(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.English, "/corr", `in from:"Comune di Faenza" subject:"Gemellaggio 2027"`)
	env.run(t, i18n.English, "/corr", `in from:"COMUNE DI FAENZA" subject:"Programma"`)
	env.run(t, i18n.English, "/corr", `in from:"Comune di Faenza, Ufficio Cultura" subject:"Mostra"`)
	env.run(t, i18n.English, "/corr", `out to:"Città di Ravenna" subject:"Forum"`)
	resp := env.run(t, i18n.Greek, "/partner", `add Φαέντσα alt:"Comune di Faenza" kind:municipality country:IT`)
	if !strings.Contains(resp.Text, "Συνδέθηκαν με τον φορέα «Φαέντσα» 2 παλαιότερες καταχωρήσεις με αυτό το όνομα:") ||
		!strings.Contains(resp.Text, "Gemellaggio 2027") || strings.Contains(resp.Text, "Mostra") {
		t.Fatalf("got %q", resp.Text)
	}
	show := allText(env.run(t, i18n.English, "/partner", "show Φαέντσα"))
	for _, want := range []string{"Gemellaggio 2027", "Programma"} {
		if !strings.Contains(show, want) {
			t.Errorf("partner page lacks %q:\n%s", want, show)
		}
	}
	// A name given later links the letters under it.
	env.run(t, i18n.English, "/partner", `add Ravenna kind:municipality country:IT`)
	resp = env.run(t, i18n.English, "/partner", `edit Ravenna alt:"Città di Ravenna"`)
	if !strings.Contains(resp.Text, "Linked 1 earlier entry under this name to “Ravenna”:") || !strings.Contains(resp.Text, "Forum") {
		t.Fatalf("edit: got %q", resp.Text)
	}
	// Nothing to link: the answer says nothing of it.
	if resp := env.run(t, i18n.English, "/partner", `add Köln kind:municipality country:DE`); strings.Contains(resp.Text, "Linked") {
		t.Errorf("nothing to link: got %q", resp.Text)
	}
}
