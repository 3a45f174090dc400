package storagetest

import (
	"sync"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// RunPreferences checks users' preferences: set, replaced, kept apart by
// workspace and user, and safe to set from two requests at once.
func RunPreferences(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 11, 26, 9, 30, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U1")
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Preferences.FindPreference(ctx, "U1")
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("OK", func(t *testing.T) {
		p := &proxenos.Preference{User: "U1", Lang: i18n.English}
		if err := s.Preferences.SetPreference(ctx, p); err != nil {
			t.Fatal(err)
		}
		if !p.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("UpdatedAt = %v, want %v", p.UpdatedAt, clock.Now())
		}
		got, err := s.Preferences.FindPreference(ctx, "U1")
		if err != nil {
			t.Fatal(err)
		}
		if got.User != "U1" || got.Lang != i18n.English || !got.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("got %+v, want U1 en at %v", got, clock.Now())
		}
	})
	t.Run("Replace", func(t *testing.T) {
		clock.Set(clock.Now().Add(time.Hour))
		for _, lang := range []i18n.Lang{i18n.Greek, ""} {
			if err := s.Preferences.SetPreference(ctx, &proxenos.Preference{User: "U1", Lang: lang}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Preferences.FindPreference(ctx, "U1")
			if err != nil || got.Lang != lang || !got.UpdatedAt.Equal(clock.Now()) {
				t.Fatalf("got %+v (%v), want lang %q at %v", got, err, lang, clock.Now())
			}
		}
	})
	t.Run("Isolation", func(t *testing.T) {
		if err := s.Preferences.SetPreference(Ctx(OtherTeam, "U1"), &proxenos.Preference{User: "U1", Lang: i18n.English}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Preferences.FindPreference(ctx, "U1"); err != nil || got.Lang != "" {
			t.Fatalf("another workspace's choice leaked: %+v (%v)", got, err)
		}
		_, err := s.Preferences.FindPreference(ctx, "U2")
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		wantCode(t, s.Preferences.SetPreference(ctx, &proxenos.Preference{User: "U1", Lang: "fr"}), proxenos.EINVALID)
		wantCode(t, s.Preferences.SetPreference(ctx, &proxenos.Preference{Lang: i18n.Greek}), proxenos.EINVALID)
	})
	t.Run("Concurrent", func(t *testing.T) {
		// Two first choices at once: both succeed, one of them stays.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.Preferences.SetPreference(ctx, &proxenos.Preference{User: "U3", Lang: lang})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Preferences.FindPreference(ctx, "U3")
		if err != nil || (got.Lang != i18n.Greek && got.Lang != i18n.English) {
			t.Fatalf("got %+v (%v)", got, err)
		}
	})
}
