package secret_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/secret"
)

// newKey returns a fresh random key.
func newKey(t *testing.T) []byte {
	t.Helper()
	k := make([]byte, secret.KeySize)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return k
}

func mustKeyring(t testing.TB, current []byte, old ...[]byte) *secret.Keyring {
	t.Helper()
	k, err := secret.NewKeyring(current, old...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := mustKeyring(t, newKey(t))
	const token = "xoxb-1234-5678-abcdefghijkl"
	sealed, err := k.Seal(token, "T1/bot")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, token) || strings.Contains(sealed, "abcdefghijkl") {
		t.Fatalf("sealed value %q shows the token", sealed)
	}
	again, _ := k.Seal(token, "T1/bot")
	if again == sealed {
		t.Error("two seals of one token are equal: the nonce is not random")
	}
	if got, err := k.Open(sealed, "T1/bot"); err != nil || got != token {
		t.Fatalf("Open = %q, %v; want the token", got, err)
	}
	if s, err := k.Seal("", "T1/bot"); s != "" || err != nil {
		t.Errorf("Seal of nothing = %q, %v; want nothing", s, err)
	}
	if !k.Current(sealed) {
		t.Error("a value sealed with the current key is not current")
	}
}

// TestOpenRefuses: a value moved to another workspace or field, altered,
// never sealed, or sealed with a key the ring lacks does not open.
func TestOpenRefuses(t *testing.T) {
	key := newKey(t)
	k := mustKeyring(t, key)
	sealed, _ := k.Seal("xoxb-1", "T1/bot")
	tampered := []byte(sealed)
	if tampered[len(tampered)-10] = 'A'; sealed[len(sealed)-10] == 'A' {
		tampered[len(tampered)-10] = 'B'
	}
	other, _ := mustKeyring(t, newKey(t)).Seal("xoxb-1", "T1/bot")
	for name, c := range map[string]struct{ value, label, key string }{
		"other team":  {sealed, "T2/bot", "secret.corrupt"},
		"other field": {sealed, "T1/refresh", "secret.corrupt"},
		"altered":     {string(tampered), "T1/bot", "secret.corrupt"},
		"clear":       {"xoxb-1", "T1/bot", "secret.not_sealed"},
		"unknown key": {other, "T1/bot", "secret.key.unknown"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := k.Open(c.value, c.label)
			var perr *proxenos.Error
			if err == nil || !asError(err, &perr) || perr.Key != c.key {
				t.Fatalf("Open = %q, %v; want %s", got, err, c.key)
			}
		})
	}
}

func asError(err error, target **proxenos.Error) bool {
	e, ok := err.(*proxenos.Error)
	*target = e
	return ok
}

// TestRotation: a ring with the new key and the old reads both, and
// seals with the new.
func TestRotation(t *testing.T) {
	old, next := newKey(t), newKey(t)
	sealedOld, _ := mustKeyring(t, old).Seal("xoxb-old", "T1/bot")
	ring := mustKeyring(t, next, old)
	if got, err := ring.Open(sealedOld, "T1/bot"); err != nil || got != "xoxb-old" {
		t.Fatalf("old value: %q, %v", got, err)
	}
	if ring.Current(sealedOld) {
		t.Error("a value sealed with the old key counts as current")
	}
	sealedNew, _ := ring.Seal("xoxb-new", "T1/bot")
	if !strings.Contains(sealedNew, secret.KeyID(next)) {
		t.Errorf("sealed %q, want it sealed with the new key %s", sealedNew, secret.KeyID(next))
	}
	if _, err := mustKeyring(t, old).Open(sealedNew, "T1/bot"); err == nil {
		t.Error("the old key alone opens a value sealed with the new one")
	}
}

// TestParseKey: a key of 32 bytes in any base64 is accepted; anything
// else is refused naming the setting and never showing the value.
func TestParseKey(t *testing.T) {
	key := newKey(t)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
		got, err := secret.ParseKey("PROXENOS_ENCRYPTION_KEY", enc.EncodeToString(key)+"\n")
		if err != nil || !bytes.Equal(got, key) {
			t.Fatalf("ParseKey = %x, %v; want the key", got, err)
		}
	}
	short := base64.StdEncoding.EncodeToString([]byte("sixteen byte key"))
	for value, want := range map[string]string{short: "secret.key.size", "not a key!": "secret.key.base64", "": "secret.key.size"} {
		_, err := secret.ParseKey("PROXENOS_ENCRYPTION_KEY", value)
		var perr *proxenos.Error
		if !asError(err, &perr) || perr.Key != want {
			t.Fatalf("ParseKey(%q) = %v, want %s", value, err, want)
		}
		if value != "" && strings.Contains(err.Error(), value) {
			t.Errorf("the error %q shows the value", err)
		}
	}
}
