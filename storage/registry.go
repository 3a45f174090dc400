package storage

import (
	"context"
	"fmt"
	"slices"

	"github.com/proxenos/proxenos/storage/records"
)

// registry names the registers of every store, in the order they are
// restored: partners before their contacts, agreements before their
// obligations. It is the order of a backup's lines. Request receipts and
// intake records are left out on purpose: they are transient, kept
// minutes to a day for the replicas' work in flight, and no backend
// offers them as registers.
var registry = []string{"partner", "contact", "correspondence", "call", "agreement", "obligation",
	"glossary", "usage", "preference", "calendar_feed", "delivery", "mark", "settings"}

// Kinds returns the names of the registers a backup holds, in restore
// order.
func Kinds() []string { return slices.Clone(registry) }

// Registers are the registers of one store, in restore order: what
// `proxenos export`, `import` and `migrate` copy.
type Registers []records.Register

// Find returns the register called kind, or nil.
func (rs Registers) Find(kind string) records.Register {
	for _, r := range rs {
		if r.Kind() == kind {
			return r
		}
	}
	return nil
}

// Teams returns every workspace that holds a record, sorted.
func (rs Registers) Teams(ctx context.Context) ([]string, error) {
	var out []string
	for _, r := range rs {
		teams, err := r.Teams(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, teams...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// inOrder returns the registers of a backend in registry order. A
// register the backend keeps but the registry lacks is an error, not a
// register left out of every backup; so is one the registry names that
// the backend lacks.
func inOrder(backend []records.Register) (Registers, error) {
	out := make(Registers, len(registry))
	for _, r := range backend {
		i := slices.Index(registry, r.Kind())
		if i < 0 {
			return nil, fmt.Errorf("storage: register %q is not in the registry (storage/registry.go): backups would leave it out", r.Kind())
		}
		if out[i] != nil {
			return nil, fmt.Errorf("storage: register %q given twice", r.Kind())
		}
		out[i] = r
	}
	for i, r := range out {
		if r == nil {
			return nil, fmt.Errorf("storage: the store has no register %q", registry[i])
		}
	}
	return out, nil
}

// mustInOrder is inOrder for the constructors: a mismatch is a
// programming error, caught by every test that opens a store.
func mustInOrder(backend []records.Register) Registers {
	rs, err := inOrder(backend)
	if err != nil {
		panic(err)
	}
	return rs
}
