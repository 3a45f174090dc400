package handlers

import (
	"reflect"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

func TestParseArgs(t *testing.T) {
	for _, tt := range []struct {
		name       string
		text       string
		wantFields map[string]string
		wantWords  []string
	}{
		{"OK", `from:"Stadt Köln" subject:"Einladung zum Forum" date:20/11/2026 lang:de`,
			map[string]string{"from": "Stadt Köln", "subject": "Einladung zum Forum", "date": "20/11/2026", "lang": "de"}, nil},
		{"GreekKeys", `από:«Δήμος Φαέντσας» θέμα:“Πρόσκληση” ημ:20/11/2026 γλώσσα:it`,
			map[string]string{"from": "Δήμος Φαέντσας", "subject": "Πρόσκληση", "date": "20/11/2026", "lang": "it"}, nil},
		{"AccentlessAndCapitalKeys", `ΑΠΟ:Köln Θεμα:x`,
			map[string]string{"from": "Köln", "subject": "x"}, nil},
		{"SpaceAfterColon", `subject: "Forum" lang: de`,
			map[string]string{"subject": "Forum", "lang": "de"}, nil},
		{"MultiWordRunsToNextKey", `subject: Einladung zum Forum date:20 Νοεμβρίου 2026 lang:de`,
			map[string]string{"subject": "Einladung zum Forum", "date": "20 Νοεμβρίου 2026", "lang": "de"}, nil},
		{"SingleWordValueLeavesRest", `42/2026 lang:de extra words`,
			map[string]string{"lang": "de"}, []string{"42/2026", "extra", "words"}},
		{"CommaContinuesList", `tags: forum, cerv lang:de`,
			map[string]string{"tags": "forum, cerv", "lang": "de"}, nil},
		{"URLIsNotAKey", `attach:https://example.org/a.pdf`,
			map[string]string{"attach": "https://example.org/a.pdf"}, nil},
		{"UnclosedQuote", `subject:"Forum`, map[string]string{"subject": "Forum"}, nil},
		{"EmptyValue", `subject: lang:de`, map[string]string{"subject": "", "lang": "de"}, nil},
		{"AbbreviatedGreekKeys", `ημ/νία:3/11 Αρ.:Prot.-Nr. 17`,
			map[string]string{"date": "3/11", "ref": "Prot.-Nr. 17"}, nil},
		// Σχετ. is "in reply to" an entry of the register, never the
		// sender's number.
		{"InReplyTo", `Σχετ.:12/2026 θέμα:Απάντηση`,
			map[string]string{"related": "12/2026", "subject": "Απάντηση"}, nil},
		{"ProtocolAbbreviation", `Αρ.Πρωτ.: 1234/2026`,
			map[string]string{"ref": "1234/2026"}, nil},
		{"QuoteEndsMultiWordValue", `θέμα:"Πρόσκληση σε φόρουμ" 3/11`,
			map[string]string{"subject": "Πρόσκληση σε φόρουμ"}, []string{"3/11"}},
		{"CommaContinuesIntoQuote", `tags: forum, "urban agenda"`,
			map[string]string{"tags": "forum, urban agenda"}, nil},
		{"CopiesAbbreviation", `Κοιν.: Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου θέμα:x`,
			map[string]string{"cc": "Πρεσβεία της Ιταλίας, Γραφείο Δημάρχου", "subject": "x"}, nil},
		{"CopiesGreekWord", `ΚΟΙΝΟΠΟΙΗΣΗ:«Q-Cities» κοινοποίηση_x`,
			map[string]string{"cc": "Q-Cities"}, []string{"κοινοποίηση_x"}},
		{"CopiesEnglishKeys", `copies:Ghent to:Umeå`, map[string]string{"cc": "Ghent", "to": "Umeå"}, nil},
		{"CopiesCC", `CC: "Mayor's office"`, map[string]string{"cc": "Mayor's office"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseArgs(tt.text, corrLogSpec)
			if err != nil {
				t.Fatalf("ParseArgs(%q): %v", tt.text, err)
			}
			if !reflect.DeepEqual(got.Fields, tt.wantFields) {
				t.Errorf("fields = %q, want %q", got.Fields, tt.wantFields)
			}
			if !reflect.DeepEqual(got.Words, tt.wantWords) {
				t.Errorf("words = %q, want %q", got.Words, tt.wantWords)
			}
		})
	}
}

func TestParseArgsErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"ErrUnknownFieldDidYouMean", `subjct:"Forum"`, "Unknown field “subjct:” — did you mean “subject:”?"},
		{"ErrUnknownGreekFieldDidYouMean", `θεμμα:"Forum"`, "Unknown field “θεμμα:” — did you mean “θέμα:”?"},
		{"ErrUnknownFieldList", `colour:red`, "Unknown field “colour:”. Here I accept: attach, cc, country, date, from, lang, medium, ref, related, subject, summary, tags, to."},
		{"ErrKnownKeyNotHere", `partner:Faenza`, "Unknown field “partner:”. Here I accept: attach, cc, country, date, from, lang, medium, ref, related, subject, summary, tags, to."},
		{"ErrDuplicateCopies", `cc:a κοιν.:b`, "The field “Copies” was given twice; keep one value."},
		{"ErrDuplicateField", `subject:a θέμα:b`, "The field “Subject” was given twice; keep one value."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArgs(tt.text, corrLogSpec)
			if got := proxenos.ErrorCode(err); got != proxenos.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", got, proxenos.EINVALID, err)
			}
			if got := i18n.ErrorMessage(i18n.English, err); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParseArgs(f *testing.F) {
	for _, seed := range []string{
		`from:"Stadt Köln" subject:"Einladung" date:20/11/2026`, `θέμα:«x» από:“y”`, `a:b:c::`, `"`, `“`, `«»`,
		`subject: tags:a,`, "tags:\u00a0,,", `:::`, `x: "unterminated`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		args, err := ParseArgs(text, corrLogSpec)
		if err != nil {
			if proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Fatalf("error code %q for %q", proxenos.ErrorCode(err), text)
			}
			return
		}
		for k := range args.Fields {
			if _, ok := corrLogSpec[k]; !ok {
				t.Fatalf("field %q not in spec for %q", k, text)
			}
		}
	})
}

// corrLogSpec is the spec of /corr in and out, the richest the registers
// give ParseArgs.
var corrLogSpec = ArgSpec{
	"from": true, "to": true, "cc": true, "country": false, "subject": true, "summary": true, "date": true,
	"lang": false, "medium": false, "ref": true, "attach": false, "tags": false, "related": false,
}

func BenchmarkParseArgs(b *testing.B) {
	text := `από:"Stadt Köln" θέμα:"Einladung zum Forum der Partnerstädte" ημ:20 Νοεμβρίου 2026 γλώσσα:de tags: forum, cities, cerv`
	for b.Loop() {
		if _, err := ParseArgs(text, corrLogSpec); err != nil {
			b.Fatal(err)
		}
	}
}
