package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/storage/internal/search"
)

// entryKey is an entry's place in list order and its identity: date,
// then protocol year and number, all descending.
type entryKey struct {
	Date, Year, Number int64
}

// keyOrder is the list order, on the driving rows d.
const keyOrder = ` ORDER BY d.date DESC, d.year DESC, d.number DESC`

// FindCorrespondence returns the entries matching filter, ranked as the
// filter's doc comment says, and the total count of matches; a search
// counts at most proxenos.MaxSearchCount.
//
// Each condition can list its entries in result order from an index
// (the search index for words, prefixes, stems and tags; the partner,
// country, direction and date indexes of correspondence), so a query walks the one
// that selects fewest entries, newest first, checks the others by
// primary-key probes, and stops when it has what it must return.
func (s *CorrespondenceService) FindCorrespondence(ctx context.Context, f proxenos.CorrespondenceFilter) ([]*proxenos.Correspondence, int, error) {
	team, err := proxenos.RequireTeam(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := search.Page(f.Offset, f.Limit)
	words := search.Query(f.Query)
	if f.Query != "" && len(words) == 0 {
		return nil, 0, nil // only punctuation: nothing can match
	}
	q, filters := newFinder(s.db, team, f)
	var keys []entryKey
	total := 0
	if len(words) == 0 {
		keys, total, err = q.list(ctx, filters, f.Direction, offset, limit)
	} else {
		keys, total, err = q.search(ctx, filters, words, offset, limit)
	}
	if err != nil {
		return nil, 0, translate(err, "find correspondence", team)
	}
	out, err := s.docs(ctx, team, keys)
	return out, total, err
}

// newFinder returns the finder of f's entries in team and the
// conditions they meet besides the period and the query. Every
// condition is fixed SQL; user text only travels as a bound argument.
func newFinder(db *DB, team string, f proxenos.CorrespondenceFilter) (*finder, []condition) {
	q := &finder{db: db, team: team, estimates: map[string]int{}, hi: 1<<slotShift - 1}
	if !f.From.IsZero() {
		q.lo = dateOffset(f.From.Unix())
	}
	if !f.To.IsZero() {
		q.hi = dateOffset(f.To.Unix()) - 1
	}
	var filters []condition
	if f.Tag != "" {
		filters = append(filters, q.match(tagMatch(proxenos.SearchKey(f.Tag))))
	}
	if f.PartnerID != "" {
		filters = append(filters, colCond{"partner_id", f.PartnerID, "correspondence_partner"})
	}
	if f.Country != "" {
		filters = append(filters, colCond{"country_key", proxenos.SearchKey(f.Country), "correspondence_country"})
	}
	if f.Direction != "" {
		filters = append(filters, colCond{"direction", string(f.Direction), "correspondence_direction"})
	}
	// The period is half-open, [From, To), as for usage: a month is
	// From = the 1st, To = the 1st of the next month.
	if !f.From.IsZero() {
		q.period, q.periodArgs = q.period+" AND d.date >= ?", append(q.periodArgs, f.From.Unix())
	}
	if !f.To.IsZero() {
		q.period, q.periodArgs = q.period+" AND d.date < ?", append(q.periodArgs, f.To.Unix())
	}
	return q, filters
}

// finder runs one FindCorrespondence or EachCorrespondence.
type finder struct {
	db         *DB
	team       string
	period     string // " AND d.date ..." on the driving rows
	periodArgs []any
	lo, hi     int64          // the period as rowids of the search index, within a slot
	estimates  map[string]int // by driving SQL and arguments
}

// match returns the condition that an entry of the period matches expr.
func (q *finder) match(expr string) matchCond {
	return matchCond{expr, q.lo, q.hi}
}

// withMatch returns conds with expr required too: added to their
// matchCond, so that one search of the index does both.
func (q *finder) withMatch(conds []condition, expr string) []condition {
	out := slices.Clone(conds)
	for i, c := range out {
		if m, ok := c.(matchCond); ok {
			m.expr = "(" + m.expr + ") AND (" + expr + ")"
			out[i] = m
			return out
		}
	}
	return append(out, q.match(expr))
}

// list returns a page of the entries meeting every condition, and their
// exact number: from the workspace's counts when only the direction
// filters, else counted along the driving index.
func (q *finder) list(ctx context.Context, conds []condition, dir proxenos.Direction, offset, limit int) ([]entryKey, int, error) {
	from, fromArgs, err := q.plan(ctx, conds)
	if err != nil || from == "" {
		return nil, 0, err
	}
	keys, err := q.keys(ctx, from+` LIMIT ? OFFSET ?`, append(fromArgs, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	var total int
	var m matchCond
	onlyMatch := false
	if len(conds) == 1 {
		m, onlyMatch = conds[0].(matchCond)
	}
	switch {
	case q.period == "" && (len(conds) == 0 || len(conds) == 1 && dir != ""):
		err = q.db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(n), 0) FROM correspondence_counts WHERE team = ? AND (? = '' OR direction = ?)`,
			q.team, string(dir), string(dir)).Scan(&total)
	case onlyMatch:
		// The index's rowids alone: its range is the period.
		where, args := m.where(q.team)
		err = q.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM correspondence_search f WHERE `+where, args...).Scan(&total)
	default:
		err = q.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+from+`)`, fromArgs...).Scan(&total)
	}
	return keys, total, err
}

