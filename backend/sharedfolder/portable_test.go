package sharedfolder_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"postdeck/backend/sharedfolder"
	"postdeck/backend/team"
)

func TestPortableNameRefusesWhatWindowsRefuses(t *testing.T) {
	for _, bad := range []string{"", ".", "..", "a:b", `a\b`, "a/b", "what?.ics", "*.seg", "a<b", "a>b", `"q"`, "a|b",
		"tab\there", "CON", "con", "nul.txt", "COM1.seg", "lpt9", "aux .ics", "trailing.", "trailing ", string(make([]byte, 256))} {
		if sharedfolder.PortableName(bad) == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	for _, good := range []string{"workspace.json", "000000000001.seg", "snapshot-000000000050.seg", "ack.json",
		"0190b2d4-7e1c-7a3b-9c2d-1e2f3a4b5c6d", "console.ics", "com10", "Kalender Tim – Ana.ics", "feeds"} {
		if err := sharedfolder.PortableName(good); err != nil {
			t.Errorf("%q was refused: %v", good, err)
		}
	}
	if got := sharedfolder.CaseCollisions([]string{"feed.ics", "Feed.ics", "other.ics", "feed.ics"}); len(got) != 1 || got[0] != [2]string{"feed.ics", "Feed.ics"} {
		t.Errorf("case collisions: %v", got)
	}
}

// Everything Postdeck writes into the shared folder must be a name every
// teammate's OS can hold: a Windows laptop, a Mac and Linux share one folder.
func TestEveryNameInTheSharedFolderWorksOnWindows(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 3
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })

	a, b, folder := pair(t)
	if _, err := a.Sync.Blobs.Put([]byte("\x89PNG an attachment")); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 7; i++ {
		a.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("CON %d: <Ana>?", i), Roles: []string{"copywriter"}})
		b.Team.AddMember(ctx, "", team.MemberInput{Name: fmt.Sprintf("nul|%d", i), Roles: []string{"copywriter"}})
		syncOK(t, a)
		syncOK(t, b)
	}
	seen := 0
	kinds := map[string]bool{}
	err := filepath.WalkDir(folder, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == folder {
			return err
		}
		seen++
		if err := sharedfolder.PortableName(d.Name()); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if rel, _ := filepath.Rel(folder, path); len(rel) > 200 {
			t.Errorf("%s: %d characters below the shared folder leave too little of Windows' 260 for the folder itself", rel, len(rel))
		}
		switch {
		case d.Name() == "ack.json" || d.Name() == "device.json" || d.Name() == "workspace.json":
			kinds[d.Name()] = true
		case filepath.Ext(d.Name()) == ".seg":
			kinds[filepath.Base(filepath.Dir(path))+"/*.seg"] = true
		}
		if d.IsDir() {
			entries, _ := os.ReadDir(path)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if c := sharedfolder.CaseCollisions(names); len(c) > 0 {
				t.Errorf("%s: names differ only by case: %v", path, c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The walk saw every kind of file, so the check above covered them.
	for _, k := range []string{"workspace.json", "device.json", "ack.json", "changes/*.seg"} {
		if !kinds[k] {
			t.Errorf("no %s in the shared folder: %v", k, kinds)
		}
	}
	snaps, _ := filepath.Glob(filepath.Join(folder, "postdeck", "*", "devices", "*", "snapshot-*.seg"))
	blobs, _ := filepath.Glob(filepath.Join(folder, "postdeck", "*", "blobs", "*", "*"))
	if len(snaps) == 0 || len(blobs) == 0 || seen < 10 {
		t.Fatalf("the folder lacks snapshots (%d) or attachments (%d); %d names seen", len(snaps), len(blobs), seen)
	}
}
