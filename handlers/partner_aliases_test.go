package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate/fakellm"
)

// esslingenEnv is a directory with the sister city Esslingen, known by
// the names its letters are signed with, and a university of the same
// town, which shares the word "Esslingen".
func esslingenEnv(t *testing.T) *testEnv {
	t.Helper()
	env := newTestEnv(t)
	resp := env.run(t, i18n.Greek, "/partner", `add όνομα:"Έσλινγκεν" πρωτότυπο:"Esslingen am Neckar" επίσης:"Stadt Esslingen am Neckar, Δήμος Έσλινγκεν, Esslingen" είδος:δήμος χώρα:DE σχέση:αδελφοποίηση`)
	if got, want := resp.Text, "Προστέθηκε ο φορέας *Έσλινγκεν* (δήμος)."; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	env.run(t, i18n.English, "/partner", `add name:"Hochschule Esslingen" kind:university country:DE`)
	return env
}

// TestPartnerAliases_AddShow: aliases typed with the Greek key επίσης: or
// the English aliases: are kept, shown by /partner show, and name the
// partner wherever a partner is named.
func TestPartnerAliases_AddShow(t *testing.T) {
	env := esslingenEnv(t)
	want := []string{"Stadt Esslingen am Neckar", "Δήμος Έσλινγκεν", "Esslingen"}
	if p := env.partnerNamed(t, "Έσλινγκεν"); !slices.Equal(p.Aliases, want) {
		t.Fatalf("stored aliases %q, want %q", p.Aliases, want)
	}
	t.Run("Show", func(t *testing.T) {
		for lang, line := range map[i18n.Lang]string{
			i18n.Greek:   "*Άλλα ονόματα:* Stadt Esslingen am Neckar, Δήμος Έσλινγκεν, Esslingen",
			i18n.English: "*Also known as:* Stadt Esslingen am Neckar, Δήμος Έσλινγκεν, Esslingen",
		} {
			if text := allText(env.run(t, lang, "/partner", "show Έσλινγκεν")); !strings.Contains(text, line) {
				t.Errorf("%s: show lacks %q:\n%s", lang, line, text)
			}
		}
	})
	t.Run("Help", func(t *testing.T) {
		for lang, wants := range map[i18n.Lang][]string{
			i18n.Greek:   {"[επίσης:…]", `επίσης:"Stadt Esslingen am Neckar, Δήμος Έσλινγκεν"`},
			i18n.English: {"[aliases:…]", `aliases:"Stadt Esslingen am Neckar, Ville d'Esslingen"`},
		} {
			text := allText(env.run(t, lang, "/partner", "help"))
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Errorf("%s: /partner help lacks %s:\n%s", lang, want, text)
				}
			}
		}
	})
	t.Run("ShowByAlias", func(t *testing.T) {
		// "Esslingen" is a word of both partners, and an alias of one: it
		// is that one, no choice. «Δήμου Έσλινγκεν» is the genitive.
		for _, name := range []string{"Esslingen", "stadt esslingen am neckar", "ΔΗΜΟΣ ΕΣΛΙΝΓΚΕΝ", "Δήμου Έσλινγκεν"} {
			resp := env.run(t, i18n.Greek, "/partner", "show "+name)
			if len(resp.Blocks) == 0 || resp.Blocks[0] != (chat.Header{Text: "Έσλινγκεν"}) {
				t.Errorf("show %q: got %q, want the page of Έσλινγκεν", name, resp.Text)
			}
		}
	})
	t.Run("PartnerKeyByAlias", func(t *testing.T) {
		env.run(t, i18n.Greek, "/corr", `εισ από:"Stadt Esslingen am Neckar" θέμα:"Städtepartnerschaft 2027"`)
		c := env.find(t, 1)
		if p := env.partnerNamed(t, "Έσλινγκεν"); c.PartnerID != p.ID {
			t.Fatalf("entry linked to %q, want Έσλινγκεν %q", c.PartnerID, p.ID)
		}
		text := allText(env.run(t, i18n.Greek, "/corr", "list φορέας:Esslingen"))
		if !strings.Contains(text, "Städtepartnerschaft 2027") {
			t.Errorf("/corr list φορέας:Esslingen lacks the entry:\n%s", text)
		}
	})
	t.Run("EditEnglishKey", func(t *testing.T) {
		env.run(t, i18n.English, "/partner", `edit Έσλινγκεν aliases: Stadt Esslingen am Neckar, EUROCITIES Esslingen`)
		p := env.partnerNamed(t, "Έσλινγκεν")
		if want := []string{"Stadt Esslingen am Neckar", "EUROCITIES Esslingen"}; !slices.Equal(p.Aliases, want) {
			t.Fatalf("aliases %q, want %q", p.Aliases, want)
		}
		if p.AltName != "Esslingen am Neckar" || p.Relationship != proxenos.RelSisterCity {
			t.Errorf("the edit changed other fields: %+v", p)
		}
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		many := make([]string, proxenos.MaxAliases+1)
		for i := range many {
			many[i] = fmt.Sprintf("Esslingen %d", i+1)
		}
		resp := env.run(t, i18n.Greek, "/partner", `edit Έσλινγκεν επίσης:"`+strings.Join(many, ", ")+`"`)
		if want := "Το πεδίο «Άλλα ονόματα» έχει πάρα πολλά στοιχεία· το όριο είναι 10."; resp.Text != want {
			t.Errorf("got %q, want %q", resp.Text, want)
		}
	})
}

