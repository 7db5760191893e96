package replica

import (
	"context"
	"encoding/json"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"postdeck/backend/store"
)

// RenameDevice gives this install a new device id, for when another install
// turned out to use the same one (a cloned disk or a copied data folder).
// Changes after seq, which no other device has seen yet, move to the new id
// so they are sent under it; what was already shared keeps the old id.
func (r *Replica) RenameDevice(ctx context.Context, sharedUpTo int64) (string, error) {
	r.devMu.Lock()
	defer r.devMu.Unlock()
	old, fresh := r.device, uuid.NewString()
	err := r.st.Tx(ctx, func(tx *store.Tx) error {
		if err := renameInTombstones(tx.DB, old, fresh, sharedUpTo); err != nil {
			return err
		}
		steps := []struct {
			q    string
			args []any
		}{
			// Clocks and bases that point at the moved changes move with them.
			{`UPDATE field_clocks SET device = ? WHERE device = ? AND EXISTS (SELECT 1 FROM changes c
				WHERE c.device = ? AND c.seq > ? AND c.hlc = field_clocks.hlc AND c.entity = field_clocks.entity
				AND c.row_id = field_clocks.row_id AND c.field = field_clocks.field)`, []any{fresh, old, old, sharedUpTo}},
			{`UPDATE changes SET base_device = ? WHERE seq > ? AND base_device = ? AND EXISTS (SELECT 1 FROM changes c
				WHERE c.device = ? AND c.seq > ? AND c.hlc = changes.base_hlc)`, []any{fresh, sharedUpTo, old, old, sharedUpTo}},
			{`UPDATE changes SET device = ? WHERE device = ? AND seq > ?`, []any{fresh, old, sharedUpTo}},
		}
		for _, s := range steps {
			if err := tx.DB.Exec(s.q, s.args...).Error; err != nil {
				return err
			}
		}
		return r.st.SetLocal(tx.DB, keyDeviceID, fresh)
	})
	if err != nil {
		return "", err
	}
	r.device = fresh
	return fresh, nil
}

// renameInTombstones rewrites the deletes about to move to the new id: the
// clocks they say their author had seen may be of changes that move too,
// and a delete must keep matching the values it saw (or it would bring the
// row back, or hide an edit, depending on how the two ids sort). The rows
// whose current tombstone is such a delete get the rewritten value as well.
func renameInTombstones(db *gorm.DB, old, fresh string, sharedUpTo int64) error {
	var dels []struct {
		Seq           int64
		Entity, RowID string
		Value         string
		Hlc           int64
	}
	if err := db.Raw(`SELECT seq, entity, row_id, value, hlc FROM changes WHERE device = ? AND seq > ? AND field = ?
		AND value NOT IN ('null', '')`, old, sharedUpTo, FieldTombstone).Scan(&dels).Error; err != nil {
		return err
	}
	for _, d := range dels {
		var t tombstone
		if !identRe.MatchString(d.Entity) || json.Unmarshal([]byte(d.Value), &t) != nil {
			continue
		}
		moves := func(field string, hlc int64) (bool, error) {
			var n int64
			q := `SELECT COUNT(*) FROM changes WHERE device = ? AND seq > ? AND entity = ? AND row_id = ? AND hlc = ?`
			args := []any{old, sharedUpTo, d.Entity, d.RowID, hlc}
			if field != "" {
				q += ` AND field = ?`
				args = append(args, field)
			}
			err := db.Raw(q, args...).Scan(&n).Error
			return n > 0, err
		}
		changed := false
		for f, c := range t.Fields {
			if c.Device != old {
				continue
			}
			if ok, err := moves(f, c.HLC); err != nil {
				return err
			} else if ok {
				t.Fields[f] = Clock{HLC: c.HLC, Device: fresh}
				changed = true
			}
		}
		if t.SeenDevice == old {
			if ok, err := moves("", t.Seen); err != nil {
				return err
			} else if ok {
				t.SeenDevice, changed = fresh, true
			}
		}
		if !changed {
			continue
		}
		value, err := json.Marshal(t)
		if err != nil {
			return err
		}
		if err := db.Exec(`UPDATE changes SET value = ? WHERE seq = ?`, string(value), d.Seq).Error; err != nil {
			return err
		}
		if err := db.Exec(`UPDATE `+d.Entity+` SET tombstone = ? WHERE id = ? AND EXISTS (SELECT 1 FROM field_clocks
			WHERE entity = ? AND row_id = ? AND field = ? AND hlc = ? AND device = ?)`,
			string(value), d.RowID, d.Entity, d.RowID, FieldTombstone, d.Hlc, old).Error; err != nil {
			return err
		}
	}
	return nil
}
