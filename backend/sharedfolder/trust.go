package sharedfolder

import (
	"context"
	"encoding/json"
	"os"
	"strings"

	"gorm.io/gorm"

	"postdeck/backend/devicekey"
	"postdeck/backend/replica"
)

// TableDeviceConfirmations is the synced table of device confirmations.
const TableDeviceConfirmations = "device_confirmations"

// Entities are the synced tables this package writes.
var Entities = []replica.Entity{{Table: TableDeviceConfirmations, Fields: map[string]replica.Kind{
	"device_id": replica.Text, "member_id": replica.Text, "public_key": replica.Text, "state": replica.Text,
	"by_member": replica.Text, "by_device": replica.Text, "upto_seq": replica.Int, "at": replica.Int,
}}}

// States of a device confirmation row, and of a device in the list.
const (
	StateConfirmed = "confirmed"
	StateRefused   = "refused"
	StateRevoked   = "revoked"
	// StateWaiting is a device that asked to join and nobody confirmed yet.
	StateWaiting = "waiting"
)

// Reasons a device's segments wait, also i18n keys under sync.waiting.*.
const (
	ReasonNotConfirmed = "not_confirmed"
	ReasonBadSignature = "bad_signature"
	ReasonUnsigned     = "unsigned"
	ReasonOtherKey     = "other_key"
	ReasonRevokedAfter = "revoked"
	ReasonRefusedKey   = "refused"
)

// Error codes of device trust.
const (
	CodeDeviceWaiting     = "sync.device_waiting"
	CodeTrustChanged      = "sync.trust_changed"
	CodeDeviceUnknown     = "device.not_found"
	CodeDeviceDenied      = "device.permission_denied"
	CodeDeviceNotTrusted  = "device.not_confirmed"
	CodeDeviceSelf        = "device.self"
	CodeNotConfirmedAsMem = "device.not_confirmed_for_member"
)

// keyTrust is the trust record this device pinned the first time it saw
// the workspace's folder; a workspace.json changed later does not move it.
const keyTrust = "sync_trust"

// TrustRecord is the root of trust in workspace.json: the device that made
// the workspace (or first upgraded it to signed segments) and, for a
// workspace from before signatures, every device already in the folder
// with its member and the last segment it had written then.
type TrustRecord struct {
	Founder       string `json:"founder"`
	FounderKey    string `json:"founderKey"`
	FounderMember string `json:"founderMember"`
	// UpgradedAt is set when the workspace existed before signatures.
	UpgradedAt int64                   `json:"upgradedAt,omitempty"`
	Legacy     map[string]LegacyDevice `json:"legacy,omitempty"`
}

// LegacyDevice is a device that wrote to the folder before the upgrade: it
// keeps its member, and its unsigned segments up to Seq stay valid.
type LegacyDevice struct {
	Member string `json:"member"`
	Seq    int64  `json:"seq"`
}

// trustView is what every device derives from the trust record and the
// confirmation rows: which device may write for which member with which
// key. It is a fixed point over the set of rows, so every device that has
// the same rows reaches the same verdicts whatever order they came in.
type trustView struct {
	anchor  *TrustRecord
	open    bool
	members map[string]map[string]bool // device -> members it is confirmed for
	member  map[string]string          // device -> member of its newest confirmation
	keys    map[string]map[string]bool // device -> confirmed keys
	by      map[string]string          // device -> member who confirmed it last
	revoked map[string]int64           // device -> last accepted segment
	refused map[string]map[string]bool // device -> refused keys
}

type confirmationRow struct {
	ID        string
	DeviceID  string
	MemberID  string
	PublicKey string
	State     string
	ByMember  string
	ByDevice  string
	UptoSeq   int64
	At        int64
	Author    string
}

// loadTrust computes the trust view from the database.
func (e *Engine) loadTrust(ctx context.Context) (*trustView, error) {
	return e.loadTrustDB(ctx, e.st.DB())
}

