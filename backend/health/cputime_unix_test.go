//go:build unix

package health_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used: the
// machine is shared, so wall-clock figures swing with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