// TestPartnerAliases_Form: the partner form shows the aliases with a
// hint, and keeps what is submitted; too many are shown on the field.
func TestPartnerAliases_Form(t *testing.T) {
	env := esslingenEnv(t)
	m := env.run(t, i18n.Greek, "/partner", "edit Έσλινγκεν").Modal
	if m == nil {
		t.Fatal("no form")
	}
	i := slices.IndexFunc(m.Inputs, func(in chat.Input) bool { return in.ID == "aliases" })
	if i < 0 {
		t.Fatalf("the form has no aliases field: %+v", m.Inputs)
	}
	in := m.Inputs[i]
	if in.Label != "Άλλα ονόματα" || !strings.Contains(in.Hint, "χωρισμένα με κόμματα") || !in.Optional ||
		in.Initial != "Stadt Esslingen am Neckar, Δήμος Έσλινγκεν, Esslingen" {
		t.Fatalf("aliases field %+v", in)
	}
	values := initials(m)
	values["aliases"] = "Stadt Esslingen am Neckar, Δήμος Έσλινγκεν, Große Kreisstadt Esslingen"
	resp, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.Greek,
		CallbackID: m.CallbackID, Metadata: m.Metadata, Values: values})
	if fe != nil || resp == nil || resp.Text != "Διορθώθηκε ο φορέας *Έσλινγκεν*." {
		t.Fatalf("got %+v, %v", resp, fe)
	}
	want := []string{"Stadt Esslingen am Neckar", "Δήμος Έσλινγκεν", "Große Kreisstadt Esslingen"}
	if p := env.partnerNamed(t, "Έσλινγκεν"); !slices.Equal(p.Aliases, want) {
		t.Errorf("stored %q, want %q", p.Aliases, want)
	}
	if got := initials(env.run(t, i18n.Greek, "/partner", "edit Έσλινγκεν").Modal)["aliases"]; got != strings.Join(want, ", ") {
		t.Errorf("the form again shows %q", got)
	}
	values["aliases"] = strings.Repeat("Esslingen, ", proxenos.MaxAliases+1)
	_, fe = env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.Greek,
		CallbackID: m.CallbackID, Metadata: m.Metadata, Values: values})
	if !strings.Contains(fe["aliases"], "το όριο είναι 10") {
		t.Errorf("field errors %v, want too many on aliases", fe)
	}
}

