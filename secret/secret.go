// Package secret seals the secrets Proxenos keeps at rest, the bot and
// refresh tokens of the workspaces it is installed in, with AES-256-GCM
// (the standard library's). A sealed value names the key it was sealed
// with, so that during a key rotation values sealed with the old key are
// still read, and `proxenos workspace rekey` reseals them with the new.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/proxenos/proxenos"
)

// KeySize is the length of a key: 32 random bytes, AES-256.
const KeySize = 32

// prefix starts every sealed value: its format's version.
const prefix = "pxs1."

// Keyring seals with its current key and opens what any of its keys
// sealed.
type Keyring struct {
	current string // id of the key values are sealed with
	aeads   map[string]cipher.AEAD
}

// ParseKey decodes a key written as base64 (standard or URL alphabet,
// padded or not), as `openssl rand -base64 32` prints one. name is the
// setting it came from, for the EINVALID error, which never shows the
// key.
func ParseKey(name, text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(text); err == nil {
			if len(b) != KeySize {
				return nil, proxenos.Errorf(proxenos.EINVALID, "secret.key.size", name, len(b), KeySize)
			}
			return b, nil
		}
	}
	return nil, proxenos.Errorf(proxenos.EINVALID, "secret.key.base64", name)
}

// NewKeyring returns the keyring that seals with current and opens with
// current and old, the keys being rotated out.
func NewKeyring(current []byte, old ...[]byte) (*Keyring, error) {
	k := &Keyring{aeads: map[string]cipher.AEAD{}}
	for i, key := range append([][]byte{current}, old...) {
		if len(key) != KeySize {
			return nil, proxenos.Errorf(proxenos.EINVALID, "secret.key.size", "key", len(key), KeySize)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		id := KeyID(key)
		if i == 0 {
			k.current = id
		}
		k.aeads[id] = aead
	}
	return k, nil
}

// KeyID names key in sealed values and messages without revealing it:
// the first 4 bytes of its SHA-256, in hex.
func KeyID(key []byte) string {
	sum := sha256.Sum256(key)
	return hex.EncodeToString(sum[:4])
}

// Seal encrypts plain with the current key, bound to label (say
// "T0123/bot"): a value copied to another workspace's row, or into the
// other token's place, does not open. "" stays "".
func (k *Keyring) Seal(plain, label string) (string, error) {
	if plain == "" {
		return "", nil
	}
	aead := k.aeads[k.current]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	sealed := aead.Seal(nonce, nonce, []byte(plain), []byte(label))
	return prefix + k.current + "." + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts what Seal sealed with label, with whichever key of the
// ring sealed it. "" stays "". EINVALID when the value is not sealed, was
// sealed with a key the ring lacks, or does not open (another label, or
// altered).
func (k *Keyring) Open(sealed, label string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	id, data, ok := split(sealed)
	if !ok {
		return "", proxenos.Errorf(proxenos.EINVALID, "secret.not_sealed", label)
	}
	aead, ok := k.aeads[id]
	if !ok {
		return "", proxenos.Errorf(proxenos.EINVALID, "secret.key.unknown", label, id)
	}
	if len(data) < aead.NonceSize() {
		return "", proxenos.Errorf(proxenos.EINVALID, "secret.corrupt", label)
	}
	plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], []byte(label))
	if err != nil {
		return "", proxenos.Errorf(proxenos.EINVALID, "secret.corrupt", label)
	}
	return string(plain), nil
}

// Current reports whether sealed was sealed with the current key ("" is).
func (k *Keyring) Current(sealed string) bool {
	id, _, ok := split(sealed)
	return sealed == "" || ok && id == k.current
}

// split returns the key id and the nonce and ciphertext of a sealed value.
func split(sealed string) (id string, data []byte, ok bool) {
	rest, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", nil, false
	}
	id, enc, ok := strings.Cut(rest, ".")
	if !ok {
		return "", nil, false
	}
	data, err := base64.RawURLEncoding.DecodeString(enc)
	return id, data, err == nil
}
