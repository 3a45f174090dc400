// Package records is the port through which `proxenos export`, `import`
// and `migrate` reach the registers of a store: each register of a
// backend (storage/sqlite, storage/mongo) is a Register, and the storage
// package lists them in restore order (storage.Kinds). A register that a
// store keeps but the list lacks stops the store from opening, so a
// backup can never leave one out silently.
package records

import (
	"context"
	"fmt"
)

// Register is one register of a store as backups see it: its records in
// every workspace, streamed out and restored as they were, keeping ids,
// protocol numbers, histories and timestamps.
type Register interface {
	// Kind names the register in a backup line: "partner", "usage".
	Kind() string

	// Teams returns the workspaces that hold a record of the register,
	// in any order.
	Teams(ctx context.Context) ([]string, error)

	// Each streams the records of the workspace in ctx, each a pointer
	// to its domain type (*proxenos.Partner), in the order they are
	// restored in, and stops at the first error fn returns.
	Each(ctx context.Context, fn func(record any) error) error

	// New returns a pointer to an empty record of the register, for a
	// backup line to be decoded into.
	New() any

	// Restore inserts record, or replaces the stored record with the
	// same identity, in the workspace in ctx, and reports whether
	// anything was written, so that a re-run writes nothing. It does not
	// validate: a backup is restored as it was. n matters only to a
	// Counted register: it is how many records equal to this one came
	// before it in the stream.
	Restore(ctx context.Context, record any, n int) (bool, error)

	// Counted reports whether the records have no identity of their own
	// (usage, marks), so that equal records are told apart by n.
	Counted() bool
}

// Teams lists the workspaces of a register.
type Teams func(ctx context.Context) ([]string, error)

// Of returns the register kind, whose records of type T have an identity
// of their own: restore replaces the record with the same identity.
func Of[T any](kind string, teams Teams, each func(context.Context, func(*T) error) error,
	restore func(context.Context, *T) (bool, error)) Register {
	return &register[T]{kind: kind, teams: teams, each: each,
		restore: func(ctx context.Context, v *T, _ int) (bool, error) { return restore(ctx, v) }}
}

// Counted returns the register kind, whose records of type T have no
// identity: restore stores a record unless more than n equal ones are
// stored.
func Counted[T any](kind string, teams Teams, each func(context.Context, func(*T) error) error,
	restore func(context.Context, *T, int) (bool, error)) Register {
	return &register[T]{kind: kind, teams: teams, each: each, restore: restore, counted: true}
}

// register is a Register of records of type T.
type register[T any] struct {
	kind    string
	teams   Teams
	each    func(context.Context, func(*T) error) error
	restore func(context.Context, *T, int) (bool, error)
	counted bool
}

func (r *register[T]) Kind() string                                { return r.kind }
func (r *register[T]) Teams(ctx context.Context) ([]string, error) { return r.teams(ctx) }
func (r *register[T]) New() any                                    { return new(T) }
func (r *register[T]) Counted() bool                               { return r.counted }

func (r *register[T]) Each(ctx context.Context, fn func(any) error) error {
	return r.each(ctx, func(v *T) error { return fn(v) })
}

// Restore refuses a record of another register's type: it would be a
// programming error, not a bad backup (decoding gives the right type).
func (r *register[T]) Restore(ctx context.Context, record any, n int) (bool, error) {
	v, ok := record.(*T)
	if !ok {
		return false, fmt.Errorf("records: restore %s: a %T is no %T", r.kind, record, v)
	}
	return r.restore(ctx, v, n)
}
