package proxenos_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// faenza returns the sister city as the office keeps it: a Greek name,
// the original name, and the names its letters come signed with.
func faenza() *proxenos.Partner {
	return &proxenos.Partner{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality, Country: "IT",
		Aliases: []string{"Ville de Faenza", "Δήμος Φαέντσας"}}
}

func TestPartner_ValidateAliases(t *testing.T) {
	for _, tt := range []struct {
		name    string
		aliases []string
		key     string // "" for valid
	}{
		{"OKNone", nil, ""},
		{"OKAtLimits", slices.Repeat([]string{strings.Repeat("Φ", proxenos.MaxNameLen)}, proxenos.MaxAliases), ""},
		{"ErrTooMany", slices.Repeat([]string{"Ville de Faenza"}, proxenos.MaxAliases+1), "invalid.too_many"},
		{"ErrTooLong", []string{"Ville de Faenza", strings.Repeat("Φ", proxenos.MaxNameLen+1)}, "invalid.too_long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := faenza()
			p.Aliases = tt.aliases
			err := p.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
			// The message names the field by its label, «Άλλα ονόματα».
			for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
				label := i18n.T(lang, "quoted", i18n.Label(lang, proxenos.Field("aliases")))
				if msg := i18n.ErrorMessage(lang, err); !strings.Contains(msg, " "+label+" ") || strings.Contains(msg, "aliases") {
					t.Errorf("%s message %q does not name the field by its label %s", lang, msg, label)
				}
			}
		})
	}
}

func TestPartner_Aliases(t *testing.T) {
	t.Run("SearchText", func(t *testing.T) {
		words := proxenos.SearchWords(faenza().SearchText()...)
		for _, want := range []string{"ville", "δημοσ", "φαεντσασ"} {
			if !slices.Contains(words, want) {
				t.Errorf("search words %q lack %q", words, want)
			}
		}
	})
	t.Run("Names", func(t *testing.T) {
		p := faenza()
		p.Aliases = append(p.Aliases, " ")
		want := []string{"Φαέντσα", "Comune di Faenza", "Ville de Faenza", "Δήμος Φαέντσας"}
		if got := p.Names(); !reflect.DeepEqual(got, want) {
			t.Errorf("Names() = %q, want %q", got, want)
		}
		if got := (&proxenos.Partner{Name: "Q-Cities"}).Names(); !reflect.DeepEqual(got, []string{"Q-Cities"}) {
			t.Errorf("Names() without original name or aliases = %q", got)
		}
	})
	t.Run("Update", func(t *testing.T) {
		p, src := faenza(), []string{"EUROCITIES"}
		proxenos.PartnerUpdate{}.Apply(p)
		if !reflect.DeepEqual(p.Aliases, faenza().Aliases) {
			t.Fatalf("an update without aliases changed them: %q", p.Aliases)
		}
		proxenos.PartnerUpdate{Aliases: &src}.Apply(p)
		src[0] = "changed by the caller"
		if !reflect.DeepEqual(p.Aliases, []string{"EUROCITIES"}) {
			t.Fatalf("Aliases = %q, want [EUROCITIES] kept as given", p.Aliases)
		}
	})
}
