package sharedfolder

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Error codes of an emptied shared folder.
const (
	// CodeFolderEmptied means this device's files are gone from the shared
	// folder (deleted by a person, a syncer or a restored cloud backup). Sync
	// waits until a person confirms it is the right folder and republishes.
	CodeFolderEmptied = "sync.folder_emptied"
	// CodeNoHistory means a workspace's folder holds none of its history, so
	// there is nothing a new device could start from.
	CodeNoHistory = "sync.no_history"
)

// ownHistoryMissing reports whether segments this device wrote are gone from
// the folder and nothing else there covers them: not its own snapshot, not
// another device's snapshot that already includes them. Compaction only
// deletes segments its own snapshot covers, so a gap means someone deleted
// them, and teammates (and new devices) would wait for them forever.
func (e *Engine) ownHistoryMissing(f FS) (bool, error) {
	published, err := e.localInt(keySegmentSeq)
	if err != nil || published == 0 {
		return false, err
	}
	me := e.rep.Device()
	cover, err := e.latestSnapshot(f, me)
	if err != nil || cover >= published {
		return false, err
	}
	present, _, err := segmentsIn(f, me)
	if err != nil {
		return false, err
	}
	complete := func(from int64) bool {
		for seq := from + 1; seq <= published; seq++ {
			if !present[seq] {
				return false
			}
		}
		return true
	}
	if complete(cover) {
		return false, nil
	}
	// A teammate's snapshot may already carry this device's changes (it
	// republished after the folder was emptied): then nothing is lost.
	devices, err := f.ReadDir("devices")
	if err != nil {
		return true, nil
	}
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) || d.Name() == me {
			continue
		}
		if h, ok := e.snapshotHeader(f, d.Name()); ok && complete(max(cover, h.Vector[me])) {
			return false, nil
		}
	}
	return true, nil
}

// snapshotHeader reads the header of a device's newest snapshot.
func (e *Engine) snapshotHeader(f FS, device string) (SegmentHeader, bool) {
	var h SegmentHeader
	seq, err := e.latestSnapshot(f, device)
	if err != nil || seq == 0 {
		return h, false
	}
	data, err := f.ReadPrefix(devicePath(device, snapshotName(seq)), 64<<10)
	if err != nil {
		return h, false
	}
	line, _, ok := cutLine(data)
	return h, ok && json.Unmarshal(line, &h) == nil && h.Snapshot && h.Workspace == e.ws.ID()
}

// emptiedError is what a sync returns when this device's files are gone.
func emptiedError(root string) error {
	return apperr.New(CodeFolderEmptied, "this computer's part of the workspace is gone from the shared folder: "+
		"if it is the right folder, publish everything this computer has with 'postdeck sync republish'").With("folder", root)
}

// Republish writes a snapshot of everything this device has into the
// configured shared folder, recreating the workspace's folder if it is gone,
// then syncs. A person confirms first (the window asks, the command line has
// 'sync republish'), since an emptied folder may also be the wrong folder.
// The snapshot takes the next segment number, so nothing is written over and
// teammates that already have everything apply nothing new.
func (e *Engine) Republish(ctx context.Context, workspaceName string) (Report, error) {
	folder, err := e.Folder()
	if err != nil {
		return Report{}, err
	}
	if folder == "" {
		return Report{}, apperr.New(CodeNotConfigured, "no shared folder is set up")
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		return Report{}, apperr.New(CodeFolderMissing, "the shared folder is not there (unplugged or not mounted?)").With("folder", folder)
	}
	f := e.fsFor(folder)
	if err := e.republish(ctx, f, workspaceName); err != nil {
		return Report{}, err
	}
	return e.SyncWith(ctx, folder, f)
}

func (e *Engine) republish(ctx context.Context, f FS, workspaceName string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.ensureWorkspaceFile(f, workspaceName); err != nil {
		return err
	}
	f, err := e.republishView(ctx, f)
	if err != nil {
		return err
	}
	me := e.rep.Device()
	if err := f.MkdirAll(devicePath(me, "changes")); err != nil {
		return writeError(err)
	}
	var rep Report
	if err := e.writeDeviceFile(ctx, f, &rep); err != nil {
		return err
	}
	me = e.rep.Device() // a clone takes a new id first
	vec, err := e.vector()
	if err != nil {
		return err
	}
	vec[me]++
	if err := e.writeSnapshot(ctx, f, vec); err != nil {
		return err
	}
	return e.st.Tx(ctx, func(tx *store.Tx) error {
		return e.st.SetLocal(tx.DB, keySegmentSeq, strconv.FormatInt(vec[me], 10))
	})
}

