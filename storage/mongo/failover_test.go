package mongo_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// TestRealMongo_FailoverStepDown runs only on a real MongoDB replica set
// (PROXENOS_TEST_MONGODB_URI; deploy/verify-mongodb.sh starts one). Four
// writers create entries and a sender claims, "posts" and finishes
// reminder deliveries while the primary is made to step down
// (replSetStepDown; forced on a one-member set, which then elects itself
// again). A write that fails is uncertain: it is retried as Proxenos's
// intake retries a request, with the same request id, until it succeeds.
// Afterwards nothing may be lost or doubled: every created entry is
// stored once, under the number its writer was given; no entry exists
// that no writer was given; every reminder is claimed once, posted once
// and recorded as sent.
func TestRealMongo_FailoverStepDown(t *testing.T) {
	db := MustOpenDB(t)
	if ok, why := serverIsMongoDB(t, db); !ok {
		t.Skip(strings.Replace(why, "explain is MongoDB's", "the failover drill needs a MongoDB replica set", 1))
	}
	admin := adminClient(t)
	if hosts, _ := replicaSet(t, admin); len(hosts) == 0 {
		t.Skip("PROXENOS_TEST_MONGODB_URI is no replica set: nothing to fail over")
	}
	runDrill(t, storage.NewMongoStore(db), 40, 60, func() { stepDown(t, admin) })
	_, primary := replicaSet(t, admin)
	t.Logf("primary after the drill: %s", primary)
}

// TestFailoverDrillBooks runs the failover drill's burst and checks its
// books on the test server (FerretDB in CI) without a failover, so that
// the drill's writers, sender and checks are known to work where
// TestRealMongo_FailoverStepDown cannot run.
func TestFailoverDrillBooks(t *testing.T) {
	runDrill(t, storage.NewMongoStore(MustOpenDB(t)), 10, 10, func() {})
}

// drillRetryFor bounds how long an uncertain write is retried: an
// election takes about 12 s; a write still failing after this is a
// failure of the drill.
const drillRetryFor = 2 * time.Minute

// drillWriters create entries at once during the drill.
const drillWriters = 4

// books is what the drill's writers and sender were told.
type books struct {
	mu        sync.Mutex
	created   map[string]proxenos.ProtocolNumber // request id → the number its writer was given
	uncertain map[string]bool                    // request ids whose first attempt failed
	errs      map[string]int                     // error code of a failed attempt → how many
	posts     map[string]int                     // delivery key → how many times it was "posted"
	acks      atomic.Int64                       // creates acknowledged so far
}

// failed counts a failed attempt by its error code.
func (b *books) failed(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs[proxenos.ErrorCode(err)]++
}

// runDrill runs the burst, calls disrupt once before creates are
// acknowledged, lets after more be acknowledged once it returns, stops
// the burst and checks the books against the store.
func runDrill(t *testing.T, s *storage.Store, before, after int64, disrupt func()) {
	b := &books{created: map[string]proxenos.ProtocolNumber{}, uncertain: map[string]bool{}, errs: map[string]int{},
		posts: map[string]int{}}
	ctx := storagetest.Ctx(storagetest.Team, "U1")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	failures := make(chan error, drillWriters+1)
	for w := range drillWriters {
		wg.Go(func() { failures <- drillWriter(ctx, s, b, w, stop) })
	}
	wg.Go(func() { failures <- drillSender(ctx, s, b, stop) })
	err := waitForAcks(b, before, failures)
	if err == nil {
		disrupt()
		err = waitForAcks(b, b.acks.Load()+after, failures)
	}
	close(stop)
	wg.Wait()
	close(failures)
	for e := range failures {
		err = errors.Join(err, e)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d entries created, %d of them after an uncertain attempt; %d reminders; failed attempts by code: %v",
		len(b.created), len(b.uncertain), len(b.posts), b.errs)
	checkEntries(t, ctx, s, b)
	checkDeliveries(t, ctx, s, b)
}

// waitForAcks waits until n creates are acknowledged; it gives up when
// a drill goroutine did, or nothing got through for drillRetryFor.
func waitForAcks(b *books, n int64, failures <-chan error) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	last, since := b.acks.Load(), time.Now()
	for b.acks.Load() < n {
		select {
		case err := <-failures:
			return fmt.Errorf("the burst stopped: %w", err)
		case <-tick.C:
		}
		if now := b.acks.Load(); now != last {
			last, since = now, time.Now()
		} else if time.Since(since) > drillRetryFor {
			return fmt.Errorf("no entry created for %v (%d of %d)", drillRetryFor, now, n)
		}
	}
	return nil
}

