package sharedfolder

import (
	"context"
	"maps"

	"gorm.io/gorm"
)

// Members returns the member each device's changes are judged as (it
// implements team.Authors): the member the device is confirmed for (its
// newest valid confirmation, or the founder's and the upgrade record's
// member), never what a device merely says of itself. A confirmed
// copywriter's computer that edits its own database to claim the manager
// still has its approvals judged as the copywriter's, on every device, its
// own included.
//
// What a device says of itself (device.json, kept in sync_devices) counts
// only where no device needs a confirmation: a workspace not shared through
// a signed folder yet, a folder opened with TrustNewDevices (tests of sync
// mechanics), and the founder of a workspace made before anyone had said
// who they are, which may pick any member (CheckMember).
func (e *Engine) Members(db *gorm.DB) (map[string]string, error) {
	t, err := e.loadTrustDB(context.Background(), db)
	if err != nil {
		return nil, err
	}
	claims, err := e.claims(db)
	if err != nil {
		return nil, err
	}
	if t.anchor == nil {
		return claims, nil
	}
	out := make(map[string]string, len(t.member)+len(claims))
	if t.open {
		maps.Copy(out, claims)
	}
	maps.Copy(out, t.member)
	if t.anchor.FounderMember == "" {
		if _, confirmed := t.member[t.anchor.Founder]; !confirmed || out[t.anchor.Founder] == "" {
			out[t.anchor.Founder] = claims[t.anchor.Founder]
		}
	}
	return out, nil
}

// claims reads the member every device says it writes for: the others'
// from their device.json, this device's from its own setting.
func (e *Engine) claims(db *gorm.DB) (map[string]string, error) {
	var rows []struct{ Device, MemberID string }
	if err := db.Raw(`SELECT device, member_id FROM sync_devices`).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows)+1)
	for _, r := range rows {
		out[r.Device] = r.MemberID
	}
	var me []string
	if err := db.Raw(`SELECT value FROM local_settings WHERE key = 'me'`).Scan(&me).Error; err != nil {
		return nil, err
	}
	if len(me) == 1 {
		out[e.rep.Device()] = me[0]
	}
	return out, nil
}
