package main

import (
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/translate"
)

// DocumentsConfig holds the limits of reading one shared document (PDF,
// DOCX, ODT), which happens in a child process (`proxenos extract`) so
// that a hostile file cannot hang or kill the bot. As text, like the other
// tuning settings; empty keeps the default.
type DocumentsConfig struct {
	Timeout  string `yaml:"timeout"`   // wall-clock and CPU time of one document
	MemoryMB string `yaml:"memory_mb"` // memory of the child, in MB
}

// documentSetting is one setting of the document limits: its variable,
// YAML key, value and a valid example.
type documentSetting struct {
	env, yaml string
	value     *string
	example   string
}

// settings lists the document limits, in the order Validate checks them.
func (d *DocumentsConfig) settings() []documentSetting {
	return []documentSetting{
		{"PROXENOS_DOCUMENT_TIMEOUT", "documents.timeout", &d.Timeout, "30s"},
		{"PROXENOS_DOCUMENT_MEMORY_MB", "documents.memory_mb", &d.MemoryMB, "1024"},
	}
}

// applyEnv overrides d with the variables that are set.
func (d *DocumentsConfig) applyEnv(getenv func(string) string) {
	for _, s := range d.settings() {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			*s.value = v
		}
	}
}

// validate returns an EINVALID error naming the first limit that is
// wrong, with an example of a right one.
func (d *DocumentsConfig) validate() error {
	for _, s := range d.settings() {
		if *s.value == "" {
			continue
		}
		if _, err := d.parse(s.env); err != nil {
			return proxenos.Errorf(proxenos.EINVALID, "config.invalid.documents", s.env, s.yaml, *s.value, s.example)
		}
	}
	return nil
}

// parse reads one limit: a timeout from translate.MinReadTimeout to
// MaxReadTimeout (as nanoseconds), or memory from MinReadMemory to
// MaxReadMemory (as bytes).
func (d *DocumentsConfig) parse(env string) (int64, error) {
	if env == "PROXENOS_DOCUMENT_TIMEOUT" {
		t, err := time.ParseDuration(strings.TrimSpace(d.Timeout))
		if err != nil || t < translate.MinReadTimeout || t > translate.MaxReadTimeout {
			return 0, errSetting
		}
		return int64(t), nil
	}
	mb, err := strconv.ParseInt(strings.TrimSpace(d.MemoryMB), 10, 64)
	if err != nil || mb < translate.MinReadMemory>>20 || mb > translate.MaxReadMemory>>20 {
		return 0, errSetting
	}
	return mb << 20, nil
}

// sandbox returns the reader of shared documents: this program, re-run
// as `proxenos extract` with d's limits, which Validate has checked.
func (d *DocumentsConfig) sandbox(logger *slog.Logger) *translate.Sandbox {
	s := &translate.Sandbox{Logger: logger}
	if d.Timeout != "" {
		t, _ := d.parse("PROXENOS_DOCUMENT_TIMEOUT")
		s.Timeout = time.Duration(t)
	}
	if d.MemoryMB != "" {
		s.Memory, _ = d.parse("PROXENOS_DOCUMENT_MEMORY_MB")
	}
	return s
}
