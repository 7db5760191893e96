package replica

import (
	"context"
	"database/sql"
	"sort"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/store"
)

// ReasonRevoked: the author's device was revoked before it wrote the change.
const ReasonRevoked = "revoked"

// RefuseAll records changes of a revoked device as refused, for reason,
// whatever they need: they are logged (nothing anyone wrote is lost), never
// applied, and listed with Refused. The ones this device had applied already
// (they reached it before the revocation did) are taken back, each field
// returning to the newest value of the log that is not refused, so a device
// that heard of the revocation late ends where one that heard of it first
// is. also runs in the same transaction (a transport's read cursor). The
// guard never allows such a change again: a revocation is not undone by a
// team change.
func (r *Replica) RefuseAll(ctx context.Context, changes []Change, member, reason string, also func(db *gorm.DB) error) (ApplyResult, error) {
	var res ApplyResult
	for _, c := range changes {
		if _, err := r.validate(c); err != nil {
			return res, apperr.New(CodeInvalidChange, "a change from another device is invalid").
				With("detail", err.Error()).Wrap(err)
		}
	}
	touched := map[string]bool{}
	err := r.st.Tx(ctx, func(tx *store.Tx) error {
		res = ApplyResult{}
		a := &applier{r: r, db: tx.DB, res: &res, rows: map[[2]string]bool{}, contested: map[[3]string]bool{},
			stmts: map[string]*sql.Stmt{}, newest: map[[2]string]int64{},
			hasClocks: map[[2]string]bool{}, derived: map[[2]string]int64{}, pending: map[[2]string]*pendingRow{}}
		defer a.close()
		now := r.now().UnixMilli()
		var applied []Change
		for _, c := range changes {
			// Logged directly, never quarantined: a clock stamped far ahead
			// must not bring the change back later through the quarantine.
			n, err := a.execN(`INSERT INTO changes(entity, row_id, field, value, hlc, device, base_hlc, base_device)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device, hlc, entity, row_id, field) DO NOTHING`,
				c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device, c.Base.HLC, c.Base.Device)
			if err != nil {
				return err
			}
			if n == 0 {
				applied = append(applied, c)
			}
			if err := a.exec(`INSERT INTO refused_changes(id, entity, row_id, field, value, hlc, device, member_id, permission, reason, refused_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?) ON CONFLICT(id) DO UPDATE SET reason = excluded.reason, permission = '',
				refused_at = CASE WHEN refused_changes.accepted_at IS NULL THEN refused_changes.refused_at ELSE excluded.refused_at END,
				accepted_at = NULL`,
				refusedID(c), c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device, member, reason, now); err != nil {
				return err
			}
			res.Refused++
		}
		for _, c := range applied {
			if err := a.retract(c); err != nil {
				return err
			}
		}
		if err := a.flushClocks(); err != nil {
			return err
		}
		keys := make([][2]string, 0, len(a.rows))
		for k := range a.rows {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return concatLess(keys[i], keys[j]) })
		for _, k := range keys {
			touched[k[0]] = true
			if err := a.derive(k[0], k[1]); err != nil {
				return err
			}
		}
		for _, c := range applied {
			touched[c.Entity] = true
		}
		if also != nil {
			if err := also(tx.DB); err != nil {
				return err
			}
		}
		tx.AfterCommit(func() { r.notify(touched) })
		return nil
	})
	return res, err
}
