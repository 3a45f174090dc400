package proxenos

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits of agreements and obligations, named in the errors users see.
const (
	MaxAgreementPartners = 50
	MaxRenewalYears      = 20
	MaxLeadTimes         = 10
	MaxLeadDays          = 365
)

// AgreementKind is the kind of agreement with partners abroad.
type AgreementKind string

// The kinds of agreement.
const (
	AgreementTwinning   AgreementKind = "twinning"   // αδελφοποίηση
	AgreementFriendship AgreementKind = "friendship" // protocol of friendship and cooperation
	AgreementMemorandum AgreementKind = "memorandum" // memorandum of understanding
	AgreementNetwork    AgreementKind = "network"    // membership of a network of cities
)

// AgreementKinds lists every kind, in the order menus show them.
var AgreementKinds = []AgreementKind{AgreementTwinning, AgreementFriendship, AgreementMemorandum, AgreementNetwork}

// Valid reports whether k is a known kind.
func (k AgreementKind) Valid() bool { return slices.Contains(AgreementKinds, k) }

// Label names the kind's label: "Αδελφοποίηση", "Twinning".
func (k AgreementKind) Label() Text { return Text{Key: "agreement.kind." + string(k)} }

// AgreementStatus is where an agreement stands.
type AgreementStatus string

// The statuses of an agreement.
const (
	AgreementDraft      AgreementStatus = "draft"
	AgreementActive     AgreementStatus = "active"
	AgreementExpired    AgreementStatus = "expired"
	AgreementTerminated AgreementStatus = "terminated"
)

// AgreementStatuses lists every status, in the order of an agreement's life.
var AgreementStatuses = []AgreementStatus{AgreementDraft, AgreementActive, AgreementExpired, AgreementTerminated}

// Valid reports whether s is a known status.
func (s AgreementStatus) Valid() bool { return slices.Contains(AgreementStatuses, s) }

// Label names the status's label: "σε ισχύ", "active".
func (s AgreementStatus) Label() Text { return Text{Key: "agreement.status." + string(s)} }

// RenewalKind says how an agreement with an end date goes on.
type RenewalKind string

// The kinds of renewal.
const (
	RenewalNone      RenewalKind = ""          // it ends
	RenewalAutomatic RenewalKind = "automatic" // it renews for Years unless notice is given
	RenewalDecision  RenewalKind = "decision"  // it renews by a new council decision
)

// Renewal is how an agreement is renewed.
type Renewal struct {
	Kind  RenewalKind
	Years int // the length of each automatic renewal
}

// Label names the renewal's label: "αυτόματη ανά 2 έτη", "none".
func (r Renewal) Label() Text {
	switch r.Kind {
	case RenewalAutomatic:
		if r.Years == 1 {
			return Text{Key: "agreement.renewal.yearly"}
		}
		return Text{Key: "agreement.renewal.automatic", Args: []any{r.Years}}
	case RenewalDecision:
		return Text{Key: "agreement.renewal.decision"}
	}
	return Text{Key: "agreement.renewal.none"}
}