// loadTrustDB is loadTrust read through db, so the permission check inside
// an apply transaction sees the confirmation rows that transaction holds.
func (e *Engine) loadTrustDB(ctx context.Context, db *gorm.DB) (*trustView, error) {
	t := &trustView{open: e.TrustNewDevices, members: map[string]map[string]bool{}, member: map[string]string{},
		keys: map[string]map[string]bool{}, by: map[string]string{}, revoked: map[string]int64{},
		refused: map[string]map[string]bool{}}
	anchor, err := e.pinnedTrust()
	if err != nil {
		return nil, err
	}
	t.anchor = anchor
	if anchor != nil {
		t.addMember(anchor.Founder, anchor.FounderMember)
		t.addKey(anchor.Founder, anchor.FounderKey)
		for d, l := range anchor.Legacy {
			t.addMember(d, l.Member)
		}
	}
	var rows []confirmationRow
	// The author is whoever wrote the state: a row claiming another
	// device made it does not count.
	if err := db.WithContext(ctx).Raw(`SELECT r.id, r.device_id, r.member_id, r.public_key, r.state,
		r.by_member, r.by_device, r.upto_seq, r.at, COALESCE(fc.device, '') AS author
		FROM device_confirmations r LEFT JOIN field_clocks fc ON fc.entity = ? AND fc.row_id = r.id AND fc.field = 'state'
		WHERE r.deleted_at IS NULL ORDER BY r.at, r.id`, TableDeviceConfirmations).Scan(&rows).Error; err != nil {
		return nil, err
	}
	manages := map[string]bool{}
	canManage := func(member string) bool {
		if v, ok := manages[member]; ok {
			return v
		}
		ok := false
		if e.CanManageTeam != nil && member != "" {
			ok, _ = e.CanManageTeam(ctx, member)
		}
		manages[member] = ok
		return ok
	}
	// A founder that had not said who it is when it made the workspace
	// (set up from the command line, say) is its owner, as a device with no
	// identity yet may set up the team.
	openFounder := anchor != nil && anchor.FounderMember == ""
	valid := func(r confirmationRow, forMember string) bool {
		if openFounder && r.ByDevice == anchor.Founder && r.Author == r.ByDevice {
			return true // the workspace's maker, before anyone has roles
		}
		author := t.members[r.ByDevice][r.ByMember] || (openFounder && r.ByDevice == anchor.Founder)
		return r.Author == r.ByDevice && author && (r.ByMember == forMember || canManage(r.ByMember))
	}
	used := make([]bool, len(rows))
	for changed := true; changed; {
		changed = false
		for i, r := range rows {
			if used[i] || r.State != StateConfirmed || !valid(r, r.MemberID) {
				continue
			}
			used[i], changed = true, true
			t.addMember(r.DeviceID, r.MemberID)
			t.addKey(r.DeviceID, r.PublicKey)
			t.member[r.DeviceID] = r.MemberID
			t.by[r.DeviceID] = r.ByMember
		}
	}
	for _, r := range rows {
		switch {
		case r.State == StateRevoked && valid(r, t.member[r.DeviceID]):
			if old, ok := t.revoked[r.DeviceID]; !ok || r.UptoSeq < old {
				t.revoked[r.DeviceID] = r.UptoSeq
			}
		case r.State == StateRefused && valid(r, r.MemberID):
			if t.refused[r.DeviceID] == nil {
				t.refused[r.DeviceID] = map[string]bool{}
			}
			t.refused[r.DeviceID][r.PublicKey] = true
		}
	}
	return t, nil
}

func (t *trustView) addMember(device, member string) {
	if t.members[device] == nil {
		t.members[device] = map[string]bool{}
	}
	t.members[device][member] = true
	if _, ok := t.member[device]; !ok {
		t.member[device] = member
	}
}

func (t *trustView) addKey(device, key string) {
	if key == "" {
		return
	}
	if t.keys[device] == nil {
		t.keys[device] = map[string]bool{}
	}
	t.keys[device][key] = true
}

// confirmed reports whether device may write with key.
func (t *trustView) confirmed(device, key string) bool {
	_, revoked := t.revoked[device]
	return t.keys[device][key] && !revoked
}

