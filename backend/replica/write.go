package replica

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// field is one field a local write changes.
type field struct {
	name string
	raw  json.RawMessage
	col  any
}

// write records and applies the fields of values that differ from current
// (the row as it is, nil when it does not exist yet). A row is written with
// a few statements whatever its number of fields: its changes in one
// statement, the row with its derived columns in one, its field clocks in
// one. Importing thousands of rows runs these same statements over and over.
func (w *Writer) write(table, id string, current, values map[string]any) error {
	if !ValidID(id) {
		return fmt.Errorf("replica: bad id %q", id)
	}
	names := make([]string, 0, len(values))
	for f := range values {
		names = append(names, f)
	}
	sort.Strings(names)
	var changed []field
	for _, f := range names {
		k, err := w.r.reg.kind(table, f)
		if err != nil {
			return fmt.Errorf("replica: %w", err)
		}
		raw, err := json.Marshal(values[f])
		if err != nil {
			return fmt.Errorf("replica: %s.%s: %w", table, f, err)
		}
		col, err := columnValue(k, raw)
		if err != nil {
			return fmt.Errorf("replica: %s.%s: %w", table, f, err)
		}
		if old, ok := current[f]; ok && sameValue(old, col) {
			continue
		}
		changed = append(changed, field{name: f, raw: raw, col: col})
	}
	if len(changed) == 0 {
		return nil
	}
	clock := Clock{HLC: w.r.hlc.Next(), Device: w.r.Device()}
	// Field clocks are written together with the row, so a row that does
	// not exist has none: only an existing row's are read, once for all
	// its fields.
	var clocks map[string]Clock
	if current != nil {
		var err error
		if clocks, err = w.rowClocks(table, id); err != nil {
			return err
		}
	}
	if err := w.logChanges(table, id, clock, changed, clocks); err != nil {
		return err
	}
	w.touched[table] = true
	// updated_at and deleted_at are derived from the field clocks and the
	// tombstone. A row without a tombstone (nearly every write) is live and
	// updated at its newest clock, which is known here, so both go into the
	// same statement; a row with one is derived again by deriveRow, which
	// decides edit against delete.
	tomb := current[FieldTombstone]
	for _, f := range changed {
		if f.name == FieldTombstone {
			tomb = f.col
		}
	}
	if s, ok := tomb.(string); ok && s != "" && s != "null" {
		if err := w.writeRow(table, id, changed, false, 0); err != nil {
			return err
		}
		if err := w.writeClocks(table, id, clock, changed); err != nil {
			return err
		}
		return deriveRow(w.db, table, id)
	}
	newest := clock.HLC
	for _, c := range clocks {
		newest = max(newest, c.HLC)
	}
	if err := w.writeRow(table, id, changed, true, Millis(newest)); err != nil {
		return err
	}
	return w.writeClocks(table, id, clock, changed)
}

// logChanges appends the row's changed fields to the change log, in the
// order of their names, each based on the clock of the value it replaces.
func (w *Writer) logChanges(table, id string, clock Clock, changed []field, clocks map[string]Clock) error {
	args := make([]any, 0, 8*len(changed))
	for _, f := range changed {
		base := clocks[f.name]
		args = append(args, table, id, f.name, string(f.raw), clock.HLC, clock.Device, base.HLC, base.Device)
	}
	return w.exec(`INSERT INTO changes(entity, row_id, field, value, hlc, device, base_hlc, base_device) VALUES `+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", len(changed)), ", "), args...)
}

// writeRow stores the changed values of a row, creating it when it does not
// exist, with its derived columns when derived is set. Table and field names
// come from the registry, never from input unchecked.
func (w *Writer) writeRow(table, id string, changed []field, derived bool, updatedAt int64) error {
	cols := make([]string, 0, len(changed)+2)
	sets := make([]string, 0, len(changed)+2)
	args := make([]any, 0, len(changed)+3)
	args = append(args, id)
	for _, f := range changed {
		cols = append(cols, f.name)
		sets = append(sets, f.name+" = excluded."+f.name)
		args = append(args, f.col)
	}
	if derived {
		cols = append(cols, "updated_at", "deleted_at")
		sets = append(sets, "updated_at = excluded.updated_at", "deleted_at = excluded.deleted_at")
		args = append(args, updatedAt, nil)
	}
	return w.exec(`INSERT INTO `+table+`(id, `+strings.Join(cols, ", ")+`) VALUES (?`+strings.Repeat(", ?", len(cols))+`)
		ON CONFLICT(id) DO UPDATE SET `+strings.Join(sets, ", "), args...)
}

// writeClocks records the clock of each changed field.
func (w *Writer) writeClocks(table, id string, clock Clock, changed []field) error {
	args := make([]any, 0, 5*len(changed))
	for _, f := range changed {
		args = append(args, table, id, f.name, clock.HLC, clock.Device)
	}
	return w.exec(`INSERT INTO field_clocks(entity, row_id, field, hlc, device) VALUES `+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", len(changed)), ", ")+`
		ON CONFLICT(entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device`, args...)
}

// rowClocks returns the clock of each field of a row.
func (w *Writer) rowClocks(table, id string) (map[string]Clock, error) {
	st, err := w.stmt(`SELECT field, hlc, device FROM field_clocks WHERE entity = ? AND row_id = ?`)
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(table, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Clock{}
	for rows.Next() {
		var f string
		var c Clock
		if err := rows.Scan(&f, &c.HLC, &c.Device); err != nil {
			return nil, err
		}
		out[f] = c
	}
	return out, rows.Err()
}

// row returns the row's columns, nil when it does not exist.
func (w *Writer) row(table, id string) (map[string]any, error) {
	if _, ok := w.r.reg.entities[table]; !ok {
		return nil, fmt.Errorf("replica: unknown entity %q", table)
	}
	st, err := w.stmt("SELECT * FROM " + table + " WHERE id = ?")
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanRow(rows)
}

// rowState reports whether the row exists and whether it is live.
func (w *Writer) rowState(table, id string) (live, exists bool, err error) {
	row, err := w.row(table, id)
	return row != nil && row["deleted_at"] == nil, row != nil, err
}

// stmt returns a statement prepared once per transaction.
func (w *Writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.db.Statement.ConnPool.PrepareContext(w.db.Statement.Context, q)
	if err != nil {
		return nil, err
	}
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	w.stmts[q] = st
	return st, nil
}

func (w *Writer) exec(q string, args ...any) error {
	st, err := w.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.Exec(args...)
	return err
}

// close releases the prepared statements (the transaction's end would too).
func (w *Writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.stmts = nil
}
