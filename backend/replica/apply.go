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
	"strings"

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
		a := &applier{r: r, db: tx.DB, res: &res, rows: map[[2]string]bool{}, contested: map[[3]string]bool{},
			stmts: map[string]*sql.Stmt{}, newest: map[[2]string]int64{},
			hasClocks: map[[2]string]bool{}, derived: map[[2]string]int64{}, pending: map[[2]string]*pendingRow{}}
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
		fresh, err := a.logChanges(all)
		if err != nil {
			return err
		}
		if err := a.loadKnownRows(all, fresh); err != nil {
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
		if err := a.flush(); err != nil {
			return err
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
	// anyConflicts is false while the conflicts table is empty, which saves
	// a statement per change in the common case.
	anyConflicts bool
}

// logChangesChunk is how many changes one INSERT adds to the log (8
// parameters each, well under SQLite's limit of parameters per statement).
const logChangesChunk = 200

// logChanges adds the batch to the change log, many changes per statement,
// and says which ones are new there: the log's unique key makes a second
// delivery of a change a no-op. Changes stamped too far ahead go to the
// quarantine instead.
func (a *applier) logChanges(all []Change) ([]bool, error) {
	fresh := make([]bool, len(all))
	type key struct {
		device, entity, row, field string
		hlc                        int64
	}
	unseen, err := a.unseenChanges(all)
	if err != nil {
		return nil, err
	}
	var chunk []int
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		args := make([]any, 0, 8*len(chunk))
		for _, i := range chunk {
			c := all[i]
			args = append(args, c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC, c.Clock.Device, c.Base.HLC, c.Base.Device)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", len(chunk)), ", ")
		if unseen != nil {
			// None of these can be in the log yet: insert them without
			// reading back which were new.
			n, err := a.execN(`INSERT INTO changes(entity, row_id, field, value, hlc, device, base_hlc, base_device) VALUES `+values, args...)
			if err != nil {
				return err
			}
			if n != int64(len(chunk)) {
				return fmt.Errorf("replica: %d of %d changes logged", n, len(chunk))
			}
			for _, i := range chunk {
				fresh[i] = true
			}
			chunk = chunk[:0]
			return nil
		}
		st, err := a.stmt(`INSERT INTO changes(entity, row_id, field, value, hlc, device, base_hlc, base_device) VALUES ` +
			values + ` ON CONFLICT(device, hlc, entity, row_id, field) DO NOTHING RETURNING device, hlc, entity, row_id, field`)
		if err != nil {
			return err
		}
		rows, err := st.Query(args...)
		if err != nil {
			return err
		}
		logged := map[key]bool{}
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.device, &k.hlc, &k.entity, &k.row, &k.field); err != nil {
				rows.Close()
				return err
			}
			logged[k] = true
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, i := range chunk {
			c := all[i]
			k := key{c.Clock.Device, c.Entity, c.RowID, c.Field, c.Clock.HLC}
			if logged[k] {
				fresh[i] = true
				delete(logged, k) // the same change twice in one batch: the second is a duplicate
			} else {
				a.res.Duplicates++
			}
		}
		chunk = chunk[:0]
		return nil
	}
	for i, c := range all {
		if a.r.hlc.TooFarAhead(c.Clock.HLC) {
			a.res.Quarantined++
			if err := a.exec(`INSERT INTO quarantine(entity, row_id, field, value, hlc, device, base_hlc, base_device, received_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, c.Entity, c.RowID, c.Field, string(c.Value), c.Clock.HLC,
				c.Clock.Device, c.Base.HLC, c.Base.Device, a.r.now().UnixMilli()); err != nil {
				return nil, err
			}
			continue
		}
		if unseen != nil && !unseen[i] {
			a.res.Duplicates++ // the same change twice in one batch
			continue
		}
		chunk = append(chunk, i)
		if len(chunk) == logChangesChunk {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return fresh, flush()
}

// unseenChanges says, when it can tell cheaply, which changes of the batch
// cannot be in the log yet: the first of each in the batch whose clock lies
// outside the range of clocks the log holds for its device. That is every
// change when a device joins (the log has none of the others' changes) and
// when segments arrive in order (each newer than what came before), and
// then the log is written without reading back which changes were new. It
// returns nil when some change may be in the log already.
func (a *applier) unseenChanges(all []Change) ([]bool, error) {
	type span struct{ lo, hi int64 }
	spans := map[string]*span{}
	for _, c := range all {
		if _, ok := spans[c.Clock.Device]; ok {
			continue
		}
		var lo, hi sql.NullInt64
		if err := a.queryRow(`SELECT (SELECT MIN(hlc) FROM changes WHERE device = ?), (SELECT MAX(hlc) FROM changes WHERE device = ?)`,
			c.Clock.Device, c.Clock.Device).Scan(&lo, &hi); err != nil {
			return nil, err
		}
		if lo.Valid {
			spans[c.Clock.Device] = &span{lo.Int64, hi.Int64}
		} else {
			spans[c.Clock.Device] = nil
		}
	}
	type key struct {
		device, entity, row, field string
		hlc                        int64
	}
	seen := make(map[key]bool, len(all))
	unseen := make([]bool, len(all))
	for i, c := range all {
		if sp := spans[c.Clock.Device]; sp != nil && c.Clock.HLC >= sp.lo && c.Clock.HLC <= sp.hi {
			return nil, nil
		}
		k := key{c.Clock.Device, c.Entity, c.RowID, c.Field, c.Clock.HLC}
		unseen[i] = !seen[k]
		seen[k] = true
	}
	return unseen, nil
}

// loadKnownRows finds, many rows per query, which rows of the batch have
// field clocks already, so merging a batch of new rows (a device joining)
// does not ask once per row.
func (a *applier) loadKnownRows(all []Change, fresh []bool) error {
	var todo [][2]string
	for i, c := range all {
		k := [2]string{c.Entity, c.RowID}
		if _, seen := a.hasClocks[k]; fresh[i] && !seen {
			a.hasClocks[k] = false
			todo = append(todo, k)
		}
	}
	for start := 0; start < len(todo); start += logChangesChunk {
		chunk := todo[start:min(start+logChangesChunk, len(todo))]
		args := make([]any, 0, 2*len(chunk))
		for _, k := range chunk {
			args = append(args, k[0], k[1])
		}
		st, err := a.stmt(`SELECT DISTINCT entity, row_id FROM field_clocks WHERE (entity, row_id) IN (VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", ") + `)`)
		if err != nil {
			return err
		}
		rows, err := st.Query(args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k [2]string
			if err := rows.Scan(&k[0], &k[1]); err != nil {
				rows.Close()
				return err
			}
			a.hasClocks[k] = true
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
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

// pendingRow holds the staged field values and clocks of one row.
type pendingRow struct {
	key    [2]string
	cols   []string
	vals   []any
	clocks []Clock
	at     map[string]int // index of each field in cols
	newest int64          // newest clock staged
}

// flushRowsChunk bounds the rows of one multi-row write.
const flushRowsChunk = 100

// flush writes the staged rows: rows of one table with the same fields go
// in one statement per flushRowsChunk rows (table and field names come from
// the registry, never from input unchecked).
func (a *applier) flush() error {
	groups := map[string][]*pendingRow{}
	var order []string
	for _, key := range a.pendingOrder {
		p := a.pending[key]
		sig := p.key[0] + "\x00" + strings.Join(p.cols, ",")
		if _, ok := groups[sig]; !ok {
			order = append(order, sig)
		}
		groups[sig] = append(groups[sig], p)
	}
	for _, sig := range order {
		rows := groups[sig]
		for start := 0; start < len(rows); start += flushRowsChunk {
			if err := a.writeRows(rows[start:min(start+flushRowsChunk, len(rows))]); err != nil {
				return err
			}
		}
	}
	a.pending, a.pendingOrder, a.last = map[[2]string]*pendingRow{}, nil, nil
	return a.flushClocks()
}

// writeRows upserts rows of one table that set the same fields, with their
// derived columns: updated_at moves to the newest clock written, and a row
// without a tombstone is live. A row that has one is derived again after
// the batch (edit beats delete needs every clock of the row).
func (a *applier) writeRows(rows []*pendingRow) error {
	table, cols := rows[0].key[0], rows[0].cols
	tomb := table + ".tombstone"
	if _, ok := rows[0].at[FieldTombstone]; ok {
		tomb = "excluded.tombstone"
	}
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = c + " = excluded." + c
	}
	tuple := "(?" + strings.Repeat(", ?", len(cols)+1) + ")"
	args := make([]any, 0, len(rows)*(len(cols)+2))
	newest := map[string]int64{}
	for _, p := range rows {
		n := Millis(a.newest[p.key])
		newest[p.key[1]] = n
		args = append(append(append(args, p.key[1]), p.vals...), n)
		for i, c := range p.cols {
			a.clockArgs = append(a.clockArgs, p.key[0], p.key[1], c, p.clocks[i].HLC, p.clocks[i].Device)
		}
		a.hasClocks[p.key] = true
	}
	q := `INSERT INTO ` + table + `(id, ` + strings.Join(cols, ", ") + `, updated_at) VALUES ` +
		strings.TrimSuffix(strings.Repeat(tuple+", ", len(rows)), ", ") +
		` ON CONFLICT(id) DO UPDATE SET ` + strings.Join(sets, ", ") + `, updated_at = MAX(` + table + `.updated_at, excluded.updated_at),
		deleted_at = CASE WHEN ` + tomb + ` IS NULL OR ` + tomb + ` IN ('', 'null') THEN NULL ELSE ` + table + `.deleted_at END
		RETURNING id, tombstone`
	st, err := a.stmt(q)
	if err != nil {
		return err
	}
	res, err := st.Query(args...)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var id string
		var stored sql.NullString
		if err := res.Scan(&id, &stored); err != nil {
			return err
		}
		key := [2]string{table, id}
		if stored.Valid && stored.String != "" && stored.String != "null" {
			delete(a.derived, key)
		} else {
			a.derived[key] = newest[id]
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	if len(a.clockArgs) >= 5*logChangesChunk {
		return a.flushClocks()
	}
	return nil
}

// flushClocks writes the field clocks staged by flush.
func (a *applier) flushClocks() error {
	n := len(a.clockArgs) / 5
	if n == 0 {
		return nil
	}
	err := a.exec(`INSERT INTO field_clocks(entity, row_id, field, hlc, device) VALUES `+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ")+`
		ON CONFLICT(entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device`, a.clockArgs...)
	a.clockArgs = a.clockArgs[:0]
	return err
}

// stmt returns a statement prepared once per batch: applying thousands of
// changes runs the same few statements over and over.
func (a *applier) stmt(q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[q]; ok {
		return st, nil
	}
	st, err := a.db.Statement.ConnPool.PrepareContext(a.db.Statement.Context, q)
	if err != nil {
		return nil, err
	}
	a.stmts[q] = st
	return st, nil
}

func (a *applier) exec(q string, args ...any) error {
	_, err := a.execN(q, args...)
	return err
}

func (a *applier) execN(q string, args ...any) (int64, error) {
	st, err := a.stmt(q)
	if err != nil {
		return 0, err
	}
	res, err := st.Exec(args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

type scanner interface{ Scan(...any) error }

func (a *applier) queryRow(q string, args ...any) scanner {
	st, err := a.stmt(q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRow(args...)
}

func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
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
