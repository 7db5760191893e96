package replica

import (
	"database/sql"
	"fmt"
	"strings"
)

// The batch writers of Apply: the change log, the rows a batch already knows,
// and the staged rows and field clocks written at the end of a batch, many
// per statement, with the statements prepared once per batch.

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