// drillWriter creates entries with request ids of its own until stop,
// each until it succeeds; every third is created again with the same
// request id, as a replayed request is, and must come back the same.
func drillWriter(ctx context.Context, s *storage.Store, b *books, w int, stop <-chan struct{}) error {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return nil
		default:
		}
		request := fmt.Sprintf("drill-%d-%d", w, i)
		number, attempts, err := createUntilDone(ctx, s, b, request)
		if err != nil {
			return err
		}
		b.mu.Lock()
		b.created[request] = number
		if attempts > 1 {
			b.uncertain[request] = true
		}
		b.mu.Unlock()
		b.acks.Add(1)
		if i%3 == 2 {
			again, _, err := createUntilDone(ctx, s, b, request)
			if err != nil {
				return err
			}
			if again != number {
				return fmt.Errorf("request %s replayed: entry %s, first %s", request, again, number)
			}
		}
	}
}

// drillSubject is the subject of the entry request creates: the checks
// find each request's entries by it.
func drillSubject(request string) string { return "Άσκηση failover " + request }

// createUntilDone creates the entry of request, retrying a failed
// attempt with the same request id for up to drillRetryFor, and returns
// its number and how many attempts it took.
func createUntilDone(ctx context.Context, s *storage.Store, b *books, request string) (proxenos.ProtocolNumber, int, error) {
	deadline := time.Now().Add(drillRetryFor)
	for attempt := 1; ; attempt++ {
		c := storagetest.Entry(storagetest.Day(2026, 11, 26), drillSubject(request))
		err := s.Correspondence.CreateCorrespondence(proxenos.NewContextWithRequest(ctx, request), c)
		if err == nil {
			return c.Protocol, attempt, nil
		}
		b.failed(err)
		if time.Now().After(deadline) {
			return proxenos.ProtocolNumber{}, attempt, fmt.Errorf("request %s: still failing after %v: %w", request, drillRetryFor, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// drillHolder is the sender that claims the drill's deliveries.
const drillHolder = "drill-sender"

// drillSender claims, "posts" and finishes one reminder delivery after
// another until stop, as the reminder engine does: a claim that fails is
// retried (a conflict on its own claim means an earlier attempt took
// it), the post happens once, after the claim is held, and a finish that
// fails is retried without posting again.
func drillSender(ctx context.Context, s *storage.Store, b *books, stop <-chan struct{}) error {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return nil
		default:
		}
		now := time.Now()
		d := &proxenos.Delivery{Key: fmt.Sprintf("drill/%d", i), Attempt: 1, Destination: proxenos.DestinationChannel,
			State: proxenos.DeliveryPending, Holder: drillHolder, ClaimedAt: now, LeaseUntil: now.Add(10 * time.Minute),
			Reminder: proxenos.Reminder{Kind: proxenos.ReminderCallDeadline, ItemID: "drill", Offset: "7d", Occurrence: now, At: now,
				Title: "Άσκηση failover"}}
		if err := untilDone(b, func() error { return claimOwn(ctx, s, d) }); err != nil {
			return fmt.Errorf("claim %s: %w", d.Key, err)
		}
		b.mu.Lock()
		b.posts[d.Key]++
		b.mu.Unlock()
		d.State, d.SentAt, d.Channel, d.TS = proxenos.DeliverySent, time.Now(), "C0OFFICE", fmt.Sprintf("%d.000100", now.Unix())
		if err := untilDone(b, func() error { return s.Reminders.FinishDelivery(ctx, d) }); err != nil {
			return fmt.Errorf("finish %s: %w", d.Key, err)
		}
	}
}

// claimOwn claims d; a conflict is success when the claim found is this
// sender's own (an earlier attempt's reply was lost).
func claimOwn(ctx context.Context, s *storage.Store, d *proxenos.Delivery) error {
	err := s.Reminders.ClaimDelivery(ctx, d)
	if proxenos.ErrorCode(err) != proxenos.ECONFLICT {
		return err
	}
	found, ferr := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: []string{d.Key}})
	if ferr != nil {
		return ferr
	}
	for _, f := range found {
		if f.Attempt == d.Attempt && f.Holder == drillHolder {
			return nil
		}
	}
	return errors.Join(errPermanent, err)
}

