package scheduler_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/slack-go/slack"
	"go.uber.org/goleak"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/chat/reminder"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/handlers/ir"
	"github.com/proxenos/proxenos/report"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/workday"
)

const (
	team    = "TMAROUSSI"
	channel = "COFFICE"
	owner   = "U0OWNER"
)

var athens, _ = time.LoadLocation("Europe/Athens")

// post is one message the fake poster received.
type post struct {
	where string
	at    time.Time
	resp  *chat.Response
}

// poster records posts; fail, when set, may refuse one.
type poster struct {
	mu    sync.Mutex
	clock clockwork.Clock
	posts []post
	fail  func(where string, resp *chat.Response) error
}

func (p *poster) Post(_ context.Context, where string, resp *chat.Response) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		if err := p.fail(where, resp); err != nil {
			return "", err
		}
	}
	p.posts = append(p.posts, post{where: where, at: p.clock.Now().In(athens), resp: resp})
	return "1.0", nil
}

// reminders returns the reminder posts (those with a Done button) to where.
func (p *poster) reminders(where string) []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []post
	for _, x := range p.posts {
		if x.where == where && isReminder(x.resp) {
			out = append(out, x)
		}
	}
	return out
}

// digests returns the texts of the posts without buttons.
func (p *poster) digests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, x := range p.posts {
		if !isReminder(x.resp) {
			out = append(out, x.resp.Text)
		}
	}
	return out
}

func isReminder(resp *chat.Response) bool {
	for _, b := range resp.Blocks {
		if a, ok := b.(chat.Actions); ok && len(a.Buttons) > 0 && a.Buttons[0].ActionID == reminder.ActionDone {
			return true
		}
	}
	return false
}

// env is one store file and a fake clock.
type env struct {
	path  string
	db    *sqlite.DB
	clock *clockwork.FakeClock
}

func newEnv(t testing.TB, start time.Time) *env {
	t.Helper()
	e := &env{path: filepath.Join(t.TempDir(), "proxenos.db"), clock: clockwork.NewFakeClockAt(start)}
	e.db = e.open(t)
	return e
}

// open opens the env's file again, as another process would.
func (e *env) open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), e.path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = e.clock.Now
	t.Cleanup(func() { db.Close() })
	return db
}

