package portal

import "testing"

func TestParseBudget(t *testing.T) {
	const overview = `{"budgetYearsColumns":["2027","2028"],"budgetTopicActionMap":{
		"1":[{"action":"CERV-2027-CITIZENS-TOWN-TT - Town-Twinning","budgetYearMap":{"2027":"4500000","2028":500000.0},
			"expectedGrants":"95","minContribution":8500,"maxContribution":"51000","deadlineDates":["2027-09-21"]}],
		"2":[{"action":"CERV-2027-CITIZENS-TOWN-TT2 - Another topic","budgetYearMap":{"2027":999},"maxContribution":7}]}}`
	for _, tt := range []struct {
		name, raw, id string
		want          budget
	}{
		{"OK", overview, "CERV-2027-CITIZENS-TOWN-TT", budget{total: 5_000_000, min: 8500, max: 51000, grants: 95}},
		// "…-TT2" starts with "…-TT" but is another topic.
		{"OtherTopicSharesPrefix", overview, "CERV-2027-CITIZENS-TOWN-TT2", budget{total: 999, max: 7}},
		{"CallIdentifierNamesNoAction", overview, "CERV-2027-CITIZENS-TOWN", budget{}},
		{"SingleActionUnnamed", `{"budgetTopicActionMap":{"9":[{"action":"Topic action","budgetYearMap":{"2026":"20000000"},"minContribution":-5}]}}`,
			"HORIZON-JU-CHIPS-2026", budget{total: 20_000_000}},
		{"Malformed", `{"budgetTopicActionMap":`, "CERV-2027-CITIZENS-TOWN-TT", budget{}},
		{"Empty", "", "CERV-2027-CITIZENS-TOWN-TT", budget{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := parseBudget(tt.raw, tt.id)
			if got.total != tt.want.total || got.min != tt.want.min || got.max != tt.want.max || got.grants != tt.want.grants {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if got := parseBudget(overview, "CERV-2027-CITIZENS-TOWN-TT").deadlines; len(got) != 1 || got[0].Hour() != 17 {
		t.Fatalf("got deadlines %v, want 21/09/2027 17:00 Brussels", got)
	}
}
