package greek

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// referenceFile holds words with the stems the reference Snowball
// implementation gives them (word TAB stem; lines starting with # are
// comments): a sample of the aspell-el dictionary, the Greek words of the
// office's duties and the office's names.
const referenceFile = "testdata/greek-stems.tsv"

// referenceWords is how many words referenceFile holds.
const referenceWords = 12455

// acceptedDisagreements lists the reference words whose stem may differ
// from the reference, each with the reason. It is empty: Stem agrees with
// every word. A word added here must keep disagreeing, or the test fails.
var acceptedDisagreements = map[string]string{}

type referenceStem struct{ word, stem string }

func loadReference(tb testing.TB) []referenceStem {
	tb.Helper()
	f, err := os.Open(referenceFile)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var words []referenceStem
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, stem, ok := strings.Cut(line, "\t")
		if !ok {
			tb.Fatalf("%s: no tab in %q", referenceFile, line)
		}
		words = append(words, referenceStem{word, stem})
	}
	if err := lines.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(words) != referenceWords {
		tb.Fatalf("%s holds %d words, want %d", referenceFile, len(words), referenceWords)
	}
	return words
}

// TestReferenceAgreement stems every reference word: the stems must be
// the reference's on at least 99.5 % of them and on every word not listed
// in acceptedDisagreements, and every listed word must still disagree.
func TestReferenceAgreement(t *testing.T) {
	words := loadReference(t)
	agree := 0
	for _, ref := range words {
		got := Stem(ref.word)
		reason, accepted := acceptedDisagreements[ref.word]
		switch {
		case got == ref.stem && accepted:
			t.Errorf("Stem(%q) = %q now agrees with the reference; drop it from acceptedDisagreements (%s)", ref.word, got, reason)
		case got == ref.stem:
			agree++
		case !accepted:
			t.Errorf("Stem(%q) = %q, reference %q", ref.word, got, ref.stem)
		}
	}
	t.Logf("agreement %d/%d", agree, len(words))
	if agree*1000 < len(words)*995 {
		t.Errorf("agreement %d/%d is under 99.5 %%", agree, len(words))
	}
}

// BenchmarkStem stems the whole reference word list once per iteration;
// ns/word is the time one word takes.
func BenchmarkStem(b *testing.B) {
	refs := loadReference(b)
	words := make([]string, len(refs))
	for i, ref := range refs {
		words[i] = ref.word
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			Stem(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}
