package mongo_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// sessionFields are the fields the driver adds to a command that an
// explained command may not carry.
var sessionFields = []string{"lsid", "txnNumber", "autocommit", "startTransaction", "writeConcern", "readConcern",
	"apiVersion", "apiStrict", "apiDeprecationErrors"}

// explainCommand returns the explain command of q's command as the store
// sent it (its filter, sort, skip, limit and projection), at verbosity
// "queryPlanner" or "executionStats". An update or delete keeps only
// q's statement. Explaining a write plans it without writing.
func explainCommand(q query, verbosity string) (bson.D, error) {
	var cmd bson.D
	if err := bson.Unmarshal(q.Cmd, &cmd); err != nil {
		return nil, err
	}
	inner := make(bson.D, 0, len(cmd))
	for _, e := range cmd {
		if strings.HasPrefix(e.Key, "$") || slices.Contains(sessionFields, e.Key) {
			continue
		}
		if list := map[string]string{"update": "updates", "delete": "deletes"}[q.Op]; e.Key == list {
			stmts, _ := e.Value.(bson.A)
			if q.Stmt >= len(stmts) {
				return nil, fmt.Errorf("%s: no statement %d", q.Op, q.Stmt)
			}
			e.Value = bson.A{stmts[q.Stmt]}
		}
		inner = append(inner, e)
	}
	return bson.D{{Key: "explain", Value: inner}, {Key: "verbosity", Value: verbosity}}, nil
}

// plan is what an explain answer says of the winning plan(s).
type plan struct {
	Found    bool     // a winningPlan was there (FerretDB v1 gives none)
	Stages   []string // every stage of every winning plan, outermost first
	Keys     int64    // totalKeysExamined, with executionStats
	Docs     int64    // totalDocsExamined
	Returned int64    // nReturned
}

// readPlan reads an explain answer: the winning plan of a find, count,
// distinct, update, delete or findAndModify; the $cursor stage's of an
// aggregate (or the whole pipeline's, when pushed down); each shard's. A
// plan of the slot-based engine is read from its queryPlan.
func readPlan(answer bson.Raw) (plan, error) {
	var doc bson.D
	if err := bson.Unmarshal(answer, &doc); err != nil {
		return plan{}, err
	}
	var p plan
	walkDocs(doc, func(key string, d bson.D) {
		switch key {
		case "winningPlan":
			p.Found = true
			if qp, ok := field(d, "queryPlan").(bson.D); ok {
				d = qp
			}
			p.Stages = append(p.Stages, stagesOf(d)...)
		case "executionStats":
			p.Keys += number(field(d, "totalKeysExamined"))
			p.Docs += number(field(d, "totalDocsExamined"))
			p.Returned += number(field(d, "nReturned"))
		}
	})
	return p, nil
}

// walkDocs calls fn with every document under v and the key it is under.
func walkDocs(v any, fn func(key string, d bson.D)) {
	switch v := v.(type) {
	case bson.D:
		for _, e := range v {
			if d, ok := e.Value.(bson.D); ok {
				fn(e.Key, d)
			}
			walkDocs(e.Value, fn)
		}
	case bson.A:
		for _, e := range v {
			walkDocs(e, fn)
		}
	}
}

// stagesOf returns the stage of a plan node and of the nodes under it.
func stagesOf(node bson.D) []string {
	var out []string
	if s, ok := field(node, "stage").(string); ok {
		out = append(out, s)
	}
	if in, ok := field(node, "inputStage").(bson.D); ok {
		out = append(out, stagesOf(in)...)
	}
	for _, in := range asList(field(node, "inputStages")) {
		if d, ok := in.(bson.D); ok {
			out = append(out, stagesOf(d)...)
		}
	}
	return out
}

