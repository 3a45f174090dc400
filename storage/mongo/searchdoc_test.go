package mongo

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// summaryEntry is an entry with the 480-character Greek summary of
// testdata/greek_summary.txt, as the office logs invitations.
func summaryEntry(tb testing.TB) *proxenos.Correspondence {
	tb.Helper()
	b, err := os.ReadFile("testdata/greek_summary.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return &proxenos.Correspondence{ID: "12/2026", Protocol: proxenos.ProtocolNumber{Year: 2026, Number: 12},
		Direction: proxenos.Incoming, Date: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		Counterpart: "Comune di Faenza", Country: "Ιταλία", Subject: "Πρόσκληση σε αδελφοποίηση πόλεων (CERV)",
		Summary: strings.TrimSpace(string(b)), Language: "it", Medium: proxenos.MediumEmail, ExternalRef: "ΙΡΙΔΑ 1522",
		Tags: []string{"CERV", "αδελφοποίηση"}, LoggedBy: "U1"}
}

// TestLeanSearchDocument measures the stored entry of the Greek summary:
// its search terms are its words and their stem keys, nothing else (one
// key each in the words index), and it is a fraction of the document
// that kept every word prefix (go test -run TestLeanSearchDocument -v
// prints the numbers).
func TestLeanSearchDocument(t *testing.T) {
	d := newCorrDoc("T1", summaryEntry(t), 0)
	lean, err := bson.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bson.Raw(lean).LookupErr("prefixes"); err == nil {
		t.Fatal("the stored entry keeps prefixes")
	}
	words, stems := search.EntryTerms(&d.Correspondence)
	prefixes := search.Prefixes(words)
	// As earlier versions stored it: words and their prefixes.
	old, err := bson.Marshal(struct {
		*corrDoc `bson:",inline"`
		Prefixes []string `bson:"prefixes"`
	}{&corrDoc{Key: d.Key, Team: d.Team, Correspondence: d.Correspondence, CountryKey: d.CountryKey, TagKeys: d.TagKeys, Words: words}, prefixes})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Words) != len(words)+len(stems) {
		t.Fatalf("%d search terms, want the %d words and %d stem keys", len(d.Words), len(words), len(stems))
	}
	// Stems add about a key per word, prefixes five or six.
	if 3*len(lean) > 2*len(old) {
		t.Fatalf("lean document %d bytes, with prefixes %d: want under two thirds", len(lean), len(old))
	}
	t.Logf("summary %d characters: %d words, %d stem keys, %d prefixes; document %d bytes (%d with prefixes and no stems); search index keys %d (%d with prefixes)",
		len([]rune(d.Summary)), len(words), len(stems), len(prefixes), len(lean), len(old), len(d.Words), len(words)+len(prefixes))
}

// TestTiersBoundOnRarestWord checks the shape of a search of several
// words: the longest alone is a condition on the words index (whole in
// tier 1, an anchored prefix in tier 2, a prefix or a stem key in tier
// 3), the others are left to the fetched documents under $nor, whatever
// their order in the query.
func TestTiersBoundOnRarestWord(t *testing.T) {
	for _, q := range [][]string{{"5", "αδελφοπ", "2026"}, {"2026", "5", "αδελφοπ"}} {
		t3 := tiers(bson.D{{Key: "team", Value: "T1"}}, q)
		for _, tt := range []struct {
			name   string
			filter bson.D
			want   any
		}{
			{"Tier1", t3[0], "αδελφοπ"},
			{"Tier2", t3[1], bson.D{{Key: "$regex", Value: "^αδελφοπ"}}},
			{"Tier3", t3[2], bson.D{{Key: "$in", Value: bson.A{bson.Regex{Pattern: "^αδελφοπ"}, "~αδελφοπ", "~αδελφοπι"}}}},
		} {
			var words []any
			nor := 0
			for _, e := range tt.filter {
				switch e.Key {
				case wordsField:
					words = append(words, e.Value)
				case "$nor":
					nor = len(e.Value.(bson.A))
				}
			}
			if len(words) != 1 || !reflect.DeepEqual(words[0], tt.want) || nor != 2 {
				t.Errorf("%v %s: words conditions %v, $nor of %d; want only %v, $nor of 2", q, tt.name, words, nor, tt.want)
			}
		}
	}
}
