// Package portal is a client of the EU Funding & Tenders portal's public
// search API: it looks a topic up by its identifier and fills in a
// proxenos.Call for `/call import`.
//
// The API answers POST requests to
// https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=…
// with a filter in a multipart part named "query". Each topic comes back
// once per language, and every metadata value is an array of strings; the
// budget overview is JSON inside such a string.
package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proxenos/proxenos"
)

// DefaultBaseURL is the search endpoint of the EU Funding & Tenders portal.
const DefaultBaseURL = "https://api.tech.ec.europa.eu/search-api/prod/rest/search"

// TopicURL is the start of the portal page of a topic; the identifier follows.
const TopicURL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"

// DefaultTimeout bounds a lookup whose context has no deadline of its own.
const DefaultTimeout = 20 * time.Second

// Search parameters: the public API key, the page size and how many pages
// to read before giving up on finding the exact identifier.
const (
	apiKey   = "SEDIA"
	pageSize = 50
	maxPages = 3
	maxBody  = 8 << 20
)

// The portal's codes: types of grant calls, and topic statuses
// (forthcoming, open, closed).
var (
	grantTypes    = []string{"1", "2", "8"}
	topicStatuses = []string{"31094501", "31094502", "31094503"}
)

// Client looks topics up on the portal. The zero Client uses
// DefaultBaseURL and http.DefaultClient.
type Client struct {
	BaseURL string       // DefaultBaseURL when empty
	HTTP    *http.Client // http.DefaultClient when nil
}

// Topic is what the portal tells of a topic: the call to store, and the
// portal's own status of the topic.
type Topic struct {
	Call   *proxenos.Call
	Status Status
}

// FindTopic fetches the topic identifier from the portal, matching it
// case-insensitively, and returns it with a validated Call with status
// watching: the identifier as the portal spells it, title, programme, call
// identifier, opening date, every deadline (a bare date is 17:00 Brussels
// time), budget and grant range, and the topic's portal page. The caller
// stores it. Errors: EINVALID for an identifier that is not one (nothing is
// sent), ENOTFOUND when the portal has no such topic, EUNAVAILABLE when the
// portal cannot be reached, answers with an error status or with JSON that
// does not parse, or the context ends first.
func (c *Client) FindTopic(ctx context.Context, identifier string) (*Topic, error) {
	id := proxenos.IdentifierKey(identifier)
	if err := proxenos.ValidateIdentifier(id); err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	for page := 1; page <= maxPages; page++ {
		resp, err := c.search(ctx, id, page)
		if err != nil {
			return nil, err
		}
		if r := pick(resp.Results, id); r != nil {
			return topicOf(id, r)
		}
		if page*pageSize >= resp.TotalResults || len(resp.Results) == 0 {
			break
		}
	}
	return nil, proxenos.Errorf(proxenos.ENOTFOUND, "portal.notfound", id)
}

// searchResponse is the part of the API's answer that FindTopic reads.
type searchResponse struct {
	TotalResults int      `json:"totalResults"`
	Results      []result `json:"results"`
}

// result is one hit: one topic in one language. Summary and Content are
// the title again in most API versions; Summary is null in some.
type result struct {
	Reference string                     `json:"reference"`
	Language  string                     `json:"language"`
	Summary   string                     `json:"summary"`
	Content   string                     `json:"content"`
	Metadata  map[string]json.RawMessage `json:"metadata"`
}

