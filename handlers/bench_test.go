package handlers_test

import (
	"context"
	"testing"

	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/handlers"
	"github.com/proxenos/proxenos/i18n"
)

func BenchmarkParseDate(b *testing.B) {
	for b.Loop() {
		if _, ok := handlers.ParseDate("20 Νοεμβρίου 2026", testNow, athens); !ok {
			b.Fatal("not parsed")
		}
	}
}

// BenchmarkCorrIn measures a whole /corr in against the SQLite store,
// with the partner lookup.
func BenchmarkCorrIn(b *testing.B) {
	env := newTestEnv(b)
	req := &chat.Request{Team: testTeam, User: "U1", Lang: i18n.Greek, Command: "/corr",
		Text: `in from:"Stadt Köln" subject:"Einladung zum Forum" date:20/11/2026 lang:de`}
	for b.Loop() {
		r := *req
		if resp := env.h.HandleCommand(context.Background(), &r); resp.Ephemeral {
			b.Fatal(resp.Text)
		}
	}
}
