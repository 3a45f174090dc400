// Package storage opens the store Proxenos keeps its records in, chosen by
// URL: the embedded SQLite file (storage/sqlite) or MongoDB
// (storage/mongo). Both implement the same services and give the same
// answers; storage/storagetest holds the suite that proves it.
package storage

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// Store bundles the services of one backend, chosen by URL.
type Store struct {
	Correspondence proxenos.CorrespondenceService
	Partners       proxenos.PartnerService
	Glossary       proxenos.GlossaryService
	Usage          proxenos.UsageService
	Reminders      proxenos.ReminderService
	Calls          proxenos.CallService
	Agreements     proxenos.AgreementService
	Preferences    proxenos.PreferenceService
	Settings       proxenos.SettingsService // each workspace's own, set with /ir setup in distribution mode
	CalendarFeeds  proxenos.CalendarService
	Receipts       proxenos.ReceiptService // requests received, shared by replicas; not exported
	Intake         proxenos.IntakeService  // requests acknowledged until answered; not exported
	Registers      Registers               // every record, for export, import and migrate

	// Installations are the workspaces of distribution mode, kept as
	// given: wrap them in a secret.Installations so that their tokens
	// are sealed. Never exported (the tokens are the provider's).
	Installations proxenos.InstallationService

	// Backend is the database the services share; Close and Ping act on it.
	Backend Backend

	// ReadyGrace is how long after its last success Ping still reports a
	// store that does not answer as ready: MongoDB's server selection
	// timeout, for the driver rides out an election that short (requests
	// wait for the new primary), and a replica taken out of service for it
	// would only move the load. 0 (SQLite) reports every failure.
	ReadyGrace time.Duration

	probe writeProbe
}

// Backend is an open database: *sqlite.DB or *mongo.DB.
type Backend interface {
	Close() error
	Ping(ctx context.Context) error

	// DeleteWorkspace deletes every record of team and its installation.
	DeleteWorkspace(ctx context.Context, team string) error
}

// DeleteWorkspace deletes every record of team, in every register and
// in the transient tables, and its installation: `proxenos workspace
// delete`, after the office's export.
func (s *Store) DeleteWorkspace(ctx context.Context, team string) error {
	if team == "" {
		return proxenos.Errorf(proxenos.EINVALID, "installation.required.team")
	}
	return s.Backend.DeleteWorkspace(ctx, team)
}

// Close closes the backend.
func (s *Store) Close() error {
	return s.Backend.Close()
}

// Ping checks that the backend answers and can still write: a full disk
// or a read-only database answers reads, yet every command that logs
// something fails. EUNAVAILABLE if not. The write is a receipt of its
// own, and is tried at most once per WriteProbeEvery; Pings in between
// get its outcome, so that readiness probes of every replica cost the
// store little.
func (s *Store) Ping(ctx context.Context) error {
	now := time.Now()
	return s.probe.settle(now, s.ping(ctx, now), s.ReadyGrace)
}

// ping checks the backend and the write probe.
func (s *Store) ping(ctx context.Context, now time.Time) error {
	if err := s.Backend.Ping(ctx); err != nil {
		return err
	}
	return s.probe.check(now, func() error {
		// A ttl shorter than the period: each probe finds the receipt
		// expired and writes it again, rather than finding it held.
		if _, err := s.Receipts.Receive(ctx, writeProbeKey, time.Millisecond); err != nil {
			return &writeFailed{err: err}
		}
		return nil
	})
}

// writeFailed is the EUNAVAILABLE error of a failed write probe, whatever
// the backend called it (FerretDB reports a full disk as an internal
// error); it keeps the backend's error for logs.
type writeFailed struct{ err error }

