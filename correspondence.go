package proxenos

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Direction says whether a document came in (ΕΙΣ) or went out (ΕΞ).
type Direction string

// The two directions of the correspondence register.
const (
	Incoming Direction = "in"
	Outgoing Direction = "out"
)

// Medium is how a document travelled.
type Medium string

// The media the register knows.
const (
	MediumEmail  Medium = "email"
	MediumLetter Medium = "letter"
	MediumOther  Medium = "other"
)

// Field limits of the register, named in the errors users see.
const (
	MaxSubjectLen    = 300
	MaxSummaryLen    = 4000
	MaxNameLen       = 200
	MaxRefLen        = 100
	MaxTags          = 20
	MaxTagLen        = 50
	MaxAttachments   = 20
	MaxAttachmentLen = 2000
	MaxCopies        = 20
	MaxCopyLen       = MaxNameLen
	MaxNotesLen      = 4000
	DefaultListLimit = 20
	MaxListLimit     = 100
	MaxSearchWords   = 8
	MaxSearchCount   = 100 // see FindCorrespondence
	MaxCountryLen    = 60
	MaxLanguageLen   = 20
	MaxSources       = 4
	MaxSourceLen     = 500
)

// ProtocolNumber is a serial number per year, restarting each 1 January,
// shown as "42/2026".
type ProtocolNumber struct {
	Year   int
	Number int
}

// String writes the number as the office does: "42/2026".
func (p ProtocolNumber) String() string {
	return strconv.Itoa(p.Number) + "/" + strconv.Itoa(p.Year)
}

// IsZero reports whether no number has been given.
func (p ProtocolNumber) IsZero() bool { return p.Number == 0 }

// ParseProtocolNumber reads "42/2026", "42-2026" or "42 ΕΙΣ 2026"; a bare
// "42" takes defaultYear.
func ParseProtocolNumber(s string, defaultYear int) (ProtocolNumber, error) {
	fields := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool {
		return r == '/' || r == '-' || r == ' ' || r == '.'
	})
	var nums []int
	for _, f := range fields {
		switch strings.ToUpper(f) {
		case "ΕΙΣ", "ΕΞ", "IN", "OUT":
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return ProtocolNumber{}, Errorf(EINVALID, "corr.invalid.number", s)
		}
		nums = append(nums, n)
	}
	switch {
	case len(nums) == 1 && defaultYear > 0:
		return ProtocolNumber{Year: defaultYear, Number: nums[0]}, nil
	case len(nums) == 2 && nums[1] >= 1900 && nums[1] <= 9999:
		return ProtocolNumber{Year: nums[1], Number: nums[0]}, nil
	}
	return ProtocolNumber{}, Errorf(EINVALID, "corr.invalid.number", s)
}

