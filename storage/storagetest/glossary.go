package storagetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
)

// RunGlossary checks the office glossary.
func RunGlossary(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 3, 8, 0, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	var want []*proxenos.GlossaryEntry
	for _, terms := range []map[string]string{
		{"el": "Δήμος Αμαρουσίου", "en": "Municipality of Maroussi"},
		{"el": "αδελφοποίηση", "en": "town twinning", "it": "gemellaggio"},
		{"el": "Δημοτικό Συμβούλιο", "en": "Municipal Council"},
	} {
		e := &proxenos.GlossaryEntry{Terms: terms, CreatedBy: "U1"}
		if err := s.Glossary.CreateGlossaryEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == "" || !e.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("ID %q CreatedAt %v", e.ID, e.CreatedAt)
		}
		want = append(want, e)
	}
	t.Run("OK", func(t *testing.T) {
		got, err := s.Glossary.FindGlossary(ctx)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v (%v), want %+v", got, err, want)
		}
	})
	t.Run("ErrTermsRequired", func(t *testing.T) {
		err := s.Glossary.CreateGlossaryEntry(ctx, &proxenos.GlossaryEntry{Terms: map[string]string{"el": "μόνο"}})
		wantCode(t, err, proxenos.EINVALID)
	})
	t.Run("Isolation", func(t *testing.T) {
		got, err := s.Glossary.FindGlossary(Ctx(OtherTeam, "U2"))
		if err != nil || len(got) != 0 {
			t.Fatalf("other workspace sees %d entries (%v)", len(got), err)
		}
		wantCode(t, s.Glossary.DeleteGlossaryEntry(Ctx(OtherTeam, "U2"), want[0].ID), proxenos.ENOTFOUND)
	})
	t.Run("Delete", func(t *testing.T) {
		if err := s.Glossary.DeleteGlossaryEntry(ctx, want[1].ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Glossary.FindGlossary(ctx)
		if err != nil || !reflect.DeepEqual(got, []*proxenos.GlossaryEntry{want[0], want[2]}) {
			t.Fatalf("after delete: %+v (%v)", got, err)
		}
		wantCode(t, s.Glossary.DeleteGlossaryEntry(ctx, want[1].ID), proxenos.ENOTFOUND)
	})
}

// RunUsage checks that usage adds up by period and workspace.
func RunUsage(t *testing.T, open OpenFunc) {
	s := open(t, time.Now)
	ctx := Ctx(Team, "U1")
	nov, dec := time.Date(2026, 11, 1, 0, 0, 0, 0, Athens), time.Date(2026, 12, 1, 0, 0, 0, 0, Athens)
	for _, u := range []proxenos.Usage{
		{User: "U1", Model: "gpt", Characters: 1000, PromptTokens: 300, CompletionTokens: 400, Duration: 2 * time.Second, At: nov},
		{User: "U2", Model: "gpt", Characters: 50, PromptTokens: 20, CompletionTokens: 30, At: dec.Add(-time.Millisecond)},
		{User: "U1", Model: "gpt", Characters: 7, PromptTokens: 7, CompletionTokens: 7, At: dec},
		{User: "U1", Model: "gpt", Characters: 9, PromptTokens: 9, CompletionTokens: 9, At: nov.Add(-time.Millisecond)},
	} {
		if err := s.Usage.RecordUsage(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Usage.RecordUsage(Ctx(OtherTeam, "U9"), &proxenos.Usage{Characters: 1, At: nov.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     proxenos.UsageSummary
	}{
		{"November", nov, dec, proxenos.UsageSummary{Requests: 2, Characters: 1050, PromptTokens: 320, CompletionTokens: 430}},
		{"December", dec, dec.AddDate(0, 1, 0), proxenos.UsageSummary{Requests: 1, Characters: 7, PromptTokens: 7, CompletionTokens: 7}},
		{"Empty", dec.AddDate(1, 0, 0), dec.AddDate(1, 1, 0), proxenos.UsageSummary{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Usage.SumUsage(ctx, tt.from, tt.to)
			if err != nil || got != tt.want {
				t.Fatalf("got %+v (%v), want %+v", got, err, tt.want)
			}
		})
	}
}
