package handlers

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/chat"
	"github.com/proxenos/proxenos/i18n"
)

// Input helpers the registers share: users, links and sums as typed,
// and validation errors placed on a form's inputs.

// amountMultipliers are the suffixes of short sums: 8.5k, 4,5m, 51 χιλ.
var amountMultipliers = []struct {
	suffix string
	factor float64
}{{"χιλ", 1e3}, {"εκ", 1e6}, {"k", 1e3}, {"m", 1e6}}

// ParseAmount reads a sum in euro as staff write it: 4500000, 4.500.000,
// 4,500,000, €51k, 4.5m, "4,5 εκ."; "" is 0. EINVALID names field.
func ParseAmount(field, s string) (int64, error) {
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
		return 0, proxenos.Errorf(proxenos.EINVALID, "call.invalid.amount", proxenos.Field(field), s)
	}
	return n, nil
}

// rangeSeparator splits a range of sums: 8500-51000, 8.5k – 51k, "8500 to 51000".
var rangeSeparator = regexp.MustCompile(`\s*(?:-|–|—|\bto\b|έως|εως)\s*`)

// ParseAmountRange reads a grant range; a single sum is the largest grant.
func ParseAmountRange(field, s string) (lo, hi int64, err error) {
	parts := rangeSeparator.Split(strings.TrimSpace(s), -1)
	switch len(parts) {
	case 1:
		hi, err = ParseAmount(field, parts[0])
		return 0, hi, err
	case 2:
		if lo, err = ParseAmount(field, parts[0]); err != nil {
			return 0, 0, err
		}
		hi, err = ParseAmount(field, parts[1])
		return lo, hi, err
	}
	return 0, 0, proxenos.Errorf(proxenos.EINVALID, "call.invalid.amount", proxenos.Field(field), s)
}

// slackMention is a user mention as Slack sends it in command text when
// it escapes users: <@U123> or <@U123|maria>.
var slackMention = regexp.MustCompile(`^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$`)

// slackUserID is a bare Slack user id, as the console or a select gives it.
// W ids are Enterprise Grid users.
var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// ParseUser reads a user: a Slack mention, a user id, "me"/"εγώ" for
// self, or "none"/"κανείς" (or nothing) for nobody, "". A plain "@maria"
// cannot be resolved here: false, and the caller names its field.
func ParseUser(s, self string) (string, bool) {
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

// UnwrapLink returns the address of a link Slack wrapped, or s trimmed.
func UnwrapLink(s string) string {
	s = strings.TrimSpace(s)
	if m := slackLink.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// argFieldKeys are the errors whose first argument is the input they
// concern: "input.invalid_date" names the date field, for one.
var argFieldKeys = []string{"input.invalid_date", "input.date_year", "call.invalid.amount"}

// FieldFormErrors is FormErrors for the call and agreement forms, which
// have several inputs of a kind (dates, sums): an error naming its input
// goes on that input. Both forms name their partner input "partner".
func FieldFormErrors(lang i18n.Lang, err error, inputs map[string]string) error {
	var e *proxenos.Error
	// A partner missing from the directory is ENOTFOUND, but on a form
	// it is the partner field that is wrong.
	if errors.As(err, &e) && e.Key == "partner.not_found" {
		return chat.FieldErrors{"partner": i18n.T(lang, e.Key, e.Args...)}
	}
	if errors.As(err, &e) && e.Code == proxenos.EINVALID && slices.Contains(argFieldKeys, e.Key) && len(e.Args) > 0 {
		if field, ok := e.Args[0].(proxenos.Field); ok {
			return chat.FieldErrors{string(field): i18n.T(lang, e.Key, e.Args...)}
		}
	}
	return FormErrors(lang, err, inputs)
}

// FormErrors turns an EINVALID error into FieldErrors by inputs, which
// maps catalogue keys, or the field named by a length error, to input ids.
// Errors it cannot place pass through, to be shown as a message.
func FormErrors(lang i18n.Lang, err error, inputs map[string]string) error {
	var e *proxenos.Error
	if !errors.As(err, &e) || e.Code != proxenos.EINVALID {
		return err
	}
	input, ok := inputs[e.Key]
	if !ok && len(e.Args) > 0 && (e.Key == "invalid.too_long" || e.Key == "invalid.too_many") {
		if name, isField := e.Args[0].(proxenos.Field); isField {
			input, ok = inputs[string(name)]
		}
	}
	if !ok {
		return err
	}
	// Modal errors are plain text: no mrkdwn escaping.
	return chat.FieldErrors{input: i18n.T(lang, e.Key, e.Args...)}
}

// ParseDaysBefore reads the days before a deadline: "14", "14d", "14
// ημέρες". Months are refused: deadlines are counted in days.
func ParseDaysBefore(s string) (int, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= proxenos.MaxMilestoneDays {
		return n, nil
	}
	p, err := proxenos.ParsePeriod(s)
	if err != nil || p.Months != 0 || p.Days > proxenos.MaxMilestoneDays {
		return 0, proxenos.Errorf(proxenos.EINVALID, "milestone.invalid.days", proxenos.MaxMilestoneDays)
	}
	return p.Days, nil
}