// Correspondence is one entry of the register of correspondence with
// bodies abroad.
type Correspondence struct {
	ID        string
	Protocol  ProtocolNumber // given by the store on creation
	Direction Direction
	Date      time.Time // the document's own date, midnight in the office zone

	// Registered is the day the entry was logged, midnight in the office
	// zone, as a protocol book dates it: it gives the number its year,
	// orders the register and places the entry in periods. Whoever logs
	// the entry gives it (the store takes today when it is zero); it is
	// never edited.
	Registered time.Time

	PartnerID   string   // the partner in the directory, if known
	Counterpart string   // sender or recipient as written
	Copies      []string // bodies or people the letter is copied to (ΚΟΙΝ.)
	Country     string
	Subject     string
	Summary     string
	Language    string // ISO 639-1 code, e.g. "de"
	Medium      Medium
	ExternalRef string // the municipality's own protocol number, e.g. from ΙΡΙΔΑ
	Attachments []string
	Tags        []string
	RelatedID   string // a call or agreement

	// Sources name what the entry was logged from, so that the same Slack
	// message or e-mail is never logged twice: SlackSource and EmailSource
	// make them. Given on creation, never edited.
	Sources []string
	// SourceURL links the Slack message the entry was logged from, and
	// TranslationURL the draft translation of the document; "" if none.
	SourceURL      string
	TranslationURL string

	LoggedBy  string // Slack user id
	CreatedAt time.Time
	UpdatedAt time.Time
	History   []Change
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (c *Correspondence) Validate() error {
	switch {
	case c.Direction != Incoming && c.Direction != Outgoing:
		return Errorf(EINVALID, "corr.invalid.direction")
	case c.Protocol.Year < 1900:
		return Errorf(EINVALID, "corr.invalid.year")
	case c.Date.IsZero():
		return Errorf(EINVALID, "corr.invalid.date")
	case c.Registered.Year() != c.Protocol.Year:
		return Errorf(EINVALID, "corr.invalid.registered", c.Registered, c.Protocol.Year)
	case c.Date.After(c.Registered):
		// No clock here: the registration day is the entry's "today", so
		// a document cannot be dated after the day it was logged.
		return Errorf(EINVALID, "corr.invalid.date_future", c.Date, c.Registered)
	case strings.TrimSpace(c.Subject) == "":
		return Errorf(EINVALID, "corr.required.subject")
	case strings.TrimSpace(c.Counterpart) == "" && c.PartnerID == "":
		return Errorf(EINVALID, "corr.required.counterpart")
	case c.Medium != "" && c.Medium != MediumEmail && c.Medium != MediumLetter && c.Medium != MediumOther:
		return Errorf(EINVALID, "corr.invalid.medium", string(c.Medium))
	}
	if err := checkLen("subject", c.Subject, MaxSubjectLen); err != nil {
		return err
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"summary", c.Summary, MaxSummaryLen},
		{"counterpart", c.Counterpart, MaxNameLen},
		{"country", c.Country, MaxCountryLen},
		{"lang", c.Language, MaxLanguageLen},
		{"ref", c.ExternalRef, MaxRefLen},
		{"related", c.RelatedID, MaxRefLen},
	} {
		if err := checkLen(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if err := checkList("cc", c.Copies, MaxCopies, MaxCopyLen); err != nil {
		return err
	}
	if err := checkList("tags", c.Tags, MaxTags, MaxTagLen); err != nil {
		return err
	}
	if err := checkList("attachments", c.Attachments, MaxAttachments, MaxAttachmentLen); err != nil {
		return err
	}
	if err := checkList("sources", c.Sources, MaxSources, MaxSourceLen); err != nil {
		return err
	}
	for _, u := range []struct{ field, url string }{{"source", c.SourceURL}, {"translation", c.TranslationURL}} {
		if err := checkLink(u.field, u.url); err != nil {
			return err
		}
	}
	return nil
}

// SlackSource names a Slack message as a source of an entry.
func SlackSource(channel, ts string) string { return "slack:" + channel + "/" + ts }

// EmailSource names an e-mail, by its Message-ID, as a source of an entry.
func EmailSource(messageID string) string {
	return "email:" + strings.ToLower(strings.Trim(strings.TrimSpace(messageID), "<>"))
}

// checkLink refuses a link that is not an https address or is too long.
func checkLink(field, u string) error {
	if u == "" {
		return nil
	}
	if err := checkLen(field, u, MaxSourceLen); err != nil {
		return err
	}
	if !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, " <>|\n") {
		return Errorf(EINVALID, "corr.invalid.link", Field(field))
	}
	return nil
}

// SearchText returns the texts that search matches for this entry: its
// subject, summary, counterpart, copies, country, references and tags.
func (c *Correspondence) SearchText() []string {
	texts := []string{c.Subject, c.Summary, c.Counterpart, c.Country, c.ExternalRef, c.Protocol.String()}
	texts = append(texts, c.Copies...)
	return append(texts, c.Tags...)
}

// checkLen refuses a value longer than max characters, naming the field.
func checkLen(field, value string, max int) error {
	if n := utf8.RuneCountInString(value); n > max {
		return Errorf(EINVALID, "invalid.too_long", Field(field), max, n)
	}
	return nil
}

// checkList refuses too many items, or an item that is too long.
func checkList(field string, items []string, maxItems, maxLen int) error {
	if len(items) > maxItems {
		return Errorf(EINVALID, "invalid.too_many", Field(field), maxItems)
	}
	for _, it := range items {
		if err := checkLen(field, it, maxLen); err != nil {
			return err
		}
	}
	return nil
}

// CorrespondenceFilter selects entries of the register. Zero fields do not
// filter. With Query set, results are ranked: entries where every word
// matches a whole word come before those matched by prefixes, and those
// before the ones matched by stems (other forms of a word: Λεμεσός,
// Λεμεσού), newer first within each; otherwise the newest entries come
// first.
type CorrespondenceFilter struct {
	Direction Direction
	PartnerID string
	Country   string // matched by SearchKey
	Tag       string // matched by SearchKey
	From, To  time.Time
	Query     string // words; each must match a word, a word prefix or a stem

	Offset int
	Limit  int // DefaultListLimit when 0, at most MaxListLimit
}

// CorrespondenceUpdate holds the fields to change; nil fields stay.
type CorrespondenceUpdate struct {
	Direction   *Direction
	Date        *time.Time
	PartnerID   *string
	Counterpart *string
	Copies      *[]string
	Country     *string
	Subject     *string
	Summary     *string
	Language    *string
	Medium      *Medium
	ExternalRef *string
	Attachments *[]string
	Tags        *[]string
	RelatedID   *string
}

// Apply changes c by upd and returns what changed, for the edit history.
func (upd CorrespondenceUpdate) Apply(c *Correspondence) []FieldChange {
	var changes []FieldChange
	setText(&changes, "direction", &c.Direction, upd.Direction)
	setTime(&changes, "date", &c.Date, upd.Date, func(t time.Time) string { return t.Format(time.DateOnly) })
	setText(&changes, "medium", &c.Medium, upd.Medium)
	setText(&changes, "partner", &c.PartnerID, upd.PartnerID)
	setText(&changes, "counterpart", &c.Counterpart, upd.Counterpart)
	setText(&changes, "country", &c.Country, upd.Country)
	setText(&changes, "subject", &c.Subject, upd.Subject)
	setText(&changes, "summary", &c.Summary, upd.Summary)
	setText(&changes, "lang", &c.Language, upd.Language)
	setText(&changes, "ref", &c.ExternalRef, upd.ExternalRef)
	setText(&changes, "related", &c.RelatedID, upd.RelatedID)
	// Lists compare as written, and an emptied list is stored as none.
	for _, l := range []struct {
		field string
		dst   *[]string
		src   *[]string
	}{{"cc", &c.Copies, upd.Copies}, {"attachments", &c.Attachments, upd.Attachments}, {"tags", &c.Tags, upd.Tags}} {
		if l.src != nil && strings.Join(*l.dst, ", ") != strings.Join(*l.src, ", ") {
			changes = append(changes, FieldChange{l.field, strings.Join(*l.dst, ", "), strings.Join(*l.src, ", ")})
			*l.dst = append([]string(nil), *l.src...)
		}
	}
	return changes
}

// CorrespondenceService keeps the register. Every method is scoped to the
// workspace in ctx.
type CorrespondenceService interface {
	// FindCorrespondenceByNumber returns one entry. ENOTFOUND if none.
	FindCorrespondenceByNumber(ctx context.Context, p ProtocolNumber) (*Correspondence, error)

	// FindCorrespondenceBySource returns the entry logged from source (see
	// Correspondence.Sources). ENOTFOUND if none.
	FindCorrespondenceBySource(ctx context.Context, source string) (*Correspondence, error)

	// FindCorrespondence returns the entries matching filter and the total
	// count of matches (ignoring Offset and Limit). With filter.Query set,
	// counting stops at MaxSearchCount: a total of MaxSearchCount means
	// that many or more. Without a query the count is exact.
	FindCorrespondence(ctx context.Context, filter CorrespondenceFilter) ([]*Correspondence, int, error)

	// EachCorrespondence calls fn with every entry filter selects, in the
	// order of their protocol numbers (year, then number), for exports and
	// reports: the entries are read as fn takes them, not page by page, so
	// the cost grows with the entries selected, not with their square.
	// Offset and Limit are ignored; a filter with a Query is an error (a
	// search is ranked and capped, never streamed). An error of fn stops
	// the walk and is returned.
	EachCorrespondence(ctx context.Context, filter CorrespondenceFilter, fn func(*Correspondence) error) error

	// CreateCorrespondence validates c, gives it the next protocol number of
	// c.Protocol.Year (unique and gap-free under concurrent use), and
	// stores it. When c.PartnerID is set, the partner's last contact moves
	// to c.Date if later. EINVALID for bad input; ECONFLICT
	// ("corr.already_logged", with the entry's number) when one of
	// c.Sources was logged before.
	//
	// A request creates at most one entry: when ctx carries a request id
	// (NewContextWithRequest) under which an entry of the workspace was
	// already created, c is filled with that entry, no number is used up
	// and the error is nil. The id stays in the store; exports and the
	// entry itself do not carry it.
	CreateCorrespondence(ctx context.Context, c *Correspondence) error

	// UpdateCorrespondence applies upd, validates the result and appends a
	// Change by the user in ctx to the history. ENOTFOUND, EINVALID.
	UpdateCorrespondence(ctx context.Context, p ProtocolNumber, upd CorrespondenceUpdate) (*Correspondence, error)
}

// Label names the direction's label, as the office marks it: ΕΙΣ/ΕΞ or IN/OUT.
func (d Direction) Label() Text { return Text{Key: "corr.direction." + string(d)} }

// CounterpartField is the field that names an entry's counterpart: the
// sender of an incoming entry, the recipient of an outgoing one.
func (d Direction) CounterpartField() Field {
	if d == Outgoing {
		return "to"
	}
	return "from"
}
