package handlers_test

import (
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// TestLangFields checks the language fields of the registers, typed as
// names, and their refusals naming the field.
func TestLangFields(t *testing.T) {
	env := newTestEnv(t)
	t.Run("OKCorrName", func(t *testing.T) {
		env.run(t, i18n.Greek, "/corr", `εισ από:x θέμα:y γλώσσα:γερμανικά`)
		if got := env.find(t, 1).Language; got != "de" {
			t.Errorf("lang = %q, want de", got)
		}
	})
	t.Run("ErrCorrGreek", func(t *testing.T) {
		want := "Το πεδίο «Γλώσσα» θέλει γλώσσα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. de ή γερμανικά («κλίνγκον» δεν είναι)."
		if got := env.run(t, i18n.Greek, "/corr", `εισ από:x θέμα:y γλώσσα:κλίνγκον`).Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("OKPersonLangs", func(t *testing.T) {
		env.addPartner(t, &proxenos.Partner{Name: "Comune di Faenza", Country: "IT"})
		env.run(t, i18n.English, "/partner", `person Faenza name:"Maria Rossi" langs:Italiano, English`)
		p := env.partnerNamed(t, "Comune di Faenza")
		if len(p.People) != 1 || len(p.People[0].Languages) != 2 || p.People[0].Languages[0] != "it" || p.People[0].Languages[1] != "en" {
			t.Errorf("people = %+v", p.People)
		}
	})
	t.Run("ErrPersonLangs", func(t *testing.T) {
		want := "The field “Languages” needs a language, as a two-letter code or a name, e.g. de or German (“elvish” is not)."
		if got := env.run(t, i18n.English, "/partner", `person Faenza name:"Luca Bianchi" langs:it, elvish`).Text; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}
