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
	return ws, rec
}