// scheduler returns a scheduler named holder on its own open of the file;
// opts change further settings.
func (e *env) scheduler(t testing.TB, holder string, p *poster, opts ...scheduler.Option) *scheduler.Scheduler {
	db := e.open(t)
	s, err := scheduler.New(team, channel, sqlite.NewReminderService(db), sqlite.NewCallService(db), sqlite.NewAgreementService(db), p,
		append([]scheduler.Option{scheduler.WithClock(e.clock), scheduler.WithHolder(holder),
			scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func ctx() context.Context {
	return proxenos.NewContextWithUser(proxenos.NewContextWithTeam(context.Background(), team), "U0STAFF")
}

// addCall stores a watched call with one deadline.
func (e *env) addCall(t testing.TB, id string, deadline time.Time) *proxenos.Call {
	t.Helper()
	c := &proxenos.Call{Identifier: id, Title: "Town twinning " + id, Programme: proxenos.ProgrammeCERV,
		Status: proxenos.CallWatching, Owner: owner, Deadlines: []proxenos.Deadline{{At: deadline}}}
	if err := sqlite.NewCallService(e.db).CreateCall(ctx(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// run ticks every scheduler each step from the clock's time until end.
func (e *env) run(t testing.TB, step time.Duration, end time.Time, ss ...*scheduler.Scheduler) {
	t.Helper()
	for !e.clock.Now().After(end) {
		var wg sync.WaitGroup
		for _, s := range ss {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := s.Tick(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		e.clock.Advance(step)
	}
}

// morning returns 09:00 in Athens days after day d.
func morning(d time.Time, days int) time.Time {
	y, m, dd := d.In(athens).Date()
	return time.Date(y, m, dd+days, 9, 0, 0, 0, athens)
}

// times returns when posts were made.
func times(posts []post) []time.Time {
	out := make([]time.Time, len(posts))
	for i, p := range posts {
		out[i] = p.at
	}
	return out
}

func TestTick_EachOffsetOnce(t *testing.T) {
	for _, tt := range []struct {
		name     string
		deadline time.Time
	}{
		// 25 October 2026: summer time ends (04:00 EEST → 03:00 EET).
		{"FallBack", time.Date(2026, 10, 27, 17, 0, 0, 0, proxenos.DeadlineLocation())},
		// 28 March 2027: summer time starts (03:00 EET → 04:00 EEST).
		{"SpringForward", time.Date(2027, 3, 30, 17, 0, 0, 0, proxenos.DeadlineLocation())},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.deadline.AddDate(0, 0, -33))
			e.addCall(t, "CERV-2027-CITIZENS-TOWN-TT", tt.deadline)
			p := &poster{clock: e.clock}
			e.run(t, time.Hour, tt.deadline.Add(24*time.Hour), e.scheduler(t, "A", p))
			var want []time.Time
			for _, d := range []int{30, 14, 7, 3, 1, 0} {
				want = append(want, workday.Before(morning(tt.deadline, -d))) // 30 and 3 days fall on weekends
			}
			for _, where := range []string{channel, owner} {
				got := times(p.reminders(where))
				if !slices.EqualFunc(got, want, time.Time.Equal) {
					t.Fatalf("reminders to %s at %v, want %v", where, got, want)
				}
			}
		})
	}
}

func TestTick_Restart(t *testing.T) {
	deadline := time.Date(2026, 12, 10, 17, 0, 0, 0, proxenos.DeadlineLocation()) // a Thursday
	e := newEnv(t, morning(deadline, -8))
	e.addCall(t, "CERV-RESTART", deadline)
	p := &poster{clock: e.clock}
	e.run(t, time.Hour, morning(deadline, -4), e.scheduler(t, "A", p))
	// Down from the 6th to the 9th at 10:00: the reminder of the 7th is
	// older than the horizon (24 h), that of the 9th an hour late.
	e.clock.Advance(morning(deadline, -1).Add(time.Hour).Sub(e.clock.Now()))
	b := e.scheduler(t, "B", p)
	e.run(t, time.Hour, morning(deadline, 1), b, e.scheduler(t, "C", p))
	got := p.reminders(channel)
	want := []time.Time{morning(deadline, -7), morning(deadline, -1).Add(time.Hour), morning(deadline, 0)}
	if !slices.EqualFunc(times(got), want, time.Time.Equal) {
		t.Fatalf("channel reminders at %v, want %v", times(got), want)
	}
	if late := got[1].resp.Text + textOf(got[1].resp); !strings.Contains(late, "καθυστερημένα") {
		t.Fatalf("the reminder sent after the restart is not marked late: %s", late)
	}
	// The one older than the horizon is listed in the next digest.
	var found bool
	for _, d := range p.digests() {
		found = found || strings.Contains(d, "Town twinning CERV-RESTART")
	}
	if !found {
		t.Fatalf("no digest lists the missed reminder: %q", p.digests())
	}
}

// textOf joins the text of a response's blocks.
func textOf(resp *chat.Response) string {
	var parts []string
	for _, b := range resp.Blocks {
		switch b := b.(type) {
		case chat.Section:
			parts = append(parts, b.Text)
		case chat.Context:
			parts = append(parts, b.Elements...)
		}
	}
	return strings.Join(parts, "\n")
}

func TestTick_ThreeSchedulersOneFile(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, deadline.AddDate(0, 0, -15))
	for _, id := range []string{"CERV-A", "CERV-B", "CERV-C"} {
		e.addCall(t, id, deadline)
	}
	p := &poster{clock: e.clock}
	e.run(t, 3*time.Hour, deadline, e.scheduler(t, "A", p), e.scheduler(t, "B", p), e.scheduler(t, "C", p))
	// 14, 7, 3, 1 days and the day itself, for three calls.
	if got, want := len(p.reminders(channel)), 15; got != want {
		t.Fatalf("%d channel reminders, want %d", got, want)
	}
	if got, want := len(p.reminders(owner)), 15; got != want {
		t.Fatalf("%d DM reminders, want %d", got, want)
	}
	seen := map[string]bool{}
	for _, d := range p.digests() {
		if seen[d] {
			t.Fatalf("digest sent twice: %s", d)
		}
		seen[d] = true
	}
}

func TestTick_RateLimited(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, morning(deadline, -1).Add(-time.Minute)) // a Tuesday, after the digest
	e.addCall(t, "CERV-429", deadline)
	p := &poster{clock: e.clock}
	limited := 0
	p.fail = func(where string, resp *chat.Response) error {
		if where != channel || !isReminder(resp) {
			return nil
		}
		if limited++; limited == 1 {
			return &slack.RateLimitedError{RetryAfter: 90 * time.Second}
		}
		return nil
	}
	s := e.scheduler(t, "A", p)
	// Ticks every 30 s: 09:00 meets the 429, 09:00:30 and 09:01 wait.
	e.run(t, 30*time.Second, morning(deadline, -1).Add(time.Minute), s)
	if got := len(p.reminders(channel)); got != 0 {
		t.Fatalf("%d posts before Retry-After passed, want 0", got)
	}
	e.run(t, 30*time.Second, e.clock.Now(), s) // 09:01:30 = 09:00 + 90 s
	got := p.reminders(channel)
	if len(got) != 1 || !got[0].at.Equal(morning(deadline, -1).Add(90*time.Second)) {
		t.Fatalf("channel posts at %v, want one at 09:01:30", times(got))
	}
}

func TestTick_StaleClaimRetried(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	at := morning(deadline, -1)
	e := newEnv(t, at)
	c := e.addCall(t, "CERV-CRASH", deadline)
	// A sender claimed the channel delivery and died before sending.
	r := proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: c.ID, Occurrence: deadline, Offset: "1d", At: at,
		Title: c.Title, Owner: owner}
	if err := sqlite.NewReminderService(e.db).ClaimDelivery(ctx(), &proxenos.Delivery{Key: r.DeliveryKey(proxenos.DestinationChannel),
		Attempt: 1, Reminder: r, Destination: proxenos.DestinationChannel, State: proxenos.DeliveryPending, Holder: "dead",
		ClaimedAt: at, LeaseUntil: at.Add(scheduler.DefaultDeliveryLease)}); err != nil {
		t.Fatal(err)
	}
	p := &poster{clock: e.clock}
	e.run(t, time.Minute, at.Add(scheduler.DefaultDeliveryLease), e.scheduler(t, "A", p))
	got := p.reminders(channel)
	if len(got) != 1 || !got[0].at.Equal(at.Add(scheduler.DefaultDeliveryLease)) {
		t.Fatalf("channel posts at %v, want one when the lease ran out", times(got))
	}
	if n := len(p.reminders(owner)); n != 1 {
		t.Fatalf("%d DMs, want 1", n)
	}
}

func TestTick_Replan(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, morning(deadline, -8))
	c := e.addCall(t, "CERV-MOVED", deadline)
	gone := e.addCall(t, "CERV-GONE", deadline)
	p := &poster{clock: e.clock}
	s := e.scheduler(t, "A", p)
	e.run(t, time.Hour, morning(deadline, -7), s) // both get the 7-day reminder
	calls := sqlite.NewCallService(e.db)
	moved := []proxenos.Deadline{{At: deadline.AddDate(0, 0, 10)}}
	if _, err := calls.UpdateCall(ctx(), c.ID, proxenos.CallUpdate{Deadlines: &moved}); err != nil {
		t.Fatal(err)
	}
	if err := calls.DeleteCall(ctx(), gone.ID); err != nil {
		t.Fatal(err)
	}
	e.run(t, time.Hour, morning(moved[0].At, 0), s)
	// The old deadline's 7-day reminders went out; the moved call, now
	// due on Saturday 30 January, gets its new 14 and 7 (on the Fridays
	// before their Saturdays), 3, and 1 and 0 as one on Friday; the
	// deleted call gets nothing more.
	want := []time.Time{morning(deadline, -7), morning(deadline, -7), morning(moved[0].At, -15), morning(moved[0].At, -8), morning(moved[0].At, -3),
		morning(moved[0].At, -1)}
	if !slices.EqualFunc(times(p.reminders(channel)), want, time.Time.Equal) {
		t.Fatalf("channel reminders at %v, want %v", times(p.reminders(channel)), want)
	}
}

func TestStartStop(t *testing.T) {
	// The store's connection goroutines and its checkpointer end in
	// t.Cleanup, after this.
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(), goleak.IgnoreTopFunction("database/sql.(*DB).connectionOpener"),
		goleak.IgnoreTopFunction("github.com/proxenos/proxenos/storage/sqlite.(*DB).checkpoints"))
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, morning(deadline, -1).Add(time.Minute))
	e.addCall(t, "CERV-START", deadline)
	p := &poster{clock: e.clock}
	s := e.scheduler(t, "A", p)
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != scheduler.ErrSchedulerStarted {
		t.Fatalf("second Start: %v, want ErrSchedulerStarted", err)
	}
	// The first tick runs at once: what fell due a minute ago is sent.
	for i := 0; i < 2000 && len(p.reminders(channel)) == 0; i++ {
		time.Sleep(time.Millisecond)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if got := len(p.reminders(channel)); got != 1 {
		t.Fatalf("%d reminders after start, want 1", got)
	}
}

// addObligation stores an active agreement and an open obligation of it.
func (e *env) addObligation(t testing.TB, due time.Time) *proxenos.Obligation {
	t.Helper()
	partner := &proxenos.Partner{Name: "Φαέντσα", Kind: proxenos.KindMunicipality, Country: "Italy"}
	if err := sqlite.NewPartnerService(e.db).CreatePartner(ctx(), partner); err != nil {
		t.Fatal(err)
	}
	as := sqlite.NewAgreementService(e.db)
	a := &proxenos.Agreement{Kind: proxenos.AgreementTwinning, PartnerIDs: []string{partner.ID}, Title: "Twinning Maroussi – Faenza",
		Status: proxenos.AgreementActive}
	if err := as.CreateAgreement(ctx(), a); err != nil {
		t.Fatal(err)
	}
	o := &proxenos.Obligation{AgreementID: a.ID, Text: "Annual report to Faenza", Owner: owner, Due: due,
		Status: proxenos.ObligationOpen}
	if err := as.AddObligation(ctx(), o); err != nil {
		t.Fatal(err)
	}
	return o
}

// press presses a button of a reminder post as user.
func press(h *handlers.Handler, p post, actionID, user string) *chat.Response {
	for _, b := range p.resp.Blocks {
		if a, ok := b.(chat.Actions); ok {
			for _, btn := range a.Buttons {
				if btn.ActionID == actionID {
					return h.HandleAction(context.Background(), &chat.Action{Team: team, User: user, Channel: channel,
						Lang: "en", ActionID: actionID, Value: btn.Value})
				}
			}
		}
	}
	return nil
}

func TestButtons(t *testing.T) {
	due := time.Date(2026, 12, 17, 0, 0, 0, 0, athens) // a Thursday: three days before is a Monday
	t.Run("Done", func(t *testing.T) {
		e := newEnv(t, morning(due, -3).Add(-time.Minute))
		o := e.addObligation(t, due)
		p := &poster{clock: e.clock}
		s := e.scheduler(t, "A", p)
		h := handlers.NewHandler()
		h.Now = e.clock.Now
		m := ir.New(h, report.Source{})
		m.Reminders = s
		h.MustRegister(m.Module())
		e.run(t, time.Minute, morning(due, -3), s)
		posts := p.reminders(channel)
		if len(posts) != 1 {
			t.Fatalf("%d reminders, want 1", len(posts))
		}
		resp := press(h, posts[0], reminder.ActionDone, "U0STAFF")
		if resp == nil || !resp.Replace || !strings.Contains(textOf(resp), "Marked done by <@U0STAFF>") {
			t.Fatalf("answer %+v, want the message replaced, saying who", resp)
		}
		if isReminder(resp) {
			t.Fatal("the replaced message still has Done and Snooze buttons")
		}
		got, _, err := sqlite.NewAgreementService(e.db).FindObligations(ctx(), proxenos.ObligationFilter{AgreementID: o.AgreementID})
		if err != nil || len(got) != 1 || got[0].Status != proxenos.ObligationDone || got[0].Fulfilments[0].By != "U0STAFF" {
			t.Fatalf("obligation after Done: %+v (%v)", got, err)
		}
		e.run(t, 6*time.Hour, due.AddDate(0, 0, 15), s)
		if n := len(p.reminders(channel)); n != 1 {
			t.Fatalf("%d reminders after Done, want none more", n-1)
		}
	})
	t.Run("ErrDoneTwice", func(t *testing.T) {
		// The same Done pressed again (or a retry of a press whose answer
		// was lost) does not complete the next occurrence: the user is
		// told the one pressed is done, and when the next is due.
		e := newEnv(t, morning(due, -3).Add(-time.Minute))
		o := e.addObligation(t, due)
		as := sqlite.NewAgreementService(e.db)
		if _, err := as.UpdateObligation(ctx(), o.ID, proxenos.ObligationUpdate{Recurrence: &proxenos.Recurrence{Months: 12}}); err != nil {
			t.Fatal(err)
		}
		p := &poster{clock: e.clock}
		s := e.scheduler(t, "A", p)
		h := handlers.NewHandler()
		h.Now = e.clock.Now
		m := ir.New(h, report.Source{})
		m.Reminders = s
		h.MustRegister(m.Module())
		e.run(t, time.Minute, morning(due, -3), s)
		posts := p.reminders(channel)
		if len(posts) != 1 {
			t.Fatalf("%d reminders, want 1", len(posts))
		}
		press(h, posts[0], reminder.ActionDone, "U0STAFF")
		resp := press(h, posts[0], reminder.ActionDone, "U0NIKOS")
		want := "The occurrence due on 17 Dec 2026 was already recorded as fulfilled (on 14 Dec 2026); nothing was recorded again. The next one is due on 17 Dec 2027."
		if resp == nil || resp.Text != want {
			t.Fatalf("second press answered %+v, want %q", resp, want)
		}
		got, err := as.FindObligationByID(ctx(), o.ID)
		if err != nil || len(got.Fulfilments) != 1 || got.Fulfilments[0].By != "U0STAFF" || !got.Due.Equal(due.AddDate(1, 0, 0)) {
			t.Fatalf("obligation after two presses: %+v (%v)", got, err)
		}
	})
	t.Run("SnoozeWeek", func(t *testing.T) {
		e := newEnv(t, morning(due, -3).Add(-time.Minute))
		e.addObligation(t, due)
		p := &poster{clock: e.clock}
		s := e.scheduler(t, "A", p)
		h := handlers.NewHandler()
		h.Now = e.clock.Now
		m := ir.New(h, report.Source{})
		m.Reminders = s
		h.MustRegister(m.Module())
		e.run(t, time.Minute, morning(due, -3), s)
		resp := press(h, p.reminders(channel)[0], reminder.ActionSnoozeWeek, "U0STAFF")
		if resp == nil || !resp.Replace || !strings.Contains(textOf(resp), "Snoozed by <@U0STAFF> until 21 Dec 2026") {
			t.Fatalf("answer %+v", resp)
		}
		// The due day is skipped; one reminder when the snooze ends (ticks
		// fall at :01), then weekly while overdue.
		e.run(t, time.Hour, morning(due, 8), s)
		want := []time.Time{morning(due, -3), morning(due, 4).Add(time.Minute), morning(due, 7).Add(time.Minute)}
		if got := times(p.reminders(channel)); !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Fatalf("reminders at %v, want %v", got, want)
		}
	})
}

