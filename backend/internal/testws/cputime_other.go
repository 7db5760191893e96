//go:build !unix

package testws

import "time"

// CPUTime is not measured here; benchmarks report wall-clock figures.
func CPUTime() time.Duration { return time.Nanosecond }
