package proxenos

import (
	"errors"
	"fmt"
)

// Error codes, as in wtf: few, coarse, and each mapped to one reaction.
const (
	ECONFLICT     = "conflict"     // the action conflicts with the current state
	EINTERNAL     = "internal"     // a fault of ours; details are logged, not shown
	EINVALID      = "invalid"      // the input is wrong; the message names the field
	ENOTFOUND     = "not_found"    // the record does not exist in this workspace
	EUNAUTHORIZED = "unauthorized" // the user may not do this
	EUNAVAILABLE  = "unavailable"  // a dependency (store, LLM, Slack) is down; try later
)

// Error is an error meant for people. Key names a message in the i18n
// catalogue, and Args fill its placeholders, so that the same error reads
// in Greek or English; i18n.ErrorMessage renders it.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Error writes the code, the message key and its arguments, for logs:
// the domain renders no catalogue text (i18n.ErrorMessage does).
func (e *Error) Error() string {
	s := "proxenos error: code=" + e.Code + " key=" + e.Key
	if len(e.Args) > 0 {
		s += fmt.Sprintf(" args=%v", e.Args)
	}
	return s
}

// Errorf returns an *Error with the code and the catalogue message key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