// search returns a page of the ranked matches of words among the entries
// meeting filters, and their number up to proxenos.MaxSearchCount.
// Tier 1 (every word whole) comes before tier 2 (every word a prefix,
// some not whole), and tier 2 before tier 3 (every word a prefix or a
// stem, some not a prefix); each tier is read in list order up to what
// the page and the capped count need, so none is ever sorted.
func (q *finder) search(ctx context.Context, filters []condition, words []string, offset, limit int) ([]entryKey, int, error) {
	var page []entryKey
	total := 0
	for _, tier := range searchTiers(words) {
		// Once the page runs past a tier, the count of those before it
		// is exact, so this tier starts at the right place.
		skip, left := max(offset-total, 0), limit-len(page)
		want := max(proxenos.MaxSearchCount-total, 0)
		if left > 0 {
			want = max(want, skip+left)
		}
		if want == 0 {
			break
		}
		keys, err := q.first(ctx, q.withMatch(filters, tier), want)
		if err != nil {
			return nil, 0, err
		}
		n := len(keys)
		if left > 0 {
			page = append(page, keys[min(skip, n):min(skip+left, n)]...)
		}
		total += n
	}
	return page, min(total, proxenos.MaxSearchCount), nil
}

// first returns the first n entries, in list order, meeting conds.
func (q *finder) first(ctx context.Context, conds []condition, n int) ([]entryKey, error) {
	from, args, err := q.plan(ctx, conds)
	if err != nil || from == "" {
		return nil, err
	}
	return q.keys(ctx, from+` LIMIT ?`, append(args, n)...)
}

// probeBelow is the estimate under which a condition drives the query
// and the others are probed for each of its rows; when every condition
// that can drive selects more, their index streams are merged instead.
var probeBelow = 500

// plan returns a SELECT of the keys of the entries meeting every
// condition, in list order, or "" when some condition selects nothing.
//
// When a condition selects few entries (by a capped count of its index
// range), its rows d drive and the others are checked by primary-key
// probes. When all select many, the index streams of the columns are
// merged (INTERSECT of ordered streams reads each once, no seeks, and
// stops at the LIMIT) and the rest are probed on the merged rows only.
// With no condition that can drive, every entry of the period is walked
// newest first.
func (q *finder) plan(ctx context.Context, conds []condition) (string, []any, error) {
	var candidates []int
	for i, c := range conds {
		if c.drives() {
			candidates = append(candidates, i)
		}
	}
	// A condition's stream within the period is part of the period, so
	// every entry of the period drives only when nothing else can.
	driver := -1
	if len(candidates) == 1 {
		driver = candidates[0]
	} else if len(candidates) > 1 {
		best := probeBelow
		for _, i := range candidates {
			n, err := q.estimate(ctx, conds[i])
			if err != nil || n == 0 {
				return "", nil, err
			}
			if n < best {
				driver, best = i, n
			}
		}
		if driver < 0 {
			return q.merge(conds, candidates)
		}
	}
	var d condition = allCond{}
	if driver >= 0 {
		d = conds[driver]
	}
	table, where, args := d.from(q.team)
	args = append(args, q.periodArgs...)
	var probes string
	for i, c := range conds {
		if i != driver {
			p, pargs := c.probe(q.team, true)
			probes, args = probes+" AND "+p, append(args, pargs...)
		}
	}
	return `SELECT d.date, d.year, d.number FROM ` + table + " WHERE " + where + q.period + probes + d.order(), args, nil
}

