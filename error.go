package proxenos

import (
	"errors"
	"fmt"

	"github.com/proxenos/proxenos/i18n"
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
// in Greek or English.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Error renders the message in English, for logs.
func (e *Error) Error() string {
	return fmt.Sprintf("proxenos error: code=%s message=%s", e.Code, i18n.T(i18n.English, e.Key, e.Args...))
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

// ErrorMessage returns the human message of err in lang. Errors that are not
// *Error are internal faults: the user only learns that something went wrong.
func ErrorMessage(lang i18n.Lang, err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return i18n.T(lang, e.Key, e.Args...)
	}
	return i18n.T(lang, "error.internal")
}
