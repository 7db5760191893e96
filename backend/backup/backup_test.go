package backup_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"postdeck/backend/apperr"
	"postdeck/backend/backup"
	"postdeck/backend/calendar"
	"postdeck/backend/core"
	"postdeck/backend/devicekey"
	"postdeck/backend/events"
	"postdeck/backend/store"
	"postdeck/backend/team"
)

var ctx = context.Background()

// workspace makes a data folder with something in every kind of table:
// team, channels, a campaign, posts with channel texts, a series with a
// skipped day, a comment, a deleted post, an attachment and a file in a
// folder this package has never heard of.
func workspace(t *testing.T) (*core.Workspace, string) {
	t.Helper()
	dir := t.TempDir()
	ws, err := core.Open(dir, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if _, err := ws.Workspace.Update(ctx, "Kopi Nusantara", "Asia/Jakarta"); err != nil {
		t.Fatal(err)
	}
	sari, err := ws.Team.AddMember(ctx, "", team.MemberInput{Name: "Sari", Roles: []string{"social_media_manager"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Workspace.SetMe(ctx, sari.ID); err != nil {
		t.Fatal(err)
	}
	ig, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "instagram", Handle: "@kopi"})
	x, _ := ws.Calendar.AddChannel(ctx, calendar.ChannelInput{Network: "x", Handle: "@kopi"})
	camp, _ := ws.Calendar.AddCampaign(ctx, calendar.CampaignInput{Name: "Ramadan", StartsOn: "2027-02-17", EndsOn: "2027-03-19"})
	p, err := ws.Calendar.AddPost(ctx, sari.ID, calendar.PostInput{Title: "Promo", Body: "Diskon ☕", Channels: []string{ig.ID, x.ID},
		Variants: map[string]string{x.ID: "Diskon!"}, Date: "2027-02-20", Time: "09:30", CampaignID: camp.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Calendar.AddComment(ctx, sari.ID, p.ID, "Bagus"); err != nil {
		t.Fatal(err)
	}
	s, _ := ws.Calendar.AddPost(ctx, sari.ID, calendar.PostInput{Title: "Tips", Date: "2027-01-04", Repeat: &calendar.Repeat{Freq: "weekly", Count: 5}})
	_ = ws.Calendar.SkipOccurrence(ctx, s.ID, "2027-01-11")
	gone, _ := ws.Calendar.AddPost(ctx, sari.ID, calendar.PostInput{Title: "Gone"})
	_ = ws.Calendar.DeletePost(ctx, gone.ID)
	if _, err := ws.Calendar.AddAttachment(ctx, p.ID, "foto.png", []byte("\x89PNG an image")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "attachments", "thumbs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "attachments", "thumbs", "a.png"), []byte("thumb"), 0o644); err != nil {
		t.Fatal(err)
	}
	return ws, dir
}

// dump reads every row of every table of a database, in a stable order.
func dump(t *testing.T, file string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := []string{}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, n := range names {
		rs, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[n] = append(out[n], fmt.Sprintf("%v", vals))
		}
		rs.Close()
	}
	for n := range out {
		// Row order of a table is not data: compare as sorted lists.
		slices.Sort(out[n])
	}
	return out
}

func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(rel, store.FileName) {
			return nil
		}
		b, _ := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return out
}

func TestBackupRestoreCompareEveryTable(t *testing.T) {
	ws, dir := workspace(t)
	dst := filepath.Join(t.TempDir(), "kopi.zip")
	var steps []backup.Progress
	sum, err := backup.Create(ctx, ws, dst, backup.Options{AppVersion: "1.2.3", Progress: func(p backup.Progress) { steps = append(steps, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) == 0 || steps[len(steps)-1].Done != steps[len(steps)-1].Total {
		t.Fatalf("progress must end at 100%%: %+v", steps)
	}
	m := sum.Manifest
	if m.WorkspaceName != "Kopi Nusantara" || m.Counts["posts"] != 2 || m.Counts["members"] != 1 || m.AppVersion != "1.2.3" {
		t.Fatalf("manifest: %+v", m)
	}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path)
		if len(f.SHA256) != 64 {
			t.Fatalf("no checksum for %s", f.Path)
		}
	}
	if !strings.Contains(strings.Join(paths, " "), "blobs/") || !strings.Contains(strings.Join(paths, " "), "attachments/thumbs/a.png") {
		t.Fatalf("the attachments are not in the backup: %v", paths)
	}
	// A change after the backup is not in it.
	if _, err := ws.Calendar.AddPost(ctx, "", calendar.PostInput{Title: "After"}); err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	if _, err := backup.Restore(ctx, dst, restored, nil); err != nil {
		t.Fatal(err)
	}
	// Compare with the workspace as it was at backup time: a second backup
	// made from the restored folder holds the same database as the first.
	want := dump(t, extractDB(t, dst))
	got := dump(t, filepath.Join(restored, store.FileName))
	if len(want) < 10 {
		t.Fatalf("only %d tables with rows: the comparison is broken", len(want))
	}
	for table := range want {
		if !reflect.DeepEqual(want[table], got[table]) {
			t.Errorf("table %s differs after restore:\nwant %v\ngot  %v", table, want[table], got[table])
		}
	}
	for table := range got {
		if _, ok := want[table]; !ok {
			t.Errorf("table %s appeared after restore", table)
		}
	}
	if !reflect.DeepEqual(files(t, dir), files(t, restored)) {
		t.Fatalf("attachments differ:\n%v\n%v", files(t, dir), files(t, restored))
	}
	// The original data folder has the post made after the backup; every
	// table other than what that post touched is the same as the original.
	orig := dump(t, filepath.Join(dir, store.FileName))
	for _, table := range []string{"members", "channels", "campaigns", "comments", "post_variants", "workspace", "roles"} {
		if !reflect.DeepEqual(orig[table], got[table]) {
			t.Errorf("table %s differs from the original", table)
		}
	}

	// The restored folder opens as the same workspace, same posts.
	rws, err := core.Open(restored, events.Nop{})
	if err != nil {
		t.Fatal(err)
	}
	defer rws.Close()
	info, _ := rws.Workspace.Info(ctx)
	posts, _ := rws.Calendar.Posts(ctx, calendar.Filter{})
	if info.Name != "Kopi Nusantara" || info.ID != m.WorkspaceID || len(posts) != 2 {
		t.Fatalf("restored: %+v %d posts", info, len(posts))
	}
	for _, p := range posts {
		if p.Title != "Promo" {
			continue
		}
		atts, err := rws.Calendar.Attachments(ctx, p.ID)
		if err != nil || len(atts) != 1 || atts[0].State != "here" || atts[0].Name != "foto.png" {
			t.Fatalf("the restored post's attachment is not there: %+v %v", atts, err)
		}
	}
}

// extractDB copies the database out of a backup, unchecked.
func extractDB(t *testing.T, file string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), store.FileName)
	for _, f := range zr.File {
		if f.Name == store.FileName {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			os.WriteFile(out, b, 0o644)
		}
	}
	return out
}

// rewrite copies a backup, changing one entry's content with fn.
func rewrite(t *testing.T, src, dst, entry string, fn func([]byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == entry {
			b = fn(b)
			if b == nil {
				continue
			}
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	os.WriteFile(dst, buf.Bytes(), 0o644)
}

func TestDamagedBackupsAreRefusedAndLeaveNothing(t *testing.T) {
	ws, _ := workspace(t)
	good := filepath.Join(t.TempDir(), "good.zip")
	if _, err := backup.Create(ctx, ws, good, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	tmp := t.TempDir()
	cases := map[string]struct {
		make func(string)
		code string
	}{
		"a flipped byte in the database": {func(p string) {
			rewrite(t, good, p, store.FileName, func(b []byte) []byte { b[len(b)/2] ^= 0xff; return b })
		}, "backup.corrupt"},
		"a flipped byte in the file": {func(p string) {
			b := bytes.Clone(raw)
			b[len(b)/3] ^= 0xff
			os.WriteFile(p, b, 0o644)
		}, "backup.corrupt"},
		"cut short": {func(p string) { os.WriteFile(p, raw[:len(raw)/2], 0o644) }, "backup.unreadable"},
		"an attachment missing": {func(p string) {
			rewrite(t, good, p, "attachments/thumbs/a.png", func([]byte) []byte { return nil })
		}, "backup.corrupt"},
		"no manifest": {func(p string) {
			rewrite(t, good, p, backup.ManifestName, func([]byte) []byte { return nil })
		}, "backup.not_a_backup"},
		"from a newer Postdeck": {func(p string) {
			rewrite(t, good, p, backup.ManifestName, func(b []byte) []byte {
				return bytes.Replace(b, []byte(`"version": 1`), []byte(`"version": 9`), 1)
			})
		}, "backup.newer_format"},
		"a path outside the folder": {func(p string) {
			rewrite(t, good, p, backup.ManifestName, func(b []byte) []byte {
				return bytes.Replace(b, []byte(`"attachments/thumbs/a.png"`), []byte(`"../../evil.png"`), 1)
			})
		}, "backup.unsafe_path"},
		"not a zip": {func(p string) { os.WriteFile(p, []byte("hello"), 0o644) }, "backup.unreadable"},
	}
	for name, c := range cases {
		file := filepath.Join(tmp, strings.ReplaceAll(name, " ", "-")+".zip")
		c.make(file)
		if _, err := backup.Check(ctx, file, nil); apperr.Code(err) != c.code {
			t.Errorf("%s: check: want %s, got %v", name, c.code, err)
		}
		target := filepath.Join(tmp, "restore-"+strings.ReplaceAll(name, " ", "-"))
		if _, err := backup.Restore(ctx, file, target, nil); apperr.Code(err) != c.code {
			t.Errorf("%s: restore: want %s, got %v", name, c.code, err)
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Errorf("%s: a refused restore left %s behind", name, target)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(tmp, ".postdeck-restore-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temp folders left: %v", leftovers)
	}
	if _, err := os.Stat(filepath.Join(tmp, "..", "evil.png")); err == nil {
		t.Fatal("a crafted path wrote outside the folder")
	}
}

func TestRestoreNeedsAnEmptyFolderAndBackupDoesNotOverwrite(t *testing.T) {
	ws, dir := workspace(t)
	dst := filepath.Join(t.TempDir(), "b.zip")
	if _, err := backup.Create(ctx, ws, dst, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Create(ctx, ws, dst, backup.Options{}); apperr.Code(err) != "backup.file_exists" {
		t.Fatalf("want file_exists, got %v", err)
	}
	if _, err := backup.Create(ctx, ws, filepath.Join(t.TempDir(), "no", "such", "b.zip"), backup.Options{}); apperr.Code(err) != "backup.folder_missing" {
		t.Fatalf("want folder_missing, got %v", err)
	}
	if _, err := backup.CreateIn(ctx, ws, filepath.Join(dir, "blobs"), backup.Options{}); apperr.Code(err) != "backup.inside_data_dir" {
		t.Fatalf("a backup inside the data folder must be refused, got %v", err)
	}
	if _, err := backup.Restore(ctx, dst, dir, nil); apperr.Code(err) != "backup.target_not_empty" {
		t.Fatalf("restoring over a workspace must be refused, got %v", err)
	}
	empty := t.TempDir()
	if _, err := backup.Restore(ctx, dst, empty, nil); err != nil {
		t.Fatalf("an empty folder is fine: %v", err)
	}
}

// A zip entry named ../ is named as an unsafe path, not as damage; a
// manifest declaring more than the disk can hold (a 1 TiB attachment) is
// refused before anything is written, with the sizes in the message.
func TestUnsafePathsAndBackupsLargerThanTheDiskAreRefused(t *testing.T) {
	ws, _ := workspace(t)
	good := filepath.Join(t.TempDir(), "good.zip")
	if _, err := backup.Create(ctx, ws, good, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	evil := filepath.Join(tmp, "evil.zip")
	// The entry itself is named ../evil.png, as a crafted zip would have it.
	zr, err := zip.OpenReader(good)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		name := f.Name
		if name == "attachments/thumbs/a.png" {
			name = "../evil.png"
		}
		w, _ := zw.Create(name)
		w.Write(b)
	}
	zr.Close()
	zw.Close()
	os.WriteFile(evil, buf.Bytes(), 0o644)
	_, err = backup.Restore(ctx, evil, filepath.Join(tmp, "r1"), nil)
	if apperr.Code(err) != "backup.unsafe_path" || apperr.As(err).Params["file"] != "../evil.png" {
		t.Fatalf("an entry with ../: %v", err)
	}

	huge := filepath.Join(tmp, "huge.zip")
	rewrite(t, good, huge, backup.ManifestName, func(b []byte) []byte {
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range m["files"].([]any) {
			if f := f.(map[string]any); f["path"] == "attachments/thumbs/a.png" {
				f["size"] = 1 << 40
			}
		}
		out, _ := json.Marshal(m)
		return out
	})
	target := filepath.Join(tmp, "r2")
	_, err = backup.Restore(ctx, huge, target, nil)
	if apperr.Code(err) != "backup.no_space" || apperr.As(err).Params["needMB"].(int64) < 1<<20 {
		t.Fatalf("a 1 TiB attachment: %v", err)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Fatal("a refused restore left its folder")
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, ".postdeck-restore-*")); len(left) != 0 {
		t.Fatalf("temp folders left: %v", left)
	}
}

// The device's private key stays out of a backup unless asked for: whoever
// holds the file could otherwise write to the shared folder as this
// computer. The key file is made with the user's permissions only.
func TestBackupLeavesTheDeviceKeyOutUnlessAsked(t *testing.T) {
	ws, dir := workspace(t)
	if _, err := ws.Sync.Keys(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, devicekey.FileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", err, st)
	}
	for _, include := range []bool{false, true} {
		dst := filepath.Join(t.TempDir(), "b.zip")
		if _, err := backup.Create(ctx, ws, dst, backup.Options{IncludeDeviceKey: include}); err != nil {
			t.Fatal(err)
		}
		restored := t.TempDir()
		if _, err := backup.Restore(ctx, dst, restored, nil); err != nil {
			t.Fatal(err)
		}
		_, err := os.Stat(filepath.Join(restored, devicekey.FileName))
		if has := err == nil; has != include {
			t.Fatalf("IncludeDeviceKey %v: key in the backup: %v", include, has)
		}
	}
}
