package handlers

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/i18n"
)

// The keys /call and /mou add to those of args.go, with their Greek
// spellings. They join keyAliases from init, as args.go's own do; an
// existing key ("partner") gains spellings.
var commandKeys = map[string][]string{
	"id":        {"topic", "κωδικός"},
	"title":     {"τίτλος"},
	"deadline":  {"deadlines", "προθεσμία", "προθεσμίες"},
	"programme": {"program", "πρόγραμμα"},
	"call":      {"πρόσκληση"},
	"opening":   {"opens", "άνοιγμα"},
	"link":      {"σύνδεσμος"},
	"budget":    {"προϋπολογισμός"},
	"grant":     {"grants", "επιχορήγηση"},
	"partner":   {"partners", "εταίροι", "φορείς"},
	"owner":     {"υπεύθυνος"},
	"status":    {"κατάσταση"},
	"at":        {"on", "στις"},
	"before":    {"πριν"},
	"signed":    {"υπογραφή", "υπογράφηκε"},
	"decision":  {"απόφαση"},
	"start":     {"έναρξη"},
	"end":       {"λήξη"},
	"renewal":   {"renew", "ανανέωση"},
	"notice":    {"προειδοποίηση"},
	"docs":      {"documents", "έγγραφα"},
	"text":      {"κείμενο", "περιγραφή"},
	"due":       {"έως"},
	"every":     {"κάθε", "επανάληψη"},
	"lead":      {"remind", "υπενθύμιση", "υπενθυμίσεις"},
}

func init() {
	for key, spellings := range commandKeys {
		aliasSpellings[key] = append(aliasSpellings[key], spellings...)
		keyAliases[proxenos.SearchKey(key)] = key
		for _, s := range spellings {
			keyAliases[proxenos.SearchKey(s)] = key
		}
	}
}

// zoneWords maps the SearchKey of zone names written after a deadline to
// the zone: "18/09/2027 12:00 Athens" is noon in Athens. The office zone
// is filled in by deadlineZone.
var zoneWords = map[string]string{
	"brussels": "Europe/Brussels", "bruxelles": "Europe/Brussels", "βρυξελλεσ": "Europe/Brussels",
	"cet": "Europe/Brussels", "cest": "Europe/Brussels",
	"athens": "Europe/Athens", "αθηνα": "Europe/Athens", "eet": "Europe/Athens", "eest": "Europe/Athens",
	"ελλαδα": "Europe/Athens", "utc": "UTC", "gmt": "UTC",
}

// ianaZone is a zone name such as Europe/Rome: safe to load.
// No dots: typed text never reaches LoadLocation as a path ("../x").
var ianaZone = regexp.MustCompile(`^[A-Za-z]+/[A-Za-z_]+$`)

// deadlineZone reads a zone written after a deadline, and false when w
// is not one.
func deadlineZone(w string) (*time.Location, bool) {
	name, ok := zoneWords[proxenos.SearchKey(strings.Trim(w, "()"))]
	if !ok && ianaZone.MatchString(w) {
		name, ok = w, true
	}
	if !ok {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}

// parseDeadlines reads deadlines separated by ";" or ",": each a date
// with an optional time of day (17:00 when missing), in Brussels time
// unless a zone follows: "18/09/2027 17:00", "04/03/2027 12:00 Athens".
func (h *Handler) parseDeadlines(s string) ([]proxenos.Deadline, error) {
	var out []proxenos.Deadline
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		fields := strings.Fields(item)
		if len(fields) == 0 {
			continue
		}
		var loc *time.Location
		if len(fields) > 1 {
			if z, ok := deadlineZone(fields[len(fields)-1]); ok {
				loc, fields = z, fields[:len(fields)-1]
			}
		}
		at, err := proxenos.ParseDeadline(strings.Join(fields, " "))
		if err != nil {
			return nil, err
		}
		// ParseDeadline reads Brussels wall time; move that wall time to
		// the zone given.
		if loc != nil {
			b := at.In(proxenos.DeadlineLocation())
			at = time.Date(b.Year(), b.Month(), b.Day(), b.Hour(), b.Minute(), 0, 0, loc)
		}
		if now := h.now().In(h.loc()); !yearInRange(at.In(proxenos.DeadlineLocation()).Year(), now) {
			return nil, proxenos.Errorf(proxenos.EINVALID, "call.invalid.deadline_year", strings.TrimSpace(item), firstYear, lastYear(now))
		}
		out = append(out, proxenos.Deadline{At: at})
	}
	return out, nil
}

// deadlineText writes a deadline in the office zone with its Brussels
// time noted: "18 Sep 2027, 18:00 (17:00 Brussels time)".
func (h *Handler) deadlineText(lang i18n.Lang, at time.Time) string {
	return i18n.FormatDateTime(lang, at.In(h.loc())) + " (" +
		i18n.T(lang, "call.brussels_time", at.In(proxenos.DeadlineLocation()).Format("15:04")) + ")"
}

// daysLeftText says how far the instant t is, in calendar days of the
// office zone: "in 12 days", "today", "ended today", "ended 3 days ago".
func (h *Handler) daysLeftText(lang i18n.Lang, t time.Time) string {
	now := h.now()
	days := proxenos.DaysBetween(now, t, h.loc())
	if days == 0 && !t.After(now) {
		return i18n.T(lang, "days.ended_today")
	}
	return dayPhrase(lang, days, "days.ended")
}

