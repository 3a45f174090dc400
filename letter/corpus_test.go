package letter

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// maroussi is the office of the corpus.
var maroussi = Office{Domains: []string{"maroussi.gr"}, Names: []string{"Δήμος Αμαρουσίου", "Municipality of Maroussi"}}

// corpusFields are the fields the accuracy counts, in the order shown.
var corpusFields = []Field{FieldDirection, FieldCounterpart, FieldSubject, FieldDate, FieldLanguage,
	FieldCountry, FieldReference, FieldAttachments, "email", "message_id"}

// corpusCase is a corpus file, what the rules found in it and its truth.
type corpusCase struct {
	name   string
	letter *Letter
	got    Fields
	truth  truth
}

// readCorpus reads every file of testdata/corpus and guesses its fields.
func readCorpus(t testing.TB) []corpusCase {
	names, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.truth.json"))
	if err != nil || len(names) < 30 {
		t.Fatalf("%d corpus files: %v", len(names), err)
	}
	var cases []corpusCase
	r := sandboxed(t)
	for _, tn := range names {
		c := corpusCase{name: strings.TrimSuffix(filepath.Base(tn), ".truth.json")}
		js, err := os.ReadFile(tn)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(js, &c.truth); err != nil {
			t.Fatalf("%s: %v", tn, err)
		}
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", c.name))
		if err != nil {
			t.Fatal(err)
		}
		var l *Letter
		if strings.HasSuffix(c.name, ".slack") {
			l = FromText(string(data))
		} else if l, err = r.Read(t.Context(), c.name, data); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		c.letter, c.got = l, Guess(l, maroussi)
		cases = append(cases, c)
	}
	return cases
}

// agrees reports whether the guessed field agrees with the truth: names
// and subjects as search matches them (case and accents aside), dates
// by day.
func (c corpusCase) agrees(f Field) bool {
	g, w := c.got, c.truth
	same := func(a, b string) bool { return proxenos.SearchKey(a) == proxenos.SearchKey(b) }
	switch f {
	case FieldDirection:
		return string(g.Direction) == w.Direction
	case FieldCounterpart:
		return same(g.Counterpart, w.Counterpart)
	case FieldSubject:
		return same(g.Subject, w.Subject)
	case FieldDate:
		return dayOf(g.Date) == w.Date
	case FieldLanguage:
		return g.Language == w.Language
	case FieldCountry:
		return g.Country == w.Country
	case FieldReference:
		return g.Reference == w.Reference
	case FieldAttachments:
		return slices.Equal(g.Attachments, w.Attachments)
	case "email":
		return strings.EqualFold(g.Email, w.Email)
	case "message_id":
		return g.MessageID == w.MessageID
	}
	return false
}

// value returns a guessed field as text, for messages.
func (c corpusCase) value(f Field) string {
	g := c.got
	return map[Field]string{
		FieldDirection: string(g.Direction), FieldCounterpart: g.Counterpart, FieldSubject: g.Subject,
		FieldDate: dayOf(g.Date), FieldLanguage: g.Language, FieldCountry: g.Country, FieldReference: g.Reference,
		FieldAttachments: strings.Join(g.Attachments, ", "), "email": g.Email, "message_id": g.MessageID,
	}[f]
}

// truthEmpty reports whether the truth has no value for f.
func (c corpusCase) truthEmpty(f Field) bool {
	w := c.truth
	return map[Field]string{
		FieldDirection: w.Direction, FieldCounterpart: w.Counterpart, FieldSubject: w.Subject, FieldDate: w.Date,
		FieldLanguage: w.Language, FieldCountry: w.Country, FieldReference: w.Reference,
		FieldAttachments: strings.Join(w.Attachments, ", "), "email": w.Email, "message_id": w.MessageID,
	}[f] == ""
}

func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(proxenos.OfficeZone()).Format(time.DateOnly)
}

