package main

import (
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/translate"
)

// TestLLMConfig_Validate checks that each bad tuning setting is refused
// with a message naming its variable, its YAML key and an example.
func TestLLMConfig_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		want []string // what the English message names; nil for no error
	}{
		{"OK", map[string]string{"PROXENOS_LLM_CONCURRENCY": "8", "PROXENOS_LLM_TIMEOUT": "90s", "PROXENOS_LLM_MONTHLY_TOKENS": "0"}, nil},
		{"ErrConcurrencyZero", map[string]string{"PROXENOS_LLM_CONCURRENCY": "0"}, []string{"PROXENOS_LLM_CONCURRENCY", "llm.concurrency", "e.g. 4"}},
		{"ErrConcurrencyWord", map[string]string{"PROXENOS_LLM_CONCURRENCY": "many"}, []string{"PROXENOS_LLM_CONCURRENCY"}},
		{"ErrTimeoutShort", map[string]string{"PROXENOS_LLM_TIMEOUT": "1s"}, []string{"PROXENOS_LLM_TIMEOUT", "llm.timeout", "e.g. 2m"}},
		{"ErrTimeoutUnit", map[string]string{"PROXENOS_LLM_TIMEOUT": "2 minutes"}, []string{"PROXENOS_LLM_TIMEOUT"}},
		{"ErrBudgetNegative", map[string]string{"PROXENOS_LLM_MONTHLY_TOKENS": "-5"}, []string{"PROXENOS_LLM_MONTHLY_TOKENS", "llm.monthly_tokens"}},
		{"ErrPortalURL", map[string]string{"PROXENOS_EU_PORTAL_URL": "api.tech.ec.europa.eu"}, []string{"PROXENOS_EU_PORTAL_URL", "calls.portal_url"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			c.ApplyEnv(env(tt.env))
			err := c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if got := proxenos.ErrorCode(err); got != proxenos.EINVALID {
				t.Fatalf("got code %q (%v), want %q", got, err, proxenos.EINVALID)
			}
			msg := i18n.ErrorMessage(i18n.English, err)
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
		})
	}
}

// TestLLMConfig_Apply checks that the tuning reaches the translator, and
// that empty settings keep the translator's defaults.
func TestLLMConfig_Apply(t *testing.T) {
	c := DefaultConfig()
	c.ApplyEnv(env(map[string]string{"PROXENOS_LLM_CONCURRENCY": "6", "PROXENOS_LLM_TIMEOUT": "45s", "PROXENOS_LLM_MONTHLY_TOKENS": "1500000"}))
	var got translate.Translator
	c.LLM.apply(&got)
	if got.Concurrency != 6 || got.Timeout != 45*time.Second || got.MonthlyTokenBudget != 1500000 {
		t.Fatalf("got concurrency %d, timeout %v, budget %d; want 6, 45s, 1500000", got.Concurrency, got.Timeout, got.MonthlyTokenBudget)
	}
	var def translate.Translator
	d := DefaultConfig()
	d.LLM.apply(&def)
	if def.Concurrency != 0 || def.Timeout != 0 || def.MonthlyTokenBudget != 0 {
		t.Fatalf("defaults changed the translator: %+v", def)
	}
}
