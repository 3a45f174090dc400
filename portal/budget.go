package portal

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/proxenos/proxenos"
)

// budget is what a topic's budget overview tells: the total in euro over
// its years, the grant range, the expected number of grants, and the
// deadlines of its actions.
type budget struct {
	total, min, max int64
	grants          int
	deadlines       []time.Time
}

// budgetOverview is the JSON inside the metadata field budgetOverview. It
// covers the whole call, keyed by the portal's internal topic ids; each
// action names its topic at the start: "CERV-2027-CITIZENS-TOWN-TT - …".
type budgetOverview struct {
	BudgetTopicActionMap map[string][]budgetAction `json:"budgetTopicActionMap"`
}

// budgetAction is one action of the overview. Amounts come as numbers or
// as strings of digits.
type budgetAction struct {
	Action          string                `json:"action"`
	BudgetYearMap   map[string]flexAmount `json:"budgetYearMap"`
	ExpectedGrants  flexAmount            `json:"expectedGrants"`
	MinContribution flexAmount            `json:"minContribution"`
	MaxContribution flexAmount            `json:"maxContribution"`
	DeadlineDates   []string              `json:"deadlineDates"`
}

// flexAmount is a whole number of euro written as 4500000, 4500000.0 or
// "4500000"; anything else, or a negative number, counts as 0.
type flexAmount int64

// UnmarshalJSON reads a number or a string holding one.
func (a *flexAmount) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(bytes.Trim(b, `"`)))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > proxenos.MaxBudgetEuro || math.IsNaN(f) {
		*a = 0
		return nil
	}
	*a = flexAmount(math.Round(f))
	return nil
}

// parseBudget reads the budget of topic id from the overview raw. Only the
// actions of that topic count; an overview with a single action is taken
// to be the topic's. A malformed overview gives an empty budget: the
// import goes on without amounts.
func parseBudget(raw, id string) budget {
	var b budget
	var overview budgetOverview
	if raw == "" || json.Unmarshal([]byte(raw), &overview) != nil {
		return b
	}
	var all, mine []budgetAction
	for _, actions := range overview.BudgetTopicActionMap {
		for _, a := range actions {
			all = append(all, a)
			if namesTopic(a.Action, id) {
				mine = append(mine, a)
			}
		}
	}
	if len(mine) == 0 && len(all) == 1 {
		mine = all
	}
	for _, a := range mine {
		for _, v := range a.BudgetYearMap {
			b.total += int64(v)
		}
		b.grants += int(a.ExpectedGrants)
		if v := int64(a.MinContribution); v > 0 && (b.min == 0 || v < b.min) {
			b.min = v
		}
		b.max = max(b.max, int64(a.MaxContribution))
		for _, s := range a.DeadlineDates {
			if t, ok := parsePortalTime(s); ok {
				b.deadlines = append(b.deadlines, deadlineInstant(t))
			}
		}
	}
	b.total = min(b.total, proxenos.MaxBudgetEuro)
	return b
}

// namesTopic reports whether an action's name starts with the identifier
// id as a whole word: "CERV-2027-CITIZENS-TOWN-TT - Town-Twinning" names
// CERV-2027-CITIZENS-TOWN-TT but not CERV-2027-CITIZENS-TOWN.
func namesTopic(action, id string) bool {
	rest, ok := strings.CutPrefix(proxenos.IdentifierKey(action), id)
	return ok && (rest == "" || rest[0] == ' ')
}
