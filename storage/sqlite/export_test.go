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

// SetCodesBatch sets how many records Open rewrites at once when it
// brings countries and languages to codes, until the returned function
// restores it.
func SetCodesBatch(n int) (restore func()) {
	old := codesBatch
	codesBatch = n
	return func() { codesBatch = old }
}
