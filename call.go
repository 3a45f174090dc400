package proxenos

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// deadlineZoneName is where EU deadlines are set: "17:00 Brussels time".
const deadlineZoneName = "Europe/Brussels"

// DefaultDeadlineHour is the hour of day of an EU deadline given as a bare
// date: 17:00 Brussels time.
const DefaultDeadlineHour = 17

// Limits of a call, named in the errors users see.
const (
	MaxDeadlines      = 10
	MaxMilestones     = 20
	MaxMilestoneDays  = 365
	MaxIdentifierLen  = 100
	MaxCallPartners   = 50
	MaxBudgetEuro     = 1_000_000_000_000
	maxSlackUserIDLen = 20
)

// DeadlineLocation returns Europe/Brussels, the zone EU deadlines are set in.
func DeadlineLocation() *time.Location { return zone(deadlineZoneName) }

// Programme is the EU funding programme of a call.
type Programme string

// The programmes the office follows.
const (
	ProgrammeCERV           Programme = "cerv"
	ProgrammeErasmus        Programme = "erasmus"
	ProgrammeCreativeEurope Programme = "creative_europe"
	ProgrammeLIFE           Programme = "life"
	ProgrammeHorizon        Programme = "horizon"
	ProgrammeInterreg       Programme = "interreg"
	ProgrammeURBACT         Programme = "urbact"
	ProgrammeOther          Programme = "other"
)

// Programmes lists every programme, in the order menus show them.
var Programmes = []Programme{ProgrammeCERV, ProgrammeErasmus, ProgrammeCreativeEurope, ProgrammeLIFE,
	ProgrammeHorizon, ProgrammeInterreg, ProgrammeURBACT, ProgrammeOther}

// programmePrefixes maps the first part of a topic identifier to its programme.
var programmePrefixes = map[string]Programme{
	"CERV": ProgrammeCERV, "ERASMUS": ProgrammeErasmus, "CREA": ProgrammeCreativeEurope,
	"LIFE": ProgrammeLIFE, "HORIZON": ProgrammeHorizon, "INTERREG": ProgrammeInterreg, "URBACT": ProgrammeURBACT,
}

// ProgrammeFromIdentifier tells the programme from a topic identifier's
// prefix: "CERV-2027-CITIZENS-TOWN-TT" is CERV, "CREA-CULT-2027-COOP" is
// Creative Europe. Unknown prefixes give ProgrammeOther.
func ProgrammeFromIdentifier(id string) Programme {
	head, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(id)), "-")
	head = strings.TrimRight(head, "+")
	if p, ok := programmePrefixes[head]; ok {
		return p
	}
	return ProgrammeOther
}

// Valid reports whether p is a known programme.
func (p Programme) Valid() bool { return slices.Contains(Programmes, p) }

// Label names the programme's label: "Creative Europe", "Δημιουργική Ευρώπη".
func (p Programme) Label() Text { return Text{Key: "call.programme." + string(p)} }

// CallStatus is where the office stands with a call.
type CallStatus string

// The statuses of a call.
const (
	CallWatching  CallStatus = "watching"
	CallPreparing CallStatus = "preparing"
	CallSubmitted CallStatus = "submitted"
	CallAwarded   CallStatus = "awarded"
	CallRejected  CallStatus = "rejected"
	CallWithdrawn CallStatus = "withdrawn"
	CallClosed    CallStatus = "closed"
)

// CallStatuses lists every status, in the order of a call's life.
var CallStatuses = []CallStatus{CallWatching, CallPreparing, CallSubmitted, CallAwarded, CallRejected, CallWithdrawn, CallClosed}

// ActiveCallStatuses are the statuses of calls the office still works
// towards a deadline on; `/call list open` and deadline reminders use them.
var ActiveCallStatuses = []CallStatus{CallWatching, CallPreparing}

// Valid reports whether s is a known status.
func (s CallStatus) Valid() bool { return slices.Contains(CallStatuses, s) }

