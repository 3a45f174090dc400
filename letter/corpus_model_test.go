package letter

import (
	"context"
	"encoding/json"
	"log/slog"

	"slices"
	"testing"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/proxenos/proxenos/translate/fakellm"
)

// scriptedAnswer is what the scripted model answers for letter i: its
// true fields, but with invented values in every third letter (a sender
// and a reference found nowhere in it) and impossible ones in every
// fifth (a date years ahead, a country that does not exist), as a model
// that guesses would.
func scriptedAnswer(i int, w truth) string {
	a := map[string]string{"direction": w.Direction, "counterpart": w.Counterpart, "subject": w.Subject,
		"date": w.Date, "language": w.Language, "country": w.Country, "reference": w.Reference}
	if i%3 == 0 {
		a["counterpart"], a["reference"] = "Ministry of Magic", "INV-999/2031"
	}
	if i%5 == 0 {
		a["date"], a["country"] = "2031-01-01", "Atlantis"
	}
	out, _ := json.Marshal(a)
	return string(out)
}

// TestCorpusWithModel reads the corpus with the rules and then a
// scripted model, and writes the share of fields right. The model fills
// only what the rules left empty; no value it invented reaches a field.
func TestCorpusWithModel(t *testing.T) {
	cases := readCorpus(t)
	var current int
	fake := fakellm.New(fakellm.Options{Extract: func(openai.ChatCompletionRequest, string) string {
		return scriptedAnswer(current, cases[current].truth)
	}})
	defer fake.Close()
	cfg := openai.DefaultConfig("")
	cfg.BaseURL = fake.URL
	m := &Model{Client: openai.NewClientWithConfig(cfg), Model: "fake-model", OfficeNames: maroussi.Names,
		OfficeDomains: maroussi.Domains, Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }}
	rulesOnly := slices.Clone(cases)
	byModel := 0
	for i := range cases {
		current = i
		f, err := m.Read(context.Background(), cases[i].letter, cases[i].got)
		if err != nil {
			t.Fatalf("%s: %v", cases[i].name, err)
		}
		for _, field := range f.ByModel {
			byModel++
			c := corpusCase{got: f, truth: cases[i].truth}
			if v := c.value(field); v == "Ministry of Magic" || v == "INV-999/2031" || v == "2031-01-01" || v == "Atlantis" {
				t.Errorf("%s: the model's invented %s %q was kept", cases[i].name, field, v)
			}
		}
		cases[i].got = f
	}
	t.Logf("rules alone:\n%s", accuracy(rulesOnly))
	t.Logf("rules, then the scripted model (%d fields filled by it):\n%s", byModel, accuracy(cases))
	var heldOut []corpusCase
	for _, c := range cases {
		if c.truth.HeldOut {
			heldOut = append(heldOut, c)
		}
	}
	t.Logf("the %d held out, rules then the scripted model:\n%s", len(heldOut), accuracy(heldOut))
	if byModel == 0 {
		t.Error("the model filled nothing the rules missed")
	}
}
