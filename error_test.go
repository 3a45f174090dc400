package proxenos_test

import (
	"testing"

	"github.com/proxenos/proxenos"
)

// TestErrorString checks that an error writes what a log reader needs to
// find the message, its code, key and arguments, and no catalogue text.
func TestErrorString(t *testing.T) {
	for _, tt := range []struct {
		err  *proxenos.Error
		want string
	}{
		{proxenos.Errorf(proxenos.EINVALID, "call.invalid.status", "won"),
			"proxenos error: code=invalid key=call.invalid.status args=[won]"},
		{proxenos.Errorf(proxenos.EINVALID, "invalid.too_many", "deadlines", 20),
			"proxenos error: code=invalid key=invalid.too_many args=[deadlines 20]"},
		{proxenos.Errorf(proxenos.EINTERNAL, "error.internal"), "proxenos error: code=internal key=error.internal"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
