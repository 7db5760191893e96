package sharedfolder_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"postdeck/backend/apperr"
	"postdeck/backend/internal/testws"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// The team folder is deleted (by a person, a syncer, a restored cloud
// backup): sync asks instead of waiting forever, a device that still has the
// data republishes it, the others carry on without copies or conflicts, and
// a new device can join again.
func TestEmptiedFolderIsRepublishedAndHeals(t *testing.T) {
	a, b, folder := pair(t)
	if _, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	if _, err := b.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	syncOK(t, a)
	if err := os.RemoveAll(filepath.Join(folder, "postdeck")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.SyncOnce(ctx); apperr.Code(err) != sharedfolder.CodeFolderEmptied {
		t.Fatalf("a: want %s, got %v", sharedfolder.CodeFolderEmptied, err)
	}
	// Nobody could join an emptied folder.
	c, _ := testws.Open(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err == nil {
		t.Fatal("joined an emptied folder")
	}

	if _, err := a.Sync.Republish(ctx, "Kopi"); err != nil {
		t.Fatalf("republish: %v", err)
	}
	// B had everything A has, and A's snapshot holds B's changes: B carries
	// on without asking, without copies and without conflicts.
	r := syncOK(t, b)
	if r.Conflicts != 0 || names(t, b) != "Ana,Budi" {
		t.Fatalf("b after the republish: %+v, members %q", r, names(t, b))
	}
	if cs, _ := b.Replica.Conflicts(ctx); len(cs) != 0 {
		t.Fatalf("b has conflicts: %+v", cs)
	}
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
		t.Fatalf("join after the republish: %v", err)
	}
	if names(t, c) != "Ana,Budi" {
		t.Fatalf("c after join: %q", names(t, c))
	}
	// Sync goes on as before, in every direction.
	if _, err := c.Team.AddMember(ctx, "", team.MemberInput{Name: "Citra", Roles: []string{"video_editor"}}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, c)
	syncOK(t, a)
	syncOK(t, b)
	for _, ws := range []string{names(t, a), names(t, b), names(t, c)} {
		if ws != "Ana,Budi,Citra" {
			t.Fatalf("after carrying on: a=%q b=%q c=%q", names(t, a), names(t, b), names(t, c))
		}
	}
	for _, ws := range []*sharedfolder.Engine{a.Sync, b.Sync, c.Sync} {
		if s, _ := ws.Status(ctx); s.Conflicts != 0 || s.Outgoing != 0 {
			t.Fatalf("status: %+v", s)
		}
	}
}

// A device whose changes nobody had applied when the folder was emptied
// is asked too, and its republished snapshot brings them to the others.
func TestEachDeviceRepublishesWhatOnlyItHas(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	syncOK(t, a)
	syncOK(t, b)
	b.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}})
	syncOK(t, b) // a never saw Budi
	os.RemoveAll(filepath.Join(folder, "postdeck"))
	if _, err := a.Sync.Republish(ctx, "Kopi"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync.SyncOnce(ctx); apperr.Code(err) != sharedfolder.CodeFolderEmptied {
		t.Fatalf("b: want %s, got %v", sharedfolder.CodeFolderEmptied, err)
	}
	if _, err := b.Sync.Republish(ctx, ""); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	if names(t, a) != "Ana,Budi" || names(t, b) != "Ana,Budi" {
		t.Fatalf("a=%q b=%q", names(t, a), names(t, b))
	}
	if cs, _ := a.Replica.Conflicts(ctx); len(cs) != 0 {
		t.Fatalf("conflicts: %+v", cs)
	}
}

// Connecting again to the emptied folder is the person's say-so: it
// publishes everything instead of pushing nothing.
func TestConnectAgainRepublishes(t *testing.T) {
	a, _, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	syncOK(t, a)
	os.RemoveAll(filepath.Join(folder, "postdeck"))
	if _, err := a.Sync.Connect(ctx, folder, "Kopi"); err != nil {
		t.Fatal(err)
	}
	c, _ := testws.Open(t)
	if _, err := c.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil || names(t, c) != "Ana" {
		t.Fatalf("join after connect: %v, members %q", err, names(t, c))
	}
}

// A folder that still names the workspace but lost every segment is an
// error for a joining device, which stays as it was.
func TestJoiningAFolderWithoutHistoryIsAnError(t *testing.T) {
	a, _, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	syncOK(t, a)
	devices := filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices")
	entries, _ := os.ReadDir(devices)
	for _, d := range entries {
		os.RemoveAll(filepath.Join(devices, d.Name(), "changes"))
	}
	c, _ := testws.Open(t)
	before := c.Workspace.ID()
	_, err := c.Sync.Join(ctx, folder, a.Workspace.ID())
	if apperr.Code(err) != sharedfolder.CodeNoHistory {
		t.Fatalf("want %s, got %v", sharedfolder.CodeNoHistory, err)
	}
	if c.Workspace.ID() != before {
		t.Fatal("a refused join adopted the workspace")
	}
	if s, _ := c.Sync.Status(ctx); s.Enabled {
		t.Fatal("a refused join set up the folder")
	}
}

// Every syncer copy is listed: at the top of the workspace's folder, next to
// this device's own files and in its changes.
func TestLeftoversListEverySyncerCopy(t *testing.T) {
	a, _, folder := pair(t)
	syncOK(t, a)
	root := filepath.Join(folder, "postdeck", a.Workspace.ID())
	me := filepath.Join("devices", a.Replica.Device())
	want := []string{
		"workspace.sync-conflict-20261124-101010-ABC.json",
		me + "/device (1).json",
		me + "/changes/000000000001.sync-conflict-20261124-101010-ABC.seg",
		"devices/.syncthing.ack.json.tmp",
	}
	for _, w := range want {
		os.WriteFile(filepath.Join(root, filepath.FromSlash(w)), []byte("x"), 0o644)
	}
	r := syncOK(t, a)
	for _, w := range want {
		if !slices.Contains(r.Leftovers, filepath.ToSlash(w)) {
			t.Errorf("%s not listed: %v", w, r.Leftovers)
		}
	}
	// Also when the sync stops because the folder was emptied.
	os.Remove(filepath.Join(root, "workspace.json"))
	r, err := a.Sync.SyncOnce(ctx)
	if err == nil || !slices.Contains(r.Leftovers, want[0]) {
		t.Fatalf("leftovers of a paused sync: %v %v", err, r.Leftovers)
	}
}

// A device that missed some of A's segments before the folder was emptied
// takes A's newest values from the snapshot as plain updates: A's later edit
// saw its earlier one, so there is nothing for a person to resolve.
func TestRepublishedSnapshotDoesNotConflictWithAnOlderValueOfTheSameDevice(t *testing.T) {
	a, b, folder := pair(t)
	m, _ := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	syncOK(t, a)
	syncOK(t, b)
	for _, n := range []string{"Ana 1", "Ana 2", "Ana 3"} {
		if _, err := a.Team.UpdateMember(ctx, "", m.ID, team.MemberPatch{Name: &n}); err != nil {
			t.Fatal(err)
		}
		syncOK(t, a)
	}
	os.RemoveAll(filepath.Join(folder, "postdeck"))
	if _, err := a.Sync.Republish(ctx, "Kopi"); err != nil {
		t.Fatal(err)
	}
	r := syncOK(t, b)
	if cs, _ := b.Replica.Conflicts(ctx); len(cs) != 0 || r.Conflicts != 0 || names(t, b) != "Ana 3" {
		t.Fatalf("b: %+v, conflicts %+v, members %q", r, cs, names(t, b))
	}
}