// Label names the status's label: "υποβλήθηκε", "submitted".
func (s CallStatus) Label() Text { return Text{Key: "call.status." + string(s)} }

// Deadline is one submission deadline of a call. At is an instant; EU
// deadlines are usually 17:00 Brussels time, shown in the office zone
// (18:00 in Athens).
type Deadline struct {
	At    time.Time
	Label string // e.g. "stage 1"; optional
}

// Milestone is an internal step towards a call, due either DaysBefore days
// before the call's next deadline or at a fixed date At.
type Milestone struct {
	Text       string // e.g. "draft to the resources office"
	DaysBefore int
	At         time.Time
	Done       bool
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (m *Milestone) Validate() error {
	switch {
	case strings.TrimSpace(m.Text) == "":
		return Errorf(EINVALID, "milestone.required.text")
	case m.DaysBefore < 0 || m.DaysBefore > MaxMilestoneDays:
		return Errorf(EINVALID, "milestone.invalid.days", MaxMilestoneDays)
	case (m.DaysBefore == 0) == m.At.IsZero():
		return Errorf(EINVALID, "milestone.required.when")
	}
	return checkLen("milestone", m.Text, MaxSubjectLen)
}

// Call is an EU (or other) call for proposals the office follows.
type Call struct {
	ID             string
	Identifier     string // topic identifier, e.g. CERV-2027-CITIZENS-TOWN-TT
	Title          string
	Programme      Programme
	CallIdentifier string    // the call the topic belongs to, e.g. CERV-2027-CITIZENS-TOWN
	OpeningDate    time.Time // zero when unknown
	Deadlines      []Deadline
	Link           string
	Budget         int64 // the topic's total budget in euro; 0 when unknown
	GrantMin       int64 // smallest grant in euro; 0 when unknown
	GrantMax       int64 // largest grant in euro; 0 when unknown
	ExpectedGrants int
	Status         CallStatus
	Owner          string   // Slack user id
	PartnerIDs     []string // partners in the directory taking part
	Milestones     []Milestone
	Notes          string

	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	History   []Change
}

// identifierPattern is what a topic identifier may contain.
var identifierPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

// slackUserPattern is a Slack user id, safe to render as <@id>.
var slackUserPattern = regexp.MustCompile(`^[UW][A-Z0-9]+$`)

// IdentifierKey returns the form of a topic identifier that stores compare
// and index: CreateCall refuses a second call with the same key.
func IdentifierKey(id string) string { return strings.ToUpper(strings.TrimSpace(id)) }

// ValidateIdentifier returns an EINVALID error unless id is a topic
// identifier: letters, digits and - . _ / without spaces, such as
// CERV-2027-CITIZENS-TOWN-TT. Safe to send to the EU portal once it passes.
func ValidateIdentifier(id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return Errorf(EINVALID, "call.required.identifier")
	case len(id) > MaxIdentifierLen || !identifierPattern.MatchString(id):
		return Errorf(EINVALID, "call.invalid.identifier", id)
	}
	return nil
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (c *Call) Validate() error {
	if err := ValidateIdentifier(c.Identifier); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(c.Title) == "":
		return Errorf(EINVALID, "call.required.title")
	case !c.Programme.Valid():
		return Errorf(EINVALID, "call.invalid.programme", string(c.Programme))
	case !c.Status.Valid():
		return Errorf(EINVALID, "call.invalid.status", string(c.Status))
	case len(c.Deadlines) == 0:
		return Errorf(EINVALID, "call.required.deadline")
	case len(c.Deadlines) > MaxDeadlines:
		return Errorf(EINVALID, "invalid.too_many", Field("deadlines"), MaxDeadlines)
	case c.CallIdentifier != "" && (len(c.CallIdentifier) > MaxIdentifierLen || !identifierPattern.MatchString(c.CallIdentifier)):
		return Errorf(EINVALID, "call.invalid.call_identifier", c.CallIdentifier)
	case c.Budget < 0 || c.GrantMin < 0 || c.GrantMax < 0 || c.ExpectedGrants < 0 ||
		c.Budget > MaxBudgetEuro || c.GrantMax > MaxBudgetEuro:
		return Errorf(EINVALID, "call.invalid.budget")
	case c.GrantMax != 0 && c.GrantMin > c.GrantMax:
		return Errorf(EINVALID, "call.invalid.grant_range")
	}
	for _, d := range c.Deadlines {
		if d.At.IsZero() {
			return Errorf(EINVALID, "call.required.deadline")
		}
		if !c.OpeningDate.IsZero() && d.At.Before(c.OpeningDate) {
			return Errorf(EINVALID, "call.invalid.opening")
		}
		if err := checkLen("deadline", d.Label, MaxRefLen); err != nil {
			return err
		}
	}
	if err := checkLen("title", c.Title, MaxSubjectLen); err != nil {
		return err
	}
	if err := checkLen("notes", c.Notes, MaxNotesLen); err != nil {
		return err
	}
	if err := checkHTTPLink("call.invalid.link", c.Link); err != nil {
		return err
	}
	if err := checkSlackUser("call.invalid.owner", c.Owner); err != nil {
		return err
	}
	if err := checkList("partners", c.PartnerIDs, MaxCallPartners, MaxRefLen); err != nil {
		return err
	}
	if len(c.Milestones) > MaxMilestones {
		return Errorf(EINVALID, "invalid.too_many", Field("milestones"), MaxMilestones)
	}
	for i := range c.Milestones {
		if err := c.Milestones[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// checkHTTPLink refuses anything but an absolute http(s) link with the
// error key; "" passes.
func checkHTTPLink(key, link string) error {
	if link == "" {
		return nil
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(link, " <>|") ||
		len(link) > MaxAttachmentLen {
		return Errorf(EINVALID, key, link)
	}
	return nil
}

// checkSlackUser refuses a value that is not a Slack user id with the
// error key; "" passes.
func checkSlackUser(key, user string) error {
	if user != "" && (len(user) > maxSlackUserIDLen || !slackUserPattern.MatchString(user)) {
		return Errorf(EINVALID, key)
	}
	return nil
}

// NextDeadline returns the first deadline after now, and false when every
// deadline has passed.
func (c *Call) NextDeadline(now time.Time) (Deadline, bool) {
	var next Deadline
	found := false
	for _, d := range c.Deadlines {
		if d.At.After(now) && (!found || d.At.Before(next.At)) {
			next, found = d, true
		}
	}
	return next, found
}

// lastDeadline returns the latest deadline, or the zero Deadline.
func (c *Call) lastDeadline() Deadline {
	var last Deadline
	for _, d := range c.Deadlines {
		if d.At.After(last.At) {
			last = d
		}
	}
	return last
}

// DaysLeft returns the calendar days in loc from now to the next deadline
// (0 on its day), and false when every deadline has passed.
func (c *Call) DaysLeft(now time.Time, loc *time.Location) (int, bool) {
	d, ok := c.NextDeadline(now)
	if !ok {
		return 0, false
	}
	return DaysBetween(now, d.At, loc), true
}

// DaysBetween returns the number of calendar days in loc from the day of a
// to the day of b; negative when b's day comes first. It counts days, not
// 24-hour spans, so the switch to summer time changes nothing.
func DaysBetween(a, b time.Time, loc *time.Location) int {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// MilestoneDue returns when m falls due: its date, or DaysBefore calendar
// days before the call's next deadline at now (the last deadline once all
// have passed), keeping the deadline's Brussels time of day. The zero time
// means the call has no deadline to count from.
func (c *Call) MilestoneDue(m Milestone, now time.Time) time.Time {
	if m.DaysBefore == 0 {
		return m.At
	}
	d, ok := c.NextDeadline(now)
	if !ok {
		d = c.lastDeadline()
	}
	if d.At.IsZero() {
		return time.Time{}
	}
	return d.At.In(DeadlineLocation()).AddDate(0, 0, -m.DaysBefore)
}

// ParseDeadline reads a deadline as staff write it, in Brussels time:
// "18/09/2027 17:00", "18-09-2027", "18.09.2027 12:00", "2027-09-18 17:00".
// A bare date means 17:00, the usual EU deadline. EINVALID otherwise.
func ParseDeadline(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range []string{"2/1/2006 15:04", "2-1-2006 15:04", "2.1.2006 15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, DeadlineLocation()); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{"2/1/2006", "2-1-2006", "2.1.2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, DeadlineLocation()); err == nil {
			return t.Add(DefaultDeadlineHour * time.Hour), nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "call.invalid.deadline", s)
}

// CallFilter selects calls. Zero fields do not filter.
type CallFilter struct {
	Now       time.Time    // when "next deadline" is reckoned; zero means the store's clock
	Status    []CallStatus // any of these
	Owner     string
	Programme Programme
	PartnerID string

	// A call matches when one of its deadlines lies in [DeadlineFrom,
	// DeadlineTo); a zero end is open. `/call list open` sets DeadlineFrom
	// to now; a reminder for the coming week sets both.
	DeadlineFrom time.Time
	DeadlineTo   time.Time

	Offset int
	Limit  int // DefaultListLimit when 0, at most MaxListLimit

	// All asks for every match in one answer, in no set order, ignoring
	// Now, Offset and Limit; the count is the answer's length. It is for
	// readers of every call, such as the reminder engine: reading n calls
	// costs one pass, where paging in order sorts every match per page.
	All bool
}

// Match reports whether c passes the filter (ignoring Now, Offset,
// Limit and All). Stores that cannot express a filter in their query language
// apply it to what they fetched.
func (f CallFilter) Match(c *Call) bool {
	switch {
	case len(f.Status) > 0 && !slices.Contains(f.Status, c.Status),
		f.Owner != "" && c.Owner != f.Owner,
		f.Programme != "" && c.Programme != f.Programme,
		f.PartnerID != "" && !slices.Contains(c.PartnerIDs, f.PartnerID):
		return false
	case f.DeadlineFrom.IsZero() && f.DeadlineTo.IsZero():
		return true
	}
	return slices.ContainsFunc(c.Deadlines, func(d Deadline) bool {
		return !d.At.Before(f.DeadlineFrom) && (f.DeadlineTo.IsZero() || d.At.Before(f.DeadlineTo))
	})
}

// SortCalls orders calls as FindCalls returns them: those with a deadline
// after now first, soonest first; then those whose deadlines have all
// passed, most recent first; ties by identifier.
func SortCalls(calls []*Call, now time.Time) {
	key := func(c *Call) (bool, time.Time) {
		if d, ok := c.NextDeadline(now); ok {
			return true, d.At
		}
		return false, c.lastDeadline().At
	}
	slices.SortStableFunc(calls, func(a, b *Call) int {
		aNext, aAt := key(a)
		bNext, bAt := key(b)
		switch {
		case aNext != bNext && aNext:
			return -1
		case aNext != bNext:
			return 1
		case !aAt.Equal(bAt) && aNext:
			return aAt.Compare(bAt)
		case !aAt.Equal(bAt):
			return bAt.Compare(aAt)
		}
		return strings.Compare(a.Identifier, b.Identifier)
	})
}

// CallUpdate holds the fields to change; nil fields stay. The identifier
// cannot change: delete the call and add it again.
type CallUpdate struct {
	Title          *string
	Programme      *Programme
	CallIdentifier *string
	OpeningDate    *time.Time
	Deadlines      *[]Deadline
	Link           *string
	Budget         *int64
	GrantMin       *int64
	GrantMax       *int64
	Status         *CallStatus
	Owner          *string
	PartnerIDs     *[]string
	Milestones     *[]Milestone
	Notes          *string
}

// Apply changes c by upd and returns what changed, for the edit history.
// Lists (deadlines, partners, milestones) are replaced whole.
func (upd CallUpdate) Apply(c *Call) []FieldChange {
	var changes []FieldChange
	setText(&changes, "title", &c.Title, upd.Title)
	setText(&changes, "call", &c.CallIdentifier, upd.CallIdentifier)
	setText(&changes, "link", &c.Link, upd.Link)
	setText(&changes, "owner", &c.Owner, upd.Owner)
	setText(&changes, "notes", &c.Notes, upd.Notes)
	setText(&changes, "programme", &c.Programme, upd.Programme)
	setText(&changes, "status", &c.Status, upd.Status)
	setTime(&changes, "opening", &c.OpeningDate, upd.OpeningDate, formatInstant)
	euros := func(n int64) string { return strconv.FormatInt(n, 10) }
	setValue(&changes, "budget", &c.Budget, upd.Budget, euros)
	setValue(&changes, "grant_min", &c.GrantMin, upd.GrantMin, euros)
	setValue(&changes, "grant_max", &c.GrantMax, upd.GrantMax, euros)
	if upd.Deadlines != nil {
		if old, now := deadlinesText(c.Deadlines), deadlinesText(*upd.Deadlines); old != now {
			changes = append(changes, FieldChange{"deadlines", old, now})
			c.Deadlines = slices.Clone(*upd.Deadlines)
		}
	}
	setList(&changes, "partners", &c.PartnerIDs, upd.PartnerIDs, listText)
	if upd.Milestones != nil && !slices.EqualFunc(c.Milestones, *upd.Milestones, func(a, b Milestone) bool {
		return a.Text == b.Text && a.DaysBefore == b.DaysBefore && a.At.Equal(b.At) && a.Done == b.Done
	}) {
		changes = append(changes, FieldChange{"milestones", milestonesText(c.Milestones), milestonesText(*upd.Milestones)})
		c.Milestones = slices.Clone(*upd.Milestones)
	}
	return changes
}

// formatInstant writes an instant for the edit history, in UTC; "" for zero.
func formatInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// deadlinesText writes deadlines for the edit history.
func deadlinesText(ds []Deadline) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = strings.TrimSpace(formatInstant(d.At) + " " + d.Label)
	}
	return strings.Join(parts, ", ")
}

// milestonesText writes milestones for the edit history.
func milestonesText(ms []Milestone) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		when := formatInstant(m.At)
		if m.DaysBefore != 0 {
			when = "-" + strconv.Itoa(m.DaysBefore) + "d"
		}
		parts[i] = m.Text + " (" + when + ")"
		if m.Done {
			parts[i] += " ✓"
		}
	}
	return strings.Join(parts, ", ")
}

// CallService keeps the calls the office follows. Every method is scoped
// to the workspace in ctx.
type CallService interface {
	// FindCallByID returns one call by its id or its topic identifier
	// (compared by IdentifierKey). ENOTFOUND if none.
	FindCallByID(ctx context.Context, id string) (*Call, error)

	// FindCalls returns the calls matching filter, ordered as SortCalls
	// orders them at filter.Now, and the total count of matches (ignoring
	// Offset and Limit); with filter.All, every match in any order.
	FindCalls(ctx context.Context, filter CallFilter) ([]*Call, int, error)

	// CreateCall validates c, gives it an id and stores it. ECONFLICT when
	// the workspace has a call with the same IdentifierKey (a store keeps
	// this with a unique index on insert); EINVALID.
	CreateCall(ctx context.Context, c *Call) error

	// UpdateCall applies upd, validates the result and appends a Change by
	// the user in ctx to the history. id is as in FindCallByID.
	// ENOTFOUND, EINVALID.
	UpdateCall(ctx context.Context, id string, upd CallUpdate) (*Call, error)

	// DeleteCall removes a call; id is as in FindCallByID. ENOTFOUND.
	DeleteCall(ctx context.Context, id string) error
}
