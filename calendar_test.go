package proxenos_test

import (
	"testing"

	"github.com/proxenos/proxenos"
)

func TestNewCalendarToken(t *testing.T) {
	token, hash := proxenos.NewCalendarToken()
	other, otherHash := proxenos.NewCalendarToken()
	t.Run("OK", func(t *testing.T) {
		if len(token) != 43 || token == other || hash == otherHash {
			t.Fatalf("tokens %q and %q: want two different 43-character tokens", token, other)
		}
		if got := proxenos.HashCalendarToken(token); got != hash || len(hash) != 64 {
			t.Fatalf("HashCalendarToken = %q, want %q (64 hex digits)", got, hash)
		}
	})
	for _, tt := range []struct {
		name string
		feed proxenos.CalendarFeed
		ok   bool
	}{
		{"OK", proxenos.CalendarFeed{TokenHash: hash, User: "U1"}, true},
		{"ErrTokenNotHashed", proxenos.CalendarFeed{TokenHash: token, User: "U1"}, false},
		{"ErrHashUpperCase", proxenos.CalendarFeed{TokenHash: "AB" + hash[2:], User: "U1"}, false},
		{"ErrUserRequired", proxenos.CalendarFeed{TokenHash: hash}, false},
	} {
		t.Run("Validate"+tt.name, func(t *testing.T) {
			if err := tt.feed.Validate(); (err == nil) != tt.ok || err != nil && proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Fatalf("Validate() = %v, want ok=%v or EINVALID", err, tt.ok)
			}
		})
	}
}
