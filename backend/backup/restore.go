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
	"math"
	"os"
	"path/filepath"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"postdeck/backend/apperr"
	"postdeck/backend/core"
	"postdeck/backend/events"
	"postdeck/backend/store"
)

// maxManifestBytes bounds manifest.json; a real one is a few kilobytes per
// thousand attachments.
const maxManifestBytes = 64 << 20

// Check reads a whole backup and verifies it (every file against its
// checksum, the database's integrity and schema) without restoring it.
func Check(ctx context.Context, src string, progress func(Progress)) (Manifest, error) {
	work, err := os.MkdirTemp("", "postdeck-check-")
	if err != nil {
		return Manifest{}, apperr.Internal(err)
	}
	defer os.RemoveAll(work)
	return extract(ctx, src, work, true, progress)
}

// Restore verifies the backup src and restores it into dataDir, which must
// not exist yet or be empty. The folder appears only after every check
// passed and the workspace opened from it; a damaged backup leaves nothing.
func Restore(ctx context.Context, src, dataDir string, progress func(Progress)) (Manifest, error) {
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return Manifest{}, apperr.Internal(err)
	}
	if entries, err := os.ReadDir(dataDir); err == nil && len(entries) > 0 {
		return Manifest{}, apperr.New("backup.target_not_empty", "restore into a new, empty folder").With("path", dataDir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return Manifest{}, apperr.New("backup.target_not_empty", "restore into a new, empty folder").With("path", dataDir).Wrap(err)
	}
	parent := filepath.Dir(dataDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Manifest{}, apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
	}
	// Restored beside the target, then renamed: on the same disk, so the
	// rename is atomic, and a failure leaves no half-restored workspace.
	work, err := os.MkdirTemp(parent, ".postdeck-restore-")
	if err != nil {
		return Manifest{}, apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
	}
	defer os.RemoveAll(work)
	m, err := extract(ctx, src, work, false, progress)
	if err != nil {
		return Manifest{}, err
	}
	// The last check is the real one: the workspace opens (an older
	// backup's schema is brought up to date here, as any start would).
	ws, err := core.Open(work, events.Nop{})
	if err != nil {
		return Manifest{}, apperr.New("backup.corrupt", "the backup is damaged").With("file", m.Database).Wrap(err)
	}
	if err := ws.Close(); err != nil {
		return Manifest{}, apperr.Internal(err)
	}
	_ = os.Remove(dataDir) // an empty folder the user made for it
	if err := os.Rename(work, dataDir); err != nil {
		return Manifest{}, apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
	}
	syncDir(parent)
	return m, nil
}

// extract verifies src and writes its files under dir. With onlyDatabase
// the other files are checked but not kept.
func extract(ctx context.Context, src, dir string, onlyDatabase bool, progress func(Progress)) (Manifest, error) {
	zr, err := zip.OpenReader(src)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Manifest{}, apperr.New("backup.file_missing", "there is no file here").With("path", src)
		}
		return Manifest{}, apperr.New("backup.unreadable", "this is not a complete Postdeck backup").With("path", src).Wrap(err)
	}
	defer zr.Close()
	m, err := readManifest(&zr.Reader)
	if err != nil {
		return Manifest{}, err
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		if f.Name == ManifestName {
			continue
		}
		if !safePath(f.Name) {
			return Manifest{}, unsafePath(f.Name)
		}
		if _, dup := entries[f.Name]; dup {
			return Manifest{}, corrupt(f.Name, nil)
		}
		entries[f.Name] = f
	}
	listed := map[string]bool{}
	var total int64
	for _, f := range m.Files {
		if !safePath(f.Path) {
			return Manifest{}, unsafePath(f.Path)
		}
		if listed[f.Path] || f.Size < 0 {
			return Manifest{}, corrupt(f.Path, nil)
		}
		listed[f.Path] = true
		if entries[f.Path] == nil {
			return Manifest{}, corrupt(f.Path, errors.New("missing"))
		}
		if f.Size > math.MaxInt64-total {
			total = math.MaxInt64 // declared sizes no disk holds
		} else {
			total += f.Size
		}
	}
	if !listed[m.Database] {
		return Manifest{}, corrupt(m.Database, errors.New("no database"))
	}
	for name := range entries {
		if !listed[name] {
			return Manifest{}, corrupt(name, errors.New("not in the manifest"))
		}
	}
	// What the manifest declares is written to disk (the database alone for
	// a check): refuse at once when the disk cannot hold it, rather than
	// fill it and fail halfway.
	need := total
	if onlyDatabase {
		for _, f := range m.Files {
			if f.Path == m.Database {
				need = f.Size
			}
		}
	}
	if err := checkRoom(dir, need); err != nil {
		return Manifest{}, err
	}
	prog := &counter{total: total, report: progress}
	for _, f := range m.Files {
		if err := ctx.Err(); err != nil {
			return Manifest{}, apperr.Internal(err)
		}
		keep := !onlyDatabase || f.Path == m.Database
		if err := copyOut(entries[f.Path], f, dir, keep, prog); err != nil {
			return Manifest{}, err
		}
	}
	if err := checkDatabase(filepath.Join(dir, filepath.FromSlash(m.Database)), m.Database); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

