package sharedfolder_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// faultFS fails writes the way a full or read-only disk does, or "crashes"
// right after a write landed.
type faultFS struct {
	sharedfolder.DirFS
	writeErr   error
	crashAfter bool
}

func (f faultFS) WriteFileAtomic(name string, data []byte) error {
	if f.crashAfter {
		if err := f.DirFS.WriteFileAtomic(name, data); err != nil {
			return err
		}
		return errors.New("killed")
	}
	if f.writeErr != nil {
		return &os.PathError{Op: "write", Path: name, Err: f.writeErr}
	}
	return f.DirFS.WriteFileAtomic(name, data)
}

func (f faultFS) WriteFileNew(name string, data []byte) error {
	if f.crashAfter {
		if err := f.DirFS.WriteFileNew(name, data); err != nil {
			return err
		}
		return errors.New("killed")
	}
	if f.writeErr != nil {
		return &os.PathError{Op: "write", Path: name, Err: f.writeErr}
	}
	return f.DirFS.WriteFileNew(name, data)
}

func wsFS(folder string, ws *core.Workspace) sharedfolder.DirFS {
	return sharedfolder.DirFS{Root: filepath.Join(folder, "postdeck", ws.Workspace.ID())}
}

func segPath(folder string, ws *core.Workspace, seq int64) string {
	return filepath.Join(folder, "postdeck", ws.Workspace.ID(), "devices", ws.Replica.Device(), "changes", sharedfolder.SegmentName(seq))
}

func TestDiskFullAndReadOnlyPauseWithAMessage(t *testing.T) {
	a, _, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	for _, c := range []struct {
		err  error
		code string
	}{{syscall.ENOSPC, sharedfolder.CodeDiskFull}, {syscall.EROFS, sharedfolder.CodeFolderReadOnly}, {syscall.EACCES, sharedfolder.CodeFolderReadOnly}} {
		_, err := a.Sync.SyncWith(ctx, folder, faultFS{DirFS: wsFS(folder, a), writeErr: c.err})
		if apperr.Code(err) != c.code {
			t.Fatalf("%v: want %s, got %v", c.err, c.code, err)
		}
		if names(t, a) != "Ana" {
			t.Fatal("a failed write touched local data")
		}
		st, _ := a.Sync.Status(ctx)
		if st.Outgoing == 0 {
			t.Fatal("changes that could not be written must still wait to be sent")
		}
	}
	if r := syncOK(t, a); r.Pushed == 0 {
		t.Fatal("sync did not resume once the disk was fine")
	}
}

func TestKilledAfterWritingASegmentConverges(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	if _, err := a.Sync.SyncWith(ctx, folder, faultFS{DirFS: wsFS(folder, a), crashAfter: true}); err == nil {
		t.Fatal("the crash was not reported")
	}
	first, err := os.ReadFile(segPath(folder, a, 1))
	if err != nil {
		t.Fatal("the segment written before the crash is not there")
	}
	syncOK(t, b)
	// After the restart the segment is taken as sent, not written again.
	syncOK(t, a)
	again, _ := os.ReadFile(segPath(folder, a, 1))
	if string(first) != string(again) {
		t.Fatal("the segment was written over")
	}
	if _, err := os.Stat(segPath(folder, a, 2)); err == nil {
		t.Fatal("the same changes were sent twice")
	}
	r := syncOK(t, b)
	if names(t, b) != "Ana" || r.Applied != 0 {
		t.Fatalf("b: %q %+v", names(t, b), r)
	}
}

func TestGapInSequenceWaits(t *testing.T) {
	a, b, folder := pair(t)
	for _, n := range []string{"Ana", "Budi", "Citra"} {
		a.Team.AddMember(ctx, "", team.MemberInput{Name: n, Roles: []string{"copywriter"}})
		syncOK(t, a)
	}
	hidden := segPath(folder, a, 2) + ".hold"
	os.Rename(segPath(folder, a, 2), hidden)
	r := syncOK(t, b)
	if names(t, b) != "Ana" {
		t.Fatalf("applied past a gap: %q", names(t, b))
	}
	if len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeWaitingSegment {
		t.Fatalf("gap not reported: %+v", r.Issues)
	}
	os.Rename(hidden, segPath(folder, a, 2))
	syncOK(t, b)
	if names(t, b) != "Ana,Budi,Citra" {
		t.Fatalf("after the gap filled: %q", names(t, b))
	}
}