// merge returns a SELECT of the keys meeting every condition, in list
// order: the INTERSECT of the ordered index streams of the columns among
// conds[streams], with the other conditions probed on its rows. The
// search index's stream is in rowid order, which a compound would sort
// again: it is probed.
func (q *finder) merge(conds []condition, streams []int) (string, []any, error) {
	var arms []string
	var args []any
	merged := map[int]bool{}
	for _, i := range streams {
		if _, ok := conds[i].(colCond); !ok {
			continue
		}
		table, where, wargs := conds[i].from(q.team)
		arms = append(arms, `SELECT d.date, d.year, d.number FROM `+table+` WHERE `+where+q.period)
		args, merged[i] = append(append(args, wargs...), q.periodArgs...), true
	}
	// The compound keeps its ORDER BY: the outer query adds none, so it
	// reads the merged rows as they come and its LIMIT stops the merge.
	sel := `SELECT d.date, d.year, d.number FROM (` + strings.Join(arms, " INTERSECT ") +
		` ORDER BY 1 DESC, 2 DESC, 3 DESC) d WHERE 1`
	for i, c := range conds {
		if !merged[i] {
			p, pargs := c.probe(q.team, false)
			sel, args = sel+" AND "+p, append(args, pargs...)
		}
	}
	return sel, args, nil
}

// estimate returns how many entries of the period c selects, counting
// at most probeBelow of them along c's index.
func (q *finder) estimate(ctx context.Context, c condition) (int, error) {
	return q.estimateUpTo(ctx, c, probeBelow)
}

// estimateUpTo returns how many entries of the period c selects,
// counting at most limit of them along c's index.
func (q *finder) estimateUpTo(ctx context.Context, c condition, limit int) (int, error) {
	table, where, args := c.from(q.team)
	from := table + " WHERE " + where + q.period
	args = append(args, q.periodArgs...)
	key := fmt.Sprint(from, args, limit)
	if n, ok := q.estimates[key]; ok {
		return n, nil
	}
	var n int
	err := q.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+from+` LIMIT ?)`,
		append(args, limit)...).Scan(&n)
	q.estimates[key] = n
	return n, err
}