// errPermanent marks an error untilDone does not retry.
var errPermanent = errors.New("not to be retried")

// untilDone runs op until it succeeds, for up to drillRetryFor.
func untilDone(b *books, op func() error) error {
	deadline := time.Now().Add(drillRetryFor)
	for {
		err := op()
		if err == nil {
			return nil
		}
		b.failed(err)
		if errors.Is(err, errPermanent) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkEntries fails t unless every request's entry is stored once,
// under the number its writer was given, and no other entry is stored.
// Gaps in the numbering are logged: an insert the old primary took but
// never replicated is rolled back, and its number may stay unused.
func checkEntries(t *testing.T, ctx context.Context, s *storage.Store, b *books) {
	t.Helper()
	stored := map[string][]proxenos.ProtocolNumber{}
	var numbers []int
	err := s.Registers.Find("correspondence").Each(ctx, func(r any) error {
		c := r.(*proxenos.Correspondence)
		stored[c.Subject] = append(stored[c.Subject], c.Protocol)
		numbers = append(numbers, c.Protocol.Number)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, request := range slices.Sorted(maps.Keys(b.created)) {
		want := b.created[request]
		got := stored[drillSubject(request)]
		delete(stored, drillSubject(request))
		if len(got) != 1 || got[0] != want {
			t.Errorf("request %s (uncertain: %v): stored as %v, want once as %s", request, b.uncertain[request], got, want)
		}
	}
	for subject, ps := range stored {
		if strings.HasPrefix(subject, drillSubject("")) {
			t.Errorf("%q stored as %v: created by a request whose writer was not told of it", subject, ps)
		}
	}
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != i+1 {
			t.Logf("numbering gap: number %d follows %d", n, numbers[max(i-1, 0)])
			break
		}
	}
}

// checkDeliveries fails t unless every delivery was posted once and is
// stored once, as sent, by the drill's sender.
func checkDeliveries(t *testing.T, ctx context.Context, s *storage.Store, b *books) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(b.posts))
	found, err := s.Reminders.FindDeliveries(ctx, proxenos.DeliveryFilter{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for _, d := range found {
		stored[d.Key]++
		if d.Attempt != 1 || d.State != proxenos.DeliverySent || d.Holder != drillHolder {
			t.Errorf("delivery %s: attempt %d %s by %s, want attempt 1 sent by %s", d.Key, d.Attempt, d.State, d.Holder, drillHolder)
		}
	}
	for _, key := range keys {
		if b.posts[key] != 1 || stored[key] != 1 {
			t.Errorf("delivery %s: posted %d times, stored %d times; want once", key, b.posts[key], stored[key])
		}
	}
}

// adminClient connects to the test server with the driver's defaults,
// for commands on the admin database; closed when t ends.
func adminClient(t *testing.T) *driver.Client {
	t.Helper()
	client, err := driver.Connect(options.Client().ApplyURI(serverURI))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client
}

// replicaSet returns the members and the primary the server's hello
// names; no members when it is no replica set.
func replicaSet(t *testing.T, admin *driver.Client) (hosts []string, primary string) {
	t.Helper()
	var hello struct {
		Hosts   []string `bson:"hosts"`
		Primary string   `bson:"primary"`
	}
	if err := admin.Database("admin").RunCommand(context.Background(), bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		t.Fatal(err)
	}
	return hello.Hosts, hello.Primary
}

// stepDown makes the primary step down: for 30 s, once a secondary has
// caught up; on a one-member set forced, for 10 s, after which it elects
// itself again. The primary may close the connection as it steps down.
func stepDown(t *testing.T, admin *driver.Client) {
	t.Helper()
	hosts, before := replicaSet(t, admin)
	cmd := bson.D{{Key: "replSetStepDown", Value: 30}, {Key: "secondaryCatchUpPeriodSecs", Value: 10}}
	if len(hosts) == 1 {
		cmd = bson.D{{Key: "replSetStepDown", Value: 10}, {Key: "secondaryCatchUpPeriodSecs", Value: 5}, {Key: "force", Value: true}}
	}
	err := admin.Database("admin").RunCommand(context.Background(), cmd).Err()
	if err != nil && !driver.IsNetworkError(err) {
		t.Fatalf("replSetStepDown on %s: %v", before, err)
	}
	t.Logf("primary %s stepped down (%d members)", before, len(hosts))
}
