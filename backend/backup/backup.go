// Package backup writes the whole workspace into one file and restores it
// into a new data folder. A backup is a zip archive holding a consistent
// copy of the database (VACUUM INTO, taken while the app keeps working), every
// other file of the data folder (attachments and whatever else lives there,
// found by walking the folder, so new kinds of files are covered without
// changes here) and manifest.json listing each file's size and SHA-256. A
// restore checks all of it, and that the database is sound, before the new
// folder appears; a damaged backup is refused and leaves nothing behind.
package backup

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/devicekey"
	"postdeck/backend/store"
)

// Format and Version identify a backup; a newer Version is refused.
const (
	Format       = "postdeck-backup"
	Version      = 1
	ManifestName = "manifest.json"
	// Extension is what backups made by the app end with: a zip anyone can open.
	Extension = ".zip"
)

// Manifest describes a backup. JSON names are a public interface (docs/CLI.md).
type Manifest struct {
	Format        string `json:"format"`
	Version       int    `json:"version"`
	CreatedAt     string `json:"createdAt"`
	AppVersion    string `json:"appVersion"`
	WorkspaceID   string `json:"workspaceId"`
	WorkspaceName string `json:"workspaceName"`
	SchemaVersion int    `json:"schemaVersion"`
	// Database is the database's path among Files.
	Database string `json:"database"`
	Files    []File `json:"files"`
	// Counts are the live rows of each synced table, to show what is inside.
	Counts map[string]int64 `json:"counts"`
}

// File is one file of a backup, with a slash-separated path relative to
// the data folder.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Progress is how far a backup or restore is, in bytes.
type Progress struct {
	Done  int64 `json:"done"`
	Total int64 `json:"total"`
}

// Options of Create.
type Options struct {
	// Overwrite replaces an existing file at the destination.
	Overwrite  bool
	AppVersion string
	Progress   func(Progress)
	// IncludeDeviceKey puts this device's private key in the backup. Off
	// by default: whoever holds a backup could otherwise write to the
	// shared folder as this device, and a backup restored on another
	// computer should join as a new device with keys of its own.
	IncludeDeviceKey bool
}

// Summary is what Create wrote.
type Summary struct {
	Path     string   `json:"path"`
	Size     int64    `json:"size"`
	Manifest Manifest `json:"manifest"`
}

// FileName is the name the app gives a backup made now.
func FileName(now time.Time) string {
	return "postdeck-backup-" + now.Format("2006-01-02-150405") + Extension
}

// Create writes a backup of the open workspace to dst, atomically: the file
// appears whole or not at all.
func Create(ctx context.Context, ws *core.Workspace, dst string, opt Options) (Summary, error) {
	dst, err := filepath.Abs(dst)
	if err != nil {
		return Summary{}, apperr.Internal(err)
	}
	// A backup inside the data folder is lost with it, and would be copied
	// into every later backup.
	if rel, err := filepath.Rel(ws.DataDir, dst); err == nil && !strings.HasPrefix(rel, "..") {
		return Summary{}, apperr.New("backup.inside_data_dir", "keep backups outside the workspace's data folder").With("path", filepath.Dir(dst))
	}
	if _, err := os.Stat(dst); err == nil && !opt.Overwrite {
		return Summary{}, apperr.New("backup.file_exists", "a file with this name is already there").With("path", dst)
	}
	if st, err := os.Stat(filepath.Dir(dst)); err != nil || !st.IsDir() {
		return Summary{}, apperr.New("backup.folder_missing", "the folder for the backup does not exist").With("path", filepath.Dir(dst))
	}
	work, err := os.MkdirTemp("", "postdeck-backup-")
	if err != nil {
		return Summary{}, apperr.Internal(err)
	}
	defer os.RemoveAll(work)

	// A consistent copy of the database while the app keeps running.
	snapshot := filepath.Join(work, store.FileName)
	if err := ws.Store.DB().WithContext(ctx).Exec("VACUUM INTO ?", snapshot).Error; err != nil {
		return Summary{}, apperr.Internal(fmt.Errorf("copy the database: %w", err))
	}
	m, err := describe(ctx, ws, opt.AppVersion)
	if err != nil {
		return Summary{}, err
	}
	type source struct{ rel, abs string }
	sources := []source{{store.FileName, snapshot}}
	others, err := dataFiles(ws.DataDir, dst)
	if err != nil {
		return Summary{}, apperr.Internal(err)
	}
	if !opt.IncludeDeviceKey {
		others = slices.DeleteFunc(others, func(rel string) bool { return rel == devicekey.FileName })
	}
	for _, rel := range others {
		sources = append(sources, source{rel, filepath.Join(ws.DataDir, filepath.FromSlash(rel))})
	}
	var total int64
	for _, s := range sources {
		if st, err := os.Stat(s.abs); err == nil {
			total += st.Size()
		}
	}

	tmp, err := os.CreateTemp(filepath.Dir(dst), ".postdeck-backup-*.tmp")
	if err != nil {
		return Summary{}, apperr.New("backup.write_failed", "the backup could not be written").WithCause(err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	zw := zip.NewWriter(tmp)
	prog := &counter{total: total, report: opt.Progress}
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return Summary{}, apperr.Internal(err)
		}
		f, err := addFile(zw, s.rel, s.abs, prog)
		if errors.Is(err, fs.ErrNotExist) && s.rel != store.FileName {
			continue // removed while we worked (a sync replacing a temp file)
		}
		if err != nil {
			return Summary{}, apperr.New("backup.write_failed", "the backup could not be written").WithCause(err)
		}
		m.Files = append(m.Files, f)
	}
	raw, _ := json.MarshalIndent(m, "", "  ")
	w, err := zw.Create(ManifestName)
	if err == nil {
		_, err = w.Write(raw)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return Summary{}, apperr.New("backup.write_failed", "the backup could not be written").WithCause(err)
	}
	syncDir(filepath.Dir(dst))
	size := int64(0)
	if st, err := os.Stat(dst); err == nil {
		size = st.Size()
	}
	return Summary{Path: dst, Size: size, Manifest: m}, nil
}

