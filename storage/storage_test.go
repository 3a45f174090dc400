package storage_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		for _, prefix := range []string{"sqlite:", "sqlite://"} {
			s, err := storage.Open(ctx, prefix+filepath.Join(t.TempDir(), "data", "proxenos.db"))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
	})
	for _, tt := range []struct{ name, url, hidden string }{
		{"ErrUnknownScheme", "postgres://u:hunter2@db/proxenos", "hunter2"},
		{"ErrEmpty", "", ""},
		{"ErrNoPath", "sqlite:", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := storage.Open(ctx, tt.url)
			if got := proxenos.ErrorCode(err); got != proxenos.EINVALID {
				t.Fatalf("code %q (%v), want %q", got, err, proxenos.EINVALID)
			}
			msg := i18n.ErrorMessage(i18n.English, err)
			if !strings.Contains(msg, "PROXENOS_STORAGE_URL") || !strings.Contains(msg, "sqlite:./data/proxenos.db") {
				t.Fatalf("message %q should name PROXENOS_STORAGE_URL with an example", msg)
			}
			if tt.hidden != "" && strings.Contains(msg+err.Error(), tt.hidden) {
				t.Fatalf("message shows the password: %q", msg)
			}
		})
	}
}