// TestCorpus checks every field of every corpus letter that the rules
// should get, and writes the share of fields right, per field and
// overall: for the whole corpus, and for the samples held out (written
// after the rules).
func TestCorpus(t *testing.T) {
	cases := readCorpus(t)
	var heldOut []corpusCase
	for _, c := range cases {
		for _, f := range corpusFields {
			if !c.agrees(f) && !slices.Contains(c.truth.RulesMiss, string(f)) {
				t.Errorf("%s: %s = %q, want it to agree with the truth", c.name, f, c.value(f))
			}
		}
		if c.truth.HeldOut {
			heldOut = append(heldOut, c)
		}
	}
	t.Logf("rules without a model, all %d letters and e-mails:\n%s", len(cases), accuracy(cases))
	t.Logf("rules without a model, the %d held out:\n%s", len(heldOut), accuracy(heldOut))
}

// accuracy writes the share of fields right, per field and overall. A
// field counts where the truth or the guess has a value: two empty
// e-mail addresses of a paper letter are no success.
func accuracy(cases []corpusCase) string {
	right, counted, all, n := map[Field]int{}, map[Field]int{}, 0, 0
	for _, c := range cases {
		for _, f := range corpusFields {
			if c.value(f) == "" && c.truthEmpty(f) {
				continue
			}
			counted[f]++
			n++
			if c.agrees(f) {
				right[f]++
				all++
			}
		}
	}
	var b strings.Builder
	for _, f := range corpusFields {
		if counted[f] > 0 {
			fmt.Fprintf(&b, "  %-12s %3d/%-3d %5.1f%%\n", f, right[f], counted[f], 100*float64(right[f])/float64(counted[f]))
		}
	}
	fmt.Fprintf(&b, "  %-12s %3d/%-3d %5.1f%%\n", "overall", all, n, 100*float64(all)/float64(n))
	return b.String()
}

// TestCorpusCharsets checks that the corpus's Greek mail is really in
// its charsets: Ά is 0xB6 in ISO-8859-7 and 0xA2 in windows-1253, and
// neither file is UTF-8.
func TestCorpusCharsets(t *testing.T) {
	for name, b := range map[string]byte{"limassol-reply-1253.eml": 0xA2, "letter-limassol-1253.txt": 0xA2, "old-outlook-8bit.eml": 0xA2, "review-ucm-1253.eml": 0xA2} {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), string([]byte{b})) || strings.Contains(string(data), "Ά") {
			t.Errorf("%s is not windows-1253", name)
		}
	}
	l, err := Read("x.eml", []byte("Subject: =?iso-8859-7?Q?=B6=ED=E8=F1=F9=F0=EF=F2?=\r\nContent-Type: text/plain; charset=iso-8859-7\r\n\r\n\xB6\xED\xE8\xF1\xF9\xF0\xEF\xF2"))
	if err != nil || l.Subject != "Άνθρωπος" || l.Text != "Άνθρωπος" {
		t.Errorf("ISO-8859-7: %+v, %v", l, err)
	}
}

// BenchmarkReadGuess reads and guesses every corpus file, documents in
// a Sandbox as the server does: the rules' part of the time from the
// shortcut to a prefilled form.
func BenchmarkReadGuess(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.*"))
	files := map[string][]byte{}
	for _, n := range names {
		if !strings.HasSuffix(n, ".json") {
			data, err := os.ReadFile(n)
			if err != nil {
				b.Fatal(err)
			}
			files[filepath.Base(n)] = data
		}
	}
	r := sandboxed(b)
	b.ResetTimer()
	for b.Loop() {
		for name, data := range files {
			var l *Letter
			if strings.HasSuffix(name, ".slack") {
				l = FromText(string(data))
			} else if l, _ = r.Read(b.Context(), name, data); l == nil {
				b.Fatalf("%s unread", name)
			}
			Guess(l, maroussi)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(files)), "µs/letter")
}
