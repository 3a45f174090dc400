package proxenos_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// validEntry returns an outgoing letter that passes Validate, copied to
// an embassy and a network.
func validEntry() *proxenos.Correspondence {
	return &proxenos.Correspondence{
		Protocol:    proxenos.ProtocolNumber{Year: 2026, Number: 42},
		Direction:   proxenos.Outgoing,
		Date:        time.Date(2026, 11, 20, 0, 0, 0, 0, athens),
		Registered:  time.Date(2026, 11, 26, 0, 0, 0, 0, athens),
		Counterpart: "Comune di Faenza",
		Copies:      []string{"Πρεσβεία της Ιταλίας", "Q-Cities"},
		Subject:     "Πρόγραμμα επίσκεψης 2027",
		Tags:        []string{"twinning"},
	}
}

func TestCorrespondence_Validate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(c *proxenos.Correspondence)
		key   string // "" for valid
		field string // the field a length error names
	}{
		{"OK", func(c *proxenos.Correspondence) {}, "", ""},
		{"OKNoCopies", func(c *proxenos.Correspondence) { c.Copies = nil }, "", ""},
		{"OKCopiesAtLimits", func(c *proxenos.Correspondence) {
			c.Copies = slices.Repeat([]string{strings.Repeat("Δ", proxenos.MaxCopyLen)}, proxenos.MaxCopies)
		}, "", ""},
		{"ErrTooManyCopies", func(c *proxenos.Correspondence) {
			c.Copies = slices.Repeat([]string{"Γραφείο Δημάρχου"}, proxenos.MaxCopies+1)
		}, "invalid.too_many", "cc"},
		{"ErrCopyTooLong", func(c *proxenos.Correspondence) {
			c.Copies = []string{"Q-Cities", strings.Repeat("Δ", proxenos.MaxCopyLen+1)}
		}, "invalid.too_long", "cc"},
		{"ErrSubjectRequired", func(c *proxenos.Correspondence) { c.Subject = " " }, "corr.required.subject", ""},
		{"OKDatedOnRegistration", func(c *proxenos.Correspondence) { c.Date = c.Registered }, "", ""},
		{"ErrDatedAfterRegistration", func(c *proxenos.Correspondence) { c.Date = c.Registered.AddDate(0, 0, 1) }, "corr.invalid.date_future", ""},
		{"ErrYearNotRegistration", func(c *proxenos.Correspondence) { c.Protocol.Year = 2025 }, "corr.invalid.registered", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := validEntry()
			tt.edit(c)
			err := c.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
			// A length error names the field by its label in the reader's
			// language, «Κοινοποίηση», never by its internal key.
			for _, lang := range []i18n.Lang{i18n.Greek, i18n.English} {
				if tt.field == "" {
					break
				}
				label := i18n.T(lang, "quoted", i18n.Label(lang, proxenos.Field(tt.field)))
				if msg := i18n.ErrorMessage(lang, err); !strings.Contains(msg, " "+label+" ") || strings.Contains(msg, " "+tt.field+" ") {
					t.Errorf("%s message %q does not name the field %s by its label %s", lang, msg, tt.field, label)
				}
			}
		})
	}
}

func TestCorrespondenceUpdate_Apply(t *testing.T) {
	copies := func(items ...string) *[]string { return &items }
	for _, tt := range []struct {
		name        string
		was         []string
		upd         proxenos.CorrespondenceUpdate
		want        []string
		wantChanges []proxenos.FieldChange
	}{
		{"OKAdded", nil, proxenos.CorrespondenceUpdate{Copies: copies("Πρεσβεία της Ιταλίας", "Q-Cities")},
			[]string{"Πρεσβεία της Ιταλίας", "Q-Cities"},
			[]proxenos.FieldChange{{Field: "cc", Old: "", New: "Πρεσβεία της Ιταλίας, Q-Cities"}}},
		{"OKChanged", []string{"Q-Cities"}, proxenos.CorrespondenceUpdate{Copies: copies("Γραφείο Δημάρχου")},
			[]string{"Γραφείο Δημάρχου"}, []proxenos.FieldChange{{Field: "cc", Old: "Q-Cities", New: "Γραφείο Δημάρχου"}}},
		{"OKEmptiedIsNone", []string{"Q-Cities"}, proxenos.CorrespondenceUpdate{Copies: copies()},
			nil, []proxenos.FieldChange{{Field: "cc", Old: "Q-Cities", New: ""}}},
		{"SameNoChange", []string{"Q-Cities"}, proxenos.CorrespondenceUpdate{Copies: copies("Q-Cities")},
			[]string{"Q-Cities"}, nil},
		{"NilKeeps", []string{"Q-Cities"}, proxenos.CorrespondenceUpdate{}, []string{"Q-Cities"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := validEntry()
			c.Copies = tt.was
			changes := tt.upd.Apply(c)
			if !reflect.DeepEqual(changes, tt.wantChanges) {
				t.Errorf("changes = %+v, want %+v", changes, tt.wantChanges)
			}
			if !reflect.DeepEqual(c.Copies, tt.want) {
				t.Errorf("Copies = %q, want %q", c.Copies, tt.want)
			}
		})
	}
	t.Run("OKKeepsOwnCopy", func(t *testing.T) {
		c, src := validEntry(), []string{"Q-Cities"}
		proxenos.CorrespondenceUpdate{Copies: &src}.Apply(c)
		src[0] = "changed by the caller"
		if got, want := c.Copies[0], "Q-Cities"; got != want {
			t.Errorf("Copies[0] = %q after the caller's edit, want %q", got, want)
		}
	})
}

func TestCorrespondence_SearchText(t *testing.T) {
	words := proxenos.SearchWords(validEntry().SearchText()...)
	// Found by a body it was copied to, as well as by its own fields.
	for _, want := range []string{"πρεσβεια", "ιταλιασ", "q", "cities", "faenza", "επισκεψησ", "twinning", "42"} {
		if !slices.Contains(words, want) {
			t.Errorf("search words %q lack %q", words, want)
		}
	}
}
