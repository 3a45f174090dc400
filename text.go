package proxenos

// Lang is a language of the user interface.
type Lang string

// The languages of the interface.
const (
	Greek   Lang = "el"
	English Lang = "en"
)

// Text is a message of the i18n catalogue, named by its key, with the
// arguments that fill its placeholders. The domain names its texts and
// package i18n renders them in a language, so that the domain imports no
// catalogue. An argument that is itself a Text is rendered in the same
// language; the zero Text renders as nothing.
type Text struct {
	Key  string
	Args []any
}

// Field names a field of a record as commands and forms know it ("date",
// "subject"). Errors that concern a field carry it, and the catalogue
// gives its label in each language ("field.date": «Ημερομηνία», "Date"),
// so that no user reads the internal key.
type Field string

// Label names the field in the catalogue.
func (f Field) Label() Text { return Text{Key: "field." + string(f)} }
