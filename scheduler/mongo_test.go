package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/scheduler"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/mongo/mongotest"
)

// mongoURI is the MongoDB of the replica tests: PROXENOS_TEST_MONGODB_URI
// when set, else an embedded FerretDB started by TestMain.
var mongoURI string

func TestMain(m *testing.M) {
	os.Exit(mongotest.Main(m, &mongoURI))
}

// openMongo opens the named database on the test server, as one replica.
func openMongo(t testing.TB, name string, clock func() time.Time) *mongo.DB {
	t.Helper()
	u, err := url.Parse(mongoURI)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	db.Now = clock
	t.Cleanup(func() { db.Close() })
	return db
}

// TestTick_ThreeReplicasOneMongo is three replicas, each with its own
// client, sharing one MongoDB (FerretDB): every reminder goes out once.
func TestTick_ThreeReplicasOneMongo(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	e := newEnv(t, morning(deadline, -8))
	name := fmt.Sprintf("proxenos_sched_%d_%d", os.Getpid(), time.Now().UnixNano())
	first := openMongo(t, name, e.clock.Now)
	for _, id := range []string{"CERV-M1", "CERV-M2"} {
		c := &proxenos.Call{Identifier: id, Title: "Town twinning " + id, Programme: proxenos.ProgrammeCERV,
			Status: proxenos.CallWatching, Owner: owner, Deadlines: []proxenos.Deadline{{At: deadline}}}
		if err := mongo.NewCallService(first).CreateCall(ctx(), c); err != nil {
			t.Fatal(err)
		}
	}
	p := &poster{clock: e.clock}
	var ss []*scheduler.Scheduler
	for _, holder := range []string{"A", "B", "C"} {
		db := openMongo(t, name, e.clock.Now)
		s, err := scheduler.New(team, channel, mongo.NewReminderService(db), mongo.NewCallService(db), mongo.NewAgreementService(db), p,
			scheduler.WithClock(e.clock), scheduler.WithHolder(holder), scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
	}
	e.run(t, 24*time.Hour, deadline, ss...) // at 09:00 each day, all three at once
	// 7, 3, 1 days and the day itself, for two calls, to the channel and the owner.
	for _, where := range []string{channel, owner} {
		if got, want := len(p.reminders(where)), 8; got != want {
			t.Fatalf("%d reminders to %s, want %d", got, where, want)
		}
	}
}

// TestTick_PostUnansweredMongo is TestTick_PostUnanswered on MongoDB: the
// pending attempt of a post Slack kept without answering is found in
// Slack when retried, not posted again.
func TestTick_PostUnansweredMongo(t *testing.T) {
	deadline := time.Date(2027, 1, 20, 17, 0, 0, 0, proxenos.DeadlineLocation())
	start := morning(deadline, -1)
	e := newSlackEnv(t, start)
	db := openMongo(t, fmt.Sprintf("proxenos_held_%d_%d", os.Getpid(), time.Now().UnixNano()), e.clock.Now)
	c := &proxenos.Call{Identifier: "CERV-MHELD", Title: "Town twinning CERV-MHELD", Programme: proxenos.ProgrammeCERV,
		Status: proxenos.CallWatching, Owner: owner, Deadlines: []proxenos.Deadline{{At: deadline}}}
	if err := mongo.NewCallService(db).CreateCall(ctx(), c); err != nil {
		t.Fatal(err)
	}
	s, err := scheduler.New(team, channel, mongo.NewReminderService(db), mongo.NewCallService(db), mongo.NewAgreementService(db), e.bot,
		scheduler.WithClock(e.clock), scheduler.WithHolder("A"), scheduler.WithSendTimeout(100*time.Millisecond),
		scheduler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	e.fake.Hold("chat.postMessage", 1)
	if err := s.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.SendTimeout = 30 * time.Second // the retry is answered: give it time on a loaded machine
	e.run(t, time.Minute, start.Add(s.DeliveryLease+time.Minute), s)
	if n := e.count(channel, "CERV-MHELD"); n != 1 {
		t.Fatalf("%d reminders in the channel, want 1", n)
	}
	all, err := mongo.NewReminderService(db).FindDeliveries(ctx(), proxenos.DeliveryFilter{States: []proxenos.DeliveryState{proxenos.DeliverySent}})
	if err != nil {
		t.Fatal(err)
	}
	var attempts []int
	for _, d := range all {
		if d.Destination == proxenos.DestinationChannel && d.Reminder.Kind == proxenos.ReminderCallDeadline {
			attempts = append(attempts, d.Attempt)
		}
	}
	if len(attempts) != 1 || attempts[0] != 2 {
		t.Errorf("channel reminder recorded as sent by attempts %v, want 2 alone, after the look in Slack", attempts)
	}
}
