package portal_test

import (
	"context"
	"testing"
	"time"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/portal"
)

// findReal imports id from a fixture of real records (see testdata/README.md).
func findReal(t *testing.T, fixture, id string) *portal.Topic {
	t.Helper()
	_, client := newFakePortal(t, fixture, proxenos.IdentifierKey(id))
	topic, err := client.FindTopic(context.Background(), id)
	if err != nil {
		t.Fatalf("import %s from %s: %v", id, fixture, err)
	}
	return topic
}

// at is hour:minute Brussels time on a day.
func at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, brussels)
}

// wantDeadlines fails t unless c's deadlines are want, in order.
func wantDeadlines(t *testing.T, c *proxenos.Call, want ...time.Time) {
	t.Helper()
	ok := len(c.Deadlines) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = c.Deadlines[i].At.Equal(want[i])
	}
	if !ok {
		var got []time.Time
		for _, d := range c.Deadlines {
			got = append(got, d.At.In(brussels))
		}
		t.Fatalf("%s: deadlines %v, want %v", c.Identifier, got, want)
	}
}

// The portal writes the official "17:00 Brussels time" into UTC fields:
// as 17:00+0000, or as the same UTC time in its server's zone (19:00+0200).
func TestFindTopic_DeadlineIsBrusselsWallClock(t *testing.T) {
	for _, tt := range []struct {
		fixture, id string
		want        time.Time
	}{
		{"horizon-page.json", "HORIZON-INFRA-2024-EOSC-01-03", at(2024, 3, 12, 17, 0)},         // 2024-03-12T17:00:00.000+0000
		{"horizon-page.json", "HORIZON-CL2-2024-TRANSFORMATIONS-01-08", at(2024, 2, 7, 17, 0)}, // 2024-02-07T17:00:00.000+0000
		{"horizon-cl5-batt4eu.json", "HORIZON-CL5-2024-D2-01-03", at(2024, 4, 18, 17, 0)},      // 2024-04-18T19:00:00.000+0200
		{"horizon-page.json", "HORIZON-CL6-2026-04-GOVERNANCE-01", at(2026, 11, 26, 17, 0)},    // a bare date stays 17:00
	} {
		t.Run(tt.id, func(t *testing.T) {
			wantDeadlines(t, findReal(t, tt.fixture, tt.id).Call, tt.want)
		})
	}
	// The start, 2023-12-07T01:00:00.000+0100, is midnight UTC: the day only.
	if got, want := findReal(t, "horizon-cl5-batt4eu.json", "HORIZON-CL5-2024-D2-01-03").Call.OpeningDate, at(2023, 12, 7, 0, 0); !got.Equal(want) {
		t.Errorf("opening %v, want %v", got, want)
	}
}

// Identifiers keep the portal's spelling; the link is the record's own
// page when it gives one.
func TestFindTopic_KeepsPortalSpelling(t *testing.T) {
	c := findReal(t, "horizon-page.json", "horizon-miss-2027-05-soil-01-TWO-STAGE").Call
	const page = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/HORIZON-MISS-2027-05-SOIL-01-two-stage"
	if c.Identifier != "HORIZON-MISS-2027-05-SOIL-01-two-stage" || c.CallIdentifier != "HORIZON-MISS-2027-05-two-stage" || c.Link != page {
		t.Fatalf("identifier %q, call %q, link %q", c.Identifier, c.CallIdentifier, c.Link)
	}
	wantDeadlines(t, c, at(2027, 4, 8, 17, 0), at(2027, 9, 14, 17, 0))
	// Its budget overview covers other topics of the call (and is cut short): none is this topic's.
	if c.Budget != 0 || c.GrantMax != 0 {
		t.Errorf("budget %d, grants up to %d; want none", c.Budget, c.GrantMax)
	}
	// Older records give the topic's JSON data as url: the page is built from the identifier.
	old := findReal(t, "horizon-page.json", "HORIZON-CL2-2024-TRANSFORMATIONS-01-08").Call
	if want := portal.TopicURL + "HORIZON-CL2-2024-TRANSFORMATIONS-01-08"; old.Link != want {
		t.Errorf("link %q, want %q", old.Link, want)
	}
}

// A page may list a topic twice, or first as an empty row: the most
// complete row is imported, once.
func TestFindTopic_MostCompleteRow(t *testing.T) {
	for _, fixture := range []string{"eosc-empty-row-first.json", "horizon-page.json"} {
		t.Run(fixture, func(t *testing.T) {
			c := findReal(t, fixture, "HORIZON-INFRA-2024-EOSC-01-03").Call
			wantDeadlines(t, c, at(2024, 3, 12, 17, 0))
			if c.Title == c.Identifier || c.OpeningDate.IsZero() {
				t.Errorf("imported the empty row: %+v", c)
			}
		})
	}
}

// The portal's status comes along: from the status field, else from the
// first action (JSON inside a string).
func TestFindTopic_Status(t *testing.T) {
	for _, tt := range []struct {
		fixture, id string
		want        portal.Status
	}{
		{"horizon-page.json", "HORIZON-CL6-2026-04-GOVERNANCE-01", portal.StatusForthcoming},
		{"transformations-closed.json", "HORIZON-CL2-2024-TRANSFORMATIONS-01-08", portal.StatusClosed},
		{"erc-stg.json", "ERC-2027-STG", portal.StatusOpen},
	} {
		if got := findReal(t, tt.fixture, tt.id).Status; got != tt.want {
			t.Errorf("%s: status %q, want %q", tt.id, got, tt.want)
		}
	}
}

// The programme comes from frameworkProgramme before the identifier's
// prefix: an ERC topic is Horizon Europe.
func TestFindTopic_Programme(t *testing.T) {
	if got := findReal(t, "erc-stg.json", "ERC-2027-STG").Call.Programme; got != proxenos.ProgrammeHorizon {
		t.Errorf("programme %q, want horizon", got)
	}
	c := findReal(t, "horizon-page.json", "HORIZON-CL6-2026-04-GOVERNANCE-01").Call
	if c.Budget != 60_000_000 || c.GrantMin != 60_000_000 || c.GrantMax != 60_000_000 || c.ExpectedGrants != 1 {
		t.Errorf("budget %d, grants %d–%d ×%d", c.Budget, c.GrantMin, c.GrantMax, c.ExpectedGrants)
	}
}
