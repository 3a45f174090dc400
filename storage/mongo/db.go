// Package mongo stores the records of Proxenos in MongoDB
// (go.mongodb.org/mongo-driver/v2). It keeps to what FerretDB v1 also does
// right, so that its tests can run on an embedded FerretDB: no counters,
// no transactions, no update-caused unique violations left untranslated,
// and no text indexes (search uses the normalized words kept in each
// document, and prefix ranges of their index).
package mongo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/proxenos/proxenos"
)

// DefaultDatabase is the database used when the URI names none.
const DefaultDatabase = "proxenos"

// Collection names.
const (
	correspondenceColl = "correspondence"
	partnersColl       = "partners"
	contactsColl       = "contacts"
	glossaryColl       = "glossary"
	usageColl          = "usage"
	deliveriesColl     = "reminder_deliveries"
	marksColl          = "reminder_marks"
	leasesColl         = "leases"
)

// DefaultServerSelectionTimeout bounds how long an operation waits for a
// primary when the URI sets no serverSelectionTimeoutMS. It outlasts an
// election (10–12 s), so that an operation begun during a failover, and
// the driver's one retry of a write, reach the new primary instead of
// failing. Where Slack waits for an answer the caller's context is
// shorter (the bot's IntakeTimeout, ReceiptTimeout, SubmissionTimeout),
// and the shorter of the two applies.
const DefaultServerSelectionTimeout = 20 * time.Second

// MaxServerSelectionTimeout is the longest serverSelectionTimeoutMS a URI
// may set: a command waits no longer than this for a primary.
const MaxServerSelectionTimeout = 2 * time.Minute

// DB is a connection to one MongoDB database.
type DB struct {
	client *mongo.Client
	db     *mongo.Database

	// Now tells the time for CreatedAt, UpdatedAt and the edit history.
	Now func() time.Time

	// ferretDB is set when the server is FerretDB (the test server),
	// which loses concurrent updates of a document and answers a unique
	// violation by update with InternalError: writers that MongoDB keeps
	// apart by a conditional update take a lock there, and a refused
	// rename counts as a taken name. Open finds it out once.
	ferretDB bool

	// selection is how long an operation waits for a primary.
	selection time.Duration
}

// SelectionTimeout returns how long an operation waits for a primary: a
// replica set election shorter than that is ridden out.
func (db *DB) SelectionTimeout() time.Duration { return db.selection }

// Open connects to the MongoDB at uri, checks that it answers and creates
// the indexes (idempotently). The database is the URI's path, "proxenos"
// when empty. EUNAVAILABLE when the server does not answer, EINVALID for
// a malformed URI or a serverSelectionTimeoutMS out of range.
func Open(ctx context.Context, uri string) (*DB, error) {
	opts, name, err := clientOptions(uri)
	if err != nil {
		return nil, err
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, proxenos.Errorf(proxenos.EINVALID, "storage.url.invalid", redact(uri))
	}
	db := &DB{client: client, db: client.Database(name), Now: time.Now, selection: *opts.ServerSelectionTimeout}
	if err := client.Ping(ctx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, &unavailable{
			perr: proxenos.Errorf(proxenos.EUNAVAILABLE, "storage.mongo.unreachable", redact(uri)),
			err:  fmt.Errorf("mongo: ping %s: %w", redact(uri), err),
		}
	}
	if err := db.prepare(ctx); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	return db, nil
}

// clientOptions returns the driver's options for uri and the database it
// names. The URI's serverSelectionTimeoutMS is kept when it is above 0 (0
// would wait for a primary for ever) and at most
// MaxServerSelectionTimeout; out of that range it is EINVALID.
func clientOptions(uri string) (*options.ClientOptions, string, error) {
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return nil, "", proxenos.Errorf(proxenos.EINVALID, "storage.url.invalid", redact(uri))
	}
	name := cmp.Or(cs.Database, DefaultDatabase)
	opts := options.Client().ApplyURI(uri)
	selection := DefaultServerSelectionTimeout
	if cs.ServerSelectionTimeoutSet {
		selection = cs.ServerSelectionTimeout
		if selection <= 0 || selection > MaxServerSelectionTimeout {
			return nil, "", proxenos.Errorf(proxenos.EINVALID, "storage.mongo.selection_timeout",
				selection.Milliseconds(), MaxServerSelectionTimeout.Milliseconds())
		}
	}
	return opts.SetServerSelectionTimeout(selection), name, nil
}

