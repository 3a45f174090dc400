package main

import (
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
)

// TestConsole_OfficeZone checks that PROXENOS_TIMEZONE reaches the domain
// and the store: a letter dated 20/11/2026 at an office in Tokyo is
// midnight there, stored and read back in Tokyo time, not 17:00 the day
// before as Athens would have it.
func TestConsole_OfficeZone(t *testing.T) {
	t.Cleanup(func() { proxenos.SetOfficeZone(nil) })
	dir := t.TempDir()
	input := `/corr in from:"Tokyo Metropolitan Government" subject:"Sister city visit" date:20/11/2026` + "\nexit\n"
	m, _, _ := testMain(t, map[string]string{
		"PROXENOS_STORAGE_URL": "sqlite:" + dir + "/proxenos.db",
		"PROXENOS_LANGUAGE":    "en",
		"PROXENOS_TIMEZONE":    "Asia/Tokyo",
	}, strings.NewReader(input))
	if err := m.ParseFlags(t.Context(), []string{"console", "--out", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(m.Message(err))
	}
	t.Cleanup(func() { _ = m.Close() })
	if got, want := proxenos.OfficeZone().String(), "Asia/Tokyo"; got != want {
		t.Errorf("OfficeZone() = %s, want %s", got, want)
	}
	entries, _, err := m.Store.Correspondence.FindCorrespondence(proxenos.NewContextWithTeam(t.Context(), proxenos.ConsoleTeam), proxenos.CorrespondenceFilter{})
	if err != nil || len(entries) != 1 {
		t.Fatalf("FindCorrespondence: %d entries, %v", len(entries), err)
	}
	if got, want := entries[0].Date.Format("02/01/2006 15:04 MST"), "20/11/2026 00:00 JST"; got != want {
		t.Errorf("Date = %s, want %s", got, want)
	}
}
