//go:build !unix

package health_test

import "time"

// cpuTime is not measured here; benchmarks report wall-clock time only.
func cpuTime() time.Duration { return 0 }