func readManifest(zr *zip.Reader) (Manifest, error) {
	var m Manifest
	for _, f := range zr.File {
		if f.Name != ManifestName {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return m, corrupt(ManifestName, err)
		}
		raw, err := io.ReadAll(io.LimitReader(rc, maxManifestBytes))
		rc.Close()
		if err != nil {
			return m, corrupt(ManifestName, err)
		}
		if err := json.Unmarshal(raw, &m); err != nil || m.Format != Format {
			return m, apperr.New("backup.not_a_backup", "this file is not a Postdeck backup")
		}
		if m.Version > Version {
			return m, apperr.New("backup.newer_format", "this backup was made by a newer Postdeck; update Postdeck").With("version", m.Version)
		}
		return m, nil
	}
	return m, apperr.New("backup.not_a_backup", "this file is not a Postdeck backup")
}

// copyOut writes one file of the archive under dir (or nowhere when keep
// is false), checking its size and SHA-256 against the manifest.
func copyOut(zf *zip.File, f File, dir string, keep bool, prog *counter) error {
	rc, err := zf.Open()
	if err != nil {
		return corrupt(f.Path, err)
	}
	defer rc.Close()
	var out io.Writer = io.Discard
	var file *os.File
	if keep {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
		}
		if file, err = os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644); err != nil {
			return apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
		}
		defer file.Close()
		out = file
	}
	h := sha256.New()
	// One byte more than the manifest says: a longer file is damaged too,
	// and a crafted archive cannot fill the disk.
	n, err := io.Copy(io.MultiWriter(out, h, prog), io.LimitReader(rc, f.Size+1))
	if err != nil {
		return corrupt(f.Path, err) // includes zip's own CRC check
	}
	if n != f.Size || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return corrupt(f.Path, fmt.Errorf("checksum or size differs"))
	}
	if file != nil {
		if err := file.Sync(); err != nil {
			return apperr.New("backup.write_failed", "the backup could not be restored").WithCause(err)
		}
	}
	return nil
}

// checkDatabase opens the restored database and runs SQLite's
// integrity check, and refuses a schema newer than this Postdeck knows.
func checkDatabase(file, name string) error {
	db, err := gorm.Open(sqlite.Open("file:"+file), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		return corrupt(name, err)
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	var result []string
	if err := db.Raw("PRAGMA integrity_check").Scan(&result).Error; err != nil || len(result) != 1 || result[0] != "ok" {
		return corrupt(name, fmt.Errorf("integrity check: %v %v", result, err))
	}
	var version int
	if err := db.Raw("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version).Error; err != nil {
		return corrupt(name, err)
	}
	known, err := store.Migrations()
	if err != nil {
		return apperr.Internal(err)
	}
	if version > len(known) {
		return apperr.New("backup.newer_schema", "this backup comes from a newer Postdeck; update Postdeck first").With("version", version)
	}
	return nil
}

// roomMargin is left free beyond what a restore writes: the workspace is
// opened (and its journal written) right after, and the disk is shared.
const roomMargin = 64 << 20

// checkRoom refuses a restore of need bytes into dir when its disk has
// less room than that and the margin.
func checkRoom(dir string, need int64) error {
	free, err := diskFree(dir)
	if err != nil {
		return nil // no way to ask: the copy itself still stops on a full disk
	}
	if need < 0 || uint64(need)+roomMargin > free {
		return apperr.New("backup.no_space", fmt.Sprintf("the disk has %d MB free and this backup needs %d MB; nothing was restored", free>>20, (need+(1<<20)-1)>>20)).
			With("needMB", (need+(1<<20)-1)>>20).With("freeMB", free>>20).With("path", dir)
	}
	return nil
}

// unsafePath is a file in a backup whose path would land outside the
// folder restored into (../, an absolute path, a drive letter).
func unsafePath(file string) error {
	return apperr.New("backup.unsafe_path", "the backup holds a file with an unsafe path; nothing was restored").With("file", file)
}

func corrupt(file string, cause error) error {
	e := apperr.New("backup.corrupt", "the backup is damaged").With("file", file)
	if cause != nil {
		return e.Wrap(cause)
	}
	return e
}
