package portal

import (
	"bytes"
	"encoding/json"

	"github.com/proxenos/proxenos"
)

// Status is where a topic stands on the portal, by the portal's own code.
type Status string

// The portal's statuses; StatusUnknown when a record gives none that is
// known.
const (
	StatusUnknown     Status = ""
	StatusForthcoming Status = "forthcoming" // 31094501
	StatusOpen        Status = "open"        // 31094502
	StatusClosed      Status = "closed"      // 31094503
)

// statusCodes maps the portal's status codes to statuses.
var statusCodes = map[string]Status{
	"31094501": StatusForthcoming,
	"31094502": StatusOpen,
	"31094503": StatusClosed,
}

// Label names the status's label: "ανοιχτή", "open".
func (s Status) Label() proxenos.Text { return proxenos.Text{Key: "portal.status." + string(s)} }

// status returns the hit's status: its status field, else the status of
// its first action (JSON inside the first value of actions).
func (r *result) status() Status {
	if s, ok := statusCodes[r.first("status")]; ok {
		return s
	}
	var actions []struct {
		Status struct {
			ID json.RawMessage `json:"id"`
		} `json:"status"`
	}
	if json.Unmarshal([]byte(r.first("actions")), &actions) != nil || len(actions) == 0 {
		return StatusUnknown
	}
	return statusCodes[string(bytes.Trim(actions[0].Status.ID, `"`))]
}

// frameworkProgrammes maps the portal's frameworkProgramme codes to the
// office's programmes; other codes fall back to the identifier's prefix.
var frameworkProgrammes = map[string]proxenos.Programme{
	"43108390": proxenos.ProgrammeHorizon, // Horizon Europe: HORIZON-…, ERC-…, MSCA-…
	"43251589": proxenos.ProgrammeCERV,
	"43353764": proxenos.ProgrammeErasmus,
	"43251814": proxenos.ProgrammeCreativeEurope,
	"43252405": proxenos.ProgrammeLIFE,
}

// programme returns the hit's programme: by its frameworkProgramme code,
// else by its programme abbreviation, else by the identifier's prefix.
func (r *result) programme(id string) proxenos.Programme {
	for _, code := range r.meta("frameworkProgramme") {
		if p, ok := frameworkProgrammes[code]; ok {
			return p
		}
	}
	for _, abbr := range append(r.meta("programAbbreviation"), r.meta("programmeAbbreviation")...) {
		if p := proxenos.ProgrammeFromIdentifier(abbr); p != proxenos.ProgrammeOther {
			return p
		}
	}
	return proxenos.ProgrammeFromIdentifier(id)
}
