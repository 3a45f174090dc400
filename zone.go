package proxenos

import (
	"context"
	"sync/atomic"
	"time"
)

// DefaultOfficeZone is the office zone until SetOfficeZone names another:
// Maroussi's.
const DefaultOfficeZone = "Europe/Athens"

// officeZone holds the zone SetOfficeZone set; nil means DefaultOfficeZone.
var officeZone atomic.Pointer[time.Location]

// OfficeZone returns the deployment's time zone: the zone of a workspace
// that chose none (see ZoneFromContext). It is DefaultOfficeZone unless
// SetOfficeZone named another.
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

// NewContextWithZone returns ctx carrying loc, the time zone of the
// workspace ctx is for; a nil loc leaves ctx as it is.
func NewContextWithZone(ctx context.Context, loc *time.Location) context.Context {
	if loc == nil {
		return ctx
	}
	return context.WithValue(ctx, zoneKey, loc)
}

// ZoneFromContext returns the zone of the office ctx is for, else
// OfficeZone. Dates without a time of day are midnight there, "within N
// days" counts its calendar days, an entry's registration day and year
// are its, recurring obligations keep its wall clock, and the stores
// return times in it.
func ZoneFromContext(ctx context.Context) *time.Location {
	if loc, ok := ContextZone(ctx); ok {
		return loc
	}
	return OfficeZone()
}

// ContextZone returns the zone NewContextWithZone put into ctx, and
// whether there is one: a caller with a default of its own (the handlers'
// kernel, for a context it did not scope) can tell it from OfficeZone.
func ContextZone(ctx context.Context) (*time.Location, bool) {
	loc, ok := ctx.Value(zoneKey).(*time.Location)
	return loc, ok
}
