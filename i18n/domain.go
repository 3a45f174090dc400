package i18n

import (
	"errors"
	"strings"

	"github.com/proxenos/proxenos"
)

// Render writes the domain's text t in lang. Arguments that are texts
// themselves, or labelled values, are rendered first, in the same
// language (see T), and times are written as the day they fall on in the
// office zone, as FormatDate writes it; the zero Text is "".
func Render(lang Lang, t proxenos.Text) string {
	if t.Key == "" {
		return ""
	}
	return T(lang, t.Key, t.Args...)
}

// Labelled is a value of the domain that names its label in the
// catalogue: a status, a kind, a programme, a recurrence, a period.
type Labelled interface {
	Label() proxenos.Text
}

// Label writes x's label in lang: "υποβλήθηκε", "Creative Europe",
// "κάθε 6 μήνες".
func Label(lang Lang, x Labelled) string { return Render(lang, x.Label()) }

// ErrorMessage returns the human message of err in lang. Errors that are not
// *proxenos.Error are internal faults: the user only learns that something
// went wrong.
func ErrorMessage(lang Lang, err error) string {
	var e *proxenos.Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return Render(lang, proxenos.Text{Key: e.Key, Args: e.Args})
	}
	return T(lang, "error.internal")
}

// ParseProgramme reads a programme as staff write it: "cerv", "Erasmus+",
// "creative europe", "crea", "Ορίζων Ευρώπη", "horizon".
func ParseProgramme(s string) (proxenos.Programme, bool) {
	key := strings.Join(strings.Fields(proxenos.SearchKey(s)), " ")
	for _, p := range proxenos.Programmes {
		if namedBy(key, string(p), p) {
			return p, true
		}
	}
	if p := proxenos.ProgrammeFromIdentifier(key); p != proxenos.ProgrammeOther {
		return p, true
	}
	return "", false
}

// ParseCallStatus reads a status in English or Greek, as its code or its
// label in either language: "submitted", "Υποβλήθηκε", "υποβληθηκε".
// EINVALID names the statuses allowed.
func ParseCallStatus(s string) (proxenos.CallStatus, error) {
	key := proxenos.SearchKey(strings.TrimSpace(s))
	for _, st := range proxenos.CallStatuses {
		if namedBy(key, string(st), st) {
			return st, nil
		}
	}
	return "", proxenos.Errorf(proxenos.EINVALID, "call.invalid.status", s)
}

// namedBy reports whether the search key is x's code or its label in
// either language.
func namedBy(key, code string, x Labelled) bool {
	return key == code || key == proxenos.SearchKey(Label(Greek, x)) || key == proxenos.SearchKey(Label(English, x))
}
