//go:build race

package translate

// raceDetector: the race detector's shadow memory cannot live within a
// child's address-space limit, so a child built with it fails otherwise.
const raceDetector = true
