package mongo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/proxenos/proxenos"
)

// TestTranslate maps driver errors, as the driver builds them during a
// failover, to what the user is told.
func TestTranslate(t *testing.T) {
	const (
		refusedKey     = "error.unavailable"
		unconfirmedKey = "error.unavailable_unconfirmed"
	)
	command := func(code int32, labels ...string) error {
		return mongo.CommandError{Code: code, Name: "Test", Message: "test", Labels: labels}
	}
	writeConcern := &mongo.WriteConcernError{Name: "WriteConcernFailed", Code: 64, Message: "waiting for replication timed out"}
	for _, tc := range []struct {
		name string
		err  error
		code string // "" for an internal error
		key  string
	}{
		{"DuplicateKey", mongo.WriteException{WriteErrors: mongo.WriteErrors{{Code: 11000, Message: "E11000 duplicate key"}}}, proxenos.ECONFLICT, "storage.conflict"},
		{"ServerSelection", topology.ServerSelectionError{Wrapped: context.DeadlineExceeded}, proxenos.EUNAVAILABLE, refusedKey},
		{"ClientDisconnected", fmt.Errorf("find: %w", mongo.ErrClientDisconnected), proxenos.EUNAVAILABLE, refusedKey},
		{"NotWritablePrimary", command(10107, "RetryableWriteError"), proxenos.EUNAVAILABLE, refusedKey},
		{"NotPrimaryNoSecondaryOk", command(13435), proxenos.EUNAVAILABLE, refusedKey},
		{"NotPrimaryOrSecondary", command(13436), proxenos.EUNAVAILABLE, refusedKey},
		{"LegacyNotPrimary", command(10058), proxenos.EUNAVAILABLE, refusedKey},
		{"ShutdownInProgress", command(91), proxenos.EUNAVAILABLE, refusedKey},
		{"NotWritablePrimaryOnWrite", mongo.WriteException{WriteErrors: mongo.WriteErrors{{Code: 10107, Message: "not primary"}}}, proxenos.EUNAVAILABLE, refusedKey},
		{"InterruptedDueToReplStateChange", command(11602), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"PrimarySteppedDown", command(189), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"InterruptedAtShutdown", command(11600), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"RetryableWriteErrorLabel", command(1234, "RetryableWriteError"), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"NetworkError", command(0, "NetworkError"), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"NetworkErrorWrapped", fmt.Errorf("insert: %w", mongo.CommandError{Labels: []string{"NetworkError"}, Wrapped: io.EOF}), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"SocketTimeout", &net.OpError{Op: "read", Err: timeoutErr{}}, proxenos.EUNAVAILABLE, unconfirmedKey},
		{"DeadlineExceeded", context.DeadlineExceeded, proxenos.EUNAVAILABLE, unconfirmedKey},
		{"WriteConcernOnWrite", mongo.WriteException{WriteConcernError: writeConcern}, proxenos.EUNAVAILABLE, unconfirmedKey},
		{"WriteConcernOnBulkWrite", mongo.BulkWriteException{WriteConcernError: writeConcern}, proxenos.EUNAVAILABLE, unconfirmedKey},
		{"WriteConcernError", fmt.Errorf("update: %w", writeConcern), proxenos.EUNAVAILABLE, unconfirmedKey},
		{"WriteConcernErrorValue", *writeConcern, proxenos.EUNAVAILABLE, unconfirmedKey},
		{"OtherServerError", command(2, "BadValue"), "", ""},
		{"OtherWriteError", mongo.WriteException{WriteErrors: mongo.WriteErrors{{Code: 121, Message: "document failed validation"}}}, "", ""},
		{"Plain", errors.New("boom"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := translate(tc.err, "test")
			if tc.code == "" {
				if code := proxenos.ErrorCode(got); code != proxenos.EINTERNAL {
					t.Fatalf("code %q (%v), want an internal error", code, got)
				}
				return
			}
			var perr *proxenos.Error
			if !errors.As(got, &perr) || perr.Code != tc.code || perr.Key != tc.key {
				t.Fatalf("translate(%v) = %v (%+v), want %s %s", tc.err, got, perr, tc.code, tc.key)
			}
			if tc.code == proxenos.EUNAVAILABLE && !strings.Contains(got.Error(), tc.err.Error()) {
				t.Fatalf("translate(%v) lost the driver error for the logs", tc.err)
			}
		})
	}
}

// timeoutErr is a network error that timed out.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// TestClientOptions checks the server selection timeout the client gets:
// longer than an election by default, the URI's within range, and a URI's
// out of range refused.
func TestClientOptions(t *testing.T) {
	for _, tc := range []struct {
		uri  string
		want time.Duration // 0: refused
	}{
		{"mongodb://db.example.org/proxenos", DefaultServerSelectionTimeout},
		{"mongodb://db.example.org/proxenos?serverSelectionTimeoutMS=300", 300 * time.Millisecond},
		{"mongodb://db.example.org/proxenos?serverSelectionTimeoutMS=120000", MaxServerSelectionTimeout},
		{"mongodb://db.example.org/proxenos?serverSelectionTimeoutMS=0", 0},
		{"mongodb://db.example.org/proxenos?serverSelectionTimeoutMS=120001", 0},
	} {
		opts, name, err := clientOptions(tc.uri)
		if tc.want == 0 {
			if proxenos.ErrorCode(err) != proxenos.EINVALID {
				t.Errorf("%s: %v, want EINVALID", tc.uri, err)
			}
			continue
		}
		if err != nil || name != "proxenos" || opts.ServerSelectionTimeout == nil || *opts.ServerSelectionTimeout != tc.want {
			t.Errorf("%s: timeout %v, database %q (%v), want %v", tc.uri, opts.ServerSelectionTimeout, name, err, tc.want)
		}
	}
	if DefaultServerSelectionTimeout < 15*time.Second || DefaultServerSelectionTimeout > 30*time.Second {
		t.Errorf("DefaultServerSelectionTimeout %v: an election takes 10–12 s", DefaultServerSelectionTimeout)
	}
}