// prepare finds out whether the server is FerretDB, creates the indexes
// and fills in what earlier versions did not keep.
func (db *DB) prepare(ctx context.Context) error {
	var err error
	if db.ferretDB, err = isFerretDB(ctx, db.db); err != nil {
		return err
	}
	// Before createIndexes, which would drop one of the indexes that mark
	// documents still holding prefixes.
	if err := db.dropSearchPrefixes(ctx); err != nil {
		return err
	}
	if err := db.createIndexes(ctx); err != nil {
		return err
	}
	if err := db.backfillRegistered(ctx); err != nil {
		return err
	}
	if err := db.backfillReminderDates(ctx); err != nil {
		return err
	}
	if err := db.backfillCodes(ctx); err != nil {
		return err
	}
	// After the codes: stems are made from the values as they now stand.
	return db.backfillStems(ctx)
}

// isFerretDB reports whether the server is FerretDB, which names its
// version in buildInfo's ferretdbVersion.
func isFerretDB(ctx context.Context, db *mongo.Database) (bool, error) {
	var info struct {
		FerretDB string `bson:"ferretdbVersion"`
	}
	if err := db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return false, translate(err, "build info")
	}
	return info.FerretDB != "", nil
}

// Close disconnects from the server.
func (db *DB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return db.client.Disconnect(ctx)
}

// Ping checks that the server answers. EUNAVAILABLE if not.
func (db *DB) Ping(ctx context.Context) error {
	return translate(db.client.Ping(ctx, readpref.Primary()), "ping")
}

// indexes lists each collection's indexes. Every query of this package
// starts with team and is served by one of them; lookups by number and
// by id use _id.
var indexes = map[string][]mongo.IndexModel{
	// Correspondence: each filter and each whole search word is an
	// equality on one index that goes on in list order, so a page is read
	// off the index without sorting the matches; a prefix is a range of
	// the words index, whose few matches are sorted.
	correspondenceColl: {
		{Keys: listOrder(bson.E{})},
		{Keys: listOrder(bson.E{Key: "direction", Value: 1})},
		{Keys: listOrder(bson.E{Key: "partnerid", Value: 1})},
		{Keys: listOrder(bson.E{Key: "countryKey", Value: 1})},
		{Keys: listOrder(bson.E{Key: "tagKeys", Value: 1})},
		{Keys: listOrder(bson.E{Key: "words", Value: 1})},
		// The export's order.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "protocol.year", Value: 1}, {Key: "protocol.number", Value: 1}}},
		// The messages and e-mails entries were logged from.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "sources", Value: 1}}},
	},
	// Lists end their order with _id, and so do the indexes that give it
	// (TestQueriesUseIndexes checks each list against these).
	partnersColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "nameKey", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "countryKey", Value: 1}, {Key: "nameKey", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "kind", Value: 1}, {Key: "nameKey", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "relationship", Value: 1}, {Key: "nameKey", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "words", Value: 1}, {Key: "nameKey", Value: 1}, {Key: "_id", Value: 1}}},
		// The Home's recent contacts: the latest last contacts first.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "lastcontact", Value: -1}, {Key: "nameKey", Value: 1}}},
	},
	contactsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "partnerid", Value: 1}, {Key: "date", Value: -1}, {Key: "_id", Value: -1}}},
		// The report's contacts of a period.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "date", Value: 1}, {Key: "_id", Value: 1}}},
	},
	glossaryColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "createdat", Value: 1}, {Key: "_id", Value: 1}}},
	},
	usageColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "at", Value: 1}}},
	},
	// Attempts are unique by _id (team/key#attempt); these serve lookups.
	deliveriesColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "key", Value: 1}, {Key: "attempt", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "state", Value: 1}, {Key: "claimedAt", Value: 1}}},
	},
	marksColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "itemKey", Value: 1}, {Key: "mark.at", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "mark.at", Value: 1}, {Key: "_id", Value: 1}}},
	},
	leasesColl: {
		{Keys: bson.D{{Key: "name", Value: 1}, {Key: "term", Value: -1}}},
	},
	// Calls: a topic once per workspace; lists narrow by status and
	// deadline span. Agreements and obligations are listed in the order
	// of these keys. Claims on obligations are unique by _id.
	callsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "identifierKey", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "status", Value: 1}, {Key: "lastDeadline", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "lastDeadline", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "owner", Value: 1}, {Key: "lastDeadline", Value: 1}}},
	},
	agreementsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "endSort", Value: 1}, {Key: "titleKey", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "status", Value: 1}, {Key: "endSort", Value: 1}, {Key: "titleKey", Value: 1}, {Key: "_id", Value: 1}}},
		// The reminder engine's agreements: an earliest reminder date before
		// the end of its window.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "status", Value: 1}, {Key: "remindAt", Value: 1}}},
	},
	obligationsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "due", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "status", Value: 1}, {Key: "due", Value: 1}, {Key: "_id", Value: 1}}},
		// The reminder engine's obligations due far ahead with long lead
		// times (multikey: one entry per lead time).
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "status", Value: 1}, {Key: "leaddays", Value: 1}, {Key: "due", Value: 1}}},
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "agreementid", Value: 1}, {Key: "due", Value: 1}, {Key: "_id", Value: 1}}},
		// The home tab's "mine": a user's open obligations due soon.
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "owner", Value: 1}, {Key: "status", Value: 1}, {Key: "due", Value: 1}, {Key: "_id", Value: 1}}},
	},
	// Calendar feeds are found by _id (the token hash) and revoked per user.
	calendarFeedsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "user", Value: 1}, {Key: "revoked", Value: 1}}},
	},
	// Intake: Claim reads the records received in the last half hour in
	// order, the sweep the old ones; Renew looks for a holder's.
	intakeColl: {
		{Keys: bson.D{{Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}}},
		{Keys: bson.D{{Key: "holder", Value: 1}, {Key: "state", Value: 1}}},
	},
	intakeClaimsColl: {
		{Keys: bson.D{{Key: "at", Value: 1}}},
	},
	// One installation per workspace.
	installationsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}}, Options: options.Index().SetUnique(true)},
	},
	// One settings document per workspace (_id is its team): export lists
	// and reads them by team, and a workspace's delete finds its own.
	settingsColl: {
		{Keys: bson.D{{Key: "team", Value: 1}, {Key: "_id", Value: 1}}},
	},
}