// Agreement is a twinning, a protocol of friendship and cooperation, a
// memorandum of understanding or a network membership. Dates without a
// time of day (Signed, Start, End) are midnight in the office's zone
// (ZoneFromContext).
type Agreement struct {
	ID          string
	Kind        AgreementKind
	PartnerIDs  []string // partners in the directory; at least one
	Title       string
	Signed      time.Time // zero while a draft
	DecisionRef string    // council decision: "ΑΔΑ 6ΜΟΜΩΡΦ-56Δ", "ΑΔΣ 123/2019"
	Start       time.Time
	End         time.Time // last day of the current term; zero when open-ended
	Renewal     Renewal
	Notice      Period   // notice period before End, e.g. 6 months
	Documents   []string // links to the signed text, the decision…
	Status      AgreementStatus
	Notes       string

	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	History   []Change
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (a *Agreement) Validate() error {
	switch {
	case !a.Kind.Valid():
		return Errorf(EINVALID, "agreement.invalid.kind", string(a.Kind))
	case len(a.PartnerIDs) == 0:
		return Errorf(EINVALID, "agreement.required.partner")
	case strings.TrimSpace(a.Title) == "":
		return Errorf(EINVALID, "agreement.required.title")
	case !a.Status.Valid():
		return Errorf(EINVALID, "agreement.invalid.status", string(a.Status))
	case !a.End.IsZero() && !a.Start.IsZero() && a.End.Before(a.Start):
		return Errorf(EINVALID, "agreement.invalid.end")
	case a.Renewal.Kind != RenewalNone && a.Renewal.Kind != RenewalAutomatic && a.Renewal.Kind != RenewalDecision:
		return Errorf(EINVALID, "agreement.invalid.renewal", string(a.Renewal.Kind))
	case a.Renewal.Kind == RenewalAutomatic && (a.Renewal.Years < 1 || a.Renewal.Years > MaxRenewalYears):
		return Errorf(EINVALID, "agreement.invalid.renewal_years", MaxRenewalYears)
	case a.Renewal.Kind != RenewalAutomatic && a.Renewal.Years != 0:
		return Errorf(EINVALID, "agreement.invalid.renewal", string(a.Renewal.Kind))
	case a.Renewal.Kind != RenewalNone && a.End.IsZero():
		return Errorf(EINVALID, "agreement.required.end")
	}
	if err := a.Notice.Validate(); err != nil {
		return err
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"title", a.Title, MaxSubjectLen}, {"decision", a.DecisionRef, MaxRefLen}, {"notes", a.Notes, MaxNotesLen}} {
		if err := checkLen(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if err := checkList("partners", a.PartnerIDs, MaxAgreementPartners, MaxRefLen); err != nil {
		return err
	}
	if len(a.Documents) > MaxAttachments {
		return Errorf(EINVALID, "invalid.too_many", Field("documents"), MaxAttachments)
	}
	for _, d := range a.Documents {
		if err := checkHTTPLink("agreement.invalid.document", d); err != nil {
			return err
		}
	}
	return nil
}

// NoticeDeadline returns the last day to give notice before the end of the
// current term (and so before an automatic renewal): End moved back by the
// notice period in the calendar of loc, the office's zone, so six months
// before 31 December is 30 June. It returns false for an open-ended
// agreement or one without a notice period.
func (a *Agreement) NoticeDeadline(loc *time.Location) (time.Time, bool) {
	if a.End.IsZero() || a.Notice.IsZero() {
		return time.Time{}, false
	}
	return a.Notice.Before(a.End, loc), true
}

// RenewedEnd returns the end of the next term of an automatically renewed
// agreement (End plus Renewal.Years in the calendar of loc, the office's
// zone), and false for any other agreement.
func (a *Agreement) RenewedEnd(loc *time.Location) (time.Time, bool) {
	if a.Renewal.Kind != RenewalAutomatic || a.End.IsZero() {
		return time.Time{}, false
	}
	return addMonths(a.End.In(loc), 12*a.Renewal.Years), true
}

// AgreementFilter selects agreements. Zero fields do not filter.
type AgreementFilter struct {
	Kind      AgreementKind
	PartnerID string
	Status    []AgreementStatus // any of these

	// With ExpiringWithinDays set, only agreements whose End falls from
	// the day of Now to ExpiringWithinDays days later, in the calendar
	// of Zone (nil: OfficeZone); the stores set it from their context.
	ExpiringWithinDays int
	Now                time.Time // zero means the store's clock
	Zone               *time.Location

	// With DatesTo set, only agreements whose End or notice deadline
	// falls in [DatesFrom, DatesTo): the reminder engine's query for
	// those with a reminder near its window.
	DatesFrom, DatesTo time.Time

	Offset int
	Limit  int // DefaultListLimit when 0, at most MaxListLimit

	// All asks for every match in one answer, in no set order, ignoring
	// Offset and Limit; the count is the answer's length. It is for
	// readers of every agreement, such as the reminder engine, as
	// CallFilter.All is for calls.
	All bool
}

// Match reports whether a passes the filter (ignoring Offset, Limit and All);
// f.Now must be set when ExpiringWithinDays is.
func (f AgreementFilter) Match(a *Agreement) bool {
	switch {
	case f.Kind != "" && a.Kind != f.Kind,
		f.PartnerID != "" && !slices.Contains(a.PartnerIDs, f.PartnerID),
		len(f.Status) > 0 && !slices.Contains(f.Status, a.Status):
		return false
	case f.ExpiringWithinDays > 0 && a.End.IsZero():
		return false
	case f.ExpiringWithinDays > 0:
		if days := DaysBetween(f.Now, a.End, f.zone()); days < 0 || days > f.ExpiringWithinDays {
			return false
		}
	}
	if f.DatesTo.IsZero() {
		return true
	}
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(f.DatesFrom) && t.Before(f.DatesTo) }
	notice, ok := a.NoticeDeadline(f.zone())
	return in(a.End) || (ok && in(notice))
}

// zone is f.Zone, else OfficeZone.
func (f AgreementFilter) zone() *time.Location {
	if f.Zone != nil {
		return f.Zone
	}
	return OfficeZone()
}

// SortAgreements orders agreements as FindAgreements returns them: by End,
// soonest first, open-ended ones last; ties by title, then id.
func SortAgreements(as []*Agreement) {
	slices.SortStableFunc(as, func(a, b *Agreement) int {
		switch {
		case a.End.IsZero() != b.End.IsZero() && a.End.IsZero():
			return 1
		case a.End.IsZero() != b.End.IsZero():
			return -1
		case !a.End.Equal(b.End):
			return a.End.Compare(b.End)
		case a.Title != b.Title:
			return strings.Compare(SearchKey(a.Title), SearchKey(b.Title))
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// AgreementUpdate holds the fields to change; nil fields stay.
type AgreementUpdate struct {
	Kind        *AgreementKind
	PartnerIDs  *[]string
	Title       *string
	Signed      *time.Time
	DecisionRef *string
	Start       *time.Time
	End         *time.Time
	Renewal     *Renewal
	Notice      *Period
	Documents   *[]string
	Status      *AgreementStatus
	Notes       *string
}

// Apply changes a by upd and returns what changed, for the edit history.
func (upd AgreementUpdate) Apply(a *Agreement) []FieldChange {
	var changes []FieldChange
	setText(&changes, "kind", &a.Kind, upd.Kind)
	setText(&changes, "status", &a.Status, upd.Status)
	setList(&changes, "partners", &a.PartnerIDs, upd.PartnerIDs, listText)
	setText(&changes, "title", &a.Title, upd.Title)
	setTime(&changes, "signed", &a.Signed, upd.Signed, formatInstant)
	setText(&changes, "decision", &a.DecisionRef, upd.DecisionRef)
	setTime(&changes, "start", &a.Start, upd.Start, formatInstant)
	setTime(&changes, "end", &a.End, upd.End, formatInstant)
	setValue(&changes, "renewal", &a.Renewal, upd.Renewal, renewalText)
	setValue(&changes, "notice", &a.Notice, upd.Notice, Period.String)
	setList(&changes, "documents", &a.Documents, upd.Documents, listText)
	setText(&changes, "notes", &a.Notes, upd.Notes)
	return changes
}

// renewalText writes a renewal for the edit history: "automatic/2y".
func renewalText(r Renewal) string {
	if r.Kind == RenewalAutomatic {
		return string(r.Kind) + "/" + strconv.Itoa(r.Years) + "y"
	}
	return string(r.Kind)
}

// ObligationStatus is where an obligation stands.
type ObligationStatus string

// The statuses of an obligation. A recurring obligation stays open while
// it recurs; each fulfilment moves it to its next due date.
const (
	ObligationOpen   ObligationStatus = "open"
	ObligationDone   ObligationStatus = "done"
	ObligationWaived ObligationStatus = "waived"
)

// ObligationStatuses lists every status.
var ObligationStatuses = []ObligationStatus{ObligationOpen, ObligationDone, ObligationWaived}

// Valid reports whether s is a known status.
func (s ObligationStatus) Valid() bool { return slices.Contains(ObligationStatuses, s) }

// Label names the status's label: "εκκρεμεί", "open".
func (s ObligationStatus) Label() Text { return Text{Key: "obligation.status." + string(s)} }

// Obligation is a duty under an agreement: an annual progress report, an
// exchange visit every two years. Due is the instant it is next due; a
// recurring one keeps the wall clock of the office's zone, counted from
// Start.
type Obligation struct {
	ID          string
	AgreementID string
	Text        string
	Owner       string    // Slack user id
	Due         time.Time // the occurrence now due
	Start       time.Time // first due date of a recurring series; Due when zero
	Recurrence  Recurrence
	LeadDays    []int // remind this many days before Due, e.g. 30, 7, 1
	Status      ObligationStatus
	// WaiverReason says why the obligation was waived, as staff gave it;
	// it is set only while the obligation is waived (History keeps it).
	WaiverReason string
	Fulfilments  []Fulfilment

	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	// History records each UpdateObligation: who changed which fields.
	// Fulfilments record completions themselves, so these add none.
	History []Change
}

// Fulfilment records that one occurrence of an obligation was met.
type Fulfilment struct {
	Due      time.Time // the occurrence fulfilled; Complete sets it
	At       time.Time
	By       string // Slack user id
	Evidence string // a link, or a protocol number such as "ΕΞ 258/2026"
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (f *Fulfilment) Validate() error {
	switch {
	case f.At.IsZero():
		return Errorf(EINVALID, "fulfilment.required.at")
	case f.By == "":
		return Errorf(EINVALID, "fulfilment.required.by")
	}
	if err := checkSlackUser("fulfilment.invalid.by", f.By); err != nil {
		return err
	}
	if strings.Contains(f.Evidence, "://") {
		return checkHTTPLink("fulfilment.invalid.evidence", f.Evidence)
	}
	return checkLen("evidence", f.Evidence, MaxRefLen)
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (o *Obligation) Validate() error {
	switch {
	case o.AgreementID == "":
		return Errorf(EINVALID, "obligation.required.agreement")
	case strings.TrimSpace(o.Text) == "":
		return Errorf(EINVALID, "obligation.required.text")
	case o.Due.IsZero():
		return Errorf(EINVALID, "obligation.required.due")
	case !o.Start.IsZero() && o.Start.After(o.Due):
		return Errorf(EINVALID, "obligation.invalid.start")
	case !o.Status.Valid():
		return Errorf(EINVALID, "obligation.invalid.status", string(o.Status))
	case len(o.LeadDays) > MaxLeadTimes:
		return Errorf(EINVALID, "invalid.too_many", Field("lead"), MaxLeadTimes)
	}
	for _, d := range o.LeadDays {
		if d < 0 || d > MaxLeadDays {
			return Errorf(EINVALID, "obligation.invalid.lead", MaxLeadDays)
		}
	}
	if err := o.Recurrence.Validate(); err != nil {
		return err
	}
	if err := checkLen("text", o.Text, MaxSubjectLen); err != nil {
		return err
	}
	if o.WaiverReason != "" && o.Status != ObligationWaived {
		return Errorf(EINVALID, "obligation.invalid.waiver")
	}
	if err := checkLen("reason", o.WaiverReason, MaxNotesLen); err != nil {
		return err
	}
	if err := checkSlackUser("obligation.invalid.owner", o.Owner); err != nil {
		return err
	}
	for i := range o.Fulfilments {
		if err := o.Fulfilments[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// seriesStart returns the first due date of the obligation's series.
func (o *Obligation) seriesStart() time.Time {
	if o.Start.IsZero() {
		return o.Due
	}
	return o.Start
}

// NextDue returns the first due date strictly after after: for a recurring
// obligation the next occurrence of its series, otherwise Due if it is
// later; a series keeps the wall clock of loc, the office's zone. The zero
// time means there is none.
func (o *Obligation) NextDue(after time.Time, loc *time.Location) time.Time {
	if o.Recurrence.IsZero() {
		if o.Due.After(after) {
			return o.Due
		}
		return time.Time{}
	}
	return o.Recurrence.NextFrom(o.seriesStart(), after, loc)
}

// Complete records f as fulfilling the occurrence due at due, which must
// be the one now due. A recurring obligation moves Due to its next
// occurrence and stays open (done once its rule ends); any other becomes
// done. ECONFLICT unless the obligation is open and still due at due
// (that occurrence was fulfilled, or the obligation re-dated, since the
// caller saw it); EINVALID for a bad fulfilment. Stores make concurrent
// completions safe by inserting a claim on (ID, due) first: a duplicate
// means the occurrence was already fulfilled. A series goes on in the
// wall clock of loc, the office's zone.
func (o *Obligation) Complete(due time.Time, f Fulfilment, loc *time.Location) error {
	if o.Status != ObligationOpen {
		return Errorf(ECONFLICT, "obligation.conflict.closed")
	}
	if !o.Due.Equal(due) {
		return Errorf(ECONFLICT, "obligation.conflict.moved")
	}
	f.Due = o.Due
	if err := f.Validate(); err != nil {
		return err
	}
	o.Fulfilments = append(o.Fulfilments, f)
	if !o.Recurrence.IsZero() {
		if next := o.NextDue(o.Due, loc); !next.IsZero() {
			o.Start = o.seriesStart()
			o.Due = next
			return nil
		}
	}
	o.Status = ObligationDone
	return nil
}

// FulfilmentOf returns the fulfilment of the occurrence due at due, if
// it was met.
func (o *Obligation) FulfilmentOf(due time.Time) (Fulfilment, bool) {
	i := slices.IndexFunc(o.Fulfilments, func(f Fulfilment) bool { return f.Due.Equal(due) })
	if i < 0 {
		return Fulfilment{}, false
	}
	return o.Fulfilments[i], true
}

// CompletionRefused tells the user the truth about a completion of the
// occurrence due at due that the store refused with err, o being the
// obligation as it now stands: when that occurrence was already
// fulfilled, an ECONFLICT naming its due date, the day it was fulfilled
// and, if any, the next due date. Any other refusal is err itself.
func (o *Obligation) CompletionRefused(due time.Time, err error) error {
	f, ok := o.FulfilmentOf(due)
	if !ok || ErrorCode(err) != ECONFLICT {
		return err
	}
	if o.Status == ObligationOpen && !o.Due.Equal(due) {
		return Errorf(ECONFLICT, "obligation.conflict.done_next", due, f.At, o.Due)
	}
	return Errorf(ECONFLICT, "obligation.conflict.done", due, f.At)
}

// ReminderTimes returns when to remind of the occurrence now due: each of
// LeadDays calendar days before Due in loc, the office's zone, keeping
// Due's wall clock, earliest first, without repeats.
func (o *Obligation) ReminderTimes(loc *time.Location) []time.Time {
	due := o.Due.In(loc)
	times := make([]time.Time, 0, len(o.LeadDays))
	for _, d := range o.LeadDays {
		times = append(times, due.AddDate(0, 0, -d))
	}
	slices.SortFunc(times, time.Time.Compare)
	return slices.CompactFunc(times, time.Time.Equal)
}

// ObligationFilter selects obligations across agreements. Zero fields do
// not filter. Overdue ones: Status open, DueTo now; due within a week:
// Status open, DueFrom now, DueTo a week later.
type ObligationFilter struct {
	AgreementID string
	Owner       string
	Status      []ObligationStatus // any of these
	DueFrom     time.Time          // Due at or after
	DueTo       time.Time          // Due before
	// With LeadDaysOver set, only obligations with a lead time of more
	// than that many days (the reminder engine's query for those due
	// beyond its default lead times).
	LeadDaysOver int

	Offset int
	Limit  int // DefaultListLimit when 0, at most MaxListLimit

	// All asks for every match in one answer, in no set order, ignoring
	// Offset and Limit; the count is the answer's length. It is for
	// readers of every obligation, such as the reminder engine, as
	// CallFilter.All is for calls.
	All bool
}

// Match reports whether o passes the filter (ignoring Offset and Limit).
func (f ObligationFilter) Match(o *Obligation) bool {
	return (f.AgreementID == "" || o.AgreementID == f.AgreementID) &&
		(f.Owner == "" || o.Owner == f.Owner) &&
		(len(f.Status) == 0 || slices.Contains(f.Status, o.Status)) &&
		(f.DueFrom.IsZero() || !o.Due.Before(f.DueFrom)) &&
		(f.DueTo.IsZero() || o.Due.Before(f.DueTo)) &&
		(f.LeadDaysOver == 0 || slices.ContainsFunc(o.LeadDays, func(d int) bool { return d > f.LeadDaysOver }))
}

// ObligationUpdate holds the fields of an obligation to change; nil fields
// stay. A new Due restarts a recurring series there.
type ObligationUpdate struct {
	Text       *string
	Owner      *string
	Due        *time.Time
	Recurrence *Recurrence
	LeadDays   *[]int
	Status     *ObligationStatus
	// WaiverReason says why the obligation is waived; only an update
	// leaving it waived may give one. Any other status clears it.
	WaiverReason *string

	// IfStatus, when set, applies the update only to an obligation in one
	// of these statuses: the status the caller read and acted on. Stores
	// check it in the same transaction (or conditional write) as the
	// write, so that a change cannot land on an obligation someone
	// fulfilled or waived meanwhile.
	IfStatus []ObligationStatus
}

// Check returns an error when upd may not apply to o as it now stands:
// ECONFLICT when o's status is not one of IfStatus, or when upd moves the
// due date, owner, recurrence or reminders of an obligation that stays
// done or waived (it has none to move until it is reopened); EINVALID for
// a waiver reason on an obligation that is not to be waived.
func (upd ObligationUpdate) Check(o *Obligation) error {
	if len(upd.IfStatus) > 0 && !slices.Contains(upd.IfStatus, o.Status) {
		return Errorf(ECONFLICT, "obligation.conflict.now."+string(o.Status), o.Text)
	}
	status := o.Status
	if upd.Status != nil {
		status = *upd.Status
	}
	moves := upd.Due != nil && !upd.Due.Equal(o.Due) || upd.Owner != nil && *upd.Owner != o.Owner ||
		upd.Recurrence != nil && *upd.Recurrence != o.Recurrence || upd.LeadDays != nil && !slices.Equal(*upd.LeadDays, o.LeadDays)
	if status != ObligationOpen && moves {
		return Errorf(ECONFLICT, "obligation.conflict.closed")
	}
	if upd.WaiverReason != nil && *upd.WaiverReason != "" && status != ObligationWaived {
		return Errorf(EINVALID, "obligation.invalid.waiver")
	}
	return nil
}

// Apply changes o by upd and returns what changed, for the history:
// fields "text", "owner", "due", "recurrence" (as Recurrence.String
// writes it), "lead", "status" and "waiver" (the reason). It does not
// check upd: see Check.
func (upd ObligationUpdate) Apply(o *Obligation) []FieldChange {
	var changes []FieldChange
	setText(&changes, "text", &o.Text, upd.Text)
	setText(&changes, "owner", &o.Owner, upd.Owner)
	if setTime(&changes, "due", &o.Due, upd.Due, formatInstant) {
		o.Start = time.Time{}
	}
	setValue(&changes, "recurrence", &o.Recurrence, upd.Recurrence, Recurrence.String)
	setList(&changes, "lead", &o.LeadDays, upd.LeadDays, leadDaysText)
	setText(&changes, "status", &o.Status, upd.Status)
	// The reason belongs to the waiver: reopened, the obligation drops it.
	reason := upd.WaiverReason
	if o.Status != ObligationWaived {
		reason = new(string)
	}
	setText(&changes, "waiver", &o.WaiverReason, reason)
	return changes
}

// leadDaysText writes lead times for the history: "30, 7, 1".
func leadDaysText(days []int) string {
	s := make([]string, len(days))
	for i, d := range days {
		s[i] = strconv.Itoa(d)
	}
	return strings.Join(s, ", ")
}

// AgreementService keeps agreements and their obligations. Obligations
// are records of their own, so that due ones can be found across
// agreements. Every method is scoped to the workspace in ctx.
type AgreementService interface {
	// FindAgreementByID returns one agreement. ENOTFOUND if none.
	FindAgreementByID(ctx context.Context, id string) (*Agreement, error)

	// FindAgreements returns the agreements matching filter, ordered as
	// SortAgreements orders them, and the total count of matches (ignoring
	// Offset and Limit); with filter.All, every match in any order.
	FindAgreements(ctx context.Context, filter AgreementFilter) ([]*Agreement, int, error)

	// CreateAgreement validates a, gives it an id and stores it. EINVALID.
	CreateAgreement(ctx context.Context, a *Agreement) error

	// UpdateAgreement applies upd, validates the result and appends a
	// Change by the user in ctx to the history. ENOTFOUND, EINVALID.
	UpdateAgreement(ctx context.Context, id string, upd AgreementUpdate) (*Agreement, error)

	// AddObligation validates o, gives it an id and stores it under
	// o.AgreementID. ENOTFOUND when the agreement does not exist; EINVALID.
	AddObligation(ctx context.Context, o *Obligation) error

	// FindObligationByID returns one obligation. ENOTFOUND if none.
	FindObligationByID(ctx context.Context, id string) (*Obligation, error)

	// UpdateObligation checks upd against the stored obligation (see
	// ObligationUpdate.Check) and applies it (e.g. waives it, or gives it
	// a new owner), validates the result and appends a Change by the user
	// in ctx to its history, in one transaction or conditional write: a
	// completion or another update in between is never overwritten. No
	// change, no history. ENOTFOUND, EINVALID; ECONFLICT from Check, or
	// when the obligation kept changing.
	UpdateObligation(ctx context.Context, id string, upd ObligationUpdate) (*Obligation, error)

	// CompleteObligation records f as fulfilling the occurrence due at
	// due, the one the caller saw due (see Obligation.Complete), and
	// returns the obligation, moved to its next due date when recurring.
	// Naming the occurrence makes a retry after an uncertain failure safe:
	// it cannot complete the next one. ENOTFOUND; ECONFLICT when the
	// obligation is not open, is no longer due at due, or that occurrence
	// was already fulfilled (FulfilmentOf tells which); EINVALID.
	CompleteObligation(ctx context.Context, id string, due time.Time, f Fulfilment) (*Obligation, error)

	// FindObligations returns the obligations matching filter, earliest
	// due first (ties by id), and the total count of matches; with
	// filter.All, every match in any order.
	FindObligations(ctx context.Context, filter ObligationFilter) ([]*Obligation, int, error)
}
