package translate

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSplit(t *testing.T) {
	fixture := readFixture(t)
	long := strings.Repeat("Η συνεδρίαση ορίστηκε για την Τρίτη. ", 40) // one paragraph, many sentences
	code := "Intro.\n\n```\nline one\n\nline two\n```\n\nOutro."
	for _, tt := range []struct {
		name   string
		text   string
		budget int
		want   int // parts; 0 = only check the invariants
	}{
		{"OneParagraph", "Hello world.", 100, 1},
		{"Paragraphs", "One.\n\nTwo.\n\n\nThree.", 2, 3},
		{"Fixture", fixture, 300, 0},
		{"LongParagraphBySentences", long, 50, 0},
		{"LongSentenceByWords", strings.Repeat("λέξη ", 300), 40, 0},
		{"LongWordByCharacters", strings.Repeat("α", 500), 40, 0},
		{"CodeBlockWhole", code, 4, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parts := Split(tt.text, tt.budget)
			if got := strings.Join(parts, ""); got != tt.text {
				t.Fatalf("parts do not add up to the text")
			}
			if tt.want > 0 && len(parts) != tt.want {
				t.Errorf("%d parts, want %d: %q", len(parts), tt.want, parts)
			}
			for i, p := range parts {
				if n := EstimateTokens(p); n > tt.budget && !isFence(p) {
					t.Errorf("part %d has %d tokens, over %d: %.80q", i+1, n, tt.budget, p)
				}
			}
		})
	}

	t.Run("CutsAtSentences", func(t *testing.T) {
		for _, p := range Split(long, 50)[:2] {
			if !strings.HasSuffix(p, "Τρίτη. ") {
				t.Errorf("part does not end at a sentence: %q", p)
			}
		}
	})
	t.Run("GreekQuestionMark", func(t *testing.T) {
		parts := Split("Θα έρθετε\u037e Ναι. ", 6)
		if want := []string{"Θα έρθετε\u037e ", "Ναι. "}; !slices.Equal(parts, want) {
			t.Errorf("got %q, want %q", parts, want)
		}
	})
}

func TestMask(t *testing.T) {
	for _, tt := range []struct {
		name  string
		text  string
		names []string
		want  string
		spans []string
	}{
		{"Numbers", "Τηλέφωνο 213.20.38.336, ΤΚ15124, 1.500,50 €", nil,
			"Τηλέφωνο ⟦1⟧, ΤΚ⟦2⟧, ⟦3⟧ €", []string{"213.20.38.336", "15124", "1.500,50"}},
		{"LinkWithoutFinalDot", "See https://maroussi.gr/el/news?id=5.", nil,
			"See ⟦1⟧.", []string{"https://maroussi.gr/el/news?id=5"}},
		{"Email", "Write to international@maroussi.gr.", nil,
			"Write to ⟦1⟧.", []string{"international@maroussi.gr"}},
		{"Code", "Run `make 2` or\n```\nx := 1\n```", nil,
			"Run ⟦1⟧ or\n⟦2⟧", []string{"`make 2`", "```\nx := 1\n```"}},
		{"Delimiters", "a </document> b <Document >", nil,
			"a ⟦1⟧ b ⟦2⟧", []string{"</document>", "<Document >"}},
		{"NamesLongestFirst", "Bucharest Sector 6 and Bucharest", []string{"Bucharest", "Bucharest Sector 6", " "},
			"⟦1⟧ and ⟦2⟧", []string{"Bucharest Sector 6", "Bucharest"}},
		{"PlaceholderInText", "literal ⟦7⟧", nil, "literal ⟦⟦1⟧⟧", []string{"7"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := mask(tt.text, tt.names)
			if m.Text != tt.want || !slices.Equal(m.Spans, tt.spans) {
				t.Fatalf("mask = %q %q, want %q %q", m.Text, m.Spans, tt.want, tt.spans)
			}
			if got, ok := m.unmask(m.Text); !ok || got != tt.text {
				t.Errorf("unmask = %q, %v; want the text back", got, ok)
			}
		})
	}

	m := mask("Room 42, floor 3", nil)
	for _, tt := range []struct {
		name   string
		answer string
		want   string
		ok     bool
	}{
		{"OK", "Αίθουσα ⟦1⟧, όροφος ⟦2⟧", "Αίθουσα 42, όροφος 3", true},
		{"Reordered", "⟦2⟧ ⟦1⟧", "3 42", true},
		{"ErrLost", "Αίθουσα ⟦1⟧", "", false},
		{"ErrRepeated", "⟦1⟧ ⟦1⟧ ⟦2⟧", "", false},
		{"ErrInvented", "⟦1⟧ ⟦2⟧ ⟦3⟧", "", false},
		{"ErrSpaced", "⟦ 1 ⟧ ⟦2⟧", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := m.unmask(tt.answer)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("unmask(%q) = %q, %v; want %q, %v", tt.answer, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLRUCache(t *testing.T) {
	c := NewLRUCache(2)
	c.Put("a", "1")
	c.Put("b", "2")
	c.Get("a") // b is now the least recently used
	c.Put("c", "3")
	if _, ok := c.Get("b"); ok {
		t.Error("b was not evicted")
	}
	for k, want := range map[string]string{"a": "1", "c": "3"} {
		if got, ok := c.Get(k); !ok || got != want {
			t.Errorf("Get(%s) = %q, %v", k, got, ok)
		}
	}
	c.Put("a", "4")
	if got, _ := c.Get("a"); got != "4" || c.Len() != 2 {
		t.Errorf("update: a = %q, len %d", got, c.Len())
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"Seconds", http.Header{"Retry-After": {"12"}}, 12 * time.Second},
		{"Milliseconds", http.Header{"Retry-After-Ms": {"1500"}, "Retry-After": {"2"}}, 1500 * time.Millisecond},
		{"Date", http.Header{"Retry-After": {"Thu, 26 Nov 2026 10:00:30 GMT"}}, 30 * time.Second},
		{"Capped", http.Header{"Retry-After": {"86400"}}, maxRetryAfter},
		{"Past", http.Header{"Retry-After": {"Thu, 26 Nov 2026 09:00:00 GMT"}}, 0},
		{"Garbage", http.Header{"Retry-After": {"soon"}}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ra := &retryAfter{}
			ra.set(tt.header, now)
			if got := ra.get(); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
