package sharedfolder_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// copyDir copies a closed data folder, like a backup or a disk image.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// putBack replaces a data folder by an earlier copy at the same path.
func putBack(t *testing.T, copyOf, dir string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	copyDir(t, copyOf, dir)
}

func reopen(t *testing.T, dir string, opt replica.Options) *core.Workspace {
	t.Helper()
	if opt.Emitter == nil {
		opt.Emitter = events.Nop{}
	}
	ws, err := core.OpenWith(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	ws.Sync.TrustNewDevices = true
	return ws
}

func rename(t *testing.T, ws *core.Workspace, id, name string) {
	t.Helper()
	if err := ws.Replica.Write(ctx, func(w *replica.Writer) error {
		return w.Update("members", id, map[string]any{"name": name})
	}); err != nil {
		t.Fatal(err)
	}
}

// segmentHashes returns the SHA-256 of every segment in the workspace folder.
func segmentHashes(t *testing.T, wsDir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wsDir, "devices", "*", "changes", "*.seg"))
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(data)
		out[f] = hex.EncodeToString(sum[:])
	}
	return out
}

// A data folder put back from an old copy at the same path must not write
// over the segments it wrote after the copy was made: it carries on as a
// new device id, and every device ends with the same data, with the edit
// the restore undid kept as a conflict.
func TestRestoredDataFolderCarriesOnAsANewDevice(t *testing.T) {
	a, b, folder := pair(t)
	ana, err := a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	syncOK(t, a)
	bDir := filepath.Dir(b.Store.Path())
	aside := t.TempDir()
	b.Close()
	copyDir(t, bDir, aside)
	b = reopen(t, bDir, replica.Options{})
	oldID := b.Replica.Device()

	rename(t, b, ana.ID, "Ana from B before the restore")
	syncOK(t, b)
	syncOK(t, a)
	wsDir := filepath.Join(folder, "postdeck", a.Workspace.ID())
	written := segmentHashes(t, wsDir)

	b.Close()
	putBack(t, aside, bDir)
	b = reopen(t, bDir, replica.Options{})
	if b.Replica.Device() != oldID {
		t.Fatal("the restored folder should start with its old device id")
	}
	rename(t, b, ana.ID, "Ana from B after the restore")
	r := syncOK(t, b)
	if b.Replica.Device() == oldID || len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeDeviceRestored {
		t.Fatalf("the restore was not noticed: device %s, issues %+v", b.Replica.Device(), r.Issues)
	}
	for f, h := range segmentHashes(t, wsDir) {
		if w, ok := written[f]; ok && w != h {
			t.Fatalf("%s was written over", f)
		}
	}
	st, err := b.Sync.Status(ctx)
	if err != nil || st.DeviceChange == nil || st.DeviceChange.Reason != sharedfolder.ReasonRestored ||
		st.DeviceChange.PreviousID != oldID || st.DeviceChange.DeviceID != b.Replica.Device() {
		t.Fatalf("the status does not say the device continued under a new id: %+v %v", st.DeviceChange, err)
	}

	c, _ := joined(t, folder, a)
	for i := 0; i < 3; i++ {
		for _, ws := range []*core.Workspace{a, b, c} {
			syncOK(t, ws)
		}
	}
	for _, ws := range []*core.Workspace{a, b, c} {
		if got := names(t, ws); got != "Ana from B after the restore" {
			t.Fatalf("%s sees %q", ws.Replica.Device(), got)
		}
		cs, _ := ws.Replica.Conflicts(ctx)
		if len(cs) != 1 || !strings.Contains(string(cs[0].Value), "before the restore") {
			t.Fatalf("%s: the edit the restore undid is not kept as a conflict: %+v", ws.Replica.Device(), cs)
		}
		st, _ := ws.Sync.Status(ctx)
		if st.Outgoing != 0 || st.Incoming != 0 {
			t.Fatalf("%s: status %+v", ws.Replica.Device(), st)
		}
	}
}

// A crash between writing a segment and recording it leaves a segment this
// data folder has: it is adopted, not taken for a restore, even when more
// changes were made before the next sync.
func TestSegmentWrittenBeforeACrashIsAdopted(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	if _, err := a.Sync.SyncWith(ctx, folder, faultFS{DirFS: wsFS(folder, a), crashAfter: true}); err == nil {
		t.Fatal("the crash was not reported")
	}
	first, _ := os.ReadFile(segPath(folder, a, 1))
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Budi", Roles: []string{"copywriter"}})
	dev := a.Replica.Device()
	r := syncOK(t, a)
	if a.Replica.Device() != dev || len(r.Issues) != 0 {
		t.Fatalf("a crash was taken for a restore: %+v", r.Issues)
	}
	again, _ := os.ReadFile(segPath(folder, a, 1))
	if string(first) != string(again) {
		t.Fatal("the segment was written over")
	}
	syncOK(t, b)
	if names(t, b) != "Ana,Budi" {
		t.Fatalf("b: %q", names(t, b))
	}
}

// The segment write itself refuses to replace a file, as a second line of
// defence behind the check of the device's own history.
func TestSegmentsAreNeverReplaced(t *testing.T) {
	dir := t.TempDir()
	f := sharedfolder.DirFS{Root: dir}
	if err := f.WriteFileNew("x.seg", []byte("first")); err != nil {
		t.Fatal(err)
	}
	err := f.WriteFileNew("x.seg", []byte("second"))
	if !os.IsExist(err) {
		t.Fatalf("want an exists error, got %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "x.seg")); string(data) != "first" {
		t.Fatalf("the file was replaced: %q", data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".postdeck-*")); len(left) != 0 {
		t.Fatalf("temp files left: %v", left)
	}
}

// joined returns a new device that joined folder.
func joined(t *testing.T, folder string, a *core.Workspace) (*core.Workspace, sharedfolder.Report) {
	t.Helper()
	c := reopen(t, t.TempDir(), replica.Options{})
	r, err := c.Sync.Join(ctx, folder, a.Workspace.ID())
	if err != nil {
		t.Fatal(err)
	}
	return c, r
}

// The issue's steps for a delete: A changes a post's text and syncs; B,
// without syncing, changes the title, then deletes the post, then syncs.
// B had never seen A's text, so the post comes back on both with A's text
// (edit beats delete), as it does when B changed nothing before deleting.
func TestAPostDeletedAfterAnotherEditComesBackWithTheUnseenText(t *testing.T) {
	a, b, _ := pair(t)
	p, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Promo", Body: "Diskon", Date: "2026-12-04"})
	if err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	in := calendar.PostInput{Title: "Promo", Body: "Diskon 20% hari Jumat", Date: "2026-12-04"}
	if _, err := a.Calendar.UpdatePost(ctx, "", p.ID, in); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	time.Sleep(5 * time.Millisecond) // B's edit and delete stamp later than A's edit
	if _, err := b.Calendar.UpdatePost(ctx, "", p.ID, calendar.PostInput{Title: "Promo Jumat", Body: "Diskon", Date: "2026-12-04"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Calendar.DeletePost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	syncOK(t, b)
	syncOK(t, a)
	syncOK(t, b)
	for _, ws := range []*core.Workspace{a, b} {
		got, err := ws.Calendar.Post(ctx, p.ID)
		if err != nil {
			t.Fatalf("%s: the post stayed deleted and A's text is gone: %v", ws.Replica.Device(), err)
		}
		if got.Body != in.Body || got.Title != "Promo Jumat" {
			t.Fatalf("%s: %q / %q", ws.Replica.Device(), got.Title, got.Body)
		}
	}
}
