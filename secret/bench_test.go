package secret_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/proxenos/proxenos/secret"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// BenchmarkSealOpen is the cost a token pays at rest: one seal and one
// open of a bot token.
func BenchmarkSealOpen(b *testing.B) {
	k, err := secret.NewKeyring(make([]byte, secret.KeySize))
	if err != nil {
		b.Fatal(err)
	}
	const token = "xoxe.xoxb-1-MS0yLTEyMzQ1Njc4OTAxMi0xMjM0NTY3ODkwMTIzLWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eA"
	for b.Loop() {
		sealed, err := k.Seal(token, "T0123/bot")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := k.Open(sealed, "T0123/bot"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRekey332 reseals the installations of the 332 Greek
// municipalities in SQLite with a new key: `proxenos workspace rekey`.
func BenchmarkRekey332(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := sqliteRaw(b)
		old := mustKeyring(b, make([]byte, secret.KeySize))
		before := &secret.Installations{Store: s.store.Installations, Keys: old}
		for i := range 332 {
			team := fmt.Sprintf("T%04d", i)
			if err := before.SaveInstallation(ctx, storagetest.NewInstallation(team, team)); err != nil {
				b.Fatal(err)
			}
		}
		next := make([]byte, secret.KeySize)
		next[0] = 1
		rotating := &secret.Installations{Store: s.store.Installations, Keys: mustKeyring(b, next, make([]byte, secret.KeySize))}
		b.StartTimer()
		if n, _, err := rotating.Rekey(ctx); err != nil || n != 332 {
			b.Fatalf("Rekey = %d, %v", n, err)
		}
	}
}
