//go:build !race

package translate

const raceDetector = false