func TestNewerFormatAndForeignChangesAreRefusedWhole(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	changes, _, _ := a.Replica.LocalChanges(ctx, 0, 100)
	newer, _ := sharedfolder.EncodeSegment(sharedfolder.SegmentHeader{Format: sharedfolder.FormatVersion + 1,
		Workspace: a.Workspace.ID(), Device: a.Replica.Device(), Seq: 1}, changes)
	os.WriteFile(segPath(folder, a, 1), newer, 0o644)
	r := syncOK(t, b)
	if names(t, b) != "" || len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeNewerFormat {
		t.Fatalf("newer format: %q %+v", names(t, b), r.Issues)
	}
	// A segment in a's folder holding a change stamped by another device.
	forged := append([]replica.Change{}, changes...)
	forged[0].Clock.Device = b.Replica.Device()
	data, _ := sharedfolder.EncodeSegment(sharedfolder.SegmentHeader{Format: sharedfolder.FormatVersion,
		Workspace: a.Workspace.ID(), Device: a.Replica.Device(), Seq: 1}, forged)
	os.WriteFile(segPath(folder, a, 1), data, 0o644)
	r = syncOK(t, b)
	if names(t, b) != "" || len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeCorruptSegment {
		t.Fatalf("forged device: %q %+v", names(t, b), r.Issues)
	}
	// A change the schema does not allow refuses the whole segment.
	bad := append([]replica.Change{}, changes...)
	bad[len(bad)-1].Field = "password"
	data, _ = sharedfolder.EncodeSegment(sharedfolder.SegmentHeader{Format: sharedfolder.FormatVersion,
		Workspace: a.Workspace.ID(), Device: a.Replica.Device(), Seq: 1}, bad)
	os.WriteFile(segPath(folder, a, 1), data, 0o644)
	r = syncOK(t, b)
	if names(t, b) != "" || len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeCorruptSegment {
		t.Fatalf("invalid change: %q %+v", names(t, b), r.Issues)
	}
}

func TestStrangeNamesAreNeverRead(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	syncOK(t, a)
	devices := filepath.Join(folder, "postdeck", a.Workspace.ID(), "devices")
	changes := filepath.Dir(segPath(folder, a, 1))
	for _, name := range []string{
		filepath.Join(devices, "not-a-device"),
		filepath.Join(devices, a.Replica.Device()+" (1)"),
		filepath.Join(changes, ".syncthing.000000000002.seg.tmp"),
		filepath.Join(changes, "~syncthing~000000000002.seg.tmp"),
		filepath.Join(changes, "000000000002 (Sari's conflicted copy 2026-11-24).seg"),
		filepath.Join(changes, "2.seg"),
	} {
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, []byte("junk"), 0o644)
	}
	os.Mkdir(filepath.Join(devices, "0193aaaa-0000-7000-8000-000000000000 (1)"), 0o755)
	r := syncOK(t, b)
	if names(t, b) != "Ana" {
		t.Fatalf("valid data not applied: %q", names(t, b))
	}
	if len(r.Issues) != 0 {
		t.Fatalf("junk names caused issues: %+v", r.Issues)
	}
	if len(r.Leftovers) < 4 {
		t.Fatalf("syncer copies not listed for diagnostics: %v", r.Leftovers)
	}
}