// admit decides whether segment seq of device, with header h, is applied;
// when not, it says why. changes are the segment's changes (nil for a
// header read alone).
func (t *trustView) admit(device string, seq int64, h SegmentHeader, changes []replica.Change) (bool, string) {
	if upto, ok := t.revoked[device]; ok && seq > upto {
		return false, ReasonRevokedAfter
	}
	var legacy *LegacyDevice
	if t.anchor != nil {
		if l, ok := t.anchor.Legacy[device]; ok {
			legacy = &l
		}
	}
	if !h.Signed {
		// Before the upgrade nobody signed. A device that has not upgraded
		// yet (no key of its own confirmed) may still be catching up.
		if legacy != nil && (seq <= legacy.Seq || len(t.keys[device]) == 0) {
			return true, ""
		}
		if t.open {
			return true, ""
		}
		return false, ReasonUnsigned
	}
	if t.keys[device][h.Key] || t.open {
		return true, ""
	}
	// A device from before the upgrade introduces its key itself, once,
	// in its first signed segment.
	if legacy != nil && len(t.keys[device]) == 0 && introducesKey(changes, device, h.Key) {
		return true, ""
	}
	if t.refused[device][h.Key] {
		return false, ReasonRefusedKey
	}
	if len(t.keys[device]) > 0 {
		return false, ReasonOtherKey
	}
	return false, ReasonNotConfirmed
}

// introducesKey reports whether changes confirm device's own key.
func introducesKey(changes []replica.Change, device, key string) bool {
	want, _ := json.Marshal(key)
	for _, c := range changes {
		if c.Entity == TableDeviceConfirmations && c.Field == "public_key" && string(c.Value) == string(want) &&
			c.Clock.Device == device {
			return true
		}
	}
	return false
}

// touchesTrust reports whether changes hold confirmation rows, after which
// segments that waited may be admitted.
func touchesTrust(changes []replica.Change) bool {
	for _, c := range changes {
		if c.Entity == TableDeviceConfirmations {
			return true
		}
	}
	return false
}

