package storage

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/proxenos/proxenos/storage/records"
	"github.com/proxenos/proxenos/storage/sqlite"
)

// visit is a register no store keeps: "visits of delegations".
type visit struct{ ID string }

// newVisits returns a register of visits that holds none.
func newVisits() records.Register {
	return records.Of("visit", func(context.Context) ([]string, error) { return nil, nil },
		func(context.Context, func(*visit) error) error { return nil },
		func(context.Context, *visit) (bool, error) { return false, nil })
}

// TestRegistryMatchesStores fails when a store keeps a register that the
// registry lacks, or lacks one it names: export, import and migrate copy
// the registry's registers, and would leave such a register out.
func TestRegistryMatchesStores(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t.Run("OK", func(t *testing.T) {
		rs, err := inOrder(sqlite.Registers(db))
		if err != nil {
			t.Fatal(err)
		}
		kinds := make([]string, len(rs))
		for i, r := range rs {
			kinds[i] = r.Kind()
		}
		if !slices.Equal(kinds, Kinds()) {
			t.Fatalf("registers %v, want the registry %v", kinds, Kinds())
		}
	})
	t.Run("ErrUnlisted", func(t *testing.T) {
		_, err := inOrder(append(sqlite.Registers(db), newVisits()))
		if err == nil || !strings.Contains(err.Error(), `"visit" is not in the registry`) {
			t.Fatalf("error %v, want the visit register refused", err)
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		rs := slices.DeleteFunc(sqlite.Registers(db), func(r records.Register) bool { return r.Kind() == "usage" })
		if _, err := inOrder(rs); err == nil || !strings.Contains(err.Error(), `no register "usage"`) {
			t.Fatalf("error %v, want the missing usage register named", err)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		rs := sqlite.Registers(db)
		if _, err := inOrder(append(rs, rs[0])); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Fatalf("error %v, want a register given twice refused", err)
		}
	})
}
