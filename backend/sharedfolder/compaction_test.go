package sharedfolder_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

func countSegments(t *testing.T, folder string, ws *core.Workspace) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(folder, "postdeck", ws.Workspace.ID(), "devices", ws.Replica.Device(), "changes", "*.seg"))
	return len(files)
}

func TestCompactionSnapshotsAndBootstrap(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 4
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })

	a, b, folder := pair(t)
	for i := 0; i < 10; i++ {
		if _, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("M%02d", i), Roles: []string{"copywriter"}}); err != nil {
			t.Fatal(err)
		}
		syncOK(t, a)
		if i == 4 {
			syncOK(t, b) // b has applied the first five
		}
	}
	// b has not applied everything yet: a keeps what b still needs.
	if n := countSegments(t, folder, a); n < 5 {
		t.Fatalf("a deleted segments b had not applied: %d left", n)
	}
	syncOK(t, b)
	syncOK(t, a)
	if n := countSegments(t, folder, a); n >= 10 {
		t.Fatalf("a kept every segment after b applied them: %d", n)
	}
	snaps, _ := filepath.Glob(filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices", a.Replica.Device(), "snapshot-*.seg"))
	if len(snaps) != 1 {
		t.Fatalf("want one snapshot of a, got %v", snaps)
	}
	// A new device starts from the snapshot and the segments after it.
	c, _ := testws.Open(t)
	r, err := c.Sync.Join(ctx, folder, a.Workspace.ID())
	if err != nil {
		t.Fatal(err)
	}
	if names(t, c) != names(t, a) || len(names(t, c)) == 0 {
		t.Fatalf("bootstrap: c has %q, a has %q (%+v)", names(t, c), names(t, a), r)
	}
	// A device restored from an old backup, whose next segments are gone,
	// catches up from the snapshot instead of waiting forever.
	stale, _ := testws.Open(t)
	if _, err := stale.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatal(err)
	}
	stale.Store.DB().Exec("UPDATE sync_cursors SET seq = 1")
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Late", Roles: []string{"copywriter"}})
	syncOK(t, a)
	syncOK(t, stale)
	if names(t, stale) != names(t, a) {
		t.Fatalf("stale device: %q vs %q", names(t, stale), names(t, a))
	}
}

// A real workspace's snapshot is large; a new device must still start from
// it after the segments it covers were deleted.
func TestBootstrapFromALargeSnapshot(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 1
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })
	a, _ := testws.Open(t)
	folder := t.TempDir()
	if _, err := a.Sync.Connect(ctx, folder, "Big"); err != nil {
		t.Fatal(err)
	}
	err := a.Replica.Write(ctx, func(w *replica.Writer) error {
		for i := 0; i < 3000; i++ {
			if _, err := w.Insert("roles", map[string]any{"name": fmt.Sprintf("role %04d", i),
				"description": "a description long enough to make the snapshot bigger than its header", "permissions": []string{}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, a)
	if n := countSegments(t, folder, a); n != 0 {
		t.Fatalf("with no other device and a snapshot, a's segments should be compacted away: %d left", n)
	}
	c, _ := testws.Open(t)
	r, err := c.Sync.Join(ctx, folder, a.Workspace.ID())
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	c.Store.DB().Raw("SELECT COUNT(*) FROM roles WHERE deleted_at IS NULL").Scan(&n)
	if n != 3000 {
		t.Fatalf("the new device has %d of 3000 roles (%+v)", n, r)
	}
}
