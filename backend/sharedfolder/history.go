package sharedfolder

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strconv"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/replica"
	"postdeck/backend/store"
)

// CodeDeviceRestored means this data folder is older than what its device
// id already wrote to the shared folder (it was restored from a backup or
// copied back): it carries on as a new device id, so it never writes over
// its own earlier segments, and sends what the folder lacks under that id.
const CodeDeviceRestored = "sync.device_restored"

// keyDeviceChange remembers the last time this install took a new device id,
// so the status can say so after the sync that did it.
const keyDeviceChange = "sync_device_change"

// Reasons a device took a new id.
const (
	ReasonRestored = "restored"
	ReasonCloned   = "cloned"
)

// DeviceChange says that this install continues under a new device id.
type DeviceChange struct {
	// Reason is ReasonRestored (the data folder is older than what its
	// device wrote) or ReasonCloned (another install uses the same id).
	Reason     string `json:"reason"`
	PreviousID string `json:"previousId"`
	DeviceID   string `json:"deviceId"`
	At         string `json:"at"`
}

// checkOwnHistory makes sure the folder holds nothing under this device's
// id that this data folder does not have, before anything new is written
// there. Segments after the last one this data folder recorded are adopted
// when they hold exactly its next changes (a crash between writing a
// segment and recording it, or a backup made in that moment); anything else
// of its own id it does not have (a segment with other changes, a newer
// snapshot, another device's ack beyond it) means the data folder was
// restored or copied back, and it carries on as a new device id.
func (e *Engine) checkOwnHistory(ctx context.Context, f FS, rep *Report) (renamed bool, err error) {
	me := e.rep.Device()
	seg, err := e.localInt(keySegmentSeq)
	if err != nil {
		return false, err
	}
	pushed, err := e.localInt(keyPushedSeq)
	if err != nil {
		return false, err
	}
	present, highest, err := segmentsIn(f, me)
	if err != nil {
		return false, apperr.New(CodeFolderMissing, "the shared folder cannot be read").WithCause(err)
	}
	if snap, err := e.latestSnapshot(f, me); err == nil {
		highest = max(highest, snap)
	}
	highest = max(highest, e.ackedByOthers(f, me))
	if highest <= seg {
		return false, nil
	}
	// Adopt the segments that hold exactly this data folder's next changes.
	adopted, sharedUpTo, adoptedUpTo := seg, pushed, pushed
	for next := seg + 1; present[next]; next++ {
		data, err := f.ReadFile(devicePath(me, "changes", SegmentName(next)), MaxSegmentBytes)
		if err != nil {
			if isLocked(err) {
				return false, writeError(err)
			}
			break
		}
		h, theirs, err := DecodeSegment(data)
		if err != nil || h.Device != me || h.Seq != next || h.Workspace != e.ws.ID() {
			break
		}
		mine, last, err := e.rep.LocalChanges(ctx, sharedUpTo, len(theirs))
		if err != nil {
			return false, err
		}
		same := 0
		for same < len(theirs) && same < len(mine) && sameChange(theirs[same], mine[same]) {
			same++
		}
		if same < len(theirs) {
			// The folder's segment goes on with changes this data folder
			// does not have. Those it has are shared under the old id.
			if same > 0 {
				_, sharedUpTo, err = e.rep.LocalChanges(ctx, sharedUpTo, same)
				if err != nil {
					return false, err
				}
			}
			break
		}
		adopted, sharedUpTo, adoptedUpTo = next, last, last
	}
	if adopted > seg {
		err := e.st.Tx(ctx, func(tx *store.Tx) error {
			if err := e.st.SetLocal(tx.DB, keyPushedSeq, strconv.FormatInt(adoptedUpTo, 10)); err != nil {
				return err
			}
			return e.st.SetLocal(tx.DB, keySegmentSeq, strconv.FormatInt(adopted, 10))
		})
		if err != nil {
			return false, err
		}
	}
	if highest <= adopted {
		return false, nil
	}
	return true, e.carryOnAsNewDevice(ctx, f, rep, ReasonRestored, sharedUpTo, adopted)
}

// carryOnAsNewDevice gives this install a new device id. Its changes after
// sharedUpTo, which the folder does not have under the old id, move to the
// new one and are sent under it; the old id's segments in the folder become
// another device's, read like any other (those up to ownSegments hold
// nothing new for this install).
func (e *Engine) carryOnAsNewDevice(ctx context.Context, f FS, rep *Report, reason string, sharedUpTo, ownSegments int64) error {
	old := e.rep.Device()
	fresh, err := e.rep.RenameDevice(ctx, sharedUpTo)
	if err != nil {
		return err
	}
	change, err := json.Marshal(DeviceChange{Reason: reason, PreviousID: old, DeviceID: fresh,
		At: e.now().UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	err = e.st.Tx(ctx, func(tx *store.Tx) error {
		for k, v := range map[string]string{keySegmentSeq: "0", keyPushedSeq: strconv.FormatInt(sharedUpTo, 10),
			keyDeviceChange: string(change)} {
			if err := e.st.SetLocal(tx.DB, k, v); err != nil {
				return err
			}
		}
		if ownSegments > 0 {
			return setCursor(tx.DB, old, ownSegments, e.now())
		}
		return nil
	})
	if err != nil {
		return err
	}
	code := CodeDeviceRestored
	if reason == ReasonCloned {
		code = CodeDeviceCloned
	}
	rep.Issues = append(rep.Issues, Issue{Code: code, Device: old, Detail: "now " + fresh})
	if err := f.MkdirAll(devicePath(fresh, "changes")); err != nil {
		return writeError(err)
	}
	return nil
}

// segmentsIn returns the sequence numbers of the segments the folder holds
// for device, and the highest of them. A device without a changes folder
// yet has none.
func segmentsIn(f FS, device string) (present map[int64]bool, highest int64, err error) {
	files, err := f.ReadDir(devicePath(device, "changes"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, 0, err
	}
	present = map[int64]bool{}
	for _, fi := range files {
		if seq, ok := ParseSegmentName(fi.Name()); ok {
			present[seq] = true
			highest = max(highest, seq)
		}
	}
	return present, highest, nil
}

// ackedByOthers returns how far the other devices say they applied device's
// segments: proof of segments that were written, even if they are gone.
func (e *Engine) ackedByOthers(f FS, device string) int64 {
	devices, err := f.ReadDir("devices")
	if err != nil {
		return 0
	}
	var most int64
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) || d.Name() == device {
			continue
		}
		var a AckFile
		if readJSON(f, devicePath(d.Name(), "ack.json"), &a) == nil {
			most = max(most, a.Applied[device])
		}
	}
	return most
}

// LastDeviceChange returns when and why this install last took a new device
// id (nil if it never did).
func (e *Engine) LastDeviceChange() (*DeviceChange, error) {
	v, err := e.st.Local(keyDeviceChange)
	if err != nil || v == "" {
		return nil, err
	}
	var c DeviceChange
	if json.Unmarshal([]byte(v), &c) != nil {
		return nil, nil
	}
	return &c, nil
}

// sameChange compares two changes field by field, values as JSON.
func sameChange(a, b replica.Change) bool {
	if a.Entity != b.Entity || a.RowID != b.RowID || a.Field != b.Field || a.Clock != b.Clock || a.Base != b.Base {
		return false
	}
	var x, y bytes.Buffer
	if json.Compact(&x, a.Value) != nil || json.Compact(&y, b.Value) != nil {
		return bytes.Equal(a.Value, b.Value)
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}
