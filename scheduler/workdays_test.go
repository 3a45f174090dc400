package scheduler_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/workday"
)

// Around Orthodox Easter 2027 (2 May): Good Friday 30 April, Labour Day
// on the Saturday, Easter Monday 3 May. The working day before all four
// is Thursday 29 April.
var (
	goodFriday2027 = time.Date(2027, 4, 30, 0, 0, 0, 0, athens)
	// easterTuesday2027 is a call deadline the day after Easter Monday:
	// its 3- and 1-day reminders fall on Labour Day and Easter Monday.
	easterTuesday2027 = time.Date(2027, 5, 4, 17, 0, 0, 0, proxenos.DeadlineLocation())
)

// TestMaxDaysOff checks the bound the planner and the tick's reads widen
// their windows by: no day from 1900 to 2099 is moved back further, and
// some day is moved that far (1 May 2035, after Good Friday to Easter
// Monday).
func TestMaxDaysOff(t *testing.T) {
	longest := 0
	for d := time.Date(1900, 1, 1, 9, 0, 0, 0, athens); d.Year() < 2100; d = d.AddDate(0, 0, 1) {
		longest = max(longest, proxenos.DaysBetween(workday.Before(d), d, athens))
	}
	if longest != scheduler.MaxDaysOff {
		t.Fatalf("the longest run of days off moves a reminder %d days back, MaxDaysOff is %d", longest, scheduler.MaxDaysOff)
	}
}

// TestPlan_Workdays checks which day reminders move to the working day
// before, and that reminders of one occurrence landing on the same
// morning are one.
func TestPlan_Workdays(t *testing.T) {
	call := &proxenos.Call{ID: "c1", Title: "Town twinning", Status: proxenos.CallWatching,
		Deadlines: []proxenos.Deadline{{At: easterTuesday2027}}}
	// Due on the Thursday before Christmas 2027, a Saturday; reminded
	// daily while overdue.
	christmas := &proxenos.Obligation{ID: "o1", AgreementID: "a1", Text: "Annual report", Due: time.Date(2027, 12, 23, 0, 0, 0, 0, athens),
		Status: proxenos.ObligationOpen}
	// Due on Tuesday 1 May 2035, after five days off: Good Friday to
	// Easter Monday and Labour Day.
	mayDay := &proxenos.Obligation{ID: "o2", AgreementID: "a1", Text: "Joint festival report", Due: time.Date(2035, 5, 1, 0, 0, 0, 0, athens),
		Status: proxenos.ObligationOpen, LeadDays: []int{0}}
	snoozed := &proxenos.Obligation{ID: "o3", AgreementID: "a1", Text: "Photo report", Due: time.Date(2027, 12, 16, 0, 0, 0, 0, athens),
		Status: proxenos.ObligationOpen}
	snoozeKey := proxenos.ItemKey(proxenos.ReminderObligation, "o3", "a1", snoozed.Due)
	saturday := time.Date(2027, 12, 11, 10, 30, 0, 0, athens)
	for _, tt := range []struct {
		name     string
		items    scheduler.Items
		every    int // days between overdue reminders; 0: the default
		from, to time.Time
		on, off  string // with Workdays and without
	}{
		{"OKEaster", scheduler.Items{Calls: []*proxenos.Call{call}}, 0, goodFriday2027.AddDate(0, 0, -30), easterTuesday2027,
			// 30 days before is a Sunday; 3 and 1 day, Labour Day and
			// Easter Monday, go out as one, the 1-day one, on Thursday.
			"[04-02 09:00 30d 04-20 09:00 14d 04-27 09:00 7d 04-29 09:00 1d 05-04 09:00 0d]",
			"[04-04 09:00 30d 04-20 09:00 14d 04-27 09:00 7d 05-01 09:00 3d 05-03 09:00 1d 05-04 09:00 0d]"},
		{"OKChristmasDailyOverdue", scheduler.Items{Obligations: []*proxenos.Obligation{christmas}}, 1,
			christmas.Due.AddDate(0, 0, -1), christmas.Due.AddDate(0, 0, 5),
			"[12-23 09:00 0d 12-24 09:00 overdue3 12-27 09:00 overdue4]",
			"[12-23 09:00 0d 12-24 09:00 overdue1 12-25 09:00 overdue2 12-26 09:00 overdue3 12-27 09:00 overdue4]"},
		// The window holds the Thursday only: the occurrence is five
		// days after it.
		{"OKFiveDaysOff", scheduler.Items{Obligations: []*proxenos.Obligation{mayDay}}, 0,
			time.Date(2035, 4, 26, 0, 0, 0, 0, athens), time.Date(2035, 4, 26, 23, 0, 0, 0, athens),
			"[04-26 09:00 0d]", "[]"},
		// A snooze ends when the user chose, Saturday or not.
		{"OKSnoozeKeepsItsTime", scheduler.Items{Obligations: []*proxenos.Obligation{snoozed},
			Marks: map[string]*proxenos.ReminderMark{snoozeKey: {ItemKey: snoozeKey, Kind: proxenos.MarkSnoozed, Until: saturday}}}, 0,
			saturday.AddDate(0, 0, -1), saturday.AddDate(0, 0, 1),
			fmt.Sprintf("[12-11 10:30 snooze%d]", saturday.UnixMilli()), fmt.Sprintf("[12-11 10:30 snooze%d]", saturday.UnixMilli())},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, on := range []bool{true, false} {
				p := planner()
				p.Workdays = on
				if tt.every != 0 {
					p.Offsets.OverdueEvery = tt.every
				}
				var got []string
				for _, r := range p.Plan(tt.items, tt.from, tt.to) {
					got = append(got, r.At.In(athens).Format("01-02 15:04")+" "+r.Offset)
				}
				want := map[bool]string{true: tt.on, false: tt.off}[on]
				if fmt.Sprint(got) != want {
					t.Errorf("Workdays %v: got %v, want %s", on, got, want)
				}
			}
		})
	}
}