// supersededIndexes are indexes of earlier versions that another one now
// serves (a longer one, or for partners' names the unique one); Open drops
// them where they exist.
var supersededIndexes = map[string][]string{
	// The register's list indexes went by the document's date (issue 16).
	correspondenceColl: {
		"team_1_date_-1_protocol.year_-1_protocol.number_-1",
		"team_1_direction_1_date_-1_protocol.year_-1_protocol.number_-1",
		"team_1_partnerid_1_date_-1_protocol.year_-1_protocol.number_-1",
		"team_1_countryKey_1_date_-1_protocol.year_-1_protocol.number_-1",
		"team_1_tagKeys_1_date_-1_protocol.year_-1_protocol.number_-1",
		"team_1_words_1_date_-1_protocol.year_-1_protocol.number_-1",
	},
	partnersColl:    {"team_1_countryKey_1_nameKey_1", "team_1_words_1", "team_1_nameKey_1__id_1"},
	contactsColl:    {"team_1_partnerid_1_date_-1"},
	glossaryColl:    {"team_1_createdat_1"},
	marksColl:       {"team_1_itemKey_1"},
	agreementsColl:  {"team_1_endSort_1_titleKey_1", "team_1_status_1_endSort_1"},
	obligationsColl: {"team_1_status_1_due_1", "team_1_agreementid_1_due_1"},
}

// listOrder returns index keys for team, then key when set, then the
// order entries are listed in, the protocol book's: the latest
// registration day first, then protocol number.
func listOrder(key bson.E) bson.D {
	keys := bson.D{{Key: "team", Value: 1}}
	if key.Key != "" {
		keys = append(keys, key)
	}
	return append(keys, bson.E{Key: registeredField, Value: -1}, bson.E{Key: "protocol.year", Value: -1}, bson.E{Key: "protocol.number", Value: -1})
}

// createIndexes creates the indexes that do not exist yet, then drops the
// superseded ones: a query is never left without its index, and two
// replicas starting together may both drop one (IndexNotFound for the
// second is no error). It lists them first rather than re-creating them:
// FerretDB drops the connection when asked to create an index that
// exists. A build waits for a majority of the replica set, not every
// voting member: one member down must not stop Open.
func (db *DB) createIndexes(ctx context.Context) error {
	for coll, models := range indexes {
		view := db.db.Collection(coll).Indexes()
		specs, err := view.ListSpecifications(ctx)
		if err != nil {
			return translate(err, "list indexes", coll)
		}
		have := map[string]bool{}
		for _, s := range specs {
			have[s.Name] = true
		}
		var missing []mongo.IndexModel
		for _, m := range models {
			if !have[indexName(m.Keys.(bson.D))] {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			if _, err := view.CreateMany(ctx, missing, options.CreateIndexes().SetCommitQuorumMajority()); err != nil {
				return translate(err, "create indexes", coll)
			}
		}
		if slices.Contains(requestColls, coll) && !have[indexName(requestKeys)] {
			if err := createRequestIndex(ctx, view); err != nil {
				return translate(err, "create indexes", coll)
			}
		}
		for _, name := range supersededIndexes[coll] {
			if have[name] {
				if err := view.DropOne(ctx, name); err != nil && !isIndexNotFound(err) {
					return translate(err, "drop index", coll, name)
				}
			}
		}
	}
	return db.createReceiptIndexes(ctx)
}

// errIndexNotFound is the server's code for dropping an index that is not
// there (another replica dropped it first).
const errIndexNotFound = 27

// isIndexNotFound reports whether err says the index to drop is gone.
func isIndexNotFound(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorCode(errIndexNotFound)
}

// indexName returns the name MongoDB gives an index by default:
// "team_1_date_-1".
func indexName(keys bson.D) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('_')
		}
		fmt.Fprintf(&b, "%s_%v", k.Key, k.Value)
	}
	return b.String()
}

