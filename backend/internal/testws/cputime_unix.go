//go:build unix

package testws

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user and system) this process has used, for
// benchmarks that report work per CPU second beside wall-clock figures: the
// machines they run on are shared, and wall-clock figures swing with load.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
