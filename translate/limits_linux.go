package translate

import (
	"fmt"
	"os"
	"runtime/debug"
	"syscall"
)

// limitSelf limits this process to cpu seconds of CPU time, after which
// the kernel kills it, and to memory bytes of address space on top of
// what it has reserved so far, past which allocations fail and the Go
// runtime ends it. The garbage collector works harder from half of that
// on, so that a document that fits is not refused for the garbage it left.
func limitSelf(cpu, memory int64) error {
	// The Go runtime reserves about a gigabyte of address space it never
	// uses: a limit of the whole would leave nothing to read with.
	reserved, err := addressSpace()
	if err != nil {
		return err
	}
	for _, l := range []struct {
		resource int
		value    uint64
	}{{syscall.RLIMIT_CPU, uint64(cpu)}, {syscall.RLIMIT_AS, reserved + uint64(memory)}} {
		var cur syscall.Rlimit
		if err := syscall.Getrlimit(l.resource, &cur); err != nil {
			return err
		}
		// Lower only: an unprivileged process cannot raise its hard limit.
		v := min(l.value, cur.Max)
		if err := syscall.Setrlimit(l.resource, &syscall.Rlimit{Cur: v, Max: v}); err != nil {
			return err
		}
	}
	debug.SetMemoryLimit(memory / 2)
	// Under a container's memory limit, the kernel's OOM killer picks
	// this process before the bot; where /proc does not let it, the
	// limits above still hold.
	_ = os.WriteFile("/proc/self/oom_score_adj", []byte("1000"), 0)
	return nil
}

// addressSpace returns the bytes of address space this process holds.
func addressSpace() (uint64, error) {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, err
	}
	var pages uint64
	if _, err := fmt.Sscan(string(data), &pages); err != nil {
		return 0, fmt.Errorf("statm: %w", err)
	}
	return pages * uint64(os.Getpagesize()), nil
}
