package sharedfolder_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/sharedfolder"
)

// failAfterFS fails every write after the first n, as a disk pulled out
// halfway through encrypting the folder.
type failAfterFS struct {
	sharedfolder.FS
	left *int
}

func (f failAfterFS) WriteFileAtomic(name string, data []byte) error {
	if *f.left <= 0 {
		return errors.New("the disk went away")
	}
	*f.left--
	return f.FS.WriteFileAtomic(name, data)
}

// lateFS hides one file, as a syncer that has not delivered it yet.
type lateFS struct {
	sharedfolder.DirFS
	hide string
}

func (f lateFS) ReadFile(name string, limit int64) ([]byte, error) {
	if name == f.hide {
		return nil, os.ErrNotExist
	}
	return f.DirFS.ReadFile(name, limit)
}

func (f lateFS) ReadPrefix(name string, n int64) ([]byte, error) {
	if name == f.hide {
		return nil, os.ErrNotExist
	}
	return f.DirFS.ReadPrefix(name, n)
}

func (f lateFS) Stat(name string) (os.FileInfo, error) {
	if name == f.hide {
		return nil, os.ErrNotExist
	}
	return f.DirFS.Stat(name)
}

func (f lateFS) ReadDir(name string) ([]os.DirEntry, error) {
	list, err := f.DirFS.ReadDir(name)
	return slices.DeleteFunc(list, func(d os.DirEntry) bool { return name+"/"+d.Name() == f.hide }), err
}

