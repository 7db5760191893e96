package sharedfolder

import (
	"context"
	"strconv"
	"time"
)

const keyLastSync = "sync_last_at"

// DeviceStatus is one teammate's device as seen in the shared folder.
type DeviceStatus struct {
	DeviceID string `json:"deviceId"`
	MemberID string `json:"memberId"`
	// Applied is how many of its segments this device has applied.
	Applied int64 `json:"applied"`
	// Published is the newest segment it has in the folder.
	Published int64  `json:"published"`
	SeenAt    string `json:"seenAt"`
}

// Status is the state of sync for the window and 'postdeck sync status'.
type Status struct {
	Enabled  bool   `json:"enabled"`
	Folder   string `json:"folder"`
	LastSync string `json:"lastSync"`
	// Outgoing is how many local changes are not in the shared folder yet.
	Outgoing int64 `json:"outgoing"`
	// Incoming is how many segments of other devices wait to be applied.
	Incoming    int64          `json:"incoming"`
	Devices     []DeviceStatus `json:"devices"`
	Conflicts   int            `json:"conflicts"`
	Quarantined int64          `json:"quarantined"`
	// Refused lists teammates' changes this device did not apply because
	// the author's member lacked the permission they need (docs/SECURITY.md).
	Refused     []RefusedChange `json:"refused"`
	DeviceID    string          `json:"deviceId"`
	WorkspaceID string          `json:"workspaceId"`
	// DeviceChange says when and why this install last continued under a
	// new device id (restored or copied data folder, cloned disk); nil if never.
	DeviceChange *DeviceChange `json:"deviceChange"`
	// Waiting lists the computers whose changes are not applied: nobody
	// confirmed them, a signature does not verify, or they were revoked.
	Waiting []Device `json:"waiting"`
	// Agreement says which devices that applied the same changes have the
	// same synced state as this one.
	Agreement Agreement `json:"agreement"`
	// Encryption says whether the shared folder is end-to-end encrypted,
	// with which key, who holds it, and why this computer waits for it.
	Encryption EncryptionStatus `json:"encryption"`
}

// RefusedChange is a teammate's change that was refused: which device and
// member wrote it, what it changed, and why.
type RefusedChange struct {
	Device string `json:"device"`
	Member string `json:"member"`
	Table  string `json:"table"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	// Reason is permission_missing (the member's roles lacked Permission at
	// the change's clock) or no_member (the device writes for no member).
	Reason     string `json:"reason"`
	Permission string `json:"permission"`
	// At is when the author made the change (RFC 3339, UTC).
	At string `json:"at"`
}

// Status reports what sync has done and what waits, from the database alone
// (it does not touch the shared folder).
func (e *Engine) Status(ctx context.Context) (Status, error) {
	s := Status{DeviceID: e.rep.Device(), WorkspaceID: e.ws.ID(), Devices: []DeviceStatus{}, Refused: []RefusedChange{}}
	var err error
	if s.Folder, err = e.Folder(); err != nil {
		return s, err
	}
	s.Enabled = s.Folder != ""
	if s.DeviceChange, err = e.LastDeviceChange(); err != nil {
		return s, err
	}
	if last, _ := e.localInt(keyLastSync); last > 0 {
		s.LastSync = time.UnixMilli(last).UTC().Format(time.RFC3339)
	}
	pushed, err := e.localInt(keyPushedSeq)
	if err != nil {
		return s, err
	}
	if err := e.st.DB().WithContext(ctx).Raw("SELECT COUNT(*) FROM changes WHERE device = ? AND seq > ?",
		e.rep.Device(), pushed).Scan(&s.Outgoing).Error; err != nil {
		return s, err
	}
	var rows []struct {
		Device   string
		MemberID string
		LastSeq  int64
		SeenAt   int64
		Seq      *int64
	}
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT d.device, d.member_id, d.last_seq, d.seen_at, c.seq
		FROM sync_devices d LEFT JOIN sync_cursors c ON c.device = d.device ORDER BY d.device`).Scan(&rows).Error; err != nil {
		return s, err
	}
	for _, r := range rows {
		applied := int64(0)
		if r.Seq != nil {
			applied = *r.Seq
		}
		s.Devices = append(s.Devices, DeviceStatus{DeviceID: r.Device, MemberID: r.MemberID, Applied: applied,
			Published: r.LastSeq, SeenAt: time.UnixMilli(r.SeenAt).UTC().Format(time.RFC3339)})
		if r.LastSeq > applied {
			s.Incoming += r.LastSeq - applied
		}
	}
	conflicts, err := e.rep.Conflicts(ctx)
	if err != nil {
		return s, err
	}
	s.Conflicts = len(conflicts)
	refused, err := e.rep.Refused(ctx)
	if err != nil {
		return s, err
	}
	for _, r := range refused {
		s.Refused = append(s.Refused, RefusedChange{Device: r.Device, Member: r.Member, Table: r.Table, ID: r.RowID,
			Field: r.Field, Reason: r.Reason, Permission: r.Permission, At: time.UnixMilli(r.At).UTC().Format(time.RFC3339)})
	}
	if s.Quarantined, err = e.rep.Quarantined(ctx); err != nil {
		return s, err
	}
	devices, err := e.Devices(ctx)
	if err != nil {
		return s, err
	}
	s.Waiting = []Device{}
	for _, d := range devices {
		if !d.This && (d.Waiting > 0 || d.State == StateWaiting) {
			s.Waiting = append(s.Waiting, d)
		}
	}
	if s.Encryption, err = e.Encryption(); err != nil {
		return s, err
	}
	s.Agreement, err = e.Agreement(ctx)
	return s, err
}

func (e *Engine) markSynced() error {
	return e.st.SetLocal(e.st.DB(), keyLastSync, strconv.FormatInt(e.now().UnixMilli(), 10))
}
