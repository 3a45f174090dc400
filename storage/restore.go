package storage

import (
	"context"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// RestoreService reads every record of a store and writes records back as
// they were, keeping ids, protocol numbers, histories and timestamps: it
// is what `proxenos export`, `import` and `migrate` stand on. Both stores
// implement it (sqlite.RestoreService, mongo.RestoreService).
//
// The Each methods stream the records of the workspace in ctx, in the
// order they are restored in (usage and marks in the order they were
// written), and stop at the first error fn returns. The Restore methods
// insert a record, or replace the stored record with the same identity
// (an entry's protocol number, a record's id, a delivery's key and
// attempt, a preference's user, a feed's token hash), in the workspace
// in ctx; they return whether anything was written, so that a re-run
// writes nothing. They do not validate: a backup is restored as it was.
// Partners must be restored before their contacts, agreements before
// their obligations. Leases are not records: they are not streamed.
type RestoreService interface {
	// Teams returns every workspace that holds a record, sorted.
	Teams(ctx context.Context) ([]string, error)

	EachCorrespondence(ctx context.Context, fn func(*proxenos.Correspondence) error) error
	EachPartner(ctx context.Context, fn func(*proxenos.Partner) error) error
	EachContact(ctx context.Context, fn func(*proxenos.Contact) error) error
	EachCall(ctx context.Context, fn func(*proxenos.Call) error) error
	EachAgreement(ctx context.Context, fn func(*proxenos.Agreement) error) error
	EachObligation(ctx context.Context, fn func(*proxenos.Obligation) error) error
	EachGlossaryEntry(ctx context.Context, fn func(*proxenos.GlossaryEntry) error) error
	EachUsage(ctx context.Context, fn func(*proxenos.Usage) error) error
	EachPreference(ctx context.Context, fn func(*proxenos.Preference) error) error
	EachCalendarFeed(ctx context.Context, fn func(*proxenos.CalendarFeed) error) error
	EachDelivery(ctx context.Context, fn func(*proxenos.Delivery) error) error
	EachMark(ctx context.Context, fn func(*proxenos.ReminderMark) error) error

	// RestoreCorrespondence stores c under c.Protocol, which must be set.
	// Later entries of its year are numbered after the highest restored.
	RestoreCorrespondence(ctx context.Context, c *proxenos.Correspondence) (bool, error)

	// RestorePartner stores p under p.ID, with its last contact as given.
	// ECONFLICT when another partner of the workspace has its name.
	RestorePartner(ctx context.Context, p *proxenos.Partner) (bool, error)

	// RestoreContact stores c under c.ID; its partner must be stored.
	RestoreContact(ctx context.Context, c *proxenos.Contact) (bool, error)

	// RestoreCall stores c under c.ID. ECONFLICT when another call of the
	// workspace has its identifier.
	RestoreCall(ctx context.Context, c *proxenos.Call) (bool, error)

	// RestoreAgreement stores a under a.ID.
	RestoreAgreement(ctx context.Context, a *proxenos.Agreement) (bool, error)

	// RestoreObligation stores o under o.ID, with the claims on its
	// fulfilled occurrences, so that none can be fulfilled twice.
	RestoreObligation(ctx context.Context, o *proxenos.Obligation) (bool, error)

	// RestoreGlossaryEntry stores e under e.ID.
	RestoreGlossaryEntry(ctx context.Context, e *proxenos.GlossaryEntry) (bool, error)

	// RestoreUsage stores u unless the workspace already holds more than
	// n records equal to it: usage has no id, so the n-th of several
	// equal records (counted from 0 in EachUsage's order) is told apart
	// by n.
	RestoreUsage(ctx context.Context, u *proxenos.Usage, n int) (bool, error)

	// RestorePreference stores p for p.User, with its UpdatedAt.
	RestorePreference(ctx context.Context, p *proxenos.Preference) (bool, error)

	// RestoreCalendarFeed stores f under f.TokenHash, live or revoked as
	// given, in the workspace in ctx.
	RestoreCalendarFeed(ctx context.Context, f *proxenos.CalendarFeed) (bool, error)

	// RestoreDelivery stores d under (d.Key, d.Attempt), in its state.
	RestoreDelivery(ctx context.Context, d *proxenos.Delivery) (bool, error)

	// RestoreMark stores m unless the workspace holds more than n marks
	// equal to it, as RestoreUsage does.
	RestoreMark(ctx context.Context, m *proxenos.ReminderMark, n int) (bool, error)
}

// Both stores restore.
var (
	_ RestoreService = (*sqlite.RestoreService)(nil)
	_ RestoreService = (*mongo.RestoreService)(nil)
)
