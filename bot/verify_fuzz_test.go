package bot

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds the verifier any secret, timestamp, signature and
// body. It must never panic; a forged signature must never pass; a body
// signed with the secret at a fresh timestamp must pass, its hex digits
// in either case, and the same signature over any other body or an hour
// later must not.
func FuzzVerify(f *testing.F) {
	f.Add(vectorSecret, vectorTimestamp, vectorSignature, []byte(vectorBody), []byte(vectorBody+"&x=1"))
	// The same MAC in upper-case hex.
	f.Add(vectorSecret, vectorTimestamp, "v0="+strings.ToUpper(vectorSignature[3:]), []byte(vectorBody), []byte(vectorBody+"&x=1"))
	f.Add("s", "1531420618", "v0=", []byte(""), []byte("a"))
	f.Add("secret", "-1", "v1=00", []byte("payload={}"), []byte("payload={ }"))
	f.Add("", "99999999999999999999", "v0=zz", []byte("\x00"), []byte("\x00\x00"))
	f.Add("πρωτόκολλο", "1531420618.5", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", []byte("text=%3C%21channel%3E"), []byte("text=<!channel>"))
	at := time.Unix(1531420618, 0)
	f.Fuzz(func(t *testing.T, secret, ts, sig string, body, other []byte) {
		v := NewVerifier(secret)
		v.Now = func() time.Time { return at }
		h := http.Header{}
		h.Set("X-Slack-Request-Timestamp", ts)
		h.Set("X-Slack-Signature", sig)
		// An arbitrary signature passes only if it is the real one, its
		// hex digits in either case (the same MAC).
		want := v.Sign(ts, body)
		if err := v.Verify(h, body); err == nil && (secret == "" || !strings.HasPrefix(sig, "v0=") || !strings.EqualFold(sig[3:], want[3:])) {
			t.Fatalf("forged signature %q accepted for %q", sig, body)
		}
		if secret == "" {
			return
		}
		// Signed properly at a fresh time, the body passes…
		fresh := strconv.FormatInt(at.Unix(), 10)
		h.Set("X-Slack-Request-Timestamp", fresh)
		h.Set("X-Slack-Signature", v.Sign(fresh, body))
		if err := v.Verify(h, body); err != nil {
			t.Fatalf("signed body refused: %v", err)
		}
		// …in upper-case hex too…
		h.Set("X-Slack-Signature", "v0="+strings.ToUpper(v.Sign(fresh, body)[3:]))
		if err := v.Verify(h, body); err != nil {
			t.Fatalf("signed body in upper-case hex refused: %v", err)
		}
		// …another body under its signature does not…
		if !bytes.Equal(body, other) {
			if err := v.Verify(h, other); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("body changed from %q to %q: got %v, want ErrBadSignature", body, other, err)
			}
		}
		// …and neither does the same request replayed an hour later.
		v.Now = func() time.Time { return at.Add(time.Hour) }
		if err := v.Verify(h, body); !errors.Is(err, ErrExpiredTimestamp) {
			t.Fatalf("replayed an hour later: got %v, want ErrExpiredTimestamp", err)
		}
	})
}
