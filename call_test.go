package proxenos_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

var brussels = mustLoad("Europe/Brussels")

// validCall returns a call that passes Validate.
func validCall() *proxenos.Call {
	return &proxenos.Call{
		Identifier:  "CERV-2027-CITIZENS-TOWN-TT",
		Title:       "Town-Twinning",
		Programme:   proxenos.ProgrammeCERV,
		OpeningDate: time.Date(2027, 1, 20, 0, 0, 0, 0, brussels),
		Deadlines:   []proxenos.Deadline{{At: time.Date(2027, 9, 18, 17, 0, 0, 0, brussels)}},
		Link:        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/CERV-2027-CITIZENS-TOWN-TT",
		GrantMin:    8500,
		GrantMax:    51000,
		Status:      proxenos.CallWatching,
		Owner:       "U012ABCDEF",
		Milestones:  []proxenos.Milestone{{Text: "draft to the resources office", DaysBefore: 14}},
	}
}

func TestProgrammeFromIdentifier(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want proxenos.Programme
	}{
		{"CERV-2027-CITIZENS-TOWN-TT", proxenos.ProgrammeCERV},
		{"cerv-2027-citizens-town-nt", proxenos.ProgrammeCERV},
		{"ERASMUS-EDU-2027-PCOOP-ENGO", proxenos.ProgrammeErasmus},
		{"CREA-CULT-2027-COOP", proxenos.ProgrammeCreativeEurope},
		{"LIFE-2027-SAP-CLIMA-GOV", proxenos.ProgrammeLIFE},
		{"HORIZON-MISS-2027-CIT-01-01", proxenos.ProgrammeHorizon},
		{"URBACT-IV-APN-2027", proxenos.ProgrammeURBACT},
		{"INTERREG-EUROPE-5", proxenos.ProgrammeInterreg},
		{"EU4H-2027-PJ", proxenos.ProgrammeOther},
		{"", proxenos.ProgrammeOther},
	} {
		if got := proxenos.ProgrammeFromIdentifier(tt.id); got != tt.want {
			t.Errorf("ProgrammeFromIdentifier(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestParseProgramme(t *testing.T) {
	for in, want := range map[string]proxenos.Programme{
		"cerv": proxenos.ProgrammeCERV, "Erasmus+": proxenos.ProgrammeErasmus, "creative europe": proxenos.ProgrammeCreativeEurope,
		"CREA": proxenos.ProgrammeCreativeEurope, "Ορίζων Ευρώπη": proxenos.ProgrammeHorizon, "horizon": proxenos.ProgrammeHorizon,
		"άλλο": proxenos.ProgrammeOther,
	} {
		if got, ok := i18n.ParseProgramme(in); !ok || got != want {
			t.Errorf("ParseProgramme(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := i18n.ParseProgramme("mine"); ok {
		t.Errorf("ParseProgramme(mine) = %q, want none: it is a list filter, not a programme", got)
	}
}

func TestParseCallStatus(t *testing.T) {
	for in, want := range map[string]proxenos.CallStatus{
		"submitted": proxenos.CallSubmitted, "Υποβλήθηκε": proxenos.CallSubmitted, "υποβληθηκε": proxenos.CallSubmitted,
		"AWARDED": proxenos.CallAwarded, "σε προετοιμασία": proxenos.CallPreparing,
	} {
		if got, err := i18n.ParseCallStatus(in); err != nil || got != want {
			t.Errorf("ParseCallStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := i18n.ParseCallStatus("won")
	assertErrorKey(t, err, proxenos.EINVALID, "call.invalid.status")
}

func TestCall_Validate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(c *proxenos.Call)
		key  string
	}{
		{"OK", func(c *proxenos.Call) {}, ""},
		{"OKNoOptionalFields", func(c *proxenos.Call) {
			c.OpeningDate, c.Link, c.Owner, c.GrantMin, c.GrantMax, c.Milestones = time.Time{}, "", "", 0, 0, nil
		}, ""},
		{"ErrIdentifierRequired", func(c *proxenos.Call) { c.Identifier = " " }, "call.required.identifier"},
		{"ErrIdentifierInvalid", func(c *proxenos.Call) { c.Identifier = "CERV 2027; DROP" }, "call.invalid.identifier"},
		{"ErrTitleRequired", func(c *proxenos.Call) { c.Title = "" }, "call.required.title"},
		{"ErrProgrammeInvalid", func(c *proxenos.Call) { c.Programme = "" }, "call.invalid.programme"},
		{"ErrStatusInvalid", func(c *proxenos.Call) { c.Status = "won" }, "call.invalid.status"},
		{"ErrDeadlineRequired", func(c *proxenos.Call) { c.Deadlines = nil }, "call.required.deadline"},
		{"ErrDeadlineZero", func(c *proxenos.Call) { c.Deadlines = []proxenos.Deadline{{Label: "stage 1"}} }, "call.required.deadline"},
		{"ErrTooManyDeadlines", func(c *proxenos.Call) {
			c.Deadlines = slices.Repeat(c.Deadlines, proxenos.MaxDeadlines+1)
		}, "invalid.too_many"},
		{"ErrOpeningAfterDeadline", func(c *proxenos.Call) { c.OpeningDate = c.Deadlines[0].At.AddDate(0, 0, 1) }, "call.invalid.opening"},
		{"ErrBudgetNegative", func(c *proxenos.Call) { c.Budget = -1 }, "call.invalid.budget"},
		{"ErrGrantRange", func(c *proxenos.Call) { c.GrantMin = 60000 }, "call.invalid.grant_range"},
		{"ErrLinkScheme", func(c *proxenos.Call) { c.Link = "javascript:alert(1)" }, "call.invalid.link"},
		{"ErrLinkMarkup", func(c *proxenos.Call) { c.Link = "https://example.org/|<!channel>" }, "call.invalid.link"},
		{"ErrOwnerNotSlackID", func(c *proxenos.Call) { c.Owner = "<!channel>" }, "call.invalid.owner"},
		{"ErrMilestoneText", func(c *proxenos.Call) { c.Milestones[0].Text = "" }, "milestone.required.text"},
		{"ErrMilestoneWhenBoth", func(c *proxenos.Call) { c.Milestones[0].At = time.Now() }, "milestone.required.when"},
		{"ErrMilestoneWhenNeither", func(c *proxenos.Call) { c.Milestones[0].DaysBefore = 0 }, "milestone.required.when"},
		{"ErrMilestoneDays", func(c *proxenos.Call) { c.Milestones[0].DaysBefore = 400 }, "milestone.invalid.days"},
		{"ErrNotesTooLong", func(c *proxenos.Call) { c.Notes = string(make([]byte, proxenos.MaxNotesLen+1)) }, "invalid.too_long"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := validCall()
			tt.edit(c)
			err := c.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErrorKey(t, err, proxenos.EINVALID, tt.key)
		})
	}
}

func TestCall_NextDeadline(t *testing.T) {
	c := validCall()
	stage1 := time.Date(2027, 4, 29, 17, 0, 0, 0, brussels)
	stage2 := time.Date(2027, 9, 17, 17, 0, 0, 0, brussels)
	c.Deadlines = []proxenos.Deadline{{At: stage2, Label: "2"}, {At: stage1, Label: "1"}} // any order
	for _, tt := range []struct {
		name string
		now  time.Time
		want time.Time
		ok   bool
	}{
		{"BeforeBoth", time.Date(2026, 11, 26, 12, 0, 0, 0, athens), stage1, true},
		{"AtFirst", stage1, stage2, true},
		{"BetweenStages", stage1.Add(time.Minute), stage2, true},
		{"AfterAll", stage2.Add(time.Second), time.Time{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.NextDeadline(tt.now)
			if ok != tt.ok || !got.At.Equal(tt.want) {
				t.Fatalf("got %v, %v; want %v, %v", got.At, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseDeadline(t *testing.T) {
	want := time.Date(2027, 9, 18, 17, 0, 0, 0, brussels)
	for _, in := range []string{"18/09/2027 17:00", "18/9/2027", "18-09-2027", "18.09.2027  17:00", "2027-09-18", "2027-09-18 17:00"} {
		t.Run(in, func(t *testing.T) {
			got, err := proxenos.ParseDeadline(in)
			if err != nil || !got.Equal(want) {
				t.Fatalf("got %v, %v; want %v", got, err, want)
			}
		})
	}
	t.Run("ShownAs18Athens", func(t *testing.T) {
		got, _ := proxenos.ParseDeadline("18/09/2027")
		if s, want := i18n.FormatDateTime(i18n.Greek, got.In(athens)), "18 Σεπτεμβρίου 2027, 18:00"; s != want {
			t.Fatalf("got %q, want %q", s, want)
		}
	})
	t.Run("ShownAs18AthensInWinter", func(t *testing.T) {
		got, _ := proxenos.ParseDeadline("15/01/2028 17:00")
		if h := got.In(athens).Hour(); h != 18 {
			t.Fatalf("got %d:00 Athens time, want 18:00", h)
		}
	})
	for _, in := range []string{"", "tomorrow", "31/02/2027", "18/09/2027 25:00"} {
		t.Run("Err"+in, func(t *testing.T) {
			_, err := proxenos.ParseDeadline(in)
			assertErrorKey(t, err, proxenos.EINVALID, "call.invalid.deadline")
		})
	}
}

func TestCall_DaysLeft(t *testing.T) {
	c := validCall() // 18/09/2027 17:00 Brussels = 18:00 Athens
	for _, tt := range []struct {
		name string
		now  time.Time
		want int
		ok   bool
	}{
		{"SameDay", at(2027, 9, 18, 9, 0), 0, true},
		{"LateEvening", at(2027, 9, 17, 23, 30), 1, true},
		{"AcrossDST", at(2027, 3, 1, 12, 0), 201, true},
		{"AcrossYearEnd", at(2026, 12, 31, 12, 0), 261, true},
		{"Passed", at(2027, 9, 18, 18, 0), 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.DaysLeft(tt.now, athens)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("got %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCall_MilestoneDue(t *testing.T) {
	c := validCall()
	now := at(2027, 6, 1, 9, 0)
	got := c.MilestoneDue(c.Milestones[0], now)
	if want := time.Date(2027, 9, 4, 17, 0, 0, 0, brussels); !got.Equal(want) {
		t.Fatalf("14 days before: got %v, want %v", got, want)
	}
	// Counting back across the October DST switch keeps 17:00 Brussels.
	c.Deadlines[0].At = time.Date(2027, 11, 5, 17, 0, 0, 0, brussels)
	if got, want := c.MilestoneDue(c.Milestones[0], now), time.Date(2027, 10, 22, 17, 0, 0, 0, brussels); !got.Equal(want) {
		t.Fatalf("across DST: got %v, want %v", got, want)
	}
	fixed := proxenos.Milestone{Text: "partners' letters", At: at(2027, 8, 1, 9, 0)}
	if got := c.MilestoneDue(fixed, now); !got.Equal(fixed.At) {
		t.Fatalf("fixed date: got %v, want %v", got, fixed.At)
	}
	// Once every deadline has passed, relative milestones count from the last.
	if got, want := c.MilestoneDue(c.Milestones[0], at(2028, 1, 1, 0, 0)), time.Date(2027, 10, 22, 17, 0, 0, 0, brussels); !got.Equal(want) {
		t.Fatalf("after the deadline: got %v, want %v", got, want)
	}
}

func TestCallFilter_Match(t *testing.T) {
	c := validCall()
	c.PartnerIDs = []string{"p-faenza"}
	deadline := c.Deadlines[0].At
	for _, tt := range []struct {
		name string
		f    proxenos.CallFilter
		want bool
	}{
		{"Empty", proxenos.CallFilter{}, true},
		{"Status", proxenos.CallFilter{Status: proxenos.ActiveCallStatuses}, true},
		{"StatusOther", proxenos.CallFilter{Status: []proxenos.CallStatus{proxenos.CallClosed}}, false},
		{"Owner", proxenos.CallFilter{Owner: "U012ABCDEF"}, true},
		{"OwnerOther", proxenos.CallFilter{Owner: "U999"}, false},
		{"Programme", proxenos.CallFilter{Programme: proxenos.ProgrammeLIFE}, false},
		{"Partner", proxenos.CallFilter{PartnerID: "p-faenza"}, true},
		{"PartnerOther", proxenos.CallFilter{PartnerID: "p-nis"}, false},
		{"OpenNow", proxenos.CallFilter{DeadlineFrom: deadline.Add(-time.Hour)}, true},
		{"Passed", proxenos.CallFilter{DeadlineFrom: deadline.Add(time.Second)}, false},
		{"WithinWeek", proxenos.CallFilter{DeadlineFrom: deadline.AddDate(0, 0, -7), DeadlineTo: deadline.Add(time.Second)}, true},
		{"ToIsExclusive", proxenos.CallFilter{DeadlineFrom: deadline.AddDate(0, 0, -7), DeadlineTo: deadline}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Match(c); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSortCalls(t *testing.T) {
	now := at(2027, 5, 1, 12, 0)
	call := func(id string, deadlines ...time.Time) *proxenos.Call {
		c := &proxenos.Call{Identifier: id}
		for _, d := range deadlines {
			c.Deadlines = append(c.Deadlines, proxenos.Deadline{At: d})
		}
		return c
	}
	calls := []*proxenos.Call{
		call("PAST-OLD", at(2026, 9, 1, 17, 0)),
		call("SEPT", at(2027, 9, 18, 17, 0)),
		call("TWO-STAGE", at(2027, 4, 1, 17, 0), at(2027, 10, 1, 17, 0)),
		call("JUNE", at(2027, 6, 1, 17, 0)),
		call("PAST-RECENT", at(2027, 4, 30, 17, 0)),
		call("A-SEPT", at(2027, 9, 18, 17, 0)),
	}
	proxenos.SortCalls(calls, now)
	var got []string
	for _, c := range calls {
		got = append(got, c.Identifier)
	}
	want := []string{"JUNE", "A-SEPT", "SEPT", "TWO-STAGE", "PAST-RECENT", "PAST-OLD"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCallUpdate_Apply(t *testing.T) {
	c := validCall()
	status, owner, title := proxenos.CallSubmitted, "U012ABCDEF", "Town-Twinning"
	later := []proxenos.Deadline{{At: time.Date(2027, 9, 25, 17, 0, 0, 0, brussels)}}
	changes := proxenos.CallUpdate{Status: &status, Owner: &owner, Title: &title, Deadlines: &later}.Apply(c)
	var fields []string
	for _, ch := range changes {
		fields = append(fields, ch.Field)
	}
	if want := []string{"status", "deadlines"}; !slices.Equal(fields, want) {
		t.Fatalf("changed %q, want %q (unchanged values are not history)", fields, want)
	}
	if c.Status != proxenos.CallSubmitted || !c.Deadlines[0].At.Equal(later[0].At) {
		t.Fatalf("got status %q deadline %v", c.Status, c.Deadlines[0].At)
	}
	later[0].Label = "changed after"
	if c.Deadlines[0].Label != "" {
		t.Fatal("Apply kept the caller's slice; later edits leak into the call")
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{i18n.Label(i18n.Greek, proxenos.ProgrammeCreativeEurope), "Δημιουργική Ευρώπη"},
		{i18n.Label(i18n.English, proxenos.ProgrammeErasmus), "Erasmus+"},
		{i18n.Label(i18n.Greek, proxenos.CallSubmitted), "υποβλήθηκε"},
		{i18n.Label(i18n.Greek, proxenos.AgreementTwinning), "Αδελφοποίηση"},
		{i18n.Label(i18n.English, proxenos.ObligationWaived), "waived"},
		{i18n.Label(i18n.English, proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 3}), "renews automatically every 3 years"},
		{i18n.Label(i18n.English, proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 1}), "renews automatically every year"},
		{i18n.Label(i18n.Greek, proxenos.Renewal{Kind: proxenos.RenewalAutomatic, Years: 1}), "αυτόματη ανανέωση κάθε χρόνο"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// Every status, kind and programme has its label in both languages.
	var keys []string
	for _, p := range proxenos.Programmes {
		keys = append(keys, i18n.Label(i18n.English, p), i18n.Label(i18n.Greek, p))
	}
	for _, s := range proxenos.CallStatuses {
		keys = append(keys, i18n.Label(i18n.English, s), i18n.Label(i18n.Greek, s))
	}
	for _, k := range proxenos.AgreementKinds {
		keys = append(keys, i18n.Label(i18n.English, k))
	}
	for _, s := range proxenos.AgreementStatuses {
		keys = append(keys, i18n.Label(i18n.English, s))
	}
	for _, s := range proxenos.ObligationStatuses {
		keys = append(keys, i18n.Label(i18n.English, s))
	}
	// A missing message comes back as its dotted key; no label has a dot.
	for _, k := range keys {
		if strings.Contains(k, ".") {
			t.Errorf("label %q is a bare catalogue key: the message is missing", k)
		}
	}
}
