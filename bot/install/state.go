package install

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// stateCookie holds the state of an install in progress, binding the
// redirect from Slack to the browser that began it.
const stateCookie = "proxenos_install_state"

// StateTTL is how long an install may take, from the "Add to Slack" page
// to the redirect back.
const StateTTL = 10 * time.Minute

// newState returns a random state and its cookie value, "state.expiry.mac",
// signed with key so that neither can be forged or prolonged.
func newState(key []byte, now time.Time) (state, cookie string) {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails
	state = hex.EncodeToString(b)
	payload := state + "." + strconv.FormatInt(now.Add(StateTTL).Unix(), 10)
	return state, payload + "." + sign(key, payload)
}

// sign returns the HMAC-SHA256 of payload under key.
func sign(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// stateProblem says why a redirect's state is refused.
type stateProblem string

const (
	stateOK       stateProblem = ""
	stateMissing  stateProblem = "missing"  // no cookie: another browser, or cookies off
	stateExpired  stateProblem = "expired"  // the install took longer than StateTTL
	stateMismatch stateProblem = "mismatch" // forged, altered, or another install's
)

// checkState checks the state Slack sent back against the cookie.
func checkState(key []byte, r *http.Request, now time.Time) stateProblem {
	c, err := r.Cookie(stateCookie)
	if err != nil || c.Value == "" {
		return stateMissing
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 3 || !hmac.Equal([]byte(parts[2]), []byte(sign(key, parts[0]+"."+parts[1]))) {
		return stateMismatch
	}
	if subtle.ConstantTimeCompare([]byte(parts[0]), []byte(r.URL.Query().Get("state"))) != 1 {
		return stateMismatch
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return stateMismatch
	}
	if !now.Before(time.Unix(exp, 0)) {
		return stateExpired
	}
	return stateOK
}

// setState sets the cookie of a new install: HttpOnly, Secure when the
// redirect is https, SameSite=Lax, which a top-level redirect from
// slack.com carries.
func setState(w http.ResponseWriter, value string, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: value, Path: "/slack/", MaxAge: int(StateTTL.Seconds()),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// clearState removes the cookie once the install has ended, so that a
// state serves once.
func clearState(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: "", Path: "/slack/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}
