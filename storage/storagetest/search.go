package storagetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunSearch checks search in Greek and English: accents, case, final
// sigma, word prefixes, ranking, and partner search.
func RunSearch(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	entries := []struct {
		date                          time.Time
		subject, counterpart, country string
		tags                          []string
		ref                           string
	}{
		{Day(2026, 1, 5), "Συνάντηση στην Αθήνα για το δίκτυο", "Q-Cities", "Βέλγιο", []string{"δίκτυα"}, "ΙΡΙΔΑ 1522"}, // 1/2026
		{Day(2026, 2, 5), "ΕΠΙΣΚΕΨΗ ΑΝΤΙΠΡΟΣΩΠΕΙΑΣ ΑΠΟ ΤΗΝ ΑΘΗΝΑ", "Stadt Köln", "Γερμανία", nil, ""},                   // 2/2026
		{Day(2026, 3, 5), "Einladung zum Forum der Städte", "Stadt Koeln", "Germany", []string{"forum"}, ""},            // 3/2026
		{Day(2026, 4, 5), "Οδός Αθηνάς: ονομασία", "Δήμος Νις", "Σερβία", nil, ""},                                      // 4/2026
		{Day(2026, 5, 5), "Town twinning CERV-2027 call", "Comune di Faenza", "Italy", []string{"CERV"}, "A/77"},        // 5/2026
		{Day(2026, 6, 5), "Forumul orașelor, Ploiești", "Ploiești", "România", nil, ""},                                 // 6/2026
	}
	for _, e := range entries {
		c := Entry(e.date, e.subject)
		c.Counterpart, c.Country, c.Tags, c.ExternalRef = e.counterpart, e.country, e.tags, e.ref
		mustCreate(t, ctx, s, c)
	}
	for _, tt := range []struct {
		name, query string
		want        []string
	}{
		{"Accents", "Αθήνα", []string{"2/2026", "1/2026", "4/2026"}},
		{"Capitals", "ΑΘΗΝΑ", []string{"2/2026", "1/2026", "4/2026"}},
		{"NoAccents", "αθηνα", []string{"2/2026", "1/2026", "4/2026"}},
		{"FinalSigma", "οδος", []string{"4/2026"}},
		{"FinalSigmaCapital", "ΟΔΟΣ", []string{"4/2026"}},
		{"Umlaut", "koln", []string{"2/2026"}},
		{"UmlautQuery", "Köln", []string{"2/2026"}},
		{"Prefix", "επισκ", []string{"2/2026"}},
		{"PrefixLatin", "forum", []string{"3/2026", "6/2026"}},
		{"PrefixOfTwoWords", "δικτυ", []string{"1/2026"}},
		{"TwoWordPrefixes", "συναντ αθ", []string{"1/2026"}},
		{"TwoLetterPrefix", "αθ", []string{"4/2026", "2/2026", "1/2026"}},
		{"TwoLetterPrefixLatin", "st", []string{"3/2026", "2/2026"}},
		{"AccentedPrefix", "Αθή", []string{"4/2026", "2/2026", "1/2026"}},
		{"FinalSigmaAccented", "Οδός", []string{"4/2026"}},
		{"WholeWordAndPrefix", "αθηνα επισκ", []string{"2/2026"}},
		{"TwoPrefixes", "forum oras", []string{"6/2026"}},
		{"TwoPrefixesReversed", "oras forum", []string{"6/2026"}},
		{"ShortWordNarrows", "forum ploiesti", []string{"6/2026"}},
		{"EveryWordMustMatch", "αθηνα forum", nil},
		{"Counterpart", "faenza", []string{"5/2026"}},
		{"Country", "γερμανια", []string{"2/2026"}},
		{"Tag", "cerv", []string{"5/2026"}},
		{"ProtocolNumber", "5 2026", []string{"5/2026"}},
		{"ExternalRef", "1522", []string{"1/2026"}},
		{"Diacritics", "ploiesti", []string{"6/2026"}},
		{"Punctuation", "CERV-2027", []string{"5/2026"}},
		{"NoMatch", "zzz", nil},
		{"OnlyPunctuation", "!!", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(numbers(got), nonNil(tt.want)) || total != len(tt.want) {
				t.Fatalf("search %q: got %v (total %d), want %v", tt.query, numbers(got), total, tt.want)
			}
		})
	}
	t.Run("Ranking", func(t *testing.T) {
		// Whole-word matches first, newest first; then prefix matches,
		// newest first; paging runs across both tiers.
		r := open(t, time.Now)
		for _, subj := range []string{"forum", "forumul", "forum again", "forums", "the forum"} {
			mustCreate(t, ctx, r, Entry(Day(2026, 7, 1), subj))
		}
		want := []string{"5/2026", "3/2026", "1/2026", "4/2026", "2/2026"}
		got, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "Forum"})
		if err != nil || !reflect.DeepEqual(numbers(got), want) || total != 5 {
			t.Fatalf("got %v (total %d, %v), want %v", numbers(got), total, err, want)
		}
		for off := 0; off < 5; off++ {
			page, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "forum", Offset: off, Limit: 2})
			if err != nil || total != 5 || !reflect.DeepEqual(numbers(page), want[off:min(off+2, 5)]) {
				t.Fatalf("offset %d: got %v (total %d, %v), want %v", off, numbers(page), total, err, want[off:min(off+2, 5)])
			}
		}
	})
	t.Run("RankingManyWords", func(t *testing.T) {
		// Every word whole first; then every word at least a prefix;
		// a document lacking one word is out, whichever word it lacks.
		r := open(t, time.Now)
		for _, subj := range []string{"city forum", "city forums", "cityhall forum", "forum", "city"} {
			mustCreate(t, ctx, r, Entry(Day(2026, 7, 1), subj))
		}
		want := []string{"1/2026", "3/2026", "2/2026"}
		for _, q := range []string{"forum city", "CITY Forum"} {
			got, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q})
			if err != nil || !reflect.DeepEqual(numbers(got), want) || total != 3 {
				t.Fatalf("%q: got %v (total %d, %v), want %v", q, numbers(got), total, err, want)
			}
		}
		for off := range 3 {
			page, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "city forum", Offset: off, Limit: 1})
			if err != nil || total != 3 || !reflect.DeepEqual(numbers(page), want[off:off+1]) {
				t.Fatalf("offset %d: got %v (total %d, %v), want %v", off, numbers(page), total, err, want[off:off+1])
			}
		}
	})
	t.Run("CountCap", func(t *testing.T) {
		// A search counts up to MaxSearchCount; paging still runs past
		// it, and across the tiers, in rank order.
		r := open(t, time.Now)
		n := proxenos.MaxSearchCount + 3
		for i := 0; i < n; i++ {
			mustCreate(t, ctx, r, Entry(Day(2025, 1, 1).AddDate(0, 0, i%300), "forum"))
		}
		mustCreate(t, ctx, r, Entry(Day(2020, 1, 1), "forumul"))
		for _, tt := range []struct {
			name          string
			offset, limit int
			want          int // entries on the page
			last          string
		}{
			{"FirstPage", 0, 20, 20, ""},
			{"AtTheCap", proxenos.MaxSearchCount - 5, 5, 5, "forum"},
			{"IntoTier2", n - 2, 10, 3, "forumul"},
			{"PastTheEnd", n + 1, 10, 0, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "forum", Offset: tt.offset, Limit: tt.limit})
				if err != nil || total != proxenos.MaxSearchCount || len(got) != tt.want {
					t.Fatalf("got %d entries, total %d (%v); want %d, total %d", len(got), total, err, tt.want, proxenos.MaxSearchCount)
				}
				if tt.last != "" && got[len(got)-1].Subject != tt.last {
					t.Fatalf("last entry %q, want %q", got[len(got)-1].Subject, tt.last)
				}
			})
		}
		// Lists count exactly.
		if _, total, err := r.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{}); err != nil || total != n+1 {
			t.Fatalf("list total %d (%v), want %d", total, err, n+1)
		}
	})
	t.Run("WithFilters", func(t *testing.T) {
		got, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: "αθηνα", From: Day(2026, 2, 1), To: Day(2026, 4, 1)})
		if err != nil || !reflect.DeepEqual(numbers(got), []string{"2/2026"}) || total != 1 {
			t.Fatalf("got %v (total %d, %v)", numbers(got), total, err)
		}
	})
	t.Run("MaxSearchWords", func(t *testing.T) {
		// Words past MaxSearchWords are not used: the ninth cannot exclude.
		q := "town twinning cerv 2027 call comune di faenza nomatch"
		if _, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: q}); err != nil || total != 1 {
			t.Fatalf("total %d (%v), want 1", total, err)
		}
	})
	t.Run("Partners", func(t *testing.T) {
		p := open(t, time.Now)
		for _, partner := range []*proxenos.Partner{
			{Name: "Φαέντσα", AltName: "Comune di Faenza", Kind: proxenos.KindMunicipality, Country: "Ιταλία", City: "Faenza"},
			{Name: "Νις", AltName: "Grad Niš", Kind: proxenos.KindMunicipality, Country: "Σερβία",
				People: []proxenos.Person{{Name: "Μάρκο Πέτροβιτς", Role: "Δήμαρχος", Email: "m@ni.rs"}}},
			{Name: "Q-Cities", Kind: proxenos.KindNetwork, Country: "Βέλγιο", City: "Ghent", Tags: []string{"δίκτυο"}},
			{Name: "Πρεσβεία της Ιταλίας", Kind: proxenos.KindEmbassy, Country: "Ελλάδα", City: "Αθήνα"},
		} {
			mustPartner(t, ctx, p, partner)
		}
		for _, tt := range []struct {
			query string
			want  []string
		}{
			{"nis", []string{"Νις"}},
			{"ΙΤΑΛΙ", []string{"Πρεσβεία της Ιταλίας", "Φαέντσα"}},
			// Whole first, then by stem: Ιταλίας is a form of Ιταλία.
			{"ιταλιας", []string{"Πρεσβεία της Ιταλίας", "Φαέντσα"}},
			{"ιταλια", []string{"Φαέντσα", "Πρεσβεία της Ιταλίας"}},
			{"πετροβιτς", []string{"Νις"}},
			{"δημαρχος", []string{"Νις"}},
			{"ghent δικτ", []string{"Q-Cities"}},
			{"δη", []string{"Νις"}},
			{"ιταλ φαεν", []string{"Φαέντσα"}},
			{"", []string{"Q-Cities", "Νις", "Πρεσβεία της Ιταλίας", "Φαέντσα"}},
		} {
			got, total, err := p.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: tt.query})
			var names []string
			for _, g := range got {
				names = append(names, g.Name)
			}
			if err != nil || !reflect.DeepEqual(names, tt.want) || total != len(tt.want) {
				t.Errorf("partners %q: got %v (total %d, %v), want %v", tt.query, names, total, err, tt.want)
			}
		}
	})
	t.Run("Inflection", func(t *testing.T) { runInflection(t, open) })
}

