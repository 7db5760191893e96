//go:build !unix

package sharedfolder_test

import "time"

// cpuTime is not measured here; the benchmark reports wall-clock figures.
func cpuTime() time.Duration { return time.Nanosecond }