// sealedAndPlain counts the folder's segments, snapshots and attachments
// that are sealed and that are plain.
func sealedAndPlain(t *testing.T, folder string) (sealed, plain []string) {
	t.Helper()
	err := filepath.WalkDir(folder, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, folder))
		if !strings.HasSuffix(rel, ".seg") && !strings.Contains(rel, "/blobs/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(string(data), "PDSEAL1\n") {
			sealed = append(sealed, rel)
		} else {
			plain = append(plain, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sealed, plain
}

// TestEncryptingASharedFolder: 'sync encrypt' on a plain folder with
// segments of two computers, a snapshot and an attachment, interrupted
// midway, then run again: no plain file is left, both computers carry on
// and agree, and a computer confirmed afterwards reads everything.
func TestEncryptingASharedFolder(t *testing.T) {
	old := sharedfolder.SnapshotEvery
	sharedfolder.SnapshotEvery = 3
	t.Cleanup(func() { sharedfolder.SnapshotEvery = old })
	a, b, folder, budi := strictPair(t)
	if _, err := a.Sync.ConfirmDevice(ctx, b.Replica.Device()); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for i := 0; i < 5; i++ {
		for _, ws := range []struct {
			name  string
			actor string
		}{{"a", ""}, {"b", budi}} {
			title := "Rencana " + ws.name + " nomor " + string(rune('A'+i))
			dev := a
			if ws.name == "b" {
				dev = b
			}
			if _, err := dev.Calendar.AddPost(ctx, ws.actor, calendar.PostInput{Title: title, Date: "2027-02-01"}); err != nil {
				t.Fatal(err)
			}
			titles = append(titles, title)
			syncOK(t, dev)
		}
	}
	p, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "Foto peluncuran", Date: "2027-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	titles = append(titles, p.Title)
	if _, err := a.Calendar.AddAttachment(ctx, p.ID, "peluncuran.png", []byte("isi foto peluncuran yang rahasia")); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, b)
	syncOK(t, a)
	_, plain := sealedAndPlain(t, folder)
	if len(plain) < 6 || !slices.ContainsFunc(plain, func(s string) bool { return strings.Contains(s, "snapshot-") }) {
		t.Fatalf("the plain folder has segments of both computers and a snapshot: %v", plain)
	}

	if _, err := b.Sync.EncryptFolder(ctx, nil); err == nil {
		t.Fatal("a copywriter may not encrypt the folder")
	}
	// A segment Budi wrote before the folder was encrypted reaches the
	// manager's computer only afterwards: it arrives plain.
	late := "Terlambat tiba"
	if _, err := b.Calendar.AddPost(ctx, budi, calendar.PostInput{Title: late, Date: "2027-02-03"}); err != nil {
		t.Fatal(err)
	}
	titles = append(titles, late)
	syncOK(t, b)
	wsDir := filepath.Join(folder, "postdeck", a.Workspace.ID())
	lateSeg := filepath.ToSlash(strings.TrimPrefix(lastSegment(t, folder, b), wsDir+string(filepath.Separator)))
	notYet := lateFS{DirFS: sharedfolder.DirFS{Root: wsDir}, hide: lateSeg}
	left := 4
	broken := failAfterFS{FS: notYet, left: &left}
	if _, err := a.Sync.EncryptFolderWith(ctx, folder, broken, nil); err == nil {
		t.Fatal("the interrupted run reports it")
	}
	sealed, plain := sealedAndPlain(t, folder)
	if len(sealed) == 0 || len(plain) == 0 {
		t.Fatalf("the run stopped midway: sealed %v, plain %v", sealed, plain)
	}
	var steps []sharedfolder.EncryptProgress
	final, err := a.Sync.EncryptFolderWith(ctx, folder, notYet, func(p sharedfolder.EncryptProgress) { steps = append(steps, p) })
	if err != nil {
		t.Fatal(err)
	}
	if final.Done != final.Total || final.Total == 0 || final.Total >= len(plain)+len(sealed) || len(steps) != final.Total+1 {
		t.Fatalf("the second run seals what is left, file by file: %+v after %d steps", final, len(steps))
	}
	for i := 0; i < 2; i++ {
		if _, err := a.Sync.SyncWith(ctx, folder, notYet); err != nil {
			t.Fatal(err)
		}
	}
	if _, plain := sealedAndPlain(t, folder); len(plain) != 1 || !strings.HasSuffix(plain[0], lateSeg) {
		t.Fatalf("only the segment still on its way is plain: %v", plain)
	}
	// It arrives: the manager's computer applies it and seals it.
	syncOK(t, a)
	if _, plain := sealedAndPlain(t, folder); len(plain) > 0 {
		t.Fatalf("no plain file is left: %v", plain)
	}
	// The other computer writes sealed files only.
	if _, err := b.Calendar.AddPost(ctx, budi, calendar.PostInput{Title: "Ditulis setelah enkripsi", Date: "2027-02-03"}); err != nil {
		t.Fatal(err)
	}
	titles = append(titles, "Ditulis setelah enkripsi")
	syncOK(t, b)
	syncOK(t, a)
	if _, plain := sealedAndPlain(t, folder); len(plain) > 0 {
		t.Fatalf("no plain file is written: %v", plain)
	}
	if leaks := folderLeaks(t, folder, append(titles, `"Ana"`, `"Budi"`, "isi foto peluncuran")); len(leaks) > 0 {
		t.Fatalf("the folder shows: %v", leaks)
	}
	if s := encryption(t, b); s.State != sharedfolder.EncryptionOn || s.KeyID == "" || len(s.Devices) != 2 {
		t.Fatalf("both computers hold the key: %+v", s)
	}
	after := "Setelah enkripsi"
	if _, err := a.Calendar.AddPost(ctx, "", calendar.PostInput{Title: after, Date: "2027-02-04"}); err != nil {
		t.Fatal(err)
	}
	titles = append(titles, after)
	syncOK(t, a)
	syncOK(t, b)
	syncOK(t, a)
	wantAgreement(t, a, 2, 2)
	slices.Sort(titles)
	for _, dev := range []*core.Workspace{a, b} {
		if got := allTitles(t, dev); !slices.Equal(got, titles) {
			t.Fatalf("every post on both computers:\n%v\nwant\n%v", got, titles)
		}
	}

	// A computer confirmed now starts from the sealed snapshot.
	c := joinEncrypted(t, folder, a)
	syncOK(t, a)
	if _, err := a.Sync.ConfirmDeviceAs(ctx, c.Replica.Device(), budi); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a)
	syncOK(t, c)
	syncOK(t, c)
	if !slices.Equal(allTitles(t, c), titles) || names(t, c) != names(t, a) {
		t.Fatalf("the new computer has the team: %q vs %q", names(t, c), names(t, a))
	}
}

func allTitles(t *testing.T, ws *core.Workspace) []string {
	t.Helper()
	var out []string
	if err := ws.Store.DB().Raw(`SELECT title FROM posts WHERE deleted_at IS NULL ORDER BY title`).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}
