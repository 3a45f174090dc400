package mongo_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/proxenos/proxenos/storage"
	"github.com/proxenos/proxenos/storage/mongo"
	"github.com/proxenos/proxenos/storage/storagetest"
)

// predicates is a filter as an index sees it.
type predicates struct {
	eq       map[string]bool // value, $eq, $in, $all: point bounds
	rng      map[string]bool // $gt, $gte, $lt, $lte: one interval
	residual []string        // checked on each fetched document
	or       []bson.D        // branches of a top-level $or that stands alone
}

// analyze sorts filter's conditions. $and clauses count as if written at
// the top. $in is equality: MongoDB scans each value as a point and, when
// a sort follows, merges the scans in order (SORT_MERGE, not a blocking
// SORT). $all scans one of its values. A $regex (an anchored prefix, as
// the store writes them) scans a range. $ne, $nin, $exists, $not and an
// $or beside other conditions narrow no index scan: MongoDB applies them
// to the documents the scan fetches, so they need no index. An $or that
// is the whole filter needs an index for each branch.
func analyze(filter bson.D) predicates {
	p := predicates{eq: map[string]bool{}, rng: map[string]bool{}}
	p.add(filter)
	if len(p.or) > 0 && (len(p.eq) > 0 || len(p.rng) > 0) {
		p.residual = append(p.residual, "$or")
		p.or = nil
	}
	return p
}

// add sorts the conditions of one document into p.
func (p *predicates) add(filter bson.D) {
	for _, e := range filter {
		switch e.Key {
		case "$and":
			for _, c := range asList(e.Value) {
				d, _ := c.(bson.D)
				p.add(d)
			}
			continue
		case "$or":
			for _, c := range asList(e.Value) {
				d, _ := c.(bson.D)
				p.or = append(p.or, d)
			}
			continue
		case "$nor", "$expr", "$where", "$text", "$comment":
			p.residual = append(p.residual, e.Key)
			continue
		}
		ops, ok := e.Value.(bson.D)
		if !ok || len(ops) == 0 || !strings.HasPrefix(ops[0].Key, "$") {
			p.eq[e.Key] = true // a plain value (an array field's element, too)
			continue
		}
		for _, op := range ops {
			switch op.Key {
			case "$eq", "$in", "$all":
				p.eq[e.Key] = true
			case "$gt", "$gte", "$lt", "$lte", "$regex":
				// The store's patterns are anchored prefixes: a range.
				p.rng[e.Key] = true
			default:
				p.residual = append(p.residual, e.Key+" "+op.Key)
			}
		}
	}
}

// asList returns v as a list, or nil.
func asList(v any) bson.A {
	a, _ := v.(bson.A)
	return a
}

