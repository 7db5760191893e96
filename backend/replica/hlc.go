package replica

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A hybrid logical clock value: the high 48 bits are Unix milliseconds, the
// low 16 bits a counter that orders events within one millisecond. Together
// with the device id it orders every change totally and agrees with
// causality: a change made after seeing another always has a larger clock.
const counterBits = 16

// Clock identifies one change: its HLC stamp and the device that made it.
// The zero Clock means "no previous value".
type Clock struct {
	HLC    int64  `json:"hlc"`
	Device string `json:"device"`
}

// IsZero reports whether c is the zero Clock.
func (c Clock) IsZero() bool { return c.HLC == 0 && c.Device == "" }

// Less orders clocks by stamp, then by device id, so every device picks the
// same winner between two concurrent changes.
func (c Clock) Less(o Clock) bool {
	if c.HLC != o.HLC {
		return c.HLC < o.HLC
	}
	return c.Device < o.Device
}

// Time returns the wall-clock part of the stamp.
func (c Clock) Time() time.Time { return time.UnixMilli(Millis(c.HLC)).UTC() }

// String renders the clock as "millis.counter@device" for logs and ids.
func (c Clock) String() string {
	return fmt.Sprintf("%d.%d@%s", Millis(c.HLC), c.HLC&(1<<counterBits-1), c.Device)
}

// Millis returns the wall-clock milliseconds of an HLC stamp.
func Millis(hlc int64) int64 { return hlc >> counterBits }

// Stamp builds an HLC stamp from milliseconds and a counter.
func Stamp(millis int64, counter int64) int64 { return millis<<counterBits | counter }

// HLC generates stamps for one device. It never runs backwards, even when the
// wall clock does, and it never moves further than maxDrift ahead of the wall
// clock because of a remote stamp: such stamps are refused (quarantined by
// the caller) instead of dragging this device's clock into the future.
type HLC struct {
	mu       sync.Mutex
	last     int64
	now      func() time.Time
	maxDrift time.Duration
}

// NewHLC returns a clock that starts after last (the persisted value).
func NewHLC(last int64, now func() time.Time, maxDrift time.Duration) *HLC {
	return &HLC{last: last, now: now, maxDrift: maxDrift}
}

// Next returns a new stamp, larger than every stamp this clock has issued or
// observed.
func (h *HLC) Next() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	wall := Stamp(h.now().UnixMilli(), 0)
	if wall > h.last {
		h.last = wall
	} else {
		h.last++
	}
	return h.last
}

// TooFarAhead reports whether a remote stamp is beyond now + maxDrift.
func (h *HLC) TooFarAhead(stamp int64) bool {
	return Millis(stamp) > h.now().Add(h.maxDrift).UnixMilli()
}

// Observe moves the clock past a remote stamp so later local changes sort
// after it. The caller has checked TooFarAhead first.
func (h *HLC) Observe(stamp int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if stamp > h.last {
		h.last = stamp
	}
}

// Last returns the newest stamp issued or observed, for persisting.
func (h *HLC) Last() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last
}

// parseInt64 parses a persisted stamp; an unreadable value restarts at 0,
// which is safe because Next never goes below the wall clock.
func parseInt64(s string) int64 {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0
	}
	return v
}
