package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// TestCountryFields checks that countries are kept as ISO codes however
// they are typed, and that one that names no country is refused with an
// example, on the command line and in the forms.
func TestCountryFields(t *testing.T) {
	env := newTestEnv(t)
	for i, typed := range []string{"Κύπρος", "κυπρος", "Cyprus", "cy", `"Κύπρου"`} {
		t.Run("OKCorr_"+typed, func(t *testing.T) {
			env.run(t, i18n.Greek, "/corr", `εισ από:Λεμεσός θέμα:Πρόσκληση χώρα:`+typed)
			if got := env.find(t, i+1).Country; got != "CY" {
				t.Errorf("country = %q, want CY", got)
			}
		})
	}
	t.Run("OKPartner", func(t *testing.T) {
		env.run(t, i18n.English, "/partner", `add name:"Δήμος Λεμεσού" kind:municipality country:"Κύπρος"`)
		if got := env.partnerNamed(t, "Δήμος Λεμεσού").Country; got != "CY" {
			t.Errorf("country = %q, want CY", got)
		}
	})
	t.Run("OKEdit", func(t *testing.T) {
		env.run(t, i18n.Greek, "/corr", `edit 1 χώρα:"Ηνωμένο Βασίλειο"`)
		if got := env.find(t, 1).Country; got != "GB" {
			t.Errorf("country = %q, want GB", got)
		}
	})
	for _, tt := range []struct {
		name, command, text, want string
		lang                      i18n.Lang
	}{
		{"ErrCorrGreek", "/corr", `εισ από:x θέμα:y χώρα:Βαλκάνια`,
			"Το πεδίο «Χώρα» θέλει χώρα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. CY, Κύπρος ή Cyprus («Βαλκάνια» δεν είναι).", i18n.Greek},
		{"ErrCorrEnglish", "/corr", `in from:x subject:y country:EU`,
			"The field “Country” needs a country, as a two-letter code or a name, e.g. CY, Cyprus or Κύπρος (“EU” is not).", i18n.English},
		{"ErrPartner", "/partner", `add name:Atlantis country:Atlantis`,
			"The field “Country” needs a country, as a two-letter code or a name, e.g. CY, Cyprus or Κύπρος (“Atlantis” is not).", i18n.English},
		{"ErrCorrList", "/corr", `list χώρα:Λεμεσός`,
			"Το πεδίο «Χώρα» θέλει χώρα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. CY, Κύπρος ή Cyprus («Λεμεσός» δεν είναι).", i18n.Greek},
		{"ErrPartnerList", "/partner", `list Βαλκάνια`,
			"Το «Βαλκάνια» δεν είναι είδος, σχέση ή χώρα· π.χ. /partner list CY, /partner list Κύπρος ή /partner list δήμος.", i18n.Greek},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := env.run(t, tt.lang, tt.command, tt.text).Text; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("ErrForm", func(t *testing.T) {
		_, fe := env.h.HandleSubmission(context.Background(), &chat.Submission{Team: testTeam, User: "U1", Lang: i18n.Greek,
			CallbackID: "corr_new", Values: map[string]string{"direction": "in", "counterpart": "x", "subject": "y", "date": "2026-11-20", "country": "Βαλκάνια"}})
		if !strings.Contains(fe["country"], "π.χ. CY, Κύπρος ή Cyprus") {
			t.Errorf("field errors %v, want the example on country", fe)
		}
	})
}

// TestCountryFilters checks that the filters read a country as the
// fields do, so that every spelling finds the same records, and that the
// counterpart's partner lends its country as a code.
func TestCountryFilters(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/partner", `add name:"Δήμος Λεμεσού" kind:δήμος country:Κύπρος`)
	env.run(t, i18n.Greek, "/partner", `add name:Πλοϊέστι kind:δήμος country:RO`)
	env.run(t, i18n.Greek, "/corr", `εισ από:"Δήμος Λεμεσού" θέμα:Πρόσκληση`) // the partner's country
	env.run(t, i18n.Greek, "/corr", `εξ προς:Πλοϊέστι θέμα:Απάντηση`)
	if got := env.find(t, 1).Country; got != "CY" {
		t.Fatalf("country from the partner = %q, want CY", got)
	}
	for _, w := range []string{"CY", "cy", "Κύπρος", "ΚΥΠΡΟΣ", "Cyprus", "Κύπρου"} {
		t.Run("Partner_"+w, func(t *testing.T) {
			text := allText(env.run(t, i18n.Greek, "/partner", "list "+w))
			if !strings.Contains(text, "Φορείς: 1") || !strings.Contains(text, "Δήμος Λεμεσού") {
				t.Errorf("/partner list %s:\n%s", w, text)
			}
		})
		t.Run("Corr_"+w, func(t *testing.T) {
			text := allText(env.run(t, i18n.Greek, "/corr", `list χώρα:"`+w+`"`))
			if !strings.Contains(text, "1/2026") || strings.Contains(text, "2/2026") {
				t.Errorf("/corr list χώρα:%s:\n%s", w, text)
			}
		})
	}
	t.Run("PartnerFindCountry", func(t *testing.T) {
		text := allText(env.run(t, i18n.Greek, "/partner", "find Ρουμανία"))
		if !strings.Contains(text, "Πλοϊέστι") {
			t.Errorf("/partner find Ρουμανία:\n%s", text)
		}
	})
	t.Run("CorrSearchCountry", func(t *testing.T) {
		text := allText(env.run(t, i18n.English, "/corr", "search Romania"))
		if !strings.Contains(text, "2/2026") || strings.Contains(text, "1/2026") {
			t.Errorf("/corr search Romania:\n%s", text)
		}
	})
}

// TestCountryNames checks that codes are shown as names in the reader's
// language: entries, partners, their people's languages and the export.
func TestCountryNames(t *testing.T) {
	env := newTestEnv(t)
	env.run(t, i18n.Greek, "/partner", `add name:Φαέντσα kind:δήμος country:IT`)
	env.run(t, i18n.Greek, "/partner", `person Φαέντσα name:"Maria Rossi" langs:it, en`)
	created := allText(env.run(t, i18n.Greek, "/corr", `εισ από:"Stadt Köln" θέμα:Einladung χώρα:DE γλώσσα:de`))
	if !strings.Contains(created, "Γερμανία") {
		t.Errorf("created lacks Γερμανία:\n%s", created)
	}
	for _, tt := range []struct {
		lang          i18n.Lang
		command, text string
		want          []string
	}{
		{i18n.Greek, "/corr", "show 1", []string{"*Χώρα:* Γερμανία", "*Γλώσσα:* γερμανικά"}},
		{i18n.English, "/corr", "show 1", []string{"*Country:* Germany", "*Language:* German"}},
		{i18n.Greek, "/partner", "list", []string{"Ιταλία"}},
		{i18n.English, "/partner", "list", []string{"Italy"}},
		{i18n.Greek, "/partner", "show Φαέντσα", []string{"Ιταλία", "Maria Rossi · ιταλικά, αγγλικά"}},
		{i18n.English, "/partner", "show Φαέντσα", []string{"Italy", "Maria Rossi · Italian, English"}},
	} {
		t.Run(string(tt.lang)+tt.command+" "+tt.text, func(t *testing.T) {
			text := allText(env.run(t, tt.lang, tt.command, tt.text))
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("lacks %q:\n%s", want, text)
				}
			}
		})
	}
	t.Run("Export", func(t *testing.T) {
		for _, tt := range []struct {
			lang             i18n.Lang
			sep              rune
			country, langTxt string
		}{{i18n.Greek, ';', "Γερμανία", "γερμανικά"}, {i18n.English, ',', "Germany", "German"}} {
			rows := readCSV(t, env.run(t, tt.lang, "/corr", "export"), tt.sep)
			if got := [2]string{rows[1][5], rows[1][8]}; got != [2]string{tt.country, tt.langTxt} {
				t.Errorf("%s: country, language = %q, want %q, %q", tt.lang, got, tt.country, tt.langTxt)
			}
		}
	})
	t.Run("KeptAsWritten", func(t *testing.T) {
		// A country an earlier version kept as written, and that names no
		// country, is shown as written.
		c := env.find(t, 1)
		legacy := "Βαλκάνια"
		if _, err := env.corr.UpdateCorrespondence(env.ctx(), c.Protocol, proxenos.CorrespondenceUpdate{Country: &legacy}); err != nil {
			t.Fatal(err)
		}
		if text := allText(env.run(t, i18n.Greek, "/corr", "show 1")); !strings.Contains(text, "*Χώρα:* Βαλκάνια") {
			t.Errorf("show:\n%s", text)
		}
	})
}
