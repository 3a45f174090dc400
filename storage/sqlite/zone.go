package sqlite

import "time"

// zoned returns decode bound to loc, the zone of the workspace the
// records are read for, as readDocs and docOf take decoders.
func zoned[T any](decode func(string, *time.Location) (*T, error), loc *time.Location) func(string) (*T, error) {
	return func(doc string) (*T, error) { return decode(doc, loc) }
}