// runInflection checks that a word finds the other forms of itself: by
// its Greek stem always, by its Snowball stem in an entry's or partner's
// language when known; and that look-alikes that are other words do not
// meet.
func runInflection(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	for i, e := range []struct{ subject, counterpart, lang string }{
		{"Πρόταση συνεργασίας", "Δήμος Λεμεσού", ""},                    // 1/2026
		{"Η συνεργασία με τη Λάρνακα", "", ""},                          // 2/2026
		{"Αδελφοποιήσεις πόλεων της Ευρώπης", "", ""},                   // 3/2026
		{"Einladung zum Städtetag", "Stadt Köln", "de"},                 // 4/2026
		{"Einladung zur Konferenz", "Stadt Bonn", ""},                   // 5/2026
		{"Δημόσιο συμβούλιο για θέματα που αφορούν τον δήμο", "", "el"}, // 6/2026
		{"Συνεργασίες δήμων", "", ""},                                   // 7/2026
	} {
		c := Entry(Day(2026, 1, 1+i), e.subject)
		c.Language = e.lang
		if e.counterpart != "" {
			c.Counterpart = e.counterpart
		}
		mustCreate(t, ctx, s, c)
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"Λεμεσος", []string{"1/2026"}},
		{"ΛΕΜΕΣΟΣ", []string{"1/2026"}},
		// Whole words first, then words it begins, then other forms.
		{"συνεργασία", []string{"2/2026", "1/2026", "7/2026"}},
		{"συνεργασίας", []string{"1/2026", "7/2026", "2/2026"}},
		{"συνεργασιες λεμεσου", []string{"1/2026"}},
		{"αδελφοποίηση", []string{"3/2026"}},
		{"αδελφοποιήσεων", []string{"3/2026"}},
		// German in a German entry; not in one of unknown language.
		{"Einladungen", []string{"4/2026"}},
		{"Einladung", []string{"5/2026", "4/2026"}},
		// Look-alikes that are other words.
		{"δημοσίευση", nil}, // δημοσιευσ, not δημοσι
		{"αφορμή", nil},     // αφορμ, not αφορ
		{"Λεμεσός Λάρνακα", nil},
	} {
		got, total, err := s.Correspondence.FindCorrespondence(ctx, proxenos.CorrespondenceFilter{Query: tt.query})
		if err != nil || !reflect.DeepEqual(numbers(got), nonNil(tt.want)) || total != len(tt.want) {
			t.Errorf("search %q: got %v (total %d, %v), want %v", tt.query, numbers(got), total, err, tt.want)
		}
	}
	for _, p := range []*proxenos.Partner{
		{Name: "Δήμος Λεμεσού", Kind: proxenos.KindMunicipality, Country: "Κύπρος"},
		{Name: "Verband der Partnerstädte", Kind: proxenos.KindNetwork, Country: "DE"},
		{Name: "Verband Nord", Kind: proxenos.KindNetwork},
	} {
		mustPartner(t, ctx, s, p)
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"Λεμεσός", []string{"Δήμος Λεμεσού"}},
		{"Verbände", []string{"Verband der Partnerstädte"}}, // German by the partner's country
		{"Verband", []string{"Verband der Partnerstädte", "Verband Nord"}},
	} {
		got, total, err := s.Partners.FindPartners(ctx, proxenos.PartnerFilter{Query: tt.query})
		var names []string
		for _, g := range got {
			names = append(names, g.Name)
		}
		if err != nil || !reflect.DeepEqual(names, tt.want) || total != len(tt.want) {
			t.Errorf("partners %q: got %v (total %d, %v), want %v", tt.query, names, total, err, tt.want)
		}
	}
}