// keys runs a query of entry keys.
func (q *finder) keys(ctx context.Context, query string, args ...any) ([]entryKey, error) {
	rows, err := q.db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []entryKey
	for rows.Next() {
		var k entryKey
		if err := rows.Scan(&k.Date, &k.Year, &k.Number); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// condition is one thing an entry must meet, as SQL on the driving row d
// (which has date, year and number).
type condition interface {
	// drives reports whether an index lists the entries meeting the
	// condition in list order.
	drives() bool
	// from returns the tables (the entries as d) and the condition on
	// them that list those entries, when it drives.
	from(team string) (table, where string, args []any)
	// order returns the ORDER BY that reads from's rows in list order
	// along its index.
	order() string
	// probe returns an expression true when d meets the condition;
	// onEntry says that d is a row of correspondence.
	probe(team string, onEntry bool) (string, []any)
}

// matchCond: the entry, registered within the rowids [lo, hi] of its
// workspace's slot, matches expr in the search index.
type matchCond struct {
	expr   string
	lo, hi int64
}

// The index lists matches by rowid, which is list order.
func (matchCond) drives() bool { return true }

// slotBase is the first rowid of the workspace's slot (NULL, so no row,
// when it has none).
const slotBase = `(SELECT slot << 54 FROM search_slots WHERE team = ?)`

func (c matchCond) from(team string) (string, string, []any) {
	where, args := c.where(team)
	return `correspondence_search f CROSS JOIN correspondence d INDEXED BY correspondence_search_id ON d.search_id = f.rowid`,
		where, args
}

// where returns the condition on the index's rows f.
func (c matchCond) where(team string) (string, []any) {
	return `f.correspondence_search MATCH ? AND f.rowid BETWEEN ` + slotBase + ` + ? AND ` + slotBase + ` + ?`,
		[]any{c.expr, team, c.lo, team, c.hi}
}

func (matchCond) order() string { return ` ORDER BY f.rowid DESC` }

// probe searches the index for d's row alone, by its rowid.
func (c matchCond) probe(team string, onEntry bool) (string, []any) {
	if onEntry {
		return `EXISTS (SELECT 1 FROM correspondence_search s WHERE s.correspondence_search MATCH ? AND s.rowid = d.search_id)`,
			[]any{c.expr}
	}
	return `EXISTS (SELECT 1 FROM correspondence e CROSS JOIN correspondence_search s ON s.rowid = e.search_id
		WHERE e.team = ? AND e.year = d.year AND e.number = d.number AND s.correspondence_search MATCH ?)`, []any{team, c.expr}
}

// colCond: the entry's column col equals value; index, when set, lists
// the entries by (team, col) in list order. col is one of this package's
// constants, never user text.
type colCond struct {
	col, value, index string
}

// Partner, country and direction each have an index in list order.
func (c colCond) drives() bool { return c.index != "" }

func (c colCond) from(team string) (string, string, []any) {
	return `correspondence d INDEXED BY ` + c.index, `d.team = ? AND d.` + c.col + ` = ?`, []any{team, c.value}
}

func (colCond) order() string { return keyOrder }

// probe reads the column on d itself, or on d's entry row found by its
// unique (team, year, number).
func (c colCond) probe(team string, onEntry bool) (string, []any) {
	if onEntry {
		return `d.` + c.col + ` = ?`, []any{c.value}
	}
	return `EXISTS (SELECT 1 FROM correspondence x WHERE x.team = ? AND x.year = d.year AND x.number = d.number
		AND x.` + c.col + ` = ?)`, []any{team, c.value}
}

// allCond is every entry of the workspace, newest first.
type allCond struct{}

func (allCond) drives() bool { return true }

func (allCond) from(team string) (string, string, []any) {
	return `correspondence d INDEXED BY correspondence_date`, `d.team = ?`, []any{team}
}

func (allCond) order() string { return keyOrder }

// Every entry meets it.
func (allCond) probe(string, bool) (string, []any) { return "1", nil }

// docs reads the entries with the given keys, in that order.
func (s *CorrespondenceService) docs(ctx context.Context, team string, keys []entryKey) ([]*proxenos.Correspondence, error) {
	loc := proxenos.ZoneFromContext(ctx)
	raw, err := s.rawDocs(ctx, team, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*proxenos.Correspondence, 0, len(raw))
	for _, doc := range raw {
		c, err := decodeEntry(doc, loc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// rawDocs reads the JSON of the entries with the given keys, in that
// order; an entry gone meanwhile is left out.
func (s *CorrespondenceService) rawDocs(ctx context.Context, team string, keys []entryKey) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	pairs := make([][2]int64, len(keys))
	for i, k := range keys {
		pairs[i] = [2]int64{k.Year, k.Number}
	}
	list, _ := json.Marshal(pairs) // integers always encode
	rows, err := s.db.db.QueryContext(ctx, `SELECT c.year, c.number, d.doc FROM json_each(?) j
		CROSS JOIN correspondence c CROSS JOIN correspondence_docs d
		WHERE c.team = ? AND c.year = j.value ->> 0 AND c.number = j.value ->> 1 AND d.id = c.id`, string(list), team)
	if err != nil {
		return nil, translate(err, "read correspondence", team)
	}
	defer rows.Close()
	byKey := make(map[[2]int64]string, len(keys))
	for rows.Next() {
		var k [2]int64
		var doc string
		if err := rows.Scan(&k[0], &k[1], &doc); err != nil {
			return nil, translate(err, "read correspondence", team)
		}
		byKey[k] = doc
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, "read correspondence", team)
	}
	out := make([]string, 0, len(keys))
	for _, p := range pairs {
		if doc, ok := byKey[p]; ok {
			out = append(out, doc)
		}
	}
	return out, nil
}
