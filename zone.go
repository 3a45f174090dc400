package proxenos

import (
	"sync/atomic"
	"time"
)

// DefaultOfficeZone is the office zone until SetOfficeZone names another:
// Maroussi's.
const DefaultOfficeZone = "Europe/Athens"

// officeZone holds the zone SetOfficeZone set; nil means DefaultOfficeZone.
var officeZone atomic.Pointer[time.Location]

// OfficeZone returns the office's time zone, one per deployment: dates
// without a time of day are midnight there, "within N days" counts its
// calendar days, recurring obligations keep its wall clock, and the stores
// return every time in it. It is DefaultOfficeZone unless SetOfficeZone
// named another.
func OfficeZone() *time.Location {
	if loc := officeZone.Load(); loc != nil {
		return loc
	}
	return zone(DefaultOfficeZone)
}

// SetOfficeZone makes loc the office zone of the whole process; nil
// restores DefaultOfficeZone. cmd/proxenos calls it once, from
// PROXENOS_TIMEZONE, before it opens a store or starts any work; tests set
// it and restore it when they end. Reads are safe while it is set, but
// dates stored or computed under one zone keep that zone's midnights, so
// it is not to be changed while the office's work runs.
func SetOfficeZone(loc *time.Location) {
	officeZone.Store(loc)
}