// TestPlan_WorkdaysKeepsKeys checks that a moved reminder is the same
// reminder, sent earlier: the same key, and MovedFrom the time it has
// without the move, so that neither a delivery already recorded nor a
// mark is lost or doubled by the move.
func TestPlan_WorkdaysKeepsKeys(t *testing.T) {
	call := &proxenos.Call{ID: "c1", Title: "Town twinning", Status: proxenos.CallWatching,
		Deadlines: []proxenos.Deadline{{At: easterTuesday2027}}}
	items := scheduler.Items{Calls: []*proxenos.Call{call}}
	from, to := goodFriday2027.AddDate(0, 0, -40), easterTuesday2027
	off := map[string]time.Time{}
	for _, r := range planner().Plan(items, from, to) {
		off[r.Key()] = r.At
	}
	p := planner()
	p.Workdays = true
	moved := 0
	for _, r := range p.Plan(items, from, to) {
		at, ok := off[r.Key()]
		switch {
		case !ok:
			t.Errorf("%s: a key planned only with Workdays", r.Key())
		case !workday.IsWorkday(r.At):
			t.Errorf("%s: at %v, a day off", r.Key(), r.At)
		case r.MovedFrom.IsZero() && !r.At.Equal(at), !r.MovedFrom.IsZero() && !r.MovedFrom.Equal(at):
			t.Errorf("%s: at %v moved from %v, want from %v", r.Key(), r.At, r.MovedFrom, at)
		}
		if !r.MovedFrom.IsZero() {
			moved++
		}
	}
	if moved != 2 {
		t.Fatalf("%d reminders moved, want 2 (30 days and 1 day before)", moved)
	}
}

// TestTick_Workdays checks the reminders of a call due the day after
// Easter Monday, across two replicas: none on Labour Day (a Saturday)
// or Easter Monday, one on the Thursday before for both, counting the
// days right; each once. Without Workdays they go out on their days.
func TestTick_Workdays(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 9, 0, 0, 0, athens) }
	for _, tt := range []struct {
		name string
		opts []scheduler.Option
		want []time.Time
	}{
		{"OKOn", nil, []time.Time{day(4, 27), day(4, 29), day(5, 4)}},
		{"OKOff", []scheduler.Option{scheduler.WithWorkdays(false)}, []time.Time{day(4, 27), day(5, 1), day(5, 3), day(5, 4)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, day(4, 26))
			e.addCall(t, "CERV-EASTER", easterTuesday2027)
			p := &poster{clock: e.clock}
			e.run(t, time.Hour, day(5, 4).Add(time.Hour), e.scheduler(t, "A", p, tt.opts...), e.scheduler(t, "B", p, tt.opts...))
			for _, where := range []string{channel, owner} {
				if got := times(p.reminders(where)); !slices.EqualFunc(got, tt.want, time.Time.Equal) {
					t.Fatalf("reminders to %s at %v, want %v", where, got, tt.want)
				}
			}
			if len(tt.opts) == 0 {
				thursday := p.reminders(channel)[1].resp.Text
				if want := i18n.T(i18n.Greek, "reminder.in_days", 5); !strings.Contains(thursday, want) {
					t.Fatalf("Thursday's reminder %q does not say %q", thursday, want)
				}
			}
		})
	}
}