// TestReminderNamesAgreementAndPartners: an obligation's reminder says
// which agreement and partners it belongs to, in the post and in the
// message a button replaces it with; without the directory it names the
// agreement only.
func TestReminderNamesAgreementAndPartners(t *testing.T) {
	due := time.Date(2026, 12, 17, 0, 0, 0, 0, athens)
	for _, tt := range []struct {
		name string
		opts []scheduler.Option
		want string
	}{
		{"OK", nil, ": Twinning Maroussi – Faenza · Φαέντσα"},
		{"NoDirectory", []scheduler.Option{scheduler.WithPartners(nil)}, ": Twinning Maroussi – Faenza"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, morning(due, -3).Add(-time.Minute))
			e.addObligation(t, due)
			p := &poster{clock: e.clock}
			opts := append([]scheduler.Option{scheduler.WithPartners(sqlite.NewPartnerService(e.db))}, tt.opts...)
			s := e.scheduler(t, "A", p, opts...)
			e.run(t, time.Minute, morning(due, -3), s)
			posts := p.reminders(channel)
			if len(posts) != 1 {
				t.Fatalf("%d reminders, want 1", len(posts))
			}
			text := textOf(posts[0].resp)
			if !strings.Contains(text, tt.want) || (tt.name == "NoDirectory" && strings.Contains(text, "Φαέντσα")) {
				t.Fatalf("reminder %q, want %q", text, tt.want)
			}
			h := handlers.NewHandler()
			h.Now = e.clock.Now
			m := ir.New(h, report.Source{})
			m.Reminders = s
			h.MustRegister(m.Module())
			if resp := press(h, posts[0], reminder.ActionSnoozeDay, "U0STAFF"); resp == nil || !strings.Contains(textOf(resp), tt.want) {
				t.Fatalf("after Snooze: %+v, want %q kept", resp, tt.want)
			}
		})
	}
}

