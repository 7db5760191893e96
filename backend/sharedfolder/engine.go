package sharedfolder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/devicekey"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// Device-local settings keys for sync.
const (
	keyFolder     = "sync_folder"
	keyPushedSeq  = "sync_pushed_change_seq"
	keySegmentSeq = "sync_segment_seq"
)

// MaxChangesPerSegment bounds one segment so readers never hold a huge file.
const MaxChangesPerSegment = 5000

// Error codes of sync, translated in the window.
const (
	CodeFolderMissing  = "sync.folder_missing"
	CodeFolderReadOnly = "sync.folder_read_only"
	CodeDiskFull       = "sync.disk_full"
	CodeOtherWorkspace = "sync.other_workspace"
	CodeNewerFormat    = "sync.newer_format"
	CodeNotConfigured  = "sync.not_configured"
	CodeCorruptSegment = "sync.corrupt_segment"
	CodeWaitingSegment = "sync.waiting_for_segment"
	CodeWorkspaceFile  = "sync.bad_workspace_file"
	CodeDeviceCloned   = "sync.device_cloned"
)

// Issue is something about the shared folder the user may want to know.
type Issue struct {
	Code   string `json:"code"`
	Device string `json:"device,omitempty"`
	File   string `json:"file,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// Report says what one sync run did.
type Report struct {
	Pushed    int      `json:"pushed"`
	Applied   int      `json:"applied"`
	Segments  int      `json:"segments"`
	Conflicts int      `json:"conflicts"`
	Issues    []Issue  `json:"issues"`
	Leftovers []string `json:"leftovers"`
	// Attachments sent, received, and still travelling.
	BlobsSent     int  `json:"blobsSent"`
	BlobsReceived int  `json:"blobsReceived"`
	BlobsPending  int  `json:"blobsPending"`
	compacted     bool // a device's next segment was compacted away
}

// Workspace is what the engine needs to know of the local workspace.
type Workspace interface {
	// ID returns the workspace id.
	ID() string
	// Adopt makes this device part of the workspace with id, when joining a
	// team's folder.
	Adopt(ctx context.Context, id string) error
}

// Engine syncs one workspace through one shared folder.
type Engine struct {
	st  *store.Store
	rep *replica.Replica
	ws  Workspace
	now func() time.Time
	// Blobs is the attachment store synced along with the changes.
	Blobs *Blobs
	// OnProgress, when set, hears how far a long sync (joining a team,
	// catching up after weeks away) has come.
	OnProgress func(Progress)
	// CanManageTeam says whether a member's roles allow managing the team,
	// which a member needs to confirm another member's device.
	CanManageTeam func(ctx context.Context, member string) (bool, error)
	// HasMembers says whether the team has any member: a computer that
	// joined without saying whom it belongs to must then be confirmed as
	// one (nil: it must).
	HasMembers func(ctx context.Context) (bool, error)
	// TrustNewDevices applies signed segments of devices nobody confirmed
	// (signatures are still checked, revocations still hold). Only tests of
	// sync mechanics set it; the app never does.
	TrustNewDevices bool
	dataDir         string
	keyMu           sync.Mutex
	keys            *devicekey.Keys
	trust           *trustView // during a sync run
	trustDirty      bool       // confirmation rows arrived in this run
	// AfterRebuild, when set, runs inside RebuildState's transaction to
	// rebuild local indexes derived from synced rows (full-text search).
	AfterRebuild func(db *gorm.DB) error
	mu           sync.Mutex // one sync at a time
	states       stateCache // the last hash of the synced state
	// Encrypt makes a workspace this device publishes into a folder for
	// the first time end-to-end encrypted (the app and the command line set
	// it; 'sync encrypt' turns it on for a workspace already shared).
	Encrypt bool
	// OnEncryptProgress, when set, hears how far EncryptFolder has come.
	OnEncryptProgress func(EncryptProgress)
	seal              *sealState // the folder's encryption, as the last run found it
	// plainScan is when this engine last looked for plain segments in an
	// encrypted folder.
	plainScan time.Time
}

// NewEngine returns the sync engine of a workspace.
func NewEngine(st *store.Store, rep *replica.Replica, ws Workspace) *Engine {
	return &Engine{st: st, rep: rep, ws: ws, now: time.Now, Blobs: NewBlobs(filepath.Dir(st.Path())),
		dataDir: filepath.Dir(st.Path())}
}

// Folder returns the configured shared folder ("" when sync is off).
func (e *Engine) Folder() (string, error) { return e.st.Local(keyFolder) }

// fsFor returns the file system of this workspace inside the shared folder.
func (e *Engine) fsFor(folder string) FS {
	return DirFS{Root: filepath.Join(folder, "postdeck", e.ws.ID())}
}

// SyncOnce pushes this device's new changes and applies the others'.
func (e *Engine) SyncOnce(ctx context.Context) (Report, error) {
	folder, err := e.Folder()
	if err != nil {
		return Report{}, err
	}
	if folder == "" {
		return Report{}, apperr.New(CodeNotConfigured, "no shared folder is set up")
	}
	return e.SyncWith(ctx, folder, e.fsFor(folder))
}

// SyncWith runs one sync against f, which is the workspace's folder inside
// the shared folder root. Tests pass a file system that injects faults.
func (e *Engine) SyncWith(ctx context.Context, root string, f FS) (Report, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var rep Report
	// A missing or empty shared folder pauses sync; it never means "delete".
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return rep, apperr.New(CodeFolderMissing, "the shared folder is not there (unplugged or not mounted?)").With("folder", root)
	}
	rep.Leftovers = listLeftovers(f)
	var wf WorkspaceFile
	if err := readJSON(f, "workspace.json", &wf); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if published, _ := e.localInt(keySegmentSeq); published > 0 {
				// This device wrote here before: the folder was emptied.
				return rep, emptiedError(root)
			}
			return rep, apperr.New(CodeFolderMissing, "this workspace is not in the shared folder").With("folder", root)
		}
		if isLocked(err) {
			return rep, writeError(err)
		}
		return rep, apperr.New(CodeWorkspaceFile, "workspace.json in the shared folder cannot be read").WithCause(err)
	}
	if wf.Format > FolderFormatEncrypted || (wf.Format > FormatVersion && wf.Encryption == nil) {
		return rep, apperr.New(CodeNewerFormat, "the shared folder was set up by a newer Postdeck: update Postdeck")
	}
	if wf.WorkspaceID != e.ws.ID() {
		return rep, apperr.New(CodeOtherWorkspace, "the shared folder holds another workspace")
	}
	if missing, err := e.ownHistoryMissing(e.sealedView(f)); err != nil {
		return rep, err
	} else if missing {
		return rep, emptiedError(root)
	}
	if err := e.ensureTrust(ctx, f, &wf, &rep); err != nil {
		return rep, err
	}
	trust, err := e.loadTrust(ctx)
	if err != nil {
		return rep, err
	}
	e.trust = trust
	defer func() { e.trust = nil }()
	f, ready, err := e.openSealing(ctx, f, &wf, &rep)
	if err != nil {
		return rep, err
	}
	if !ready {
		// An encrypted folder and no key yet: say who this computer is, so
		// a teammate can confirm it, and read nothing until the key comes.
		if err := f.MkdirAll(devicePath(e.rep.Device())); err != nil {
			return rep, writeError(err)
		}
		if err := e.writeDeviceFile(ctx, f, &rep); err != nil {
			return rep, err
		}
		return rep, e.markSynced()
	}
	if err := e.Blobs.sendBlobs(f, &rep); err != nil {
		return rep, err
	}
	pushed, err := e.push(ctx, f, &rep)
	rep.Pushed = pushed
	if err != nil {
		return rep, err
	}
	if err := e.bootstrap(ctx, f, &rep, false); err != nil {
		return rep, err
	}
	if err := e.pull(ctx, f, &rep); err != nil {
		return rep, err
	}
	if rep.compacted {
		// Segments this device still needed were compacted away: start
		// from a snapshot and read what follows it.
		if err := e.bootstrap(ctx, f, &rep, true); err != nil {
			return rep, err
		}
		rep.compacted = false
		if err := e.pull(ctx, f, &rep); err != nil {
			return rep, err
		}
	}
	if err := e.Blobs.fetchBlobs(f, &rep); err != nil {
		return rep, err
	}
	if err := e.sealStragglers(f); err != nil {
		return rep, err
	}
	if err := e.compact(ctx, f); err != nil {
		return rep, err
	}
	if err := e.adoptConfirmedMember(ctx); err != nil {
		return rep, err
	}
	return rep, e.markSynced()
}

// push writes this device's changes that are not in the folder yet.
func (e *Engine) push(ctx context.Context, f FS, rep *Report) (int, error) {
	if err := f.MkdirAll(devicePath(e.rep.Device(), "changes")); err != nil {
		return 0, writeError(err)
	}
	if err := e.writeDeviceFile(ctx, f, rep); err != nil {
		return 0, err
	}
	if err := e.ownHistoryChecked(ctx, f, rep); err != nil {
		return 0, err
	}
	total := 0
	for retries := 0; ; {
		after, err := e.localInt(keyPushedSeq)
		if err != nil {
			return total, err
		}
		changes, last, err := e.rep.LocalChanges(ctx, after, MaxChangesPerSegment)
		if err != nil || len(changes) == 0 {
			return total, err
		}
		seg, err := e.localInt(keySegmentSeq)
		if err != nil {
			return total, err
		}
		seg++
		var created int64
		for _, c := range changes {
			created = max(created, replica.Millis(c.Clock.HLC))
		}
		// The header holds nothing that changes between attempts, so a
		// crash after the write and before the bookkeeping rewrites the
		// very same bytes.
		me := e.rep.Device()
		keys, err := e.Keys()
		if err != nil {
			return total, err
		}
		data, err := EncodeSignedSegment(SegmentHeader{Format: FormatVersion, Workspace: e.ws.ID(), Device: me,
			Seq: seg, Created: created}, changes, keys)
		if err != nil {
			return total, err
		}
		// A segment is never written over: one that is there already was
		// written by an earlier copy of this data folder (checked first,
		// but another copy may write meanwhile), so look at history again.
		if err := f.WriteFileNew(devicePath(me, "changes", SegmentName(seg)), data); err != nil {
			if errors.Is(err, fs.ErrExist) && retries < 3 {
				retries++
				if err := e.ownHistoryChecked(ctx, f, rep); err != nil {
					return total, err
				}
				continue
			}
			return total, writeError(err)
		}
		err = e.st.Tx(ctx, func(tx *store.Tx) error {
			if err := e.st.SetLocal(tx.DB, keyPushedSeq, strconv.FormatInt(last, 10)); err != nil {
				return err
			}
			return e.st.SetLocal(tx.DB, keySegmentSeq, strconv.FormatInt(seg, 10))
		})
		if err != nil {
			return total, err
		}
		total += len(changes)
		// Judged now as every other device will judge them: a change they
		// refuse is refused here too, so this device does not differ.
		if _, err := e.rep.Settle(ctx, changes); err != nil {
			return total, err
		}
	}
}

// writeDeviceFile says who this device is, after making sure no other
// install writes under the same device id. Two installs with one id (a
// cloned disk, a copied data folder) would overwrite each other's segments,
// so the one that notices takes a new id before writing anything.
func (e *Engine) writeDeviceFile(ctx context.Context, f FS, rep *Report) error {
	install := installFingerprint(e.st.Path())
	me, _ := e.st.Local("me")
	var have DeviceFile
	err := readJSON(f, devicePath(e.rep.Device(), "device.json"), &have)
	if err == nil && have.Install != "" && have.Install != install {
		shared, err := e.localInt(keyPushedSeq)
		if err != nil {
			return err
		}
		// Segments the clone shares with the other install up to here.
		own, err := e.localInt(keySegmentSeq)
		if err != nil {
			return err
		}
		if err := e.carryOnAsNewDevice(ctx, f, rep, ReasonCloned, shared, own); err != nil {
			return err
		}
		have = DeviceFile{}
	}
	keys, err := e.Keys()
	if err != nil {
		return err
	}
	want := DeviceFile{DeviceID: e.rep.Device(), MemberID: me, DisplayName: deviceName(), Install: install,
		PublicKey: keys.Public(), BoxKey: keys.BoxPublic()}
	if err := e.sealName(have, &want); err != nil {
		return err
	}
	if sameDeviceFile(have, want) {
		return nil
	}
	if err := writeJSON(f, devicePath(want.DeviceID, "device.json"), want); err != nil {
		return writeError(err)
	}
	return nil
}

// ownHistoryChecked runs checkOwnHistory and, when this install took a new
// device id, says who the new id is in the folder.
func (e *Engine) ownHistoryChecked(ctx context.Context, f FS, rep *Report) error {
	renamed, err := e.checkOwnHistory(ctx, f, rep)
	if err != nil || !renamed {
		return err
	}
	return e.writeDeviceFile(ctx, f, rep)
}

// installFingerprint identifies this install: the machine and the database
// file. A copy of the data folder, on this machine or another, differs.
func installFingerprint(dbPath string) string {
	host, _ := os.Hostname()
	machine, _ := os.ReadFile("/etc/machine-id")
	abs, _ := filepath.Abs(dbPath)
	sum := sha256.Sum256([]byte(host + "\x00" + strings.TrimSpace(string(machine)) + "\x00" + abs))
	return hex.EncodeToString(sum[:16])
}

// pull applies every other device's segments that are whole and next in
// line, each in one transaction together with its cursor.
func (e *Engine) pull(ctx context.Context, f FS, rep *Report) error {
	entries, err := f.ReadDir("devices")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return apperr.New(CodeFolderMissing, "the shared folder cannot be read").WithCause(err)
	}
	me := e.rep.Device()
	// Confirmations arriving from one device may admit segments of another
	// that waited: go round again while they do.
	trustArrived := false
	for pass := 0; pass == 0 || (e.trustDirty && pass < 8); pass++ {
		if e.trustDirty {
			if e.trust, err = e.loadTrust(ctx); err != nil {
				return err
			}
			trustArrived = true
		}
		e.trustDirty = false
		// After the first pass only the devices whose segments waited on
		// trust can move: the others were read to their end.
		var waited []fs.DirEntry
		for _, d := range entries {
			name := d.Name()
			if !d.IsDir() || !deviceDirRe.MatchString(name) || name == me {
				continue
			}
			wait, err := e.pullDevice(ctx, f, name, rep)
			if err != nil {
				return err
			}
			if wait {
				waited = append(waited, d)
			}
		}
		entries = waited
	}
	// A confirmation, refusal or revocation changes the member a device's
	// changes are judged as, or from when they count: what arrived before
	// it (in this run or earlier) is judged again.
	if trustArrived || e.trustDirty {
		if e.trustDirty {
			if e.trust, err = e.loadTrust(ctx); err != nil {
				return err
			}
		}
		if err := e.takeBackRevoked(ctx, f, rep); err != nil {
			return err
		}
		if _, err := e.rep.Recheck(ctx); err != nil {
			return err
		}
	}
	// Changes that were too far ahead of this clock may be due now.
	if n, err := e.rep.Quarantined(ctx); err != nil {
		return err
	} else if n > 0 {
		res, err := e.rep.Apply(ctx, nil)
		if err != nil {
			return err
		}
		rep.Applied += res.Applied
		rep.Conflicts += res.Conflicts
	}
	return nil
}

// pullDevice applies device's next segments and reports whether some wait
// on trust (a confirmation, a key, a revocation).
func (e *Engine) pullDevice(ctx context.Context, f FS, device string, rep *Report) (bool, error) {
	cursor, err := e.cursor(device)
	if err != nil {
		return false, err
	}
	files, err := f.ReadDir(devicePath(device, "changes"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	present := map[int64]bool{}
	var highest int64
	lowest := int64(-1)
	for _, fi := range files {
		if seq, ok := ParseSegmentName(fi.Name()); ok {
			present[seq] = true
			highest = max(highest, seq)
			if lowest < 0 || seq < lowest {
				lowest = seq
			}
		}
	}
	var dev DeviceFile
	_ = readJSON(f, devicePath(device, "device.json"), &dev)
	dev.DisplayName = e.openSealedName(dev)
	// Who the device writes for is known before its changes are applied:
	// each one is checked against that member's permissions.
	if dev.MemberID != "" {
		var known []string
		if err := e.st.DB().Raw(`SELECT member_id FROM sync_devices WHERE device = ?`, device).Scan(&known).Error; err != nil {
			return false, err
		}
		// Written here only when it changed; the device's other details go
		// in one write at the end.
		if len(known) == 0 || known[0] != dev.MemberID {
			if err := e.st.DB().Exec(`INSERT INTO sync_devices(device, member_id, display_name) VALUES (?, ?, ?)
				ON CONFLICT(device) DO UPDATE SET member_id = excluded.member_id, display_name = excluded.display_name`,
				device, dev.MemberID, dev.DisplayName).Error; err != nil {
				return false, err
			}
		}
		// The device now says it writes for another member: where claims
		// count (no confirmations needed), what it wrote is weighed again
		// against that member's rights.
		if len(known) == 1 && known[0] != dev.MemberID && (e.trust == nil || e.trust.open || e.trust.anchor == nil) {
			if _, err := e.rep.Recheck(ctx); err != nil {
				return false, err
			}
		}
	}
	var waitReason, waitKey string
	var waitSeq int64
	fromSnapshot := false
	for seq := cursor + 1; ; seq++ {
		if !present[seq] {
			// The device compacted or republished: its snapshot carries on.
			if !fromSnapshot {
				ok, err := e.applyDeviceSnapshot(ctx, f, device, seq, rep)
				if err != nil {
					return false, err
				}
				if ok {
					fromSnapshot = true
					if seq, err = e.cursor(device); err != nil {
						return false, err
					}
					continue
				}
			}
			if lowest > seq {
				rep.compacted = true
			}
			if seq <= highest {
				rep.Issues = append(rep.Issues, Issue{Code: CodeWaitingSegment, Device: device, File: SegmentName(seq)})
			}
			break
		}
		name := devicePath(device, "changes", SegmentName(seq))
		data, err := f.ReadFile(name, MaxSegmentBytes)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, Device: device, File: name, Detail: err.Error()})
			} else if issue, ok := sealedReadIssue(err, device, name); ok {
				rep.Issues = append(rep.Issues, issue)
			} else if isLocked(err) {
				rep.Issues = append(rep.Issues, Issue{Code: CodeFileBusy, Device: device, File: name})
			}
			break // not readable yet: wait
		}
		h, changes, err := DecodeSegment(data)
		switch {
		case errors.Is(err, ErrBadSignature):
			waitReason, waitSeq = ReasonBadSignature, seq
		case errors.Is(err, ErrIncomplete):
			rep.Issues = append(rep.Issues, Issue{Code: CodeWaitingSegment, Device: device, File: name})
		case errors.Is(err, ErrNewerFormat):
			rep.Issues = append(rep.Issues, Issue{Code: CodeNewerFormat, Device: device, File: name})
		case err != nil:
			rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, Device: device, File: name, Detail: err.Error()})
		case h.Device != device || h.Seq != seq || h.Workspace != e.ws.ID():
			rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, Device: device, File: name,
				Detail: "header does not match the file's place"})
			err = errBadHeader
		}
		if err != nil {
			break
		}
		if bad := foreignChange(changes, device); bad >= 0 {
			rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, Device: device, File: name,
				Detail: fmt.Sprintf("change %d claims to come from another device", bad+1)})
			break
		}
		if ok, reason := e.admit(device, seq, h, changes); !ok {
			if reason == ReasonRevokedAfter {
				if refused, err := e.refuseRevoked(ctx, device, seq, h, changes); err != nil {
					return false, err
				} else if refused {
					rep.Segments++
					continue
				}
			}
			waitReason, waitSeq, waitKey = reason, seq, h.Key
			break
		}
		res, err := e.rep.ApplyWith(ctx, changes, func(db *gorm.DB) error {
			return setCursor(db, device, seq, e.now())
		})
		if err != nil {
			if apperr.Code(err) == replica.CodeInvalidChange {
				rep.Issues = append(rep.Issues, Issue{Code: CodeCorruptSegment, Device: device, File: name, Detail: err.Error()})
				break
			}
			return false, err
		}
		rep.Applied += res.Applied
		rep.Conflicts += res.Conflicts
		rep.Segments++
		e.progress(rep)
		if touchesTrust(changes) {
			e.trustDirty = true
		}
	}
	waiting := e.waitingChanges(f, device, waitSeq, waitReason, rep)
	// Compacted-away segments were published too.
	highest = max(highest, cursor)
	if c, err := e.cursor(device); err == nil {
		highest = max(highest, c)
	}
	return waitReason != "", e.st.DB().Exec(`INSERT INTO sync_devices(device, member_id, display_name, last_seq, seen_at, public_key,
		box_key, waiting_reason, waiting_changes, waiting_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(device) DO UPDATE SET member_id = CASE WHEN excluded.member_id = '' THEN member_id ELSE excluded.member_id END,
		display_name = excluded.display_name, last_seq = excluded.last_seq, seen_at = excluded.seen_at,
		public_key = excluded.public_key, box_key = excluded.box_key, waiting_reason = excluded.waiting_reason,
		waiting_changes = excluded.waiting_changes, waiting_key = excluded.waiting_key`,
		device, dev.MemberID, dev.DisplayName, highest, e.now().UnixMilli(), dev.PublicKey, dev.BoxKey,
		waitReason, waiting, waitKey).Error
}

var errBadHeader = errors.New("bad header")

// ProgressEvent is the event the window gets while a sync runs.
const ProgressEvent = "sync:progress"

// Progress is how far a running sync has come.
type Progress struct {
	Segments int `json:"segments"`
	Applied  int `json:"applied"`
}

func (e *Engine) progress(rep *Report) {
	if e.OnProgress != nil {
		e.OnProgress(Progress{Segments: rep.Segments, Applied: rep.Applied})
	}
}

// foreignChange returns the index of the first change not made by device.
func foreignChange(changes []replica.Change, device string) int {
	for i, c := range changes {
		if c.Clock.Device != device {
			return i
		}
	}
	return -1
}

func (e *Engine) cursor(device string) (int64, error) {
	var seqs []int64
	err := e.st.DB().Raw("SELECT seq FROM sync_cursors WHERE device = ?", device).Scan(&seqs).Error
	if err != nil || len(seqs) == 0 {
		return 0, err
	}
	return seqs[0], nil
}

func setCursor(db *gorm.DB, device string, seq int64, now time.Time) error {
	return db.Exec(`INSERT INTO sync_cursors(device, seq, applied_at) VALUES (?, ?, ?)
		ON CONFLICT(device) DO UPDATE SET seq = excluded.seq, applied_at = excluded.applied_at`,
		device, seq, now.UnixMilli()).Error
}

func (e *Engine) localInt(key string) (int64, error) {
	v, err := e.st.Local(key)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// writeError turns file-system failures into errors users understand.
func writeError(err error) error {
	switch {
	case isLocked(err):
		return apperr.New(CodeFileBusy, "a file in the shared folder is in use by another program: sync tries again shortly").
			WithCause(err)
	case isNoSpace(err):
		return apperr.New(CodeDiskFull, "the shared folder's disk is full").Wrap(err)
	case errors.Is(err, fs.ErrPermission) || isReadOnly(err):
		return apperr.New(CodeFolderReadOnly, "Postdeck may not write to the shared folder").Wrap(err)
	}
	return apperr.New(CodeFolderMissing, "the shared folder cannot be written").WithCause(err)
}

// admit asks the trust view of this run whether a segment is applied.
func (e *Engine) admit(device string, seq int64, h SegmentHeader, changes []replica.Change) (bool, string) {
	if e.trust == nil {
		return true, ""
	}
	return e.trust.admit(device, seq, h, changes)
}