// TestLogMessage_Alias: a letter signed with one of a partner's aliases,
// from a domain none of its people write from, prefills the form with
// the partner's name; so does one signed with a unit of it after a dash.
func TestLogMessage_Alias(t *testing.T) {
	env, _ := logEnv(t)
	env.addPartner(t, &proxenos.Partner{Name: "Φαέντσα", AltName: "Faenza", Country: "IT",
		Aliases: []string{"Comune di Faenza", "Ville de Faenza"}})
	env.addPartner(t, &proxenos.Partner{Name: "Έσλινγκεν", AltName: "Esslingen am Neckar", Country: "DE",
		Aliases: []string{"Stadt Esslingen am Neckar", "Δήμος Έσλινγκεν"}})
	env.addPartner(t, &proxenos.Partner{Name: "Hochschule Esslingen", Kind: proxenos.KindUniversity, Country: "DE"})
	for i, tt := range []struct {
		name, from, address, subject, want string
	}{
		{"Alias", "Stadt Esslingen am Neckar", "partnerschaften@esslingen.de", "Besuch der Delegation im März", "Έσλινγκεν"},
		{"AliasAndUnit", "Comune di Faenza — Ufficio Gemellaggi", "gemellaggi@romagnafaentina.it", "Invito al Palio del Niballo", "Φαέντσα"},
		{"GreekAliasAndUnit", "Δήμος Έσλινγκεν – Γραφείο Αδελφοποιήσεων", "info@esslingen-partner.de", "Πρόσκληση στη γιορτή κρασιού", "Έσλινγκεν"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := logEmail(t, env, fmt.Sprintf("8.%d", i), tt.from, tt.address, tt.subject)
			if got := initials(m)["counterpart"]; got != tt.want {
				t.Errorf("counterpart %q, want the partner %q", got, tt.want)
			}
		})
	}
}

// TestPartnerAliases_LinksOlderLetters: letters logged under a name
// before it was given to the partner as an alias are linked to it then.
func TestPartnerAliases_LinksOlderLetters(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/corr", `εισ από:"Ville de Faenza" θέμα:"Jumelage 2027"`)
	env.run(t, i18n.Greek, "/corr", `εισ από:"Δήμος Φαέντσας" θέμα:"Ευχαριστήρια επιστολή"`)
	env.run(t, i18n.Greek, "/partner", `add Φαέντσα πρωτότυπο:"Faenza" είδος:δήμος χώρα:IT`)
	resp := env.run(t, i18n.Greek, "/partner", `edit Φαέντσα επίσης:"Ville de Faenza, Δήμος Φαέντσας"`)
	for _, want := range []string{"Συνδέθηκαν με τον φορέα «Φαέντσα» 2 παλαιότερες καταχωρήσεις", "Jumelage 2027", "Ευχαριστήρια επιστολή"} {
		if !strings.Contains(resp.Text, want) {
			t.Errorf("edit: %q lacks %q", resp.Text, want)
		}
	}
}

// TestTranslate_AliasKept: an alias of a partner in the text is sent to
// the model as a name to keep as written.
func TestTranslate_AliasKept(t *testing.T) {
	env := newTranslateEnv(t, fakellm.Options{})
	env.addPartner(t, &proxenos.Partner{Name: "Έσλινγκεν", AltName: "Esslingen am Neckar", Country: "DE",
		Aliases: []string{"Stadt Esslingen am Neckar", "EUROCITIES"}})
	env.translate(t, i18n.Greek, "Ο Δήμος Αμαρουσίου και η Stadt Esslingen am Neckar, μέλη του δικτύου EUROCITIES, υπογράφουν.", nil)
	prompt := env.systemPrompt(t)
	for _, want := range []string{`"Stadt Esslingen am Neckar"`, `"EUROCITIES"`} {
		if !strings.Contains(prompt, want) {
			t.Errorf("system prompt lacks %s:\n%s", want, prompt)
		}
	}
}

// TestPartnerAliases_LinkWords: a name written with its words in another
// order and linked ("Municipality of Limassol", «Δήμος της Λεμεσού») finds
// the partner known as "Limassol Municipality"; words it lacks still find
// nothing.
func TestPartnerAliases_LinkWords(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/partner", `add όνομα:"Λεμεσός" επίσης:"Limassol Municipality, Δήμος Λεμεσού" χώρα:CY`)
	for _, name := range []string{"Municipality of Limassol", "MUNICIPALITY OF LIMASSOL", "Δήμος της Λεμεσού"} {
		resp := env.run(t, i18n.Greek, "/partner", "show "+name)
		if len(resp.Blocks) == 0 || resp.Blocks[0] != (chat.Header{Text: "Λεμεσός"}) {
			t.Errorf("show %q: got %q, want the page of Λεμεσός", name, resp.Text)
		}
	}
	if resp := env.run(t, i18n.Greek, "/partner", "show Municipality of Larnaca"); !strings.Contains(resp.Text, "Δεν βρέθηκε φορέας") {
		t.Errorf("show Municipality of Larnaca: %q, want not found", resp.Text)
	}
}
