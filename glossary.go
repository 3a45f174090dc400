package proxenos

import (
	"context"
	"time"
)

// GlossaryEntry is one term as the office translates it, in several
// languages: {"el": "Δήμος Αμαρουσίου", "en": "Municipality of Maroussi"}.
type GlossaryEntry struct {
	ID        string
	Terms     map[string]string // ISO 639-1 code → term
	CreatedBy string
	CreatedAt time.Time
}

// Validate returns an EINVALID error unless the entry names a term in at
// least two languages.
func (e *GlossaryEntry) Validate() error {
	if len(e.Terms) < 2 {
		return Errorf(EINVALID, "glossary.required.terms")
	}
	for _, term := range e.Terms {
		if err := checkLen("term", term, MaxNameLen); err != nil {
			return err
		}
	}
	return nil
}

// GlossaryService keeps the office glossary. Scoped to the workspace in ctx.
type GlossaryService interface {
	// FindGlossary returns every entry, oldest first.
	FindGlossary(ctx context.Context) ([]*GlossaryEntry, error)

	// CreateGlossaryEntry validates and stores e. EINVALID.
	CreateGlossaryEntry(ctx context.Context, e *GlossaryEntry) error

	// DeleteGlossaryEntry removes an entry. ENOTFOUND.
	DeleteGlossaryEntry(ctx context.Context, id string) error
}
