package sharedfolder

import (
	"context"
	"sort"
	"time"

	"postdeck/backend/apperr"
	"postdeck/backend/devicekey"
	"postdeck/backend/replica"
)

// Device is one device of the workspace as 'device list' and the Sync page
// show it.
type Device struct {
	DeviceID    string `json:"id"`
	Name        string `json:"name"`
	Member      string `json:"member"`
	Fingerprint string `json:"fingerprint"`
	// State is confirmed, waiting (asks to join), refused or revoked.
	State       string `json:"state"`
	ConfirmedBy string `json:"confirmedBy"`
	LastSeen    string `json:"lastSeen"`
	// Waiting is how many of its changes are not applied, and why.
	Waiting       int64  `json:"waiting"`
	WaitingReason string `json:"waitingReason"`
	This          bool   `json:"this"`
}

// Devices lists every device known from the folder, and this one.
func (e *Engine) Devices(ctx context.Context) ([]Device, error) {
	t, err := e.loadTrust(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Device, MemberID, DisplayName, PublicKey, WaitingReason, WaitingKey string
		SeenAt, WaitingChanges                                              int64
	}
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT device, member_id, display_name, public_key, waiting_reason,
		waiting_key, seen_at, waiting_changes FROM sync_devices`).Scan(&rows).Error; err != nil {
		return nil, err
	}
	keys, err := e.Keys()
	if err != nil {
		return nil, err
	}
	me := e.rep.Device()
	myMember, _ := e.st.Local("me")
	out := []Device{{DeviceID: me, Name: deviceName(), Member: myMember, Fingerprint: devicekey.Fingerprint(keys.Public()),
		State: t.state(me, keys.Public()), ConfirmedBy: t.by[me], This: true}}
	if m, ok := t.member[me]; ok && m != "" {
		out[0].Member = m
	}
	for _, r := range rows {
		if r.Device == me {
			continue
		}
		// The key that matters is the one its waiting segments are signed
		// with; with nothing waiting, a confirmed key it has (device.json
		// may already name a newer one, from a restored data folder that
		// then carried on under a new id).
		key := r.PublicKey
		if r.WaitingKey != "" {
			key = r.WaitingKey
		} else if !t.keys[r.Device][key] {
			for k := range t.keys[r.Device] {
				key = k
				break
			}
		}
		d := Device{DeviceID: r.Device, Name: r.DisplayName, Member: r.MemberID, Fingerprint: devicekey.Fingerprint(key),
			State: t.state(r.Device, key), ConfirmedBy: t.by[r.Device], Waiting: r.WaitingChanges,
			WaitingReason: r.WaitingReason}
		if r.SeenAt > 0 {
			d.LastSeen = time.UnixMilli(r.SeenAt).UTC().Format(time.RFC3339)
		}
		if m, ok := t.member[r.Device]; ok && d.State != StateWaiting && d.State != StateRefused {
			d.Member = m
		}
		out = append(out, d)
	}
	sort.SliceStable(out[1:], func(i, j int) bool { return out[i+1].DeviceID < out[j+1].DeviceID })
	return out, nil
}

// state is a device's place in the trust view.
func (t *trustView) state(device, key string) string {
	switch {
	case t.revoked[device] > 0 || hasKey(t.revoked, device):
		return StateRevoked
	case t.keys[device][key]:
		return StateConfirmed
	case t.anchor != nil && t.anchor.Legacy[device] != (LegacyDevice{}) && len(t.keys[device]) == 0:
		return StateConfirmed
	case t.refused[device][key]:
		return StateRefused
	}
	return StateWaiting
}

func hasKey(m map[string]int64, k string) bool { _, ok := m[k]; return ok }

// ConfirmDevice lets device write for the member it asked to join as, with
// the key it published. It takes a confirmed device, and a member who
// manages the team or is that member.
func (e *Engine) ConfirmDevice(ctx context.Context, device string) (Device, error) {
	if err := e.checkJoinsAs(ctx, device); err != nil {
		return Device{}, err
	}
	return e.decide(ctx, device, StateConfirmed)
}

// RefuseDevice says no to a device that asked to join: its changes keep
// waiting and are never applied.
func (e *Engine) RefuseDevice(ctx context.Context, device string) (Device, error) {
	return e.decide(ctx, device, StateRefused)
}

// RevokeDevice stops accepting a device's changes (a lost laptop) after the
// last of its segments this device has applied; every device draws the line
// at the same segment.
func (e *Engine) RevokeDevice(ctx context.Context, device string) (Device, error) {
	return e.decide(ctx, device, StateRevoked)
}

func (e *Engine) decide(ctx context.Context, device, state string) (Device, error) {
	me := e.rep.Device()
	if device == me {
		return Device{}, apperr.New(CodeDeviceSelf, "this is the computer you are using").With("id", device)
	}
	var rows []struct {
		MemberID, PublicKey, WaitingKey string
	}
	if err := e.st.DB().WithContext(ctx).Raw(`SELECT member_id, public_key, waiting_key FROM sync_devices WHERE device = ?`,
		device).Scan(&rows).Error; err != nil {
		return Device{}, err
	}
	// A computer from before the upgrade that has not published a key yet
	// can still be revoked.
	if len(rows) == 0 || (rows[0].PublicKey == "" && state != StateRevoked) {
		return Device{}, apperr.New(CodeDeviceUnknown, "no such device in the shared folder").With("id", device)
	}
	t, err := e.loadTrust(ctx)
	if err != nil {
		return Device{}, err
	}
	keys, err := e.Keys()
	if err != nil {
		return Device{}, err
	}
	actor := t.member[me]
	if t.anchor != nil && t.anchor.Founder == me && t.anchor.FounderMember == "" {
		actor, _ = e.st.Local("me")
	}
	if !t.confirmed(me, keys.Public()) && !(t.anchor != nil && t.anchor.Founder == me) {
		return Device{}, apperr.New(CodeDeviceNotTrusted, "this computer is not confirmed yet, so it cannot confirm others")
	}
	// Confirm the key its waiting segments are signed with: that is the
	// fingerprint the list showed.
	member, key := rows[0].MemberID, rows[0].PublicKey
	if rows[0].WaitingKey != "" {
		key = rows[0].WaitingKey
	}
	if state == StateRevoked {
		if m, ok := t.member[device]; ok {
			member = m
		}
	}
	can := false
	if e.CanManageTeam != nil && actor != "" {
		can, _ = e.CanManageTeam(ctx, actor)
	}
	openFounder := t.anchor != nil && t.anchor.Founder == me && t.anchor.FounderMember == ""
	if !can && !openFounder && (actor == "" || actor != member) {
		return Device{}, apperr.New(CodeDeviceDenied, "only someone who manages the team, or the same member, may do this").
			With("permission", "manage_team")
	}
	upto, err := e.cursor(device)
	if err != nil {
		return Device{}, err
	}
	if state != StateRevoked {
		upto = 0
	}
	err = e.rep.Write(ctx, func(w *replica.Writer) error {
		_, err := w.Insert(TableDeviceConfirmations, map[string]any{"device_id": device, "member_id": member,
			"public_key": key, "state": state, "by_member": actor, "by_device": me, "upto_seq": upto,
			"at": e.now().UnixMilli()})
		return err
	})
	if err != nil {
		return Device{}, err
	}
	list, err := e.Devices(ctx)
	if err != nil {
		return Device{}, err
	}
	for _, d := range list {
		if d.DeviceID == device {
			return d, nil
		}
	}
	return Device{}, nil
}

// CheckMember refuses to let this device act as member when it is confirmed
// for other members only: switching takes that member's confirmation. A
// device not shared yet, or not confirmed for anyone yet (it is asking to
// join as member), may pick.
func (e *Engine) CheckMember(ctx context.Context, member string) error {
	t, err := e.loadTrust(ctx)
	if err != nil || t.anchor == nil {
		return err
	}
	me := e.rep.Device()
	if t.members[me][member] || (t.anchor.Founder == me && t.anchor.FounderMember == "") {
		return nil
	}
	for m := range t.members[me] {
		if m != "" {
			return apperr.New(CodeNotConfirmedAsMem, "this computer is not confirmed for that member: "+
				"ask them, or someone who manages the team, to confirm it on the Sync page").With("member", member)
		}
	}
	return nil
}

// ConfirmedMember returns the member a device is confirmed to write for
// (its newest valid confirmation, the founder's or the upgrade record's
// member), and false for a device nobody confirmed. Checks of an arriving
// change's permission go through the author device's member this way.
func (e *Engine) ConfirmedMember(ctx context.Context, device string) (string, bool, error) {
	t, err := e.loadTrust(ctx)
	if err != nil {
		return "", false, err
	}
	m, ok := t.member[device]
	return m, ok, nil
}
