//go:build syncthing

package sharedfolder_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"postdeck/backend/core"
	"postdeck/backend/internal/testws"
	"postdeck/backend/replica"
	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

// TestSyncthingRestoredDevice: B's data folder is put back from an older
// copy at the same path after B had sent an edit through Syncthing. B must
// carry on as a new device instead of writing over its own segment (which
// Syncthing would carry to A, who already applied the first version, or
// turn into a conflict copy), and both devices must end with the same data.
func TestSyncthingRestoredDevice(t *testing.T) {
	checkIsolated(t)
	s1, s2 := startPair(t)
	wa, _ := testws.Open(t)
	wb, _ := testws.Open(t)
	a := &stDevice{name: "A", ws: wa, st: s1, leftovers: map[string]bool{}, elsewhere: map[string]bool{}}
	b := &stDevice{name: "B", ws: wb, st: s2, leftovers: map[string]bool{}, elsewhere: map[string]bool{}}
	if _, err := wa.Sync.Connect(ctx, s1.folder, "Restore"); err != nil {
		t.Fatal(err)
	}
	wsID := wa.Workspace.ID()
	waitFor(t, "workspace.json in instance 2's folder", 60*time.Second, 50*time.Millisecond, func() bool {
		_, err := os.Stat(filepath.Join(s2.folder, "postdeck", wsID, "workspace.json"))
		return err == nil
	})
	if _, err := wb.Sync.Join(ctx, s2.folder, wsID); err != nil {
		t.Fatal(err)
	}
	ana, err := wa.Team.AddMember(ctx, "", team.MemberInput{Name: "Ana", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	a.mustSync(t)
	waitFor(t, "B to have Ana", 60*time.Second, 100*time.Millisecond, func() bool {
		b.mustSync(t)
		return len(memberNames(t, wb)) == 1
	})

	// B's data folder is copied aside; B edits and sends; A applies it.
	bDir := filepath.Dir(wb.Store.Path())
	aside := t.TempDir()
	wb.Close()
	copyDir(t, bDir, aside)
	b.ws = reopen(t, bDir, replica.Options{})
	oldID := b.ws.Replica.Device()
	rename(t, b.ws, ana.ID, "Ana (B, before the restore)")
	b.mustSync(t)
	waitFor(t, "A to have B's edit", 60*time.Second, 100*time.Millisecond, func() bool {
		a.mustSync(t)
		return slices.Equal(memberNames(t, wa), []string{"Ana (B, before the restore)"})
	})
	sent1, sent2 := segmentHashes(t, a.wsDir()), segmentHashes(t, b.wsDir())

	// The copy goes back into B's own folder; B edits again and syncs.
	b.ws.Close()
	putBack(t, aside, bDir)
	b.ws = reopen(t, bDir, replica.Options{})
	rename(t, b.ws, ana.ID, "Ana (B, after the restore)")
	r, err := b.ws.Sync.SyncOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.ws.Replica.Device() == oldID || !slices.ContainsFunc(r.Issues, func(i sharedfolder.Issue) bool {
		return i.Code == sharedfolder.CodeDeviceRestored
	}) {
		t.Fatalf("the restored device did not carry on as a new one: %+v", r.Issues)
	}
	newID := b.ws.Replica.Device()
	waitFor(t, "B's new device folder in instance 1's folder", 60*time.Second, 100*time.Millisecond, func() bool {
		_, err := os.Stat(filepath.Join(a.wsDir(), "devices", newID, "changes", sharedfolder.SegmentName(1)))
		return err == nil
	})

	// Both sync until they agree, three quiet rounds in a row.
	quiet := 0
	waitFor(t, "both devices to converge", 60*time.Second, 250*time.Millisecond, func() bool {
		ra, rb := a.mustSync(t), b.mustSync(t)
		ma, ca := state(t, a.ws)
		mb, cb := state(t, b.ws)
		if ra.Pushed+ra.Applied+rb.Pushed+rb.Applied == 0 && ma == mb && slices.Equal(ca, cb) {
			quiet++
		} else {
			quiet = 0
		}
		return quiet >= 3
	})
	for _, ws := range []*core.Workspace{a.ws, b.ws} {
		if got := memberNames(t, ws); !slices.Equal(got, []string{"Ana (B, after the restore)"}) {
			t.Fatalf("%s sees %v", ws.Replica.Device(), got)
		}
		cs, _ := ws.Replica.Conflicts(ctx)
		if len(cs) != 1 || !strings.Contains(string(cs[0].Value), "before the restore") {
			t.Fatalf("the edit the restore undid is not kept as a conflict: %+v", cs)
		}
	}
	// Nothing B had sent was written over, in either instance's folder, and
	// Syncthing never had to make a conflict copy of a segment.
	for _, pair := range []struct{ before, now map[string]string }{
		{sent1, segmentHashes(t, a.wsDir())}, {sent2, segmentHashes(t, b.wsDir())},
	} {
		for f, h := range pair.before {
			if pair.now[f] != h {
				t.Fatalf("%s was written over or removed", f)
			}
		}
	}
	for _, in := range []*stInstance{s1, s2} {
		for _, f := range syncthingFilesAnywhere(in.folder) {
			if strings.Contains(f, ".seg") && strings.Contains(f, "sync-conflict") {
				t.Fatalf("Syncthing made a conflict copy of a segment: %s", f)
			}
		}
	}
	logSyncthingErrors(t, s1, s2)
}
