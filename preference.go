package proxenos

import (
	"context"
	"time"
)

// Preference is what one user of a workspace chose for themselves. Today
// it is the language of the interface, set with `/ir lang`.
type Preference struct {
	User      string    // Slack user id
	Lang      Lang      // "" follows the user's Slack language
	UpdatedAt time.Time // set by the store
}

// Validate returns an EINVALID error unless the preference names a user
// and a language of the interface (or none).
func (p *Preference) Validate() error {
	switch {
	case p.User == "":
		return Errorf(EINVALID, "preference.required.user")
	case p.Lang != "" && p.Lang != Greek && p.Lang != English:
		return Errorf(EINVALID, "preference.invalid.lang", string(p.Lang))
	}
	return nil
}

// PreferenceService keeps each user's preferences, per workspace. Every
// method is scoped to the workspace in ctx.
type PreferenceService interface {
	// FindPreference returns the preferences of user. ENOTFOUND when the
	// user has never set any.
	FindPreference(ctx context.Context, user string) (*Preference, error)

	// SetPreference validates p and stores it for p.User, replacing what
	// was there (the last writer wins); it sets p.UpdatedAt. EINVALID.
	SetPreference(ctx context.Context, p *Preference) error
}
