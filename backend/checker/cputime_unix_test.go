//go:build unix

package checker

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used: on a shared machine the
// wall-clock time of a check swings with the load, its CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
