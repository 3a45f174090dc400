package mongo_test

import (
	"context"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/mongo"
)

// TestReceipts_TwoClients is two processes' worth of clients on one
// database, 50 requests each, claiming one key: exactly one wins. The
// second Open also shows that the receipts' index is created once.
func TestReceipts_TwoClients(t *testing.T) {
	a := MustOpenDB(t)
	u, _ := url.Parse(serverURI)
	u.Path = "/" + a.Name()
	b, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	var wg sync.WaitGroup
	var firsts, failures atomic.Int32
	for _, s := range []*mongo.ReceiptService{mongo.NewReceiptService(a), mongo.NewReceiptService(b)} {
		for range 50 {
			wg.Go(func() {
				first, err := s.Receive(ctx, "event/EvRace", time.Minute)
				switch {
				case err != nil:
					failures.Add(1)
				case first:
					firsts.Add(1)
				}
			})
		}
	}
	wg.Wait()
	if failures.Load() > 0 || firsts.Load() != 1 {
		t.Fatalf("%d claims won, %d failed; want 1 and 0", firsts.Load(), failures.Load())
	}

	// The expiry index exists: a TTL index where the server has them (on
	// FerretDB v1 a plain one, which the sweep uses).
	client, err := driver.Connect(options.Client().ApplyURI(serverURI))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	specs, err := client.Database(a.Name()).Collection("receipts").Indexes().ListSpecifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range specs {
		names = append(names, s.Name)
		if s.Name == "expires_1" && s.ExpireAfterSeconds != nil && *s.ExpireAfterSeconds != 0 {
			t.Errorf("expires_1 expires after %d s, want 0 (at the receipt's own time)", *s.ExpireAfterSeconds)
		}
	}
	if len(names) != 2 || names[1] != "expires_1" {
		t.Errorf("receipts' indexes: %v, want _id_ and expires_1", names)
	}
	var doc bson.M
	if err := client.Database(a.Name()).Collection("receipts").FindOne(context.Background(), bson.D{}).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc["_id"] != "TMAROUSSI/event/EvRace" || doc["team"] != "TMAROUSSI" {
		t.Errorf("stored %v, want _id TMAROUSSI/event/EvRace in team TMAROUSSI", doc)
	}
}

// BenchmarkReceive measures one claim of a new key, what a modal
// submission's acknowledgement pays with receipts on (here against the
// embedded FerretDB, or PROXENOS_TEST_MONGODB_URI).
func BenchmarkReceive(b *testing.B) {
	s := mongo.NewReceiptService(MustOpenDB(b))
	ctx := proxenos.NewContextWithTeam(context.Background(), "TMAROUSSI")
	for i := 0; b.Loop(); i++ {
		if first, err := s.Receive(ctx, "event/Ev"+strconv.Itoa(i), 15*time.Minute); err != nil || !first {
			b.Fatalf("Receive = %v, %v", first, err)
		}
	}
}
