package secret_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodriver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/secret"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/mongo/mongotest"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// mongoURI is the MongoDB-wire server of the tests: an embedded FerretDB
// unless PROXENOS_TEST_MONGODB_URI names one.
var mongoURI string

func TestMain(m *testing.M) {
	os.Exit(mongotest.Main(m, &mongoURI))
}

// rawStore is a store and a way to read what it holds, as stored.
type rawStore struct {
	store *storage.Store
	raw   func(t testing.TB) string
}

// sqliteRaw opens a SQLite store and reads its installations' rows.
func sqliteRaw(t testing.TB) rawStore {
	path := filepath.Join(t.TempDir(), "proxenos.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return rawStore{store: storage.NewSQLiteStore(db), raw: func(t testing.TB) string {
		raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var all string
		if err := raw.QueryRow(`SELECT group_concat(team || doc) FROM installations`).Scan(&all); err != nil {
			t.Fatal(err)
		}
		return all
	}}
}

// mongoRaw opens a MongoDB store and reads its installations' documents.
func mongoRaw(t testing.TB) rawStore {
	ctx := context.Background()
	u, err := url.Parse(mongoURI)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("proxenos_secret_%d_%d", os.Getpid(), time.Now().UnixNano())
	u.Path = "/" + name
	db, err := mongo.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	client, err := mongodriver.Connect(options.Client().ApplyURI(mongoURI))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = client.Database(name).Drop(ctx)
		_ = client.Disconnect(ctx)
		db.Close()
	})
	return rawStore{store: storage.NewMongoStore(db), raw: func(t testing.TB) string {
		cur, err := client.Database(name).Collection("installations").Find(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		var docs []bson.M
		if err := cur.All(ctx, &docs); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(docs)
	}}
}

// TestStoresHoldNoToken saves installations through the sealing wrapper
// and reads the rows and documents as stored: no token is there in the
// clear, and the wrapper gives them back.
func TestStoresHoldNoToken(t *testing.T) {
	for name, open := range map[string]func(testing.TB) rawStore{"SQLite": sqliteRaw, "MongoDB": mongoRaw} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ctx := context.Background()
			inst := &secret.Installations{Store: s.store.Installations, Keys: mustKeyring(t, newKey(t))}
			want := storagetest.NewInstallation(storagetest.Team, "Δήμος Αμαρουσίου")
			if err := inst.SaveInstallation(ctx, want); err != nil {
				t.Fatal(err)
			}
			raw := s.raw(t)
			if !strings.Contains(raw, storagetest.Team) {
				t.Fatalf("raw installations %q lack the team: not read", raw)
			}
			for _, token := range []string{want.BotToken, want.RefreshToken, "xoxb-1-", "xoxe-1-"} {
				if strings.Contains(raw, token) {
					t.Errorf("the store holds %q in the clear: %s", token, raw)
				}
			}
			got, err := inst.FindInstallation(ctx, storagetest.Team)
			if err != nil || got.BotToken != want.BotToken || got.RefreshToken != want.RefreshToken {
				t.Fatalf("found %v, %v; want the tokens opened", got, err)
			}
			if plain, err := s.store.Installations.FindInstallation(ctx, storagetest.Team); err != nil || plain.BotToken == want.BotToken {
				t.Errorf("the store itself reads the token in the clear: %v", err)
			}
		})
	}
}

// TestRekey reseals every installation with the new key; afterwards the
// new key alone opens them.
func TestRekey(t *testing.T) {
	s := sqliteRaw(t)
	ctx := context.Background()
	old, next := newKey(t), newKey(t)
	before := &secret.Installations{Store: s.store.Installations, Keys: mustKeyring(t, old)}
	for _, team := range []string{"T1", "T2", "T3"} {
		if err := before.SaveInstallation(ctx, storagetest.NewInstallation(team, team)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.store.Installations.MarkUninstalled(ctx, "T2", time.Now()); err != nil {
		t.Fatal(err)
	}
	rotating := &secret.Installations{Store: s.store.Installations, Keys: mustKeyring(t, next, old)}
	if n, total, err := rotating.Rekey(ctx); err != nil || n != 3 || total != 3 {
		t.Fatalf("Rekey = %d of %d, %v; want 3 of 3", n, total, err)
	}
	if n, _, err := rotating.Rekey(ctx); err != nil || n != 0 {
		t.Fatalf("second Rekey = %d, %v; want nothing left to do", n, err)
	}
	if raw := s.raw(t); !strings.Contains(raw, secret.KeyID(next)) || strings.Contains(raw, secret.KeyID(old)) {
		t.Errorf("raw rows after rekey name key %s or lack %s: %s", secret.KeyID(old), secret.KeyID(next), raw)
	}
	after := &secret.Installations{Store: s.store.Installations, Keys: mustKeyring(t, next)}
	var teams []string
	if err := after.EachInstallation(ctx, func(i *proxenos.Installation) error {
		if i.BotToken != "xoxe.xoxb-1-"+i.Team {
			t.Errorf("%s: token %q", i.Team, i.BotToken)
		}
		teams = append(teams, fmt.Sprint(i.Team, " ", i.Active()))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(teams) != "[T1 true T2 false T3 true]" {
		t.Errorf("after rekey: %v; want the three, T2 still uninstalled", teams)
	}
	// Without the old key, a store sealed with it is an error naming the key.
	s2 := sqliteRaw(t)
	_ = (&secret.Installations{Store: s2.store.Installations, Keys: mustKeyring(t, old)}).SaveInstallation(ctx,
		storagetest.NewInstallation("T9", "T9"))
	if _, _, err := after.Rekey(ctx); err != nil {
		t.Fatal(err)
	}
	lost := &secret.Installations{Store: s2.store.Installations, Keys: mustKeyring(t, next)}
	if _, _, err := lost.Rekey(ctx); err == nil || !strings.Contains(err.Error(), secret.KeyID(old)) {
		t.Errorf("Rekey without the old key: %v; want an error naming key %s", err, secret.KeyID(old))
	}
}

// TestInstallationLogsNoToken: an installation logged or printed shows
// no token.
func TestInstallationLogsNoToken(t *testing.T) {
	inst := storagetest.NewInstallation(storagetest.Team, "Δήμος Αμαρουσίου")
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		slog.New(h).Info("installed", "installation", inst)
	}
	fmt.Fprintf(&buf, "%v %+v %#v %s %v %+v", inst, inst, inst, inst, *inst, []any{*inst})
	if !strings.Contains(buf.String(), storagetest.Team) {
		t.Fatalf("log %q does not name the workspace", buf.String())
	}
	for _, token := range []string{inst.BotToken, inst.RefreshToken} {
		if strings.Contains(buf.String(), token) {
			t.Errorf("log shows %q: %s", token, buf.String())
		}
	}
}
