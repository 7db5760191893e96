// Package sharedfolder syncs a workspace through a folder every teammate can
// see (Dropbox, Google Drive, Syncthing, a network drive). Each device writes
// only its own immutable segment files and reads the others'; a file that is
// missing, partial or renamed by a syncer means "not here yet", never
// "deleted", so a syncer's hiccup can never lose local data.
package sharedfolder

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Names in the shared folder. Everything read must match one of these
// patterns exactly, so no name can reach outside the folder.
var (
	deviceDirRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	segmentRe   = regexp.MustCompile(`^([0-9]{12})\.seg$`)
	workspaceRe = deviceDirRe
)

// syncerLeftovers are names syncers give to conflicting or partial copies.
// They are never read; diagnostics list them so users are not surprised.
var syncerLeftovers = []*regexp.Regexp{
	regexp.MustCompile(`\.sync-conflict-`),
	regexp.MustCompile(`conflicted copy`),
	regexp.MustCompile(` \([0-9]+\)(\.[^.]*)?$`),
	regexp.MustCompile(`^\.syncthing\..*\.tmp$`),
	regexp.MustCompile(`^~syncthing~`),
	regexp.MustCompile(`\.tmp$`),
}

// IsSyncerLeftover reports whether name looks like a syncer's conflict copy
// or temporary file.
func IsSyncerLeftover(name string) bool {
	for _, re := range syncerLeftovers {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// SegmentName returns the file name of segment seq.
func SegmentName(seq int64) string { return fmt.Sprintf("%012d.seg", seq) }

// ParseSegmentName returns the seq of a segment file name.
func ParseSegmentName(name string) (int64, bool) {
	m := segmentRe.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	return n, err == nil && n > 0
}

// FS is the file system under the workspace's folder in the shared folder.
// Names are slash-separated and relative. Tests wrap it to inject faults.
type FS interface {
	ReadFile(name string, limit int64) ([]byte, error)
	// ReadPrefix reads at most n bytes from the start of a file.
	ReadPrefix(name string, n int64) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	// WriteFileAtomic writes a temp file in the same directory, syncs it
	// and renames it into place, so readers see all of it or nothing.
	WriteFileAtomic(name string, data []byte) error
	// WriteFileNew is WriteFileAtomic for a file that is written once: it
	// never replaces one that is there, and says so with fs.ErrExist.
	WriteFileNew(name string, data []byte) error
	MkdirAll(name string) error
	Remove(name string) error
	Stat(name string) (fs.FileInfo, error)
}

// ErrTooLarge means a file in the shared folder is over its size limit.
var ErrTooLarge = errors.New("file is larger than allowed")

// DirFS is the real file system rooted at a folder.
type DirFS struct {
	Root string
	ops  *fileOps // nil: the OS's
}

func (d DirFS) fileOps() *fileOps {
	if d.ops != nil {
		return d.ops
	}
	return &osFileOps
}

func (d DirFS) path(name string) string { return filepath.Join(d.Root, filepath.FromSlash(name)) }

// ReadFile reads a whole file of at most limit bytes.
func (d DirFS) ReadFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(d.path(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Start with room for the whole file (a snapshot is tens of megabytes:
	// growing the buffer step by step copies it over and over); read to the
	// end all the same, since a syncer may still be writing it.
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		size = min(st.Size(), limit) + bytes.MinRead + 1
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// ReadPrefix reads at most n bytes from the start of a file.
func (d DirFS) ReadPrefix(name string, n int64) ([]byte, error) {
	f, err := os.Open(d.path(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// ReadDir lists a directory.
func (d DirFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(d.path(name)) }

// MkdirAll creates a directory and its parents.
func (d DirFS) MkdirAll(name string) error { return os.MkdirAll(d.path(name), 0o755) }

// Remove removes a file, waiting a moment for a program that holds it.
func (d DirFS) Remove(name string) error {
	ops, p := d.fileOps(), d.path(name)
	return retryLocked(p, func() error { return ops.remove(p) }, ops.waits, ops.sleep)
}

// Stat describes a file.
func (d DirFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(d.path(name)) }

// WriteFileNew writes data to name through a temp file and fsync, then
// links it into place, which fails if name exists (where the file system
// cannot link, as on some network shares, it checks and renames instead).
func (d DirFS) WriteFileNew(name string, data []byte) error {
	target := d.path(name)
	if _, err := os.Lstat(target); err == nil {
		return &fs.PathError{Op: "write", Path: name, Err: fs.ErrExist}
	}
	return d.writeTemp(target, data, func(tmp string) error {
		err := os.Link(tmp, target)
		if err == nil {
			return os.Remove(tmp)
		}
		if errors.Is(err, fs.ErrExist) {
			return &fs.PathError{Op: "write", Path: name, Err: fs.ErrExist}
		}
		if _, err := os.Lstat(target); err == nil {
			return &fs.PathError{Op: "write", Path: name, Err: fs.ErrExist}
		}
		ops := d.fileOps()
		return retryLocked(target, func() error { return ops.rename(tmp, target) }, ops.waits, ops.sleep)
	})
}

// WriteFileAtomic writes data to name through a temp file, fsync and rename.
// On Windows a file another program has open cannot be replaced: the rename
// is tried again for a moment, then fails with a *LockedError.
func (d DirFS) WriteFileAtomic(name string, data []byte) error {
	ops, target := d.fileOps(), d.path(name)
	return d.writeTemp(target, data, func(tmp string) error {
		return retryLocked(target, func() error { return ops.rename(tmp, target) }, ops.waits, ops.sleep)
	})
}

// writeTemp writes data to a synced temp file beside target, lets place put
// it there, and makes that durable; the temp file never stays behind.
func (d DirFS) writeTemp(target string, data []byte, place func(tmp string) error) error {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, ".postdeck-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once placed by rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := place(tmp.Name()); err != nil {
		return err
	}
	if df, err := os.Open(dir); err == nil {
		_ = df.Sync() // make the rename durable where the OS allows it
		df.Close()
	}
	return nil
}

// WorkspaceFile is workspace.json at the top of a workspace's folder.
type WorkspaceFile struct {
	Format      int    `json:"format"`
	WorkspaceID string `json:"workspaceId"`
	Name        string `json:"name"`
	MinVersion  string `json:"minAppVersion"`
	// Trust is the root of trust: who founded (or upgraded) the workspace.
	Trust *TrustRecord `json:"trust,omitempty"`
	// Encryption says the folder is end-to-end encrypted (encryption.go).
	Encryption *EncryptionInfo `json:"encryption,omitempty"`
}

// DeviceFile is devices/<id>/device.json.
type DeviceFile struct {
	DeviceID    string `json:"deviceId"`
	MemberID    string `json:"memberId"`
	DisplayName string `json:"displayName"`
	// Install is random per installation; a second install that reuses the
	// device id (a cloned disk) is detected by it.
	Install string `json:"install"`
	// PublicKey is the device's Ed25519 key (base64) and BoxKey its X25519
	// key: published so teammates can confirm the device by its
	// fingerprint, and so a workspace key can be wrapped for it.
	PublicKey string `json:"publicKey,omitempty"`
	BoxKey    string `json:"boxKey,omitempty"`
	// BoxSig is the device's signature of its box key, so nobody who can
	// only write to the folder can swap in a box key of their own and have
	// the workspace key wrapped for it.
	BoxSig string `json:"boxSig,omitempty"`
	// In an encrypted folder the name (often a person's) is not written in
	// plain: SealedName is sealed with the workspace key, NameFor holds it
	// sealed to each teammate's box key while this device has no key yet.
	SealedName string            `json:"sealedName,omitempty"`
	NameFor    map[string]string `json:"nameFor,omitempty"`
}

func readJSON(f FS, name string, v any) error {
	data, err := f.ReadFile(name, MaxSmallFileBytes)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s is not valid: %w", name, err)
	}
	return nil
}

func writeJSON(f FS, name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return f.WriteFileAtomic(name, append(data, '\n'))
}

// devicePath joins a device folder and a file, after checking the id.
func devicePath(device string, parts ...string) string {
	return strings.Join(append([]string{"devices", device}, parts...), "/")
}
