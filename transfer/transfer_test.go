package transfer_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/mongo/mongotest"
	"github.com/proxenos/proxenos/storage/sqlite"
	"github.com/proxenos/proxenos/storage/storagetest"
	"github.com/proxenos/proxenos/transfer"
)

// serverURI is the MongoDB of the tests: PROXENOS_TEST_MONGODB_URI, or an
// embedded FerretDB.
var serverURI string

func TestMain(m *testing.M) {
	os.Exit(mongotest.Main(m, &serverURI))
}

var dbSeq atomic.Int64

// clock is the time every test store writes at.
var clock = storagetest.NewClock(time.Date(2026, 4, 1, 9, 0, 0, 0, storagetest.Athens))

// openSQLite opens a fresh SQLite store, closed when t ends.
func openSQLite(t *testing.T) *storage.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "proxenos.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = clock.Now
	t.Cleanup(func() { db.Close() })
	return storage.NewSQLiteStore(db)
}

// openMongo opens a fresh database on the test server, dropped when t ends.
func openMongo(t *testing.T) *storage.Store {
	t.Helper()
	u, err := url.Parse(serverURI)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = fmt.Sprintf("/proxenos_transfer_%d_%d", os.Getpid(), dbSeq.Add(1))
	db, err := mongo.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	db.Now = clock.Now
	t.Cleanup(func() {
		db.Close()
		dropDatabase(t, u.String())
	})
	return storage.NewMongoStore(db)
}

// dropDatabase drops the database of uri, so that a real server keeps
// nothing of the tests.
func dropDatabase(t *testing.T, uri string) {
	client, err := driver.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Error(err)
		return
	}
	defer client.Disconnect(context.Background())
	u, _ := url.Parse(uri)
	if err := client.Database(strings.TrimPrefix(u.Path, "/")).Drop(context.Background()); err != nil {
		t.Error(err)
	}
}

// seeded returns a SQLite store holding every kind of record.
func seeded(t *testing.T) *storage.Store {
	s := openSQLite(t)
	storagetest.Seed(t, s)
	return s
}

// equalDumps fails t unless both stores hold the same records.
func equalDumps(t *testing.T, got, want *storage.Store) {
	t.Helper()
	g, w := storagetest.Dump(t, got), storagetest.Dump(t, want)
	for key, records := range w {
		if !slices.Equal(g[key], records) {
			t.Errorf("%s is\n%v\nwant\n%v", key, g[key], records)
		}
	}
	if len(g) != len(w) {
		t.Errorf("%d registers, want %d", len(g), len(w))
	}
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	src, dst := seeded(t), openMongo(t)
	report, err := transfer.Copy(ctx, src.Registers, dst.Registers)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		equalDumps(t, dst, src)
		if !report.OK() {
			t.Errorf("report not OK: %+v", report.Counts)
		}
		source, written := report.Totals()
		if source == 0 || written != source {
			t.Errorf("read %d, wrote %d: want all written", source, written)
		}
		c, ok := report.Find(storagetest.Team, "correspondence")
		if !ok || c.Source != 4 || c.Written != 4 || c.Target != 4 {
			t.Errorf("correspondence row %+v, want 4 read, written and stored", c)
		}
	})
	t.Run("RerunWritesNothing", func(t *testing.T) {
		again, err := transfer.Copy(ctx, src.Registers, dst.Registers)
		if err != nil {
			t.Fatal(err)
		}
		if _, written := again.Totals(); written != 0 || !again.OK() {
			t.Fatalf("re-run wrote %d records (ok %v), want 0", written, again.OK())
		}
		equalDumps(t, dst, src)
	})
	t.Run("NumbersContinue", func(t *testing.T) {
		tctx := storagetest.Ctx(storagetest.Team, "U1")
		c := storagetest.Entry(storagetest.Day(2026, 6, 1), "Πρώτη εγγραφή στη MongoDB")
		if err := dst.Correspondence.CreateCorrespondence(tctx, c); err != nil {
			t.Fatal(err)
		}
		if got, want := c.Protocol.String(), "4/2026"; got != want {
			t.Fatalf("next number after migrating 1-3/2026 is %s, want %s", got, want)
		}
	})
	t.Run("ErrTargetUsedDifferently", func(t *testing.T) {
		// A target that already holds another partner of the same name
		// refuses the copy rather than holding two.
		other := openMongo(t)
		tctx := storagetest.Ctx(storagetest.Team, "U1")
		if err := other.Partners.CreatePartner(tctx, &proxenos.Partner{Name: "ΦΑΕΝΤΣΑ", Kind: proxenos.KindMunicipality}); err != nil {
			t.Fatal(err)
		}
		_, err := transfer.Copy(ctx, src.Registers, other.Registers)
		if got, want := proxenos.ErrorCode(err), proxenos.ECONFLICT; got != want {
			t.Fatalf("code %q (%v), want %q", got, err, want)
		}
	})
}

