package sharedfolder

import (
	"encoding/json"
	"errors"
	"io/fs"
	"regexp"
	"strings"

	"postdeck/backend/sealing"
)

// Which files of an encrypted workspace are sealed: segments, snapshots and
// attachments. workspace.json, device.json, keys.json and ack.json stay
// readable (they hold ids, public keys, wrapped keys and hashes; a device's
// name in device.json is sealed field by field), and so do feeds, which are
// for people without Postdeck.
var (
	sealedSegmentRe  = regexp.MustCompile(`^devices/[0-9a-f-]{36}/changes/[0-9]{12}\.seg$`)
	sealedSnapshotRe = regexp.MustCompile(`^devices/[0-9a-f-]{36}/snapshot-[0-9]{12}\.seg$`)
	sealedBlobRe     = regexp.MustCompile(`^blobs/[0-9a-f]{2}/([0-9a-f]{64})$`)
)

// isSealedName reports whether name is sealed in an encrypted workspace.
func isSealedName(name string) bool {
	return sealedSegmentRe.MatchString(name) || sealedSnapshotRe.MatchString(name) || sealedBlobRe.MatchString(name)
}

// sealFS seals and opens the files of an encrypted workspace on their way
// to and from the folder, so the engine reads and writes the same signed
// plaintext as in a plain workspace: a segment's signature is checked after
// opening, once per segment. Plain files are still read (written before the
// folder was encrypted, or by a device that was offline meanwhile: they
// are signed all the same); nothing plain is written once a key is held.
type sealFS struct {
	FS
	ring sealing.Ring
	// seal is set when the folder is encrypted and this device has a key.
	seal bool
	// plainSeen lists the plain files of sealed kinds read in this run.
	plainSeen *[]string
}

// ErrNoWorkspaceKey means the folder is encrypted and this device does not
// hold its key yet, so it may not write the file.
var ErrNoWorkspaceKey = errors.New("this computer does not have the workspace key yet")

// blobNames are the names an attachment may have in the folder: under each
// key this device holds (newest first), then its plain name.
func (s *sealFS) blobNames(name string) []string {
	m := sealedBlobRe.FindStringSubmatch(name)
	if m == nil {
		return []string{name}
	}
	var out []string
	if cur, ok := s.ring.Current(); ok {
		out = append(out, sealedBlobPath(cur, m[1]))
	}
	for _, id := range s.ring.IDs() {
		if cur, _ := s.ring.Current(); id != cur.ID {
			out = append(out, sealedBlobPath(s.ring[id], m[1]))
		}
	}
	return append(out, name)
}

// sealedBlobPath is where an attachment sealed with k lives: a name that
// says nothing about its content, which only key holders can compute.
func sealedBlobPath(k sealing.Key, sha string) string {
	n := sealing.BlobName(k, sha)
	return "blobs/" + n[:2] + "/" + n
}

// blobPlace is what a sealed attachment is bound to: its content hash, so
// one attachment cannot be put in the place of another.
func blobPlace(name string) string {
	if m := sealedBlobRe.FindStringSubmatch(name); m != nil {
		return "blobs/" + m[1]
	}
	return name
}

// ReadFile reads a file and opens it when it is sealed.
func (s *sealFS) ReadFile(name string, limit int64) ([]byte, error) {
	if !isSealedName(name) {
		return s.FS.ReadFile(name, limit)
	}
	var data []byte
	var err error
	for _, n := range s.blobNames(name) {
		if data, err = s.FS.ReadFile(n, sealing.SealedLen(limit)); !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if !sealing.IsSealed(data) {
		if int64(len(data)) > limit {
			return nil, ErrTooLarge
		}
		if s.plainSeen != nil {
			*s.plainSeen = append(*s.plainSeen, name)
		}
		return data, nil
	}
	return sealing.Open(s.ring, blobPlace(name), data)
}

// ReadPrefix reads the start of a file, opening only the chunks it needs.
func (s *sealFS) ReadPrefix(name string, n int64) ([]byte, error) {
	if !isSealedName(name) {
		return s.FS.ReadPrefix(name, n)
	}
	data, err := s.FS.ReadPrefix(name, sealing.PrefixLen(n))
	if err != nil || !sealing.IsSealed(data) {
		if int64(len(data)) > n {
			data = data[:n]
		}
		return data, err
	}
	plain, err := sealing.OpenPrefix(s.ring, name, data, n)
	if int64(len(plain)) > n {
		plain = plain[:n]
	}
	return plain, err
}

func (s *sealFS) sealed(name string, data []byte) (string, []byte, error) {
	if !isSealedName(name) {
		return name, data, nil
	}
	k, ok := s.ring.Current()
	if !s.seal || !ok {
		return "", nil, ErrNoWorkspaceKey
	}
	place := blobPlace(name)
	if m := sealedBlobRe.FindStringSubmatch(name); m != nil {
		name = sealedBlobPath(k, m[1])
		if err := s.FS.MkdirAll(name[:strings.LastIndexByte(name, '/')]); err != nil {
			return "", nil, err
		}
	}
	out, err := sealing.Seal(k, place, data)
	return name, out, err
}

// WriteFileAtomic seals a sealed kind of file before writing it.
func (s *sealFS) WriteFileAtomic(name string, data []byte) error {
	name, data, err := s.sealed(name, data)
	if err != nil {
		return err
	}
	return s.FS.WriteFileAtomic(name, data)
}

// WriteFileNew seals a sealed kind of file before writing it.
func (s *sealFS) WriteFileNew(name string, data []byte) error {
	name, data, err := s.sealed(name, data)
	if err != nil {
		return err
	}
	return s.FS.WriteFileNew(name, data)
}

// Stat finds an attachment under any name it may have.
func (s *sealFS) Stat(name string) (fs.FileInfo, error) {
	var fi fs.FileInfo
	var err error
	for _, n := range s.blobNames(name) {
		if fi, err = s.FS.Stat(n); err == nil {
			return fi, nil
		}
	}
	return fi, err
}

// MkdirAll skips the plain name's attachment folder: a sealed attachment
// goes into the folder of its sealed name, made when it is written.
func (s *sealFS) MkdirAll(name string) error {
	if s.seal && strings.HasPrefix(name, "blobs/") {
		return nil
	}
	return s.FS.MkdirAll(name)
}

// sealedReadIssue says why a sealed segment could not be read: still
// arriving (wait), damaged or moved (refused, never applied), or sealed
// with a key this device does not hold.
func sealedReadIssue(err error, device, name string) (Issue, bool) {
	switch {
	case errors.Is(err, sealing.ErrIncomplete):
		return Issue{Code: CodeWaitingSegment, Device: device, File: name}, true
	case errors.Is(err, sealing.ErrCorrupt):
		return Issue{Code: CodeCorruptSegment, Device: device, File: name,
			Detail: "the sealed file does not open: it was altered, moved, or sealed for another workspace"}, true
	case errNoKey(err):
		return Issue{Code: CodeNoWorkspaceKey, Device: device, File: name, Detail: KeyNotShared}, true
	}
	return Issue{}, false
}

// sameDeviceFile reports whether two device files say the same.
func sameDeviceFile(a, b DeviceFile) bool {
	if len(a.NameFor) != len(b.NameFor) {
		return false
	}
	for k, v := range a.NameFor {
		if b.NameFor[k] != v {
			return false
		}
	}
	a.NameFor, b.NameFor = nil, nil
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
