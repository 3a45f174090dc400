// Package sqlite is the embedded store of Proxenos: every service in one
// SQLite file (pure Go, modernc.org/sqlite), in WAL mode, so that several
// processes may share the file safely.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/proxenos/proxenos"
)

// busyTimeout is how long a write waits for another writer (of this or
// another process) before giving up with EUNAVAILABLE.
const busyTimeout = 10 * time.Second

// DB is an open SQLite database file.
type DB struct {
	db *sql.DB // reads, any number at once
	// w writes, over one connection: this process's writers queue for it
	// in order, instead of each polling the file's lock with the busy
	// handler's growing sleeps (up to 100 ms a try), which made the tail
	// of every write under load. Writers of other processes still meet
	// the busy timeout.
	w       *sql.DB
	writers turns // of write transactions on w, in order
	path    string

	// The write-ahead log is copied into the file by a goroutine of its
	// own (see checkpoints), never by a commit on w.
	commits    atomic.Int64  // write transactions committed
	checkpoint chan struct{} // a checkpoint is due
	stop, done chan struct{} // of the checkpointer
	stopping   sync.Once     // closes stop: Close may be called twice

	// Now tells the time for CreatedAt, UpdatedAt and the edit history.
	Now func() time.Time
}

// Open opens the database at path, creating the file and its directory if
// needed, and brings its schema up to date. A file written by a newer
// Proxenos is refused. EUNAVAILABLE when the file cannot be opened.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, proxenos.Errorf(proxenos.EINVALID, "storage.sqlite.path_required")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, proxenos.Errorf(proxenos.EUNAVAILABLE, "storage.sqlite.cannot_open", path, err.Error())
		}
	}
	// _txlock=immediate: every transaction takes the write lock when it
	// begins, so two writers never deadlock upgrading a read lock.
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	// Statement journals (an INSERT … SELECT of an entry's search terms
	// needs one) stay in memory rather than in a temporary file.
	q.Add("_pragma", "temp_store(memory)")
	file := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	sqldb, err := sql.Open("sqlite", file+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// The writer never checkpoints: SQLite's automatic checkpoint ran in
	// the commit that filled 1,000 pages of log, and the writers queued
	// behind it (and the acknowledgements waiting for the intake) waited
	// for its copying and syncing.
	q.Add("_pragma", "wal_autocheckpoint(0)")
	w, err := sql.Open("sqlite", file+q.Encode())
	if err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	db := &DB{db: sqldb, w: w, path: path, Now: time.Now,
		checkpoint: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go db.checkpoints()
	err = db.migrate(ctx)
	// First: the other backfills write entries keyed by their registration day.
	if err == nil {
		err = db.backfillRegistered(ctx)
	}
	if err == nil {
		err = db.backfillReminderDates(ctx)
	}
	if err == nil {
		err = db.backfillCodes(ctx)
	}
	// After the codes: stems are made from the values as they now stand.
	if err == nil {
		err = db.backfillStems(ctx)
	}
	// Last: the entries are indexed as they now stand.
	if err == nil {
		err = db.backfillSearch(ctx)
	}
	if err != nil {
		db.Close()
		if proxenos.ErrorCode(err) != proxenos.EINTERNAL {
			return nil, err
		}
		return nil, proxenos.Errorf(proxenos.EUNAVAILABLE, "storage.sqlite.cannot_open", path, err.Error())
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	db.stopping.Do(func() { close(db.stop) })
	<-db.done
	return errors.Join(db.w.Close(), db.db.Close())
}

// The checkpointer copies the log into the file after every
// checkpointEvery write transactions, and every checkpointIdle (the
// intake's small writes outside transactions are not counted).
const (
	checkpointEvery = 64
	checkpointIdle  = 30 * time.Second
)

// committed counts a write transaction committed on w, and tells the
// checkpointer when a checkpoint is due.
func (db *DB) committed() {
	if db.commits.Add(1)%checkpointEvery == 0 {
		select {
		case db.checkpoint <- struct{}{}:
		default: // one is due already
		}
	}
}

// checkpoints copies the write-ahead log into the database file when
// told to, or every checkpointIdle, until Close, over a reading
// connection. A passive checkpoint waits for no one: writers go on
// appending to the log meanwhile.
func (db *DB) checkpoints() {
	defer close(db.done)
	idle := time.NewTicker(checkpointIdle)
	defer idle.Stop()
	for {
		select {
		case <-db.stop:
			return
		case <-db.checkpoint:
		case <-idle.C:
		}
		// A failure leaves the log to the next checkpoint.
		_, _ = db.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// Ping checks that the file can still be read. EUNAVAILABLE if not.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations`).Scan(&n); err != nil {
		return translate(err, "ping")
	}
	return nil
}

// migrations are the schema versions, in order; version i+1 is
// migrations[i]. Never edit one that has shipped: append a new one.
var migrations = []string{
	`CREATE TABLE correspondence (
		id          INTEGER PRIMARY KEY,
		team        TEXT    NOT NULL,
		year        INTEGER NOT NULL,
		number      INTEGER NOT NULL,
		direction   TEXT    NOT NULL,
		date        INTEGER NOT NULL, -- unix seconds
		partner_id  TEXT    NOT NULL,
		country_key TEXT    NOT NULL,
		UNIQUE (team, year, number)
	);
	-- The whole entry as JSON, apart, so that the rows above stay small
	-- and sorting thousands of matches reads few pages.
	CREATE TABLE correspondence_docs (
		id  INTEGER PRIMARY KEY REFERENCES correspondence (id),
		doc TEXT NOT NULL
	);
	CREATE INDEX correspondence_date ON correspondence (team, date DESC, year DESC, number DESC);
	CREATE INDEX correspondence_partner ON correspondence (team, partner_id, date DESC, year DESC, number DESC);
	CREATE INDEX correspondence_country ON correspondence (team, country_key, date DESC, year DESC, number DESC);
	CREATE TABLE correspondence_tags (
		team     TEXT    NOT NULL,
		tag      TEXT    NOT NULL,
		entry_id INTEGER NOT NULL REFERENCES correspondence (id),
		PRIMARY KEY (team, tag, entry_id)
	) WITHOUT ROWID;
	CREATE TABLE correspondence_words (
		team     TEXT    NOT NULL,
		word     TEXT    NOT NULL,
		entry_id INTEGER NOT NULL REFERENCES correspondence (id),
		PRIMARY KEY (team, word, entry_id)
	) WITHOUT ROWID;
	CREATE TABLE partners (
		id           TEXT PRIMARY KEY,
		team         TEXT NOT NULL,
		name_key     TEXT NOT NULL,
		country_key  TEXT NOT NULL,
		kind         TEXT NOT NULL,
		relationship TEXT NOT NULL,
		last_contact INTEGER, -- unix milliseconds
		doc          TEXT NOT NULL,
		UNIQUE (team, name_key)
	);
	CREATE TABLE partner_words (
		team       TEXT NOT NULL,
		word       TEXT NOT NULL,
		partner_id TEXT NOT NULL REFERENCES partners (id),
		PRIMARY KEY (team, word, partner_id)
	) WITHOUT ROWID;
	CREATE TABLE contacts (
		seq        INTEGER PRIMARY KEY,
		id         TEXT    NOT NULL UNIQUE,
		team       TEXT    NOT NULL,
		partner_id TEXT    NOT NULL REFERENCES partners (id),
		date       INTEGER NOT NULL,
		doc        TEXT    NOT NULL
	);
	CREATE INDEX contacts_partner ON contacts (team, partner_id, date DESC, seq DESC);
	CREATE TABLE glossary (
		seq  INTEGER PRIMARY KEY,
		id   TEXT NOT NULL UNIQUE,
		team TEXT NOT NULL,
		doc  TEXT NOT NULL
	);
	CREATE INDEX glossary_team ON glossary (team, seq);
	CREATE TABLE usage (
		seq               INTEGER PRIMARY KEY,
		team              TEXT    NOT NULL,
		at                INTEGER NOT NULL, -- unix milliseconds
		user              TEXT    NOT NULL,
		model             TEXT    NOT NULL,
		characters        INTEGER NOT NULL,
		prompt_tokens     INTEGER NOT NULL,
		completion_tokens INTEGER NOT NULL,
		duration_ms       INTEGER NOT NULL
	);
	CREATE INDEX usage_team_at ON usage (team, at);`,
	// Reminders (scheduler/): each delivery attempt and each lease term is
	// a row claimed by INSERT on its primary key; marks are only appended.
	`CREATE TABLE reminder_deliveries (
		team       TEXT    NOT NULL,
		key        TEXT    NOT NULL,
		attempt    INTEGER NOT NULL,
		state      TEXT    NOT NULL,
		kind       TEXT    NOT NULL,
		holder     TEXT    NOT NULL,
		claimed_at INTEGER NOT NULL, -- unix milliseconds
		doc        TEXT    NOT NULL,
		PRIMARY KEY (team, key, attempt)
	) WITHOUT ROWID;
	CREATE INDEX reminder_deliveries_state ON reminder_deliveries (team, state, claimed_at);
	CREATE TABLE reminder_marks (
		seq      INTEGER PRIMARY KEY,
		team     TEXT NOT NULL,
		item_key TEXT NOT NULL,
		doc      TEXT NOT NULL
	);
	CREATE INDEX reminder_marks_item ON reminder_marks (team, item_key, seq);
	CREATE TABLE leases (
		name    TEXT    NOT NULL,
		term    INTEGER NOT NULL,
		holder  TEXT    NOT NULL,
		expires INTEGER NOT NULL, -- unix milliseconds
		PRIMARY KEY (name, term)
	) WITHOUT ROWID;`,
	// Calls and agreements (issue 4). Each record is its JSON doc plus
	// the columns it is filtered and ordered by; times in unix
	// milliseconds. A claim row per fulfilled occurrence of an
	// obligation lets only one completion of it through.
	`CREATE TABLE calls (
		id             TEXT    PRIMARY KEY,
		team           TEXT    NOT NULL,
		identifier_key TEXT    NOT NULL,
		status         TEXT    NOT NULL,
		owner          TEXT    NOT NULL,
		programme      TEXT    NOT NULL,
		first_deadline INTEGER NOT NULL,
		last_deadline  INTEGER NOT NULL,
		doc            TEXT    NOT NULL,
		UNIQUE (team, identifier_key)
	);
	CREATE INDEX calls_status ON calls (team, status, last_deadline);
	CREATE INDEX calls_deadline ON calls (team, last_deadline);
	CREATE TABLE agreements (
		id        TEXT PRIMARY KEY,
		team      TEXT NOT NULL,
		kind      TEXT NOT NULL,
		status    TEXT NOT NULL,
		end_at    INTEGER, -- NULL when open-ended
		title_key TEXT NOT NULL,
		doc       TEXT NOT NULL
	);
	CREATE INDEX agreements_end ON agreements (team, end_at, title_key, id);
	CREATE INDEX agreements_status ON agreements (team, status, end_at, title_key, id);
	CREATE TABLE obligations (
		id           TEXT    PRIMARY KEY,
		team         TEXT    NOT NULL,
		agreement_id TEXT    NOT NULL REFERENCES agreements (id),
		status       TEXT    NOT NULL,
		owner        TEXT    NOT NULL,
		due          INTEGER NOT NULL,
		doc          TEXT    NOT NULL
	);
	CREATE INDEX obligations_due ON obligations (team, status, due, id);
	CREATE INDEX obligations_agreement ON obligations (team, agreement_id, due, id);
	CREATE TABLE obligation_claims (
		obligation_id TEXT    NOT NULL REFERENCES obligations (id),
		due           INTEGER NOT NULL,
		team          TEXT    NOT NULL,
		PRIMARY KEY (obligation_id, due)
	) WITHOUT ROWID;`,
	// Users' preferences (issue 7): the language chosen with /ir lang.
	`CREATE TABLE preferences (
		team       TEXT    NOT NULL,
		user       TEXT    NOT NULL,
		lang       TEXT    NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (team, user)
	) WITHOUT ROWID;`,
	// Calendar feeds (issue 7): a feed is found by the SHA-256 of its
	// token, the primary key, and revoked by stamping revoked_at.
	`CREATE TABLE calendar_feeds (
		token_hash TEXT    PRIMARY KEY,
		team       TEXT    NOT NULL,
		user       TEXT    NOT NULL,
		mine_only  INTEGER NOT NULL,
		lang       TEXT    NOT NULL,
		created_at INTEGER NOT NULL, -- unix milliseconds
		revoked_at INTEGER           -- NULL while live
	) WITHOUT ROWID;
	CREATE INDEX calendar_feeds_user ON calendar_feeds (team, user, revoked_at);`,
	// Search and list in result order (issue: search at 100k). Every
	// term an entry is found by - whole words (kind 0), word prefixes of
	// up to 20 characters (kind 1), tag keys (kind 2) - is a row keyed
	// by the term and then the list order, so that a term's matches come
	// out of the index newest first and a page stops early. It replaces
	// correspondence_words and correspondence_tags. Entries are counted
	// per workspace and direction as they are written.
	`CREATE TABLE correspondence_terms (
		team   TEXT    NOT NULL,
		kind   INTEGER NOT NULL,
		term   TEXT    NOT NULL,
		date   INTEGER NOT NULL,
		year   INTEGER NOT NULL,
		number INTEGER NOT NULL,
		PRIMARY KEY (team, kind, term, date, year, number)
	) WITHOUT ROWID;
	INSERT INTO correspondence_terms (team, kind, term, date, year, number)
		SELECT w.team, 0, w.word, c.date, c.year, c.number
		FROM correspondence_words w JOIN correspondence c ON c.id = w.entry_id;
	INSERT OR IGNORE INTO correspondence_terms (team, kind, term, date, year, number)
		WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
		SELECT w.team, 1, substr(w.word, 1, n.i), c.date, c.year, c.number
		FROM correspondence_words w JOIN correspondence c ON c.id = w.entry_id JOIN n ON n.i <= length(w.word);
	INSERT OR IGNORE INTO correspondence_terms (team, kind, term, date, year, number)
		SELECT t.team, 2, t.tag, c.date, c.year, c.number
		FROM correspondence_tags t JOIN correspondence c ON c.id = t.entry_id;
	DROP TABLE correspondence_words;
	DROP TABLE correspondence_tags;
	CREATE TABLE correspondence_counts (
		team      TEXT    NOT NULL,
		direction TEXT    NOT NULL,
		n         INTEGER NOT NULL,
		PRIMARY KEY (team, direction)
	) WITHOUT ROWID;
	INSERT INTO correspondence_counts (team, direction, n)
		SELECT team, direction, COUNT(*) FROM correspondence GROUP BY team, direction;`,
	// Reminders at 100k open items: an obligation's longest lead time in
	// days (0 without its own), so that the reminder engine finds those
	// due far ahead that remind early without reading every document.
	`ALTER TABLE obligations ADD COLUMN lead_days INTEGER NOT NULL DEFAULT 0;
	UPDATE obligations SET lead_days = COALESCE((SELECT MAX(CAST(value AS INTEGER)) FROM json_each(doc, '$.LeadDays')), 0);
	CREATE INDEX obligations_lead ON obligations (team, status, lead_days, due, id);`,
	// Calls paged in SQL (reminder tick at 100k): the identifier and
	// every deadline in unix milliseconds (a JSON list), so that the
	// order by next deadline is computed from calls_order alone and a
	// page reads only its own documents.
	`ALTER TABLE calls ADD COLUMN identifier TEXT NOT NULL DEFAULT '';
	ALTER TABLE calls ADD COLUMN deadlines TEXT NOT NULL DEFAULT '[]';
	UPDATE calls SET identifier = doc ->> '$.Identifier', deadlines = (SELECT json_group_array(
		CAST(round(unixepoch(value ->> '$.At', 'subsec') * 1000) AS INTEGER)) FROM json_each(doc, '$.Deadlines'));
	CREATE INDEX calls_order ON calls (team, status, deadlines, last_deadline, identifier);`,
	// Agreements' reminder dates (reminder tick at 100k): the notice
	// deadline and the earlier of it and the end, in unix milliseconds,
	// so that the tick reads only agreements with one near its window.
	// DB.backfillReminderDates fills them in for existing rows.
	`ALTER TABLE agreements ADD COLUMN notice_at INTEGER;
	ALTER TABLE agreements ADD COLUMN remind_at INTEGER;
	CREATE INDEX agreements_remind ON agreements (team, status, remind_at, end_at, notice_at);`,
	// Request receipts (issue 8): Slack's retries and repeated
	// interactions are dropped across replicas by claiming (team, key);
	// expires is in unix milliseconds, and its index serves the sweep.
	`CREATE TABLE receipts (
		team    TEXT    NOT NULL,
		key     TEXT    NOT NULL,
		expires INTEGER NOT NULL,
		PRIMARY KEY (team, key)
	) WITHOUT ROWID;
	CREATE INDEX receipts_expires ON receipts (expires);`,
	// Request intake (issue 13): each request acknowledged to Slack is a
	// row until it is swept; times in unix milliseconds, claimed_at 0
	// when released. Claim reads the rows of the last half hour in
	// order of receipt, the sweep the oldest; Renew finds a holder's.
	`CREATE TABLE intake (
		id           TEXT    PRIMARY KEY,
		team         TEXT    NOT NULL,
		user         TEXT    NOT NULL,
		channel      TEXT    NOT NULL,
		kind         TEXT    NOT NULL,
		payload      BLOB    NOT NULL,
		response_url TEXT    NOT NULL,
		received_at  INTEGER NOT NULL,
		state        TEXT    NOT NULL,
		answer       BLOB,
		holder       TEXT    NOT NULL,
		claimed_at   INTEGER NOT NULL,
		attempts     INTEGER NOT NULL
	) WITHOUT ROWID;
	CREATE INDEX intake_received ON intake (received_at);
	CREATE INDEX intake_holder ON intake (holder, state);`,
	// Idempotent creation (issue 13): the id of the request that created
	// an entry, so that the request run again after a crash finds its
	// entry instead of taking another number; NULL for entries made
	// outside a request (imports, earlier versions).
	`ALTER TABLE correspondence ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX correspondence_request ON correspondence (team, request_id) WHERE request_id IS NOT NULL;`,
	// Idempotent creation of every other record (issue 20): a request
	// run again, after a crash or a lost answer, gets the record it made
	// (requestKeys); a person added to a partner is remembered by the
	// request that added them.
	`ALTER TABLE partners ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX partners_request ON partners (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE contacts ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX contacts_request ON contacts (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE calls ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX calls_request ON calls (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE agreements ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX agreements_request ON agreements (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE obligations ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX obligations_request ON obligations (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE glossary ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX glossary_request ON glossary (team, request_id) WHERE request_id IS NOT NULL;
	ALTER TABLE calendar_feeds ADD COLUMN request_id TEXT;
	CREATE UNIQUE INDEX calendar_feeds_request ON calendar_feeds (team, request_id) WHERE request_id IS NOT NULL;
	CREATE TABLE person_requests (
		team       TEXT NOT NULL,
		request_id TEXT NOT NULL,
		partner_id TEXT NOT NULL,
		PRIMARY KEY (team, request_id)
	) WITHOUT ROWID;`,
	// Countries and languages as ISO codes (issue 15): a row names a
	// rewrite of the records that Go code does after the migrations,
	// and that removes the row when done (DB.backfillCodes).
	`CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY) WITHOUT ROWID;
	INSERT OR IGNORE INTO backfills (name) VALUES ('codes');`,
	// Lists and reports at 100k (issue 17): the entries of one direction
	// in list order; the partners by last contact, latest first, for the
	// Home's recent contacts; the contacts by date, for the report.
	`CREATE INDEX correspondence_direction ON correspondence (team, direction, date DESC, year DESC, number DESC);
	CREATE INDEX partners_last_contact ON partners (team, last_contact DESC, name_key) WHERE last_contact IS NOT NULL;
	CREATE INDEX contacts_date ON contacts (team, date, seq);`,
	// Stems (issue 15): entries are found by the stem keys of their
	// words too (kind 3 of correspondence_terms), partners by stem keys
	// kept among their words. Stemming is Go's: the migration leaves a
	// mark, and DB.backfillStems gives the records already stored their
	// stems and removes it.
	`CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY) WITHOUT ROWID;
	INSERT OR IGNORE INTO backfills (name) VALUES ('stems');`,
	// Two dates (issue 16): the rows, the search terms and the order of
	// the register go by the day an entry was registered, no longer by
	// the document's date; DB.backfillRegistered gives the entries
	// already stored the day they were created and removes the mark.
	`CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY) WITHOUT ROWID;
	INSERT OR IGNORE INTO backfills (name) VALUES ('registered');`,
	// Logging from anywhere (issue 18): the Slack messages and e-mails
	// entries were logged from, so that none is logged twice.
	`CREATE TABLE IF NOT EXISTS correspondence_sources (
		team   TEXT    NOT NULL,
		source TEXT    NOT NULL,
		year   INTEGER NOT NULL,
		number INTEGER NOT NULL,
		PRIMARY KEY (team, source)
	) WITHOUT ROWID;`,
	// Installations by OAuth (issue 19): one row per workspace, the
	// installation as JSON with its tokens sealed (package secret). IF
	// NOT EXISTS: tests roll files back to earlier versions by their
	// migrations' rows, leaving later tables in place.
	`CREATE TABLE IF NOT EXISTS installations (
		team TEXT PRIMARY KEY,
		doc  TEXT NOT NULL
	) WITHOUT ROWID;`,
	// Cheap writes (issue 17): an entry's search terms are one row of an
	// FTS5 table (see search.go) instead of a row per word, prefix, stem
	// and tag; FTS5's prefix indexes serve prefixes. search_id is the
	// entry's rowid there, in list order; each workspace has a slot of
	// rowids. The terms come from Go: DB.backfillSearch indexes the
	// entries stored before and removes the mark.
	`DROP TABLE correspondence_terms;
	ALTER TABLE correspondence ADD COLUMN search_id INTEGER;
	CREATE UNIQUE INDEX correspondence_search_id ON correspondence (search_id);
	CREATE TABLE search_slots (
		team TEXT    PRIMARY KEY,
		slot INTEGER NOT NULL UNIQUE
	) WITHOUT ROWID;
	CREATE VIRTUAL TABLE correspondence_search USING fts5 (terms, content = '', contentless_delete = 1,
		detail = none, prefix = '2 3 4', tokenize = 'ascii');
	CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY) WITHOUT ROWID;
	INSERT OR IGNORE INTO backfills (name) VALUES ('search');`,
	// Intake at the cost of a small row (issue 17): a rowid table, found
	// by id through a small index, and answers apart. Before, each row
	// was a cell of a WITHOUT ROWID tree keyed by id: a saved answer
	// overflowed it, every lookup by id read the overflow of the rows it
	// passed, and closing a request rewrote its answer.
	`DROP INDEX intake_received;
	DROP INDEX intake_holder;
	ALTER TABLE intake RENAME TO intake_old;
	CREATE TABLE intake (
		seq          INTEGER PRIMARY KEY,
		id           TEXT    NOT NULL UNIQUE,
		team         TEXT    NOT NULL,
		user         TEXT    NOT NULL,
		channel      TEXT    NOT NULL,
		kind         TEXT    NOT NULL,
		response_url TEXT    NOT NULL,
		received_at  INTEGER NOT NULL,
		state        TEXT    NOT NULL,
		holder       TEXT    NOT NULL,
		claimed_at   INTEGER NOT NULL,
		attempts     INTEGER NOT NULL,
		payload      BLOB    NOT NULL
	);
	CREATE TABLE intake_answers (
		seq    INTEGER PRIMARY KEY REFERENCES intake (seq) ON DELETE CASCADE,
		answer BLOB NOT NULL
	);
	INSERT INTO intake (id, team, user, channel, kind, response_url, received_at, state, holder, claimed_at, attempts, payload)
		SELECT id, team, user, channel, kind, response_url, received_at, state, holder, claimed_at, attempts, payload
		FROM intake_old ORDER BY received_at;
	INSERT INTO intake_answers (seq, answer)
		SELECT i.seq, o.answer FROM intake_old o JOIN intake i ON i.id = o.id WHERE o.answer IS NOT NULL;
	DROP TABLE intake_old;
	CREATE INDEX intake_received ON intake (received_at);
	CREATE INDEX intake_holder ON intake (holder, state);`,
	// Per-workspace settings (issue 19): one row per workspace, the
	// settings as JSON. IF NOT EXISTS: tests roll files back to earlier
	// versions by their migrations' rows, leaving later tables in place.
	`CREATE TABLE IF NOT EXISTS workspace_settings (
		team TEXT PRIMARY KEY,
		doc  TEXT NOT NULL
	) WITHOUT ROWID;`,
}

// migrate applies the migrations the file lacks, each in its own write
// transaction, so that two processes opening a new file at once apply
// each migration exactly once.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for {
		done, err := db.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next missing migration; done when none is left.
func (db *DB) migrateOne(ctx context.Context) (done bool, err error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM migrations`).Scan(&version); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return false, proxenos.Errorf(proxenos.EUNAVAILABLE, "storage.sqlite.newer_schema", db.path, version, len(migrations))
	case version == len(migrations):
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
		return false, fmt.Errorf("migration %d: %w", version+1, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, applied_at) VALUES (?, ?)`,
		version+1, time.Now().UnixMilli()); err != nil {
		return false, fmt.Errorf("record migration %d: %w", version+1, err)
	}
	return false, tx.Commit()
}

// translate turns a driver error into the error users see: a unique
// violation is ECONFLICT, a locked or unreadable file EUNAVAILABLE, and
// the rest is wrapped with what was being done (EINTERNAL).
func translate(err error, doing string, args ...any) error {
	if err == nil {
		return nil
	}
	var perr *proxenos.Error
	if errors.As(err, &perr) {
		return err
	}
	var serr *sqlite.Error
	if errors.As(err, &serr) {
		switch serr.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			if serr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || serr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				return proxenos.Errorf(proxenos.ECONFLICT, "storage.conflict")
			}
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR,
			sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return &unavailable{err: fmt.Errorf("sqlite: %s %v: %w", doing, args, err)}
		}
	}
	if errors.Is(err, sql.ErrConnDone) {
		return &unavailable{err: fmt.Errorf("sqlite: %s %v: %w", doing, args, err)}
	}
	return fmt.Errorf("sqlite: %s %v: %w", doing, args, err)
}

// unavailable is an EUNAVAILABLE error that keeps the driver error for
// logs (errors.Unwrap) while users see the catalogue message.
type unavailable struct{ err error }

func (e *unavailable) Error() string { return e.err.Error() }
func (e *unavailable) Unwrap() []error {
	return []error{proxenos.Errorf(proxenos.EUNAVAILABLE, "error.unavailable"), e.err}
}