// dayPhrase says a number of calendar days from today: "today", "in 1
// day", "in 12 days"; past days with the key late ("ended 3 days ago",
// "overdue by 1 day").
func dayPhrase(lang i18n.Lang, days int, late string) string {
	switch {
	case days == 0:
		return i18n.T(lang, "days.today")
	case days > 0:
		return i18n.T(lang, "days.in", days)
	}
	return i18n.T(lang, late, -days)
}

// euro writes a sum in euro with the language's thousands separator.
func euro(lang i18n.Lang, n int64) string { return "€" + i18n.FormatInt(lang, n) }

// amountMultipliers are the suffixes of short sums: 8.5k, 4,5m, 51 χιλ.
var amountMultipliers = []struct {
	suffix string
	factor float64
}{{"χιλ", 1e3}, {"εκ", 1e6}, {"k", 1e3}, {"m", 1e6}}

// parseAmount reads a sum in euro as staff write it: 4500000, 4.500.000,
// 4,500,000, €51k, 4.5m, "4,5 εκ."; "" is 0. EINVALID names field.
func parseAmount(field, s string) (int64, error) {
	key := strings.NewReplacer("€", "", "eur", "", "ευρω", "", " ", "", "\u00a0", "").Replace(proxenos.SearchKey(s))
	key = strings.TrimSuffix(key, ".")
	if key == "" {
		return 0, nil
	}
	for _, m := range amountMultipliers {
		if num, ok := strings.CutSuffix(key, m.suffix); ok {
			// Before a suffix a comma is the decimal comma: "4,5 εκ." is 4.5 million.
			f, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
			if err != nil || f < 0 || f*m.factor > proxenos.MaxBudgetEuro {
				break
			}
			// Rounded, not truncated: 4.1m is 4099999.99… in binary.
			return int64(f*m.factor + 0.5), nil
		}
	}
	// Without a suffix, dots and commas only group thousands.
	n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "").Replace(key), 10, 64)
	if err != nil || n < 0 || n > proxenos.MaxBudgetEuro {
		return 0, proxenos.Errorf(proxenos.EINVALID, "call.invalid.amount", field, s)
	}
	return n, nil
}

// rangeSeparator splits a range of sums: 8500-51000, 8.5k – 51k, "8500 to 51000".
var rangeSeparator = regexp.MustCompile(`\s*(?:-|–|—|\bto\b|έως|εως)\s*`)

// parseAmountRange reads a grant range; a single sum is the largest grant.
func parseAmountRange(field, s string) (lo, hi int64, err error) {
	parts := rangeSeparator.Split(strings.TrimSpace(s), -1)
	switch len(parts) {
	case 1:
		hi, err = parseAmount(field, parts[0])
		return 0, hi, err
	case 2:
		if lo, err = parseAmount(field, parts[0]); err != nil {
			return 0, 0, err
		}
		hi, err = parseAmount(field, parts[1])
		return lo, hi, err
	}
	return 0, 0, proxenos.Errorf(proxenos.EINVALID, "call.invalid.amount", field, s)
}

// slackMention is a user mention as Slack sends it in command text when
// it escapes users: <@U123> or <@U123|maria>.
var slackMention = regexp.MustCompile(`^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$`)

// slackUserID is a bare Slack user id, as the console or a select gives it.
// W ids are Enterprise Grid users.
var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// parseUser reads a user: a Slack mention, a user id, "me"/"εγώ" for
// self, or "none"/"κανείς" (or nothing) for nobody, "". A plain "@maria"
// cannot be resolved here: false, and the caller names its field.
func parseUser(s, self string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := slackMention.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	switch proxenos.SearchKey(s) {
	case "", "none", "nobody", "-", "κανεισ", "κανενασ":
		return "", true
	case "me", "εγω", "εμενα":
		return self, true
	}
	return s, slackUserID.MatchString(s)
}

// slackLink is a link as Slack sends it in command text: <https://…> or
// <https://…|label>.
var slackLink = regexp.MustCompile(`^<(https?://[^|<>]+)(?:\|[^<>]*)?>$`)

// unwrapLink returns the address of a link Slack wrapped, or s trimmed.
func unwrapLink(s string) string {
	s = strings.TrimSpace(s)
	if m := slackLink.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// choice is a partner name that matched several partners.
type choice struct {
	Name    string
	Options []*proxenos.Partner
}

// name returns the name typed, or "" for no choice.
func (c *choice) name() string {
	if c == nil {
		return ""
	}
	return c.Name
}

// options returns the partners to choose from, or nil for no choice.
func (c *choice) options() []*proxenos.Partner {
	if c == nil {
		return nil
	}
	return c.Options
}

// resolvePartners finds the partners a comma-separated list of names
// means. A name matching several partners comes back as a choice;
// one matching none is ENOTFOUND.
func (h *Handler) resolvePartners(ctx context.Context, names string) ([]string, *choice, error) {
	ids := []string{}
	for _, name := range splitList(names) {
		p, options, err := h.resolvePartner(ctx, name)
		if err != nil {
			return nil, nil, err
		}
		if options != nil {
			return nil, &choice{Name: name, Options: options}, nil
		}
		if !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil, nil
}

// partnerNames returns the names of partners by id; an id the directory
// lacks (after an import or a restore) shows as it is.
func (h *Handler) partnerNames(ctx context.Context, ids []string) ([]string, error) {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		p, err := h.Partners.FindPartnerByID(ctx, id)
		switch {
		case err == nil:
			names = append(names, p.Name)
		case proxenos.ErrorCode(err) == proxenos.ENOTFOUND:
			names = append(names, id)
		default:
			return nil, err
		}
	}
	return names, nil
}
