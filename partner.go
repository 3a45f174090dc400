package proxenos

import (
	"context"
	"strings"
	"time"
)

// PartnerKind is what sort of body a partner is.
type PartnerKind string

// The kinds of partner.
const (
	KindMunicipality PartnerKind = "municipality"
	KindNetwork      PartnerKind = "network"
	KindEmbassy      PartnerKind = "embassy"
	KindUniversity   PartnerKind = "university"
	KindEUBody       PartnerKind = "eu_body"
	KindNGO          PartnerKind = "ngo"
	KindCompany      PartnerKind = "company"
	KindOther        PartnerKind = "other"
)

// PartnerKinds lists every kind, in the order menus show them.
var PartnerKinds = []PartnerKind{KindMunicipality, KindNetwork, KindEmbassy, KindUniversity, KindEUBody, KindNGO, KindCompany, KindOther}

// Relationship is how the municipality is bound to a partner.
type Relationship string

// The relationships the office keeps.
const (
	RelNone          Relationship = ""
	RelSisterCity    Relationship = "sister_city"
	RelMemorandum    Relationship = "memorandum"
	RelNetworkMember Relationship = "network_member"
	RelProspect      Relationship = "prospect"
)

// Relationships lists every relationship, in the order menus show them.
var Relationships = []Relationship{RelSisterCity, RelMemorandum, RelNetworkMember, RelProspect}