func TestTick_InactiveWorkspace(t *testing.T) {
	// The workspace removes the app a week before the deadline: nothing
	// more is posted, no reminder and no digest, even the ones that fell
	// due meanwhile; it installs again and they resume.
	deadline := time.Date(2026, 11, 30, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, deadline.AddDate(0, 0, -16))
	e.addCall(t, "CERV-2027-CITIZENS-TOWN-UN", deadline)
	var mu sync.Mutex
	served := true
	asked := map[string]int{}
	active := func(_ context.Context, tm string) bool {
		mu.Lock()
		defer mu.Unlock()
		asked[tm]++
		return served
	}
	p := &poster{clock: e.clock}
	s := e.scheduler(t, "A", p, scheduler.WithActive(active))
	e.run(t, time.Hour, deadline.AddDate(0, 0, -8), s)
	before := len(p.posts)
	if before == 0 {
		t.Fatal("nothing was posted while the workspace was served")
	}
	mu.Lock()
	served = false
	mu.Unlock()
	e.run(t, time.Hour, deadline.AddDate(0, 0, -1), s)
	if err := s.SendDigests(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(p.posts) - before; n != 0 {
		t.Errorf("%d posts for a workspace no longer served", n)
	}
	if asked[team] == 0 || len(asked) != 1 {
		t.Errorf("Active was asked about %v, want %s", asked, team)
	}
	mu.Lock()
	served = true
	mu.Unlock()
	e.run(t, time.Hour, deadline.AddDate(0, 0, -1).Add(2*time.Hour), s)
	if len(p.posts) == before {
		t.Error("nothing was posted once the workspace was served again")
	}
}
