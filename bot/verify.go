package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Errors of request verification. Each means the request did not come from
// Slack (or came too late) and must be refused with 401.
var (
	ErrNoSignature      = errors.New("bot: request has no Slack signature")
	ErrBadTimestamp     = errors.New("bot: request timestamp is malformed")
	ErrExpiredTimestamp = errors.New("bot: request timestamp is outside the allowed window")
	ErrBadSignature     = errors.New("bot: request signature does not match")
)

// DefaultSignatureWindow is how far a request timestamp may be from now,
// either way, as Slack recommends against replays.
const DefaultSignatureWindow = 300 * time.Second

// Verifier checks Slack's v0 request signatures: HMAC-SHA256 of
// "v0:" + timestamp + ":" + body with the app's signing secret.
type Verifier struct {
	secret []byte

	// Now tells the time; tests replace it. Defaults to time.Now.
	Now func() time.Time
	// Window is the largest accepted distance between the request
	// timestamp and Now. Defaults to DefaultSignatureWindow.
	Window time.Duration
}

// NewVerifier returns a Verifier for the app's signing secret.
func NewVerifier(signingSecret string) *Verifier {
	return &Verifier{secret: []byte(signingSecret), Now: time.Now, Window: DefaultSignatureWindow}
}

// Verify checks the X-Slack-Signature and X-Slack-Request-Timestamp
// headers against the raw body. It returns nil or one of the Err…
// verification errors. An empty signing secret verifies nothing. The
// signature's hex digits may be in either case: Slack sends lower case,
// and the upper-case spelling is the same MAC, so the digits are decoded
// and the bytes compared.
func (v *Verifier) Verify(h http.Header, body []byte) error {
	sig, ts := h.Get("X-Slack-Signature"), h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" || len(v.secret) == 0 {
		return ErrNoSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadTimestamp
	}
	if d := v.Now().Sub(time.Unix(secs, 0)).Abs(); d > v.Window {
		return ErrExpiredTimestamp
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, "v0="))
	if err != nil || !strings.HasPrefix(sig, "v0=") {
		return ErrBadSignature
	}
	if !hmac.Equal(got, v.sign(ts, body)) {
		return ErrBadSignature
	}
	return nil
}

// Sign returns the X-Slack-Signature value for ts and body, as Slack
// computes it; tests use it to sign requests.
func (v *Verifier) Sign(ts string, body []byte) string {
	return "v0=" + hex.EncodeToString(v.sign(ts, body))
}

// sign returns the raw HMAC-SHA256 of the v0 base string.
func (v *Verifier) sign(ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, v.secret)
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return mac.Sum(nil)
}