// TestTick_WorkdaysMovedIntoThePast checks a call entered on a day off
// whose next reminders were moved back to a working day already past:
// they go out at once, as one, and are not recorded as missed, even when
// the first send fails and the retry comes more than the horizon after
// the working day, or when the tick looks back less far than the move.
// Only reminders that fell due, unmoved, more than the horizon before the
// entry are missed, as without Workdays.
func TestTick_WorkdaysMovedIntoThePast(t *testing.T) {
	weekend := time.Date(2027, 11, 6, 10, 0, 0, 0, athens)
	monday := time.Date(2027, 11, 8, 17, 0, 0, 0, proxenos.DeadlineLocation())
	for _, tt := range []struct {
		name    string
		entered time.Time // a day off; the 3- and 1-day reminders fall on days off or the working day before
		dl      time.Time
		horizon time.Duration // and the lookback
	}{
		// 3 days before is Friday 5 November, 1 day Sunday 7.
		{"OKWeekend", weekend, monday, scheduler.DefaultHorizon},
		{"OKWeekendShortLookback", weekend, monday, time.Hour},
		// 3 days before is Labour Day, 1 day Easter Monday: both move to
		// Thursday 29 April.
		{"OKEaster", time.Date(2027, 5, 1, 10, 0, 0, 0, athens), easterTuesday2027, scheduler.DefaultHorizon},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.entered)
			e.addCall(t, "CERV-LATE-ENTRY", tt.dl)
			p := &poster{clock: e.clock}
			refused := false
			p.fail = func(where string, resp *chat.Response) error {
				if where == channel && isReminder(resp) && !refused {
					refused = true
					return slack.SlackErrorResponse{Err: "not_in_channel"}
				}
				return nil
			}
			s := e.scheduler(t, "A", p, scheduler.WithHorizon(tt.horizon), scheduler.WithLookback(tt.horizon))
			e.run(t, time.Minute, tt.entered.Add(5*time.Minute), s)
			e.clock.Advance(tt.entered.Add(time.Hour).Sub(e.clock.Now()))
			e.run(t, time.Hour, morning(tt.dl, 0).Add(time.Hour), s)
			for _, w := range []struct {
				where string
				first time.Time
			}{{owner, tt.entered}, {channel, tt.entered.Add(time.Minute)}} {
				want := []time.Time{w.first, morning(tt.dl, 0)}
				if got := times(p.reminders(w.where)); !slices.EqualFunc(got, want, time.Time.Equal) {
					t.Errorf("reminders to %s at %v, want %v", w.where, got, want)
				}
			}
			missed, err := sqlite.NewReminderService(e.db).FindDeliveries(ctx(),
				proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliveryMissed}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range missed {
				if !d.Reminder.MovedFrom.IsZero() || tt.entered.Sub(d.Reminder.At) <= tt.horizon {
					t.Errorf("%s recorded missed: due at %v, moved from %v", d.Key, d.Reminder.At, d.Reminder.MovedFrom)
				}
			}
		})
	}
}

// TestTick_WorkdaysAgreementFiveDaysOff checks that the tick reads an
// agreement whose reminder is moved back the furthest: ending on Tuesday
// 1 May 2035, reminded the day itself, it is reminded on Thursday 26
// April, before Good Friday, Easter Monday and Labour Day.
func TestTick_WorkdaysAgreementFiveDaysOff(t *testing.T) {
	thursday := time.Date(2035, 4, 26, 9, 0, 0, 0, athens)
	e := newEnv(t, thursday.Add(-time.Hour))
	partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Italy"}
	if err := sqlite.NewPartnerService(e.db).CreatePartner(ctx(), partner); err != nil {
		t.Fatal(err)
	}
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{partner.ID}, Title: "Twinning Maroussi – Faenza",
		Status: proxenos.AgreementActive, End: time.Date(2035, 5, 1, 0, 0, 0, 0, athens)}
	if err := sqlite.NewAgreementService(e.db).CreateAgreement(ctx(), a); err != nil {
		t.Fatal(err)
	}
	p := &poster{clock: e.clock}
	e.run(t, time.Hour, thursday.Add(time.Hour), e.scheduler(t, "A", p, scheduler.WithAgreementDays(0)))
	if got := times(p.reminders(channel)); !slices.EqualFunc(got, []time.Time{thursday}, time.Time.Equal) {
		t.Fatalf("reminders at %v, want one on Thursday at 09:00", got)
	}
}

// digestPost is a digest or weekly summary the poster received.
type digestPost struct {
	at     time.Time
	weekly bool
}