// number returns a BSON number as int64.
func number(v any) int64 {
	switch v := v.(type) {
	case int32:
		return int64(v)
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

// indexStages are the stages that read an index: a scan, a count or a
// distinct off its keys, an _id lookup, MongoDB 8's express paths.
var indexStages = []string{"IXSCAN", "COUNT_SCAN", "DISTINCT_SCAN", "IDHACK", "EXPRESS_IXSCAN", "EXPRESS_IDLOOKUP",
	"EXPRESS_CLUSTERED_IXSCAN"}

// problem returns what is wrong with a winning plan, or "": it must read
// an index and no collection scan, and where sorted says an index gives
// the order, sort nothing in memory (SORT; SORT_MERGE merges index scans
// in order and is fine). A plan of a collection not yet created is EOF.
func (p plan) problem(sorted bool) string {
	switch {
	case !p.Found:
		return "the answer has no winning plan"
	case slices.Equal(p.Stages, []string{"EOF"}):
		return "" // the collection does not exist yet: nothing to read
	case slices.Contains(p.Stages, "COLLSCAN"):
		return "COLLSCAN in " + strings.Join(p.Stages, " > ")
	case !slices.ContainsFunc(p.Stages, func(s string) bool { return slices.Contains(indexStages, s) }):
		return "no index scan in " + strings.Join(p.Stages, " > ")
	case sorted && slices.Contains(p.Stages, "SORT"):
		return "in-memory SORT in " + strings.Join(p.Stages, " > ")
	}
	return ""
}

// serverIsMongoDB reports whether db's server is a MongoDB (not FerretDB,
// whose buildInfo names its own version) and, if not, why.
func serverIsMongoDB(t *testing.T, db *mongo.DB) (bool, string) {
	t.Helper()
	if os.Getenv("PROXENOS_TEST_MONGODB_URI") == "" {
		return false, "explain is MongoDB's: set PROXENOS_TEST_MONGODB_URI to a MongoDB to run it"
	}
	raw, err := db.RunCommand(context.Background(), bson.D{{Key: "buildInfo", Value: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.LookupErr("ferretdbVersion"); err == nil {
		return false, "PROXENOS_TEST_MONGODB_URI is a FerretDB, whose explain shows SQL plans, not MongoDB's"
	}
	return true, ""
}

// explainEach explains the first query of each shape in qs on db, at
// verbosity, and hands check the answer and its plan.
func explainEach(t *testing.T, db *mongo.DB, qs []query, verbosity string, check func(t *testing.T, q query, answer bson.Raw, p plan)) {
	t.Helper()
	seen := map[string]bool{}
	for _, q := range qs {
		shape := q.shape()
		if seen[shape] {
			continue
		}
		seen[shape] = true
		cmd, err := explainCommand(q, verbosity)
		if err != nil {
			t.Fatal(err)
		}
		answer, err := db.RunCommand(context.Background(), cmd)
		if err != nil {
			t.Errorf("explain %s: %v", shape, err)
			continue
		}
		p, err := readPlan(answer)
		if err != nil {
			t.Fatal(err)
		}
		check(t, q, answer, p)
	}
}

// explainAll explains each query shape of qs on db, a MongoDB, and fails
// t for each plan that scans the collection, uses no index or, where the
// index rule found the order served, sorts in memory; unless the filter
// also bounds a field the sort does not name (see boundsOutsideSort).
// Exempt shapes are explained and logged only.
func explainAll(t *testing.T, db *mongo.DB, qs []query, verbosity string) {
	t.Helper()
	verdicts := checkQueries(t, db, qs)
	explainEach(t, db, qs, verbosity, func(t *testing.T, q query, _ bson.Raw, p plan) {
		shape := q.shape()
		sorted := verdicts[shape].Problem == "" && (len(q.Sort) > 0 || q.Key != "") && !boundsOutsideSort(q)
		if why := p.problem(sorted); why != "" && exempt[shape] == "" {
			t.Errorf("collection %s: %s %s%s (sent by %s): %s", q.Coll, q.Op, shapeOf(q.Filter), sortText(q), q.Where, why)
		}
		t.Logf("%s: %s; keys %d, docs %d, returned %d", shape, strings.Join(p.Stages, " > "), p.Keys, p.Docs, p.Returned)
	})
}

// boundsOutsideSort reports whether q's filter has a range on a field
// its sort does not name (remindAt, leaddays, claimedAt): MongoDB may
// then rightly prefer an index that bounds that field and sort the few
// documents in its range to one that gives the order but reads more.
func boundsOutsideSort(q query) bool {
	for f := range analyze(q.Filter).rng {
		if _, inSort := fieldOK(q.Sort, f); !inSort {
			return true
		}
	}
	return false
}

// TestExplainMongoDB asks a real MongoDB (PROXENOS_TEST_MONGODB_URI; it
// skips on FerretDB and without one) for the plan of every query shape:
// with executionStats on a seeded database for the exercise's reads, and
// with queryPlanner for each conformance case's. Each winning plan must
// read an index, scan no collection, and sort nothing in memory where an
// index gives the order.
func TestExplainMongoDB(t *testing.T) {
	probe := openRecorded(t, &recorder{})
	if ok, why := serverIsMongoDB(t, probe); !ok {
		t.Skip(why)
	}
	t.Run("Seeded", func(t *testing.T) {
		r := &recorder{}
		db := openRecorded(t, r)
		ops := seedExercise(t, storage.NewMongoStore(db), 500)
		r.take()
		for _, op := range ops {
			r.setWhere(op.name)
			if err := op.run(); err != nil {
				t.Fatalf("%s: %v", op.name, err)
			}
		}
		explainAll(t, db, r.take(), "executionStats")
	})
	t.Run("Conformance", func(t *testing.T) {
		storagetest.Run(t, func(t *testing.T, now func() time.Time) *storage.Store {
			r := &recorder{where: t.Name()}
			db := openRecorded(t, r)
			db.Now = now
			// Before the database is dropped: cleanups run last first.
			t.Cleanup(func() { explainAll(t, db, r.take(), "queryPlanner") })
			return storage.NewMongoStore(db)
		})
	})
}

// TestExplainCommands sends the explain command (executionStats) of each
// query shape of the exercise to the test server through explainEach,
// which TestExplainMongoDB uses too, so that the commands it builds run
// wherever the tests run. On a MongoDB each answer must hold a winning
// plan. FerretDB v1 answers explain with its own shape: the SQL plan
// under queryPlanner.Plan, no winning plan, the command it explained, and
// filterPushdown, true only for a find by _id alone (the one filter its
// SQLite backend hands to SQL): that shows the filter reached the server
// as the store sent it.
func TestExplainCommands(t *testing.T) {
	r := &recorder{}
	db := openRecorded(t, r)
	isMongo, _ := serverIsMongoDB(t, db)
	ops := seedExercise(t, storage.NewMongoStore(db), 3)
	r.take()
	for _, op := range ops {
		r.setWhere(op.name)
		if err := op.run(); err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
	}
	explainEach(t, db, r.take(), "executionStats", func(t *testing.T, q query, answer bson.Raw, p plan) {
		if isMongo {
			if !p.Found {
				t.Errorf("explain %s: no winning plan in %s", q.shape(), answer)
			}
			return
		}
		var ferret struct {
			QueryPlanner struct {
				Plan []string `bson:"Plan"`
			} `bson:"queryPlanner"`
			Command        bson.D `bson:"command"`
			FilterPushdown bool   `bson:"filterPushdown"`
		}
		if err := bson.Unmarshal(answer, &ferret); err != nil {
			t.Fatal(err)
		}
		_, byID := fieldOK(q.Filter, "_id")
		switch {
		case p.Found:
			t.Errorf("%s: FerretDB answered with a MongoDB winning plan: %s", q.shape(), answer)
		case len(ferret.QueryPlanner.Plan) == 0:
			t.Errorf("%s: no SQL plan in %s", q.shape(), answer)
		case field(ferret.Command, q.Op) != q.Coll:
			t.Errorf("%s: explained %v, want %s of %s", q.shape(), ferret.Command, q.Op, q.Coll)
		case ferret.FilterPushdown != (byID && len(q.Filter) == 1 && q.Op != "aggregate"):
			t.Errorf("%s: filterPushdown %v", q.shape(), ferret.FilterPushdown)
		}
	})
}

// TestPlanProblem reads explain answers of MongoDB, written after the
// shapes the MongoDB manual documents (classic and slot-based engines, an
// aggregate's $cursor, an $or merged in order, MongoDB 8's express path),
// and checks what problem reports of each.
func TestPlanProblem(t *testing.T) {
	for _, tt := range []struct {
		file   string
		sorted bool
		want   string // the start of the problem; "" for none
	}{
		{"find_ixscan.json", true, ""},
		{"find_sort.json", true, "in-memory SORT"},
		{"find_sort.json", false, ""},
		{"find_collscan.json", false, "COLLSCAN"},
		{"find_sbe.json", true, ""},
		{"aggregate_cursor.json", false, ""},
		{"aggregate_pushdown.json", false, ""},
		{"or_sort_merge.json", true, ""},
		{"update_idhack.json", false, ""},
		{"express_idlookup.json", false, ""},
		{"count_scan.json", false, ""},
		{"ferretdb.json", false, "the answer has no winning plan"},
		{"eof.json", true, ""},
	} {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "explain", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var answer bson.Raw
			if err := bson.UnmarshalExtJSON(b, false, &answer); err != nil {
				t.Fatal(err)
			}
			p, err := readPlan(answer)
			if err != nil {
				t.Fatal(err)
			}
			got := p.problem(tt.sorted)
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Fatalf("problem(sorted=%v) = %q, want %q (stages %v)", tt.sorted, got, tt.want, p.Stages)
			}
		})
	}
}
