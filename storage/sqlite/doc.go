package sqlite

import (
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// docOptions keep v1's leniency where a stored document could use it:
// duplicate names and invalid UTF-8 are read as encoding/json read
// them. Names match exactly: every document is written by json.Marshal
// (or json_set) with the Go field names.
var docOptions = jsonv2.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// decodeDoc reads a stored JSON document into v. It decodes with
// encoding/json/v2's implementation, about three times as fast as
// encoding/json on an entry, which is most of the cost of an export or
// a report (issue 17).
func decodeDoc(doc string, v any) error {
	return jsonv2.Unmarshal([]byte(doc), v, docOptions)
}