// ensureWorkspaceFile writes workspace.json when it is missing.
func (e *Engine) ensureWorkspaceFile(f FS, workspaceName string) error {
	var wf WorkspaceFile
	err := readJSON(f, "workspace.json", &wf)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := f.MkdirAll("devices"); err != nil {
			return writeError(err)
		}
		wf = WorkspaceFile{Format: FormatVersion, WorkspaceID: e.ws.ID(), Name: workspaceName, MinVersion: "0.1.0"}
		// The root of trust goes back with it, or a computer joining now
		// would take itself for the founder.
		if wf.Trust, err = e.pinnedTrust(); err != nil {
			return err
		}
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return writeError(err)
		}
	case err != nil:
		return apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").With("detail", err.Error())
	case wf.WorkspaceID != e.ws.ID():
		return apperr.New(CodeOtherWorkspace, "the shared folder holds another workspace")
	}
	return nil
}

// hasHistory reports whether a new device can start from a workspace's
// folder: it holds a snapshot, or every segment the devices say they
// published (in their ack.json) is there. A new, empty workspace qualifies;
// a folder whose segments were deleted does not.
func hasHistory(f FS) bool {
	devices, err := f.ReadDir("devices")
	if err != nil {
		return true // nothing claims anything: a new folder
	}
	claimed := map[string]int64{}
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) {
			continue
		}
		files, _ := f.ReadDir(devicePath(d.Name()))
		for _, fi := range files {
			if snapshotRe.MatchString(fi.Name()) {
				return true
			}
		}
		var a AckFile
		if readJSON(f, devicePath(d.Name(), "ack.json"), &a) == nil {
			claimed[d.Name()] = max(claimed[d.Name()], a.Published)
			for other, seq := range a.Applied {
				if deviceDirRe.MatchString(other) {
					claimed[other] = max(claimed[other], seq)
				}
			}
		}
	}
	for d, published := range claimed {
		files, _ := f.ReadDir(devicePath(d, "changes"))
		present := map[int64]bool{}
		for _, fi := range files {
			if seq, ok := ParseSegmentName(fi.Name()); ok {
				present[seq] = true
			}
		}
		for seq := int64(1); seq <= published; seq++ {
			if !present[seq] {
				return false
			}
		}
	}
	return true
}

// applyDeviceSnapshot applies device's newest snapshot when it reaches past
// seq, the segment this device waits for: the device compacted its segments
// or republished after the folder was emptied. Changes already here are
// skipped, so a device that has everything gains no copies and no conflicts.
func (e *Engine) applyDeviceSnapshot(ctx context.Context, f FS, device string, seq int64, rep *Report) (bool, error) {
	snap, err := e.latestSnapshot(f, device)
	if err != nil || snap < seq {
		return false, nil
	}
	return e.applySnapshot(ctx, f, devicePath(device, snapshotName(snap)), rep)
}

// applySnapshot applies a snapshot and moves the cursors up to its vector
// in one transaction. It reports false when the file is not usable (yet).
func (e *Engine) applySnapshot(ctx context.Context, f FS, name string, rep *Report) (bool, error) {
	data, err := f.ReadFile(name, MaxSnapshotBytes)
	if err != nil {
		return false, nil // not readable yet: try later
	}
	h, changes, err := DecodeSegment(data)
	if err != nil || !h.Snapshot || h.Workspace != e.ws.ID() {
		if err != nil && !errors.Is(err, ErrIncomplete) {
			rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, File: name, Detail: err.Error()})
		}
		return false, nil
	}
	if !e.admitSnapshot(h.Device, h) {
		rep.Issues = append(rep.Issues, Issue{Code: CodeDeviceWaiting, Device: h.Device, File: name})
		return false, nil
	}
	me := e.rep.Device()
	res, err := e.rep.ApplyWith(ctx, changes, func(db *gorm.DB) error {
		for d, seq := range h.Vector {
			if d == me || !deviceDirRe.MatchString(d) {
				continue
			}
			if err := db.Exec(`INSERT INTO sync_cursors(device, seq, applied_at) VALUES (?, ?, ?)
				ON CONFLICT(device) DO UPDATE SET seq = MAX(seq, excluded.seq), applied_at = excluded.applied_at`,
				d, seq, e.now().UnixMilli()).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if apperr.Code(err) == replica.CodeInvalidChange {
			rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, File: name, Detail: err.Error()})
			return false, nil
		}
		return false, err
	}
	// A snapshot brings confirmations together with the changes of the
	// computers they confirm, judged before the confirmations were in:
	// the pull that follows reads trust again and judges everything again.
	if touchesTrust(changes) {
		e.trustDirty = true
	}
	rep.Applied += res.Applied
	rep.Conflicts += res.Conflicts
	rep.Segments++
	e.progress(rep)
	return true, nil
}

// listLeftovers lists every syncer copy in the workspace's folder: at its top,
// under devices (this device's own included), blobs and feeds. They are
// never read; the list tells the user they can be cleaned up.
func listLeftovers(f FS) []string {
	out := []string{}
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		entries, err := f.ReadDir(dir)
		if err != nil {
			return
		}
		for _, en := range entries {
			name := path.Join(dir, en.Name())
			if IsSyncerLeftover(en.Name()) {
				out = append(out, name)
				continue
			}
			if en.IsDir() && depth < 3 {
				walk(name, depth+1)
			}
		}
	}
	walk(".", 0)
	sort.Strings(out)
	return out
}
