package replica

import (
	"context"

	"github.com/google/uuid"

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