func TestClockSkew(t *testing.T) {
	folder := t.TempDir()
	start := time.Now()
	var aNow time.Time = start
	a, err := core.OpenWith(t.TempDir(), replica.Options{Now: func() time.Time { return aNow }, Emitter: events.Nop{}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Sync.TrustNewDevices = true
	if _, err := a.Sync.Connect(ctx, folder, "Skew"); err != nil {
		t.Fatal(err)
	}
	ahead := func(d time.Duration) *core.Workspace {
		ws, err := core.OpenWith(t.TempDir(), replica.Options{Now: func() time.Time { return time.Now().Add(d) }, Emitter: events.Nop{}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ws.Close() })
		ws.Sync.TrustNewDevices = true
		if _, err := ws.Sync.Join(ctx, folder, a.Workspace.ID()); err != nil {
			t.Fatal(err)
		}
		return ws
	}
	hours, days, years := ahead(3*time.Hour), ahead(3*24*time.Hour), ahead(10*365*24*time.Hour)
	hours.Team.AddMember(ctx, "", team.MemberInput{Name: "Hours", Roles: []string{"copywriter"}})
	days.Team.AddMember(ctx, "", team.MemberInput{Name: "Days", Roles: []string{"copywriter"}})
	years.Team.AddMember(ctx, "", team.MemberInput{Name: "Years", Roles: []string{"copywriter"}})
	for _, ws := range []*core.Workspace{hours, days, years} {
		syncOK(t, ws)
	}
	syncOK(t, a)
	if names(t, a) != "Hours" {
		t.Fatalf("want only the hours-ahead change applied, got %q", names(t, a))
	}
	st, _ := a.Sync.Status(ctx)
	if st.Quarantined == 0 {
		t.Fatal("far-future changes are not reported as waiting")
	}
	// This device's own clock did not jump ahead with them.
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Local", Roles: []string{"copywriter"}})
	local, _, _ := a.Replica.LocalChanges(ctx, 0, 1000)
	if last := local[len(local)-1].Clock.Time(); last.After(start.Add(4 * time.Hour)) {
		t.Fatalf("local clock was dragged to %s", last)
	}
	// Once time catches up, the days-ahead change is applied; years stay out.
	aNow = start.Add(3 * 24 * time.Hour)
	syncOK(t, a)
	if names(t, a) != "Days,Hours,Local" {
		t.Fatalf("after time caught up: %q", names(t, a))
	}
}

// A copied data folder (a cloned disk) reuses the device id; the copy that
// notices takes a new id, and nobody's segments are overwritten.
func TestClonedInstallGetsANewDeviceID(t *testing.T) {
	a, b, _ := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	syncOK(t, a)
	syncOK(t, b)
	// Copy b's data folder while it is closed, like a disk image.
	bDir := filepath.Dir(b.Store.Path())
	cloneDir := t.TempDir()
	b.Close()
	entries, _ := os.ReadDir(bDir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(bDir, e.Name()))
		os.WriteFile(filepath.Join(cloneDir, e.Name()), data, 0o644)
	}
	b, err := core.Open(bDir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.Sync.TrustNewDevices = true
	c, err := core.Open(cloneDir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Sync.TrustNewDevices = true
	if b.Replica.Device() != c.Replica.Device() {
		t.Fatal("the copy should start with the same device id")
	}
	b.Team.AddMember(ctx, "", team.MemberInput{Name: "FromB", Roles: []string{"copywriter"}})
	c.Team.AddMember(ctx, "", team.MemberInput{Name: "FromClone", Roles: []string{"copywriter"}})
	syncOK(t, b)
	r := syncOK(t, c)
	if len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeDeviceCloned || c.Replica.Device() == b.Replica.Device() {
		t.Fatalf("clone not detected: %+v", r.Issues)
	}
	for i := 0; i < 2; i++ {
		for _, ws := range []*core.Workspace{a, b, c} {
			syncOK(t, ws)
		}
	}
	for _, ws := range []*core.Workspace{a, b, c} {
		if got := names(t, ws); got != "Ana,FromB,FromClone" {
			t.Fatalf("%s sees %q", ws.Replica.Device(), got)
		}
	}
}

// heldFS plays a syncer or virus scanner holding files open, as happens on
// Windows: our files cannot be replaced, or others' segments cannot be opened.
type heldFS struct {
	sharedfolder.DirFS
	holdWrites, holdReads bool
}

func (f heldFS) WriteFileAtomic(name string, data []byte) error {
	if f.holdWrites {
		// What DirFS returns once its tries run out.
		return &sharedfolder.LockedError{Path: name, Err: syscall.EBUSY}
	}
	return f.DirFS.WriteFileAtomic(name, data)
}

func (f heldFS) WriteFileNew(name string, data []byte) error {
	if f.holdWrites {
		return &sharedfolder.LockedError{Path: name, Err: syscall.EBUSY}
	}
	return f.DirFS.WriteFileNew(name, data)
}

func (f heldFS) ReadFile(name string, limit int64) ([]byte, error) {
	if f.holdReads && strings.HasSuffix(name, ".seg") {
		return nil, &os.PathError{Op: "open", Path: name, Err: syscall.EBUSY}
	}
	return f.DirFS.ReadFile(name, limit)
}

func TestAFileHeldByAnotherProgramPausesSyncAndItResumes(t *testing.T) {
	a, b, folder := pair(t)
	a.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"copywriter"}})
	_, err := a.Sync.SyncWith(ctx, folder, heldFS{DirFS: wsFS(folder, a), holdWrites: true})
	if apperr.Code(err) != sharedfolder.CodeFileBusy {
		t.Fatalf("want %s, got %v", sharedfolder.CodeFileBusy, err)
	}
	if st, _ := a.Sync.Status(ctx); names(t, a) != "Ana" || st.Outgoing == 0 {
		t.Fatalf("a held file must leave local data and the outgoing changes alone: %q %+v", names(t, a), st)
	}
	syncOK(t, a)

	// b cannot open a's segment yet: it waits and says why.
	r, err := b.Sync.SyncWith(ctx, folder, heldFS{DirFS: wsFS(folder, b), holdReads: true})
	if err != nil || names(t, b) != "" {
		t.Fatalf("a held segment is not an error, and nothing is applied: %v %q", err, names(t, b))
	}
	if len(r.Issues) == 0 || r.Issues[0].Code != sharedfolder.CodeFileBusy {
		t.Fatalf("the held segment is not reported: %+v", r.Issues)
	}
	syncOK(t, b)
	if names(t, b) != "Ana" {
		t.Fatalf("b after the file was released: %q", names(t, b))
	}
	if _, err := os.Stat(segPath(folder, a, 2)); err == nil {
		t.Fatal("the changes were sent twice")
	}
}
