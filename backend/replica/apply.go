package replica

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"

	"gorm.io/gorm"

	"postdeck/backend/apperr"
	"postdeck/backend/store"
)

// ApplyResult says what Apply did with a batch of remote changes.
type ApplyResult struct {
	Applied     int `json:"applied"`
	Duplicates  int `json:"duplicates"`
	Quarantined int `json:"quarantined"`
	Conflicts   int `json:"conflicts"`
}

// CodeInvalidChange is returned when a batch holds a change that cannot be
// applied (unknown table or field, bad id, a value of the wrong type).
const CodeInvalidChange = "sync.invalid_change"

// Apply merges remote changes in one transaction: either the whole batch is
// applied or nothing is. Applying a change twice changes nothing. Changes
// stamped more than the maximum drift ahead of this device's clock are kept
// in quarantine and applied once the clock catches up.
func (r *Replica) Apply(ctx context.Context, changes []Change) (ApplyResult, error) {
	return r.ApplyWith(ctx, changes, nil)
}

// ApplyWith is Apply that runs also in the same transaction, so a
// transport can advance its read cursor exactly when the changes land.
func (r *Replica) ApplyWith(ctx context.Context, changes []Change, also func(db *gorm.DB) error) (ApplyResult, error) {
	var res ApplyResult
	cols := make([]any, len(changes))
	for i, c := range changes {
		col, err := r.validate(c)
		if err != nil {
			return res, apperr.New(CodeInvalidChange, "a change from another device is invalid").
				With("detail", err.Error()).Wrap(err)
		}
		cols[i] = col
	}
	touched := map[string]bool{}
	err := r.st.Tx(ctx, func(tx *store.Tx) error {
		res = ApplyResult{}
		a := &applier{r: r, db: tx.DB, res: &res, rows: map[[2]string]bool{}, contested: map[[3]string]bool{}}
		released, releasedCols, err := a.releaseQuarantine()
		if err != nil {
			return err
		}
		all := append(released, changes...)
		allCols := append(releasedCols, cols...)
		for i, c := range all {
			if err := a.applyOne(c, allCols[i]); err != nil {
				return fmt.Errorf("apply %s.%s of %s: %w", c.Entity, c.Field, c.RowID, err)
			}
		}
		if err := a.autoResolve(touched); err != nil {
			return err
		}
		keys := make([][2]string, 0, len(a.rows))
		for k := range a.rows {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
		for _, k := range keys {
			if err := deriveRow(tx.DB, k[0], k[1]); err != nil {
				return err
			}
			touched[k[0]] = true
		}
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
	return res, err
}

// validate checks a remote change before anything is written.
func (r *Replica) validate(c Change) (any, error) {
	if !ValidID(c.RowID) {
		return nil, fmt.Errorf("bad row id %q", truncate([]byte(c.RowID)))
	}
	if !ValidID(c.Clock.Device) || c.Clock.HLC <= 0 {
		return nil, fmt.Errorf("bad clock %s", c.Clock)
	}
	if !c.Base.IsZero() && (!ValidID(c.Base.Device) || c.Base.HLC <= 0) {
		return nil, fmt.Errorf("bad base clock %s", c.Base)
	}
	k, err := r.reg.kind(c.Entity, c.Field)
	if err != nil {
		return nil, err
	}
	col, err := columnValue(k, c.Value)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: %w", c.Entity, c.Field, err)
	}
	return col, nil
}

type applier struct {
	r    *Replica
	db   *gorm.DB
	res  *ApplyResult
	rows map[[2]string]bool
	// contested lists the fields that got a conflict record in this batch.
	contested map[[3]string]bool
}

func (a *applier) applyOne(c Change, col any) error {
	var n int64
	if err := a.db.Raw(`SELECT COUNT(*) FROM changes WHERE device = ? AND hlc = ? AND entity = ? AND row_id = ? AND field = ?`,
		c.Clock.Device, c.Clock.HLC, c.Entity, c.RowID, c.Field).Scan(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		a.res.Duplicates++
		return nil
	}
	if a.r.hlc.TooFarAhead(c.Clock.HLC) {
		a.res.Quarantined++
		return a.db.Exec(`INSERT INTO quarantine(entity, row_id, field, value, hlc, device, base_hlc, base_device, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device,
			c.Base.HLC, c.Base.Device, a.r.now().UnixMilli()).Error
	}
	a.r.hlc.Observe(c.Clock.HLC)
	if err := insertChange(a.db, c); err != nil {
		return err
	}
	a.res.Applied++
	a.rows[[2]string{c.Entity, c.RowID}] = true
	// The author replaced its base value, so that value is no longer a
	// losing side of anything: drop a conflict recorded for it.
	if !c.Base.IsZero() {
		if err := a.db.Exec(`DELETE FROM conflicts WHERE id = ?`, conflictID(c.Entity, c.RowID, c.Field, c.Base)).Error; err != nil {
			return err
		}
	}
	cur, ok, err := fieldClock(a.db, c.Entity, c.RowID, c.Field)
	if err != nil {
		return err
	}
	if !ok || (c.Base == cur && cur.Less(c.Clock)) {
		return writeField(a.db, c, col) // new field or fast-forward
	}
	// Concurrent edits: the larger clock wins on every device; the other
	// value is kept as a conflict record unless a later change replaced it.
	loser := c
	if cur.Less(c.Clock) {
		prev, err := changeAt(a.db, c.Entity, c.RowID, c.Field, cur)
		if err != nil {
			return err
		}
		loser = prev
		if err := writeField(a.db, c, col); err != nil {
			return err
		}
	}
	if c.Field == FieldTombstone || c.Field == FieldCreatedAt || c.Entity == TableConflictResolutions {
		// Concurrent deletes, restores, creations of a row with a known id
		// and resolutions of one conflict agree in substance: not worth
		// a person's attention.
		return nil
	}
	return a.recordConflict(loser)
}

// recordConflict keeps the losing change unless some change was based on it.
func (a *applier) recordConflict(loser Change) error {
	var superseded int64
	if err := a.db.Raw(`SELECT COUNT(*) FROM changes WHERE entity = ? AND row_id = ? AND field = ? AND base_hlc = ? AND base_device = ?`,
		loser.Entity, loser.RowID, loser.Field, loser.Clock.HLC, loser.Clock.Device).Scan(&superseded).Error; err != nil {
		return err
	}
	if superseded > 0 {
		return nil
	}
	res := a.db.Exec(`INSERT INTO conflicts(id, entity, row_id, field, value, hlc, device, detected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`, conflictID(loser.Entity, loser.RowID, loser.Field, loser.Clock),
		loser.Entity, loser.RowID, loser.Field, string(loser.Value), loser.Clock.HLC, loser.Clock.Device, a.r.now().UnixMilli())
	if res.Error != nil {
		return res.Error
	}
	a.res.Conflicts += int(res.RowsAffected)
	a.contested[[3]string{loser.Entity, loser.RowID, loser.Field}] = true
	return nil
}

// releaseQuarantine takes out the quarantined changes that are no longer
// too far ahead, to be applied with this batch.
func (a *applier) releaseQuarantine() ([]Change, []any, error) {
	var rows []struct {
		Entity, RowID, Field, Value string
		Hlc                         int64
		Device                      string
		BaseHlc                     int64
		BaseDevice                  string
	}
	limit := Stamp(a.r.now().Add(a.r.hlc.maxDrift).UnixMilli()+1, 0)
	if err := a.db.Raw(`SELECT entity, row_id, field, value, hlc, device, base_hlc, base_device FROM quarantine
		WHERE hlc < ? ORDER BY hlc`, limit).Scan(&rows).Error; err != nil {
		return nil, nil, err
	}
	var out []Change
	var cols []any
	for _, q := range rows {
		c := Change{Entity: q.Entity, RowID: q.RowID, Field: q.Field, Value: []byte(q.Value),
			Clock: Clock{q.Hlc, q.Device}, Base: Clock{q.BaseHlc, q.BaseDevice}}
		col, err := a.r.validate(c)
		if err != nil {
			continue // validated on arrival; a schema change could only make it stricter
		}
		out = append(out, c)
		cols = append(cols, col)
	}
	if len(rows) > 0 {
		if err := a.db.Exec(`DELETE FROM quarantine WHERE hlc < ?`, limit).Error; err != nil {
			return nil, nil, err
		}
	}
	return out, cols, nil
}

// changeAt returns the change that set a field to the value with clock at.
func changeAt(db *gorm.DB, table, id, field string, at Clock) (Change, error) {
	var rows []struct {
		Value      string
		BaseHlc    int64
		BaseDevice string
	}
	if err := db.Raw(`SELECT value, base_hlc, base_device FROM changes WHERE device = ? AND hlc = ? AND entity = ? AND row_id = ? AND field = ?`,
		at.Device, at.HLC, table, id, field).Scan(&rows).Error; err != nil {
		return Change{}, err
	}
	if len(rows) == 0 {
		return Change{}, fmt.Errorf("change %s of %s.%s is missing from the log", at, table, field)
	}
	return Change{Entity: table, RowID: id, Field: field, Value: []byte(rows[0].Value), Clock: at,
		Base: Clock{rows[0].BaseHlc, rows[0].BaseDevice}}, nil
}

// conflictID is the same on every device for the same losing change.
func conflictID(table, id, field string, loser Clock) string {
	h := sha256.Sum256([]byte(table + "\x00" + id + "\x00" + field + "\x00" +
		strconv.FormatInt(loser.HLC, 10) + "\x00" + loser.Device))
	return hex.EncodeToString(h[:16])
}
