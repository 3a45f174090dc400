// Package letter reads the letters and e-mails the office receives - an
// .eml, a PDF or Word letter, a pasted message - and finds in them what the
// register of correspondence asks: who wrote, about what, when, under
// which reference. The person logging the entry checks what was found;
// nothing here writes to the register.
package letter

import (
	"time"

	"github.com/proxenos/proxenos"
)

// Letter is a document as received: an e-mail with its headers, or the
// text of a file or message (headers then empty).
type Letter struct {
	From        Address
	To, Cc      []Address
	Date        time.Time // the e-mail's Date header; zero when there is none
	Subject     string
	MessageID   string // the e-mail's Message-ID, without angle brackets
	Text        string // the body: the plain part, HTML reduced to text, or the file's text
	Attachments []Attachment
}

// Address is a mailbox: a display name and an e-mail address.
type Address struct {
	Name  string
	Email string
}

// Domain returns the part of the address after the @, in lower case.
func (a Address) Domain() string {
	for i := len(a.Email) - 1; i >= 0; i-- {
		if a.Email[i] == '@' {
			return lowerASCII(a.Email[i+1:])
		}
	}
	return ""
}

// Attachment is a file an e-mail carries.
type Attachment struct {
	Name string
	Size int    // bytes, decoded
	Text string // the text of a readable one (.txt, .pdf, .docx, .odt); "" otherwise

	MessageID string // an attached e-mail's own Message-ID (a forward "as attachment")
}

// Field names one thing found in a letter, as the correspondence form
// names its inputs.
type Field string

// The fields a letter can prefill.
const (
	FieldDirection   Field = "direction"
	FieldCounterpart Field = "counterpart"
	FieldSubject     Field = "subject"
	FieldDate        Field = "date"
	FieldLanguage    Field = "lang"
	FieldCountry     Field = "country"
	FieldReference   Field = "ref"
	FieldAttachments Field = "attachments"
)

// Fields is what a letter prefills in the correspondence form. A zero
// value is a field not found.
type Fields struct {
	Direction   proxenos.Direction
	Counterpart string // the sender's organisation (incoming) or the addressee's (outgoing)
	Email       string // the counterpart's e-mail address, to match a partner by its people's domain
	Subject     string
	Date        time.Time // the document's own date, midnight in the office zone
	Language    string    // ISO 639-1 code
	Country     string    // ISO 3166-1 alpha-2 code
	Reference   string    // the sender's own reference number
	Attachments []string  // file names
	MessageID   string    // an e-mail's Message-ID, so the same e-mail is not logged twice
	ForwardedID string    // the Message-ID of the e-mail forwarded, when it has its own

	// ByModel lists the fields a language model read (rather than the
	// headers or the rules), so that the form can say which to check.
	ByModel []Field
}

// lowerASCII lowers ASCII letters only: domains are ASCII (IDNA).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
