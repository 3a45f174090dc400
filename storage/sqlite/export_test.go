package sqlite

// SetProbeBelow sets the estimate under which a condition drives a
// search by probes, and returns a function that restores it. Tests use
// 1 to send every query with two or more indexed conditions through the
// merge of index streams.
func SetProbeBelow(n int) (restore func()) {
	old := probeBelow
	probeBelow = n
	return func() { probeBelow = old }
}
