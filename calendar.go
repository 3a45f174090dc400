package proxenos

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// calendarTokenBytes is the randomness of a feed token: 256 bits.
const calendarTokenBytes = 32

// CalendarFeed is one private calendar feed of a user: the address that
// Outlook, Google Calendar or Thunderbird subscribe to. The token in the
// address is the only credential, so only its SHA-256 is stored.
type CalendarFeed struct {
	TokenHash string // HashCalendarToken of the token
	Team      string // the workspace whose items the feed lists
	User      string // Slack user id of its owner
	MineOnly  bool   // only items the owner is responsible for
	Lang      Lang   // language of the event titles
	CreatedAt time.Time
	RevokedAt time.Time // zero while the feed is live
}

// Validate returns an EINVALID error unless the feed has a token hash and
// an owner.
func (f *CalendarFeed) Validate() error {
	if !validTokenHash(f.TokenHash) || f.User == "" {
		return Errorf(EINVALID, "calendar.invalid.feed")
	}
	return nil
}

// validTokenHash reports whether h looks like HashCalendarToken's output.
func validTokenHash(h string) bool {
	b, err := hex.DecodeString(h)
	return err == nil && len(b) == sha256.Size && hex.EncodeToString(b) == h
}

// NewCalendarToken returns a new random feed token (256 bits, base64url
// without padding, so it needs no escaping in a URL) and its hash, the
// form stored.
func NewCalendarToken() (token, hash string) {
	b := make([]byte, calendarTokenBytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashCalendarToken(token)
}

// HashCalendarToken returns the lowercase hex SHA-256 of token: the key a
// feed is stored and found by.
func HashCalendarToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CalendarService keeps the calendar feeds of users.
type CalendarService interface {
	// CreateCalendarFeed stores f as a live feed of the workspace and user
	// in ctx, setting its Team, User and CreatedAt. EINVALID without a
	// token hash; ECONFLICT when the hash is taken (stores insert it
	// under a unique key).
	CreateCalendarFeed(ctx context.Context, f *CalendarFeed) error

	// FindCalendarFeed returns the live feed whose token hashes to hash,
	// in whichever workspace it is: the token is what tells the
	// workspace. ENOTFOUND, the same error, when there is none and when
	// it was revoked.
	FindCalendarFeed(ctx context.Context, hash string) (*CalendarFeed, error)

	// RevokeCalendarFeeds revokes every live feed of the user in ctx and
	// returns how many there were.
	RevokeCalendarFeeds(ctx context.Context) (int, error)
}
