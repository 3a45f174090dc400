package handlers_test

import (
	"time"
)

// athens is the office zone of the tests.
var athens = mustLoad("Europe/Athens")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// testNow is the tests' today: Thursday 26 November 2026, 10:30 in Athens.
var testNow = time.Date(2026, 11, 26, 10, 30, 0, 0, athens)