func TestExportImport(t *testing.T) {
	ctx := context.Background()
	src := seeded(t)
	var backup bytes.Buffer
	exported, err := transfer.Export(ctx, src.Registers, &backup)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Format", func(t *testing.T) {
		sc := bufio.NewScanner(bytes.NewReader(backup.Bytes()))
		lines, types := 0, []string{}
		for sc.Scan() {
			var l transfer.Line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatalf("line %d: %v", lines+1, err)
			}
			if l.Version != transfer.FormatVersion || l.Team == "" || len(l.Record) == 0 {
				t.Fatalf("line %d = %s", lines+1, sc.Text())
			}
			if len(types) == 0 || types[len(types)-1] != l.Type {
				types = append(types, l.Type)
			}
			lines++
		}
		if source, _ := exported.Totals(); lines != source {
			t.Errorf("%d lines, report says %d", lines, source)
		}
		// One workspace after the other, each in restore order.
		want := append(transfer.Kinds(), transfer.Kinds()...)
		if !slices.Equal(types, want) {
			t.Errorf("line types %v, want %v", types, want)
		}
	})
	for _, target := range []struct {
		name string
		open func(*testing.T) *storage.Store
	}{{"SQLite", openSQLite}, {"MongoDB", openMongo}} {
		t.Run(target.name, func(t *testing.T) {
			dst := target.open(t)
			report, err := transfer.Import(ctx, bytes.NewReader(backup.Bytes()), dst.Registers)
			if err != nil {
				t.Fatal(err)
			}
			if !report.OK() {
				t.Fatalf("report not OK: %+v", report.Counts)
			}
			equalDumps(t, dst, src)
			// Exporting the restored store gives the same backup.
			var again bytes.Buffer
			if _, err := transfer.Export(ctx, dst.Registers, &again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), backup.Bytes()) {
				t.Errorf("export after import differs from the backup")
			}
			rerun, err := transfer.Import(ctx, bytes.NewReader(backup.Bytes()), dst.Registers)
			if _, written := rerun.Totals(); err != nil || written != 0 {
				t.Fatalf("second import wrote %d (%v), want 0", written, err)
			}
		})
	}
}

func TestImportErrors(t *testing.T) {
	entry := `{"ID":"1/2026","Protocol":{"Year":2026,"Number":1},"Direction":"in","Date":"2026-03-10T00:00:00+02:00","Subject":"x","Counterpart":"y"}`
	for _, tt := range []struct {
		name, input, key string
	}{
		{"ErrNewerFormat", `{"v":2,"type":"correspondence","team":"T1","record":` + entry + `}`, "transfer.invalid.version"},
		{"ErrUnknownType", `{"v":1,"type":"letters","team":"T1","record":{}}`, "transfer.invalid.type"},
		{"ErrNoTeam", `{"v":1,"type":"correspondence","record":` + entry + `}`, "transfer.invalid.team"},
		{"ErrNotJSON", `v=1 type=correspondence`, "transfer.invalid.line"},
		{"ErrBadRecord", `{"v":1,"type":"correspondence","team":"T1","record":{"Protocol":"1/2026"}}`, "transfer.invalid.line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dst := openSQLite(t)
			// A good line first: it stays restored.
			input := `{"v":1,"type":"correspondence","team":"T1","record":` + entry + "}\n\n" + tt.input + "\n"
			_, err := transfer.Import(context.Background(), strings.NewReader(input), dst.Registers)
			var perr *proxenos.Error
			if !errorsAs(err, &perr) || perr.Code != proxenos.EINVALID || perr.Key != tt.key {
				t.Fatalf("error %v, want %s", err, tt.key)
			}
			if got := i18n.ErrorMessage(i18n.English, err); !strings.Contains(got, "Line 3") {
				t.Errorf("message %q does not name line 3", got)
			}
			if _, err := dst.Correspondence.FindCorrespondenceByNumber(storagetest.Ctx("T1", "U1"),
				proxenos.ProtocolNumber{Year: 2026, Number: 1}); err != nil {
				t.Errorf("the line before the bad one was not restored: %v", err)
			}
		})
	}
}

func TestReportTable(t *testing.T) {
	src, dst := seeded(t), openSQLite(t)
	report, err := transfer.Copy(context.Background(), src.Registers, dst.Registers)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := report.WriteTable(&b, i18n.Greek); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"μητρώο", storagetest.Team, "correspondence", "εντάξει", "σύνολο"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// A target short of records is marked.
	report.Counts[0].Target = report.Counts[0].Source - 1
	b.Reset()
	if err := report.WriteTable(&b, i18n.English); err != nil {
		t.Fatal(err)
	}
	if report.OK() || !strings.Contains(b.String(), "MISSING 1") {
		t.Errorf("short target not marked:\n%s", b.String())
	}
}

// errorsAs is errors.As, for the table above.
func errorsAs(err error, target **proxenos.Error) bool { return errors.As(err, target) }