// direction returns 1 or -1 for an index key's or a sort's direction.
func direction(v any) int {
	switch v := v.(type) {
	case int32:
		return int(v)
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0 // a special index (text, 2d…), which serves no sort
}

// supports reports whether an index with key pattern keys serves a query
// of p in sort order, by MongoDB's rule (ESR): the pattern begins with
// equality fields, in any order among themselves, then goes on with the
// sort fields in order, all in the sort's direction or all reversed
// (fields bound by equality may stand between them or be left out of
// it), and range fields may follow. An index that begins with no
// equality field serves only a query that has none: a sort it gives, or
// a range on its first field. Equality fields the pattern leaves out are
// checked on the fetched documents; residual lists them.
func supports(keys bson.D, p predicates, sort bson.D) (ok bool, residual []string) {
	i := 0
	for i < len(keys) && p.eq[keys[i].Key] {
		i++
	}
	lead := i
	sign := 0
	for j := 0; j < len(sort); {
		switch {
		case i < len(keys) && keys[i].Key == sort[j].Key:
			s := direction(keys[i].Value) * direction(sort[j].Value)
			if s == 0 || sign != 0 && s != sign {
				return false, nil
			}
			sign = s
			i, j = i+1, j+1
		case p.eq[sort[j].Key]:
			j++ // one value: nothing to order
		case i < len(keys) && p.eq[keys[i].Key]:
			i++
		default:
			return false, nil
		}
	}
	switch {
	case lead == 0 && len(p.eq) > 0:
		return false, nil
	case lead == 0 && len(sort) == 0 && (len(keys) == 0 || !p.rng[keys[0].Key]):
		return false, nil
	}
	for f := range p.eq {
		if !slices.ContainsFunc(keys[:lead], func(k bson.E) bool { return k.Key == f }) {
			residual = append(residual, f)
		}
	}
	slices.Sort(residual)
	return true, residual
}

// index is one index of a collection, as listIndexes returns it.
type index struct {
	Name string `bson:"name"`
	Keys bson.D `bson:"key"`
}

// verdict is what the rule says of one query.
type verdict struct {
	Index    string   // the index that serves it, "_id_" for an _id lookup
	Residual []string // equality fields left to the fetch
	Problem  string   // why no index serves it; empty when one does
}

// judge applies the rule to q against the indexes of its collection.
// Lookups by _id (a value, or $eq / $in) are served by the _id index.
func judge(q query, indexes []index) verdict {
	if id, ok := fieldOK(q.Filter, "_id"); ok {
		if ops, isDoc := id.(bson.D); !isDoc || len(ops) > 0 && (ops[0].Key == "$eq" || ops[0].Key == "$in") {
			return verdict{Index: "_id_"}
		}
	}
	sort := q.Sort
	if q.Key != "" {
		sort = bson.D{{Key: q.Key, Value: int32(1)}} // distinct walks the key's values in order
	}
	p := analyze(q.Filter)
	if len(p.or) > 0 {
		// Each branch on its own index, merged in order.
		var names []string
		for _, branch := range p.or {
			b := branch
			v := judge(query{Filter: b, Sort: sort}, indexes)
			if v.Problem != "" {
				return verdict{Problem: "$or branch " + shapeOf(b) + ": " + v.Problem}
			}
			names = append(names, v.Index)
		}
		return verdict{Index: strings.Join(names, " | ")}
	}
	// The index that leaves the fewest equality fields to the fetch.
	var best *verdict
	for _, ix := range indexes {
		if ok, residual := supports(ix.Keys, p, sort); ok && (best == nil || len(residual) < len(best.Residual)) {
			best = &verdict{Index: ix.Name, Residual: residual}
		}
	}
	if best != nil {
		return *best
	}
	return verdict{Problem: fmt.Sprintf("no index of %s begins with the equality fields %v, then the sort %s, then the range fields %v",
		q.Coll, keysOf(p.eq), sortShape(sort), keysOf(p.rng))}
}

// fieldOK returns the value of key in d and whether it is there.
func fieldOK(d bson.D, key string) (any, bool) {
	for _, e := range d {
		if e.Key == key {
			return e.Value, true
		}
	}
	return nil, false
}

// keysOf returns a set's members, sorted.
func keysOf(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// listIndexes reads the indexes of coll from the server: none when the
// collection does not exist.
func listIndexes(t *testing.T, db *mongo.DB, coll string) []index {
	t.Helper()
	raw, err := db.RunCommand(context.Background(), bson.D{{Key: "listIndexes", Value: coll}})
	var se driver.ServerError
	if errors.As(err, &se) && se.HasErrorCode(26) { // NamespaceNotFound
		return nil
	} else if err != nil {
		t.Fatalf("listIndexes %s: %v", coll, err)
	}
	var res struct {
		Cursor struct {
			FirstBatch []index `bson:"firstBatch"`
		} `bson:"cursor"`
	}
	if err := bson.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	return res.Cursor.FirstBatch
}

// exportByID is why the export's reads by _id are exempt.
const exportByID = "export reads a whole workspace once, in _id order: a (team, _id) index on each collection " +
	"only for it is not worth its writes"

// exempt lists the query shapes no index serves, on purpose, with why.
// The explain test still requires them to use no COLLSCAN where an
// index of the collection can give their order.
var exempt = map[string]string{
	"agreements find {remindAt: {$exists: ?}}": "Open fills in the reminder dates of agreements stored before they " +
		"were kept: one scan of a few hundred agreements at start-up",
	"preferences distinct {} key team":                          "export lists workspaces: one preference per user",
	"preferences find {team: ?} sort {_id: 1}":                  "export: one preference per user; read in _id order",
	"partners find {team: ?} sort {_id: 1}":                     exportByID,
	"contacts find {team: ?} sort {_id: 1}":                     exportByID,
	"calls find {team: ?} sort {_id: 1}":                        exportByID,
	"agreements find {team: ?} sort {_id: 1}":                   exportByID,
	"obligations find {team: ?} sort {_id: 1}":                  exportByID,
	"usage find {team: ?} sort {_id: 1}":                        exportByID,
	"calendar_feeds find {team: ?} sort {createdAt: 1, _id: 1}": "export: a few feeds per user, sorted in memory",
	"intake delete {team: ?}":                                   deleteWorkspace,
	"obligation_claims delete {team: ?}":                        deleteWorkspace,
	"correspondence_sources delete {team: ?}":                   deleteWorkspace,
	"preferences delete {team: ?}":                              deleteWorkspace,
	"receipts delete {team: ?}":                                 deleteWorkspace,
}

// deleteWorkspace is why `proxenos workspace delete` may scan a
// collection.
const deleteWorkspace = "workspace delete runs once per workspace, by an operator: a team index only for it " +
	"is not worth its writes"

// checkQueries fails t for every query of qs no index of db serves,
// naming the collection, the filter's shape, the sort and the test that
// sent it; each shape is reported once. It returns the verdicts by shape.
func checkQueries(t *testing.T, db *mongo.DB, qs []query) map[string]verdict {
	t.Helper()
	indexes := map[string][]index{}
	out := map[string]verdict{}
	for _, q := range qs {
		shape := q.shape()
		if _, seen := out[shape]; seen {
			continue
		}
		if strings.HasPrefix(q.Op, "unreadable ") {
			t.Errorf("%s (sent by %s)", q.Op, q.Where)
			continue
		}
		if _, ok := indexes[q.Coll]; !ok {
			indexes[q.Coll] = listIndexes(t, db, q.Coll)
		}
		v := judge(q, indexes[q.Coll])
		out[shape] = v
		switch why, ok := exempt[shape]; {
		case v.Problem != "" && ok:
			t.Logf("exempt: %s (%s)", shape, why)
		case v.Problem != "":
			t.Errorf("collection %s: no index supports %s %s (sent by %s): %s", q.Coll, q.Op, shapeOf(q.Filter)+sortText(q), q.Where, v.Problem)
		case len(v.Residual) > 0:
			t.Logf("%s: %s, then %v on each fetched document", shape, v.Index, v.Residual)
		}
	}
	return out
}

// sortText returns " sort {…}" for a query with a sort, else "".
func sortText(q query) string {
	if len(q.Sort) == 0 {
		return ""
	}
	return " sort " + sortShape(q.Sort)
}

// TestQueriesUseIndexes runs the conformance suite and the explain
// exercise with every command recorded, and checks that an index serves
// each query's filter and sort by MongoDB's rule (see supports), against
// the indexes a freshly opened database lists. It runs on FerretDB too:
// the rule reads the indexes, not a query plan.
func TestQueriesUseIndexes(t *testing.T) {
	var (
		mu  sync.Mutex
		all []query
	)
	keep := func(r *recorder) {
		mu.Lock()
		defer mu.Unlock()
		all = append(all, r.take()...)
	}
	t.Run("Conformance", func(t *testing.T) {
		storagetest.Run(t, func(t *testing.T, now func() time.Time) *storage.Store {
			if strings.HasSuffix(t.Name(), "/ConcurrentNumbers") {
				// 1000 inserts and _id probes, run by TestConformance.
				t.Skip("inserts and _id lookups only")
			}
			r := &recorder{where: t.Name()}
			db := openRecorded(t, r)
			db.Now = now
			t.Cleanup(func() { keep(r) })
			return storage.NewMongoStore(db)
		})
	})
	t.Run("Exercise", func(t *testing.T) {
		r := &recorder{where: t.Name()}
		db := openRecorded(t, r)
		ops := seedExercise(t, storage.NewMongoStore(db), 20)
		for _, op := range ops {
			r.setWhere(t.Name() + "/" + op.name)
			if err := op.run(); err != nil {
				t.Fatalf("%s: %v", op.name, err)
			}
		}
		keep(r)
	})
	r := &recorder{where: t.Name()}
	db := openRecorded(t, r)
	keep(r) // Open's own queries
	verdicts := checkQueries(t, db, all)
	colls, byID := map[string]bool{}, 0
	for _, q := range all {
		colls[q.Coll] = true
	}
	for _, v := range verdicts {
		if v.Index == "_id_" {
			byID++
		}
	}
	t.Logf("%d queries, %d shapes on %d collections: %d by _id, %d exempt", len(all), len(verdicts), len(colls), byID, len(exempt))
}

// TestOpenDropsSupersededIndexes is a database of an earlier version, with
// the glossary's index that did not end in _id: Open replaces it.
func TestOpenDropsSupersededIndexes(t *testing.T) {
	ctx := context.Background()
	old := MustOpenDB(t)
	if _, err := old.RunCommand(ctx, bson.D{{Key: "dropIndexes", Value: "glossary"}, {Key: "index", Value: "*"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.RunCommand(ctx, bson.D{{Key: "createIndexes", Value: "glossary"}, {Key: "indexes", Value: bson.A{
		bson.D{{Key: "key", Value: bson.D{{Key: "team", Value: 1}, {Key: "createdat", Value: 1}}}, {Key: "name", Value: "team_1_createdat_1"}},
	}}}); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(serverURI)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + old.Name()
	db, err := mongo.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	for _, ix := range listIndexes(t, db, "glossary") {
		got = append(got, ix.Name)
	}
	slices.Sort(got)
	if want := []string{"_id_", "team_1_createdat_1__id_1", "team_1_request_1"}; !slices.Equal(got, want) {
		t.Fatalf("glossary indexes %q, want %q", got, want)
	}
}

// TestJudge checks the index rule on queries and key patterns written out.
func TestJudge(t *testing.T) {
	d := func(kv ...any) bson.D {
		var out bson.D
		for i := 0; i < len(kv); i += 2 {
			out = append(out, bson.E{Key: kv[i].(string), Value: kv[i+1]})
		}
		return out
	}
	ix := func(name string, keys bson.D) index { return index{Name: name, Keys: keys} }
	obligations := []index{
		ix("status_due", d("team", int32(1), "status", int32(1), "due", int32(1))),
		ix("status_due_id", d("team", int32(1), "status", int32(1), "due", int32(1), "_id", int32(1))),
	}
	contacts := []index{ix("partner_date", d("team", int32(1), "partnerid", int32(1), "date", int32(-1), "_id", int32(-1)))}
	for _, tt := range []struct {
		name    string
		q       query
		indexes []index
		want    string // the index; "" when none serves
	}{
		{"OK", query{Filter: d("team", "T", "status", d("$in", bson.A{"open"})), Sort: d("due", int32(1), "_id", int32(1))},
			obligations, "status_due_id"},
		{"EqualitiesInAnyOrder", query{Filter: d("status", "open", "team", "T"), Sort: d("due", int32(1))}, obligations, "status_due"},
		{"RangeOnSortField", query{Filter: d("team", "T", "status", "open", "due", d("$gte", 1, "$lt", 2)),
			Sort: d("due", int32(1), "_id", int32(1))}, obligations, "status_due_id"},
		{"ErrSortTieBreakNotIndexed", query{Filter: d("team", "T", "status", "open"), Sort: d("due", int32(1), "_id", int32(1))},
			obligations[:1], ""},
		{"ErrFieldBeforeSortUnbound", query{Filter: d("team", "T"), Sort: d("due", int32(1), "_id", int32(1))}, obligations, ""},
		{"ErrNoEqualityPrefix", query{Filter: d("status", "open")}, obligations, ""},
		{"ReversedSort", query{Filter: d("team", "T", "partnerid", "P"), Sort: d("date", int32(1), "_id", int32(1))}, contacts, "partner_date"},
		{"ErrMixedDirections", query{Filter: d("team", "T", "partnerid", "P"), Sort: d("date", int32(-1), "_id", int32(1))}, contacts, ""},
		{"SortOnEqualityField", query{Filter: d("team", "T", "partnerid", "P"), Sort: d("partnerid", int32(1), "date", int32(-1))},
			contacts, "partner_date"},
		{"ResidualLeftToFetch", query{Filter: d("team", "T", "status", "open", "owner", "U1",
			"$and", bson.A{d("$or", bson.A{d("words", d("$ne", "x"))})}), Sort: d("due", int32(1))}, obligations, "status_due"},
		{"IDLookup", query{Filter: d("_id", "T/1", "team", "T")}, nil, "_id_"},
		{"ErrIDRange", query{Filter: d("_id", d("$gt", "T/1"))}, nil, ""},
		{"OrEachBranch", query{Filter: d("$or", bson.A{d("team", "T", "status", "open"), d("team", "T", "status", "done")})},
			obligations, "status_due | status_due"},
		{"ErrOrBranch", query{Filter: d("$or", bson.A{d("team", "T"), d("owner", "U1")})}, obligations, ""},
		{"DistinctOnPrefix", query{Key: "team"}, obligations, "status_due"},
		{"ErrDistinctNotPrefix", query{Key: "status"}, obligations, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := judge(tt.q, tt.indexes)
			if v.Index != tt.want || (v.Problem == "") != (tt.want != "") {
				t.Fatalf("judge(%s%s) = %+v, want index %q", shapeOf(tt.q.Filter), sortText(tt.q), v, tt.want)
			}
		})
	}
}

// TestOpenIndexDroppedMeanwhile is two replicas starting together on a
// database of an earlier version: the other drops the superseded index
// between this one's listing and its drop. Open succeeds all the same,
// with the new index built.
func TestOpenIndexDroppedMeanwhile(t *testing.T) {
	ctx := context.Background()
	old := MustOpenDB(t)
	if _, err := old.RunCommand(ctx, bson.D{{Key: "dropIndexes", Value: "glossary"}, {Key: "index", Value: "*"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.RunCommand(ctx, bson.D{{Key: "createIndexes", Value: "glossary"}, {Key: "indexes", Value: bson.A{
		bson.D{{Key: "key", Value: bson.D{{Key: "team", Value: 1}, {Key: "createdat", Value: 1}}}, {Key: "name", Value: "team_1_createdat_1"}},
	}}}); err != nil {
		t.Fatal(err)
	}
	// The other replica's drop lands just before this one's is sent.
	other := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		if e.CommandName == "dropIndexes" {
			if _, err := old.RunCommand(ctx, bson.D{{Key: "dropIndexes", Value: "glossary"}, {Key: "index", Value: "team_1_createdat_1"}}); err != nil {
				t.Error(err)
			}
		}
	}}
	db, err := mongo.OpenMonitored(ctx, serverURI, old.Name(), other)
	if err != nil {
		t.Fatalf("Open after another replica dropped the index: %v", err)
	}
	defer db.Close()
	var got []string
	for _, ix := range listIndexes(t, db, "glossary") {
		got = append(got, ix.Name)
	}
	slices.Sort(got)
	if want := []string{"_id_", "team_1_createdat_1__id_1", "team_1_request_1"}; !slices.Equal(got, want) {
		t.Fatalf("glossary indexes %q, want %q", got, want)
	}
}