// describe fills what the manifest says about the workspace.
func describe(ctx context.Context, ws *core.Workspace, appVersion string) (Manifest, error) {
	info, err := ws.Workspace.Info(ctx)
	if err != nil {
		return Manifest{}, err
	}
	schema, err := ws.Store.SchemaVersion()
	if err != nil {
		return Manifest{}, apperr.Internal(err)
	}
	m := Manifest{Format: Format, Version: Version, CreatedAt: time.Now().UTC().Format(time.RFC3339), AppVersion: appVersion,
		WorkspaceID: info.ID, WorkspaceName: info.Name, SchemaVersion: schema, Database: store.FileName,
		Files: []File{}, Counts: map[string]int64{}}
	for _, t := range ws.Replica.Tables() {
		var n int64
		if err := ws.Store.DB().WithContext(ctx).Raw("SELECT COUNT(*) FROM " + t + " WHERE deleted_at IS NULL").Scan(&n).Error; err != nil {
			return Manifest{}, apperr.Internal(err)
		}
		m.Counts[t] = n
	}
	return m, nil
}

// dataFiles lists the data folder's files other than the live database
// (copied consistently instead), temp files and the backup being written,
// as slash-separated relative paths.
func dataFiles(dataDir, dst string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dataDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() || p == dst {
			return nil
		}
		rel, err := filepath.Rel(dataDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if strings.HasPrefix(rel, store.FileName) || strings.HasSuffix(name, ".tmp") ||
			strings.HasPrefix(name, ".postdeck-") || !safePath(rel) {
			return nil
		}
		out = append(out, rel)
		return nil
	})
	slices.Sort(out)
	return out, err
}

// addFile copies one file into the archive, hashing it on the way.
func addFile(zw *zip.Writer, rel, abs string, prog *counter) (File, error) {
	f, err := os.Open(abs)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: rel, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return File{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h, prog), f)
	if err != nil {
		return File{}, err
	}
	return File{Path: rel, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// counter reports progress as bytes pass, at most every 1% of the total.
type counter struct {
	done, total, last int64
	report            func(Progress)
}

func (c *counter) Write(b []byte) (int, error) {
	c.done += int64(len(b))
	if c.report != nil && ((c.done-c.last)*100 >= c.total || c.done >= c.total) {
		c.last = c.done
		c.report(Progress{Done: c.done, Total: max(c.total, c.done)})
	}
	return len(b), nil
}

// safePath accepts the relative, slash-separated paths a backup may hold:
// nothing absolute, no "..", no drive letters or backslashes, so a crafted
// archive cannot write outside the folder it is restored into.
func safePath(p string) bool {
	if p == "" || strings.ContainsAny(p, `\:`) || strings.HasPrefix(p, "/") || path.Clean(p) != p {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// syncDir makes a rename in dir durable; not every OS can, which is fine.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