// meta returns the values of a metadata field: an array of strings, or
// now and then a bare string. A field that is missing or of another shape
// has none.
func (r *result) meta(field string) []string {
	raw := r.Metadata[field]
	var values []string
	if err := json.Unmarshal(raw, &values); err == nil {
		return values
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil && one != "" {
		return []string{one}
	}
	return nil
}

// first returns the first value of a metadata field, trimmed, or "".
func (r *result) first(field string) string {
	if v := r.meta(field); len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// unavailable wraps a cause into EUNAVAILABLE: users read the catalogue
// message, logs keep the cause.
func unavailable(cause error) error {
	return fmt.Errorf("portal: %w: %w", proxenos.Errorf(proxenos.EUNAVAILABLE, "portal.unavailable"), cause)
}

// search posts one page of the search for id.
func (c *Client) search(ctx context.Context, id string, page int) (*searchResponse, error) {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, unavailable(err)
	}
	q := u.Query()
	q.Set("apiKey", apiKey)
	q.Set("text", id)
	q.Set("pageSize", strconv.Itoa(pageSize))
	q.Set("pageNumber", strconv.Itoa(page))
	u.RawQuery = q.Encode()

	body, contentType, err := queryForm()
	if err != nil {
		return nil, unavailable(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), body)
	if err != nil {
		return nil, unavailable(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")

	client := c.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, unavailable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, unavailable(fmt.Errorf("search %s: status %d", id, resp.StatusCode))
	}
	var out searchResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&out); err != nil {
		return nil, unavailable(fmt.Errorf("search %s: %w", id, err))
	}
	return &out, nil
}

// queryForm builds the multipart body: a part "query" holding the JSON
// filter, sent as a JSON blob the way the portal's own pages send it.
func queryForm() (io.Reader, string, error) {
	filter := map[string]any{"bool": map[string]any{"must": []any{
		map[string]any{"terms": map[string][]string{"type": grantTypes}},
		map[string]any{"terms": map[string][]string{"status": topicStatuses}},
	}}}
	js, err := json.Marshal(filter)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="query"; filename="blob"`)
	h.Set("Content-Type", "application/json")
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(js); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return &buf, w.FormDataContentType(), nil
}

// pick returns the most complete hit for id, compared case-insensitively:
// a text search also finds related topics, every topic comes once per
// language, and a page may hold a topic twice, once as an empty row. Among
// equally complete hits the English one wins, then the first.
func pick(results []result, id string) *result {
	var best *result
	bestScore := -1
	for i := range results {
		r := &results[i]
		if proxenos.IdentifierKey(r.first("identifier")) != id {
			continue
		}
		if s := r.completeness(id); s > bestScore {
			best, bestScore = r, s
		}
	}
	return best
}

// completeness scores a hit by what the import reads from it: deadlines
// above all (a call needs one), then every other field; the English
// version breaks ties.
func (r *result) completeness(id string) int {
	score := 0
	if len(r.deadlines(parseBudget(r.first("budgetOverview"), id))) > 0 {
		score += 100
	}
	for _, field := range []string{"title", "callIdentifier", "startDate", "budgetOverview", "status", "url", "frameworkProgramme"} {
		if r.first(field) != "" {
			score += 2
		}
	}
	if strings.EqualFold(r.Language, "en") {
		score++
	}
	return score
}

// topicOf turns a hit into a Topic with a validated Call.
func topicOf(id string, r *result) (*Topic, error) {
	spelled := r.first("identifier") // as the portal spells it: …-two-stage
	c := &proxenos.Call{
		Identifier: spelled,
		Title:      clip(r.title(spelled), proxenos.MaxSubjectLen),
		Programme:  r.programme(spelled),
		Link:       r.link(spelled),
		Status:     proxenos.CallWatching,
	}
	if ci := r.first("callIdentifier"); proxenos.ValidateIdentifier(ci) == nil {
		c.CallIdentifier = ci
	}
	if t, ok := parsePortalTime(r.first("startDate")); ok {
		c.OpeningDate = dateInBrussels(portalDay(t), 0)
	}
	budget := parseBudget(r.first("budgetOverview"), id)
	c.Budget, c.GrantMin, c.GrantMax, c.ExpectedGrants = budget.total, budget.min, budget.max, budget.grants
	if c.GrantMax != 0 && c.GrantMin > c.GrantMax {
		c.GrantMin, c.GrantMax = 0, 0
	}
	deadlines := r.deadlines(budget)
	for _, d := range deadlines[:min(len(deadlines), proxenos.MaxDeadlines)] {
		c.Deadlines = append(c.Deadlines, proxenos.Deadline{At: d})
	}
	if !c.OpeningDate.IsZero() && len(c.Deadlines) > 0 && c.Deadlines[0].At.Before(c.OpeningDate) {
		c.OpeningDate = time.Time{} // the portal contradicts itself; keep the deadlines
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("portal: topic %s: %w", id, err)
	}
	return &Topic{Call: c, Status: r.status()}, nil
}

// title returns the hit's title: the metadata's, else the summary or the
// content the hit carries, else the identifier.
func (r *result) title(id string) string {
	for _, s := range []string{r.first("title"), r.Summary, r.Content, id} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return id
}

// deadlines returns the hit's deadlines in order without repeats: those of
// its deadlineDate field, else those of its actions in the budget overview.
func (r *result) deadlines(budget budget) []time.Time {
	var deadlines []time.Time
	for _, s := range r.meta("deadlineDate") {
		if t, ok := parsePortalTime(s); ok {
			deadlines = append(deadlines, deadlineInstant(t))
		}
	}
	if len(deadlines) == 0 {
		deadlines = slices.Clone(budget.deadlines)
	}
	slices.SortFunc(deadlines, time.Time.Compare)
	return slices.CompactFunc(deadlines, time.Time.Equal)
}

// link returns the topic's page on the portal: the hit's url when it is
// one (newer records); older records give the topic's JSON data there, so
// the page is built from the identifier.
func (r *result) link(id string) string {
	for _, s := range r.meta("url") {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.Scheme == "https" &&
			u.Host == "ec.europa.eu" && strings.Contains(u.Path, "/topic-details/") {
			return u.String()
		}
	}
	return TopicURL + url.PathEscape(id)
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// parsePortalTime reads the portal's "2027-09-21T00:00:00.000+0000" (the
// offset without a colon), an RFC 3339 time, or a bare "2027-09-21" as in
// the budget overview.
func parsePortalTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.000-0700", time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// deadlineInstant turns a portal deadline into an instant. The portal
// mostly gives the day only (see bareDate): that means 17:00 Brussels time
// on that day. A deadline with a time of day is a Brussels wall-clock time
// written into a UTC field: the official "17:00 Brussels time" comes as
// 17:00+0000, or as 19:00+0200 (the same UTC time in the server's zone).
func deadlineInstant(t time.Time) time.Time {
	if d, ok := bareDate(t); ok {
		return dateInBrussels(d, proxenos.DefaultDeadlineHour)
	}
	return brusselsWallClock(t)
}

// portalDay returns the calendar day a portal time stands for.
func portalDay(t time.Time) time.Time {
	if d, ok := bareDate(t); ok {
		return d
	}
	return brusselsWallClock(t)
}

// bareDate returns the calendar day t stands for when it is a bare date:
// the portal writes those as midnight UTC, in whatever zone its server
// renders them ("2023-12-07T01:00:00.000+0100"), or as midnight on the
// clock they are written in.
func bareDate(t time.Time) (time.Time, bool) {
	if isMidnight(t.UTC()) {
		return t.UTC(), true
	}
	if isMidnight(t) {
		return t, true
	}
	return t, false
}

// brusselsWallClock reads the UTC date and time of t as Brussels time.
func brusselsWallClock(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), u.Nanosecond(), proxenos.DeadlineLocation())
}

// isMidnight reports whether t is 00:00:00 on its clock.
func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// dateInBrussels returns hour o'clock Brussels time on t's calendar day.
func dateInBrussels(t time.Time, hour int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, hour, 0, 0, 0, proxenos.DeadlineLocation())
}
