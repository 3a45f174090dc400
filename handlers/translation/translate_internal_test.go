package translation

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"go.uber.org/goleak"
)

func TestParseTranslateOptions(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		loose      bool
		want       translateOptions
	}{
		{"OK", "to:de from:en Good morning", false, translateOptions{From: "en", To: "de", Rest: "Good morning"}},
		{"GreekKeys", "προς:English από:ελληνικά Καλημέρα", false, translateOptions{From: "el", To: "en", Rest: "Καλημέρα"}},
		{"SpaceAfterColon", "to: fr Bonjour", false, translateOptions{To: "fr", Rest: "Bonjour"}},
		{"KeepsLines", "to:en Πρώτη γραμμή\n\nΔεύτερη: γραμμή", false, translateOptions{To: "en", Rest: "Πρώτη γραμμή\n\nΔεύτερη: γραμμή"}},
		{"OptionsOnlyFirst", "Hello to:de", false, translateOptions{Rest: "Hello to:de"}},
		{"StrictNeedsColon", "to en Hello", false, translateOptions{Rest: "to en Hello"}},
		{"LooseMention", "to en", true, translateOptions{To: "en"}},
		{"LooseNotALanguage", "to the point", true, translateOptions{Rest: "to the point"}},
		{"Names", "to:German από:γαλλικά Bonjour", false, translateOptions{From: "fr", To: "de", Rest: "Bonjour"}},
		{"LooseName", "to Deutsch", true, translateOptions{To: "de"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseTranslateOptions(tt.text, tt.loose)
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	t.Run("ErrDuplicate", func(t *testing.T) {
		if _, err := parseTranslateOptions("to:en to:de x", false); proxenos.ErrorCode(err) != proxenos.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrNotALanguage", func(t *testing.T) {
		_, err := parseTranslateOptions("προς:κλίνγκον Καλημέρα", false)
		want := "Το πεδίο «Γλώσσα μετάφρασης» θέλει γλώσσα, με κωδικό δύο γραμμάτων ή όνομα, π.χ. de ή γερμανικά («κλίνγκον» δεν είναι)."
		if got := i18n.ErrorMessage(i18n.Greek, err); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestSections(t *testing.T) {
	text := strings.Repeat("<α&β> ", 1000) + "\n\nτέλος"
	got := sections(text, 100)
	var joined strings.Builder
	for _, s := range got {
		if n := len([]rune(s)); n > 100 {
			t.Errorf("section of %d characters", n)
		}
		if strings.ContainsAny(s, "<>") || strings.Contains(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, "&amp;", ""), "&lt;", ""), "&gt;", ""), "&") {
			t.Errorf("section not escaped or cut through an entity: %q", s)
		}
		joined.WriteString(s)
	}
	if got, want := strings.Count(joined.String(), "&amp;"), 1000; got != want {
		t.Errorf("%d ampersands, want %d", got, want)
	}
}

func TestProgress(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	t.Run("Throttled", func(t *testing.T) {
		r := &notifyReplier{sent: make(chan string, 10)}
		p := newProgress(context.Background(), r, "ts-1", i18n.Greek, time.Hour)
		p.report(0, 12)
		if got, want := <-r.sent, "⏳ Μεταφράζω… 0/12 τμήματα"; got != want {
			t.Errorf("first update %q, want %q", got, want)
		}
		for i := 1; i <= 12; i++ {
			p.report(i, 12)
		}
		p.stop()
		if len(r.sent) != 0 {
			t.Errorf("%d more updates within the hour, want none", len(r.sent))
		}
		if err := p.finish(context.Background(), &chat.Response{Text: "done"}); err != nil || <-r.sent != "done" {
			t.Error("final update not sent")
		}
	})
	t.Run("NilIsOff", func(t *testing.T) {
		var p *progress
		p.report(1, 2)
		p.stop()
	})
}

func BenchmarkSections(b *testing.B) {
	text, err := os.ReadFile("testdata/office-duties.el.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sections(string(text), sectionChars)
	}
}

// notifyReplier passes every update's text to sent.
type notifyReplier struct{ sent chan string }

func (r *notifyReplier) Reply(context.Context, *chat.Response) (string, error) { return "ts-1", nil }
func (r *notifyReplier) Update(_ context.Context, _ string, resp *chat.Response) error {
	r.sent <- resp.Text
	return nil
}
