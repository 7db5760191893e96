package replica

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"postdeck/backend/store"
)

// RebuildResult says what Rebuild replayed.
type RebuildResult struct {
	Changes   int `json:"changes"`
	Rows      int `json:"rows"`
	Conflicts int `json:"conflicts"`
}

// Rebuild recomputes every synced table, the field clocks and the conflicts
// from the change log, for a device whose state differs from its teammates'
// (a bug, or a database edited by hand). In one transaction it empties the
// synced tables, replays every change of the log through the same merge as
// Apply (so conflicts are recomputed the same way) and runs also, for local
// indexes derived from synced rows. Either all of it happens or nothing does;
// the change log itself is only read, so nothing anyone wrote is lost.
func (r *Replica) Rebuild(ctx context.Context, also func(db *gorm.DB) error) (RebuildResult, error) {
	var out RebuildResult
	touched := map[string]bool{}
	err := r.st.Tx(ctx, func(tx *store.Tx) error {
		out = RebuildResult{}
		var all []Change
		rows, err := tx.DB.Raw(`SELECT entity, row_id, field, value, hlc, device, base_hlc, base_device FROM changes ORDER BY seq`).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var c Change
			var value string
			if err := rows.Scan(&c.Entity, &c.RowID, &c.Field, &value, &c.Clock.HLC, &c.Clock.Device, &c.Base.HLC, &c.Base.Device); err != nil {
				rows.Close()
				return err
			}
			c.Value = []byte(value)
			all = append(all, c)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		// Changes of a revoked device refused for it stay out, whatever
		// they are (RefuseAll): the guard alone would not know.
		var revoked []struct {
			Entity, RowID, Field, Device string
			Hlc                          int64
		}
		if err := tx.DB.Raw(`SELECT entity, row_id, field, device, hlc FROM refused_changes WHERE accepted_at IS NULL
			AND reason = ?`, ReasonRevoked).Scan(&revoked).Error; err != nil {
			return err
		}
		gone := make(map[changeKey]bool, len(revoked))
		for _, x := range revoked {
			gone[changeKey{x.Device, x.Entity, x.RowID, x.Field, x.Hlc}] = true
		}
		cols := make([]any, len(all))
		fresh := make([]bool, len(all))
		for i, c := range all {
			col, err := r.validate(c)
			if err != nil {
				return fmt.Errorf("replica: change %d of the log cannot be replayed: %w", i+1, err)
			}
			cols[i], fresh[i] = col, !gone[keyOf(c)]
		}
		for _, t := range r.reg.tables() {
			// Emptied only inside this transaction: the rows come back from
			// the log before it commits, or the transaction is rolled back.
			if err := tx.DB.Exec("DELETE FROM " + t).Error; err != nil {
				return err
			}
			touched[t] = true
		}
		if err := tx.DB.Exec("DELETE FROM field_clocks").Error; err != nil {
			return err
		}
		if err := tx.DB.Exec("DELETE FROM conflicts").Error; err != nil {
			return err
		}
		var res ApplyResult
		a := &applier{r: r, db: tx.DB, res: &res, rows: map[[2]string]bool{}, contested: map[[3]string]bool{},
			stmts: map[string]*sql.Stmt{}, newest: map[[2]string]int64{},
			hasClocks: map[[2]string]bool{}, derived: map[[2]string]int64{}, pending: map[[2]string]*pendingRow{}}
		defer a.close()
		// Every change of the log is judged as a fresh one here; the guard
		// still needs the log's end, as Apply gives it.
		if r.guard != nil {
			if err := tx.DB.Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&a.logSeq).Error; err != nil {
				return err
			}
		}
		if err := a.loadKnownRows(all, fresh); err != nil {
			return err
		}
		// Changes whose author lacked a permission stay out of the rebuilt
		// state, as they stayed out when they arrived (judged the same way).
		if _, err := a.judge(all, fresh); err != nil {
			return err
		}
		for i, c := range all {
			if !fresh[i] {
				continue
			}
			if err := a.applyOne(c, cols[i]); err != nil {
				return fmt.Errorf("replay %s.%s of %s: %w", c.Entity, c.Field, c.RowID, err)
			}
		}
		if err := a.flush(); err != nil {
			return err
		}
		if err := a.autoResolve(touched); err != nil {
			return err
		}
		keys := make([][2]string, 0, len(a.rows))
		for k := range a.rows {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return concatLess(keys[i], keys[j]) })
		for _, k := range keys {
			if err := a.derive(k[0], k[1]); err != nil {
				return err
			}
		}
		if err := tx.DB.Raw("SELECT COUNT(*) FROM conflicts").Scan(&out.Conflicts).Error; err != nil {
			return err
		}
		out.Changes, out.Rows = len(all), len(keys)
		if also != nil {
			if err := also(tx.DB); err != nil {
				return err
			}
		}
		if err := r.persistClock(tx.DB); err != nil {
			return err
		}
		tx.AfterCommit(func() { r.notify(touched) })
		return nil
	})
	return out, err
}
