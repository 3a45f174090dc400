package mongo_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/proxenos/proxenos/storage/mongo"
)

// recorder keeps the queries a store sends, read off the driver's
// command monitor: every find, count, distinct, update, delete and
// findAndModify, with its filter and sort.
type recorder struct {
	mu      sync.Mutex
	where   string // the test that sends the commands
	queries []query
}

// query is one filter a store sent, in the form the index rule reads.
type query struct {
	Coll   string
	Op     string // find, aggregate, count, distinct, update, delete, findAndModify
	Filter bson.D
	Sort   bson.D
	Key    string   // the field distinct reads
	Stmt   int      // which statement of an update or delete
	Cmd    bson.Raw // the command as sent, for explain
	Where  string   // the test that sent it
}

// monitor returns a command monitor that records into r.
func (r *recorder) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		// The driver may reuse the command's buffer: keep a copy.
		cmd := append(bson.Raw(nil), e.Command...)
		qs, err := parseCommand(e.CommandName, cmd)
		if err != nil {
			// Kept, for checkQueries to fail on: no panic in the driver's call.
			qs = []query{{Op: "unreadable " + e.CommandName + ": " + err.Error(), Cmd: cmd}}
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		for i := range qs {
			qs[i].Where = r.where
		}
		r.queries = append(r.queries, qs...)
	}}
}

// setWhere names the test whose commands follow.
func (r *recorder) setWhere(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.where = name
}

// take returns the queries recorded so far and forgets them.
func (r *recorder) take() []query {
	r.mu.Lock()
	defer r.mu.Unlock()
	qs := r.queries
	r.queries = nil
	return qs
}

// parseCommand returns the queries of one command: none for commands that
// read no documents by filter (insert, createIndexes, getMore, …), one
// per statement of an update or delete.
func parseCommand(name string, cmd bson.Raw) ([]query, error) {
	var doc bson.D
	if err := bson.Unmarshal(cmd, &doc); err != nil {
		return nil, err
	}
	coll, _ := field(doc, name).(string)
	q := query{Coll: coll, Op: name, Cmd: cmd}
	switch name {
	case "find":
		q.Filter, _ = field(doc, "filter").(bson.D)
		q.Sort, _ = field(doc, "sort").(bson.D)
	case "count":
		q.Filter, _ = field(doc, "query").(bson.D)
	case "distinct":
		q.Filter, _ = field(doc, "query").(bson.D)
		q.Key, _ = field(doc, "key").(string)
	case "findAndModify":
		q.Filter, _ = field(doc, "query").(bson.D)
		q.Sort, _ = field(doc, "sort").(bson.D)
	case "aggregate":
		// The driver counts with $match then $group: the filter is the
		// leading $match, the order a $sort right after it.
		pipeline, _ := field(doc, "pipeline").(bson.A)
		for i, st := range pipeline {
			stage, _ := st.(bson.D)
			if m, ok := field(stage, "$match").(bson.D); ok && i == 0 {
				q.Filter = m
			} else if s, ok := field(stage, "$sort").(bson.D); ok && i <= 1 {
				q.Sort = s
			}
		}
	case "update", "delete":
		list, key := "updates", "q"
		if name == "delete" {
			list = "deletes"
		}
		var out []query
		stmts, _ := field(doc, list).(bson.A)
		for i, s := range stmts {
			stmt, _ := s.(bson.D)
			one := q
			one.Filter, _ = field(stmt, key).(bson.D)
			one.Stmt = i
			out = append(out, one)
		}
		return out, nil
	default:
		return nil, nil
	}
	return []query{q}, nil
}

// field returns the value of key in d, or nil.
func field(d bson.D, key string) any {
	for _, e := range d {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// shape returns q's filter with every value replaced by "?", and its sort:
// the query as an index sees it, for messages and to tell queries apart.
func (q query) shape() string {
	s := q.Coll + " " + q.Op + " " + shapeOf(q.Filter)
	if len(q.Sort) > 0 {
		s += " sort " + sortShape(q.Sort)
	}
	if q.Key != "" {
		s += " key " + q.Key
	}
	return s
}

// sortShape writes a sort or an index's key pattern: {date: -1, _id: -1}.
func sortShape(keys bson.D) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %v", k.Key, k.Value)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// shapeOf writes a filter with the values of its fields hidden, and the
// operators kept; a list shows each distinct shape of its members once.
func shapeOf(v any) string {
	switch v := v.(type) {
	case bson.D:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = e.Key + ": " + valueShape(e.Key, e.Value)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case bson.A:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = shapeOf(e)
		}
		return "[" + strings.Join(slices.Compact(parts), ", ") + "]"
	}
	return "?"
}

// valueShape hides a value unless it is an operator's document or list.
func valueShape(key string, v any) string {
	switch v := v.(type) {
	case bson.D:
		if len(v) > 0 && strings.HasPrefix(v[0].Key, "$") {
			return shapeOf(v)
		}
	case bson.A:
		if strings.HasPrefix(key, "$") {
			return shapeOf(v)
		}
	}
	return "?"
}

// openRecorded opens a fresh database on the test server whose commands
// r records, dropped and closed when tb ends.
func openRecorded(tb testing.TB, r *recorder) *mongo.DB {
	tb.Helper()
	u, err := url.Parse(serverURI)
	if err != nil {
		tb.Fatal(err)
	}
	name := fmt.Sprintf("proxenos_idx_%d_%d", os.Getpid(), dbSeq.Add(1))
	db, err := mongo.OpenMonitored(context.Background(), u.String(), name, r.monitor())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.DropDatabase(context.Background()); err != nil {
			tb.Error(err)
		}
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}
