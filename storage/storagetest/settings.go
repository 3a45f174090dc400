package storagetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// NewSettings returns the settings of a workspace that chose everything.
func NewSettings(lang proxenos.Lang) *proxenos.Settings {
	return &proxenos.Settings{Channel: "C0OFFICE", Lang: lang, Timezone: "Europe/Athens",
		AllowedUsers: []string{"U0MARIA", "S0IRTEAM"}, Admins: []string{"U0NIKOS"},
		CallDays: []int{14, 7, 1}, ObligationDays: []int{7}, AgreementDays: []int{90, 30},
		ReminderTime: "09:00", DigestTime: "08:30", LLMOff: true, MonthlyTokens: 2_000_000,
		OfficeDomains: []string{"maroussi.gr", "xn--mxahbxey0c.gr"}, OfficeNames: []string{"Δήμος Αμαρουσίου", "Municipality of Maroussi"},
		UpdatedBy: "U0MARIA"}
}

// RunSettings checks each workspace's settings: ENOTFOUND before any
// are saved, saved and found as they were, replaced whole, kept apart
// by workspace, and refused (EINVALID, nothing stored) when a field is
// wrong.
func RunSettings(t *testing.T, open OpenFunc) {
	clock := NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, Athens))
	s := open(t, clock.Now)
	ctx := Ctx(Team, "U0MARIA")
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Settings.FindSettings(ctx)
		wantCode(t, err, proxenos.ENOTFOUND)
	})
	t.Run("OK", func(t *testing.T) {
		want := NewSettings(i18n.Greek)
		if err := s.Settings.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		if !want.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("UpdatedAt = %v, want %v", want.UpdatedAt, clock.Now())
		}
		wantSettings(t, s.Settings, ctx, want)
	})
	t.Run("Replace", func(t *testing.T) {
		clock.Set(clock.Now().Add(time.Hour))
		want := &proxenos.Settings{Lang: i18n.English, UpdatedBy: "U0NIKOS"} // the rest back to the defaults
		if err := s.Settings.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		wantSettings(t, s.Settings, ctx, want)
	})
	t.Run("Isolation", func(t *testing.T) {
		other := Ctx(OtherTeam, "U0MARIA")
		_, err := s.Settings.FindSettings(other)
		wantCode(t, err, proxenos.ENOTFOUND)
		theirs := NewSettings(i18n.Greek)
		if err := s.Settings.SaveSettings(other, theirs); err != nil {
			t.Fatal(err)
		}
		wantSettings(t, s.Settings, other, theirs)
		if got, err := s.Settings.FindSettings(ctx); err != nil || got.Lang != i18n.English || got.Channel != "" {
			t.Fatalf("another workspace's settings leaked: %+v (%v)", got, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := NewSettings(i18n.Greek)
		bad.Timezone = "Athens"
		wantCode(t, s.Settings.SaveSettings(ctx, bad), proxenos.EINVALID)
		if got, err := s.Settings.FindSettings(ctx); err != nil || got.Lang != i18n.English {
			t.Fatalf("refused settings stored: %+v (%v)", got, err)
		}
	})
	t.Run("ErrNoTeam", func(t *testing.T) {
		_, err := s.Settings.FindSettings(t.Context())
		wantCode(t, err, proxenos.EINTERNAL) // a programming error: no request without a workspace
	})
}

// wantSettings fails the test unless the settings of the workspace in
// ctx are want.
func wantSettings(t *testing.T, svc proxenos.SettingsService, ctx context.Context, want *proxenos.Settings) {
	t.Helper()
	got, err := svc.FindSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("UpdatedAt %v, want %v", got.UpdatedAt, want.UpdatedAt)
	}
	g, w := *got, *want
	g.UpdatedAt, w.UpdatedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("found %+v, want %+v", g, w)
	}
}
