// Package codes brings the countries and languages that earlier versions
// kept as typed ("Κύπρος", "ελληνικά") to the ISO codes the registers
// keep now (CY, el), for the stores' migrations. A value that names no
// country or language is kept as written and reported, to be logged.
package codes

import (
	"context"
	"log/slog"
	"strings"

	"github.com/proxenos/proxenos"
	"github.com/proxenos/proxenos/iso"
)

// Unresolved is a value a migration kept as written: it names no
// country or language.
type Unresolved struct {
	Record string // "correspondence 12/2025", "partner Φαέντσα"
	Field  string // "country", "lang" or "langs"
	Value  string
}

// converter rewrites values of one record, noting those it cannot read.
type converter struct {
	record  string
	changed bool
	left    []Unresolved
}

// code sets *v to the code read returns for it; an empty value stays.
func (cv *converter) code(field string, v *string, read func(string) (string, bool)) {
	if strings.TrimSpace(*v) == "" {
		return
	}
	code, ok := read(*v)
	switch {
	case !ok:
		cv.left = append(cv.left, Unresolved{Record: cv.record, Field: field, Value: *v})
	case code != *v:
		*v, cv.changed = code, true
	}
}

// Correspondence brings c's country and language to their codes. It
// reports whether c changed and the values it kept as written.
func Correspondence(c *proxenos.Correspondence) (bool, []Unresolved) {
	cv := &converter{record: "correspondence " + c.Protocol.String()}
	cv.code("country", &c.Country, iso.Country)
	cv.code("lang", &c.Language, iso.Language)
	return cv.changed, cv.left
}

// Partner brings p's country and its people's languages to their codes.
// It reports whether p changed and the values it kept as written. The
// people are copied before a change, so that a copy of p taken before
// the call keeps the old values.
func Partner(p *proxenos.Partner) (bool, []Unresolved) {
	cv := &converter{record: "partner " + p.Name}
	cv.code("country", &p.Country, iso.Country)
	people := make([]proxenos.Person, len(p.People))
	for i, person := range p.People {
		person.Languages = append([]string(nil), person.Languages...)
		for j := range person.Languages {
			cv.code("langs", &person.Languages[j], iso.Language)
		}
		people[i] = person
	}
	if cv.changed && len(people) > 0 {
		p.People = people
	}
	return cv.changed, cv.left
}

// Log writes one warning for each value kept as written, with how many
// records hold it and the first of them, so that the office can correct
// them (with /corr edit or /partner edit, which take only codes and names).
func Log(ctx context.Context, store string, left []Unresolved) {
	type group struct {
		first Unresolved
		n     int
	}
	var order []*group
	seen := map[[2]string]*group{}
	for _, u := range left {
		k := [2]string{u.Field, u.Value}
		if g := seen[k]; g != nil {
			g.n++
			continue
		}
		seen[k] = &group{first: u, n: 1}
		order = append(order, seen[k])
	}
	for _, g := range order {
		slog.WarnContext(ctx, "a country or language names none and is kept as written; correct it by hand",
			"store", store, "field", g.first.Field, "value", g.first.Value, "records", g.n, "first", g.first.Record)
	}
}
