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

// Kinds of row in correspondence_terms.
const (
	termWord   = 0 // a whole word of the entry's search text
	termPrefix = 1 // a prefix of such a word, up to search.MaxPrefixLen characters
	termTag    = 2 // the search key of a tag
	termStem   = 3 // a stem key of a word (search.Stems)
)

// entryTerms are the terms an entry is found by, indexed by kind.
type entryTerms [4][]string

// termsOf returns the terms c is found by.
func termsOf(c *proxenos.Correspondence) entryTerms {
	words, stems := search.EntryTerms(c)
	return entryTerms{words, search.Prefixes(words), dedupe(tagKeys(c.Tags)), stems}
}

// dedupe returns items without repeats, in order.
func dedupe(items []string) []string {
	seen := make(map[string]bool, len(items))
	out := items[:0:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// minus returns, kind by kind, the terms of a that b lacks.
func minus(a, b entryTerms) entryTerms {
	var out entryTerms
	for kind := range a {
		in := make(map[string]bool, len(b[kind]))
		for _, t := range b[kind] {
			in[t] = true
		}
		for _, t := range a[kind] {
			if !in[t] {
				out[kind] = append(out[kind], t)
			}
		}
	}
	return out
}

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
// (correspondence_terms for words, prefixes and tags; the partner,
// country and date indexes of correspondence), so a query walks the one
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
	q := &finder{db: db, team: team, estimates: map[string]int{}}
	var filters []condition
	if f.Tag != "" {
		filters = append(filters, termCond{termTag, proxenos.SearchKey(f.Tag)})
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
	estimates  map[string]int // by driving SQL and arguments
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
	if q.period == "" && (len(conds) == 0 || len(conds) == 1 && dir != "") {
		err = q.db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(n), 0) FROM correspondence_counts WHERE team = ? AND (? = '' OR direction = ?)`,
			q.team, string(dir), string(dir)).Scan(&total)
	} else {
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
		keys, err := q.first(ctx, append(slices.Clip(filters), tier...), want)
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

// searchTiers returns the conditions of each tier of a search of words.
func searchTiers(words []string) [3][]condition {
	var tiers [3][]condition
	var whole, begins notAllCond
	for _, w := range words {
		b := termCond{termWord, w} // longer than any prefix kept: whole only
		if search.IsPrefixable(w) {
			b.kind = termPrefix
		}
		either := anyCond{b}
		for _, k := range search.QueryStems(w) {
			either = append(either, termCond{termStem, k})
		}
		whole = append(whole, termCond{termWord, w})
		begins = append(begins, b)
		tiers[0] = append(tiers[0], termCond{termWord, w})
		tiers[1] = append(tiers[1], b)
		tiers[2] = append(tiers[2], either)
	}
	tiers[1] = append(tiers[1], whole)
	tiers[2] = append(tiers[2], begins)
	return tiers
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
// probes. When all select many, the index streams of those that can
// drive are merged (INTERSECT of ordered streams reads each once, no
// seeks, and stops at the LIMIT) and the rest are probed on the merged
// rows only. With no condition that can drive, every entry of the
// period is walked newest first.
func (q *finder) plan(ctx context.Context, conds []condition) (string, []any, error) {
	conds, err := q.prune(ctx, conds)
	if err != nil || conds == nil {
		return "", nil, err
	}
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
			return q.merge(ctx, conds, candidates)
		}
	}
	var d condition = allCond{}
	if driver >= 0 {
		d = conds[driver]
	}
	_, onEntry := d.(colCond)
	if _, all := d.(allCond); all {
		onEntry = true
	}
	table, where, whereArgs := d.from(q.team)
	// Terms join on their primary key (at most one row each); CROSS JOIN
	// keeps d the outer loop, so rows come out in its index order.
	var joins, probes string
	var joinArgs, probeArgs []any
	for i, c := range conds {
		if i == driver {
			continue
		}
		if t, ok := c.(termCond); ok {
			j, jargs := t.join(q.team, fmt.Sprintf("x%d", i))
			joins, joinArgs = joins+j, append(joinArgs, jargs...)
			continue
		}
		p, pargs := c.probe(q.team, onEntry)
		probes, probeArgs = probes+" AND "+p, append(probeArgs, pargs...)
	}
	args := append(append(append(joinArgs, whereArgs...), q.periodArgs...), probeArgs...)
	// A merged stream keeps its own ORDER BY: the query reads its rows as
	// they come (as merge's does), where an ORDER BY here would sort them.
	order := keyOrder
	if a, ok := d.(anyCond); ok && len(a) > 1 {
		order = ""
	}
	return `SELECT d.date, d.year, d.number FROM ` + table + joins + " WHERE " + where + q.period + probes + order, args, nil
}

// merge returns a SELECT of the keys meeting every condition, in list
// order: the INTERSECT of the ordered index streams of conds[streams],
// with the other conditions probed on its rows. The terms of an anyCond
// stream lead, as UNION arms of the same compound (its operators apply
// left to right), since a compound in a subquery would be sorted again;
// only one can lead, and any other anyCond is probed.
func (q *finder) merge(ctx context.Context, conds []condition, streams []int) (string, []any, error) {
	var arms []string
	var args []any
	merged := map[int]bool{}
	if lead, err := q.leadUnion(ctx, conds, streams); err != nil {
		return "", nil, err
	} else if lead >= 0 {
		union, uargs := conds[lead].(anyCond).arms(q.team, q.period, q.periodArgs)
		arms, args, merged[lead] = []string{strings.Join(union, " UNION ")}, uargs, true
	}
	for _, i := range streams {
		if a, ok := conds[i].(anyCond); ok && len(a) > 1 {
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

// prune returns conds with the terms that select no entry of the period
// left out of each anyCond, one of a single term left as that term (so
// that it can merge with other streams), or nil when an anyCond has none
// left: most terms of a query word select nothing (the prefix of an
// inflected form, the stems of the languages an entry is not in).
func (q *finder) prune(ctx context.Context, conds []condition) ([]condition, error) {
	out := make([]condition, len(conds))
	for i, c := range conds {
		a, ok := c.(anyCond)
		if !ok || len(a) == 1 {
			out[i] = c
			continue
		}
		var kept anyCond
		for _, t := range a {
			n, err := q.estimate(ctx, t)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				kept = append(kept, t)
			}
		}
		switch len(kept) {
		case 0:
			return nil, nil
		case 1:
			out[i] = kept[0]
		default:
			out[i] = kept
		}
	}
	return out, nil
}

// leadUnion returns which anyCond of conds[streams] (of several terms)
// leads a merge: the one whose terms select fewest entries, each
// counted up to leadCount; -1 when there is none.
func (q *finder) leadUnion(ctx context.Context, conds []condition, streams []int) (int, error) {
	lead, least := -1, 0
	for _, i := range streams {
		if a, ok := conds[i].(anyCond); ok && len(a) > 1 {
			n := 0 // at least the union's, counted term by term along their index ranges
			for _, t := range a {
				m, err := q.estimateUpTo(ctx, t, leadCount)
				if err != nil {
					return -1, err
				}
				n += m
			}
			if lead < 0 || n < least {
				lead, least = i, n
			}
		}
	}
	return lead, nil
}

// leadCount is how far leadUnion counts each union: the others are
// probed on every row of the one that leads.
const leadCount = 10_000

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
	// from returns the table (as d) and the condition on it that list
	// those entries, when it drives.
	from(team string) (table, where string, args []any)
	// probe returns an expression true when d meets the condition;
	// onEntry says that d is a row of correspondence.
	probe(team string, onEntry bool) (string, []any)
}

// termCond: the entry has the term of that kind.
type termCond struct {
	kind int
	term string
}

// A term's rows are keyed by it, then by list order.
func (c termCond) drives() bool { return true }

func (c termCond) from(team string) (string, string, []any) {
	return `correspondence_terms d`, `d.team = ? AND d.kind = ? AND d.term = ?`, []any{team, c.kind, c.term}
}

// join returns a CROSS JOIN, as alias, of the term's row for d.
func (c termCond) join(team, alias string) (string, []any) {
	return ` CROSS JOIN correspondence_terms ` + alias + ` ON ` + alias + `.team = ? AND ` + alias + `.kind = ? AND ` +
			alias + `.term = ? AND ` + alias + `.date = d.date AND ` + alias + `.year = d.year AND ` + alias + `.number = d.number`,
		[]any{team, c.kind, c.term}
}

// probe looks the term's row for d up by its whole primary key.
func (c termCond) probe(team string, _ bool) (string, []any) {
	return `EXISTS (SELECT 1 FROM correspondence_terms x WHERE x.team = ? AND x.kind = ? AND x.term = ?
		AND x.date = d.date AND x.year = d.year AND x.number = d.number)`, []any{team, c.kind, c.term}
}

// anyCond: the entry has at least one of the terms.
type anyCond []termCond

// Each term's rows come in list order, and so does their union.
func (c anyCond) drives() bool { return true }

// from merges the terms' index streams: a compound SELECT with the list
// order reads them side by side, once each, and drops an entry met by
// two terms.
func (c anyCond) from(team string) (string, string, []any) {
	if len(c) == 1 {
		return c[0].from(team)
	}
	arms, args := c.arms(team, "", nil)
	return `(` + strings.Join(arms, " UNION ") + ` ORDER BY 1 DESC, 2 DESC, 3 DESC) d`, "1", args
}

// arms returns the terms' streams, to be joined by UNION, each narrowed
// by the condition more (on d) with its arguments.
func (c anyCond) arms(team, more string, moreArgs []any) ([]string, []any) {
	arms := make([]string, len(c))
	var args []any
	for i, t := range c {
		arms[i] = `SELECT d.date, d.year, d.number FROM correspondence_terms d WHERE d.team = ? AND d.kind = ? AND d.term = ?` + more
		args = append(append(args, team, t.kind, t.term), moreArgs...)
	}
	return arms, args
}

func (c anyCond) probe(team string, onEntry bool) (string, []any) {
	return orCond(c).probe(team, onEntry)
}

// orCond: the entry has at least one of the terms; only ever checked.
type orCond []termCond

func (orCond) drives() bool { return false }

func (orCond) from(string) (string, string, []any) { return "", "", nil }

// probe looks each term's row for d up by its whole primary key.
func (c orCond) probe(team string, onEntry bool) (string, []any) {
	parts := make([]string, len(c))
	var args []any
	for i, t := range c {
		p, pargs := t.probe(team, onEntry)
		parts[i], args = p, append(args, pargs...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
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

// Every entry meets it.
func (allCond) probe(string, bool) (string, []any) { return "1", nil }

// notAllCond: the entry lacks some of these terms (tiers 2 and 3 of a
// search: not every word whole, not every word a prefix).
type notAllCond []termCond

// Absence has no index: it is only ever checked.
func (notAllCond) drives() bool { return false }

func (notAllCond) from(string) (string, string, []any) { return "", "", nil }

func (c notAllCond) probe(team string, onEntry bool) (string, []any) {
	var parts []string
	var args []any
	for _, t := range c {
		p, pargs := t.probe(team, onEntry)
		parts, args = append(parts, p), append(args, pargs...)
	}
	return "NOT (" + strings.Join(parts, " AND ") + ")", args
}

// docs reads the entries with the given keys, in that order.
func (s *CorrespondenceService) docs(ctx context.Context, team string, keys []entryKey) ([]*proxenos.Correspondence, error) {
	raw, err := s.rawDocs(ctx, team, keys)
	if err != nil {
		return nil, err
	}
	out := make([]*proxenos.Correspondence, 0, len(raw))
	for _, doc := range raw {
		c, err := decodeEntry(doc)
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
