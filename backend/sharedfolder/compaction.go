package sharedfolder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
)

// SnapshotEvery is how many segments a device writes between snapshots
// (a variable so tests can compact sooner).
var SnapshotEvery int64 = 50

var snapshotRe = regexp.MustCompile(`^snapshot-([0-9]{12})\.seg$`)

// AckFile is devices/<id>/ack.json: how far this device has applied every
// other device's segments. A device deletes its own old segments only when
// every device it knows has applied them.
type AckFile struct {
	Format  int              `json:"format"`
	Device  string           `json:"device"`
	Applied map[string]int64 `json:"applied"`
	// Published is this device's own newest segment, so a joining device
	// can tell a folder whose history was deleted from a new, empty one.
	Published int64 `json:"published,omitempty"`
	// State is the hash of this device's synced state at the vector it
	// names, so devices can tell they agree (nil while not comparable).
	State *PublishedState `json:"state,omitempty"`
}

func snapshotName(seq int64) string { return fmt.Sprintf("snapshot-%012d.seg", seq) }

// vector returns how far this device has applied each device's segments,
// its own included.
func (e *Engine) vector() (map[string]int64, error) {
	var rows []struct {
		Device string
		Seq    int64
	}
	if err := e.st.DB().Raw("SELECT device, seq FROM sync_cursors").Scan(&rows).Error; err != nil {
		return nil, err
	}
	v := map[string]int64{}
	for _, r := range rows {
		v[r.Device] = r.Seq
	}
	own, err := e.localInt(keySegmentSeq)
	if err != nil {
		return nil, err
	}
	v[e.rep.Device()] = own
	return v, nil
}

// compact publishes this device's ack, writes a snapshot now and then, and
// deletes own segments that every known device has applied and that the
// newest snapshot covers. It only ever touches this device's own folder.
func (e *Engine) compact(ctx context.Context, f FS) error {
	me := e.rep.Device()
	vec, err := e.vector()
	if err != nil {
		return err
	}
	ack := AckFile{Format: FormatVersion, Device: me, Applied: map[string]int64{}, Published: vec[me]}
	for d, seq := range vec {
		if d != me {
			ack.Applied[d] = seq
		}
	}
	if ack.State, err = e.ownState(ctx, vec); err != nil {
		return err
	}
	var old AckFile
	if err := readJSON(f, devicePath(me, "ack.json"), &old); err != nil || !sameVector(old.Applied, ack.Applied) || old.Published != ack.Published ||
		!sameState(old.State, ack.State) {
		if err := writeJSON(f, devicePath(me, "ack.json"), ack); err != nil {
			return writeError(err)
		}
	}
	// Every other device's ack, read once: for the agreement and for what
	// may be compacted.
	acks := map[string]*AckFile{}
	devices, dirErr := f.ReadDir("devices")
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) || d.Name() == me {
			continue
		}
		var a AckFile
		if readJSON(f, devicePath(d.Name(), "ack.json"), &a) == nil {
			acks[d.Name()] = &a
		} else {
			acks[d.Name()] = nil
		}
	}
	if err := e.readPeerStates(ctx, f, ack.State, acks); err != nil {
		return err
	}
	own := vec[me]
	snap, err := e.latestSnapshot(f, me)
	if err != nil {
		return err
	}
	if own-snap >= SnapshotEvery {
		if err := e.writeSnapshot(ctx, f, vec); err != nil {
			return err
		}
		if snap > 0 {
			_ = f.Remove(devicePath(me, snapshotName(snap)))
		}
		snap = own
	}
	// Segments up to this seq are applied everywhere and in the snapshot.
	upTo := snap
	if dirErr != nil {
		return nil
	}
	for _, a := range acks {
		if a == nil {
			return nil // a device that has not said what it applied keeps everything
		}
		upTo = min(upTo, a.Applied[me])
	}
	files, err := f.ReadDir(devicePath(me, "changes"))
	if err != nil {
		return nil
	}
	for _, fi := range files {
		if seq, ok := ParseSegmentName(fi.Name()); ok && seq <= upTo {
			if err := f.Remove(devicePath(me, "changes", fi.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				if isLocked(err) {
					continue // held by a syncer: the next run deletes it
				}
				return writeError(err)
			}
		}
	}
	return nil
}

func sameVector(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// latestSnapshot returns the seq of a device's newest snapshot (0: none).
func (e *Engine) latestSnapshot(f FS, device string) (int64, error) {
	entries, err := f.ReadDir(devicePath(device))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var best int64
	for _, en := range entries {
		if m := snapshotRe.FindStringSubmatch(en.Name()); m != nil {
			if n, err := strconv.ParseInt(m[1], 10, 64); err == nil && n > best {
				best = n
			}
		}
	}
	return best, nil
}

// writeSnapshot writes every current value and every open conflict's losing
// value, with the vector saying what they include.
func (e *Engine) writeSnapshot(ctx context.Context, f FS, vec map[string]int64) error {
	changes, err := e.rep.Heads(ctx)
	if err != nil {
		return err
	}
	me := e.rep.Device()
	keys, err := e.Keys()
	if err != nil {
		return err
	}
	data, err := EncodeSignedSegment(SegmentHeader{Format: FormatVersion, Workspace: e.ws.ID(), Device: me,
		Seq: vec[me], Snapshot: true, Vector: vec}, changes, keys)
	if err != nil {
		return err
	}
	if err := f.WriteFileAtomic(devicePath(me, snapshotName(vec[me])), data); err != nil {
		return writeError(err)
	}
	return nil
}

// bootstrap starts a device that has applied nothing yet from the most
// complete snapshot in the folder, instead of replaying every segment; with
// force it also catches up a device whose next segments were compacted away
// (one restored from an old backup). It applies the snapshot and moves the
// cursors forward in one transaction.
func (e *Engine) bootstrap(ctx context.Context, f FS, rep *Report, force bool) error {
	var n int64
	if err := e.st.DB().Raw("SELECT COUNT(*) FROM sync_cursors").Scan(&n).Error; err != nil || (n > 0 && !force) {
		return err
	}
	devices, err := f.ReadDir("devices")
	if err != nil {
		return nil
	}
	me := e.rep.Device()
	var bestName string
	var bestTotal int64 = -1
	for _, d := range devices {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) || d.Name() == me {
			continue
		}
		seq, err := e.latestSnapshot(f, d.Name())
		if err != nil || seq == 0 {
			continue
		}
		name := devicePath(d.Name(), snapshotName(seq))
		// Pick by the vector's sum: the snapshot that includes the most.
		var h SegmentHeader
		// Only the header line is needed to choose; the file may be large.
		if data, err := f.ReadPrefix(name, 64<<10); err == nil {
			// A snapshot of a device this one may not trust is no start.
			if line, _, ok := cutLine(data); ok && json.Unmarshal(line, &h) == nil && e.admitSnapshot(d.Name(), h) {
				var total int64
				for _, v := range h.Vector {
					total += v
				}
				if total > bestTotal {
					bestName, bestTotal = name, total
				}
			}
		}
	}
	if bestName == "" {
		return nil
	}
	_, err = e.applySnapshot(ctx, f, bestName, rep)
	return err
}

func cutLine(data []byte) ([]byte, []byte, bool) {
	for i, b := range data {
		if b == '\n' {
			return data[:i], data[i+1:], true
		}
	}
	return nil, nil, false
}
