package records_test

import (
	"context"
	"testing"

	"github.com/proxenos/proxenos/storage/records"
)

// visit and usage stand for a register with an identity and one without.
type (
	visit struct{ ID string }
	usage struct{ User string }
)

func TestRegister(t *testing.T) {
	ctx := context.Background()
	var restored []string
	teams := func(context.Context) ([]string, error) { return []string{"T1"}, nil }
	visits := records.Of("visit", teams,
		func(_ context.Context, fn func(*visit) error) error { return fn(&visit{ID: "v1"}) },
		func(_ context.Context, v *visit) (bool, error) { restored = append(restored, v.ID); return true, nil })
	uses := records.Counted("usage", teams,
		func(context.Context, func(*usage) error) error { return nil },
		func(_ context.Context, u *usage, n int) (bool, error) { return n == 0, nil })
	t.Run("OK", func(t *testing.T) {
		if visits.Kind() != "visit" || visits.Counted() || !uses.Counted() {
			t.Fatalf("kind %q, counted %v and %v", visits.Kind(), visits.Counted(), uses.Counted())
		}
		var got []any
		if err := visits.Each(ctx, func(v any) error { got = append(got, v); return nil }); err != nil || len(got) != 1 {
			t.Fatalf("streamed %v (%v), want one visit", got, err)
		}
		if _, ok := visits.New().(*visit); !ok {
			t.Fatalf("New gave a %T, want a *visit", visits.New())
		}
		if wrote, err := visits.Restore(ctx, got[0], 7); !wrote || err != nil || len(restored) != 1 {
			t.Fatalf("restore wrote %v (%v), restored %v", wrote, err, restored)
		}
	})
	t.Run("CountedSeesN", func(t *testing.T) {
		first, _ := uses.Restore(ctx, &usage{User: "U1"}, 0)
		second, _ := uses.Restore(ctx, &usage{User: "U1"}, 1)
		if !first || second {
			t.Fatalf("restores of n 0 and 1 wrote %v and %v, want true and false", first, second)
		}
	})
	t.Run("ErrOtherType", func(t *testing.T) {
		if _, err := visits.Restore(ctx, &usage{}, 0); err == nil {
			t.Fatal("a usage record restored as a visit")
		}
	})
}
