package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"go.uber.org/goleak"

	"github.com/proxenos/proxenos"
)

// streamOf returns a read for stream that hands over the documents of
// entries 1/2026 to n/2026, batch at a time.
func streamOf(t *testing.T, n, batch int) func(context.Context, func([]string) error) error {
	t.Helper()
	docs := make([]string, n)
	for i := range docs {
		doc, err := json.Marshal(&proxenos.Correspondence{Protocol: proxenos.ProtocolNumber{Year: 2026, Number: i + 1}})
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = string(doc)
	}
	return func(ctx context.Context, emit func([]string) error) error {
		for i := 0; i < n; i += batch {
			if err := emit(docs[i:min(i+batch, n)]); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestStreamInOrder checks that stream gives every entry once, in the
// order read gave them, across batches.
func TestStreamInOrder(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var got []int
	err := stream(context.Background(), streamOf(t, 103, 10), func(c *proxenos.Correspondence) error {
		got = append(got, c.Protocol.Number)
		return nil
	})
	if err != nil || len(got) != 103 {
		t.Fatalf("%d entries (%v), want 103", len(got), err)
	}
	for i, n := range got {
		if n != i+1 {
			t.Fatalf("entry %d is %d/2026, want %d/2026", i, n, i+1)
		}
	}
}

// TestStreamStops checks that the first error ends the stream: fn's,
// read's or a document's, returned as it is, with no goroutine left
// behind and fn not called again.
func TestStreamStops(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	stop := errors.New("stop")
	t.Run("Fn", func(t *testing.T) {
		seen := 0
		err := stream(context.Background(), streamOf(t, 100, 10), func(*proxenos.Correspondence) error {
			if seen++; seen == 15 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || seen != 15 {
			t.Fatalf("error %v after %d entries, want stop after 15", err, seen)
		}
	})
	t.Run("Read", func(t *testing.T) {
		read := streamOf(t, 30, 10)
		seen := 0
		err := stream(context.Background(), func(ctx context.Context, emit func([]string) error) error {
			if err := read(ctx, emit); err != nil {
				return err
			}
			return stop
		}, func(*proxenos.Correspondence) error { seen++; return nil })
		if !errors.Is(err, stop) || seen > 30 {
			t.Fatalf("error %v after %d entries, want stop", err, seen)
		}
	})
	t.Run("Document", func(t *testing.T) {
		seen := 0
		err := stream(context.Background(), func(ctx context.Context, emit func([]string) error) error {
			for i := range 10 {
				if err := emit([]string{fmt.Sprintf(`{"Protocol":{"Year":2026,"Number":%d}}`, i+1), "{"}); err != nil {
					return err
				}
			}
			return nil
		}, func(*proxenos.Correspondence) error { seen++; return nil })
		if err == nil || seen != 0 {
			t.Fatalf("error %v after %d entries, want a decoding error first", err, seen)
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		seen := 0
		err := stream(ctx, streamOf(t, 100, 10), func(*proxenos.Correspondence) error {
			if seen++; seen == 5 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || seen >= 100 {
			t.Fatalf("error %v after %d entries, want cancelled", err, seen)
		}
	})
}
