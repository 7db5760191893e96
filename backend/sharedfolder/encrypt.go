package sharedfolder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"sort"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/sealing"
)

// Error codes of turning encryption on.
const (
	CodeEncryptDenied = "sync.encrypt_denied"
	CodeEncryptNoKey  = "sync.encrypt_no_key"
)

// EncryptProgressEvent is the event the window gets while the folder is
// being encrypted.
const EncryptProgressEvent = "sync:encrypt-progress"

// EncryptProgress is how far encrypting the folder has come: files sealed
// of the plain files found.
type EncryptProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// EncryptFolder turns end-to-end encryption on for a workspace that is
// shared already. It takes someone who manages the team. In order: it
// writes the intent into workspace.json (format 3: every device of this
// version writes sealed files from then on, older ones refuse the folder),
// syncs so a key is made and wrapped for every confirmed device, seals
// every plain segment, snapshot and attachment in place (temp file and
// rename: the signed content inside is unchanged, so every device's
// segments still verify), and marks the folder encrypted. Run again after
// an interruption, it skips what is sealed already.
func (e *Engine) EncryptFolder(ctx context.Context, progress func(EncryptProgress)) (EncryptProgress, error) {
	folder, err := e.Folder()
	if err != nil {
		return EncryptProgress{}, err
	}
	if folder == "" {
		return EncryptProgress{}, apperr.New(CodeNotConfigured, "no shared folder is set up")
	}
	if progress == nil {
		progress = e.OnEncryptProgress
	}
	return e.EncryptFolderWith(ctx, folder, e.fsFor(folder), progress)
}

// EncryptFolderWith is EncryptFolder against f, the workspace's folder
// inside root. Tests pass a file system that fails midway.
func (e *Engine) EncryptFolderWith(ctx context.Context, root string, f FS, progress func(EncryptProgress)) (EncryptProgress, error) {
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return EncryptProgress{}, apperr.New(CodeFolderMissing, "the shared folder is not there (unplugged or not mounted?)").With("folder", root)
	}
	if err := e.mayEncrypt(ctx); err != nil {
		return EncryptProgress{}, err
	}
	var wf WorkspaceFile
	if err := readJSON(f, "workspace.json", &wf); err != nil {
		return EncryptProgress{}, apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").WithCause(err)
	}
	if wf.WorkspaceID != e.ws.ID() {
		return EncryptProgress{}, apperr.New(CodeOtherWorkspace, "the shared folder holds another workspace")
	}
	if wf.Encryption == nil {
		wf.Encryption = &EncryptionInfo{State: EncryptionEncrypting, By: e.rep.Device()}
		wf.Format = max(wf.Format, FolderFormatEncrypted)
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return EncryptProgress{}, writeError(err)
		}
	}
	// A sync makes the key (or finds it) and hands it to every confirmed
	// device; what this device writes from here on is sealed.
	if _, err := e.SyncWith(ctx, root, f); err != nil {
		return EncryptProgress{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	enc, ring := e.seal.get()
	if !enc || len(ring) == 0 {
		return EncryptProgress{}, apperr.New(CodeEncryptNoKey, "this computer does not have the workspace key")
	}
	p, err := e.sealPlainFiles(f, ring, progress)
	if err != nil {
		return p, err
	}
	if err := readJSON(f, "workspace.json", &wf); err != nil {
		return p, apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").WithCause(err)
	}
	if wf.Encryption == nil || wf.Encryption.State != EncryptionOn {
		wf.Encryption = &EncryptionInfo{State: EncryptionOn, By: e.rep.Device()}
		wf.Format = max(wf.Format, FolderFormatEncrypted)
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return p, writeError(err)
		}
	}
	s, err := e.Encryption()
	if err == nil {
		s.State = EncryptionOn
		err = e.saveEncryptionStatus(s)
	}
	return p, err
}

// mayEncrypt checks that this device is confirmed for a member who
// manages the team (or founded the workspace before anyone had roles).
func (e *Engine) mayEncrypt(ctx context.Context) error {
	t, err := e.loadTrust(ctx)
	if err != nil {
		return err
	}
	me := e.rep.Device()
	if t.anchor != nil && t.anchor.Founder == me && t.anchor.FounderMember == "" {
		return nil
	}
	member := t.member[me]
	if member == "" {
		member, _ = e.st.Local("me")
	}
	ok := false
	if e.CanManageTeam != nil && member != "" {
		ok, _ = e.CanManageTeam(ctx, member)
	}
	if !ok {
		return apperr.New(CodeEncryptDenied, "only someone who manages the team may encrypt the shared folder").
			With("permission", "manage_team")
	}
	return nil
}