// pinnedTrust returns the trust record this device pinned, nil if none.
func (e *Engine) pinnedTrust() (*TrustRecord, error) {
	v, err := e.st.Local(keyTrust)
	if err != nil || v == "" {
		return nil, err
	}
	var t TrustRecord
	if err := json.Unmarshal([]byte(v), &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Keys returns this device's keys, made the first time they are needed
// and again when the device id changes.
func (e *Engine) Keys() (*devicekey.Keys, error) {
	e.keyMu.Lock()
	defer e.keyMu.Unlock()
	if e.keys != nil && e.keys.Device == e.rep.Device() {
		return e.keys, nil
	}
	k, err := devicekey.LoadOrCreate(e.dataDir, e.rep.Device())
	if err != nil {
		return nil, err
	}
	e.keys = k
	return k, nil
}

// ensureTrust makes sure the folder has a root of trust and this device has
// pinned it. A folder without one is either new (this device founds it) or
// from before signatures: this device records every device already there
// as confirmed for its member, up to the segment it had written, and
// becomes the founder. Then a device from before the upgrade confirms its own key.
func (e *Engine) ensureTrust(ctx context.Context, f FS, wf *WorkspaceFile, rep *Report) error {
	pinned, err := e.pinnedTrust()
	if err != nil {
		return err
	}
	keys, err := e.Keys()
	if err != nil {
		return err
	}
	me := e.rep.Device()
	switch {
	case wf.Trust == nil && pinned == nil:
		member, _ := e.st.Local("me")
		t := &TrustRecord{Founder: me, FounderKey: keys.Public(), FounderMember: member}
		if legacy := e.legacyDevices(f); len(legacy) > 0 {
			t.Legacy, t.UpgradedAt = legacy, e.now().UnixMilli()
			if l, ok := legacy[me]; ok {
				t.FounderMember = l.Member
			}
		}
		wf.Trust, wf.Format = t, max(wf.Format, FormatVersion)
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return writeError(err)
		}
		pinned = t
	case wf.Trust == nil:
		// The file was written again without it (republished after the
		// folder was emptied): put the pinned record back.
		wf.Trust, wf.Format = pinned, max(wf.Format, FormatVersion)
		if err := writeJSON(f, "workspace.json", wf); err != nil {
			return writeError(err)
		}
	case pinned == nil:
		pinned = wf.Trust
	default:
		a, _ := json.Marshal(pinned)
		b, _ := json.Marshal(wf.Trust)
		if string(a) != string(b) {
			rep.Issues = append(rep.Issues, Issue{Code: CodeTrustChanged, File: "workspace.json"})
		}
	}
	raw, _ := json.Marshal(pinned)
	if err := e.st.SetLocal(e.st.DB(), keyTrust, string(raw)); err != nil {
		return err
	}
	return e.confirmSelf(ctx, pinned, keys)
}

// legacyDevices lists the devices in a folder from before signatures, each
// with its member and the newest segment it had written.
func (e *Engine) legacyDevices(f FS) map[string]LegacyDevice {
	out := map[string]LegacyDevice{}
	entries, _ := f.ReadDir("devices")
	for _, d := range entries {
		if !d.IsDir() || !deviceDirRe.MatchString(d.Name()) {
			continue
		}
		var dev DeviceFile
		_ = readJSON(f, devicePath(d.Name(), "device.json"), &dev)
		var seq int64
		files, _ := f.ReadDir(devicePath(d.Name(), "changes"))
		for _, fi := range files {
			if s, ok := ParseSegmentName(fi.Name()); ok {
				seq = max(seq, s)
			}
		}
		if snap, err := e.latestSnapshot(f, d.Name()); err == nil {
			seq = max(seq, snap)
		}
		if seq == 0 && dev.MemberID == "" {
			continue
		}
		out[d.Name()] = LegacyDevice{Member: dev.MemberID, Seq: seq}
	}
	if me := e.rep.Device(); out[me] == (LegacyDevice{}) {
		if seg, _ := e.localInt(keySegmentSeq); seg > 0 {
			member, _ := e.st.Local("me")
			out[me] = LegacyDevice{Member: member, Seq: seg}
		}
	}
	return out
}

// confirmSelf writes an upgraded device's confirmation of its own key, once,
// so it travels in its first signed segment.
func (e *Engine) confirmSelf(ctx context.Context, t *TrustRecord, keys *devicekey.Keys) error {
	me := e.rep.Device()
	// The founder's key is in the trust record already.
	l, ok := t.Legacy[me]
	if t.Founder == me || !ok {
		return nil
	}
	member := l.Member
	var n int64
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT COUNT(*) FROM device_confirmations WHERE device_id = ?
		AND public_key = ? AND by_device = ? AND deleted_at IS NULL`, me, keys.Public(), me).Scan(&n).Error; err != nil || n > 0 {
		return err
	}
	return e.rep.Write(ctx, func(w *replica.Writer) error {
		_, err := w.Insert(TableDeviceConfirmations, map[string]any{"device_id": me, "member_id": member,
			"public_key": keys.Public(), "state": StateConfirmed, "by_member": member, "by_device": me,
			"at": e.now().UnixMilli()})
		return err
	})
}

// deviceName is how this computer is called to teammates asked to confirm it.
func deviceName() string {
	return strings.TrimSpace(hostName())
}

// hostName is the computer's name; tests give it one they can look for.
var hostName = func() string { h, _ := os.Hostname(); return h }

// waitingChanges counts the changes of device's segments from seq on that
// wait for reason ("" : none), and reports the wait as an issue. The count
// goes into the device list with the device's other details, in one write.
func (e *Engine) waitingChanges(f FS, device string, seq int64, reason string, rep *Report) int64 {
	waiting := int64(0)
	if reason == "" {
		return 0
	}
	for s := seq; ; s++ {
		data, err := f.ReadPrefix(devicePath(device, "changes", SegmentName(s)), 64<<10)
		if err != nil {
			break
		}
		var h SegmentHeader
		line, _, ok := cutLine(data)
		if !ok || json.Unmarshal(line, &h) != nil {
			break
		}
		waiting += int64(h.Count)
	}
	rep.Issues = append(rep.Issues, Issue{Code: CodeDeviceWaiting, Device: device, File: SegmentName(seq), Detail: reason})
	return waiting
}

// admitSnapshot reports whether a snapshot of device may be applied: it
// speaks for everything its author had applied, so only a device trusted to
// write, with the key it signed with, can give one. A header read alone has
// no verified signature yet; applySnapshot checks it before applying.
func (e *Engine) admitSnapshot(device string, h SegmentHeader) bool {
	if e.trust == nil {
		return true
	}
	if h.Key != "" {
		h.Signed = true
	}
	ok, _ := e.trust.admit(device, h.Seq, h, nil)
	return ok
}
