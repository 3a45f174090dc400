package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/translate"
)

// Bounds of the translation tuning settings.
const (
	maxLLMConcurrency = 32
	minLLMTimeout     = 5 * time.Second
	maxLLMTimeout     = 30 * time.Minute
)

// llmTuning is one tuning setting of the model: its variable, YAML key,
// value and a valid example.
type llmTuning struct {
	env, yaml string
	value     *string
	example   string
}

// tuning lists the model's tuning settings, in the order Validate checks them.
func (l *LLMConfig) tuning() []llmTuning {
	return []llmTuning{
		{"PROXENOS_LLM_CONCURRENCY", "llm.concurrency", &l.Concurrency, "4"},
		{"PROXENOS_LLM_TIMEOUT", "llm.timeout", &l.Timeout, "2m"},
		{"PROXENOS_LLM_MONTHLY_TOKENS", "llm.monthly_tokens", &l.MonthlyTokens, "2000000"},
	}
}

// applyEnv overrides l's tuning with the variables that are set.
func (l *LLMConfig) applyEnv(getenv func(string) string) {
	for _, s := range l.tuning() {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			*s.value = v
		}
	}
}

// validate returns an EINVALID error naming the first tuning setting that
// is wrong, with an example of a right one. Empty settings keep defaults.
func (l *LLMConfig) validate() error {
	for _, s := range l.tuning() {
		if *s.value == "" {
			continue
		}
		if _, err := l.parse(s.env); err != nil {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.llm_tuning", s.env, s.yaml, *s.value, s.example)
		}
	}
	return nil
}

// parse reads one tuning setting: concurrency 1–32, a timeout from 5 s to
// 30 min (as nanoseconds), a monthly token budget ≥ 0 (0: none).
func (l *LLMConfig) parse(env string) (int64, error) {
	switch env {
	case "PROXENOS_LLM_CONCURRENCY":
		n, err := strconv.Atoi(strings.TrimSpace(l.Concurrency))
		if err != nil || n < 1 || n > maxLLMConcurrency {
			return 0, errSetting
		}
		return int64(n), nil
	case "PROXENOS_LLM_TIMEOUT":
		d, err := time.ParseDuration(strings.TrimSpace(l.Timeout))
		if err != nil || d < minLLMTimeout || d > maxLLMTimeout {
			return 0, errSetting
		}
		return int64(d), nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(l.MonthlyTokens), 10, 64)
	if err != nil || n < 0 {
		return 0, errSetting
	}
	return n, nil
}

// apply sets the translator's concurrency, timeout and monthly budget
// from l, which Validate has checked.
func (l *LLMConfig) apply(t *translate.Translator) {
	if l.Concurrency != "" {
		n, _ := l.parse("PROXENOS_LLM_CONCURRENCY")
		t.Concurrency = int(n)
	}
	if l.Timeout != "" {
		d, _ := l.parse("PROXENOS_LLM_TIMEOUT")
		t.Timeout = time.Duration(d)
	}
	if l.MonthlyTokens != "" {
		n, _ := l.parse("PROXENOS_LLM_MONTHLY_TOKENS")
		t.MonthlyTokenBudget = int(n)
	}
}