// plainFiles lists the files of f that should be sealed and are not:
// segments, snapshots and attachments, in a stable order.
func plainFiles(f FS) []string {
	var names []string
	devices, _ := f.ReadDir("devices")
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) {
			continue
		}
		top, _ := f.ReadDir(devicePath(d.Name()))
		for _, fi := range top {
			if n := devicePath(d.Name(), fi.Name()); !fi.IsDir() && sealedSnapshotRe.MatchString(n) {
				names = append(names, n)
			}
		}
		changes, _ := f.ReadDir(devicePath(d.Name(), "changes"))
		for _, fi := range changes {
			if n := devicePath(d.Name(), "changes", fi.Name()); !fi.IsDir() && sealedSegmentRe.MatchString(n) {
				names = append(names, n)
			}
		}
	}
	dirs, _ := f.ReadDir("blobs")
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 {
			continue
		}
		files, _ := f.ReadDir("blobs/" + d.Name())
		for _, fi := range files {
			if n := "blobs/" + d.Name() + "/" + fi.Name(); sealedBlobRe.MatchString(n) {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		if head, err := f.ReadPrefix(n, int64(len(sealing.Magic))); err == nil && !sealing.IsSealed(head) {
			out = append(out, n)
		}
	}
	return out
}

// sealPlainFiles seals every plain file of f in place with the current
// key. A segment or snapshot keeps its name and its signed content; an
// attachment moves to its sealed name once it is there, after its content
// was checked against its hash. A file still arriving (no valid trailer)
// is left for the next run, so a half-delivered file is never sealed.
func (e *Engine) sealPlainFiles(f FS, ring sealing.Ring, progress func(EncryptProgress)) (EncryptProgress, error) {
	names := plainFiles(f)
	p := EncryptProgress{Total: len(names)}
	if progress != nil {
		progress(p)
	}
	sf := &sealFS{FS: f, ring: ring, seal: true}
	for _, n := range names {
		if ok, err := sealOne(f, sf, n); err != nil {
			return p, err
		} else if !ok {
			continue
		}
		p.Done++
		if progress != nil {
			progress(p)
		}
	}
	return p, nil
}

// sealOne seals the plain file n of f in place through sf; false when it
// was not sealed (gone, still arriving, or an attachment that does not
// match its hash).
func sealOne(f FS, sf *sealFS, n string) (bool, error) {
	limit := int64(MaxSegmentBytes)
	switch {
	case sealedSnapshotRe.MatchString(n):
		limit = MaxSnapshotBytes
	case sealedBlobRe.MatchString(n):
		limit = MaxBlobBytes
	}
	data, err := f.ReadFile(n, limit)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil // compacted away meanwhile
		}
		return false, writeError(err)
	}
	if sealing.IsSealed(data) {
		return false, nil
	}
	if m := sealedBlobRe.FindStringSubmatch(n); m != nil {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != m[1] {
			return false, nil // a damaged attachment is not spread further
		}
		if err := sf.WriteFileAtomic(n, data); err != nil {
			return false, writeError(err)
		}
		if err := f.Remove(n); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, writeError(err)
		}
		return true, nil
	}
	if _, _, err := DecodeSegment(data); errors.Is(err, ErrIncomplete) {
		return false, nil
	}
	if err := sf.WriteFileAtomic(n, data); err != nil {
		return false, writeError(err)
	}
	return true, nil
}

// sealStragglers seals the plain files this run read in an encrypted
// folder: a segment written by a computer that was offline while the
// folder was encrypted is sealed by the next key holder that reads it.
func (e *Engine) sealStragglers(f FS) error {
	sf, ok := f.(*sealFS)
	if !ok || !sf.seal || sf.plainSeen == nil {
		return nil
	}
	for _, n := range *sf.plainSeen {
		if _, err := sealOne(sf.FS, sf, n); err != nil {
			return err
		}
	}
	*sf.plainSeen = nil
	// A plain segment this run did not need to read (a snapshot covered
	// it) is sealed all the same: every segment and snapshot that changed
	// since the last look (all of them once per start) is checked.
	since := e.plainScan.Add(-2 * time.Minute)
	e.plainScan = e.now()
	devices, _ := sf.FS.ReadDir("devices")
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) {
			continue
		}
		for _, dir := range []string{devicePath(d.Name()), devicePath(d.Name(), "changes")} {
			files, _ := sf.FS.ReadDir(dir)
			for _, fi := range files {
				n := dir + "/" + fi.Name()
				if fi.IsDir() || !(sealedSegmentRe.MatchString(n) || sealedSnapshotRe.MatchString(n)) {
					continue
				}
				if info, err := fi.Info(); err != nil || info.ModTime().Before(since) {
					continue
				}
				if head, err := sf.FS.ReadPrefix(n, int64(len(sealing.Magic))); err == nil && !sealing.IsSealed(head) {
					if _, err := sealOne(sf.FS, sf, n); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