func (e *writeFailed) Error() string { return "storage: write probe: " + e.err.Error() }
func (e *writeFailed) Unwrap() []error {
	return []error{proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable"), e.err}
}

// WriteProbeEvery is how long Ping trusts the outcome of its last write.
const WriteProbeEvery = 5 * time.Second

// writeProbeKey names Ping's receipt; no request from Slack has it.
const writeProbeKey = "health/write-probe"

// writeProbe remembers the outcome of the last write Ping tried, and when
// Ping last succeeded.
type writeProbe struct {
	mu  sync.Mutex
	at  time.Time
	err error
	ok  time.Time
}

// settle returns err, or nil for an EUNAVAILABLE err within grace of the
// last success; a success is remembered.
func (p *writeProbe) settle(now time.Time, err error, grace time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case err == nil:
		p.ok = now
	case proxenos.ErrorCode(err) == proxenos.EUNAVAILABLE && !p.ok.IsZero() && now.Sub(p.ok) < grace:
		return nil
	}
	return err
}

// check returns the outcome of write, running it unless it ran less than
// WriteProbeEvery before now.
func (p *writeProbe) check(now time.Time, write func() error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.at.IsZero() && now.Sub(p.at) >= 0 && now.Sub(p.at) < WriteProbeEvery {
		return p.err
	}
	p.at, p.err = now, write()
	return p.err
}

// Open opens the store at url: "sqlite:./data/proxenos.db" (the path may
// also be written sqlite://./data/proxenos.db), "mongodb://…" or
// "mongodb+srv://…". Any other URL is EINVALID, naming
// PROXENOS_STORAGE_URL with an example.
func Open(ctx context.Context, url string) (*Store, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//")
		if path == "" {
			return nil, proxenos.Errorf(proxenos.EINVALID, "storage.sqlite.path_required")
		}
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return NewSQLiteStore(db), nil
	case strings.HasPrefix(url, "mongodb://"), strings.HasPrefix(url, "mongodb+srv://"):
		db, err := mongo.Open(ctx, url)
		if err != nil {
			return nil, err
		}
		return NewMongoStore(db), nil
	}
	return nil, proxenos.Errorf(proxenos.EINVALID, "storage.url.invalid", redact(url))
}

// NewSQLiteStore returns the services of an open SQLite database.
func NewSQLiteStore(db *sqlite.DB) *Store {
	return &Store{
		Correspondence: sqlite.NewCorrespondenceService(db),
		Partners:       sqlite.NewPartnerService(db),
		Glossary:       sqlite.NewGlossaryService(db),
		Usage:          sqlite.NewUsageService(db),
		Reminders:      sqlite.NewReminderService(db),
		Calls:          sqlite.NewCallService(db),
		Agreements:     sqlite.NewAgreementService(db),
		Preferences:    sqlite.NewPreferenceService(db),
		Settings:       sqlite.NewSettingsService(db),
		CalendarFeeds:  sqlite.NewCalendarService(db),
		Receipts:       sqlite.NewReceiptService(db),
		Intake:         sqlite.NewIntakeService(db),
		Registers:      mustInOrder(sqlite.Registers(db)),
		Installations:  sqlite.NewInstallationService(db),
		Backend:        db,
	}
}

// NewMongoStore returns the services of an open MongoDB database.
func NewMongoStore(db *mongo.DB) *Store {
	return &Store{
		Correspondence: mongo.NewCorrespondenceService(db),
		Partners:       mongo.NewPartnerService(db),
		Glossary:       mongo.NewGlossaryService(db),
		Usage:          mongo.NewUsageService(db),
		Reminders:      mongo.NewReminderService(db),
		Calls:          mongo.NewCallService(db),
		Agreements:     mongo.NewAgreementService(db),
		Preferences:    mongo.NewPreferenceService(db),
		Settings:       mongo.NewSettingsService(db),
		CalendarFeeds:  mongo.NewCalendarService(db),
		Receipts:       mongo.NewReceiptService(db),
		Intake:         mongo.NewIntakeService(db),
		Registers:      mustInOrder(mongo.Registers(db)),
		Installations:  mongo.NewInstallationService(db),
		Backend:        db,
		ReadyGrace:     db.SelectionTimeout(),
	}
}

// redact hides a password in a URL ("user:secret@host" → "user:***@host"),
// so that the error can be shown and logged.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	if at < 0 {
		return url
	}
	start := strings.Index(url, "://") + 3
	if start < 3 || start > at {
		start = 0
	}
	if colon := strings.Index(url[start:at], ":"); colon >= 0 {
		return url[:start+colon+1] + "***" + url[at:]
	}
	return url
}
