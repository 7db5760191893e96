package replica

import (
	"database/sql"
	"encoding/json"

	"gorm.io/gorm"
)

// tombstone is the value of the tombstone field of a deleted row. Fields is
// the clock of every field's value the deleting device had: an edit of any
// field it had not seen was made without knowing about the delete, so it
// brings the row back (edit beats delete). Comparing per field matters: the
// deleting device may have edited another field later than the unseen edit.
// Seen is the newest of those clocks; tombstones written before Fields
// existed carry only Seen and are judged by it.
type tombstone struct {
	At         int64            `json:"at"`
	Seen       int64            `json:"seen"`
	SeenDevice string           `json:"seen_device"`
	Fields     map[string]Clock `json:"fields,omitempty"`
}

// fieldClockOf is one field's clock, as stored in field_clocks.
type fieldClockOf struct {
	Field  string
	Hlc    int64
	Device string
}

// holds reports whether the delete still stands against the row's current
// field clocks (tombstone excluded): only if its author had seen every value.
func (t tombstone) holds(clocks []fieldClockOf) bool {
	for _, fc := range clocks {
		c := Clock{HLC: fc.Hlc, Device: fc.Device}
		if t.Fields == nil {
			if (Clock{HLC: t.Seen, Device: t.SeenDevice}).Less(c) {
				return false
			}
			continue
		}
		if seen, ok := t.Fields[fc.Field]; !ok || seen.Less(c) {
			return false
		}
	}
	return true
}

// rowFieldClocks returns the clocks of a row's fields other than the tombstone.
func rowFieldClocks(db *gorm.DB, table, id string) ([]fieldClockOf, error) {
	var rows []fieldClockOf
	err := db.Raw(`SELECT field, hlc, device FROM field_clocks WHERE entity = ? AND row_id = ? AND field <> ?`,
		table, id, FieldTombstone).Scan(&rows).Error
	return rows, err
}

// readRow returns the row's columns (nil map if it does not exist).
func readRow(db *gorm.DB, table, id string) (map[string]any, error) {
	rows, err := db.Raw("SELECT * FROM "+table+" WHERE id = ?", id).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanRow(rows)
}

// scanRow reads the first row of rows as a map of its columns (nil if there
// is none), with text as strings.
func scanRow(rows *sql.Rows) (map[string]any, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, rows.Err()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(cols))
	for i, c := range cols {
		if b, ok := vals[i].([]byte); ok {
			vals[i] = string(b)
		}
		out[c] = vals[i]
	}
	return out, nil
}

// sameValue compares a stored column value with a new one of the same kind.
func sameValue(old, new any) bool {
	switch n := new.(type) {
	case nil:
		return old == nil
	case float64:
		switch o := old.(type) {
		case float64:
			return o == n
		case int64:
			return float64(o) == n
		}
		return false
	case int64:
		switch o := old.(type) {
		case int64:
			return o == n
		case float64:
			return o == float64(n)
		}
		return false
	case string:
		o, ok := old.(string)
		return ok && o == n
	}
	return false
}

// fieldClock returns the clock of a field's current value.
func fieldClock(db *gorm.DB, table, id, field string) (Clock, bool, error) {
	var rows []Clock
	err := db.Raw("SELECT hlc, device FROM field_clocks WHERE entity = ? AND row_id = ? AND field = ?",
		table, id, field).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return Clock{}, false, err
	}
	return rows[0], true, nil
}

// deriveRow recomputes the row's updated_at and deleted_at from its field
// clocks and tombstone. Both are pure functions of synced state, so every
// device that has the same changes derives the same values.
func deriveRow(db *gorm.DB, table, id string) error {
	var newest []Clock
	if err := db.Raw(`SELECT hlc, device FROM field_clocks WHERE entity = ? AND row_id = ?
		ORDER BY hlc DESC LIMIT 1`, table, id).Scan(&newest).Error; err != nil {
		return err
	}
	var updated int64
	if len(newest) > 0 {
		updated = Millis(newest[0].HLC)
	}
	var deletedAt any
	row, err := readRow(db, table, id)
	if err != nil {
		return err
	}
	if s, ok := row[FieldTombstone].(string); ok && s != "" && s != "null" {
		var t tombstone
		if err := json.Unmarshal([]byte(s), &t); err == nil {
			clocks, err := rowFieldClocks(db, table, id)
			if err != nil {
				return err
			}
			if t.holds(clocks) {
				deletedAt = t.At
			}
		}
	}
	return db.Exec("UPDATE "+table+" SET updated_at = ?, deleted_at = ? WHERE id = ?", updated, deletedAt, id).Error
}
