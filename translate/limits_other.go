//go:build !linux

package translate

import "runtime/debug"

// limitSelf bounds only the Go heap outside Linux, where the limits of
// the process are not set; the Sandbox's deadline still ends the child.
func limitSelf(cpu, memory int64) error {
	debug.SetMemoryLimit(memory / 2)
	return nil
}