// Partner is a body abroad (or at home) the office works with: a sister
// city, a network such as Q-Cities, an embassy, an EU body.
type Partner struct {
	ID           string
	Name         string   // as the office writes it, often Greek: "Φαέντσα"
	AltName      string   // original or English form: "Comune di Faenza"
	Aliases      []string // other names it writes under or is known by: "Ville de Faenza", "EUROCITIES"
	Kind         PartnerKind
	Country      string
	City         string
	Relationship Relationship
	SinceYear    int // e.g. the year of twinning
	Website      string
	Notes        string
	Tags         []string
	People       []Person

	LastContact time.Time // latest correspondence or logged contact
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Person is someone at a partner.
type Person struct {
	Name      string
	Role      string
	Email     string
	Phone     string
	Languages []string
}

// MaxPeople is how many people one partner may list.
const MaxPeople = 50

// MaxAliases is how many other names one partner may have; each is a
// name, at most MaxNameLen long.
const MaxAliases = 10

// Validate returns an EINVALID error naming the first field that is wrong.
func (p *Partner) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return Errorf(EINVALID, "partner.required.name")
	}
	if !p.Kind.Valid() {
		return Errorf(EINVALID, "partner.invalid.kind", string(p.Kind))
	}
	if p.Relationship != RelNone && !p.Relationship.Valid() {
		return Errorf(EINVALID, "partner.invalid.relationship", string(p.Relationship))
	}
	if p.SinceYear != 0 && (p.SinceYear < 1900 || p.SinceYear > 9999) {
		return Errorf(EINVALID, "partner.invalid.year")
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"name", p.Name, MaxNameLen}, {"alt", p.AltName, MaxNameLen}, {"country", p.Country, MaxCountryLen},
		{"city", p.City, MaxNameLen}, {"website", p.Website, MaxAttachmentLen}, {"notes", p.Notes, MaxNotesLen},
	} {
		if err := checkLen(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	if err := checkList("aliases", p.Aliases, MaxAliases, MaxNameLen); err != nil {
		return err
	}
	if err := checkList("tags", p.Tags, MaxTags, MaxTagLen); err != nil {
		return err
	}
	if len(p.People) > MaxPeople {
		return Errorf(EINVALID, "invalid.too_many", Field("people"), MaxPeople)
	}
	for i := range p.People {
		if err := p.People[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (p *Person) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return Errorf(EINVALID, "person.required.name")
	}
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " <>")) {
		return Errorf(EINVALID, "person.invalid.email", p.Email)
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"name", p.Name, MaxNameLen}, {"role", p.Role, MaxNameLen}, {"email", p.Email, MaxNameLen}, {"phone", p.Phone, MaxRefLen}} {
		if err := checkLen(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	return checkList("languages", p.Languages, MaxTags, MaxLanguageLen)
}

// SearchText returns the texts that search matches for this partner.
func (p *Partner) SearchText() []string {
	texts := append(append([]string{p.Name, p.AltName, p.Country, p.City}, p.Aliases...), p.Tags...)
	for _, person := range p.People {
		texts = append(texts, person.Name, person.Role, person.Email)
	}
	return texts
}

// Names returns every name p goes by: its name, original name and
// aliases, the empty ones left out. A letter signed with any of them is
// from p.
func (p *Partner) Names() []string {
	var names []string
	for _, n := range append([]string{p.Name, p.AltName}, p.Aliases...) {
		if strings.TrimSpace(n) != "" {
			names = append(names, n)
		}
	}
	return names
}

// Valid reports whether k is a known kind.
func (k PartnerKind) Valid() bool {
	for _, known := range PartnerKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Valid reports whether r is a known relationship.
func (r Relationship) Valid() bool {
	for _, known := range Relationships {
		if r == known {
			return true
		}
	}
	return false
}

// ContactKind is how the office met a partner.
type ContactKind string

// The kinds of logged contact.
const (
	ContactMeeting ContactKind = "meeting"
	ContactCall    ContactKind = "call"
	ContactVisit   ContactKind = "visit"
	ContactVideo   ContactKind = "video"
	ContactEvent   ContactKind = "event"
)

// ContactKinds lists every kind of contact.
var ContactKinds = []ContactKind{ContactMeeting, ContactCall, ContactVisit, ContactVideo, ContactEvent}

// Contact is one logged contact with a partner.
type Contact struct {
	ID        string
	PartnerID string
	Kind      ContactKind
	Date      time.Time
	Notes     string
	LoggedBy  string
	CreatedAt time.Time
}

// Validate returns an EINVALID error naming the first field that is wrong.
func (c *Contact) Validate() error {
	valid := false
	for _, k := range ContactKinds {
		valid = valid || c.Kind == k
	}
	switch {
	case c.PartnerID == "":
		return Errorf(EINVALID, "contact.required.partner")
	case !valid:
		return Errorf(EINVALID, "contact.invalid.kind", string(c.Kind))
	case c.Date.IsZero():
		return Errorf(EINVALID, "contact.invalid.date")
	}
	return checkLen("notes", c.Notes, MaxNotesLen)
}

// PartnerFilter selects partners. Zero fields do not filter. With Query
// set, partners are ranked as in CorrespondenceFilter, then by name.
type PartnerFilter struct {
	Query        string
	Country      string // matched by SearchKey
	Kind         PartnerKind
	Relationship Relationship

	Offset int
	Limit  int
}

// PartnerUpdate holds the fields to change; nil fields stay.
type PartnerUpdate struct {
	Name         *string
	AltName      *string
	Aliases      *[]string
	Kind         *PartnerKind
	Country      *string
	City         *string
	Relationship *Relationship
	SinceYear    *int
	Website      *string
	Notes        *string
	Tags         *[]string
	People       *[]Person
}

// Apply changes p by upd.
func (upd PartnerUpdate) Apply(p *Partner) {
	for _, s := range []struct{ dst, src *string }{
		{&p.Name, upd.Name}, {&p.AltName, upd.AltName}, {&p.Country, upd.Country}, {&p.City, upd.City},
		{&p.Website, upd.Website}, {&p.Notes, upd.Notes},
	} {
		if s.src != nil {
			*s.dst = *s.src
		}
	}
	if upd.Kind != nil {
		p.Kind = *upd.Kind
	}
	if upd.Relationship != nil {
		p.Relationship = *upd.Relationship
	}
	if upd.SinceYear != nil {
		p.SinceYear = *upd.SinceYear
	}
	if upd.Aliases != nil {
		p.Aliases = append([]string(nil), *upd.Aliases...)
	}
	if upd.Tags != nil {
		p.Tags = append([]string(nil), *upd.Tags...)
	}
	if upd.People != nil {
		p.People = append([]Person(nil), *upd.People...)
	}
}

// PartnerService keeps the partner directory and the contact log. Every
// method is scoped to the workspace in ctx.
type PartnerService interface {
	// FindPartnerByID returns one partner. ENOTFOUND if none.
	FindPartnerByID(ctx context.Context, id string) (*Partner, error)

	// FindPartners returns the partners matching filter and the total count.
	FindPartners(ctx context.Context, filter PartnerFilter) ([]*Partner, int, error)

	// EachPartner calls fn with every partner of the directory, by name,
	// reading them as fn takes them. An error of fn stops the walk and is
	// returned.
	EachPartner(ctx context.Context, fn func(*Partner) error) error

	// RecentPartners returns the partners with a last contact, the latest
	// first (then by name), at most limit (DefaultListLimit when 0, at most
	// MaxListLimit), and how many partners have a last contact.
	RecentPartners(ctx context.Context, limit int) ([]*Partner, int, error)

	// CreatePartner validates and stores p, giving it an id. ECONFLICT when
	// a partner with the same name (by SearchKey) exists; EINVALID.
	CreatePartner(ctx context.Context, p *Partner) error

	// UpdatePartner applies upd and validates the result. ENOTFOUND,
	// EINVALID, ECONFLICT when renamed onto another partner's name.
	UpdatePartner(ctx context.Context, id string, upd PartnerUpdate) (*Partner, error)

	// AddPerson appends a person to the partner. ENOTFOUND, EINVALID.
	AddPerson(ctx context.Context, partnerID string, person Person) (*Partner, error)

	// LogContact validates and stores c, and moves the partner's last
	// contact to c.Date if later. ENOTFOUND for an unknown partner.
	LogContact(ctx context.Context, c *Contact) error

	// FindContacts returns a partner's contacts, latest first, at most limit.
	FindContacts(ctx context.Context, partnerID string, limit int) ([]*Contact, error)

	// EachContact calls fn with every contact of the workspace dated in
	// [from, to), the earliest first; a zero bound does not limit. An
	// error of fn stops the walk and is returned.
	EachContact(ctx context.Context, from, to time.Time, fn func(*Contact) error) error
}