// TestSendDigests_Workdays checks the digests of Easter week 2027: none
// on Good Friday or Easter Monday, and the weekly summary on the Tuesday,
// once, since the Monday is a holiday. Without Workdays: Monday to
// Friday, the summary on Monday.
func TestSendDigests_Workdays(t *testing.T) {
	at := func(m time.Month, d int, weekly bool) digestPost {
		return digestPost{time.Date(2027, m, d, 8, 30, 0, 0, athens), weekly}
	}
	for _, tt := range []struct {
		name string
		opts []scheduler.Option
		want []digestPost
	}{
		{"OKOn", nil, []digestPost{at(4, 29, false), at(5, 4, false), at(5, 4, true), at(5, 5, false)}},
		{"OKOff", []scheduler.Option{scheduler.WithWorkdays(false)},
			[]digestPost{at(4, 29, false), at(4, 30, false), at(5, 3, false), at(5, 3, true), at(5, 4, false), at(5, 5, false)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, time.Date(2027, 4, 29, 0, 0, 0, 0, athens))
			p := &poster{clock: e.clock}
			e.run(t, 30*time.Minute, time.Date(2027, 5, 5, 12, 0, 0, 0, athens), e.scheduler(t, "A", p, tt.opts...))
			weekly := i18n.T(i18n.Greek, "digest.weekly.title", "")
			var got []digestPost
			for _, x := range p.posts {
				got = append(got, digestPost{x.at, strings.HasPrefix(x.resp.Text, weekly)})
			}
			if !slices.EqualFunc(got, tt.want, func(a, b digestPost) bool { return a.at.Equal(b.at) && a.weekly == b.weekly }) {
				t.Fatalf("digests %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDigest_SinceWorkdayBefore checks what the first digest after
// Easter Monday counts as new when no digest was sent before: what came
// since the digest day before, Thursday, such as a call opened on Good
// Friday.
func TestDigest_SinceWorkdayBefore(t *testing.T) {
	tuesday := time.Date(2027, 5, 4, 9, 0, 0, 0, athens)
	for _, tt := range []struct {
		name   string
		opts   []scheduler.Option
		listed bool
	}{
		{"OKOn", nil, true},
		{"OKOff", []scheduler.Option{scheduler.WithWorkdays(false)}, false}, // since Monday, a digest day then
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tuesday)
			c := &proxenos.Call{Identifier: "CERV-OPENED", Title: "Opened on Good Friday", Programme: proxenos.ProgrammeCERV,
				Status: proxenos.CallWatching, OpeningDate: goodFriday2027.Add(12 * time.Hour),
				Deadlines: []proxenos.Deadline{{At: tuesday.AddDate(0, 1, 0)}}}
			if err := sqlite.NewCallService(e.db).CreateCall(ctx(), c); err != nil {
				t.Fatal(err)
			}
			resp, err := e.scheduler(t, "A", &poster{}, tt.opts...).Digest(ctx(), i18n.English)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(resp.Text, c.Title); got != tt.listed {
				t.Fatalf("the call opened on Good Friday listed: %v, want %v:\n%s", got, tt.listed, resp.Text)
			}
		})
	}
}

// TestWithWorkdays checks that Workdays is on by default and that the
// option turns it off.
func TestWithWorkdays(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []scheduler.Option
		want bool
	}{
		{"OKDefault", nil, true},
		{"OKOff", []scheduler.Option{scheduler.WithWorkdays(false)}, false},
		{"OKOnAgain", []scheduler.Option{scheduler.WithWorkdays(false), scheduler.WithWorkdays(true)}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := scheduler.New("T0TEAM", "C0OFFICE", nil, nil, nil, nil, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if s.Workdays != tt.want {
				t.Fatalf("Workdays %v, want %v", s.Workdays, tt.want)
			}
		})
	}
}

// TestUpcoming_Workdays checks `/ir reminders`: a moved reminder is
// listed on its working day, and one moved into the past, which the next
// tick sends, is not listed as if it were still to come.
func TestUpcoming_Workdays(t *testing.T) {
	lang := i18n.English
	for _, tt := range []struct {
		name string
		now  time.Time
		want []time.Time // the reminders listed
	}{
		{"OKMovedToThursday", time.Date(2027, 4, 26, 10, 0, 0, 0, athens),
			[]time.Time{time.Date(2027, 4, 27, 9, 0, 0, 0, athens), time.Date(2027, 4, 29, 9, 0, 0, 0, athens)}},
		{"OKMovedIntoThePast", time.Date(2027, 5, 1, 10, 0, 0, 0, athens), []time.Time{time.Date(2027, 5, 4, 9, 0, 0, 0, athens)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.now)
			c := e.addCall(t, "CERV-EASTER", easterTuesday2027)
			resp, err := e.scheduler(t, "A", &poster{}).Upcoming(ctx(), lang, 7)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, at := range tt.want {
				want = append(want, i18n.T(lang, "digest.upcoming_line", i18n.FormatDateTime(lang, at), i18n.T(lang, "digest.kind.call"),
					c.Title, i18n.FormatDate(lang, easterTuesday2027.In(athens))))
			}
			section := i18n.T(lang, "digest.upcoming_count", fmt.Sprint(len(want)))
			if !strings.Contains(resp.Text, "*"+section+"*\n"+strings.Join(want, "\n")) {
				t.Fatalf("got\n%s\nwant the section %q listing\n%s", resp.Text, section, strings.Join(want, "\n"))
			}
		})
	}
}