// translate turns a driver error into the error users see: a duplicate
// key is ECONFLICT; a server that was not reached or refused the command
// (no primary, not the primary, shutting down) EUNAVAILABLE, nothing
// done; a command whose outcome is unknown (the connection dropped, the
// primary stepped down under it, a write not confirmed by the majority)
// EUNAVAILABLE that asks the user to check before entering it again. The
// rest is wrapped with what was being done (EINTERNAL). ErrNoDocuments is
// left to the caller, who knows what was not found.
func translate(err error, doing string, args ...any) error {
	if err == nil {
		return nil
	}
	var perr *proxenos.Error
	key := ""
	switch {
	case errors.As(err, &perr):
		return err
	case mongo.IsDuplicateKeyError(err):
		return proxenos.Errorf(proxenos.ECONFLICT, "storage.conflict")
	case refused(err):
		key = "error.unavailable"
	case unconfirmed(err):
		key = "error.unavailable_unconfirmed"
	default:
		return fmt.Errorf("mongo: %s %v: %w", doing, args, err)
	}
	return &unavailable{
		perr: proxenos.Errorf(proxenos.EUNAVAILABLE, key),
		err:  fmt.Errorf("mongo: %s %v: %w", doing, args, err),
	}
}

// Server error codes of a replica set without a usable primary
// (src/mongo/base/error_codes.yml).
var (
	// refusedCodes: the server refused the command before doing it.
	refusedCodes = []int{
		91,    // ShutdownInProgress
		10058, // LegacyNotPrimary
		10107, // NotWritablePrimary
		13435, // NotPrimaryNoSecondaryOk
		13436, // NotPrimaryOrSecondary
	}
	// unconfirmedCodes: the command may have been done, or not.
	unconfirmedCodes = []int{
		6,     // HostUnreachable
		7,     // HostNotFound
		64,    // WriteConcernFailed
		89,    // NetworkTimeout
		189,   // PrimarySteppedDown
		262,   // ExceededTimeLimit
		9001,  // SocketException
		11600, // InterruptedAtShutdown
		11602, // InterruptedDueToReplStateChange
	}
)

// refused reports whether err says the command was not run: no server
// was selected, the client is closed, or the server was not the primary.
func refused(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &topology.ServerSelectionError{}) || errors.Is(err, mongo.ErrClientDisconnected) ||
		errors.As(err, &se) && slices.ContainsFunc(refusedCodes, se.HasErrorCode)
}

// unconfirmed reports whether err leaves the outcome of a command unknown:
// a network error or time-out after it was sent, a write the server
// labels retryable, a write concern error, or a code of unconfirmedCodes.
func unconfirmed(err error) bool {
	var (
		se  mongo.ServerError
		we  mongo.WriteException
		bwe mongo.BulkWriteException
		wce *mongo.WriteConcernError
	)
	switch {
	case mongo.IsNetworkError(err), mongo.IsTimeout(err), errors.As(err, &wce), errors.As(err, &mongo.WriteConcernError{}):
		return true
	case errors.As(err, &we) && we.WriteConcernError != nil, errors.As(err, &bwe) && bwe.WriteConcernError != nil:
		return true
	}
	return errors.As(err, &se) && (se.HasErrorLabel("RetryableWriteError") || slices.ContainsFunc(unconfirmedCodes, se.HasErrorCode))
}

// unavailable is an EUNAVAILABLE error that keeps the driver error for
// logs (errors.Unwrap) while users see the catalogue message.
type unavailable struct {
	perr *proxenos.Error
	err  error
}

func (e *unavailable) Error() string   { return e.err.Error() }
func (e *unavailable) Unwrap() []error { return []error{e.perr, e.err} }

// redact hides the password of a URI, for messages and logs.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "mongodb://…"
	}
	return u.Redacted()
}
