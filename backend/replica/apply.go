package replica

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
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
	// Refused counts changes not applied because their author's member
	// lacked the permission they need (kept in refused_changes).
	Refused int `json:"refused"`
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
	return r.applyWith(ctx, changes, also, false)
}

// applyWith is ApplyWith that, with recheck, judges every change of the log
// again (Recheck).
func (r *Replica) applyWith(ctx context.Context, changes []Change, also func(db *gorm.DB) error, recheck bool) (ApplyResult, error) {
	return r.applyJudging(ctx, changes, also, recheck, nil)
}

// applyJudging is applyWith that also judges settle, changes of this
// device's log, as every other device judges them (Settle).
func (r *Replica) applyJudging(ctx context.Context, changes []Change, also func(db *gorm.DB) error, recheck bool,
	settle []Change) (ApplyResult, error) {
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
		a := &applier{r: r, db: tx.DB, res: &res, rows: map[[2]string]bool{}, contested: map[[3]string]bool{},
			stmts: map[string]*sql.Stmt{}, newest: map[[2]string]int64{},
			hasClocks: map[[2]string]bool{}, derived: map[[2]string]int64{}, pending: map[[2]string]*pendingRow{}}
		a.recheck = recheck && r.guard != nil
		a.settle = settle
		defer a.close()
		if err := tx.DB.Raw("SELECT EXISTS(SELECT 1 FROM conflicts)").Scan(&a.anyConflicts).Error; err != nil {
			return err
		}
		released, releasedCols, err := a.releaseQuarantine()
		if err != nil {
			return err
		}
		all := append(released, changes...)
		allCols := append(releasedCols, cols...)
		if r.guard != nil {
			if err := tx.DB.Raw("SELECT COALESCE(MAX(seq), 0) FROM changes").Scan(&a.logSeq).Error; err != nil {
				return err
			}
		}
		fresh, err := a.logChanges(all)
		if err != nil {
			return err
		}
		if err := a.loadKnownRows(all, fresh); err != nil {
			return err
		}
		judged, err := a.judge(all, fresh)
		if err != nil {
			return err
		}
		for i, c := range all {
			if !fresh[i] {
				continue
			}
			if err := a.applyOne(c, allCols[i]); err != nil {
				return fmt.Errorf("apply %s.%s of %s: %w", c.Entity, c.Field, c.RowID, err)
			}
		}
		// Changes refused before and allowed now (the grant they needed
		// arrived) merge like any other, after this batch's own.
		for _, c := range judged.reapply {
			col, err := r.validate(c)
			if err != nil {
				continue // validated on arrival; a schema change could only make it stricter
			}
			if err := a.applyOne(c, col); err != nil {
				return fmt.Errorf("apply %s.%s of %s: %w", c.Entity, c.Field, c.RowID, err)
			}
		}
		if err := a.flush(); err != nil {
			return err
		}
		for _, c := range judged.retract {
			if err := a.retract(c); err != nil {
				return err
			}
		}
		if err := a.flushClocks(); err != nil {
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
			touched[k[0]] = true
			if at, ok := a.derived[k]; ok && at == Millis(a.newest[k]) {
				continue // derived when written, and nothing newer since
			}
			if err := a.derive(k[0], k[1]); err != nil {
				return err
			}
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

// concatLess orders two keys as their joined texts (a[0]+a[1] < b[0]+b[1])
// without joining them: sorting the rows of a device joining a workspace
// would otherwise build two strings per comparison.
func concatLess(a, b [2]string) bool {
	for i, j := 0, 0; ; i, j = i+1, j+1 {
		ca, oka := concatByte(a, i)
		cb, okb := concatByte(b, j)
		switch {
		case !oka || !okb:
			return !oka && okb
		case ca != cb:
			return ca < cb
		}
	}
}

// concatByte is the byte at position i of k[0]+k[1], and whether there is one.
func concatByte(k [2]string, i int) (byte, bool) {
	if i < len(k[0]) {
		return k[0][i], true
	}
	if i -= len(k[0]); i < len(k[1]) {
		return k[1][i], true
	}
	return 0, false
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
	contested    map[[3]string]bool
	stmts        map[string]*sql.Stmt
	pending      map[[2]string]*pendingRow // staged rows, written by flush
	pendingOrder [][2]string
	newest       map[[2]string]int64 // newest clock written per row in this batch
	hasClocks    map[[2]string]bool  // whether a row had any field clock before
	// last is the row the previous change staged: the changes of one row
	// come one after the other (a snapshot lists them so), which spares
	// looking the row up again for each of its fields.
	last      *pendingRow
	clockArgs []any               // field clocks flushed rows wait to write, 5 values each
	derived   map[[2]string]int64 // rows whose derived columns their last flush set, with the updated_at it set
	// recheck judges every change of the log again, not only from the
	// batch's team changes on.
	recheck bool
	// settle are this device's own logged changes to judge (Settle).
	settle []Change
	// logSeq is the newest change in the log before this batch.
	logSeq int64
	// anyConflicts is false while the conflicts table is empty, which saves
	// a statement per change in the common case.
	anyConflicts bool
}

// applyOne merges one change that logChanges found new.
func (a *applier) applyOne(c Change, col any) error {
	a.r.hlc.Observe(c.Clock.HLC)
	a.res.Applied++
	if a.last == nil || a.last.key != [2]string{c.Entity, c.RowID} {
		a.rows[[2]string{c.Entity, c.RowID}] = true
	}
	// The author replaced its base value, so that value is no longer a
	// losing side of anything: drop a conflict recorded for it.
	if !c.Base.IsZero() && a.anyConflicts {
		if err := a.exec(`DELETE FROM conflicts WHERE id = ?`, conflictID(c.Entity, c.RowID, c.Field, c.Base)); err != nil {
			return err
		}
	}
	cur, ok, err := a.clockOf(c.Entity, c.RowID, c.Field)
	if err != nil {
		return err
	}
	// A device's later change saw its own earlier one, even when the ones in
	// between never arrived here (a snapshot after compaction or after an
	// emptied folder was republished): that is a fast-forward too.
	if !ok || (cur.Less(c.Clock) && (c.Base == cur || ownChain(c, cur))) {
		return a.writeField(c, col) // new field or fast-forward
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
		if err := a.writeField(c, col); err != nil {
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

// writeField stores a field's clock and stages its value. Staged rows are
// written at the end of the batch, many rows per statement (flush): nothing
// in between reads row values, only clocks and the change log.
func (a *applier) writeField(c Change, col any) error {
	key := [2]string{c.Entity, c.RowID}
	p := a.staged(key)
	if p == nil {
		p = &pendingRow{key: key, at: map[string]int{}}
		a.pending[key] = p
		a.pendingOrder = append(a.pendingOrder, key)
	}
	a.last = p
	if c.Clock.HLC > p.newest { // a row is staged once per batch: p.newest is the batch's newest
		p.newest = c.Clock.HLC
		a.newest[key] = c.Clock.HLC
	}
	if i, ok := p.at[c.Field]; ok { // set twice in one batch: the later change won
		p.vals[i], p.clocks[i] = col, c.Clock
	} else {
		p.at[c.Field] = len(p.cols)
		p.cols = append(p.cols, c.Field)
		p.vals = append(p.vals, col)
		p.clocks = append(p.clocks, c.Clock)
	}
	return nil
}

// staged returns the staged row with key, or nil.
func (a *applier) staged(key [2]string) *pendingRow {
	if a.last != nil && a.last.key == key {
		return a.last
	}
	return a.pending[key]
}

// clockOf returns the clock of a field's current value, as this batch has
// left it: clocks written in the batch are staged with their row until the
// batch is flushed (after every change is merged; a flushed row's clocks are
// in field_clocks). A row never seen before (the usual case when a device
// joins) is looked up once, not once per field.
func (a *applier) clockOf(table, id, field string) (Clock, bool, error) {
	row := [2]string{table, id}
	if p := a.staged(row); p != nil {
		if i, ok := p.at[field]; ok {
			return p.clocks[i], true, nil
		}
	}
	known, seen := a.hasClocks[row]
	if !seen {
		if err := a.queryRow(`SELECT EXISTS(SELECT 1 FROM field_clocks WHERE entity = ? AND row_id = ?)`, table, id).
			Scan(&known); err != nil {
			return Clock{}, false, err
		}
		a.hasClocks[row] = known
	}
	if !known {
		return Clock{}, false, nil
	}
	var cur Clock
	err := a.queryRow(`SELECT hlc, device FROM field_clocks WHERE entity = ? AND row_id = ? AND field = ?`,
		table, id, field).Scan(&cur.HLC, &cur.Device)
	if errors.Is(err, sql.ErrNoRows) {
		return Clock{}, false, nil
	}
	return cur, err == nil, err
}

// derive recomputes updated_at and deleted_at of a row, like deriveRow,
// in one statement for the common case: field clocks only grow, so the
// newest is the larger of the stored one and the newest written now, and
// only a row with a tombstone needs the slower check of edit beats delete.
func (a *applier) derive(table, id string) error {
	// The usual row has no tombstone: its deleted_at is cleared in the
	// same statement that moves updated_at.
	var tomb sql.NullString
	err := a.queryRow(`UPDATE `+table+` SET updated_at = MAX(updated_at, ?),
		deleted_at = CASE WHEN tombstone IS NULL OR tombstone IN ('', 'null') THEN NULL ELSE deleted_at END
		WHERE id = ? RETURNING tombstone`,
		Millis(a.newest[[2]string{table, id}]), id).Scan(&tomb)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // only losing or duplicate changes reached this row
	}
	if err != nil || !tomb.Valid || tomb.String == "" || tomb.String == "null" {
		return err
	}
	var deletedAt any
	var t tombstone
	if json.Unmarshal([]byte(tomb.String), &t) == nil {
		clocks, err := rowFieldClocks(a.db, table, id)
		if err != nil {
			return err
		}
		if t.holds(clocks) {
			deletedAt = t.At
		}
	}
	return a.exec(`UPDATE `+table+` SET deleted_at = ? WHERE id = ?`, deletedAt, id)
}

// recordConflict keeps the losing change unless some change was based on it.
func (a *applier) recordConflict(loser Change) error {
	var superseded int64
	if err := a.db.Raw(`SELECT COUNT(*) FROM changes WHERE entity = ? AND row_id = ? AND field = ? AND base_hlc = ? AND base_device = ? AND base_hlc <> 0`,
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
	a.anyConflicts = true
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

// ownChain reports whether c continues the device's own edits of the value cur
// holds: cur, c's base and c itself are all that device's, with the base no
// older than cur. Its author saw cur, so c is a fast-forward even when the
// edits in between never arrived (a snapshot after compaction or after an
// emptied folder was republished). A base written by another device is not a
// fast-forward: that device's value may have been concurrent with cur here.
func ownChain(c Change, cur Clock) bool {
	return c.Clock.Device == cur.Device && c.Base.Device == cur.Device && !c.Base.Less(cur)
}
