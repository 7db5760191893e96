// Package testws opens a real workspace in a temporary folder for tests.
package testws

import (
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/events"
)

// Open opens a fresh workspace in t.TempDir() and closes it when t ends.
func Open(t testing.TB) (*core.Workspace, *events.Recorder) {
	t.Helper()
	rec := &events.Recorder{}
	ws, err := core.Open(t.TempDir(), rec)
	if err != nil {
		t.Fatalf("open workspace: %v", err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	// Tests of sync mechanics pair devices freely; signatures are still
	// checked. Tests of confirming devices use OpenStrict.
	ws.Sync.TrustNewDevices = true
	return ws, rec
}

// OpenStrict is Open for tests of device trust: a device's changes wait
// until someone confirms it, as in the app.
func OpenStrict(t testing.TB) *core.Workspace {
	t.Helper()
	ws, err := core.Open(t.TempDir(), &events.Recorder{})
	if err != nil {
		t.Fatalf("open workspace: %v", err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return ws
}
