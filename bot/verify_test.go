package bot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Slack's documented signing example.
const (
	vectorSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	vectorTimestamp = "1531420618"
	vectorBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	vectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestVerifier(t *testing.T) {
	at := time.Unix(1531420618, 0)
	header := func(sig, ts string) http.Header {
		h := http.Header{}
		if sig != "" {
			h.Set("X-Slack-Signature", sig)
		}
		if ts != "" {
			h.Set("X-Slack-Request-Timestamp", ts)
		}
		return h
	}
	for _, tt := range []struct {
		name   string
		secret string
		header http.Header
		body   string
		now    time.Time
		want   error
	}{
		{"OK", vectorSecret, header(vectorSignature, vectorTimestamp), vectorBody, at, nil},
		{"OKUpperCaseHex", vectorSecret, header("v0="+strings.ToUpper(vectorSignature[3:]), vectorTimestamp), vectorBody, at, nil},
		{"ErrUpperCaseVersion", vectorSecret, header("V0="+vectorSignature[3:], vectorTimestamp), vectorBody, at, ErrBadSignature},
		{"OKWithinWindow", vectorSecret, header(vectorSignature, vectorTimestamp), vectorBody, at.Add(299 * time.Second), nil},
		{"ErrNoSignature", vectorSecret, header("", vectorTimestamp), vectorBody, at, ErrNoSignature},
		{"ErrNoTimestamp", vectorSecret, header(vectorSignature, ""), vectorBody, at, ErrNoSignature},
		{"ErrNoSecret", "", header(vectorSignature, vectorTimestamp), vectorBody, at, ErrNoSignature},
		{"ErrBadSignature", "another secret", header(vectorSignature, vectorTimestamp), vectorBody, at, ErrBadSignature},
		{"ErrBodyChanged", vectorSecret, header(vectorSignature, vectorTimestamp), vectorBody + "&x=1", at, ErrBadSignature},
		{"ErrNoVersion", vectorSecret, header(vectorSignature[3:], vectorTimestamp), vectorBody, at, ErrBadSignature},
		{"ErrNotHex", vectorSecret, header("v0=zz", vectorTimestamp), vectorBody, at, ErrBadSignature},
		{"ErrStale", vectorSecret, header(vectorSignature, vectorTimestamp), vectorBody, at.Add(301 * time.Second), ErrExpiredTimestamp},
		{"ErrFuture", vectorSecret, header(vectorSignature, vectorTimestamp), vectorBody, at.Add(-301 * time.Second), ErrExpiredTimestamp},
		{"ErrMalformedTimestamp", vectorSecret, header(vectorSignature, "15314206l8"), vectorBody, at, ErrBadTimestamp},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVerifier(tt.secret)
			v.Now = func() time.Time { return tt.now }
			if got := v.Verify(tt.header, []byte(tt.body)); !errors.Is(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestVerifierSign(t *testing.T) {
	if got, want := NewVerifier(vectorSecret).Sign(vectorTimestamp, []byte(vectorBody)), vectorSignature; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func ExampleVerifier_Verify() {
	v := NewVerifier(vectorSecret)
	v.Now = func() time.Time { return time.Unix(1531420618, 0) } // tests inject the clock
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", vectorTimestamp)
	h.Set("X-Slack-Signature", vectorSignature)
	fmt.Println(v.Verify(h, []byte(vectorBody)))
	h.Set("X-Slack-Signature", "v0=00")
	fmt.Println(v.Verify(h, []byte(vectorBody)))
	// Output:
	// <nil>
	// bot: request signature does not match
}
